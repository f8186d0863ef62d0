"""Scope-matrix rows for the obligations endpoints.

Reading follows the agreement's scope; writing also needs the role (admin, secretariat, opd_head,
opd_operator; tkksd and viewer 403) and, for OPD users, that their OPD is responsible for the obligation.
Demo obligations (kerjasama/obligations/demo.py):
  DEMO/PKS/2021/RUJUKAN-KBB  lead DINKES → quarterly report of DINKES, a force-majeure event (DINKES only)
  DEMO/PKS/2019/LEGOKNANGKA  lead DLH    → yearly tipping fee of DLH (DLH only)
Rows on DEMO/KB/2021/KABBDG (lead PEM, related DLH) create an obligation there in their setup: kadis.dlh
reads it but gets 404 writing a PEM obligation (another OPD's record), operator.dinkes gets 404 for all.
All three are signed texts in force: R31 locks an obligation's substance (409) but not its indicator,
its occurrences or its fulfilment; rows that change a schedule or delete use a fresh draft.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from kerjasama.core.clock import today_in_region
from kerjasama.models import (
    ForceMajeureEvent,
    Obligation,
    ObligationFulfilment,
    ObligationOccurrence,
)
from tests.fixtures.factories import region_partner_id
from tests.fixtures.scope import KABBDG, LEGOK, RUJUKAN, Ctx, Req, Row, exp

A = "/api/v1/agreements"
AID = "/api/v1/agreements/{agreement_id}"
OB = "/api/v1/obligations/{obligation_id}"
OCC = "/api/v1/obligation-occurrences/{occurrence_id}"


def _today(ctx: Ctx) -> date:
    return today_in_region(ctx.settings)


def _demo_obligation(ctx: Ctx, number: str) -> str:
    """The recurring demo obligation of agreement `number`."""
    found = ctx.session.scalar(
        select(Obligation.id).where(
            Obligation.agreement_id == uuid.UUID(ctx.agreement(number)),
            Obligation.schedule_type == "recurring",
        )
    )
    assert found is not None, number
    return str(found)


def _first_pending(ctx: Ctx, number: str) -> tuple[str, str]:
    """(id, ETag) of a pending occurrence of the agreement's demo obligations. There always is one
    whatever the day: the continuous duties and the open-ended yearly fee are never fulfilled ahead."""
    obligations = ctx.admin.get(f"{A}/{ctx.agreement(number)}/obligations").json()
    for obligation in obligations:
        occurrences = ctx.admin.get(f"/api/v1/obligations/{obligation['id']}").json()["occurrences"]
        for occ in occurrences:
            if occ["status"] == "pending":
                return occ["id"], f'"{occ["version"]}"'
    raise AssertionError(f"no pending occurrence on {number}")


def _create(ctx: Ctx, aid: str, **body: Any) -> dict[str, Any]:
    body = {"kind": "KEWAJIBAN", "description": "Kewajiban matriks", **body}
    r = ctx.admin.post(f"{A}/{aid}/obligations", json=body)
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    return data


def _of_pem_on_kabbdg(ctx: Ctx) -> dict[str, Any]:
    """An obligation on KABBDG the lead OPD (PEM) is responsible for: DLH reads it, cannot write it."""
    return _create(ctx, ctx.agreement(KABBDG), responsible_opd_id=ctx.opd("PEM"))  # continuous


# ---------------------------------------------------------------- per agreement


def b_list_for_agreement(number: str, least: int) -> Any:
    def build(ctx: Ctx, who: str) -> Req:
        def check(ctx: Ctx, who: str, r: Any) -> None:
            items = r.json()
            assert len(items) >= least and all(i["agreement_id"] == ctx.agreement(number) for i in items)

        return Req(f"{A}/{ctx.agreement(number)}/obligations", check=check)

    return build


def b_create(number: str, partner_region: str | None) -> Any:
    def build(ctx: Ctx, who: str) -> Req:
        aid = ctx.agreement(number)
        before = ctx.count(Obligation, agreement_id=aid)
        body = {
            "partner_id": region_partner_id(ctx.session, partner_region) if partner_region else None,
            "kind": "KEWAJIBAN",
            "description": "Menerima pasien rujukan",
            "clause_reference": "Pasal 5 ayat (1)",
        }

        def check(ctx: Ctx, who: str, r: Any) -> None:
            assert ctx.count(Obligation, agreement_id=aid) == before + (r.status_code == 201)
            if r.status_code == 201:
                assert r.headers["location"] == f"/api/v1/obligations/{r.json()['id']}"

        return Req(f"{A}/{aid}/obligations", {"json": body}, check)

    return build


# ---------------------------------------------------------------- cross-agreement list and one record


def b_list(ctx: Ctx, who: str) -> Req:
    _of_pem_on_kabbdg(ctx)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        """Oracle: admin's list restricted to the agreements `who` can read."""
        got = {i["id"] for i in r.json()["items"]}
        everything = ctx.admin.get("/api/v1/obligations", params={"limit": 500}).json()["items"]
        reader = ctx.client(who)
        readable = {
            aid: reader.get(f"{A}/{aid}").status_code == 200
            for aid in {i["agreement_id"] for i in everything}
        }
        assert got == {i["id"] for i in everything if readable[i["agreement_id"]]}
        assert r.json()["total"] == len(got)

    return Req("/api/v1/obligations", {"params": {"limit": 500}}, check)


