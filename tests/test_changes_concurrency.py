"""The change feed never skips a change committed late by a slower concurrent transaction (PostgreSQL).

Transaction A records its events and is held inside COMMIT; transaction B then tries to commit. With
sequence numbers handed out in commit order, B must wait for A, so a reader polling in between sees
neither; afterwards it sees both, A first. Without that ordering B would commit a higher seq first,
the reader would save a cursor past A's seq, and A's change would be lost to it.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Iterator

import pytest
from alembic import command
from sqlalchemy import event, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kerjasama import demo
from kerjasama.cli import alembic_config
from kerjasama.core.config import Settings
from kerjasama.core.db import make_engine
from kerjasama.models import Partner
from kerjasama.models.integration import ChangeEvent
from tests.conftest import BACKEND, TEST_SECRET, fresh_database_url

pytestmark = pytest.mark.skipif(
    BACKEND != "postgres", reason="SQLite has one writer at a time: there is no concurrent commit to order"
)


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    tmp = tmp_path_factory.mktemp("concurrency")
    for url in fresh_database_url(tmp):
        settings = Settings(env="test", database_url=url, secret_key=TEST_SECRET, data_dir=tmp / "data")
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


def _rename(engine: Engine, partner_id: uuid.UUID, name: str) -> None:
    with Session(engine) as session, session.begin():
        partner = session.get(Partner, partner_id)
        assert partner is not None
        partner.name = name


def _seqs_after(engine: Engine, seq: int) -> list[tuple[int, uuid.UUID]]:
    with Session(engine) as session:
        rows = session.execute(
            select(ChangeEvent.seq, ChangeEvent.entity_id)
            .where(ChangeEvent.seq > seq, ChangeEvent.entity_type == "partner")
            .order_by(ChangeEvent.seq)
        )
        return [(s, e) for s, e in rows]


def test_a_late_commit_is_never_skipped(engine: Engine) -> None:
    with Session(engine) as session:
        first, second = session.scalars(select(Partner.id).order_by(Partner.name).limit(2)).all()
        cursor = session.scalar(select(ChangeEvent.seq).order_by(ChangeEvent.seq.desc()).limit(1)) or 0

    a_in_commit, release_a = threading.Event(), threading.Event()
    held = threading.local()

    @event.listens_for(engine, "commit")
    def hold_a(conn: object) -> None:
        if getattr(held, "hold", False):
            a_in_commit.set()
            release_a.wait(timeout=120)

    def writer_a() -> None:
        held.hold = True
        _rename(engine, first, "Mitra A (uji bersamaan)")

    a = threading.Thread(target=writer_a)
    b = threading.Thread(target=_rename, args=(engine, second, "Mitra B (uji bersamaan)"))
    try:
        a.start()
        assert a_in_commit.wait(timeout=120), "A never reached its commit"
        b.start()
        b.join(timeout=3)  # B must not get through while A holds the feed's order
        seen_while_a_pending = _seqs_after(engine, cursor)
        assert seen_while_a_pending == [], "a reader saw a change while an earlier one was uncommitted"
        assert b.is_alive(), "B committed while A, which took an earlier place in the feed, had not"
    finally:
        release_a.set()
        a.join(timeout=120)
        b.join(timeout=120)
        event.remove(engine, "commit", hold_a)
    after = _seqs_after(engine, cursor)
    assert [e for _, e in after] == [first, second]
