"""bench/seed.py (issue 16, item 1) at a tiny size on the test backend's kind of database: the counts, the
same rows from two runs, and the API answering the demo users on the seeded data."""

from __future__ import annotations

import importlib.util
import os
import secrets
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kerjasama import demo
from kerjasama.core.config import Settings
from kerjasama.core.db import Database, make_engine
from kerjasama.core.security import create_access_token
from kerjasama.main import create_app
from kerjasama.models import Agreement, MonitoringReport, ObligationOccurrence, Partner, Region, UserAccount

BENCH = Path(__file__).resolve().parents[1] / "bench"
BACKEND = os.environ.get("KERJASAMA_TEST_BACKEND", "sqlite")
PG = "postgresql://postgres@127.0.0.1:5432"
N = 200


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_seed", BENCH / "seed.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_seed"] = module
    spec.loader.exec_module(module)
    return module


bench_seed = _load()


@pytest.fixture
def urls(tmp_path: Path) -> Iterator[list[str]]:
    if BACKEND == "sqlite":
        out = [f"sqlite:///{tmp_path / f'seed{i}.db'}" for i in range(2)]
    else:
        out = [f"{PG}/ksd_seedtest_{uuid.uuid4().hex[:10]}" for _ in range(2)]
    try:
        yield out
    finally:
        for url in out:
            bench_seed.drop_database(url)


def test_seed_counts_determinism_and_api(urls: list[str], tmp_path: Path) -> None:
    settings = [
        Settings(database_url=url, data_dir=tmp_path, env="test", secret_key=secrets.token_urlsafe(48))
        for url in urls
    ]
    results = [bench_seed.seed(url, N, settings=s) for url, s in zip(urls, settings, strict=True)]
    engines = [make_engine(r.url) for r in results]
    try:
        first = results[0]
        assert first.count("agreement") == N
        assert first.count("region") >= 500
        assert first.count("partner") == 700
        assert first.count("obligation_occurrence") > 5 * N
        assert first.count("monitoring_report") > N
        assert first.count("audit_entry") >= N + first.count("partner")
        with Session(engines[0]) as s:
            seeded = s.scalar(select(func.count()).select_from(Agreement).where(Agreement.is_demo.is_(False)))
            assert seeded == N
            assert s.scalar(select(func.count()).select_from(Region)) == first.count("region")
            # the demo's region partners are the seed's own (one partner per region)
            assert s.scalar(select(func.count()).select_from(Partner)) == first.count("partner") + 2
            assert s.scalar(select(func.count()).select_from(ObligationOccurrence)) >= first.count(
                "obligation_occurrence"
            )
            assert s.scalar(select(func.count()).select_from(MonitoringReport)) >= first.count(
                "monitoring_report"
            )
            kinds = set(s.scalars(select(Agreement.kind).where(Agreement.is_demo.is_(False))))
            assert {"KB", "PKS", "ADENDUM", "NK"} <= kinds
            families = s.scalar(
                select(func.count()).select_from(Agreement).where(Agreement.parent_id.is_not(None))
            )
            assert families and families > N // 5

        # same arguments, same rows
        digests = [bench_seed.digest(e) for e in engines]
        assert digests[0] == digests[1]
        assert [r.count(t) for r in results for t in ("agreement", "obligation_occurrence")] == [
            results[0].count(t) for _ in results for t in ("agreement", "obligation_occurrence")
        ]

        # the API serves it to every demo user
        app = create_app(settings[0], Database(settings[0], engine=engines[0]), spa_dir=Path("/nonexistent"))
        with TestClient(app, base_url="https://testserver") as client, Session(engines[0]) as s:
            for login in demo.LOGINS:
                user = s.scalar(select(UserAccount).where(UserAccount.username == login.username))
                assert user is not None
                bearer = create_access_token(
                    subject=user.id, role=user.role, secret=settings[0].secret_key, minutes=15
                )[0]
                headers = {"Authorization": f"Bearer {bearer}"}
                page = client.get(
                    "/api/v1/agreements", params={"limit": 50, "sort": "-signed_date"}, headers=headers
                )
                assert page.status_code == 200, (login.username, page.text)
                items = page.json()["items"]
                assert items, login.username
                seeded_items = [i for i in items if bench_seed.is_seeded(i["id"])]
                for item in (seeded_items or items)[:3]:
                    detail = client.get(f"/api/v1/agreements/{item['id']}", headers=headers)
                    assert detail.status_code == 200, (login.username, detail.text)
                dashboard = client.get("/api/v1/dashboard", headers=headers)
                assert dashboard.status_code == 200, (login.username, dashboard.text)
    finally:
        for e in engines:
            e.dispose()