def b_get_demo(ctx: Ctx, who: str) -> Req:
    oid = _demo_obligation(ctx, RUJUKAN)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert r.json()["id"] == oid and r.headers["etag"] == f'"{r.json()["version"]}"'
        assert any(o["status"] == "suspended_force_majeure" for o in r.json()["occurrences"])

    return Req(f"/api/v1/obligations/{oid}", check=check)


def b_get_other_opds(ctx: Ctx, who: str) -> Req:
    return Req(f"/api/v1/obligations/{_of_pem_on_kabbdg(ctx)['id']}")


def _patch_indicator(ctx: Ctx, oid: str, etag: str) -> Req:
    indicator = f"Indikator matriks {uuid.uuid4().hex[:6]}"

    def check(ctx: Ctx, who: str, r: Any) -> None:
        stored = ctx.admin.get(f"/api/v1/obligations/{oid}").json()["indicator"]
        assert (stored == indicator) == (r.status_code == 200), stored

    return Req(
        f"/api/v1/obligations/{oid}", {"json": {"indicator": indicator}, "headers": {"If-Match": etag}}, check
    )


def b_patch_signed_indicator(ctx: Ctx, who: str) -> Req:
    oid = _demo_obligation(ctx, RUJUKAN)
    return _patch_indicator(ctx, oid, ctx.etag(f"/api/v1/obligations/{oid}"))


def b_patch_other_opds(ctx: Ctx, who: str) -> Req:
    created = _of_pem_on_kabbdg(ctx)
    return _patch_indicator(ctx, created["id"], f'"{created["version"]}"')


def b_patch_draft_schedule(ctx: Ctx, who: str) -> Req:
    """A draft of DLH with DINKES related; the obligation is DINKES's: operator.dinkes may change it."""
    aid = ctx.create_draft(lead_opd_id=ctx.opd("DLH"), related_opd_ids=[ctx.opd("DINKES")])
    created = _create(
        ctx,
        aid,
        responsible_opd_id=ctx.opd("DINKES"),
        schedule_type="recurring",
        frequency="monthly",
        anchor_date="2026-01-31",
    )

    def check(ctx: Ctx, who: str, r: Any) -> None:
        n = ctx.count(ObligationOccurrence, obligation_id=created["id"])
        assert n == (20 if r.status_code == 200 else 60), n  # quarterly vs monthly over 2026–2030

    return Req(
        f"/api/v1/obligations/{created['id']}",
        {"json": {"frequency": "quarterly"}, "headers": {"If-Match": f'"{created["version"]}"'}},
        check,
    )


def b_delete_draft(ctx: Ctx, who: str) -> Req:
    """A draft of DINKES with DLH related; the obligation is DLH's: kadis.dlh may delete it."""
    aid = ctx.create_draft(related_opd_ids=[ctx.opd("DLH")])
    created = _create(ctx, aid, responsible_opd_id=ctx.opd("DLH"))

    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert ctx.count(Obligation, id=created["id"]) == (0 if r.status_code == 204 else 1)

    return Req(
        f"/api/v1/obligations/{created['id']}", {"headers": {"If-Match": f'"{created["version"]}"'}}, check
    )


def b_delete_signed(ctx: Ctx, who: str) -> Req:
    oid = _demo_obligation(ctx, RUJUKAN)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert ctx.count(Obligation, id=oid) == 1
        if r.status_code == 409:
            assert r.json()["findings"][0]["rule_id"] == "R31"

    return Req(
        f"/api/v1/obligations/{oid}", {"headers": {"If-Match": ctx.etag(f"/api/v1/obligations/{oid}")}}, check
    )


# ---------------------------------------------------------------- occurrences and fulfilment


