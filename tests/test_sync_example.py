"""docs/examples/sync_changes.py, run as an integrator would: a subprocess against a live HTTP server.

The server runs uvicorn in a thread on a fresh database (committed data, not a rolled-back test
transaction). The script's store must equal a full read of the API by the same service account, after a
first sync and again after changes (including a record leaving the province's view).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import uvicorn
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama import demo
from kerjasama.cli import alembic_config
from kerjasama.core.config import Settings
from kerjasama.core.db import Database, make_engine
from kerjasama.main import create_app
from kerjasama.models import Agreement
from tests.conftest import TEST_SECRET, fresh_database_url
from tests.test_changes import full_read

EXAMPLES = Path(__file__).resolve().parents[1] / "docs" / "examples"
SCRIPT = EXAMPLES / "sync_changes.py"
GENERATED_SCRIPT = EXAMPLES / "sync_with_generated_client.py"


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, TestClient, Database]]:
    tmp = tmp_path_factory.mktemp("live")
    for url in fresh_database_url(tmp):
        settings = Settings(env="test", database_url=url, secret_key=TEST_SECRET, data_dir=tmp / "data")
        engine = make_engine(settings.effective_database_url)
        with engine.connect() as conn:
            cfg = alembic_config(settings.effective_database_url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
        with Session(engine) as session, session.begin():
            demo.seed(session, settings)
        database = Database(settings, engine=engine)
        app = create_app(settings, database, spa_dir=Path("/nonexistent"), run_reminders=False)
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
        thread = threading.Thread(target=server.run, daemon=True)
        thread.start()
        for _ in range(600):  # generous: a busy CI machine may take a while to start the thread
            if server.started:
                break
            time.sleep(0.1)
        assert server.started, "uvicorn did not start"
        with TestClient(app, base_url="https://testserver") as client:
            yield f"http://127.0.0.1:{port}", client, database
        server.should_exit = True
        thread.join(timeout=30)
        engine.dispose()


def _run(
    base: str, client_id: str, secret: str, state: Path, script: Path = SCRIPT, path: str = ""
) -> dict[str, Any]:
    env = {**os.environ, "KSD_URL": base, "KSD_CLIENT_ID": client_id, "KSD_CLIENT_SECRET": secret}
    if path:
        env["PYTHONPATH"] = path
    done = subprocess.run(
        [sys.executable, str(script), str(state)], env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    summary: dict[str, Any] = json.loads(done.stdout)
    return summary


def _store(state: Path) -> dict[tuple[str, str], Any]:
    records = json.loads(state.read_text(encoding="utf-8"))["records"]
    return {tuple(k.split("/", 1)): v for k, v in records.items()}  # type: ignore[misc]


def _service_account(client: TestClient, name: str) -> tuple[str, str, TestClient]:
    """A province service account: (client_id, secret, an in-process client signed in as it)."""
    login = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": "admin", "password": demo.DEMO_PASSWORD},
    )
    admin = {"Authorization": f"Bearer {login.json()['access_token']}"}
    created = client.post("/api/v1/service-accounts", json={"name": name, "role": "province"}, headers=admin)
    assert created.status_code == 201, created.text
    cid, secret = created.json()["client_id"], created.json()["client_secret"]
    token = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": cid, "client_secret": secret},
    ).json()["access_token"]
    province = TestClient(client.app, base_url="https://testserver")
    province.headers["Authorization"] = f"Bearer {token}"
    return cid, secret, province


def test_a_generated_python_client_syncs_the_same(
    live: tuple[str, TestClient, Database], tmp_path: Path
) -> None:
    """Integrators generate clients from /openapi.json: generate one (openapi-python-client) and sync with it."""
    base, client, _ = live
    spec = tmp_path / "openapi.json"
    spec.write_text(json.dumps(client.get("/openapi.json").json()), encoding="utf-8")
    bin_dir = Path(sys.executable).parent
    generated = subprocess.run(
        [
            str(bin_dir / "openapi-python-client"),
            "generate",
            "--path",
            str(spec),
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / "ksd_client"),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"},
    )
    assert (tmp_path / "ksd_client" / "api" / "changes" / "changes_list.py").exists(), generated.stdout[
        -3000:
    ]
    cid, secret, province = _service_account(client, "Biro Otonomi Daerah (klien tergenerasi)")
    state = tmp_path / "state.json"
    _run(base, cid, secret, state, GENERATED_SCRIPT, str(tmp_path))
    assert _store(state) == full_read(province)


def test_example_script_keeps_a_faithful_copy(live: tuple[str, TestClient, Database], tmp_path: Path) -> None:
    base, client, database = live
    login = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": "admin", "password": demo.DEMO_PASSWORD},
    )
    admin = {"Authorization": f"Bearer {login.json()['access_token']}"}
    created = client.post(
        "/api/v1/service-accounts",
        json={"name": "Biro Otonomi Daerah (uji skrip)", "role": "province"},
        headers=admin,
    )
    assert created.status_code == 201, created.text
    cid, secret = created.json()["client_id"], created.json()["client_secret"]
    token = client.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": cid, "client_secret": secret},
    ).json()["access_token"]
    province = TestClient(client.app, base_url="https://testserver")
    province.headers["Authorization"] = f"Bearer {token}"

    state = tmp_path / "state.json"
    summary = _run(base, cid, secret, state)
    assert summary["records"]["agreement"] >= 1
    assert _store(state) == full_read(province)

    # Changes in between: a renamed partner, an agreement leaving the province's view.
    partner = client.get("/api/v1/partners", headers=admin).json()["items"][0]
    url = f"/api/v1/partners/{partner['id']}"
    etag = client.get(url, headers=admin).headers["etag"]
    assert client.patch(
        url, json={"name": partner["name"] + " (baru)"}, headers={**admin, "If-Match": etag}
    ).is_success
    with database.session() as session, session.begin():
        leaving = session.scalars(select(Agreement).where(Agreement.status == "in_force")).first()
        assert leaving is not None
        leaving.status = "cancelled"
        leaving_id = str(leaving.id)

    _run(base, cid, secret, state)
    store = _store(state)
    assert ("agreement", leaving_id) not in store
    assert store[("partner", partner["id"])]["name"].endswith("(baru)")
    assert store == full_read(province)
