"""The reminder job commits in small batches and never holds the write lock for long (issue 12).

With many reminders due at once, each write transaction of the job inserts at most
`job.RECORD_BATCH` of them, and between two batches another writer can take SQLite's single write
lock at once (no busy wait: a zero timeout). Counted with SQLAlchemy's own connection and session
events on a real, committed database; nothing here measures time.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from sqlalchemy import Engine, event, func, select
from sqlalchemy.orm import Session, sessionmaker

from kerjasama import demo
from kerjasama.cli import alembic_config
from kerjasama.core.config import Settings
from kerjasama.core.db import Database, make_engine
from kerjasama.models import Agreement, Obligation, ObligationOccurrence, Reminder
from kerjasama.reminders import job
from tests.conftest import BACKEND, TEST_SECRET, fresh_database_url

TODAY = date(2026, 12, 1)
GARUT_KB = "DEMO/KB/2023/GARUT"  # a demo KB in force on TODAY
MANY = 3 * job.RECORD_BATCH + 7  # several full batches and a partial one


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[Settings, Engine]]:
    """A separate, committed database with the demo data (the job opens its own transactions)."""
    for url in fresh_database_url(tmp_path):
        settings = Settings(env="test", database_url=url, secret_key=TEST_SECRET, data_dir=tmp_path)
        eng = make_engine(url, settings)
        with eng.connect() as conn:
            cfg = alembic_config(url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
        with sessionmaker(eng)() as s, s.begin():
            demo.seed(s, settings)
        yield settings, eng
        eng.dispose()


def add_due_obligations(session: Session, n: int) -> None:
    """n one-off obligations of a KB in force, each due in 3 days: one reminder each on TODAY."""
    agreement = session.scalar(select(Agreement).where(Agreement.number == GARUT_KB))
    assert agreement is not None
    due = TODAY + timedelta(days=3)
    for k in range(n):
        ob = Obligation(
            agreement_id=agreement.id,
            kind="KEWAJIBAN",
            description=f"Menyerahkan laporan stok bahan pangan pokok, pasar {k + 1}",
            clause_reference="Pasal 5",
            schedule_type="one_off",
            due_date=due,
        )
        session.add(ob)
        session.flush()
        session.add(
            ObligationOccurrence(obligation_id=ob.id, seq=1, period_start=due, due_date=due, status="pending")
        )


def test_many_due_reminders_are_written_in_small_transactions(live: tuple[Settings, Engine]) -> None:
    settings, eng = live
    with sessionmaker(eng)() as s, s.begin():
        add_due_obligations(s, MANY)

    # Reminder inserts per write transaction of the job, in order.
    per_transaction: list[int] = []
    # SQLite: did another writer get the write lock, at once, after each batch committed?
    others_got_in: list[bool] = []

    def on_begin(_conn: Any) -> None:
        per_transaction.append(0)

    def on_execute(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO REMINDER ") and per_transaction:
            per_transaction[-1] += 1

    database = Database(settings, engine=eng)

    def after_commit(_session: Session) -> None:
        if BACKEND != "sqlite" or not per_transaction or per_transaction[-1] == 0:
            return
        other = sqlite3.connect(eng.url.database or "", timeout=0, isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # fails at once ("database is locked") if the lock is held
            other.execute("COMMIT")
            others_got_in.append(True)
        except sqlite3.OperationalError:
            others_got_in.append(False)
        finally:
            other.close()

    event.listen(eng, "begin", on_begin)
    event.listen(eng, "before_cursor_execute", on_execute)
    event.listen(database.session_factory, "after_commit", after_commit)
    try:
        summary = job.run(database, settings, today=TODAY)
    finally:
        event.remove(eng, "begin", on_begin)
        event.remove(eng, "before_cursor_execute", on_execute)
        event.remove(database.session_factory, "after_commit", after_commit)

    with sessionmaker(eng)() as s:
        stored = int(s.scalar(select(func.count()).select_from(Reminder)) or 0)
    assert not summary.locked_out
    assert summary.reminders == stored >= MANY  # every due obligation reminded (and the demo's own)
    writes = [n for n in per_transaction if n]
    assert sum(writes) == stored  # each reminder inserted once, all counted
    assert max(writes) <= job.RECORD_BATCH, writes  # no transaction holds more than one batch
    assert len(writes) >= math.ceil(stored / job.RECORD_BATCH) >= 4, writes
    if BACKEND == "sqlite":
        # After every batch the write lock was free: a request or CLI command gets in between.
        assert others_got_in == [True] * len(writes), others_got_in
