"""`kerjasama deliver-webhooks` as a real subprocess on its own SQLite file, sending to a local receiver."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import uuid
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.orm import Session
from standardwebhooks import Webhook

from kerjasama.core.db import make_engine
from kerjasama.integration.webhooks import signing
from kerjasama.models import UserAccount, WebhookSubscription
from kerjasama.models.integration import ChangeEvent
from tests.conftest import BACKEND

pytestmark = pytest.mark.skipif(BACKEND != "sqlite", reason="CLI runs once, on its own SQLite file")
KERJASAMA = str(Path(sys.executable).with_name("kerjasama"))


def run(data_dir: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {
        **os.environ,
        "KERJASAMA_DATA_DIR": str(data_dir),
        "KERJASAMA_DATABASE_URL": "",
        **(env or {}),
    }
    return subprocess.run(
        [KERJASAMA, *args], capture_output=True, text=True, env=full_env, timeout=120, check=False
    )


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[Any], list[str]]]:
    secret = signing.new_secret()
    received: list[Any] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            received.append(Webhook(secret).verify(body, dict(self.headers.items())))
            self.send_response(204)
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/in", received, [secret]
    finally:
        server.shutdown()
        server.server_close()


def test_deliver_webhooks_command(tmp_path: Path, receiver: tuple[str, list[Any], list[str]]) -> None:
    url, received, (secret,) = receiver
    assert run(tmp_path, "db", "upgrade").returncode == 0
    engine = make_engine(f"sqlite:///{tmp_path / 'kerjasama.db'}")
    gone = uuid.uuid4()
    with Session(engine) as session, session.begin():
        owner = UserAccount(username="admin.uji", password_hash="!", role="admin", full_name="Admin Uji")
        session.add(owner)
        session.flush()
        session.add(
            WebhookSubscription(owner_id=owner.id, url=url, event_types=["*"], secret=secret, last_seq=0)
        )
        # An agreement that no longer exists: the event renders as a tombstone.
        session.add(ChangeEvent(entity_type="agreement", entity_id=gone, agreement_id=gone, op="delete"))
    engine.dispose()

    env = {"KERJASAMA_WEBHOOK_ALLOWED_HOSTS": "127.0.0.1/32"}
    r = run(tmp_path, "deliver-webhooks", env=env)
    assert r.returncode == 0, r.stderr
    assert "deliveries queued:  1" in r.stdout and "delivered:          1" in r.stdout, r.stdout
    assert [(e["type"], e["data"]["entity_id"], e["data"]["entity"]) for e in received] == [
        ("agreement.delete", str(gone), None)
    ]
    again = run(tmp_path, "deliver-webhooks", env=env)  # nothing twice
    assert "delivered:          0" in again.stdout and len(received) == 1
    assert run(tmp_path, "deliver-webhooks", "--help").returncode == 0
