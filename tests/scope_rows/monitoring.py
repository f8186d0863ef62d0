"""Scope-matrix rows for the monitoring endpoints.

Demo reports for 2026-S1 (kerjasama/monitoring/demo.py):
  DEMO/KB/2021/KABBDG        lead PEM, related DLH  → final      (DLH sees it, DINKES does not)
  DEMO/PKS/2019/LEGOKNANGKA  lead DLH               → submitted  (DLH only)
  DEMO/PKS/2021/RUJUKAN-KBB  lead DINKES            → draft      (DINKES only)
Writers: admin, secretariat, opd_head, opd_operator edit reports in scope; opd_head submits,
secretariat verifies and finalises, tkksd reviews; viewer reads. Outside the OPD's scope: 404.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from kerjasama.models import MonitoringReport, MonitoringSetting
from tests.fixtures.scope import KABBDG, RUJUKAN, Ctx, Req, Row, exp

LEGOK = "DEMO/PKS/2019/LEGOKNANGKA"
DUE = "/api/v1/monitoring/due"
SETTINGS = "/api/v1/agreements/{agreement_id}/monitoring-settings"
REPORTS = "/api/v1/agreements/{agreement_id}/monitoring-reports"
REPORT = "/api/v1/monitoring-reports/{report_id}"
TRANSITIONS = f"{REPORT}/transitions"
# DLH sees LEGOK (lead) and KABBDG (related); DINKES sees RUJUKAN; everybody else all three and more.
VISIBLE = {"opd_head": {LEGOK, KABBDG}, "opd_operator": {RUJUKAN}}


def _report_id(ctx: Ctx, number: str, period: str = "2026-S1") -> str:
    found = ctx.session.scalar(
        select(MonitoringReport.id).where(
            MonitoringReport.agreement_id == uuid.UUID(ctx.agreement(number)),
            MonitoringReport.period == period,
        )
    )
    assert found is not None, (number, period)
    return str(found)


def b_due(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        listed = {i["agreement_number"] for g in r.json()["opds"] for i in g["items"]}
        if who in VISIBLE:
            assert listed == VISIBLE[who], listed
        else:
            assert {LEGOK, KABBDG, RUJUKAN} < listed, listed

    return Req(DUE, {"params": {"period": "2026-S1"}}, check)


def b_settings_get(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert r.json()["cadence"] == "semester" and r.headers["etag"] == '"0"'

    return Req(f"/api/v1/agreements/{ctx.agreement(RUJUKAN)}/monitoring-settings", check=check)


def b_settings_patch(ctx: Ctx, who: str) -> Req:
    aid = ctx.agreement(RUJUKAN)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        stored = ctx.column(MonitoringSetting.due_days, aid)
        assert stored == (30 if r.status_code == 200 else None), stored

    url = f"/api/v1/agreements/{aid}/monitoring-settings"
    return Req(url, {"json": {"due_days": 30}, "headers": {"If-Match": '"0"'}}, check)


def b_reports_list(ctx: Ctx, who: str) -> Req:
    expected = _report_id(ctx, RUJUKAN)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert [x["id"] for x in r.json()] == [expected]

    return Req(f"/api/v1/agreements/{ctx.agreement(RUJUKAN)}/monitoring-reports", check=check)


def b_report_create(ctx: Ctx, who: str) -> Req:
    aid = ctx.agreement(RUJUKAN)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert ctx.count(MonitoringReport, agreement_id=aid, period="2025-S2") == (r.status_code == 201)

    return Req(f"/api/v1/agreements/{aid}/monitoring-reports", {"json": {"period": "2025-S2"}}, check)


def b_report_duplicate(ctx: Ctx, who: str) -> Req:
    aid, existing = ctx.agreement(LEGOK), _report_id(ctx, LEGOK)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert ctx.count(MonitoringReport, agreement_id=aid, period="2026-S1") == 1
        if r.status_code == 409:
            assert r.json()["existing_id"] == existing

    return Req(f"/api/v1/agreements/{aid}/monitoring-reports", {"json": {"period": "2026-S1"}}, check)


def _get(number: str, status: str) -> Any:
    def build(ctx: Ctx, who: str) -> Req:
        def check(ctx: Ctx, who: str, r: Any) -> None:
            assert r.json()["status"] == status and r.json()["agreement"]["number"] == number

        return Req(f"/api/v1/monitoring-reports/{_report_id(ctx, number)}", check=check)

    return build


def _patch(number: str) -> Any:
    def build(ctx: Ctx, who: str) -> Req:
        rid = _report_id(ctx, number)
        url = f"/api/v1/monitoring-reports/{rid}"
        before = ctx.column(MonitoringReport.follow_up, rid)
        text = f"Tindak lanjut ({who})"

        def check(ctx: Ctx, who: str, r: Any) -> None:
            ctx.session.expire_all()
            assert ctx.column(MonitoringReport.follow_up, rid) == (text if r.status_code == 200 else before)

        return Req(url, {"json": {"follow_up": text}, "headers": {"If-Match": ctx.etag(url)}}, check)

    return build


def _transition(prepare: Any, action: str, after: str) -> Any:
    """`prepare(ctx)` gives the report id; the row expects `after` as the stored status on 200."""

    def build(ctx: Ctx, who: str) -> Req:
        rid = prepare(ctx)
        before = ctx.column(MonitoringReport.status, rid)

        def check(ctx: Ctx, who: str, r: Any) -> None:
            ctx.session.expire_all()
            assert ctx.column(MonitoringReport.status, rid) == (after if r.status_code == 200 else before)

        etag = ctx.etag(f"/api/v1/monitoring-reports/{rid}")
        return Req(
            f"/api/v1/monitoring-reports/{rid}/transitions",
            {"json": {"action": action}, "headers": {"If-Match": etag}},
            check,
        )

    return build


def _dlh_draft_ready(ctx: Ctx) -> str:
    """A filled-in draft of LEGOK (lead DLH) for 2025-S2, created by admin."""
    r = ctx.admin.post(
        f"/api/v1/agreements/{ctx.agreement(LEGOK)}/monitoring-reports", json={"period": "2025-S2"}
    )
    assert r.status_code == 201, r.text
    body = {"problems": "Armada kurang", "solutions": "Tambah truk", "other_matters": "Tidak ada"}
    filled = ctx.admin.patch(
        f"/api/v1/monitoring-reports/{r.json()['id']}", json=body, headers={"If-Match": r.headers["etag"]}
    )
    assert filled.status_code == 200, filled.text
    return str(r.json()["id"])


ROWS: list[Row] = [
    Row("GET", DUE, "2026-S1-scoped", exp(200), b_due),
    Row("GET", SETTINGS, "rujukan-dinkes", exp(200, opd_head=404), b_settings_get),
    Row(
        "PATCH",
        SETTINGS,
        "rujukan-dinkes",
        exp(403, admin=200, secretariat=200, opd_head=404),
        b_settings_patch,
    ),
    Row("GET", REPORTS, "rujukan-dinkes", exp(200, opd_head=404), b_reports_list),
    Row("POST", REPORTS, "rujukan-2025-S2", exp(201, tkksd=403, opd_head=404, viewer=403), b_report_create),
    Row(
        "POST",
        REPORTS,
        "legoknangka-2026-S1-duplicate",
        exp(409, tkksd=403, opd_operator=404, viewer=403),
        b_report_duplicate,
    ),
    Row("GET", REPORT, "rujukan-draft", exp(200, opd_head=404), _get(RUJUKAN, "draft")),
    Row("GET", REPORT, "kabbdg-final-related-dlh", exp(200, opd_operator=404), _get(KABBDG, "final")),
    Row("PATCH", REPORT, "rujukan-draft", exp(200, tkksd=403, opd_head=404, viewer=403), _patch(RUJUKAN)),
    Row(
        "PATCH",
        REPORT,
        "kabbdg-final-frozen",
        exp(409, tkksd=403, opd_operator=404, viewer=403),
        _patch(KABBDG),
    ),
    Row(
        "POST",
        TRANSITIONS,
        "submit-legoknangka-draft",
        exp(403, admin=200, opd_head=200, opd_operator=404),
        _transition(_dlh_draft_ready, "submit", "submitted"),
    ),
    Row(
        "POST",
        TRANSITIONS,
        "verify-legoknangka-submitted",
        exp(403, admin=200, secretariat=200, opd_operator=404),
        _transition(lambda c: _report_id(c, LEGOK), "verify", "verified"),
    ),
    # skipping a step: the workflow roles in scope get 409; opd_operator takes no step at all
    Row(
        "POST",
        TRANSITIONS,
        "review-skips-steps-of-rujukan-draft",
        exp(409, opd_head=404, opd_operator=403, viewer=403),
        _transition(lambda c: _report_id(c, RUJUKAN), "review", "reviewed"),
    ),
]
