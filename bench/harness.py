"""What the benchmark scripts share: a fresh migrated database with the demo data on SQLite or
PostgreSQL, dropped afterwards; tokens for demo users; a timer for GET requests."""

from __future__ import annotations

import statistics
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kerjasama import demo
from kerjasama.cli import alembic_config
from kerjasama.core.config import Settings
from kerjasama.core.db import make_engine
from kerjasama.core.security import create_access_token
from kerjasama.models import UserAccount

PG = "postgresql://postgres@127.0.0.1:5432/postgres"


@contextmanager
def fresh_database(backend: str, **settings: Any) -> Iterator[tuple[Settings, Engine]]:
    """A new database built by the migrations, with the demo data; removed when the block ends."""
    with tempfile.TemporaryDirectory() as tmp:
        if backend == "sqlite":
            url, dbname = f"sqlite:///{tmp}/bench.db", None
        else:
            dbname = f"ksd_bench_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(PG, autocommit=True) as c:
                c.execute(f'CREATE DATABASE "{dbname}"')
            url = f"postgresql+psycopg://postgres@127.0.0.1:5432/{dbname}"
        engine = make_engine(url)
        try:
            config = Settings(database_url=url, data_dir=Path(tmp), env="test", **settings)
            command.upgrade(alembic_config(url), "head")
            with Session(engine) as s, s.begin():
                demo.seed(s, config)
            yield config, engine
        finally:
            engine.dispose()
            if dbname:
                with psycopg.connect(PG, autocommit=True) as c:
                    c.execute(f'DROP DATABASE IF EXISTS "{dbname}" WITH (FORCE)')


def analyze(engine: Engine) -> None:
    """Fresh planner statistics after a bulk load, and the GIN pending lists merged (PostgreSQL; SQLite
    needs none here). Rows COPYed after the trigram indexes exist wait in each GIN index's pending
    list until a VACUUM: until then a search scans the list (26 ms for 20 000 partners instead of
    0.1 ms) and the planner, seeing that cost, scans the table instead. A live database gets the same
    from autovacuum; the benchmark must not measure the moment before it."""
    if engine.dialect.name == "postgresql":
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as c:
            c.exec_driver_sql("VACUUM ANALYZE")


def token(engine: Engine, settings: Settings, username: str) -> str:
    with Session(engine) as s:
        user = s.scalar(select(UserAccount).where(UserAccount.username == username))
        assert user is not None
        return create_access_token(subject=user.id, role=user.role, secret=settings.secret_key, minutes=60)[0]


def timed(
    client: TestClient, url: str, params: dict[str, object] | None = None, n: int = 30
) -> tuple[float, float]:
    """p50 and p95 in ms of n GETs (each must answer 200)."""
    samples = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = client.get(url, params=params)
        samples.append((time.perf_counter() - t0) * 1000)
        assert r.status_code == 200, r.text
    samples.sort()
    return statistics.median(samples), samples[int(len(samples) * 0.95) - 1]
