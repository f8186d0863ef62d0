"""Export benchmark: CSV and XLSX of N agreements through a real server process, rows/s and the
server's peak RSS growth, on SQLite and PostgreSQL.

Usage: .venv/bin/python bench/export_rows.py [--rows 100000] [--backend sqlite|postgres|both]
       [--also 10000]

Builds a fresh database by the migrations (with the demo data), bulk-inserts N agreements with three
parties each (bench/agreements_list.py's `fill`), starts `uvicorn --factory kerjasama.main:create_app`
as a child process on that database, and downloads `GET /api/v1/exports/agreements?format=…` with
httpx, streaming the body to nowhere. Before each export the child's peak-RSS counter is reset
(`/proc/<pid>/clear_refs` ← 5) after a warm-up export of a few rows; the growth is the child's
VmHWM after the export minus its VmRSS before it. `--also N` first runs the same exports on the
first N rows only (a `q` that matches them), to show the growth does not follow the row count.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
from sqlalchemy import update
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).parent))
from agreements_list import fill
from harness import analyze, fresh_database, token

from kerjasama.models import Agreement

ROOT = Path(__file__).resolve().parent.parent


def _kib(pid: int, field: str) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    raise RuntimeError(field)


def _reset_peak(pid: int) -> bool:
    try:
        Path(f"/proc/{pid}/clear_refs").write_text("5")
        return True
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _export(base: str, bearer: str, fmt: str, params: dict[str, str]) -> tuple[int, int, float]:
    """(bytes, data rows, seconds) of one export, the body streamed and counted, not kept."""
    t0 = time.perf_counter()
    size = lines = 0
    with httpx.stream(
        "GET",
        f"{base}/api/v1/exports/agreements",
        params={"format": fmt, **params},
        headers={"Authorization": f"Bearer {bearer}"},
        timeout=3600,
    ) as r:
        assert r.status_code == 200, r.read()
        for chunk in r.iter_bytes():
            size += len(chunk)
            lines += chunk.count(b"\n")
    return size, lines - 1, time.perf_counter() - t0


def run(backend: str, rows: int, also: int | None) -> None:
    with fresh_database(backend) as (settings, engine):
        t0 = time.perf_counter()
        with Session(engine) as s, s.begin():
            fill(s, rows)
            # a marker on the first `also` rows, so one filter selects exactly them
            if also:
                s.execute(
                    update(Agreement)
                    .where(Agreement.number < f"BENCH/{also:07d}", Agreement.number.like("BENCH/%"))
                    .values(object="subsetmarker")
                )
        load_s = time.perf_counter() - t0
        analyze(engine)
        bearer = token(engine, settings, "sekretariat")
        port = _free_port()
        env = {
            **os.environ,
            "KERJASAMA_DATABASE_URL": str(engine.url.render_as_string(hide_password=False)),
            "KERJASAMA_DATA_DIR": str(settings.data_dir),
            "KERJASAMA_ENV": "test",
            "KERJASAMA_SECRET_KEY": settings.secret_key,
        }
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "uvicorn",
                "--factory",
                "kerjasama.main:create_app",
                "--port",
                str(port),
                "--log-level",
                "warning",
            ],
            env=env,
            cwd=ROOT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    if httpx.get(f"{base}/healthz", timeout=1).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.1)
            for fmt in ("csv", "xlsx"):  # warm-up: imports, caches, the first connection
                _export(base, bearer, fmt, {"is_demo": "true"})
            print(f"\n{backend}: {rows} agreements + demo, bulk load {load_s:.1f} s, server pid {server.pid}")
            print(
                f"  {'export':28} {'rows':>8} {'MB':>7} {'s':>7} {'rows/s':>8} {'RSS before MiB':>15} {'peak growth MiB':>16}"
            )
            cases: list[tuple[str, dict[str, str]]] = []
            if also:
                cases.append((f"first {also}", {"q": "subsetmarker"}))
            cases.append(("all", {}))
            for label, params in cases:
                counted = 0
                for fmt in ("csv", "xlsx"):
                    before = _kib(server.pid, "VmRSS")
                    exact = _reset_peak(server.pid)
                    size, n, secs = _export(base, bearer, fmt, params)
                    counted = n = n if fmt == "csv" else counted  # an XLSX is zipped: count the CSV's rows
                    peak = _kib(server.pid, "VmHWM")
                    note = "" if exact else " (VmHWM since start)"
                    print(
                        f"  {fmt + ' ' + label:28} {n:8d} {size / 1e6:7.1f} {secs:7.1f} {n / secs:8.0f}"
                        f" {before / 1024:15.1f} {(peak - before) / 1024:16.1f}{note}"
                    )
        finally:
            server.terminate()
            server.wait(timeout=30)


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=100_000)
    ap.add_argument("--also", type=int, default=10_000, help="also export this many rows first (0: no)")
    ap.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = ap.parse_args()
    for b in ["sqlite", "postgres"] if args.backend == "both" else [args.backend]:
        run(b, args.rows, args.also or None)
