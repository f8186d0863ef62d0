"""Several workers at once (threads with their own connections, on a committed database): every event is
delivered exactly once. On PostgreSQL this exercises the SKIP LOCKED claims; on SQLite the single writer."""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kerjasama.cli import alembic_config
from kerjasama.core.config import Settings
from kerjasama.core.db import Database, make_engine
from kerjasama.integration.webhooks import job, signing
from kerjasama.models import UserAccount, WebhookDelivery, WebhookSubscription
from kerjasama.models.integration import ChangeEvent
from tests.conftest import fresh_database_url

EVENTS = 60
WORKERS = 3


@pytest.fixture
def committed_engine(tmp_path: Path) -> Iterator[tuple[str, Engine]]:
    for url in fresh_database_url(tmp_path):
        command.upgrade(alembic_config(url), "head")
        engine = make_engine(url)
        try:
            yield url, engine
        finally:
            engine.dispose()


@pytest.fixture
def counting_receiver() -> Iterator[tuple[str, Counter[str]]]:
    seen: Counter[str] = Counter()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            with lock:
                seen[self.headers["webhook-id"]] += 1
            self.send_response(200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/in", seen
    finally:
        server.shutdown()
        server.server_close()


def test_parallel_workers_deliver_each_event_once(
    committed_engine: tuple[str, Engine], counting_receiver: tuple[str, Counter[str]], tmp_path: Path
) -> None:
    url, engine = committed_engine
    receiver_url, seen = counting_receiver
    settings = Settings(
        env="test", database_url=url, data_dir=tmp_path, webhook_allowed_hosts=["127.0.0.1/32"]
    )
    with Session(engine) as session, session.begin():
        owner = UserAccount(username="admin.uji", password_hash="!", role="admin", full_name="Admin Uji")
        session.add(owner)
        session.flush()
        for n in range(2):
            session.add(
                WebhookSubscription(
                    owner_id=owner.id,
                    url=f"{receiver_url}/{n}",
                    event_types=["*"],
                    secret=signing.new_secret(),
                    last_seq=0,
                )
            )
        for _ in range(EVENTS):
            gone = uuid.uuid4()
            session.add(ChangeEvent(entity_type="agreement", entity_id=gone, agreement_id=gone, op="delete"))

    start = threading.Barrier(WORKERS)
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            start.wait()
            job.run(Database(settings, engine=engine), settings)
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(WORKERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []

    with Session(engine) as session:
        rows = session.execute(select(WebhookDelivery.id, WebhookDelivery.status)).all()
    assert len(rows) == 2 * EVENTS
    assert {status for _, status in rows} == {"delivered"}
    assert set(seen) == {str(i) for i, _ in rows}
    assert max(seen.values()) == 1, "a delivery was sent twice"