def _patch_occurrence(occurrence_id: str, etag: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        status = ctx.column(ObligationOccurrence.status, occurrence_id)
        assert status == ("in_progress" if r.status_code == 200 else "pending"), status

    return Req(
        f"/api/v1/obligation-occurrences/{occurrence_id}",
        {"json": {"status": "in_progress"}, "headers": {"If-Match": etag}},
        check,
    )


def b_occurrence_patch_demo(ctx: Ctx, who: str) -> Req:
    return _patch_occurrence(*_first_pending(ctx, RUJUKAN))


def b_occurrence_patch_other_opds(ctx: Ctx, who: str) -> Req:
    occ = _of_pem_on_kabbdg(ctx)["occurrences"][0]
    return _patch_occurrence(occ["id"], f'"{occ["version"]}"')


def b_fulfilment(ctx: Ctx, who: str) -> Req:
    occurrence_id, _ = _first_pending(ctx, LEGOK)
    before = ctx.count(ObligationFulfilment, occurrence_id=occurrence_id)
    body = {"realised_on": _today(ctx).isoformat(), "value_realised": "9125000000", "complete": True}

    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert ctx.count(ObligationFulfilment, occurrence_id=occurrence_id) == before + (r.status_code == 201)
        status = ctx.column(ObligationOccurrence.status, occurrence_id)
        assert status == ("fulfilled" if r.status_code == 201 else "pending"), status

    return Req(f"/api/v1/obligation-occurrences/{occurrence_id}/fulfilments", {"json": body}, check)


# ---------------------------------------------------------------- force majeure


def b_force_majeure_list(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert any("Delta" in e["description"] for e in r.json()), r.json()

    return Req(f"{A}/{ctx.agreement(RUJUKAN)}/force-majeure-events", check=check)


def b_force_majeure_create(ctx: Ctx, who: str) -> Req:
    aid = ctx.agreement(KABBDG)
    count = (
        select(func.count())
        .select_from(ForceMajeureEvent)
        .where(ForceMajeureEvent.agreement_id == uuid.UUID(aid))
    )
    before = ctx.session.scalar(count)
    body = {
        "description": "Banjir di perbatasan",
        "start_date": (_today(ctx) - timedelta(days=3)).isoformat(),
    }

    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert ctx.session.scalar(count) == (before or 0) + (r.status_code == 201)

    return Req(f"{A}/{aid}/force-majeure-events", {"json": body}, check)


WRITERS_DINKES = exp(200, tkksd=403, opd_head=404, viewer=403)  # DINKES's record: DLH outside
WRITERS_DLH = exp(200, tkksd=403, opd_operator=404, viewer=403)  # DLH's record: DINKES outside
PEM_ON_KABBDG = exp(200, tkksd=403, opd_head=404, opd_operator=404, viewer=403)

ROWS: list[Row] = [
    Row(
        "GET",
        f"{AID}/obligations",
        "kabbdg-related-dlh",
        exp(200, opd_operator=404),
        b_list_for_agreement(KABBDG, 0),
    ),
    Row(
        "GET",
        f"{AID}/obligations",
        "rujukan-demo-dinkes",
        exp(200, opd_head=404),
        b_list_for_agreement(RUJUKAN, 2),
    ),
    Row(
        "POST",
        f"{AID}/obligations",
        "rujukan-dinkes",
        exp(201, tkksd=403, opd_head=404, viewer=403),
        b_create(RUJUKAN, "32.17"),
    ),
    Row(
        "POST",
        f"{AID}/obligations",
        "kabbdg-related-dlh",
        exp(201, tkksd=403, opd_operator=404, viewer=403),
        b_create(KABBDG, None),
    ),
    Row("GET", "/api/v1/obligations", "scoped-list", exp(200), b_list),
    Row("GET", OB, "rujukan-demo-dinkes", exp(200, opd_head=404), b_get_demo),
    Row("GET", OB, "kabbdg-of-pem-dlh-reads", exp(200, opd_operator=404), b_get_other_opds),
    Row("PATCH", OB, "rujukan-signed-indicator", WRITERS_DINKES, b_patch_signed_indicator),
    Row("PATCH", OB, "kabbdg-of-pem-other-opd", PEM_ON_KABBDG, b_patch_other_opds),
    Row("PATCH", OB, "draft-schedule-of-dinkes", WRITERS_DINKES, b_patch_draft_schedule),
    Row("DELETE", OB, "draft-of-dlh", exp(204, tkksd=403, opd_operator=404, viewer=403), b_delete_draft),
    Row("DELETE", OB, "rujukan-signed-r31", exp(409, tkksd=403, opd_head=404, viewer=403), b_delete_signed),
    Row("PATCH", OCC, "rujukan-demo-dinkes", WRITERS_DINKES, b_occurrence_patch_demo),
    Row("PATCH", OCC, "kabbdg-of-pem-other-opd", PEM_ON_KABBDG, b_occurrence_patch_other_opds),
    Row(
        "POST",
        f"{OCC}/fulfilments",
        "legok-demo-dlh",
        exp(201, tkksd=403, opd_operator=404, viewer=403),
        b_fulfilment,
    ),
    Row("GET", f"{AID}/force-majeure-events", "rujukan-dinkes", exp(200, opd_head=404), b_force_majeure_list),
    Row(
        "POST",
        f"{AID}/force-majeure-events",
        "kabbdg-related-dlh",
        exp(201, tkksd=403, opd_operator=404, viewer=403),
        b_force_majeure_create,
    ),
]
