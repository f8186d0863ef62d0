"""Every shell example of docs/api.md, run as a reader would: against a live `kerjasama serve`.

The server is the real command line (`kerjasama db upgrade`, `seed-demo`, `serve --port P` on a free
port, without KERJASAMA_PUBLIC_BASE_URL), so the calendar-feed example also shows that the feed URL
follows the port the server listens on. The guide's `sh` blocks run in order in one bash session
(later blocks use what earlier ones set, as a reader's terminal would); `curl` is wrapped to fail on
an HTTP error status, so an example that the server refuses fails this test, naming it.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from kerjasama.core.config import Settings
from tests.conftest import TEST_SECRET, fresh_database_url

ROOT = Path(__file__).resolve().parents[1]
GUIDE = ROOT / "docs" / "api.md"
KERJASAMA = str(Path(sys.executable).parent / "kerjasama")
DEFAULT_BASE = "http://127.0.0.1:8000/api/v1"

# What the guide assumes the reader has at hand: a PDF to upload (the evidence of a fulfilment).
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

# Each example's curl fails on an HTTP error (exit 22); the failing command is written to $FAILS.
PRELUDE = """set -eu
curl() {
  local rc=0
  command curl --fail-with-body "$@" || rc=$?
  if [ "$rc" = 22 ]; then echo "HTTP error from: curl $*" >> "$FAILS"; echo "HTTP error from: curl $*" >&2; fi
  return "$rc"
}
"""


def sh_blocks(text: str) -> list[tuple[int, str]]:
    """The ```sh blocks of a Markdown text, with the line each starts on."""
    return [
        (text[: m.start()].count("\n") + 1, m.group(1))
        for m in re.finditer(r"^```sh\n(.*?)^```$", text, flags=re.S | re.M)
    ]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    """A `kerjasama serve` with demo data on a free port; (port, a working directory for the examples)."""
    tmp = tmp_path_factory.mktemp("served")
    for url in fresh_database_url(tmp):
        env = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith("KERJASAMA_") and k not in ("HOST", "PORT")
        }
        env.update(
            KERJASAMA_ENV="dev",
            KERJASAMA_DATABASE_URL=url,
            KERJASAMA_DATA_DIR=str(tmp / "data"),
            KERJASAMA_SECRET_KEY=TEST_SECRET,
            KERJASAMA_REMINDERS_IN_PROCESS="false",
        )
        for command in (["db", "upgrade"], ["seed-demo"], ["remind"]):  # remind: the day's notifications
            done = subprocess.run(
                [KERJASAMA, *command], cwd=tmp, env=env, capture_output=True, text=True, timeout=600
            )
            assert done.returncode == 0, done.stderr
        port = _free_port()
        log = (tmp / "serve.log").open("wb")
        server = subprocess.Popen(
            [KERJASAMA, "serve", "--port", str(port)], cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            for _ in range(1200):  # until it answers (a busy machine may take a while to import)
                try:
                    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5):
                        break
                except OSError:
                    assert server.poll() is None, (tmp / "serve.log").read_text()
                    time.sleep(0.05)
            work = tmp / "work"
            work.mkdir()
            yield port, work
        finally:
            server.terminate()
            server.wait(timeout=30)
            log.close()


def _service_account(port: int) -> tuple[str, str]:
    """A province service account made by the admin: what the guide's client-credentials example needs."""
    import json

    base = f"http://127.0.0.1:{port}/api/v1"
    form = b"grant_type=password&username=admin&password=cimahi-demo-2026"
    with urllib.request.urlopen(urllib.request.Request(f"{base}/auth/token", data=form)) as r:
        token = json.load(r)["access_token"]
    body = json.dumps({"name": "Contoh docs/api.md", "role": "province"}).encode()
    request = urllib.request.Request(
        f"{base}/service-accounts",
        data=body,
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request) as r:
        created = json.load(r)
    return created["client_id"], created["client_secret"]


def test_the_guide_has_its_examples() -> None:
    blocks = sh_blocks(GUIDE.read_text(encoding="utf-8"))
    assert len(blocks) >= 20
    assert DEFAULT_BASE in blocks[0][1], "the first example sets BASE"


def test_every_example_of_the_api_guide_works_against_a_live_server(served: tuple[int, Path]) -> None:
    port, work = served
    text = GUIDE.read_text(encoding="utf-8")
    assert DEFAULT_BASE in text
    text = text.replace(DEFAULT_BASE, f"http://127.0.0.1:{port}/api/v1")
    parts = [PRELUDE]
    for line, block in sh_blocks(text):
        parts.append(f'echo "=== docs/api.md line {line}"\n{block}')
    script = work / "examples.sh"
    script.write_text("\n".join(parts), encoding="utf-8")
    (work / "ba.pdf").write_bytes(PDF)
    client_id, secret = _service_account(port)
    fails = work / "fails.txt"
    env = {
        **os.environ,
        "FAILS": str(fails),
        "KSD_CLIENT_ID": client_id,
        "KSD_CLIENT_SECRET": secret,
    }
    done = subprocess.run(
        ["bash", str(script)], cwd=work, env=env, capture_output=True, text=True, timeout=300
    )
    failed = fails.read_text() if fails.exists() else ""
    # curl -s writes nothing on stderr, so anything there (an unbound variable, a jq error) is a fault
    assert done.returncode == 0 and not failed and not done.stderr, (
        f"{failed}\n{done.stderr[-4000:]}\n{done.stdout[-4000:]}"
    )
    out = done.stdout
    # the calendar feed's URL answers on this server's port (no KERJASAMA_PUBLIC_BASE_URL set)
    assert "BEGIN:VCALENDAR" in out
    assert f"http://127.0.0.1:{port}/api/v1/calendar/" in out
    # the transition example moved the new draft on
    assert '"stage": "drafting"' in out


def test_the_base_url_follows_host_and_port_unless_configured(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("PORT", "8765")
    assert Settings(public_base_url="").base_url == "http://127.0.0.1:8765"
    monkeypatch.setenv("HOST", "registry.local")
    assert Settings(public_base_url="").base_url == "http://registry.local:8765"
    assert Settings(public_base_url="https://kerjasama.cimahikota.go.id/").base_url == (
        "https://kerjasama.cimahikota.go.id"
    )
    monkeypatch.delenv("HOST")
    monkeypatch.delenv("PORT")
    assert Settings(public_base_url="").base_url == "http://127.0.0.1:8000"
