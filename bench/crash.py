"""Crash test: concurrent writers against a real `kerjasama serve`, SIGKILLed at random moments.

    .venv/bin/python bench/crash.py --backend sqlite|postgres --cycles 50 [--workers 2] [--writers 6]

Each cycle starts the server, lets writers create agreements (half with an Idempotency-Key) for a
random 0.3-3 s, then SIGKILLs the master and its workers. Keyed requests that got no answer are sent
again with the same key after the restart (they must replay or run, once). At the end it checks:
every acknowledged agreement is present; none is half-written (every agreement has the home region
and its partner as parties, an affair and an audit entry); no key created two agreements; no
idempotency record is left pending; `kerjasama audit verify` passes. Prints the counts.
"""

from __future__ import annotations

import argparse
import random
import sys
import threading
import time
import uuid
from collections import Counter
from typing import Any

import httpx
from live_server import LiveServer, agreement_body, machine
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kerjasama.models import Agreement, AgreementParty, AuditEntry, IdempotencyRecord
from kerjasama.models.agreements import AgreementAffair


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", choices=("sqlite", "postgres"), default="sqlite")
    parser.add_argument("--cycles", type=int, default=50)
    parser.add_argument("--workers", type=int, default=0, help="default: 2 on PostgreSQL, 1 on SQLite")
    parser.add_argument("--writers", type=int, default=6)
    args = parser.parse_args()
    workers = args.workers or (2 if args.backend == "postgres" else 1)
    server = LiveServer(args.backend, workers=workers)
    acked: dict[str, str] = {}  # title -> id of answered creates
    unknown: dict[str, dict[str, Any]] = {}  # key -> body of keyed creates without an answer
    keyed_titles: set[str] = set()
    counts: Counter[str] = Counter()
    lock = threading.Lock()
    try:
        token = server.token("sekretariat")
        refs = server.agreement_refs()
        headers = {"Authorization": f"Bearer {token}"}
        url = f"{server.base}/api/v1/agreements"
        for cycle in range(args.cycles):
            server.start()
            with httpx.Client(timeout=60) as c:  # retry what the last crash cut off, same key
                for key, body in list(unknown.items()):
                    r = c.post(url, json=body, headers={**headers, "Idempotency-Key": key})
                    if r.status_code == 201:
                        counts[
                            "retried: replayed" if r.headers.get("idempotency-replayed") else "retried: ran"
                        ] += 1
                        acked[body["title"]] = r.json()["id"]
                        del unknown[key]
                    else:
                        counts[f"retried: {r.status_code}"] += 1
            stop = threading.Event()

            def write(i: int, stop: threading.Event = stop) -> None:
                with httpx.Client(timeout=60) as c:
                    while not stop.is_set():
                        title = f"KB crash {uuid.uuid4().hex}"
                        body = agreement_body(refs, title)
                        key = f"crash-{uuid.uuid4().hex}" if i % 2 else None
                        if key:
                            with lock:
                                unknown[key] = body
                                keyed_titles.add(title)
                        try:
                            r = c.post(
                                url,
                                json=body,
                                headers={**headers, **({"Idempotency-Key": key} if key else {})},
                            )
                        except httpx.HTTPError:
                            with lock:
                                counts["no answer (killed)"] += 1
                            return
                        with lock:
                            counts[f"answer {r.status_code}"] += 1
                            if r.status_code == 201:
                                acked[title] = r.json()["id"]
                                if key:
                                    unknown.pop(key, None)

            threads = [threading.Thread(target=write, args=(i,)) for i in range(args.writers)]
            for t in threads:
                t.start()
            time.sleep(random.uniform(0.3, 3.0))
            server.kill()
            stop.set()
            for t in threads:
                t.join()
            print(f"cycle {cycle + 1}/{args.cycles}: {dict(counts)}", flush=True)
        server.start()
        with httpx.Client(timeout=60) as c:
            for key, body in list(unknown.items()):
                r = c.post(url, json=body, headers={**headers, "Idempotency-Key": key})
                counts[f"final retry {r.status_code}"] += 1
                if r.status_code == 201:
                    acked[body["title"]] = r.json()["id"]
        server.stop()
        with Session(server.engine) as s:
            ids = {uuid.UUID(i) for i in acked.values()}
            present = set(s.scalars(select(Agreement.id).where(Agreement.title.like("KB crash %"))))
            missing = ids - present
            parties = dict(
                s.execute(
                    select(AgreementParty.agreement_id, func.count()).group_by(AgreementParty.agreement_id)
                ).all()  # type: ignore[arg-type]
            )
            affairs = set(s.scalars(select(AgreementAffair.agreement_id)))
            audited = set(
                s.scalars(select(AuditEntry.entity_id).where(AuditEntry.entity_type == "agreement"))
            )
            half = [a for a in present if parties.get(a, 0) < 2 or a not in affairs or str(a) not in audited]
            per_title = Counter(s.scalars(select(Agreement.title).where(Agreement.title.like("KB crash %"))))
            twice = [t for t in keyed_titles if per_title[t] > 1]
            pending = s.scalar(
                select(func.count()).select_from(IdempotencyRecord).where(IdempotencyRecord.status_code < 0)
            )
        audit = server.cli("audit", "verify", check=False)
        print(
            f"machine: {machine()}; backend {args.backend}, {workers} worker(s), {args.cycles} SIGKILL cycles"
        )
        print(f"counts: {dict(counts)}")
        print(f"acknowledged creates: {len(ids)}, missing: {len(missing)}")
        print(f"agreements in the database: {len(present)}, half-written: {len(half)}")
        print(f"keyed creates that ran twice: {len(twice)}; keys still pending: {pending}")
        print(f"audit verify: exit {audit.returncode} {audit.stdout.strip() or audit.stderr.strip()}")
        ok = not missing and not half and not twice and not pending and audit.returncode == 0
        sys.exit(0 if ok else 1)
    finally:
        server.close()


if __name__ == "__main__":
    main()
