"""Scale benchmark: agreements list/detail latency with N records, on SQLite and PostgreSQL.

Usage: .venv/bin/python bench/agreements_list.py [--rows 20000] [--backend sqlite|postgres|both]
Builds a fresh database by the migrations, bulk-inserts N agreements with parties, affairs and
related OPDs, then times the main read endpoints in-process (no network) and prints the figures.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

# bench/ is a folder of scripts, not a package.
sys.path.insert(0, str(Path(__file__).parent))
from harness import analyze, fresh_database, timed, token

from kerjasama.core.db import Database
from kerjasama.main import create_app
from kerjasama.models import (
    Agreement,
    AgreementAffair,
    AgreementParty,
    AgreementRelatedOpd,
    Opd,
    Partner,
)


def fill(session: Session, rows: int) -> None:
    opds = list(session.scalars(select(Opd.id)))
    partners = list(session.scalars(select(Partner.id)))
    rng = random.Random(42)  # reproducible test data, not security
    now = datetime.now(UTC)
    batch = 2000
    for start in range(0, rows, batch):
        ags, parties, affairs, related = [], [], [], []
        for i in range(start, min(rows, start + batch)):
            aid = uuid.uuid4()
            signed = date(2015, 1, 1) + timedelta(days=rng.randrange(4000))
            ags.append(
                {
                    "id": aid,
                    "kind": "KB",
                    "category": "KSDD",
                    "nature": "SUKARELA",
                    "number": f"BENCH/{i:07d}",
                    "title": f"Kerja sama uji beban {i} {rng.choice(['sampah', 'kesehatan', 'transportasi', 'pangan'])}",
                    "object": "objek",
                    "scope": "",
                    "purpose": "",
                    "lead_opd_id": rng.choice(opds),
                    "funding_sources": [],
                    "signed_date": signed,
                    "start_date": signed,
                    "end_date": signed + timedelta(days=rng.randrange(365, 1826)),
                    "status": "in_force",
                    "stage": "in_force",
                    "created_at": now,
                    "updated_at": now,
                }
            )
            parties.append(
                {"id": uuid.uuid4(), "agreement_id": aid, "partner_id": None, "role": "HOME", "position": 0}
            )
            for pos, pid in enumerate(rng.sample(partners, 2), start=1):
                parties.append(
                    {
                        "id": uuid.uuid4(),
                        "agreement_id": aid,
                        "partner_id": pid,
                        "role": "PARTNER",
                        "position": pos,
                    }
                )
            affairs.append({"agreement_id": aid, "affair_code": rng.choice(["1.02", "1.03", "2.11", "2.15"])})
            related.append({"agreement_id": aid, "opd_id": rng.choice(opds)})
        session.execute(insert(Agreement), ags)
        session.execute(insert(AgreementParty), parties)
        session.execute(insert(AgreementAffair), affairs)
        session.execute(insert(AgreementRelatedOpd), related)


def run(backend: str, rows: int) -> None:
    with fresh_database(backend) as (settings, engine):
        t0 = time.perf_counter()
        with Session(engine) as s, s.begin():
            fill(s, rows)
        load_s = time.perf_counter() - t0
        analyze(engine)
        sec, opd_user = token(engine, settings, "sekretariat"), token(engine, settings, "operator.dinkes")
        with Session(engine) as s:
            some_id = s.scalar(
                select(Agreement.id).where(Agreement.number == f"BENCH/{min(500, rows - 1):07d}")
            )
        app = create_app(settings, Database(settings, engine=engine), spa_dir=settings.data_dir)
        with TestClient(app) as c:
            c.headers["Authorization"] = f"Bearer {sec}"
            first = c.get("/api/v1/agreements", params={"limit": 50, "sort": "-signed_date"}).json()
            cur = first["next_cursor"]
            for _ in range(20):
                cur = c.get(
                    "/api/v1/agreements", params={"limit": 50, "sort": "-signed_date", "cursor": cur}
                ).json()["next_cursor"]
            cases = {
                "list first page (50, sort -signed_date)": (
                    "/api/v1/agreements",
                    {"limit": 50, "sort": "-signed_date"},
                ),
                "list page 21 via cursor": (
                    "/api/v1/agreements",
                    {"limit": 50, "sort": "-signed_date", "cursor": cur},
                ),
                "list filter category+affair": (
                    "/api/v1/agreements",
                    {"limit": 50, "category": "KSDD", "affair_code": "2.11"},
                ),
                "list q='sampah'": ("/api/v1/agreements", {"limit": 50, "q": "sampah"}),
                "list expiring_within_days=90": (
                    "/api/v1/agreements",
                    {"limit": 50, "expiring_within_days": 90},
                ),
                "detail": (f"/api/v1/agreements/{some_id}", None),
            }
            print(f"\n{backend}: {rows} agreements (+ demo), bulk load {load_s:.1f} s")
            print(f"  {'endpoint':45} {'p50 ms':>8} {'p95 ms':>8}")
            for name, (url_, params) in cases.items():
                p50, p95 = timed(c, url_, params)
                print(f"  {name:45} {p50:8.1f} {p95:8.1f}")
            c.headers["Authorization"] = f"Bearer {opd_user}"
            p50, p95 = timed(c, "/api/v1/agreements", {"limit": 50})
            print(f"  {'list as OPD operator (scoped)':45} {p50:8.1f} {p95:8.1f}")


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--rows", type=int, default=20000)
    ap.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = ap.parse_args()
    for b in ["sqlite", "postgres"] if args.backend == "both" else [args.backend]:
        run(b, args.rows)
