"""The SQLite targets of issue 16, against a live `kerjasama serve`.

Usage:
  .venv/bin/python bench/sqlite_targets.py --database-url sqlite:////tmp/ksd10k.db \\
      [--workers 1] [--concurrency 1,4] [--duration 5] [--warmup 1] [--cold 60] [--only list_first,search]

The database is one filled by bench/seed.py (it has the demo users; the password is the demo's). The
script starts `kerjasama serve` on it (bench/run.py's Server, on a free port), signs in as the demo users
and, per endpoint and concurrency, runs a warm-up and then `--duration` seconds of back-to-back GETs,
printing requests/s and p50/p95/p99 (ms) against the targets:

- list p95 ≤ 50 ms (first page, filtered, deep cursor; secretariat and an OPD-scoped user);
- `q` search p95 ≤ 100 ms;
- dashboard p95 ≤ 150 ms, for every role.

The dashboard and the list total are cached per scope and day until the next write (core/read_cache.py),
so the timed loop measures the cached answer. `--cold N` then measures N cold ones per user: each is
preceded by a write (a PATCH of a partner's notes, which records a change event), and only the GET
after it is timed. The write goes through the API like any other, so the server's own cost of the write
is left out of the figure. Nothing here runs in `make test`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import shutil
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import aiohttp

sys.path.insert(0, str(Path(__file__).parent))
from live_server import free_port
from run import BIN, Result, Server, drive, merge

from kerjasama.demo import DEMO_PASSWORD

USERS = ("sekretariat", "kadis.dlh", "operator.dinkes", "pimpinan")


def db_path(url: str) -> str:
    prefix = "sqlite:///"
    if not url.startswith(prefix):
        raise SystemExit("an SQLite URL: sqlite:////absolute/path.db")
    return url[len(prefix) :]


def fixtures(path: str) -> dict[str, Any]:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as c:
        n = c.execute("SELECT count(*) FROM agreement").fetchone()[0]
        occ = c.execute("SELECT count(*) FROM obligation_occurrence").fetchone()[0]
        detail = c.execute(
            "SELECT id FROM agreement WHERE parent_id IS NOT NULL ORDER BY id LIMIT 1 OFFSET 100"
        ).fetchone()[0]
        partner = c.execute("SELECT id FROM partner ORDER BY id LIMIT 1").fetchone()[0]
    as_uuid = lambda h: f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"  # noqa: E731  (CHAR(32) hex)
    return {"agreements": n, "occurrences": occ, "detail": as_uuid(detail), "partner": as_uuid(partner)}


async def login(base: str, username: str) -> str:
    async with aiohttp.ClientSession() as s:
        data = {"grant_type": "password", "username": username, "password": DEMO_PASSWORD}
        async with s.post(f"{base}/api/v1/auth/token", data=data) as r:
            assert r.status == 200, (username, r.status, await r.text())
            return str((await r.json())["access_token"])


async def deep_cursor(base: str, auth: dict[str, str], rows: int) -> str:
    """The cursor of the page that starts at row `rows` (followed through the API, 500 rows a page)."""
    cursor = ""
    async with aiohttp.ClientSession(headers=auth) as s:
        for _ in range(rows // 500):
            url = f"{base}/api/v1/agreements?sort=-signed_date&limit=500" + (
                f"&cursor={cursor}" if cursor else ""
            )
            async with s.get(url) as r:
                cursor = (await r.json())["next_cursor"]
    return cursor


def trio(r: Result) -> str:
    return f"{r.pct(50):.1f} / {r.pct(95):.1f} / {r.pct(99):.1f}"


async def cold(base: str, tokens: dict[str, str], partner: str, user: str, n: int) -> Result:
    """`n` dashboards of `user`, each right after a write (the cache keyed on the newest change is cold)."""
    result = Result()
    writer = {"Authorization": f"Bearer {tokens['sekretariat']}"}
    reader = {"Authorization": f"Bearer {tokens[user]}"}
    async with aiohttp.ClientSession() as s:
        for i in range(n):
            async with s.get(f"{base}/api/v1/partners/{partner}", headers=writer) as r:
                etag = r.headers["ETag"]
            body = {"notes": f"bench/sqlite_targets.py {i} {time.time()}"}
            async with s.patch(
                f"{base}/api/v1/partners/{partner}", json=body, headers={**writer, "If-Match": etag}
            ) as r:
                assert r.status == 200, (r.status, await r.text())
            t0 = time.perf_counter()
            async with s.get(f"{base}/api/v1/dashboard", headers=reader) as r:
                await r.read()
                ok = r.status == 200
            if ok:
                result.latencies.append(time.perf_counter() - t0)
            else:
                result.errors += 1
    return result


async def main_async(opts: argparse.Namespace) -> None:
    path = db_path(opts.database_url)
    fx = fixtures(path)
    port = free_port()
    data_dir = tempfile.mkdtemp(prefix="ksd-bench-data-")
    env = {
        **os.environ,
        "KERJASAMA_ENV": "prod",
        "KERJASAMA_DATABASE_URL": opts.database_url,
        "KERJASAMA_DATA_DIR": data_dir,
        "KERJASAMA_SECRET_KEY": secrets.token_urlsafe(48),
        "KERJASAMA_REMINDERS_IN_PROCESS": "false",
        "KERJASAMA_WEBHOOKS_IN_PROCESS": "false",
        "KERJASAMA_LOG_LEVEL": "WARNING",
    }
    server = Server(
        [
            str(BIN / "kerjasama"),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            str(opts.workers),
        ],
        env,
        port,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        await server.ready("/healthz")
        tokens = {u: await login(base, u) for u in USERS}
        sek = {"Authorization": f"Bearer {tokens['sekretariat']}"}
        cursor = await deep_cursor(base, sek, fx["agreements"] // 2)
        a = "/api/v1/agreements?sort=-signed_date"
        cases = [
            ("list_first", "sekretariat", a, 50),
            ("list_first_opd", "operator.dinkes", a, 50),
            ("list_filtered", "sekretariat", f"{a}&category=KSDD&affair_code=2.11", 50),
            ("list_deep", "sekretariat", f"{a}&cursor={cursor}", 50),
            ("search_bandung", "sekretariat", f"{a}&q=bandung", 100),
            ("search_kesehatan", "sekretariat", f"{a}&q=kesehatan", 100),
            ("search_bandung_opd", "operator.dinkes", f"{a}&q=bandung", 100),
            ("search_short_ri", "sekretariat", f"{a}&q=ri", 100),
            ("detail", "sekretariat", f"/api/v1/agreements/{fx['detail']}", 50),
            *((f"dashboard_{u}", u, "/api/v1/dashboard", 150) for u in USERS),
        ]
        print(
            f"# bench/sqlite_targets.py: {fx['agreements']} agreements, {fx['occurrences']} obligation "
            f"occurrences; {os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f}); "
            f"workers {opts.workers}; {time.strftime('%Y-%m-%d %H:%M %Z')}"
        )
        for conc in opts.concurrency:
            print(
                f"\n## {conc} connection(s), {opts.duration:g} s per endpoint (cached dashboard and totals)"
            )
            print("| endpoint | user | req/s | p50 / p95 / p99 ms | errors | p95 target |")
            print("|---|---|---|---|---|---|")
            for name, user, url, target in cases:
                if opts.only and name not in opts.only:
                    continue
                auth = {"Authorization": f"Bearer {tokens[user]}"}
                await drive(base + url, auth, conc, opts.warmup)
                r = merge([await drive(base + url, auth, conc, opts.duration)])
                met = "met" if r.pct(95) <= target else "**not met**"
                print(
                    f"| {name} | {user} | {r.rps:.0f} | {trio(r)} | {r.errors} | ≤ {target} ({met}) |",
                    flush=True,
                )
        if opts.cold:
            print(f"\n## cold dashboard: {opts.cold} per user, each right after a write (one at a time)")
            print("| user | p50 / p95 / p99 ms | max ms | errors |")
            print("|---|---|---|---|")
            for user in USERS:
                r = await cold(base, tokens, fx["partner"], user, opts.cold)
                print(f"| {user} | {trio(r)} | {r.pct(100):.1f} | {r.errors} |", flush=True)
    finally:
        server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--workers", type=int, default=1)
    parser.add_argument("--concurrency", type=lambda s: [int(c) for c in s.split(",")], default=[1, 4])
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--warmup", type=float, default=1.0)
    parser.add_argument("--cold", type=int, default=60, help="cold dashboards per user (0: none)")
    parser.add_argument("--only", type=lambda s: set(s.split(",")), default=None)
    asyncio.run(main_async(parser.parse_args()))


if __name__ == "__main__":
    main()
