"""Issue 13 walks through the HTTP API: a KB the DPRD rejects leaves `dprd_approval` (P22 Pasal 12, 34),
the Sinergi stages with the DPRD and the report to the Menteri (P22 Pasal 52(2), 56(6), 57(3)), and a
foreign adendum under the foreign procedure (P25 Pasal 9, PP 28/2018 Pasal 30)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from tests.fixtures.factories import opd_id
from tests.test_procedure_api import (
    FULL_KAK,
    HOME_SIGNATORY,
    A,
    act,
    blocked_by,
    create,
    kb_to_signed,
    review,
    transitions,
)


@pytest.fixture
def sec(client_for: Callable[[str], TestClient]) -> TestClient:
    return client_for("secretariat")


@pytest.fixture
def tk(client_for: Callable[[str], TestClient]) -> TestClient:
    return client_for("tkksd")


@pytest.fixture
def today(settings: Settings) -> date:
    return today_in_region(settings)


def dprd_decides(sec: TestClient, aid: str, decision: str, day: date) -> dict[str, Any]:
    """A DPRD request received on `day` and decided on the same day (decree recorded)."""
    r = sec.post(f"{A}/{aid}/dprd-approvals", json={"request_date": str(day), "received_date": str(day)})
    assert r.status_code == 201, r.text
    approval = r.json()
    r = sec.patch(
        f"/api/v1/dprd-approvals/{approval['id']}",
        json={"decision": decision, "decision_date": str(day), "decree_number": f"172/{decision}/DPRD"},
        headers={"If-Match": f'"{approval["version"]}"'},
    )
    assert r.status_code == 200, r.text
    return dict(r.json())


# ====================================================================== DPRD rejects a KB


def burdening_kb_at_dprd(sec: TestClient, tk: TestClient, session: Session, today: date) -> str:
    aid = kb_to_signed(sec, tk, session, today, burdens_community_and_region=True)
    assert act(sec, aid, "request_dprd", effective_date=str(today - timedelta(days=1)))["stage"] == (
        "dprd_approval"
    )
    # Pasal 12, 34: without the DPRD's recorded rejection the KB cannot leave the DPRD stage (R13).
    for action, extra in (("revise_after_dprd", {}), ("end_after_dprd", {"effective_date": str(today)})):
        assert blocked_by(act(sec, aid, action, 409, reason="DPRD menolak", **extra)) == {"R13"}
    pending = sec.post(f"{A}/{aid}/dprd-approvals", json={"request_date": str(today - timedelta(days=1))})
    assert pending.status_code == 201, pending.text
    assert blocked_by(act(sec, aid, "revise_after_dprd", 409, reason="DPRD menolak")) == {"R13"}
    return aid


def test_kb_rejected_by_the_dprd_returns_for_revision_pasal_12_and_34(
    sec: TestClient, tk: TestClient, session: Session, today: date
) -> None:
    """P22 Pasal 12 and 34: a KB the DPRD rejects goes back to drafting with the reason recorded, is
    signed again and put to the DPRD again; it enters into force only on the new approval."""
    aid = burdening_kb_at_dprd(sec, tk, session, today)
    dprd_decides(sec, aid, "rejected", today)
    assert act(sec, aid, "enter_into_force", 409)["code"] == "rule_blocked"  # a rejection is no approval
    missing = act(sec, aid, "revise_after_dprd", 422)
    assert missing["errors"][0]["loc"][-1] == "reason" and missing["errors"][0]["code"] == "reason_required"
    reason = "DPRD menolak: beban APBD belum dirinci; pasal pembiayaan diperbaiki"
    revised = act(sec, aid, "revise_after_dprd", reason=reason)
    assert revised["stage"] == "drafting" and revised["status"] == "in_progress"
    assert revised["signed_date"] is None  # the revised text is signed again
    last = transitions(sec, aid)[-1]
    assert (last["action"], last["from_stage"], last["to_stage"], last["reason"]) == (
        "revise_after_dprd",
        "dprd_approval",
        "drafting",
        reason,
    )
    act(sec, aid, "finalise")
    act(sec, aid, "sign", effective_date=str(today))
    assert act(sec, aid, "request_dprd", effective_date=str(today))["stage"] == "dprd_approval"
    dprd_decides(sec, aid, "approved", today)
    assert act(sec, aid, "enter_into_force", effective_date=str(today))["stage"] == "in_force"


def test_kb_rejected_by_the_dprd_is_ended_with_the_reason_pasal_12_and_34(
    sec: TestClient, tk: TestClient, session: Session, today: date
) -> None:
    """P22 Pasal 12 and 34: a KB the DPRD rejects may end; the end reason and the written reason stay."""
    aid = burdening_kb_at_dprd(sec, tk, session, today)
    dprd_decides(sec, aid, "rejected", today)
    assert act(sec, aid, "end_after_dprd", 422, effective_date=str(today))["errors"][0]["loc"][-1] == "reason"
    reason = "DPRD menolak; kerja sama tidak dilanjutkan (surat Wali Kota 100/DPRD)"
    ended = act(sec, aid, "end_after_dprd", reason=reason, effective_date=str(today))
    assert (ended["stage"], ended["status"]) == ("ended", "ended")
    assert ended["end_reason"] == "dprd_rejected" and ended["ended_date"] == str(today)
    last = transitions(sec, aid)[-1]
    assert (last["action"], last["from_stage"], last["reason"]) == ("end_after_dprd", "dprd_approval", reason)
    assert sec.get(f"{A}/{aid}/actions").json()["actions"] == []  # ended: nothing more to do


# ====================================================================== Sinergi


def central_partner(sec: TestClient) -> str:
    r = sec.post(
        "/api/v1/partners",
        json={"type": "CENTRAL_GOVERNMENT", "name": "Kementerian Pekerjaan Umum (uji Sinergi)"},
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


SINERGI_HEAD = [
    ("submit", "submitted"),
    ("start_review", "tkksd_review"),
]


def sinergi_nk(sec: TestClient, session: Session, **overrides: Any) -> str:
    nk = create(
        sec,
        session,
        kind="NK",
        category="SINERGI",
        nature=None,
        planning_reference="RPJMD 2025-2029",
        kak=FULL_KAK,
        lead_opd_id=opd_id(session, "DPUPR"),
        parties=[HOME_SIGNATORY, {"partner_id": central_partner(sec), "signatory_title": "Menteri"}],
        **overrides,
    )
    return str(nk["id"])


def test_sinergi_burdening_nk_goes_through_the_dprd_and_is_reported_to_the_menteri_pasal_52_56_57(
    sec: TestClient, tk: TestClient, session: Session, today: date
) -> None:
    """P22 Pasal 52(2): persiapan, penawaran, NK + RK, persetujuan DPRD when burdening (Pasal 56(6)),
    penandatanganan, pelaksanaan; the signed NK is reported to the Menteri with a date (Pasal 57(3))."""
    aid = sinergi_nk(sec, session, burdens_community_and_region=True)
    for action, stage in SINERGI_HEAD:
        assert act(sec, aid, action)["stage"] == stage
    assert act(tk, aid, "approve", review=review(today))["stage"] == "approved_for_offer"
    offered = act(sec, aid, "send_offer", effective_date=str(today - timedelta(days=5)))
    assert offered["stage"] == "offer" and offered["offer_due_date"] is not None  # Pasal 8 clock
    for action, stage in (("accept_offer", "drafting"), ("finalise", "ready_to_sign")):
        assert act(sec, aid, action)["stage"] == stage
    # Pasal 56(6): burdening NK/RK are signed after the DPRD's approval (R10), not before.
    problem = act(sec, aid, "sign", 409, effective_date=str(today))
    assert "R10" in blocked_by(problem)
    r10 = next(f for f in problem["findings"] if f["rule_id"] == "R10")
    assert "Pasal 56 ayat (6)" in r10["basis"]
    assert act(sec, aid, "request_dprd", effective_date=str(today - timedelta(days=1)))["stage"] == (
        "dprd_approval"
    )
    assert "R10" in blocked_by(act(sec, aid, "sign", 409, effective_date=str(today)))  # still pending
    dprd_decides(sec, aid, "approved", today)
    signed = act(sec, aid, "sign", effective_date=str(today))
    assert signed["stage"] == "in_force" and signed["minister_reported_date"] is None
    # Pasal 57(3): the signed NK is reported to the Menteri; the step has its own date.
    reported_on = today
    reported = act(sec, aid, "report_to_minister", effective_date=str(reported_on))
    assert reported["stage"] == "in_force" and reported["minister_reported_date"] == str(reported_on)
    assert sec.get(f"{A}/{aid}").json()["minister_reported_date"] == str(reported_on)
    assert [e["action"] for e in transitions(sec, aid)] == [
        "submit",
        "start_review",
        "approve",
        "send_offer",
        "accept_offer",
        "finalise",
        "request_dprd",
        "sign",
        "report_to_minister",
    ]
    assert act(sec, aid, "report_to_minister", 422, effective_date=str(today + timedelta(days=1)))


def test_sinergi_nk_without_a_burden_is_signed_without_the_dprd_pasal_56(
    sec: TestClient, tk: TestClient, session: Session, today: date
) -> None:
    """P22 Pasal 56(6): the DPRD step is for a burden on the community or the APBD only."""
    aid = sinergi_nk(sec, session, burdens_community_and_region=False, budgeted_in_current_apbd=True)
    for action, stage in SINERGI_HEAD:
        assert act(sec, aid, action)["stage"] == stage
    act(tk, aid, "approve", review=review(today))
    for action in ("send_offer", "accept_offer", "finalise"):
        act(sec, aid, action)
    signed = act(sec, aid, "sign", effective_date=str(today))
    assert signed["stage"] == "in_force"
    assert "request_dprd" not in [e["action"] for e in transitions(sec, aid)]


# ====================================================================== foreign adendum


def test_foreign_adendum_follows_the_foreign_procedure_p25_pasal_9(
    sec: TestClient, session: Session, today: date
) -> None:
    """P25 Pasal 9 and PP 28/2018 Pasal 30: an adendum of a foreign text goes through the DPRD, the
    Menteri's consideration, Kemlu, the confirmation letter and only then the Menteri's approval."""
    r = sec.post(
        "/api/v1/partners",
        json={
            "type": "FOREIGN_GOVERNMENT",
            "name": "Kawasaki City Government (adendum)",
            "country_code": "JP",
        },
    )
    assert r.status_code == 201, r.text
    kawasaki = [HOME_SIGNATORY, {"partner_id": r.json()["id"], "signatory_title": "Mayor of Kawasaki"}]
    text = create(
        sec,
        session,
        kind="NASKAH_LN",
        category="KSDPL",
        nature=None,
        is_legacy_import=True,
        status="in_force",
        signed_date="2025-03-03",
        start_date="2025-03-03",
        end_date="2028-03-02",
        parties=kawasaki,
    )
    add = create(
        sec,
        session,
        kind="ADENDUM",
        category="KSDPL",
        nature=None,
        parent_id=text["id"],
        title="Adendum I: perluasan pertukaran pelajar",
        start_date=str(today),
        end_date=None,
        amendment={"scope": "Pertukaran pelajar dan guru"},
        planning_reference="RPJMD 2025-2029",
        parties=kawasaki,
    )
    aid = add["id"]
    offered = {a["action"] for a in sec.get(f"{A}/{aid}/actions").json()["actions"]}
    assert "start_planning" in offered and "start_drafting" not in offered  # not the domestic machine
    assert act(sec, aid, "sign", 409)["code"] == "action_not_allowed"
    assert act(sec, aid, "start_planning")["stage"] == "planning"
    assert act(sec, aid, "request_dprd", effective_date=str(today))["stage"] == "dprd_approval"
    assert blocked_by(act(sec, aid, "request_mendagri_consideration", 409)) == {"R11"}  # Pasal 30
    dprd_decides(sec, aid, "approved", today)
    for action, stage in (
        ("request_mendagri_consideration", "mendagri_consideration"),
        ("start_drafting", "drafting"),
        ("send_to_kemlu", "kemlu_review"),
    ):
        assert act(sec, aid, action)["stage"] == stage
    # The Menteri's approval follows Kemlu's confirmation letter, never precedes it.
    assert act(sec, aid, "request_mendagri_approval", 409)["code"] == "action_not_allowed"
    for action, stage in (
        ("record_confirmation", "confirmation_received"),
        ("request_mendagri_approval", "mendagri_approval"),
        ("finalise", "ready_to_sign"),
        ("sign", "in_force"),
    ):
        assert act(sec, aid, action)["stage"] == stage
    assert [e["action"] for e in transitions(sec, aid)] == [
        "start_planning",
        "request_dprd",
        "request_mendagri_consideration",
        "start_drafting",
        "send_to_kemlu",
        "record_confirmation",
        "request_mendagri_approval",
        "finalise",
        "sign",
    ]
    assert sec.get(f"{A}/{text['id']}").json()["scope"] == "Pertukaran pelajar dan guru"  # applied
