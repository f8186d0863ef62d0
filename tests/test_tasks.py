"""The task queue (GET /me/tasks) per role, and the operator's request to the head to submit.

Each role's queue is checked on what the real data and the real procedure put in it: a draft created by
the OPD, a text moved through the procedure by the secretariat and the TKKSD, a DPRD request, an
obligation falling due and a monitoring report in the workflow. OPD scoping: another OPD's drafts never
appear. The request to submit notifies the lead OPD's active heads, is audited, and puts the draft first
in the head's queue; each refusal names its rule.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.models import Agreement, AuditEntry, Notification, Opd
from tests.fixtures.factories import agreement_id, opd_id, region_partner_id
from tests.test_procedure_api import FULL_KAK, HOME_SIGNATORY, act, create, review

TASKS = "/api/v1/me/tasks"
LEGOK = "DEMO/PKS/2019/LEGOKNANGKA"  # its 2026-S1 monitoring report waits for the secretariat's check


def tasks(c: TestClient) -> list[dict[str, Any]]:
    r = c.get(TASKS)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["items"])
    return list(body["items"])


def of(items: list[dict[str, Any]], record_id: str) -> list[tuple[str, str]]:
    return [(i["kind"], i["action"]) for i in items if i["record_id"] == record_id]


def kb(c: TestClient, session: Session, opd: str, **overrides: Any) -> str:
    """A complete KSDD KB draft led by `opd` (it passes the data rules of `submit`)."""
    return str(
        create(
            c,
            session,
            nature="SUKARELA",
            planning_reference="RPJMD 2025-2029",
            kak=FULL_KAK,
            lead_opd_id=opd_id(session, opd),
            parties=[HOME_SIGNATORY, {"partner_id": region_partner_id(session, "32.73")}],
            **overrides,
        )["id"]
    )


@pytest.fixture
def dinkes_head(admin: TestClient, session: Session) -> dict[str, Any]:
    """An active head of DINKES (the demo has DINKES's operator but no head)."""
    r = admin.post(
        "/api/v1/users",
        json={
            "username": "kadis.dinkes",
            "password": "rahasia-uji-2026",
            "role": "opd_head",
            "opd_id": opd_id(session, "DINKES"),
            "full_name": "Kepala Dinas Kesehatan",
        },
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


def test_operator_sees_own_opd_drafts_to_complete_and_reports_to_fill(
    client_for: Callable[[str], TestClient], session: Session
) -> None:
    op, head, sec = client_for("opd_operator"), client_for("opd_head"), client_for("secretariat")
    mine = kb(op, session, "DINKES")
    theirs = kb(head, session, "DLH")
    items = tasks(op)
    assert of(items, mine) == [("draft_to_complete", "edit")]
    assert of(items, theirs) == []  # another OPD's draft
    item = next(i for i in items if i["record_id"] == mine)
    assert item["href"] == f"/agreements/{mine}" and item["stage"] == "draft" and item["basis"]
    assert item["due_date"] is None and item["overdue"] is False
    # the demo's RUJUKAN report (DINKES) is a draft for 2026-S1: the operator fills it in
    fill = [i for i in items if i["kind"] == "report_to_fill"]
    assert fill and all(i["href"].startswith(("/monitoring-reports/", "/agreements/")) for i in fill)
    assert all(i["period"] and i["due_date"] and i["basis"].startswith("Permendagri 22/2020") for i in fill)
    # the head of DLH submits DLH's draft; the secretariat has no draft in its queue
    assert of(tasks(head), theirs) == [("draft_to_submit", "submit")]
    assert of(tasks(head), mine) == []
    assert of(tasks(sec), mine) == []


def test_procedure_moves_the_text_from_queue_to_queue(
    client_for: Callable[[str], TestClient], session: Session, settings: Settings
) -> None:
    head, sec, tk = client_for("opd_head"), client_for("secretariat"), client_for("tkksd")
    today = today_in_region(settings)
    aid = kb(head, session, "DLH")
    assert of(tasks(head), aid) == [("draft_to_submit", "submit")]

    act(head, aid, "submit")
    assert of(tasks(head), aid) == []
    assert of(tasks(sec), aid) == [("submission_to_review", "start_review")]
    assert of(tasks(tk), aid) == []

    act(sec, aid, "start_review")
    assert of(tasks(sec), aid) == []
    assert of(tasks(tk), aid) == [("telaahan_to_give", "approve")]

    act(tk, aid, "approve", review=review(today))
    assert of(tasks(tk), aid) == []
    sent = act(sec, aid, "send_offer", effective_date=str(today - timedelta(days=50)))
    offer = [i for i in tasks(sec) if i["record_id"] == aid]
    assert [(i["kind"], i["action"]) for i in offer] == [("offer_awaiting_answer", "record_answer")]
    assert offer[0]["due_date"] == sent["offer_due_date"] and offer[0]["overdue"] is True
    assert "Pasal 8" in offer[0]["basis"]
    act(sec, aid, "accept_offer", effective_date=str(today))
    assert of(tasks(sec), aid) == []  # answered: the text is drafted


def test_secretariat_sees_dprd_deadlines_reports_to_verify_and_periods(
    client_for: Callable[[str], TestClient], session: Session, settings: Settings
) -> None:
    sec, tk, viewer = client_for("secretariat"), client_for("tkksd"), client_for("viewer")
    today = today_in_region(settings)
    aid = kb(sec, session, "DLH")
    received = today - timedelta(days=3)
    r = sec.post(
        f"/api/v1/agreements/{aid}/dprd-approvals",
        json={"request_date": str(received), "received_date": str(received)},
    )
    assert r.status_code == 201, r.text
    approval = r.json()
    items = tasks(sec)
    dprd = [i for i in items if i["kind"] == "dprd_deadline" and i["record_id"] == approval["id"]]
    assert len(dprd) == 1 and dprd[0]["due_date"] == approval["deadline_date"]
    assert dprd[0]["agreement_id"] == aid and dprd[0]["action"] == "record_decision"

    legok = agreement_id(session, LEGOK)
    verify = [i for i in items if i["kind"] == "report_to_verify" and i["agreement_id"] == legok]
    assert len(verify) == 1 and verify[0]["href"] == f"/monitoring-reports/{verify[0]['record_id']}"
    periods = [i for i in items if i["kind"] == "periodic_report_due"]
    assert periods and all(i["href"].startswith("/periodic-reports?year=") for i in periods)
    assert all(i["due_date"] for i in periods)
    assert [i["kind"] for i in tasks(tk) if i["agreement_id"] == legok] == []

    report_id = verify[0]["record_id"]
    url = f"/api/v1/monitoring-reports/{report_id}"
    etag = sec.get(url).headers["etag"]
    r = sec.post(f"{url}/transitions", json={"action": "verify"}, headers={"If-Match": etag})
    assert r.status_code == 200, r.text
    assert [i["kind"] for i in tasks(sec) if i["record_id"] == report_id] == []
    assert of(tasks(tk), report_id) == [("report_to_review", "review")]
    assert tasks(viewer) == []


def test_head_sees_the_opds_obligations_falling_due(
    client_for: Callable[[str], TestClient], session: Session, settings: Settings
) -> None:
    head, admin, op = client_for("opd_head"), client_for("admin"), client_for("opd_operator")
    today = today_in_region(settings)
    dlh = session.scalar(select(Opd.id).where(Opd.abbreviation == "DLH"))
    in_force = session.scalar(
        select(Agreement.id).where(Agreement.lead_opd_id == dlh, Agreement.status == "in_force").limit(1)
    )
    assert in_force is not None
    ids = []
    for days, text in ((-5, "Setor laporan (lewat)"), (20, "Setor retribusi"), (45, "Setor nanti")):
        r = admin.post(
            f"/api/v1/agreements/{in_force}/obligations",
            json={
                "kind": "KEWAJIBAN",
                "description": text,
                "schedule_type": "one_off",
                "due_date": str(today + timedelta(days=days)),
            },
        )
        assert r.status_code == 201, r.text
        ids.append(r.json()["occurrences"][0]["id"])
    items = {i["record_id"]: i for i in tasks(head) if i["kind"] == "obligation_due"}
    assert ids[0] in items and ids[1] in items and ids[2] not in items  # 30 days ahead, and overdue
    assert items[ids[0]]["overdue"] is True and items[ids[1]]["overdue"] is False
    assert items[ids[1]]["detail"] == "Setor retribusi" and items[ids[1]]["action"] == "fulfil"
    assert not [i for i in tasks(op) if i["record_id"] in ids]  # DINKES is not responsible


@pytest.mark.parametrize("who", ["admin", "viewer", "province"])
def test_roles_without_a_queue_get_an_empty_list(client_for: Callable[[str], TestClient], who: str) -> None:
    assert tasks(client_for(who)) == []
    me = client_for(who).get("/api/v1/auth/me").json()
    assert "tasks:queue" not in me["capabilities"]


def test_operator_asks_the_head_to_submit(
    client_for: Callable[[str], TestClient], session: Session, dinkes_head: dict[str, Any], anon: TestClient
) -> None:
    op, sec = client_for("opd_operator"), client_for("secretariat")
    head = client_for("kadis.dinkes")
    aid = kb(op, session, "DINKES")
    # the operator cannot submit, and is told who can
    actions = op.get(f"/api/v1/agreements/{aid}/actions").json()["actions"]
    submit = next(a for a in actions if a["action"] == "submit")
    assert submit["allowed_for_role"] is False and submit["taken_by"] == ["secretariat", "opd_head"]
    assert "tasks:request_submission" in op.get("/api/v1/auth/me").json()["capabilities"]

    before = of(tasks(head), aid)
    assert before == [("draft_to_submit", "submit")]
    r = op.post(f"/api/v1/agreements/{aid}/submission-requests", json={"message": "Mohon diajukan"})
    assert r.status_code == 201, r.text
    assert [x["user_id"] for x in r.json()["recipients"]] == [dinkes_head["id"]]
    notes = session.scalars(select(Notification).where(Notification.kind == "submission_request")).all()
    assert [(str(n.user_id), n.link) for n in notes] == [(dinkes_head["id"], f"/agreements/{aid}")]
    assert "Mohon diajukan" in notes[0].body
    listed = head.get("/api/v1/notifications").json()["items"]
    assert listed[0]["kind"] == "submission_request"
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.entity_id == aid, AuditEntry.action == "request_submission")
    ).one()
    assert entry.actor_username == "operator.dinkes" and entry.after
    assert entry.after["recipients"] == [dinkes_head["id"]]

    first = tasks(head)[0]
    assert (
        first["record_id"] == aid
        and first["submission_request"]["requested_by"] == "Operator Dinas Kesehatan"
    )
    act(head, aid, "submit")
    assert of(tasks(head), aid) == []
    assert of(tasks(sec), aid) == [("submission_to_review", "start_review")]

    # refusals name their rule
    r = op.post(f"/api/v1/agreements/{aid}/submission-requests")
    assert r.status_code == 409 and r.json()["code"] == "not_a_draft", r.text
    assert r.headers["content-type"] == "application/problem+json"
    other = kb(client_for("opd_head"), session, "DLH")
    assert op.post(f"/api/v1/agreements/{other}/submission-requests").status_code == 404  # outside scope
    related = kb(sec, session, "DLH", related_opd_ids=[opd_id(session, "DINKES")])
    r = op.post(f"/api/v1/agreements/{related}/submission-requests")
    assert r.status_code == 403 and r.json()["code"] == "not_lead_opd", r.text
    r = client_for("opd_head").post(f"/api/v1/agreements/{other}/submission-requests")
    assert r.status_code == 403 and r.json()["code"] == "role_forbidden", r.text
    pks = str(create(op, session, kind="PKS", lead_opd_id=opd_id(session, "DINKES"), parent_id=None)["id"])
    r = op.post(f"/api/v1/agreements/{pks}/submission-requests")
    assert r.status_code == 409 and r.json()["code"] == "step_open_to_caller", r.text
    r = op.post(f"/api/v1/agreements/{aid}/submission-requests", json={"note": "x"})
    assert r.status_code == 422
    assert anon.post(f"/api/v1/agreements/{aid}/submission-requests").status_code == 401


def test_request_without_an_active_head_is_refused(
    client_for: Callable[[str], TestClient], session: Session
) -> None:
    op = client_for("opd_operator")
    aid = kb(op, session, "DINKES")
    r = op.post(f"/api/v1/agreements/{aid}/submission-requests")
    assert r.status_code == 409 and r.json()["code"] == "no_recipient", r.text
    assert session.scalars(select(Notification).where(Notification.kind == "submission_request")).all() == []
