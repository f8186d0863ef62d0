"""N concurrent writers against a real `kerjasama serve`, with and without Idempotency-Key.

    .venv/bin/python bench/concurrent_writers.py --backend sqlite|postgres|both --writers 8 --seconds 15 \
        [--workers 2] [--cli]

Each writer loops for the duration: POST /api/v1/partners (a new partner each time), or with --kind
agreements POST /api/v1/agreements (number sequence, parties, affairs, audit: the heaviest create). In
the `keys` mode every request carries a fresh Idempotency-Key and is replayed right after its answer;
the replay must return the same status and body with `Idempotency-Replayed: true`. With --cli a
thread runs `kerjasama users create` in a loop at the same time (a CLI writer must wait for the lock,
never fail). Prints, per backend and mode: answers by status, 5xx, connection errors (resets), replay
mismatches, CLI failures, requests per second and latency p50/p99. Target: 0 x 5xx, 0 resets.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

import httpx
from live_server import LiveServer, agreement_body, machine


@dataclass
class Tally:
    statuses: Counter[int] = field(default_factory=Counter)
    resets: Counter[str] = field(default_factory=Counter)
    replays: int = 0
    replay_mismatch: int = 0
    latencies: list[float] = field(default_factory=list)
    cli_ok: int = 0
    cli_failed: int = 0
    cli_errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def writer(
    server: LiveServer, token: str, keys: bool, kind: str, refs: dict[str, str], stop: float, tally: Tally
) -> None:
    headers = {"Authorization": f"Bearer {token}"}
    url = f"{server.base}/api/v1/{kind}"
    with httpx.Client(timeout=120) as client:
        while time.monotonic() < stop:
            tag = uuid.uuid4().hex
            body = (
                agreement_body(refs, f"KB beban {tag}")
                if kind == "agreements"
                else {"type": "CENTRAL_GOVERNMENT", "name": f"Lembaga Beban {tag}"}
            )
            extra = {"Idempotency-Key": f"beban-{tag}"} if keys else {}
            t0 = time.perf_counter()
            try:
                r = client.post(url, json=body, headers={**headers, **extra})
            except httpx.HTTPError as exc:
                with tally.lock:
                    tally.resets[type(exc).__name__] += 1
                continue
            elapsed = time.perf_counter() - t0
            replay_ok = True
            if keys and r.status_code < 500:
                try:
                    again = client.post(url, json=body, headers={**headers, **extra})
                    replay_ok = (
                        again.status_code == r.status_code
                        and again.content == r.content
                        and again.headers.get("idempotency-replayed") == "true"
                    )
                except httpx.HTTPError as exc:
                    with tally.lock:
                        tally.resets[type(exc).__name__] += 1
                    continue
            with tally.lock:
                tally.statuses[r.status_code] += 1
                tally.latencies.append(elapsed)
                if keys and r.status_code < 500:
                    tally.replays += 1
                    tally.replay_mismatch += not replay_ok


def cli_writer(server: LiveServer, stop: float, tally: Tally) -> None:
    while time.monotonic() < stop:
        name = f"cli.{uuid.uuid4().hex[:10]}"
        r = server.cli(
            "users", "create", "--username", name, "--role", "viewer", "--password", "rahasia-sekali-123",
            check=False,
        )  # fmt: skip
        with tally.lock:
            if r.returncode == 0:
                tally.cli_ok += 1
            else:
                tally.cli_failed += 1
                tally.cli_errors.append(r.stderr.strip().splitlines()[-1] if r.stderr.strip() else "?")


def run(backend: str, args: argparse.Namespace) -> list[str]:
    workers = args.workers or 1
    server = LiveServer(backend, workers=workers)
    lines = []
    try:
        started = server.start()
        token = server.token("sekretariat")
        refs = server.agreement_refs()
        print(f"[{backend}] server up in {started:.1f} s ({workers} worker(s))", flush=True)
        for keys in (False, True):
            tally = Tally()
            stop = time.monotonic() + args.seconds
            threads = [
                threading.Thread(target=writer, args=(server, token, keys, args.kind, refs, stop, tally))
                for _ in range(args.writers)
            ]
            if args.cli:
                threads.append(threading.Thread(target=cli_writer, args=(server, stop, tally)))
            t0 = time.monotonic()
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.monotonic() - t0
            total = sum(tally.statuses.values())
            five = sum(n for s, n in tally.statuses.items() if s >= 500)
            lat = sorted(tally.latencies) or [0.0]
            p99 = lat[max(0, int(len(lat) * 0.99) - 1)]
            line = (
                f"| {backend} | {'with' if keys else 'without'} | {args.writers} | {total} | "
                f"{dict(sorted(tally.statuses.items()))} | {five} | {sum(tally.resets.values())} | "
                f"{f'{tally.replays - tally.replay_mismatch}/{tally.replays}' if keys else '-'} | "
                f"{f'{tally.cli_ok} ok, {tally.cli_failed} failed' if args.cli else '-'} | "
                f"{total / wall:.1f} | {statistics.median(lat) * 1000:.0f} / {p99 * 1000:.0f} |"
            )
            print(line, flush=True)
            if tally.resets:
                print(f"  resets: {dict(tally.resets)}", flush=True)
            if tally.cli_errors:
                print(f"  CLI errors: {Counter(tally.cli_errors).most_common(3)}", flush=True)
            lines.append(line)
    finally:
        server.close()
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=("sqlite", "postgres", "both"), default="both")
    parser.add_argument("--writers", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=15.0)
    parser.add_argument("--workers", type=int, default=0, help="uvicorn workers (default 1)")
    parser.add_argument("--kind", choices=("partners", "agreements"), default="partners")
    parser.add_argument("--cli", action="store_true", help="also run `kerjasama users create` in a loop")
    args = parser.parse_args()
    print(f"machine: {machine()}; {args.writers} writers x {args.seconds:.0f} s per mode; kind {args.kind}")
    header = (
        "| backend | Idempotency-Key | writers | answers | by status | 5xx | resets | replays identical "
        "| CLI writes | req/s | p50 / p99 ms |\n|---|---|---|---|---|---|---|---|---|---|---|"
    )
    lines: list[str] = []
    for backend in ("sqlite", "postgres") if args.backend == "both" else (args.backend,):
        lines += run(backend, args)
    print(header)
    print("\n".join(lines))
    bad = [line for line in lines if line.split("|")[6].strip() != "0" or line.split("|")[7].strip() != "0"]
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
