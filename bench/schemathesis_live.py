"""Schemathesis with several workers at once against a real `kerjasama serve` (issue 12's evidence).

    .venv/bin/python bench/schemathesis_live.py --backend sqlite|postgres|both --minutes 5 \
        [--st-workers 4] [--workers 2]

For each backend: a fresh SQLite data dir or PostgreSQL database (bench/live_server.py: `db upgrade`,
`seed-demo`), `kerjasama serve --workers 2`, then `schemathesis run` over every operation of its
/openapi.json with `--workers 4`, signed in as the demo admin (the widest surface), for a bounded time
(`--max-time`). The server logs one JSON line per request (KERJASAMA_LOG_LEVEL=INFO), so the answers
are counted on the server's side: by status class, the 5xx by route, the 503 service_busy, and the
lines that say "database is locked". Schemathesis's own failures (undocumented status, schema
mismatch, ...) are printed from its summary. Target: 0 x 5xx, 0 "database is locked" as a 500.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

from live_server import ROOT, LiveServer, machine

SCHEMATHESIS = str(ROOT / ".venv" / "bin" / "schemathesis")


def st_summary(stdout: str) -> list[str]:
    """Schemathesis's own summary: failures by check ("ST101 Server error: 1") and errors."""
    return [m.group(1) for m in re.finditer(r"(?:❌|🚫)\s+(.+?:\s*\d+)\s*$", stdout, re.MULTILINE)]


def server_tally(log: Path) -> tuple[Counter[str], Counter[str], int, int, int]:
    """From the server's JSON log: answers by status class, 5xx by route, 503 count, 'database is
    locked' lines, and tracebacks (ERROR lines)."""
    classes: Counter[str] = Counter()
    five: Counter[str] = Counter()
    busy = locked = errors = 0
    for raw in log.read_text(errors="replace").splitlines():
        if "database is locked" in raw:
            locked += 1
        try:
            line = json.loads(raw)
        except ValueError:
            continue
        if line.get("level") == "ERROR":
            errors += 1
        if line.get("msg") != "request" or "status" not in line:
            continue
        status = int(line["status"])
        classes[f"{status // 100}xx"] += 1
        if status == 503:
            busy += 1
        elif status >= 500:
            five[f"{status} {line.get('method')} {line.get('route')}"] += 1
    return classes, five, busy, locked, errors


def run(backend: str, args: argparse.Namespace) -> str:
    server = LiveServer(backend, workers=args.workers, log_level="INFO")
    try:
        started = server.start()
        token = server.token("admin")
        print(f"[{backend}] server up in {started:.1f} s ({args.workers} workers)", flush=True)
        cmd = [
            SCHEMATHESIS,
            "run",
            f"{server.base}/openapi.json",
            "--workers",
            str(args.st_workers),
            "--max-time",
            str(int(args.minutes * 60)),
            "--header",
            f"Authorization: Bearer {token}",
            # As in tests/test_schemathesis.py: a schema-valid request may still be refused (an unknown
            # region code, a forged cursor); those answers are checked for status, type and shape.
            "--exclude-checks",
            "positive_data_acceptance",
            "--request-timeout",
            "120",
            "--suppress-health-check",
            "all",
            "--output-truncate",
            "true",
        ]
        if args.seed is not None:
            cmd += ["--seed", str(args.seed)]
        t0 = time.monotonic()
        st = subprocess.run(cmd, capture_output=True, text=True, check=False, cwd=server.data_dir)
        wall = time.monotonic() - t0
        if args.keep:
            (Path(args.keep) / f"schemathesis-{backend}.txt").write_text(st.stdout + st.stderr)
        tail = [ln for ln in st.stdout.splitlines() if ln.strip()][-6:]
        server.stop()
        log = Path(server.log.name)
        server.log.flush()
        if args.keep:
            (Path(args.keep) / f"server-{backend}.log").write_bytes(log.read_bytes())
        classes, five, busy, locked, errors = server_tally(log)
        total = sum(classes.values())
        line = (
            f"| {backend} | {args.workers} | {args.st_workers} | {wall / 60:.1f} min | {total} | "
            f"{dict(sorted(classes.items()))} | {sum(five.values())} | {busy} | {locked} | {errors} |"
        )
        print(line, flush=True)
        ops = re.search(r"Operations:\s+(\d+ selected / \d+ total)", st.stdout)
        print(
            f"  schemathesis exit {st.returncode}; operations {ops.group(1) if ops else '?'}; "
            + " / ".join(s.strip() for s in tail),
            flush=True,
        )
        for what, n in five.most_common():
            print(f"  5xx: {n} x {what}", flush=True)
        for what in st_summary(st.stdout):
            print(f"  schemathesis: {what}", flush=True)
        return line
    finally:
        server.close()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--minutes", type=float, default=5.0, help="schemathesis --max-time per backend")
    parser.add_argument("--st-workers", type=int, default=4, help="schemathesis --workers")
    parser.add_argument("--workers", type=int, default=2, help="kerjasama serve --workers")
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--keep", default="", help="directory to copy the server logs and output into")
    args = parser.parse_args()
    print(f"machine: {machine()}; {time.strftime('%Y-%m-%d')}", flush=True)
    backends = ("sqlite", "postgres") if args.backend == "both" else (args.backend,)
    lines = [run(b, args) for b in backends]
    print(
        "\n| backend | serve workers | schemathesis workers | time | requests | by class | 5xx (not 503) "
        "| 503 busy | 'database is locked' lines | ERROR lines |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for line in lines:
        print(line)
    sys.stdout.flush()


if __name__ == "__main__":
    main()
