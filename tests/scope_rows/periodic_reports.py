"""Scope-matrix rows for the periodic report (kerjasama/periodic_reports/policy.py).

Readers: admin, secretariat, tkksd and viewer see the live preview and the finalized reports; the
province sees finalized reports only (a period not finalized is 404 for it). Finalize and sendings:
admin and secretariat. OPD roles: 403 everywhere (the report spans every OPD). Rows that need a
finalized period store a small snapshot row directly (rendering the real one is test_periodic_reports'
job, and would cost a PDF per cell here).
"""

from __future__ import annotations

import hashlib
import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select

from kerjasama.models import PeriodicReport, PeriodicReportSending
from tests.fixtures.scope import ROLES, Ctx, Req, Row, exp

BASE = "/api/v1/reports/periodic"
FINALIZE = f"{BASE}/{{year}}/{{period}}/finalize"
SENDINGS = f"{BASE}/{{year}}/{{period}}/sendings"
FINALIZED = f"{BASE}/finalized"
FINALIZED_ONE = f"{BASE}/finalized/{{report_id}}"
S1 = {"year": 2026, "period": "S1"}
OPD_403 = {"opd_head": 403, "opd_operator": 403}


def _province(status: int) -> dict[str, int]:
    """The province's expectation, once the matrix knows the role."""
    return {"province": status} if "province" in ROLES else {}


def _snapshot(ctx: Ctx, year: int = 2026, period: str = "S1") -> str:
    # Several rows may build in one transaction (the tampered-token test builds them all): reuse.
    existing = ctx.session.scalar(
        select(PeriodicReport.id).where(PeriodicReport.year == year, PeriodicReport.period == period)
    )
    if existing is not None:
        return str(existing)
    content = b'{"title":"Laporan Pelaksanaan Kerja Sama Daerah"}'
    row = PeriodicReport(
        year=year,
        period=period,
        period_start=date(year, 1, 1),
        period_end=date(year, 6, 30),
        generated_at=datetime(year, 7, 20, tzinfo=UTC),
        finalized_at=datetime(year, 7, 20, tzinfo=UTC),
        finalized_by=uuid.UUID(ctx.user_id("sekretariat")),
        finalized_by_username="sekretariat",
        content_json=content,
        json_sha256=hashlib.sha256(content).hexdigest(),
        pdf=b"%PDF-1.4 matrix",
        pdf_sha256=hashlib.sha256(b"%PDF-1.4 matrix").hexdigest(),
        xlsx=b"PK matrix",
        xlsx_sha256=hashlib.sha256(b"PK matrix").hexdigest(),
    )
    ctx.session.add(row)
    ctx.session.flush()
    return str(row.id)


def b_preview(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert r.headers["x-report-status"] == "preview" and r.json()["period_label"] == "Semester I 2026"

    return Req(BASE, {"params": S1}, check)


def b_get_finalized(ctx: Ctx, who: str) -> Req:
    _snapshot(ctx)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert r.headers["x-report-status"] == "finalized"
        assert r.content == b'{"title":"Laporan Pelaksanaan Kerja Sama Daerah"}'

    return Req(BASE, {"params": S1}, check)


def b_finalize(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        ctx.session.expire_all()
        assert ctx.count(PeriodicReport, year=2026, period="S1") == (1 if r.status_code == 201 else 0)

    return Req(BASE + "/2026/S1/finalize", {}, check)


def b_sending(ctx: Ctx, who: str) -> Req:
    report_id = _snapshot(ctx)
    body = {"recipient": "gubernur", "sent_date": "2026-07-25", "letter_number": "000.2.3/130-Pem"}

    def check(ctx: Ctx, who: str, r: Any) -> None:
        ctx.session.expire_all()
        assert ctx.count(PeriodicReportSending, report_id=report_id) == (1 if r.status_code == 201 else 0)

    return Req(BASE + "/2026/S1/sendings", {"json": body}, check)


def b_list(ctx: Ctx, who: str) -> Req:
    report_id = _snapshot(ctx)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        [item] = r.json()["items"]
        assert item["id"] == report_id
        assert item["finalized_by"] == (None if who == "province" else "sekretariat")

    return Req(FINALIZED, {}, check)


def b_get_one(ctx: Ctx, who: str) -> Req:
    report_id = _snapshot(ctx)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert r.headers["content-type"] == "application/pdf" and r.content == b"%PDF-1.4 matrix"

    return Req(f"{FINALIZED}/{report_id}", {"params": {"format": "pdf"}}, check)


ROWS: list[Row] = [
    Row("GET", BASE, "preview-2026-S1", exp(200, **OPD_403, **_province(404)), b_preview),
    Row("GET", BASE, "finalized-2026-S1", exp(200, **OPD_403, **_province(200)), b_get_finalized),
    Row("POST", FINALIZE, "2026-S1", exp(403, admin=201, secretariat=201), b_finalize),
    Row("POST", SENDINGS, "2026-S1-gubernur", exp(403, admin=201, secretariat=201), b_sending),
    Row("GET", FINALIZED, "one-snapshot", exp(200, **OPD_403, **_province(200)), b_list),
    Row("GET", FINALIZED_ONE, "pdf", exp(200, **OPD_403, **_province(200)), b_get_one),
]
