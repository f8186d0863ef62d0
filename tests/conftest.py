"""Test fixtures: one fresh database per run, built by the migrations; each test in a rolled-back transaction.

KERJASAMA_TEST_BACKEND=sqlite (default) uses a SQLite file in a temp dir;
KERJASAMA_TEST_BACKEND=postgres creates a new database on KERJASAMA_TEST_POSTGRES_URL and drops it after.
"""

from __future__ import annotations

import os
import secrets
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest
from alembic import command
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, Engine, select
from sqlalchemy.orm import Session, sessionmaker

from kerjasama import demo
from kerjasama.cli import alembic_config
from kerjasama.core.config import Settings
from kerjasama.core.db import Database, make_engine
from kerjasama.core.security import create_access_token
from kerjasama.main import create_app
from kerjasama.models import UserAccount

BACKEND = os.environ.get("KERJASAMA_TEST_BACKEND", "sqlite")
PG_URL = os.environ.get("KERJASAMA_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
TEST_SECRET = secrets.token_urlsafe(48)


def pytest_report_header() -> str:
    return f"kerjasama database backend: {BACKEND}"


def _pg_admin_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def _pg_db_url(name: str) -> str:
    base = _pg_admin_url(PG_URL).rsplit("/", 1)[0]
    return f"postgresql+psycopg://{base.removeprefix('postgresql://')}/{name}"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    yield from fresh_database_url(tmp_path_factory.mktemp("db"))


def fresh_database_url(tmp: Path) -> Iterator[str]:
    """A brand-new empty database on the selected backend; dropped afterwards."""
    if BACKEND == "sqlite":
        yield f"sqlite:///{tmp / 'test.db'}"
        return
    name = f"ksd_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_pg_admin_url(PG_URL), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield _pg_db_url(name)
    finally:
        with psycopg.connect(_pg_admin_url(PG_URL), autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def settings(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    return Settings(
        env="test",
        database_url=database_url,
        secret_key=TEST_SECRET,
        data_dir=tmp_path_factory.mktemp("data"),
        login_max_failures=3,
        login_window_seconds=300,
        max_request_mb=1,
        # the open-data rate limit has its own tests (test_public_register); the matrix and
        # schemathesis send thousands of anonymous requests from one address through one app
        public_rate_burst=1_000_000,
    )


@pytest.fixture(scope="session")
def engine(settings: Settings) -> Iterator[Engine]:
    """Migrated to head and loaded with reference + demo data, committed once for the whole run."""
    eng = make_engine(settings.effective_database_url)
    with eng.connect() as conn:
        cfg = alembic_config(settings.effective_database_url)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.commit()
    with Session(eng) as session, session.begin():
        demo.seed(session, settings)
    yield eng
    eng.dispose()


@pytest.fixture
def connection(engine: Engine) -> Iterator[Connection]:
    conn = engine.connect()
    trans = conn.begin()
    try:
        yield conn
    finally:
        trans.rollback()
        conn.close()


@pytest.fixture
def database(connection: Connection, settings: Settings, engine: Engine) -> Database:
    """A Database whose sessions live inside the test's transaction: app commits become savepoints."""
    db = Database(settings, engine=engine)
    db.session_factory = sessionmaker(
        bind=connection, expire_on_commit=False, autoflush=False, join_transaction_mode="create_savepoint"
    )
    return db


@pytest.fixture
def session(database: Database) -> Iterator[Session]:
    with database.session() as s:
        yield s


@pytest.fixture
def app(settings: Settings, database: Database) -> FastAPI:
    return create_app(settings, database, spa_dir=Path("/nonexistent"))


@pytest.fixture
def anon(app: FastAPI) -> Iterator[TestClient]:
    with TestClient(app, base_url="https://testserver") as c:
        yield c


def token_for(session: Session, settings: Settings, username: str) -> str:
    user = session.scalar(select(UserAccount).where(UserAccount.username == username))
    assert user is not None, username
    token, _ = create_access_token(subject=user.id, role=user.role, secret=settings.secret_key, minutes=15)
    return token


# Demo users, one per role (see kerjasama/demo.py).
USERS = {
    "admin": "admin",
    "secretariat": "sekretariat",
    "tkksd": "tkksd",
    "opd_head": "kadis.dlh",
    "opd_operator": "operator.dinkes",
    "viewer": "pimpinan",
    "province": "biro.otda",
}


@pytest.fixture
def client_for(app: FastAPI, session: Session, settings: Settings) -> Iterator[Callable[[str], TestClient]]:
    """client_for('secretariat') → a TestClient signed in as that demo role (or a username)."""
    clients: list[TestClient] = []

    def make(role_or_username: str) -> TestClient:
        username = USERS.get(role_or_username, role_or_username)
        c = TestClient(app, base_url="https://testserver")
        c.headers["Authorization"] = f"Bearer {token_for(session, settings, username)}"
        clients.append(c)
        return c

    yield make
    for c in clients:
        c.close()


@pytest.fixture
def admin(client_for: Callable[[str], TestClient]) -> TestClient:
    return client_for("admin")


@pytest.fixture
def secretariat(client_for: Callable[[str], TestClient]) -> TestClient:
    return client_for("secretariat")
