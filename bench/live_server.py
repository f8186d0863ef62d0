"""A real `kerjasama serve` in a subprocess on a fresh data dir (SQLite) or a fresh PostgreSQL database,
for the load and crash scripts (bench/concurrent_writers.py, bench/crash.py).

The database is built by `kerjasama db upgrade` and `kerjasama seed-demo`, as an operator would; the
server runs in its own process group so that `kill()` can SIGKILL the master and all its workers at once.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import httpx
import psycopg
from sqlalchemy import Engine, create_engine, select
from sqlalchemy.orm import Session

from kerjasama.core.security import create_access_token
from kerjasama.models import Opd, Partner, UserAccount

ROOT = Path(__file__).resolve().parents[1]
KERJASAMA = str(ROOT / ".venv" / "bin" / "kerjasama")
PG_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    def __init__(self, backend: str, workers: int = 1, **settings: Any) -> None:
        self.backend, self.workers = backend, workers
        self.tmp = tempfile.TemporaryDirectory(prefix=f"ksd-{backend}-")
        self.data_dir = Path(self.tmp.name)
        self.dbname: str | None = None
        if backend == "sqlite":
            self.url = f"sqlite:///{self.data_dir / 'kerjasama.db'}"
        else:
            self.dbname = f"ksd_live_{uuid.uuid4().hex[:8]}"
            with psycopg.connect(PG_ADMIN, autocommit=True) as c:
                c.execute(f'CREATE DATABASE "{self.dbname}"')
            self.url = f"postgresql://postgres@127.0.0.1:5432/{self.dbname}"
        self.secret = secrets.token_urlsafe(48)
        self.port = free_port()
        self.env = {
            **os.environ,
            "KERJASAMA_ENV": "dev",
            "KERJASAMA_DATABASE_URL": self.url,
            "KERJASAMA_DATA_DIR": str(self.data_dir),
            "KERJASAMA_SECRET_KEY": self.secret,
            "KERJASAMA_ACCESS_TOKEN_MINUTES": "1440",
            "KERJASAMA_REMINDERS_IN_PROCESS": "false",
            "KERJASAMA_WEBHOOKS_IN_PROCESS": "false",
            "KERJASAMA_LOG_LEVEL": "WARNING",
            **{f"KERJASAMA_{k.upper()}": str(v) for k, v in settings.items()},
        }
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = open(self.data_dir / "server.log", "ab")  # noqa: SIM115  (closed in close())
        self.cli("db", "upgrade")
        self.cli("seed-demo")
        self.engine: Engine = create_engine(self.url.replace("postgresql://", "postgresql+psycopg://"))

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def cli(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        r = subprocess.run([KERJASAMA, *args], env=self.env, capture_output=True, text=True, check=False)
        if check and r.returncode != 0:
            raise RuntimeError(f"kerjasama {' '.join(args)} failed: {r.stderr}")
        return r

    def start(self, timeout: float = 180.0) -> float:
        """Start `kerjasama serve` and wait until /healthz answers; returns the seconds it took."""
        t0 = time.monotonic()
        self.proc = subprocess.Popen(
            [KERJASAMA, "serve", "--port", str(self.port), "--workers", str(self.workers)],
            env=self.env,
            stdout=self.log,
            stderr=self.log,
            start_new_session=True,
        )
        while time.monotonic() - t0 < timeout:
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited with {self.proc.returncode}; see {self.log.name}")
            try:
                if httpx.get(f"{self.base}/healthz", timeout=2).status_code == 200:
                    return time.monotonic() - t0
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("server did not start")

    def kill(self) -> None:
        """SIGKILL the master and every worker: no shutdown, no cleanup, like a power cut of the process."""
        if self.proc is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self.proc = None
        self._wait_port_free()

    def stop(self) -> None:
        if self.proc is None:
            return
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        self.proc = None
        self._wait_port_free()

    def _wait_port_free(self) -> None:
        for _ in range(300):
            with socket.socket() as s:
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                try:
                    s.bind(("127.0.0.1", self.port))
                    return
                except OSError:
                    time.sleep(0.1)

    def token(self, username: str) -> str:
        with Session(self.engine) as s:
            user = s.scalar(select(UserAccount).where(UserAccount.username == username))
            assert user is not None, username
            return create_access_token(subject=user.id, role=user.role, secret=self.secret, minutes=1440)[0]

    def agreement_refs(self) -> dict[str, str]:
        """Ids an agreement body needs: the lead OPD and a partner region."""
        with Session(self.engine) as s:
            opd = s.scalar(select(Opd.id).where(Opd.code == "DINKES"))
            partner = s.scalar(select(Partner.id).where(Partner.region_code == "32.73"))
        return {"lead_opd_id": str(opd), "partner_id": str(partner)}

    def close(self) -> None:
        self.stop()
        self.engine.dispose()
        self.log.close()
        if self.dbname:
            with psycopg.connect(PG_ADMIN, autocommit=True) as c:
                c.execute(f'DROP DATABASE IF EXISTS "{self.dbname}" WITH (FORCE)')
        self.tmp.cleanup()


def agreement_body(refs: dict[str, str], title: str) -> dict[str, Any]:
    return {
        "kind": "KB",
        "category": "KSDD",
        "nature": "WAJIB",
        "title": title,
        "object": "Uji beban dan uji mati mendadak",
        "affair_codes": ["1.02"],
        "lead_opd_id": refs["lead_opd_id"],
        "parties": [{"partner_id": refs["partner_id"], "signatory_title": "Wali Kota Bandung"}],
        "start_date": "2026-01-01",
        "end_date": "2030-12-31",
    }


def machine() -> str:
    return f"{os.cpu_count()} CPUs, Python {sys.version.split()[0]}"
