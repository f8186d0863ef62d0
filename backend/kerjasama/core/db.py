"""Engine and session handling. One transaction per request; jobs and CLI commands use `Database.write()`.

SQLite has one write lock for the whole file. A *deferred* transaction (plain BEGIN) that reads first
and writes later must upgrade its read lock to the write lock; when another connection is writing,
SQLite refuses at once with "database is locked" (SQLITE_BUSY), whatever busy_timeout says, because
waiting could deadlock. So every transaction that may write starts with BEGIN IMMEDIATE: it takes the
write lock first, and a second writer waits for it (busy_timeout, KERJASAMA_DB_BUSY_TIMEOUT_SECONDS)
instead of failing. Writers are then serialised by the lock in one order and cannot deadlock; readers
(WAL) are never blocked. The places that write:

- request sessions of non-GET requests (`core/deps.py`), and the Idempotency-Key transaction that
  holds the request's own writes (`core/middleware.py`);
- jobs (reminders, webhook deliveries) and CLI commands: `with database.write() as session:`.

A lock or connection wait that still times out raises `OperationalError` ("database is locked") or
`sqlalchemy.exc.TimeoutError` (pool); `core.errors.is_unavailable()` tells them apart from bugs, and
requests answer them 503 with Retry-After (core/errors.py), never 500.

PostgreSQL needs none of this (row locks), but a statement that waits for a row lock held by another
transaction waits for it as long as that transaction lasts. Every connection therefore sets
`lock_timeout` (KERJASAMA_DB_LOCK_TIMEOUT_SECONDS): the wait ends with SQLSTATE 55P03
(LockNotAvailable, an OperationalError), answered 503 with Retry-After like the SQLite case. Both
engines get a bounded pool (KERJASAMA_DB_POOL_*).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from kerjasama.core import changes as _changes  # noqa: F401  (registers the change recorder on every Session)
from kerjasama.core.config import Settings, get_settings
from kerjasama.core.read_cache import ReadCache

# The execution option asking for BEGIN IMMEDIATE on SQLite (ignored elsewhere).
IMMEDIATE = {"ksd_immediate": True}


def _sqlite_pragmas(busy_timeout_ms: int) -> Any:
    def pragmas(dbapi_conn: Any, _record: Any) -> None:
        # WAL for concurrent readers, FULL sync so a committed registry entry survives power loss,
        # foreign keys because SQLite leaves them off by default.
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA synchronous=FULL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        cur.close()

    return pragmas


def _sqlite_begin(conn: Connection) -> None:
    # pysqlite's own BEGIN handling is switched off (isolation_level=None) so we emit it here;
    # writers ask for BEGIN IMMEDIATE through an execution option (see the module docstring).
    immediate = conn.get_execution_options().get("ksd_immediate", False)
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _default(name: str) -> Any:
    return Settings.model_fields[name].default


def make_engine(url: str, settings: Settings | None = None) -> Engine:
    """The engine for `url`, with the busy timeout and pool bounds of `settings` (their defaults without)."""
    busy_timeout: float = (
        settings.db_busy_timeout_seconds if settings else _default("db_busy_timeout_seconds")
    )
    pool: dict[str, Any] = {
        name: getattr(settings, field) if settings else _default(field)
        for name, field in (
            ("pool_size", "db_pool_size"),
            ("max_overflow", "db_pool_max_overflow"),
            ("pool_timeout", "db_pool_timeout_seconds"),
        )
    }
    if url.startswith("sqlite"):
        memory = url in ("sqlite://", "sqlite:///:memory:")
        # pysqlite's own timeout is the busy timeout too (it sets sqlite3_busy_timeout); the pragma
        # below says the same for every connection.
        engine = create_engine(
            url,
            connect_args={
                "check_same_thread": False,
                "isolation_level": None,
                "timeout": busy_timeout,
            },
            **({} if memory else pool),
        )
        event.listen(engine, "connect", _sqlite_pragmas(round(busy_timeout * 1000)))
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    lock_timeout: float = (
        settings.db_lock_timeout_seconds if settings else _default("db_lock_timeout_seconds")
    )
    # Sent in the startup packet, so it holds for every statement of every connection (a pooler in
    # transaction mode would drop it; then set it on the role: ALTER ROLE ... SET lock_timeout).
    options = f"-c lock_timeout={max(1, round(lock_timeout * 1000))}"
    return create_engine(url, pool_pre_ping=True, connect_args={"options": options}, **pool)


class Database:
    """Holds the engine and session factory for one app instance."""

    def __init__(self, settings: Settings | None = None, engine: Engine | None = None) -> None:
        self.settings = settings or get_settings()
        if engine is None:
            self.settings.data_dir.mkdir(parents=True, exist_ok=True)
            engine = make_engine(self.settings.effective_database_url, self.settings)
        self.engine = engine
        self.session_factory = sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)
        self.read_cache = ReadCache()

    def session(self) -> Session:
        return self.session_factory()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One committed write transaction (rolled back on error). On SQLite it begins IMMEDIATE, so it
        waits its turn for the write lock instead of failing half-way (see the module docstring)."""
        with self.session() as session, session.begin():
            begin_write(session)
            yield session


def begin_write(session: Session) -> None:
    """Start the session's transaction as a writer: BEGIN IMMEDIATE on SQLite. Call it before the
    session's first statement (a connection already procured keeps the BEGIN it had)."""
    if session.get_bind().dialect.name == "sqlite":
        session.connection(execution_options=IMMEDIATE)
