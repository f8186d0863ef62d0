"""Load benchmark of the API against its raw-SQL ceiling, measured in the same run (issue 16).

Usage:
  .venv/bin/python bench/run.py --database-url postgresql://postgres@127.0.0.1:5432/ksd_scale100k \\
      [--workers 1,2] [--concurrency 16] [--duration 10] [--warmup 3] [--repeats 3] [--only list_first,detail]
      [--export] [--storm]

The database is one filled by bench/seed.py (with the demo users). For each worker count it starts
`kerjasama serve --workers N` and the baseline (bench/baseline.py under uvicorn, same worker count) on
free ports, then drives both with the same asyncio/aiohttp client at the same concurrency: per
endpoint a warm-up, then `--repeats` runs of `--duration` seconds, app and baseline interleaved. It
prints requests/s and p50/p95/p99 (ms) per endpoint for the app and the baseline and their ratios
(throughput: app/baseline, higher is better; p99: app/baseline, lower is better). Endpoints without a
baseline (the dashboard, the change feed) are measured against their absolute targets.

`--export` also times a CSV export of every agreement (rows/s, the server's RSS growth); `--storm`
runs 60 s at 64 connections against `--workers 2` and counts every non-200 (503 included).
Nothing here runs in `make test`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import psycopg

sys.path.insert(0, str(Path(__file__).parent))
from live_server import free_port

from kerjasama.core.auth import Principal
from kerjasama.core.pagination import encode_cursor
from kerjasama.core.security import create_access_token
from kerjasama.integration.changes import cursor as feed_cursor

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"


@dataclass
class Endpoint:
    name: str
    app: str
    baseline: str | None
    target: str


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    failures: dict[str, int] = field(default_factory=dict)  # status code (or "connection") -> count
    seconds: float = 0.0

    @property
    def rps(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def pct(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        xs = sorted(self.latencies)
        return xs[min(len(xs) - 1, round(p / 100 * (len(xs) - 1)))] * 1000


def plain_url(url: str) -> str:
    return url.replace("postgresql+psycopg://", "postgresql://")


def fixtures(url: str) -> dict[str, Any]:
    """Ids and keys the requests need, read from the database: a detail id, a deep cursor, the user."""
    with psycopg.connect(plain_url(url)) as c:
        user = c.execute("SELECT id, role FROM user_account WHERE username = 'sekretariat'").fetchone()
        assert user, "the database has no demo users: fill it with bench/seed.py"
        deep = c.execute(
            "SELECT signed_date, id FROM agreement "
            "ORDER BY coalesce(signed_date, '0001-01-01') DESC, id DESC OFFSET 50000 LIMIT 1"
        ).fetchone()
        if deep is None:
            deep = c.execute("SELECT signed_date, id FROM agreement ORDER BY id LIMIT 1").fetchone()
        detail = (
            c.execute(
                "SELECT id FROM agreement WHERE parent_id IS NOT NULL ORDER BY id OFFSET 1000 LIMIT 1"
            ).fetchone()
            or c.execute("SELECT id FROM agreement LIMIT 1").fetchone()
        )
        seq = c.execute("SELECT coalesce(max(seq), 0) FROM change_event").fetchone()
    assert deep
    assert detail
    assert seq is not None
    return {"user": user, "deep": deep, "detail": detail[0], "max_seq": seq[0]}


def endpoints(fx: dict[str, Any]) -> list[Endpoint]:
    key, last = fx["deep"]
    cursor = encode_cursor("-signed_date", key, last)
    after = f"after_key={key.isoformat() if key else ''}&after_id={last}"
    a = "/api/v1/agreements?sort=-signed_date"
    return [
        Endpoint("list_first", a, "/list?sort=-signed_date", "≥ 0.6 × baseline; p99 ≤ 2 ×"),
        Endpoint(
            "list_filtered",
            f"{a}&category=KSDD&affair_code=2.11",
            "/list?category=KSDD&affair_code=2.11",
            "≥ 0.6 ×; p99 ≤ 2 ×",
        ),
        Endpoint("list_deep", f"{a}&cursor={cursor}", f"/list?{after}", "≥ 0.6 ×"),
        Endpoint("search", f"{a}&q=bandung", "/search?q=bandung", "p95 ≤ 100 ms"),
        Endpoint(
            "detail", f"/api/v1/agreements/{fx['detail']}", f"/detail/{fx['detail']}", "≥ 0.6 ×; p99 ≤ 2 ×"
        ),
        Endpoint("obligations", "/api/v1/obligations", None, "(no target)"),
        Endpoint("obligations_desc", "/api/v1/obligations?sort=-next_due_date", None, "(no target)"),
        Endpoint("obligations_late", "/api/v1/obligations?status=late", None, "(no target)"),
        Endpoint(
            "obligations_due",
            "/api/v1/obligations?status=pending&due_before=2027-03-31&category=KSDD",
            None,
            "(no target)",
        ),
        Endpoint("dashboard", "/api/v1/dashboard", None, "p95 ≤ 150 ms"),
        Endpoint("changes_500", "/api/v1/changes?limit=500", None, "p95 ≤ 200 ms"),
        # Half-way through the feed: agreements, obligations and reports interleaved (bench/seed.py).
        Endpoint(
            "changes_500_mid", f"/api/v1/changes?limit=500&cursor={fx['mid_cursor']}", None, "p95 ≤ 200 ms"
        ),
    ]


class Server:
    def __init__(self, args: list[str], env: dict[str, str], port: int) -> None:
        self.port = port
        self.log = tempfile.NamedTemporaryFile(prefix="ksd-bench-", suffix=".log", delete=False)  # noqa: SIM115
        self.proc = subprocess.Popen(
            args, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True
        )

    async def ready(self, path: str) -> None:
        async with aiohttp.ClientSession() as s:
            for _ in range(600):
                try:
                    async with s.get(f"http://127.0.0.1:{self.port}{path}") as r:
                        if r.status < 500:
                            return
                except aiohttp.ClientError:
                    pass
                await asyncio.sleep(0.1)
        raise RuntimeError(f"server on {self.port} did not start; see {self.log.name}")

    def rss_kib(self) -> int:
        """Resident memory of the server and its workers (KiB), from /proc."""
        pids = [
            self.proc.pid,
            *map(
                int,
                subprocess.run(
                    ["pgrep", "-g", str(self.proc.pid)], capture_output=True, text=True, check=False
                ).stdout.split(),
            ),
        ]
        total = 0
        for pid in set(pids):
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1])
            except OSError:
                pass
        return total

    def stop(self) -> None:
        os.killpg(self.proc.pid, signal.SIGTERM)
        try:
            self.proc.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)


async def drive(url: str, headers: dict[str, str], concurrency: int, seconds: float) -> Result:
    result = Result()
    deadline = time.perf_counter() + seconds
    conn = aiohttp.TCPConnector(limit=concurrency)
    timeout = aiohttp.ClientTimeout(total=120)
    async with aiohttp.ClientSession(connector=conn, headers=headers, timeout=timeout) as s:

        async def worker() -> None:
            while time.perf_counter() < deadline:
                t0 = time.perf_counter()
                try:
                    async with s.get(url) as r:
                        await r.read()
                        ok = r.status == 200
                except (TimeoutError, aiohttp.ClientError):
                    ok = False
                if ok:
                    result.latencies.append(time.perf_counter() - t0)
                else:
                    result.errors += 1

        t0 = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        result.seconds = time.perf_counter() - t0
    return result


def merge(results: list[Result]) -> Result:
    out = Result()
    for r in results:
        out.latencies += r.latencies
        out.errors += r.errors
        out.seconds += r.seconds
    return out


async def run_workers(
    opts: argparse.Namespace, workers: int, fx: dict[str, Any], token: str, secret: str
) -> None:
    app_port, base_port = free_port(), free_port()
    data_dir = tempfile.mkdtemp(prefix="ksd-bench-data-")
    env = {
        **os.environ,
        "KERJASAMA_ENV": "prod",
        "KERJASAMA_DATABASE_URL": opts.database_url,
        "KERJASAMA_DATA_DIR": data_dir,
        "KERJASAMA_SECRET_KEY": secret,
        "KERJASAMA_REMINDERS_IN_PROCESS": "false",
        "KERJASAMA_WEBHOOKS_IN_PROCESS": "false",
        "KERJASAMA_LOG_LEVEL": "WARNING",
        "BASELINE_DATABASE_URL": plain_url(opts.database_url),
    }
    app = Server(
        [
            str(BIN / "kerjasama"),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(app_port),
            "--workers",
            str(workers),
        ],
        env,
        app_port,
    )
    base = Server(
        [
            str(BIN / "uvicorn"),
            "baseline:app",
            "--app-dir",
            str(Path(__file__).parent),
            "--host",
            "127.0.0.1",
            "--port",
            str(base_port),
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        env,
        base_port,
    )
    try:
        await app.ready("/healthz")
        await base.ready("/none")
        auth = {"Authorization": f"Bearer {token}"}
        print(
            f"\n## {workers} worker(s), {opts.concurrency} connections, {opts.repeats} × {opts.duration:g} s"
        )
        print(
            "| endpoint | app req/s | app p50/p95/p99 ms | baseline req/s | baseline p50/p95/p99 ms"
            " | throughput × | p99 × | errors | target |"
        )
        print("|---|---|---|---|---|---|---|---|---|")
        for ep in endpoints(fx):
            if opts.only and ep.name not in opts.only:
                continue
            app_url = f"http://127.0.0.1:{app_port}{ep.app}"
            base_url = f"http://127.0.0.1:{base_port}{ep.baseline}" if ep.baseline else None
            await drive(app_url, auth, opts.concurrency, opts.warmup)
            if base_url:
                await drive(base_url, {}, opts.concurrency, opts.warmup)
            app_runs, base_runs = [], []
            for _ in range(opts.repeats):  # interleaved: app, baseline, app, baseline …
                app_runs.append(await drive(app_url, auth, opts.concurrency, opts.duration))
                if base_url:
                    base_runs.append(await drive(base_url, {}, opts.concurrency, opts.duration))
            a = merge(app_runs)
            b = merge(base_runs) if base_runs else None

            def trio(r: Result) -> str:
                return f"{r.pct(50):.0f} / {r.pct(95):.0f} / {r.pct(99):.0f}"

            ratio = f"{a.rps / b.rps:.2f}" if b and b.rps else "—"
            p99 = f"{a.pct(99) / b.pct(99):.1f}" if b and b.latencies else "—"
            errors = a.errors + (b.errors if b else 0)
            print(
                f"| {ep.name} | {a.rps:.0f} | {trio(a)} | {f'{b.rps:.0f}' if b else '—'} | "
                f"{trio(b) if b else '—'} | {ratio} | {p99} | {errors} | {ep.target} |",
                flush=True,
            )
        if opts.export:
            await export(app, app_port, auth)
        if opts.storm and workers == 2:
            r = await drive(f"http://127.0.0.1:{app_port}/api/v1/agreements?sort=-signed_date", auth, 64, 60)
            print(
                f"\nstorm: 64 connections × 60 s on the list: {len(r.latencies)} × 200, {r.errors} errors {r.failures}, "
                f"p50/p95/p99 {r.pct(50):.0f} / {r.pct(95):.0f} / {r.pct(99):.0f} ms"
            )
    finally:
        app.stop()
        base.stop()


async def export(app: Server, port: int, auth: dict[str, str]) -> None:
    """A CSV export of every agreement: rows/s and the server's RSS growth (all workers)."""
    before = app.rss_kib()
    peak = before
    rows = 0
    t0 = time.perf_counter()
    url = f"http://127.0.0.1:{port}/api/v1/exports/agreements?format=csv"
    timeout = aiohttp.ClientTimeout(total=1800)
    async with aiohttp.ClientSession(headers=auth, timeout=timeout) as s, s.get(url) as r:
        assert r.status == 200, r.status
        async for chunk in r.content.iter_chunked(1 << 16):
            rows += chunk.count(b"\n")
            peak = max(peak, app.rss_kib())
    seconds = time.perf_counter() - t0
    print(
        f"\nexport CSV: {rows - 1} rows in {seconds:.1f} s = {(rows - 1) / seconds:.0f} rows/s; "
        f"server RSS {before / 1024:.0f} → peak {peak / 1024:.0f} MiB (+{(peak - before) / 1024:.0f} MiB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--warmup", type=float, default=3.0)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", type=lambda s: set(s.split(",")), default=None)
    parser.add_argument("--export", action="store_true")
    parser.add_argument("--storm", action="store_true")
    opts = parser.parse_args()
    if not opts.database_url.startswith("postgresql"):
        parser.error("the benchmark runs against PostgreSQL (the baseline is PostgreSQL SQL)")
    opts.database_url = opts.database_url.replace("postgresql://", "postgresql+psycopg://")
    fx = fixtures(opts.database_url)
    secret = secrets.token_urlsafe(48)
    user_id, role = fx["user"]
    reader = Principal(user_id, "sekretariat", role, None, "")
    fx["mid_cursor"] = feed_cursor.encode(secret, reader, fx["max_seq"] // 2)
    token = create_access_token(subject=user_id, role=role, secret=secret, minutes=240)[0]
    with psycopg.connect(plain_url(opts.database_url)) as c:
        n = c.execute("SELECT count(*) FROM agreement").fetchone()
        occ = c.execute("SELECT count(*) FROM obligation_occurrence").fetchone()
    print(
        f"# bench/run.py: {n[0] if n else 0} agreements, {occ[0] if occ else 0} obligation occurrences; "
        f"{os.cpu_count()} CPUs; {time.strftime('%Y-%m-%d %H:%M %Z')}"
    )
    for workers in (int(w) for w in opts.workers.split(",")):
        asyncio.run(run_workers(opts, workers, fx, token, secret))


if __name__ == "__main__":
    main()
