"""Issue 13 through the API: 'signed, not yet in force' (status truth) and the offer clock (P22 Pasal 8)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from tests.fixtures.factories import agreement_body, region_partner_id

A = "/api/v1/agreements"
HOME = {"partner_id": None, "signatory_name": "Ngatiyana", "signatory_title": "Wali Kota Cimahi"}


def test_signed_text_with_a_future_start_is_not_yet_in_force(
    client_for: Callable[[str], TestClient], session: Session, settings: Settings
) -> None:
    sec = client_for("secretariat")
    today = today_in_region(settings)
    before = sec.get("/api/v1/dashboard").json()["in_force"]
    body = agreement_body(
        session,
        nature="SUKARELA",
        is_legacy_import=True,
        status="in_force",
        signed_date=str(today - timedelta(days=3)),
        start_date=str(today + timedelta(days=30)),
        end_date=str(today + timedelta(days=400)),
        parties=[HOME, {"partner_id": region_partner_id(session, "32.73")}],
    )
    r = sec.post(A, json=body)
    assert r.status_code == 201, r.text
    a = r.json()
    assert a["status"] == "in_force" and a["not_yet_in_force"] is True and a["in_force_now"] is False
    assert sec.get("/api/v1/dashboard").json()["in_force"] == before  # not counted until its start date
    ids = {x["id"] for x in sec.get(A, params={"status": "not_yet_in_force", "limit": 100}).json()["items"]}
    assert a["id"] in ids
    ids = {x["id"] for x in sec.get(A, params={"status": "in_force", "limit": 100}).json()["items"]}
    assert a["id"] not in ids
    assert isinstance(date.fromisoformat(a["start_date"]), date)


def test_offer_clock_and_its_actions(
    client_for: Callable[[str], TestClient], session: Session, settings: Settings
) -> None:
    """P22 Pasal 8(3)-(5): the answer is due 30 working days after the offer letter; a second request
    before that is refused (R20); 'approve' carries its telaahan (R19) in the same request."""
    from tests.test_procedure_api import FULL_KAK, act, create, review

    sec, tk = client_for("secretariat"), client_for("tkksd")
    today = today_in_region(settings)
    kb = create(
        sec,
        session,
        nature="WAJIB",
        planning_reference="RPJMD 2025-2029",
        kak=FULL_KAK,
        parties=[HOME, {"partner_id": region_partner_id(session, "32.73")}],
    )
    aid = kb["id"]
    act(sec, aid, "submit")
    act(sec, aid, "start_review")
    act(tk, aid, "approve", review=review(today))
    sent = today - timedelta(days=10)
    offered = act(sec, aid, "send_offer", effective_date=str(sent))
    due = date.fromisoformat(offered["offer_due_date"])
    assert due > sent + timedelta(days=30 + 7)  # 30 working days: weekends and holidays skipped
    problem = act(sec, aid, "second_request", 409)
    assert {f["rule_id"] for f in problem["findings"]} == {"R20"}
    assert "Pasal 8" in problem["findings"][0]["basis"]
    assert act(sec, aid, "report_non_answer", 409)["code"] == "rule_blocked"
