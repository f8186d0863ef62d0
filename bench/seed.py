"""A deterministic scale dataset (issue 16, item 1): regions, partners, agreements in KB -> PKS families
with adenda, obligations and their occurrences, monitoring reports and audit entries, plus the demo data
(users, Kota Cimahi's demo texts) on top, so the demo logins work against it.

Usage: .venv/bin/python bench/seed.py --agreements 100000 \
           [--database-url postgresql://postgres@127.0.0.1:5432/ksd_scale | sqlite:///path/scale.db]
           [--seed 16] [--replace]

The target must be new: a PostgreSQL database is created (and migrated by the app's migrations); an SQLite
file must not exist yet. `--replace` drops the database (removes the file) first. The other sizes follow
--agreements (defaults at 100 000: 20 000 partners, ~1 M obligation occurrences, ~200 000 monitoring
reports, ~175 000 audit entries); the national region list (552 regions) is always loaded in full.

Deterministic: the same arguments give the same rows. Every generated id comes from one seeded
`random.Random` per table and starts with `5eed` (so the scale rows are told from the demo's, whose ids
are random), every timestamp is derived from the agreement's dates, and the audit chain the seed writes
starts at the genesis hash (the demo's own entries are appended after it, through the app's services).
Rows go in with COPY on PostgreSQL and with executemany INSERTs on SQLite; timings per table are printed.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import random
import sys
import tempfile
import time
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dtime
from decimal import Decimal
from pathlib import Path
from typing import Any

import psycopg
from alembic import command
from sqlalchemy import Engine, Table, make_url, select
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).parent))
from harness import analyze

from kerjasama import demo
from kerjasama.cli import alembic_config
from kerjasama.core import audit
from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.core.db import make_engine
from kerjasama.models import (
    Affair,
    Agreement,
    AgreementAffair,
    AgreementParty,
    AgreementRelatedOpd,
    AuditAnchor,
    AuditEntry,
    Base,
    MonitoringReport,
    Obligation,
    ObligationOccurrence,
    Opd,
    Partner,
    PartnerContact,
    Region,
    RegionBorder,
)
from kerjasama.models.agreements import issue_ocid
from kerjasama.models.integration import ChangeEvent
from kerjasama.obligations import service as obligations_service
from kerjasama.obligations.schedule import Schedule, add_months, slots
from kerjasama.procedure.machines import PRE_SIGNING, machine_for, status_of
from kerjasama.reference.data import AFFAIRS, BORDERS, JAWA_BARAT

ID_PREFIX = 0x5EED  # the first 16 bits of every generated id
TODAY = date(2026, 12, 1)  # the dataset's "now": fixed, so a later run gives the same rows
HOME = "32.77"
HOME_TITLE = "Wali Kota Cimahi"

PROVINCES: list[tuple[str, str]] = [
    ("11", "Aceh"),
    ("12", "Sumatera Utara"),
    ("13", "Sumatera Barat"),
    ("14", "Riau"),
    ("15", "Jambi"),
    ("16", "Sumatera Selatan"),
    ("17", "Bengkulu"),
    ("18", "Lampung"),
    ("19", "Kepulauan Bangka Belitung"),
    ("21", "Kepulauan Riau"),
    ("31", "DKI Jakarta"),
    ("33", "Jawa Tengah"),
    ("34", "DI Yogyakarta"),
    ("35", "Jawa Timur"),
    ("36", "Banten"),
    ("51", "Bali"),
    ("52", "Nusa Tenggara Barat"),
    ("53", "Nusa Tenggara Timur"),
    ("61", "Kalimantan Barat"),
    ("62", "Kalimantan Tengah"),
    ("63", "Kalimantan Selatan"),
    ("64", "Kalimantan Timur"),
    ("65", "Kalimantan Utara"),
    ("71", "Sulawesi Utara"),
    ("72", "Sulawesi Tengah"),
    ("73", "Sulawesi Selatan"),
    ("74", "Sulawesi Tenggara"),
    ("75", "Gorontalo"),
    ("76", "Sulawesi Barat"),
    ("81", "Maluku"),
    ("82", "Maluku Utara"),
    ("91", "Papua"),
    ("92", "Papua Barat"),
    ("93", "Papua Selatan"),
    ("94", "Papua Tengah"),
    ("95", "Papua Pegunungan"),
    ("96", "Papua Barat Daya"),
]
EXTRA_OPDS = [
    "DISKOMINFO",
    "DISPORA",
    "DISBUDPAR",
    "DKPP",
    "DISNAKER",
    "DINKOPUKM",
    "DISPERINDAG",
    "DP3AP2KB",
    "DPMK",
    "DISARPUS",
    "BKPSDMD",
    "INSPEKTORAT",
    "KESBANGPOL",
    "RSUD",
    "SETWAN",
    "KEC-CIMAHI-UTARA",
    "KEC-CIMAHI-TENGAH",
    "KEC-CIMAHI-SELATAN",
    "ORGANISASI",
    "UMUM",
    "PBJ",
    "KESRA",
    "PROKOPIM",
]
# share of families per category (a family: one KB, NK or LoI with its PKS, RK, foreign texts and adenda)
CATEGORY_WEIGHTS = {"KSDD": 45, "KSDPK": 35, "SINERGI": 12, "KSDPL": 4, "KSDLL": 4}
PARTNER_TYPE_OF = {
    "KSDD": "REGION",
    "KSDPK": "THIRD_PARTY",
    "SINERGI": "CENTRAL_GOVERNMENT",
    "KSDPL": "FOREIGN_GOVERNMENT",
    "KSDLL": "FOREIGN_INSTITUTION",
}
ROOT_KIND = {"KSDD": "KB", "KSDPK": "KB", "SINERGI": "NK", "KSDPL": "LOI", "KSDLL": "LOI"}
CHILD_KIND = {"KSDD": "PKS", "KSDPK": "PKS", "SINERGI": "RK", "KSDPL": "NASKAH_LN", "KSDLL": "NASKAH_LN"}
KIND_TITLE = {
    "KB": "Kesepakatan Bersama",
    "PKS": "Perjanjian Kerja Sama",
    "NK": "Nota Kesepakatan",
    "RK": "Rencana Kerja Sama",
    "LOI": "Letter of Intent",
    "NASKAH_LN": "Naskah Kerja Sama Luar Negeri",
    "ADENDUM": "Adendum",
}
TOPICS = [
    "pengelolaan sampah regional",
    "rujukan pelayanan kesehatan",
    "penanganan banjir perbatasan",
    "angkutan umum terintegrasi",
    "pasokan pangan pokok",
    "pengembangan pariwisata",
    "pembayaran pajak daerah non-tunai",
    "peningkatan kapasitas aparatur",
    "penyediaan air minum",
    "pendidikan vokasi",
    "pengembangan UMKM",
    "pengamanan aset daerah",
    "pertukaran data kependudukan",
    "penanggulangan bencana",
    "kota kembar (sister city)",
    "energi terbarukan",
    "pertanian perkotaan",
    "penegakan peraturan daerah",
]
THIRD_PARTY_FORMS = [
    ("business_entity", "pt", "PT"),
    ("business_entity", "bumd", "PT"),
    ("business_entity", "bumn", "PT"),
    ("business_entity", "koperasi", "Koperasi"),
    ("civil_organisation", "yayasan", "Yayasan"),
    ("civil_organisation", "perkumpulan", "Perkumpulan"),
    ("individual", None, ""),
]
CENTRAL = ["Kejaksaan Negeri", "Kepolisian Resor", "Kantor Pertanahan", "Badan Pusat Statistik", "Kodim"]
COUNTRIES = ["JP", "KR", "NL", "DE", "AU", "CN", "MY", "SG", "FR", "US", "TH", "TR"]
WORDS = [
    "Sinar",
    "Mitra",
    "Karya",
    "Abadi",
    "Sejahtera",
    "Nusantara",
    "Mandiri",
    "Utama",
    "Lestari",
    "Jaya",
    "Bersama",
    "Makmur",
    "Harapan",
    "Bhakti",
    "Persada",
    "Cipta",
]
FREQUENCIES = [("monthly", 10), ("quarterly", 40), ("semester", 30), ("yearly", 20)]


def new_id(rng: random.Random) -> uuid.UUID:
    """A version-4 UUID whose first 16 bits are 5eed, from `rng`."""
    return uuid.UUID(int=(ID_PREFIX << 112) | rng.getrandbits(112), version=4)


def is_seeded(value: object) -> bool:
    return str(value).replace("-", "").startswith("5eed")


def at(day: date, rng: random.Random) -> datetime:
    """A working-hours moment of `day` in UTC (Jakarta office hours)."""
    return datetime.combine(day, dtime(1 + rng.randrange(9), rng.randrange(60), rng.randrange(60)), UTC)


def _rngs(seed: int) -> dict[str, random.Random]:
    names = ["region", "opd", "partner", "agreement", "obligation", "occurrence", "monitoring", "audit"]
    return {n: random.Random(f"{seed}:{n}") for n in names}  # reproducible data, not security


@dataclass
class Sizes:
    agreements: int
    partners: int

    @classmethod
    def from_agreements(cls, n: int, partners: int | None) -> Sizes:
        return cls(n, partners if partners is not None else max(n // 5, 700))


@dataclass
class Ctx:
    sizes: Sizes
    settings: Settings
    rng: dict[str, random.Random]
    opds: list[uuid.UUID] = field(default_factory=list)
    opd_weights: list[int] = field(default_factory=list)
    partners_by_type: dict[str, list[tuple[uuid.UUID, str]]] = field(default_factory=dict)
    agreements: list[dict[str, Any]] = field(default_factory=list)
    parties: dict[uuid.UUID, list[tuple[uuid.UUID, str]]] = field(default_factory=dict)
    partner_rows: list[dict[str, Any]] = field(default_factory=list)
    # (last change, kind, id, agreement id) of every generated feed entity: the change feed's events
    changes: list[tuple[datetime, int, uuid.UUID, uuid.UUID | None]] = field(default_factory=list)


# --- generators: each yields complete rows (every column set, so COPY needs no defaults) ---------------


def gen_regions(ctx: Ctx) -> Iterator[dict[str, Any]]:
    rng = ctx.rng["region"]
    for code, name, type_ in JAWA_BARAT:
        yield {"code": code, "name": name, "type": type_, "province_code": code[:2]}
    # 37 more provinces and their kabupaten/kota: 552 regions in all, like the national list (548 + new ones)
    per_province, extra = divmod(552 - len(JAWA_BARAT) - len(PROVINCES), len(PROVINCES))
    for i, (prov, pname) in enumerate(PROVINCES):
        yield {"code": prov, "name": f"Provinsi {pname}", "type": "provinsi", "province_code": prov}
        n = per_province + (1 if i < extra else 0)
        n_kota = max(1, n // 5)
        for j in range(n - n_kota):
            word = rng.choice(WORDS)
            yield {
                "code": f"{prov}.{j + 1:02d}",
                "name": f"Kabupaten {word} {pname.split()[-1]} {j + 1}",
                "type": "kabupaten",
                "province_code": prov,
            }
        for j in range(n_kota):
            yield {
                "code": f"{prov}.{71 + j:02d}",
                "name": f"Kota {rng.choice(WORDS)} {pname.split()[-1]} {j + 1}",
                "type": "kota",
                "province_code": prov,
            }


def gen_borders(ctx: Ctx) -> Iterator[dict[str, Any]]:
    for a, b in BORDERS:
        yield {"region_code": a, "neighbour_code": b}
        yield {"region_code": b, "neighbour_code": a}


def gen_affairs(ctx: Ctx) -> Iterator[dict[str, Any]]:
    for code, name, group in AFFAIRS:
        yield {"code": code, "name": name, "group": group, "is_absolute_central": False}


def gen_opds(ctx: Ctx) -> Iterator[dict[str, Any]]:
    rng = ctx.rng["opd"]
    moment = datetime(2019, 1, 2, 2, 0, tzinfo=UTC)
    rows = [(c, n, a) for c, n, a in demo.OPDS] + [(c, c.title(), c.title()) for c in EXTRA_OPDS]
    for code, name, abbr in rows:
        oid = new_id(rng)
        ctx.opds.append(oid)
        # the demo OPDs lead most texts: the demo OPD logins (Dinkes, DLH) see a realistic share
        ctx.opd_weights.append(6 if code in {c for c, _, _ in demo.OPDS} else 1)
        yield {
            "id": oid,
            "code": code,
            "name": name,
            "abbreviation": abbr,
            "is_active": True,
            "version": 1,
            "created_at": moment,
            "updated_at": moment,
        }


def _partner_row(
    rng: random.Random, pid: uuid.UUID, type_: str, name: str, day: date, **extra: Any
) -> dict[str, Any]:
    moment = at(day, rng)
    row = {
        "id": pid,
        "type": type_,
        "name": name,
        "name_normalized": name.lower().replace(".", "").replace(",", ""),
        "region_code": None,
        "third_party_kind": None,
        "business_form": None,
        "nib": None,
        "npwp": None,
        "country_code": None,
        "is_bankrupt": False,
        "address": "",
        "notes": "",
        "created_by": None,
        "version": 1,
        "created_at": moment,
        "updated_at": moment,
    }
    row.update(extra)
    return row


def gen_partners(ctx: Ctx, regions: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    rng = ctx.rng["partner"]
    by_type: dict[str, list[tuple[uuid.UUID, str]]] = {t: [] for t in PARTNER_TYPE_OF.values()}
    start = date(2015, 1, 1)
    for r in regions:
        if r["code"] == HOME:
            continue
        pid = new_id(rng)
        by_type["REGION"].append((pid, r["code"]))
        yield _partner_row(rng, pid, "REGION", r["name"], start, region_code=r["code"])
    rest = max(0, ctx.sizes.partners - len(by_type["REGION"]))
    weights = {"THIRD_PARTY": 84, "CENTRAL_GOVERNMENT": 8, "FOREIGN_GOVERNMENT": 4, "FOREIGN_INSTITUTION": 4}
    types = rng.choices(list(weights), list(weights.values()), k=rest)
    for i, type_ in enumerate(types):
        pid = new_id(rng)
        day = start + timedelta(days=rng.randrange(4000))
        if type_ == "THIRD_PARTY":
            kind, form, prefix = rng.choice(THIRD_PARTY_FORMS)
            words = " ".join(rng.sample(WORDS, 2))
            name = f"{prefix} {words} {i}".strip() if kind != "individual" else f"Perorangan {words} {i}"
            extra: dict[str, Any] = {
                "third_party_kind": kind,
                "business_form": form,
                "nib": f"{rng.randrange(10**12, 10**13)}" if kind == "business_entity" else None,
                "npwp": f"{rng.randrange(10**14, 10**15)}",
                "address": f"Jl. {rng.choice(WORDS)} No. {rng.randrange(1, 200)}",
            }
        elif type_ == "CENTRAL_GOVERNMENT":
            name, extra = f"{rng.choice(CENTRAL)} {rng.choice(WORDS)} {i}", {}
        else:
            country = rng.choice(COUNTRIES)
            label = "City of" if type_ == "FOREIGN_GOVERNMENT" else "Institute"
            name, extra = f"{label} {rng.choice(WORDS)} {country}-{i}", {"country_code": country}
        by_type[type_].append((pid, name))
        yield _partner_row(rng, pid, type_, name, day, **extra)
    ctx.partners_by_type = by_type


def gen_contacts(ctx: Ctx) -> Iterator[dict[str, Any]]:
    rng = ctx.rng["partner"]
    for pid, _ in itertools.chain.from_iterable(ctx.partners_by_type.values()):
        yield {
            "id": new_id(rng),
            "partner_id": pid,
            "position": 0,
            "name": f"Narahubung {rng.choice(WORDS)}",
            "title": "Kepala Bagian Kerja Sama",
            "email": None,
            "phone": f"08{rng.randrange(10**9, 10**10)}",
        }


def _agreement(
    ctx: Ctx,
    *,
    number: int,
    kind: str,
    category: str,
    parent: dict[str, Any] | None,
    signed: date | None,
    years: int,
    topic: str,
    partner_names: list[str],
) -> dict[str, Any]:
    rng = ctx.rng["agreement"]
    aid = new_id(rng)
    machine = machine_for(kind, category)
    assert machine is not None, (kind, category)
    start = end = ended = None
    end_reason = None
    if signed is None:
        pre = [s for s in machine.stages if s in PRE_SIGNING]
        roll = rng.random()
        stage = (
            "cancelled"
            if roll < 0.15
            else "rejected"
            if roll < 0.2 and "rejected" in _targets(kind, category)
            else rng.choice(pre)
        )
        created = TODAY - timedelta(days=rng.randrange(20, 700))
    else:
        start = signed + timedelta(days=rng.choice([0, 0, 0, 1, 14, 30]))
        created = signed - timedelta(days=rng.randrange(30, 240))
        if kind == "ADENDUM":
            stage = "in_force"  # an adendum has no term of its own: it changes its parent when signed
        else:
            end = add_months(start, 12 * years) - timedelta(days=1)
            if parent is not None and parent["end_date"] is not None:
                end = min(end, parent["end_date"])
            if end <= start:
                end = start + timedelta(days=180)
            if end < TODAY and rng.random() < 0.85:
                stage, ended, end_reason = "ended", end + timedelta(days=1), "term_expired"
            elif end >= TODAY and rng.random() < 0.01:
                stage, ended, end_reason = (
                    "ended",
                    TODAY - timedelta(days=rng.randrange(1, 200)),
                    "mutual_agreement",
                )
            else:
                stage = "dispute" if rng.random() < 0.005 else "in_force"
    lead = rng.choices(ctx.opds, ctx.opd_weights)[0]
    title_partners = " dan ".join(partner_names[:2]) + (" dkk." if len(partner_names) > 2 else "")
    ts = at(created, rng)
    return {
        "id": aid,
        "kind": kind,
        "parent_id": parent["id"] if parent is not None else None,
        "predecessor_id": None,
        "category": category,
        "nature": (rng.choice(["WAJIB", "SUKARELA", "SUKARELA"]) if category == "KSDD" else None),
        "number": f"KSN/{kind}/{(signed or created).year}/{number:07d}",
        "title": f"{KIND_TITLE[kind]} Pemerintah Kota Cimahi dan {title_partners} tentang {topic}",
        "object": f"Kerja sama {topic}",
        "scope": topic,
        "purpose": f"Meningkatkan pelayanan publik melalui {topic}",
        "lead_opd_id": lead,
        "planning_reference": "RPJMD Kota Cimahi" if rng.random() < 0.7 else None,
        "out_of_plan_reason": None,
        "funding_sources": rng.choice([["apbd"], ["apbd", "partner"], ["partner"], []]),
        "apbd_value": Decimal(rng.randrange(50, 5000) * 1_000_000) if rng.random() < 0.3 else None,
        "burdens_community_and_region": False,
        "budgeted_in_current_apbd": True,
        "signed_date": signed,
        "start_date": start,
        "end_date": end,
        "status": status_of(stage),
        "stage": stage,
        "end_reason": end_reason,
        "is_demo": False,
        "is_legacy_import": signed is not None and signed < date(2024, 1, 1),
        "public": signed is not None and rng.random() < 0.3,
        "initiated_by_partner": rng.random() < 0.2,
        "declarations": {},
        "offer_due_date": None,
        "offer_second_request_date": None,
        "offer_non_answer_reported_date": None,
        "minister_reported_date": None,
        "ocid": issue_ocid(ctx.settings.ocds_prefix, aid),
        "kak": {},
        "feasibility_study_ref": None,
        "clauses": [],
        "amendment": {},
        "stage_before_dispute": "in_force" if stage == "dispute" else None,
        "ended_date": ended,
        "created_by": None,
        "version": 1,
        "created_at": ts,
        "updated_at": ts if stage not in ("ended",) else at(ended or created, rng),
    }


def _targets(kind: str, category: str) -> set[str]:
    machine = machine_for(kind, category)
    return {t.to_stage for t in machine.transitions} if machine else set()


def build_agreements(ctx: Ctx) -> None:
    """Families in memory (they are needed again for the parties, obligations, reports and audit)."""
    rng = ctx.rng["agreement"]
    cats, weights = list(CATEGORY_WEIGHTS), list(CATEGORY_WEIGHTS.values())
    out = ctx.agreements
    n = ctx.sizes.agreements
    latest_signing = TODAY - timedelta(days=20)

    def add(row: dict[str, Any], partners: list[tuple[uuid.UUID, str]]) -> dict[str, Any]:
        out.append(row)
        ctx.parties[row["id"]] = partners
        return row

    while len(out) < n:
        category = rng.choices(cats, weights)[0]
        pool = ctx.partners_by_type[PARTNER_TYPE_OF[category]]
        k = 1 if category != "KSDD" or rng.random() < 0.9 else rng.randrange(2, 7)
        partners = rng.sample(pool, min(k, len(pool)))
        names = [name if category != "KSDD" else f"Daerah {name}" for _, name in partners]
        topic = rng.choice(TOPICS)
        signed = None
        if rng.random() < 0.85:
            signed = date(2012, 1, 1) + timedelta(
                days=rng.randrange((latest_signing - date(2012, 1, 1)).days)
            )
        root = add(
            _agreement(
                ctx,
                number=len(out) + 1,
                kind=ROOT_KIND[category],
                category=category,
                parent=None,
                signed=signed,
                years=rng.choice([2, 3, 5, 5]),
                topic=topic,
                partner_names=names,
            ),
            partners,
        )
        if signed is None:
            continue
        for _ in range(rng.choices([0, 1, 2, 3, 4], [15, 35, 25, 15, 10])[0]):
            if len(out) >= n:
                break
            room = (min(root["end_date"], latest_signing) - signed).days
            child_signed = None
            if room > 10 and rng.random() < 0.92:
                child_signed = signed + timedelta(days=rng.randrange(5, room))
            child = add(
                _agreement(
                    ctx,
                    number=len(out) + 1,
                    kind=CHILD_KIND[category],
                    category=category,
                    parent=root,
                    signed=child_signed,
                    years=rng.choice([1, 2, 3]),
                    topic=topic,
                    partner_names=names,
                ),
                partners,
            )
            if child_signed is not None and len(out) < n and rng.random() < 0.18:
                room = (min(child["end_date"], latest_signing) - child_signed).days
                if room > 10:
                    add(
                        _agreement(
                            ctx,
                            number=len(out) + 1,
                            kind="ADENDUM",
                            category=category,
                            parent=child,
                            signed=child_signed + timedelta(days=rng.randrange(5, room)),
                            years=1,
                            topic=topic,
                            partner_names=names,
                        ),
                        partners,
                    )


def gen_parties(ctx: Ctx) -> Iterator[dict[str, Any]]:
    rng = ctx.rng["agreement"]
    for a in ctx.agreements:
        yield {
            "id": new_id(rng),
            "agreement_id": a["id"],
            "partner_id": None,
            "role": "HOME",
            "position": 0,
            "signatory_name": "",
            "signatory_title": HOME_TITLE,
            "document_number": a["number"],
            "power_of_attorney_ref": None,
        }
        for pos, (pid, _) in enumerate(ctx.parties[a["id"]], start=1):
            yield {
                "id": new_id(rng),
                "agreement_id": a["id"],
                "partner_id": pid,
                "role": "PARTNER",
                "position": pos,
                "signatory_name": "",
                "signatory_title": "",
                "document_number": "",
                "power_of_attorney_ref": None,
            }


AFFAIR_CODES = [c for c, _, _ in AFFAIRS]


def gen_agreement_affairs(ctx: Ctx) -> Iterator[dict[str, Any]]:
    rng = ctx.rng["agreement"]
    for a in ctx.agreements:
        for code in sorted(rng.sample(AFFAIR_CODES, rng.choice([1, 1, 2, 3]))):
            yield {"agreement_id": a["id"], "affair_code": code}


def gen_related_opds(ctx: Ctx) -> Iterator[dict[str, Any]]:
    rng = ctx.rng["agreement"]
    for a in ctx.agreements:
        for oid in rng.sample(ctx.opds, rng.choice([0, 0, 1, 2])):
            if oid != a["lead_opd_id"]:
                yield {"agreement_id": a["id"], "opd_id": oid}


def _signed(ctx: Ctx) -> Iterator[dict[str, Any]]:
    return (a for a in ctx.agreements if a["signed_date"] is not None and a["kind"] != "ADENDUM")


@dataclass
class ObligationPlan:
    row: dict[str, Any]
    term: tuple[date, date]


def gen_obligations(ctx: Ctx, plans: list[ObligationPlan]) -> Iterator[dict[str, Any]]:
    rng = ctx.rng["obligation"]
    freqs, fweights = [f for f, _ in FREQUENCIES], [w for _, w in FREQUENCIES]
    for a in _signed(ctx):
        start, end = a["start_date"], a["end_date"]
        partners = ctx.parties[a["id"]]
        for n in range(rng.choices([1, 2, 3, 4], [40, 35, 17, 8])[0]):
            roll = rng.random()
            schedule_type = "recurring" if roll < 0.8 else "one_off" if roll < 0.95 else "continuous"
            span = (end - start).days
            row = {
                "id": new_id(rng),
                "agreement_id": a["id"],
                "partner_id": None if n % 2 == 0 else rng.choice(partners)[0],
                "kind": "KEWAJIBAN" if rng.random() < 0.8 else "HAK",
                "description": f"{rng.choice(['Laporan', 'Pembayaran', 'Pasokan', 'Penyediaan'])} {a['scope']}",
                "clause_reference": f"Pasal {n + 4}",
                "responsible_opd_id": a["lead_opd_id"],
                "schedule_type": schedule_type,
                "due_date": start + timedelta(days=rng.randrange(max(1, span)))
                if schedule_type == "one_off"
                else None,
                "frequency": rng.choices(freqs, fweights)[0] if schedule_type == "recurring" else None,
                "anchor_date": (
                    start + timedelta(days=rng.randrange(min(60, max(1, span))))
                    if schedule_type == "recurring"
                    else None
                ),
                "indicator": None,
                "target": None,
                "unit": None,
                "value": None,
                "created_by": None,
                "created_at": a["created_at"],
                "version": 1,
            }
            # Every occurrence due from TODAY on is open (gen_occurrences): the next due date is the
            # first of them, as of TODAY (the daily job and the reads carry it to the real today).
            schedule = Schedule(schedule_type, row["due_date"], row["frequency"], row["anchor_date"])
            row["next_due_date"] = next(
                (s.due_date for s in slots(schedule, start, end, end) if s.due_date >= TODAY), None
            )
            plans.append(ObligationPlan(row, (start, end)))
            yield row


def gen_occurrences(ctx: Ctx, plans: list[ObligationPlan]) -> Iterator[dict[str, Any]]:
    rng = ctx.rng["occurrence"]
    for plan in plans:
        o = plan.row
        schedule = Schedule(o["schedule_type"], o["due_date"], o["frequency"], o["anchor_date"])
        last_change: datetime = o["created_at"]
        for slot in slots(schedule, plan.term[0], plan.term[1], plan.term[1]):
            roll = rng.random()
            if slot.due_date < TODAY:
                status = (
                    "fulfilled"
                    if roll < 0.82
                    else "not_fulfilled"
                    if roll < 0.86
                    else "in_progress"
                    if roll < 0.88
                    else "pending"
                )
            else:
                status = "in_progress" if roll < 0.1 else "pending"
            fulfilled_on = None
            if status == "fulfilled":
                fulfilled_on = max(slot.period_start, slot.due_date - timedelta(days=rng.randrange(20)))
            updated_at = at(min(fulfilled_on or slot.period_start, TODAY), rng)
            last_change = max(last_change, updated_at)
            yield {
                "id": new_id(rng),
                "obligation_id": o["id"],
                "seq": slot.seq,
                "period_start": slot.period_start,
                "due_date": slot.due_date,
                "status": status,
                "force_majeure_event_id": None,
                "fulfilled_on": fulfilled_on,
                "updated_at": updated_at,
                "version": 1,
            }
        ctx.changes.append((last_change, 2, o["id"], o["agreement_id"]))


def _semesters(start: date, end: date) -> list[tuple[str, date, date]]:
    out: list[tuple[str, date, date]] = []
    year, half = start.year, 1 if start.month <= 6 else 2
    while True:
        p_start = date(year, 1, 1) if half == 1 else date(year, 7, 1)
        p_end = date(year, 6, 30) if half == 1 else date(year, 12, 31)
        if p_start > end or p_end + timedelta(days=15) > TODAY:
            return out
        out.append((f"{year}-S{half}", p_start, p_end))
        year, half = (year, 2) if half == 1 else (year + 1, 1)


def gen_reports(ctx: Ctx) -> Iterator[dict[str, Any]]:
    rng = ctx.rng["monitoring"]
    for a in _signed(ctx):
        periods = _semesters(a["start_date"], a["end_date"])
        keep = periods[-rng.choice([2, 3, 3, 4]) :] if periods else []
        for i, (label, p_start, p_end) in enumerate(keep):
            latest = i == len(keep) - 1
            status = (
                rng.choice(["draft", "submitted", "verified", "returned", "final"]) if latest else "final"
            )
            due = p_end + timedelta(days=15)
            submitted = at(due - timedelta(days=rng.randrange(0, 10)), rng) if status != "draft" else None
            final = at(due + timedelta(days=rng.randrange(5, 40)), rng) if status == "final" else None
            row = {
                "id": new_id(rng),
                "agreement_id": a["id"],
                "period": label,
                "period_start": p_start,
                "period_end": p_end,
                "due_date": due,
                "status": status,
                "problems": "" if rng.random() < 0.6 else "Keterlambatan pelaporan dari mitra",
                "solutions": "",
                "other_matters": "",
                "follow_up": "Koordinasi lanjutan" if rng.random() < 0.3 else "",
                "background": "",
                "progress_results": "",
                "beneficiaries": "",
                "funding": "",
                "analysis": "",
                "ratings": {"conformity": rng.randrange(2, 6), "timeliness": rng.randrange(2, 6)},
                "recommendation": rng.choice(["continue", "continue", "expand", "revise"]) if final else None,
                "realisation": [],
                "return_reason": "Lengkapi bukti realisasi" if status == "returned" else None,
                "submitted_at": submitted,
                "finalised_at": final,
                "created_by": None,
                "created_at": at(p_end, rng),
                "updated_at": final or submitted or at(p_end, rng),
                "version": 1,
            }
            ctx.changes.append((row["updated_at"], 3, row["id"], a["id"]))
            yield row


CHANGE_KINDS = ("partner", "agreement", "obligation", "monitoring_report")


def gen_changes(ctx: Ctx) -> Iterator[dict[str, Any]]:
    """One change-feed event per generated partner, agreement, obligation and monitoring report, at its
    last change, in time order (the feed's `seq` follows); the demo's own events come after them."""
    ctx.changes += [(p["updated_at"], 0, p["id"], None) for p in ctx.partner_rows]
    ctx.changes += [(a["updated_at"], 1, a["id"], a["id"]) for a in ctx.agreements]
    ctx.changes.sort(key=lambda c: (c[0], c[1], c[2]))
    for changed_at, kind, entity_id, agreement_id in ctx.changes:
        yield {
            "entity_type": CHANGE_KINDS[kind],
            "entity_id": entity_id,
            "agreement_id": agreement_id,
            "op": "upsert",
            "changed_at": changed_at,
        }


AUDITED = ("id", "number", "kind", "category", "title", "stage", "status", "signed_date", "end_date")


def gen_audit(ctx: Ctx, head: list[tuple[int, str, datetime]]) -> Iterator[dict[str, Any]]:
    """One `create` entry per partner and per agreement (a `transition` for those that ended), in time
    order, chained from the genesis hash as core.audit.record chains them."""
    rng = ctx.rng["audit"]
    events: list[tuple[datetime, str, str, str, dict[str, Any]]] = []
    for p in ctx.partner_rows:
        after = {"type": p["type"], "name": p["name"], "region_code": p["region_code"]}
        events.append((p["created_at"], "partner", str(p["id"]), "create", after))
    for a in ctx.agreements:
        events.append((a["created_at"], "agreement", str(a["id"]), "create", {k: a[k] for k in AUDITED}))
        if a["stage"] == "ended":
            events.append((a["updated_at"], "agreement", str(a["id"]), "transition", {"stage": "ended"}))
    events.sort(key=lambda e: (e[0], e[2], e[3]))
    prev = audit.GENESIS_HASH
    for seq, (moment, entity_type, entity_id, action, after) in enumerate(events, start=1):
        row = {
            "seq": seq,
            "at": moment,
            "actor_id": None,
            "actor_username": rng.choice(["sekretariat", "operator.import", "admin"]),
            "actor_role": "secretariat",
            "entity_type": entity_type,
            "entity_id": entity_id,
            "action": action,
            "before": None,
            "after": audit.jsonable(after),
        }
        row["hash"] = audit._entry_hash(prev, audit._payload(_Row(row)))
        row["prev_hash"] = prev
        prev = row["hash"]
        head[:] = [(seq, prev, moment)]
        yield row


class _Row:
    def __init__(self, values: dict[str, Any]) -> None:
        self.__dict__.update(values)


# --- loading -------------------------------------------------------------------------------------------


class Loader:
    """COPY on PostgreSQL, executemany INSERT on SQLite; counts and times each table."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.timings: list[tuple[str, int, float]] = []

    def load(self, model: type[Base], rows: Iterable[dict[str, Any]]) -> int:
        table: Table = model.__table__  # type: ignore[assignment]
        t0 = time.perf_counter()
        n = self._copy(table, rows) if self.engine.dialect.name == "postgresql" else self._insert(table, rows)
        self.timings.append((table.name, n, time.perf_counter() - t0))
        print(f"  {table.name:26} {n:>10,} rows {self.timings[-1][2]:8.1f} s", flush=True)
        return n

    def _copy(self, table: Table, rows: Iterable[dict[str, Any]]) -> int:
        it = iter(rows)
        first = next(it, None)
        if first is None:
            return 0
        cols = list(first)
        json_cols = {c.name for c in table.columns if c.type.__class__.__name__ == "JSON"}
        raw = self.engine.raw_connection()
        try:
            conn = raw.driver_connection
            assert isinstance(conn, psycopg.Connection)
            names = ", ".join(f'"{c}"' for c in cols)
            n = 0
            with conn.cursor() as cur, cur.copy(f'COPY "{table.name}" ({names}) FROM STDIN') as cp:
                for row in itertools.chain([first], it):
                    cp.write_row([json.dumps(row[c]) if c in json_cols else row[c] for c in cols])
                    n += 1
            conn.commit()
            return n
        finally:
            raw.close()

    def _insert(self, table: Table, rows: Iterable[dict[str, Any]]) -> int:
        n = 0
        with self.engine.begin() as conn:
            it = iter(rows)
            while batch := list(itertools.islice(it, 5000)):
                conn.execute(table.insert(), batch)
                n += len(batch)
        return n


def refresh_next_due(engine: Engine, settings: Settings) -> int:
    """What the daily job does first thing: the next due dates stored as of TODAY that the real today
    has passed are stored again (the reads would recompute them otherwise)."""
    today, moved = today_in_region(settings), 0
    while True:
        with Session(engine) as s, s.begin():
            done = obligations_service.refresh_stale_next_due(s, today, 5000)
        moved += done
        if done < 5000:
            return moved


def prepare_database(url: str, replace: bool) -> str:
    """Create the PostgreSQL database (or check the SQLite file is new); return a SQLAlchemy URL."""
    u: URL = make_url(url)
    if u.get_backend_name() == "sqlite":
        path = Path(u.database or "")
        if path.exists():
            if not replace:
                raise SystemExit(f"{path} exists: pass --replace to overwrite it")
            path.unlink()
        return url
    u = u.set(drivername="postgresql+psycopg")
    admin = u.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as c:
        if c.execute("SELECT 1 FROM pg_database WHERE datname = %s", (u.database,)).fetchone():
            if not replace:
                raise SystemExit(f"database {u.database} exists: pass --replace to drop it first")
            c.execute(f'DROP DATABASE "{u.database}" WITH (FORCE)')
        c.execute(f'CREATE DATABASE "{u.database}"')
    return u.render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        Path(u.database or "").unlink(missing_ok=True)
        return
    admin = u.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(admin, autocommit=True) as c:
        c.execute(f'DROP DATABASE IF EXISTS "{u.database}" WITH (FORCE)')


@dataclass
class Result:
    url: str
    timings: list[tuple[str, int, float]]
    total_s: float

    def count(self, table: str) -> int:
        return sum(n for name, n, _ in self.timings if name == table)


def seed(
    url: str,
    agreements: int,
    *,
    seed_value: int = 16,
    partners: int | None = None,
    replace: bool = False,
    settings: Settings | None = None,
) -> Result:
    t_all = time.perf_counter()
    url = prepare_database(url, replace)
    with tempfile.TemporaryDirectory() as tmp:
        settings = settings or Settings(database_url=url, data_dir=Path(tmp), env="test")
        engine = make_engine(url)
        loader = Loader(engine)
        try:
            t0 = time.perf_counter()
            command.upgrade(alembic_config(url), "head")
            loader.timings.append(("(migrations)", 0, time.perf_counter() - t0))
            print(f"  {'(migrations)':26} {'':>10}      {loader.timings[-1][2]:8.1f} s", flush=True)
            ctx = Ctx(Sizes.from_agreements(agreements, partners), settings, _rngs(seed_value))
            regions = list(gen_regions(ctx))
            loader.load(Region, regions)
            loader.load(RegionBorder, gen_borders(ctx))
            loader.load(Affair, gen_affairs(ctx))
            loader.load(Opd, gen_opds(ctx))
            ctx.partner_rows = list(gen_partners(ctx, regions))
            loader.load(Partner, ctx.partner_rows)
            loader.load(PartnerContact, gen_contacts(ctx))
            t0 = time.perf_counter()
            build_agreements(ctx)
            print(
                f"  {'(agreement families)':26} {len(ctx.agreements):>10,} built {time.perf_counter() - t0:7.1f} s"
            )
            loader.load(Agreement, ctx.agreements)
            loader.load(AgreementParty, gen_parties(ctx))
            loader.load(AgreementAffair, gen_agreement_affairs(ctx))
            loader.load(AgreementRelatedOpd, gen_related_opds(ctx))
            plans: list[ObligationPlan] = []
            loader.load(Obligation, gen_obligations(ctx, plans))
            loader.load(ObligationOccurrence, gen_occurrences(ctx, plans))
            del plans
            loader.load(MonitoringReport, gen_reports(ctx))
            loader.load(ChangeEvent, gen_changes(ctx))
            ctx.changes.clear()
            head: list[tuple[int, str, datetime]] = []
            loader.load(AuditEntry, gen_audit(ctx, head))
            seq, head_hash, moment = head[0]
            loader.load(
                AuditAnchor,
                [
                    {
                        "id": audit.ANCHOR_ID,
                        "seq": seq,
                        "hash": head_hash,
                        "hmac": audit.sign_head(audit.anchor_key(), seq, head_hash),
                        "at": moment,
                    }
                ],
            )
            t0 = time.perf_counter()
            with Session(engine) as s, s.begin():
                demo.seed(s, settings)  # users and the demo texts, through the services (reuses our rows)
            loader.timings.append(("(demo data)", 0, time.perf_counter() - t0))
            print(f"  {'(demo data)':26} {'':>10}      {loader.timings[-1][2]:8.1f} s", flush=True)
            t0 = time.perf_counter()
            moved = refresh_next_due(engine, settings)
            loader.timings.append(("(next due dates)", 0, time.perf_counter() - t0))
            print(f"  {'(next due dates)':26} {moved:>10,} moved {loader.timings[-1][2]:7.1f} s", flush=True)
            t0 = time.perf_counter()
            analyze(engine)
            loader.timings.append(("(analyze)", 0, time.perf_counter() - t0))
        finally:
            engine.dispose()
    result = Result(url, loader.timings, time.perf_counter() - t_all)
    rows = sum(n for _, n, _ in result.timings)
    print(f"  {'total':26} {rows:>10,} rows {result.total_s:8.1f} s", flush=True)
    return result


# Tables whose generated rows `digest` compares (rows the demo adds afterwards have random ids).
DIGEST_TABLES: list[type[Base]] = [
    Region,
    RegionBorder,
    Affair,
    Opd,
    Partner,
    PartnerContact,
    Agreement,
    AgreementParty,
    AgreementAffair,
    AgreementRelatedOpd,
    Obligation,
    ObligationOccurrence,
    MonitoringReport,
    AuditEntry,
]


def _keep(model: type[Base], values: Any) -> bool:
    """Is this row one the seed generated (rather than the demo's, whose ids are random)?"""
    if model is AuditEntry:
        return is_seeded(values["entity_id"])
    ids = [values[c] for c in ("id", "agreement_id") if c in values]
    # Every id must be the seed's: a demo row's random id starts with 5eed once in 65 536, and such a row
    # would make two equal seeds digest differently (the SQLite run differed once on agreement_party).
    return all(is_seeded(v) for v in ids)  # no id (regions, borders, affairs): all from the seed


def digest(engine: Engine) -> dict[str, str]:
    """A SHA-256 per table over the seeded rows in primary-key order (the demo's rows left out)."""
    out: dict[str, str] = {}
    with engine.connect() as conn:
        for model in DIGEST_TABLES:
            table: Table = model.__table__  # type: ignore[assignment]
            h = hashlib.sha256()
            for row in conn.execute(select(table).order_by(*table.primary_key.columns)):
                if _keep(model, row._mapping):
                    h.update(repr(tuple(row)).encode())
            out[table.name] = h.hexdigest()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--agreements", type=int, default=100_000)
    ap.add_argument("--partners", type=int, default=None, help="default: agreements / 5 (at least 700)")
    ap.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/ksd_scale")
    ap.add_argument("--seed", type=int, default=16, help="random seed: same arguments, same rows")
    ap.add_argument("--replace", action="store_true", help="drop the database (remove the file) first")
    args = ap.parse_args()
    print(f"seeding {args.agreements:,} agreements into {args.database_url} (seed {args.seed})", flush=True)
    seed(
        args.database_url, args.agreements, seed_value=args.seed, partners=args.partners, replace=args.replace
    )


if __name__ == "__main__":
    main()
