"""Engine and session handling. One transaction per request; jobs use `with session.begin()`."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from kerjasama.core import changes as _changes  # noqa: F401  (registers the change recorder on every Session)
from kerjasama.core.config import Settings, get_settings


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # WAL for concurrent readers, FULL sync so a committed registry entry survives power loss,
    # foreign keys because SQLite leaves them off by default.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=FULL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=5000")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    # pysqlite's own BEGIN handling is switched off (isolation_level=None) so we emit it here;
    # write requests ask for BEGIN IMMEDIATE through an execution option (see core/deps.py).
    immediate = conn.get_execution_options().get("ksd_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def make_engine(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "isolation_level": None})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return create_engine(url, pool_pre_ping=True)


class Database:
    """Holds the engine and session factory for one app instance."""

    def __init__(self, settings: Settings | None = None, engine: Engine | None = None) -> None:
        self.settings = settings or get_settings()
        if engine is None:
            self.settings.data_dir.mkdir(parents=True, exist_ok=True)
            engine = make_engine(self.settings.effective_database_url)
        self.engine = engine
        self.session_factory = sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)

    def session(self) -> Session:
        return self.session_factory()
