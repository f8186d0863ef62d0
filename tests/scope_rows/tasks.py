"""Scope-matrix rows for the task queue and the request to submit.

Every signed-in role reads its own queue (empty for admin, viewer and province); an OPD role's queue
holds its own OPD's drafts only: a new DINKES draft is in operator.dinkes's queue and in nobody
else's. Only an OPD operator asks the head to submit, and only for a draft in its scope (another OPD's
draft is 404, the province sees no draft at all).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from kerjasama.models import UserAccount
from tests.fixtures.scope import Ctx, Req, Row, exp

TASKS = "/api/v1/me/tasks"
REQUESTS = "/api/v1/agreements/{agreement_id}/submission-requests"


def _dinkes_head(ctx: Ctx) -> None:
    """An active DINKES head to be asked (the demo has none)."""
    if ctx.session.scalar(select(UserAccount.id).where(UserAccount.username == "kadis.dinkes")) is None:
        r = ctx.admin.post(
            "/api/v1/users",
            json={
                "username": "kadis.dinkes",
                "password": "rahasia-uji-2026",
                "role": "opd_head",
                "opd_id": ctx.opd("DINKES"),
                "full_name": "Kepala Dinas Kesehatan",
            },
        )
        assert r.status_code == 201, r.text


def b_list(ctx: Ctx, who: str) -> Req:
    aid = ctx.create_draft(lead_opd_id=ctx.opd("DINKES"))

    def check(ctx: Ctx, who: str, r: Any) -> None:
        listed = {i["record_id"] for i in r.json()["items"]}
        assert (aid in listed) == (who == "opd_operator"), who

    return Req(TASKS, check=check)


def b_request_own(ctx: Ctx, who: str) -> Req:
    _dinkes_head(ctx)
    aid = ctx.create_draft(lead_opd_id=ctx.opd("DINKES"))

    def check(ctx: Ctx, who: str, r: Any) -> None:
        if r.status_code == 403:
            assert r.json()["code"] == "role_forbidden"

    return Req(REQUESTS.format(agreement_id=aid), {"json": {}}, check)


def b_request_other(ctx: Ctx, who: str) -> Req:
    aid = ctx.create_draft(lead_opd_id=ctx.opd("DLH"))
    return Req(REQUESTS.format(agreement_id=aid), {"json": {}})


ROWS: list[Row] = [
    Row("GET", TASKS, "own-queue", exp(200), b_list),
    Row(
        "POST",
        REQUESTS,
        "own-opd-draft",
        exp(403, opd_operator=201, opd_head=404, province=404),
        b_request_own,
    ),
    Row("POST", REQUESTS, "other-opd-draft", exp(403, opd_operator=404, province=404), b_request_other),
]
