"""Scale benchmark: obligations list, dashboard, monitoring due list, calendar feed and the reminder
job with N agreements, each with two monthly obligations and their occurrences.

Usage: .venv/bin/python bench/obligations_dashboard.py [--rows 5000] [--backend sqlite|postgres|both]
Builds a fresh database by the migrations, bulk-inserts the agreements (as bench/agreements_list.py
does) plus obligations and occurrences (past ones 85 % fulfilled, the rest open, so many are late),
then times the read endpoints in-process (no network) and one run of `kerjasama remind` twice (the
second finds everything sent). Prints the figures.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from datetime import UTC, date, datetime
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

# bench/ is a folder of scripts, not a package: reuse the agreements loader of the sibling script.
sys.path.insert(0, str(Path(__file__).parent))
from agreements_list import fill
from harness import analyze, fresh_database, timed, token

from kerjasama.core.clock import today_in_region
from kerjasama.core.db import Database
from kerjasama.main import create_app
from kerjasama.models import Agreement, Obligation, ObligationOccurrence
from kerjasama.obligations.schedule import add_months
from kerjasama.reminders import job


def fill_obligations(session: Session, today: date) -> tuple[int, int]:
    rng = random.Random(7)  # reproducible test data, not security
    now = datetime.now(UTC)
    agreements = session.execute(
        select(Agreement.id, Agreement.start_date, Agreement.end_date, Agreement.lead_opd_id).where(
            Agreement.number.like("BENCH/%")
        )
    ).all()
    obligations, occurrences = [], []
    for aid, start, end, opd in agreements:
        for n, kind in enumerate(("KEWAJIBAN", "HAK")):
            oid = uuid.uuid4()
            obligations.append(
                {
                    "id": oid,
                    "agreement_id": aid,
                    "partner_id": None,
                    "kind": kind,
                    "description": f"Kewajiban bulanan {n} {rng.choice(['laporan', 'pasokan', 'pembayaran'])}",
                    "clause_reference": f"Pasal {n + 3}",
                    "responsible_opd_id": opd,
                    "schedule_type": "recurring",
                    "frequency": "monthly",
                    "anchor_date": start,
                    "created_at": now,
                    "version": 1,
                }
            )
            seq, due, previous = 1, start, start
            while due <= end:
                done = due < today and rng.random() < 0.85
                occurrences.append(
                    {
                        "id": uuid.uuid4(),
                        "obligation_id": oid,
                        "seq": seq,
                        "period_start": previous,
                        "due_date": due,
                        "status": "fulfilled" if done else "pending",
                        "fulfilled_on": due if done else None,
                        "updated_at": now,
                        "version": 1,
                    }
                )
                previous, seq = due, seq + 1
                due = add_months(start, seq - 1)
    for i in range(0, len(obligations), 5000):
        session.execute(insert(Obligation), obligations[i : i + 5000])
    for i in range(0, len(occurrences), 5000):
        session.execute(insert(ObligationOccurrence), occurrences[i : i + 5000])
    return len(obligations), len(occurrences)


def run(backend: str, rows: int) -> None:
    with fresh_database(backend, reminders_in_process=False) as (settings, engine):
        today = today_in_region(settings)
        t0 = time.perf_counter()
        with Session(engine) as s, s.begin():
            fill(s, rows)
            n_obl, n_occ = fill_obligations(s, today)
        load_s = time.perf_counter() - t0
        analyze(engine)
        sec, opd_user = token(engine, settings, "sekretariat"), token(engine, settings, "operator.dinkes")
        with Session(engine) as s:
            late = s.scalar(
                select(func.count())
                .select_from(ObligationOccurrence)
                .where(ObligationOccurrence.status == "pending", ObligationOccurrence.due_date < today)
            )
        database = Database(settings, engine=engine)
        app = create_app(settings, database, spa_dir=settings.data_dir)
        print(
            f"\n{backend}: {rows} agreements (+ demo), {n_obl} obligations, {n_occ} occurrences "
            f"({late} late); bulk load {load_s:.1f} s"
        )
        print(f"  {'endpoint':50} {'p50 ms':>8} {'p95 ms':>8}")
        with TestClient(app) as c:
            c.headers["Authorization"] = f"Bearer {sec}"
            feed_path = "/api/v1/" + c.post("/api/v1/calendar-feed").json()["url"].split("/api/v1/", 1)[1]
            cases: dict[str, tuple[str, dict[str, object] | None]] = {
                "obligations, first page of 50": ("/api/v1/obligations", {"limit": 50}),
                "obligations, status=late": ("/api/v1/obligations", {"limit": 50, "status": "late"}),
                "obligations, due in the next month": (
                    "/api/v1/obligations",
                    {"limit": 50, "due_after": str(today), "due_before": str(add_months(today, 1))},
                ),
                "obligations, q='pasokan'": ("/api/v1/obligations", {"limit": 50, "q": "pasokan"}),
                "dashboard": ("/api/v1/dashboard", None),
                "monitoring/due (latest period)": ("/api/v1/monitoring/due", None),
                "calendar feed (.ics, secretariat: everything)": (feed_path, None),
            }
            for name, (path, params) in cases.items():
                p50, p95 = timed(c, path, params, n=10)
                print(f"  {name:50} {p50:8.1f} {p95:8.1f}")
            c.headers["Authorization"] = f"Bearer {opd_user}"
            for name, path in (
                ("obligations as OPD operator (scoped)", "/api/v1/obligations"),
                ("dashboard as OPD operator (scoped)", "/api/v1/dashboard"),
            ):
                p50, p95 = timed(c, path, {"limit": 50} if "obligations" in path else None, n=10)
                print(f"  {name:50} {p50:8.1f} {p95:8.1f}")
        for label in ("remind, first run", "remind, second run (nothing new)"):
            t0 = time.perf_counter()
            summary = job.run(database, settings, today=today)
            print(
                f"  {label:50} {(time.perf_counter() - t0) * 1000:8.0f} ms: "
                f"{summary.reminders} reminders, {summary.notifications} notifications"
            )


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=5000)
    ap.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = ap.parse_args()
    for b in ["sqlite", "postgres"] if args.backend == "both" else [args.backend]:
        run(b, args.rows)
