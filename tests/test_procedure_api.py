"""Procedure engine end to end through the API: journeys from draft to in force, approvals,
amendments, renewal, endings, disputes, bad input and a real concurrent race.

The demo data (backend/kerjasama/demo.py) provides legacy texts in force; every test runs in a
rolled-back transaction except the race, which uses its own committed database.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, update
from sqlalchemy.orm import Session, sessionmaker

from kerjasama import demo
from kerjasama.cli import alembic_config
from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.core.db import Database, make_engine
from kerjasama.main import create_app
from kerjasama.models import Agreement
from kerjasama.procedure.machines import MACHINES
from kerjasama.rules.catalogue import KAK_HEADINGS, PKS_CLAUSES
from tests.conftest import TEST_SECRET, fresh_database_url, token_for
from tests.fixtures.factories import agreement_body, agreement_id, opd_id, region_partner_id

A = "/api/v1/agreements"
FULL_KAK = {h: f"Uraian {h}" for h in KAK_HEADINGS}
HOME_SIGNATORY = {"partner_id": None, "signatory_name": "Ngatiyana", "signatory_title": "Wali Kota Cimahi"}
GARUT_KB = "DEMO/KB/2023/GARUT"  # KSDD KB in force (legacy), signed 2023-11-30, CABAI PKS under it
KABBDG_KB = "DEMO/KB/2021/KABBDG"  # KSDD KB in force with the DRAINASE PKS in force under it
DRAINASE = "DEMO/PKS/2022/DRAINASE"  # led by DPUPR, BPBD related: outside DINKES's scope
BJB_QRIS = "DEMO/PKS/2024/BJB-QRIS"  # KSDPK PKS in force


@pytest.fixture
def sec(client_for: Callable[[str], TestClient]) -> TestClient:
    return client_for("secretariat")


@pytest.fixture
def tk(client_for: Callable[[str], TestClient]) -> TestClient:
    return client_for("tkksd")


@pytest.fixture
def today(settings: Settings) -> date:
    return today_in_region(settings)


def etag(c: TestClient, aid: str) -> str:
    r = c.get(f"{A}/{aid}")
    assert r.status_code == 200, r.text
    return str(r.headers["etag"])


def act(c: TestClient, aid: str, action: str, status: int = 200, **body: Any) -> Any:
    if action == "sign":  # R55 (WARN) when the signed text is not uploaded yet
        body.setdefault("justification", "Naskah yang ditandatangani diunggah setelah dicatat")
    r = c.post(f"{A}/{aid}/transitions", json={"action": action, **body}, headers={"If-Match": etag(c, aid)})
    assert r.status_code == status, f"{action}: {r.status_code} {r.text}"
    return r.json()


def patch(c: TestClient, aid: str, status: int = 200, **fields: Any) -> Any:
    r = c.patch(f"{A}/{aid}", json=fields, headers={"If-Match": etag(c, aid)})
    assert r.status_code == status, r.text
    return r.json()


def blocked_by(problem: dict[str, Any]) -> set[str]:
    assert problem["code"] == "rule_blocked", problem
    return {f["rule_id"] for f in problem["findings"] if f["severity"] == "BLOCK"}


def history(c: TestClient, aid: str) -> list[dict[str, Any]]:
    r = c.get(f"{A}/{aid}/history")
    assert r.status_code == 200, r.text
    return list(r.json())


def transitions(c: TestClient, aid: str) -> list[dict[str, Any]]:
    return [e for e in history(c, aid) if e["kind"] == "transition"]


def create(c: TestClient, session: Session, **overrides: Any) -> dict[str, Any]:
    r = c.post(A, json=agreement_body(session, **overrides))
    assert r.status_code == 201, r.text
    return dict(r.json())


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def upload(c: TestClient, aid: str, doc_type: str) -> str:
    """A document of `doc_type` uploaded to the agreement; its id."""
    r = c.post(
        f"{A}/{aid}/documents",
        files={"file": ("dokumen.pdf", PDF, "application/pdf")},
        data={"doc_type": doc_type, "title": f"Dokumen {doc_type}", "doc_date": "2026-01-15"},
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def review(day: date, outcome: str = "layak", **extra: Any) -> dict[str, Any]:
    """The telaahan that comes with `approve` (R19), with the R9 declaration."""
    return {"meeting_date": str(day), "outcome": outcome, "no_conflict": True, **extra}


def kb_to_signed(sec: TestClient, tk: TestClient, session: Session, today: date, **overrides: Any) -> str:
    """A complete KSDD KB taken from draft to signed (secretariat and TKKSD)."""
    kb = create(
        sec,
        session,
        nature="SUKARELA",
        planning_reference="RPJMD 2025-2029",
        kak=FULL_KAK,
        parties=[HOME_SIGNATORY, {"partner_id": region_partner_id(session, "32.73")}],
        **overrides,
    )
    aid = kb["id"]
    for action in ("submit", "start_review"):
        act(sec, aid, action)
    act(tk, aid, "approve", review=review(today))
    for action in ("send_offer", "accept_offer", "finalise"):
        act(sec, aid, action)
    act(sec, aid, "sign", effective_date=str(today - timedelta(days=2)))
    return str(aid)


# ====================================================================== journeys


def test_ksdd_kb_and_pks_from_draft_to_in_force(
    sec: TestClient, tk: TestClient, client_for: Callable[[str], TestClient], session: Session, today: date
) -> None:
    kb = create(sec, session, nature="SUKARELA", burdens_community_and_region=True)
    aid = kb["id"]
    assert kb["stage"] == "draft" and kb["dprd_required"] is True

    # Findings to fix before submitting: planning documents (R7) and the KAK (R51).
    problem = act(sec, aid, "submit", 409)
    assert {"R7", "R51"} <= blocked_by(problem)
    r51 = next(f for f in problem["findings"] if f["rule_id"] == "R51")
    assert r51["fields"] == ["kak"] and "Pasal 7 dan 29" in r51["basis"]
    patch(sec, aid, planning_reference="RPJMD 2025-2029 misi 2", kak=FULL_KAK)
    assert act(sec, aid, "submit")["stage"] == "submitted"
    assert act(sec, aid, "start_review")["stage"] == "tkksd_review"
    # 'Layak' and the telaahan are one act (P22 Pasal 7, 29): approving without one is refused (R19),
    # as is approving without the R9 declaration (PP 28/2018 Pasal 4(4)).
    assert {"R9", "R19"} <= blocked_by(act(tk, aid, "approve", 409))
    approved = act(
        tk,
        aid,
        "approve",
        review=review(
            today - timedelta(days=3),
            "layak_dengan_perbaikan",
            notes="Lengkapi rincian pembiayaan",
            minutes_ref="BA/TKKSD/07/2026",
        ),
    )
    assert approved["stage"] == "approved_for_offer" and approved["declarations"] == {"no_conflict": True}
    listed = sec.get(f"{A}/{aid}/tkksd-reviews").json()
    assert [x["minutes_ref"] for x in listed] == ["BA/TKKSD/07/2026"]
    assert act(sec, aid, "send_offer", effective_date=str(today - timedelta(days=3)))["stage"] == "offer"
    assert act(sec, aid, "accept_offer")["stage"] == "drafting"
    assert act(sec, aid, "finalise")["stage"] == "ready_to_sign"

    # The home region's signatory is missing (R24).
    assert "R24" in blocked_by(act(sec, aid, "sign", 409))
    patch(sec, aid, parties=[HOME_SIGNATORY, {"partner_id": region_partner_id(session, "32.73")}])
    kb_signing = today - timedelta(days=2)
    signed = act(sec, aid, "sign", effective_date=str(kb_signing))
    assert signed["stage"] == "signed" and signed["signed_date"] == str(kb_signing)

    # DPRD: it burdens the community and region (Pasal 6(2)).
    assert act(sec, aid, "request_dprd")["stage"] == "dprd_approval"
    r = sec.post(
        f"{A}/{aid}/dprd-approvals",
        json={"request_date": str(kb_signing), "received_date": str(kb_signing), "document_ref": "005/DPRD"},
    )
    assert r.status_code == 201, r.text
    dprd = r.json()
    assert dprd["decision"] == "pending" and dprd["deadline_date"] > str(kb_signing)
    assert dprd["deemed_approved"] is False
    assert "R10" in blocked_by(act(sec, aid, "enter_into_force", 409))

    # A PKS under it waits for the DPRD decision (R10).
    pks = create(
        sec,
        session,
        kind="PKS",
        nature="SUKARELA",
        parent_id=aid,
        planning_reference="RKPD 2026",
        parties=[
            {
                "partner_id": None,
                "signatory_name": "dr. Kepala",
                "signatory_title": "Kepala Dinas Kesehatan Kota Cimahi",
                "power_of_attorney_ref": "800/SK-1/2026",
            },
            {"partner_id": region_partner_id(session, "32.73")},
        ],
        start_date=str(today),
        end_date=None,
    )
    pid = pks["id"]
    upload(sec, pid, "SURAT_KUASA")  # the delegate signs with the head's surat kuasa (P22 Pasal 36)
    operator = client_for("opd_operator")  # DINKES leads the PKS: the operator may start drafting
    problem = act(operator, pid, "start_drafting", 409)
    assert blocked_by(problem) == {"R10"}
    r10 = next(f for f in problem["findings"] if f["rule_id"] == "R10")
    assert "Pasal 6 ayat (2)" in r10["basis"]

    r = sec.patch(
        f"/api/v1/dprd-approvals/{dprd['id']}",
        json={
            "decision": "approved",
            "decision_date": str(today - timedelta(days=1)),
            "decree_number": "7/2026",
        },
        headers={"If-Match": f'"{dprd["version"]}"'},
    )
    assert r.status_code == 200, r.text
    assert r.json()["decision"] == "approved"
    assert act(operator, pid, "start_drafting")["stage"] == "drafting"

    # Clauses (R26) and one KEWAJIBAN per party (R27) before the PKS is final.
    assert {"R26", "R27"} <= blocked_by(act(sec, pid, "finalise", 409))
    patch(sec, pid, clauses=list(PKS_CLAUSES))
    assert blocked_by(act(sec, pid, "finalise", 409)) == {"R27"}
    for partner in (None, region_partner_id(session, "32.73")):
        r = operator.post(
            f"{A}/{pid}/obligations",
            json={"partner_id": partner, "kind": "KEWAJIBAN", "description": "Menyediakan layanan rujukan"},
        )
        assert r.status_code == 201, r.text
    r = operator.post(
        f"{A}/{pid}/obligations",
        json={"partner_id": region_partner_id(session, "32.05"), "kind": "HAK", "description": "Bukan pihak"},
    )
    assert r.status_code == 422, r.text
    assert len(sec.get(f"{A}/{pid}/obligations").json()) == 2
    assert act(sec, pid, "finalise")["stage"] == "ready_to_sign"

    # Signing dates: not in the future, not before the KB's signing.
    bad = act(sec, pid, "sign", 422, effective_date=str(today + timedelta(days=1)))
    assert bad["errors"][0]["loc"] == ["body", "effective_date"]
    bad = act(sec, pid, "sign", 422, effective_date=str(kb_signing - timedelta(days=1)))
    assert bad["errors"][0]["code"] == "before_parent"
    pks_in_force = act(sec, pid, "sign", effective_date=str(today))
    assert pks_in_force["stage"] == "in_force" and pks_in_force["status"] == "in_force"
    assert pks_in_force["signed_date"] == str(today)

    kb_in_force = act(sec, aid, "enter_into_force")
    assert kb_in_force["stage"] == "in_force" and kb_in_force["status"] == "in_force"

    # Every transition is in the history with actor, role and time.
    kb_log = transitions(sec, aid)
    assert [e["action"] for e in kb_log] == [
        "submit",
        "start_review",
        "approve",
        "send_offer",
        "accept_offer",
        "finalise",
        "sign",
        "request_dprd",
        "enter_into_force",
    ]
    assert [e["actor_role"] for e in kb_log][:3] == ["secretariat", "secretariat", "tkksd"]
    assert {e["actor_username"] for e in kb_log} == {"sekretariat", "tkksd"}
    assert kb_log[-1]["from_stage"] == "dprd_approval" and kb_log[-1]["to_stage"] == "in_force"
    pks_log = transitions(sec, pid)
    assert [(e["action"], e["actor_username"]) for e in pks_log] == [
        ("start_drafting", "operator.dinkes"),
        ("finalise", "sekretariat"),
        ("sign", "sekretariat"),
    ]
    changes = [e for e in history(sec, pid) if e["kind"] == "change"]
    assert changes[0]["action"] == "create"
    assert any(e["action"] == "update" and "clauses" in (e["after"] or {}) for e in changes)


def test_ksdpk_kb_needs_a_feasibility_study(sec: TestClient, session: Session) -> None:
    r = sec.post(
        "/api/v1/partners",
        json={
            "type": "THIRD_PARTY",
            "name": "PT Air Bersih Cimahi",
            "third_party_kind": "business_entity",
            "business_form": "pt",
        },
    )
    assert r.status_code == 201, r.text
    kb = create(
        sec,
        session,
        category="KSDPK",
        nature=None,
        planning_reference="RPJMD",
        kak=FULL_KAK,
        parties=[HOME_SIGNATORY, {"partner_id": r.json()["id"]}],
    )
    problem = act(sec, kb["id"], "submit", 409)
    assert blocked_by(problem) == {"R15"}
    patch(sec, kb["id"], feasibility_study_ref="FS/2026/01")
    assert act(sec, kb["id"], "submit")["stage"] == "submitted"


def garut_adendum(
    sec: TestClient, session: Session, today: date, parent_id: str, title: str, amendment: dict[str, Any]
) -> dict[str, Any]:
    """A draft ADENDUM (Bag. Perekonomian, with Kab. Garut) to a Garut text, carrying `amendment`."""
    return create(
        sec,
        session,
        kind="ADENDUM",
        nature="SUKARELA",
        parent_id=parent_id,
        title=title,
        lead_opd_id=opd_id(session, "EKO"),
        parties=[HOME_SIGNATORY, {"partner_id": region_partner_id(session, "32.05")}],
        start_date=str(today),
        end_date=None,
        amendment=amendment,
    )


def test_adendum_signing_changes_the_parent(sec: TestClient, session: Session, today: date) -> None:
    parent_id = agreement_id(session, GARUT_KB)
    parent = sec.get(f"{A}/{parent_id}").json()
    assert parent["end_date"] == "2028-11-29"
    add = garut_adendum(
        sec,
        session,
        today,
        parent_id,
        "Adendum I KB Garut: perpanjangan pasokan",
        {"end_date": "2028-06-30", "scope": "Cabai, bawang merah, bawang putih"},
    )
    aid = add["id"]
    act(sec, aid, "start_drafting")
    act(sec, aid, "finalise")
    # Nothing changes in the parent before the adendum is signed.
    assert sec.get(f"{A}/{parent_id}").json()["end_date"] == "2028-11-29"
    assert act(sec, aid, "sign")["stage"] == "in_force"
    after = sec.get(f"{A}/{parent_id}").json()
    assert after["end_date"] == "2028-06-30"
    assert after["scope"] == "Cabai, bawang merah, bawang putih"
    amended = [e for e in history(sec, parent_id) if e["action"] == "amended_by"]
    assert len(amended) == 1
    entry = amended[0]
    assert entry["kind"] == "change" and entry["actor_username"] == "sekretariat"
    assert entry["after"]["amended_by"] == {"id": aid, "number": add["number"]}
    assert entry["after"]["end_date"] == "2028-06-30"
    assert entry["before"]["end_date"] == "2028-11-29"


def test_renewal_creates_a_linked_draft(sec: TestClient, session: Session) -> None:
    old_id = agreement_id(session, GARUT_KB)
    r = sec.post(f"{A}/{old_id}/renew")
    assert r.status_code == 201, r.text
    new = r.json()
    assert new["predecessor_id"] == old_id and new["id"] != old_id
    assert new["stage"] == "draft" and new["status"] == "draft"
    assert new["title"] == sec.get(f"{A}/{old_id}").json()["title"]
    assert r.headers["location"] == f"{A}/{new['id']}"
    assert sec.get(f"{A}/{old_id}").json()["stage"] == "in_force"  # the old one is untouched
    # Only a text in force or ended can be renewed.
    again = sec.post(f"{A}/{new['id']}/renew")
    assert again.status_code == 409 and again.json()["code"] == "renew_not_allowed"


def test_renewing_a_pre_pp28_text_without_nature_is_422_not_500(sec: TestClient, session: Session) -> None:
    # Found by schemathesis against a live server (bench/schemathesis_live.py): the 2014 PKS has no
    # WAJIB/SUKARELA (PP 50/2007), and its renewal, a new text under PP 28/2018, needs one; building
    # the renewal raised a ValidationError, answered 500.
    old_id = agreement_id(session, "DEMO/PKS/2014/KOTABDG")
    assert sec.get(f"{A}/{old_id}").json()["nature"] is None
    r = sec.post(f"{A}/{old_id}/renew")
    assert r.status_code == 422, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    assert r.json()["errors"] == [
        {"loc": ["body", "nature"], "msg": "required for KSDD: WAJIB or SUKARELA", "code": "nature_required"}
    ]
    # The way the answer points to: the renewal created with its nature and the predecessor link.
    made = sec.post(A, json=agreement_body(session, nature="WAJIB", predecessor_id=old_id))
    assert made.status_code == 201, made.text
    assert made.json()["predecessor_id"] == old_id


# ====================================================================== endings and disputes


@pytest.mark.parametrize(
    ("reason", "rules"),
    [
        ("bosan", {"R39"}),
        ("court_decision", {"R40"}),
        ("partner_bankrupt", {"R40"}),
        ("head_of_region_changed", {"R39", "R41"}),
    ],
)
def test_ending_a_ksdd_text_needs_a_lawful_reason(
    sec: TestClient, session: Session, reason: str, rules: set[str]
) -> None:
    aid = agreement_id(session, GARUT_KB)
    problem = act(sec, aid, "end", 409, reason=reason, justification="x")
    assert blocked_by(problem) == rules
    assert sec.get(f"{A}/{aid}").json()["stage"] == "in_force"


def test_end_without_reason_is_422(sec: TestClient, session: Session) -> None:
    problem = act(sec, agreement_id(session, GARUT_KB), "end", 422)
    assert problem["errors"][0]["loc"] == ["body", "reason"]


def test_court_decision_ends_a_ksdpk_text(sec: TestClient, session: Session, today: date) -> None:
    aid = agreement_id(session, BJB_QRIS)
    ended = act(sec, aid, "end", reason="court_decision", effective_date=str(today))
    assert ended["status"] == "ended" and ended["stage"] == "ended"
    assert ended["end_reason"] == "court_decision" and ended["ended_date"] == str(today)


def test_ending_a_kb_with_pks_in_force_needs_a_justification(sec: TestClient, session: Session) -> None:
    aid = agreement_id(session, KABBDG_KB)
    problem = act(sec, aid, "end", 422, reason="term_expired")
    assert problem["code"] == "justification_required"
    assert [f["rule_id"] for f in problem["findings"]] == ["R54"]
    assert problem["findings"][0]["severity"] == "WARN"
    why = "PKS drainase diakhiri tersendiri setelah serah terima"
    ended = act(sec, aid, "end", reason="term_expired", justification=why)
    assert ended["status"] == "ended" and ended["end_reason"] == "term_expired"
    last = transitions(sec, aid)[-1]
    assert last["action"] == "end" and last["justification"] == why and last["reason"] == "term_expired"
    assert last["actor_username"] == "sekretariat" and last["actor_role"] == "secretariat"


def test_dispute_opens_and_closes_back(sec: TestClient, session: Session) -> None:
    aid = agreement_id(session, GARUT_KB)
    opened = act(sec, aid, "open_dispute", reason="Pasokan terhenti tiga bulan")
    assert opened["stage"] == "dispute" and opened["status"] == "in_force"
    actions = sec.get(f"{A}/{aid}/actions").json()
    assert [a["action"] for a in actions["actions"]] == ["close_dispute"]
    assert act(sec, aid, "close_dispute", reason="Musyawarah berhasil")["stage"] == "in_force"
    log = transitions(sec, aid)
    assert [(e["from_stage"], e["to_stage"]) for e in log] == [
        ("in_force", "dispute"),
        ("dispute", "in_force"),
    ]
    assert log[0]["reason"] == "Pasokan terhenti tiga bulan"


def test_procedures_lists_machines_and_dispute_paths(client_for: Callable[[str], TestClient]) -> None:
    r = client_for("viewer").get("/api/v1/procedures")
    assert r.status_code == 200, r.text
    body = r.json()
    assert [m["id"] for m in body["machines"]] == [m.id for m in MACHINES]
    kb = next(m for m in body["machines"] if m["id"] == "kb_domestic")
    assert kb["stages"][:3] == ["draft", "submitted", "tkksd_review"]
    sign = next(t for t in kb["transitions"] if t["action"] == "sign")
    assert sign["roles"] == ["admin", "secretariat"] and "R24" in sign["rules"] and sign["needs_date"]
    foreign = next(m for m in body["machines"] if m["id"] == "foreign_text")
    assert {"mendagri_consideration", "mendagri_approval", "kemlu_review"} <= set(foreign["stages"])
    paths = {p["category"]: p for p in body["dispute_paths"]}
    assert set(paths) == {"KSDD", "KSDPK", "KSDPL", "KSDLL", "SINERGI"}
    assert "Pasal 8" in paths["KSDD"]["basis"] and "Gubernur" in paths["KSDD"]["path_id"]
    assert "Pasal 21" in paths["KSDPK"]["basis"]
    assert "Pasal 34" in paths["KSDPL"]["basis"] and "Pasal 41" in paths["KSDLL"]["basis"]
    assert "legacy" in body["legacy_import"]


def test_legacy_import_starts_in_force_and_cannot_skip_back(sec: TestClient, session: Session) -> None:
    r = sec.post(
        A,
        json=agreement_body(
            session, nature="SUKARELA", is_legacy_import=True, status="in_force", signed_date="2020-01-01"
        ),
    )
    assert r.status_code == 201, r.text
    assert r.json()["stage"] == "in_force"
    assert transitions(sec, r.json()["id"]) == []
    problem = act(sec, r.json()["id"], "submit", 409)
    assert problem["code"] == "action_not_allowed"
    assert problem["allowed_actions"] == ["end", "open_dispute"]


# ====================================================================== bad input


def test_if_match_is_required_and_checked(sec: TestClient, session: Session) -> None:
    aid = create(sec, session, nature="SUKARELA")["id"]
    url = f"{A}/{aid}/transitions"
    missing = sec.post(url, json={"action": "cancel", "reason": "dobel"})
    assert missing.status_code == 428 and missing.json()["code"] == "precondition_required"
    current = etag(sec, aid)
    patch(sec, aid, title="Judul baru")
    stale = sec.post(url, json={"action": "cancel", "reason": "dobel"}, headers={"If-Match": current})
    assert stale.status_code == 412, stale.text
    assert sec.get(f"{A}/{aid}").json()["stage"] == "draft"


def test_action_not_allowed_now_lists_the_allowed_ones(sec: TestClient, session: Session) -> None:
    aid = create(sec, session, nature="SUKARELA")["id"]
    problem = act(sec, aid, "sign", 409)
    assert problem["code"] == "action_not_allowed"
    assert sorted(problem["allowed_actions"]) == ["cancel", "submit"]
    problem = act(sec, aid, "fly_to_the_moon", 409)
    assert problem["code"] == "action_not_allowed"


def test_role_not_allowed_is_403_in_scope_and_404_out_of_scope(
    client_for: Callable[[str], TestClient], sec: TestClient, session: Session
) -> None:
    operator = client_for("opd_operator")  # operator.dinkes
    aid = create(sec, session, nature="SUKARELA")["id"]  # led by DINKES
    r = operator.post(
        f"{A}/{aid}/transitions", json={"action": "submit"}, headers={"If-Match": etag(operator, aid)}
    )
    assert r.status_code == 403 and r.json()["code"] == "role_forbidden", r.text
    outside = agreement_id(session, DRAINASE)
    r = operator.post(
        f"{A}/{outside}/transitions",
        json={"action": "end", "reason": "term_expired"},
        headers={"If-Match": '"1"'},
    )
    assert r.status_code == 404, r.text
    assert operator.get(f"{A}/{outside}/actions").status_code == 404
    assert operator.get(f"{A}/{outside}/history").status_code == 404
    viewer = client_for("viewer")
    r = viewer.post(
        f"{A}/{aid}/transitions", json={"action": "submit"}, headers={"If-Match": etag(viewer, aid)}
    )
    assert r.status_code == 403


def test_actions_list_what_the_caller_may_do_and_what_blocks_it(
    client_for: Callable[[str], TestClient], sec: TestClient, session: Session
) -> None:
    aid = create(sec, session, nature="SUKARELA")["id"]
    body = client_for("opd_operator").get(f"{A}/{aid}/actions").json()
    assert body["machine"] == "kb_domestic" and body["stage"] == "draft"
    submit = next(a for a in body["actions"] if a["action"] == "submit")
    assert submit["allowed_for_role"] is False and submit["blocked"] is True
    assert {"R7", "R51"} <= {f["rule_id"] for f in submit["findings"]}
    assert next(a for a in sec.get(f"{A}/{aid}/actions").json()["actions"] if a["action"] == "submit")[
        "allowed_for_role"
    ]


def test_signed_text_is_read_only_except_administrative_fields(sec: TestClient, session: Session) -> None:
    aid = agreement_id(session, GARUT_KB)
    before = sec.get(f"{A}/{aid}").json()
    r = sec.patch(
        f"{A}/{aid}", json={"title": "Judul diubah diam-diam"}, headers={"If-Match": etag(sec, aid)}
    )
    assert r.status_code == 409, r.text
    assert r.json()["findings"][0]["rule_id"] == "R31"
    r = sec.patch(f"{A}/{aid}", json={"object": "Objek lain"}, headers={"If-Match": etag(sec, aid)})
    assert r.status_code == 409, r.text
    assert patch(sec, aid, public=True)["public"] is True
    after = sec.get(f"{A}/{aid}").json()
    assert after["title"] == before["title"] and after["object"] == before["object"]


def test_dprd_and_reviews_are_role_checked_and_dated(
    client_for: Callable[[str], TestClient], sec: TestClient, session: Session, today: date
) -> None:
    aid = create(sec, session, nature="SUKARELA")["id"]
    operator = client_for("opd_operator")
    r = operator.post(f"{A}/{aid}/dprd-approvals", json={"request_date": str(today)})
    assert r.status_code == 403
    r = operator.post(f"{A}/{aid}/tkksd-reviews", json={"meeting_date": str(today), "outcome": "layak"})
    assert r.status_code == 403
    r = sec.post(
        f"{A}/{aid}/tkksd-reviews", json={"meeting_date": str(today + timedelta(days=1)), "outcome": "layak"}
    )
    assert r.status_code == 422
    r = sec.post(
        f"{A}/{aid}/dprd-approvals",
        json={"request_date": str(today), "received_date": str(today - timedelta(days=1))},
    )
    assert r.status_code == 422
    r = sec.post(f"{A}/{aid}/dprd-approvals", json={"request_date": str(today)})
    assert r.status_code == 201
    approval = r.json()
    url = f"/api/v1/dprd-approvals/{approval['id']}"
    assert sec.patch(url, json={"decision": "approved"}).status_code == 428
    r = sec.patch(url, json={"decision": "approved"}, headers={"If-Match": f'"{approval["version"]}"'})
    assert r.status_code == 422  # a decision needs its date
    assert r.json()["errors"][0]["loc"] == ["body", "decision_date"]


# ====================================================================== a real race


@pytest.fixture
def live_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    """A separate, committed database: real connections for real concurrency."""
    for url in fresh_database_url(tmp_path):
        settings = Settings(env="test", database_url=url, secret_key=TEST_SECRET, data_dir=tmp_path)
        eng = make_engine(url)
        with eng.connect() as conn:
            cfg = alembic_config(url)
            cfg.attributes["connection"] = conn
            from alembic import command

            command.upgrade(cfg, "head")
            conn.commit()
        with sessionmaker(eng)() as s, s.begin():
            demo.seed(s, settings)
        app = create_app(settings, Database(settings, engine=eng), spa_dir=tmp_path)
        yield app, settings, eng
        eng.dispose()


def test_two_concurrent_identical_transitions_one_wins(live_app) -> None:  # type: ignore[no-untyped-def]
    app, settings, eng = live_app
    with sessionmaker(eng)() as s:
        token = token_for(s, settings, "sekretariat")
        body = agreement_body(s, nature="SUKARELA", planning_reference="RPJMD", kak=FULL_KAK)
    auth = {"Authorization": f"Bearer {token}"}
    with TestClient(app, base_url="https://testserver") as c:
        created = c.post(A, json=body, headers=auth)
        assert created.status_code == 201, created.text
        aid, tag = created.json()["id"], created.headers["etag"]
    results: list[int] = []
    barrier = threading.Barrier(2)

    def submit() -> None:
        with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as c:
            barrier.wait()
            r = c.post(
                f"{A}/{aid}/transitions",
                json={"action": "submit"},
                headers={**auth, "If-Match": tag},
            )
            results.append(r.status_code)

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200, 412]
    with TestClient(app, base_url="https://testserver") as c:
        log = c.get(f"{A}/{aid}/history", headers=auth).json()
        assert [e["action"] for e in log if e["kind"] == "transition"] == ["submit"]
        assert c.get(f"{A}/{aid}", headers=auth).json()["stage"] == "submitted"


def test_pks_cannot_be_signed_while_its_kb_is_unsigned(
    sec: TestClient, session: Session, today: date, connection: Connection
) -> None:
    """Issue 3 §4: 'A PKS cannot be signed while its KB is unsigned'; a justification does not help."""
    kb = create(sec, session, nature="SUKARELA", planning_reference="RPJMD", kak=FULL_KAK)
    assert kb["dprd_required"] is False  # R10 has nothing to wait for: only the KB's signing matters
    kota_bdg = region_partner_id(session, "32.73")
    pks = create(
        sec,
        session,
        kind="PKS",
        nature="SUKARELA",
        parent_id=kb["id"],
        planning_reference="RKPD 2026",
        clauses=list(PKS_CLAUSES),
        start_date=str(today),
        end_date=None,
        parties=[HOME_SIGNATORY, {"partner_id": kota_bdg}],
    )
    pid = pks["id"]
    for partner in (None, kota_bdg):
        r = sec.post(
            f"{A}/{pid}/obligations",
            json={"partner_id": partner, "kind": "KEWAJIBAN", "description": "Tugas"},
        )
        assert r.status_code == 201, r.text
    problem = act(sec, pid, "start_drafting", 409, justification="KB sedang ditelaah TKKSD")
    assert {"R21", "R22"} <= blocked_by(problem)  # R21 is a BLOCK: no justification lets it through
    # Even a PKS already at ready_to_sign (e.g. drafted before the KB was returned) cannot be signed.
    connection.execute(
        update(Agreement)
        .where(Agreement.id == uuid.UUID(pid))
        .values(stage="ready_to_sign", status="in_progress", version=Agreement.version + 1)
    )
    problem = act(sec, pid, "sign", 409, justification="Segera")
    assert blocked_by(problem), problem
    assert sec.get(f"{A}/{pid}").json()["stage"] == "ready_to_sign"
    assert transitions(sec, pid) == []


def test_foreign_text_goes_through_mendagri_and_kemlu(sec: TestClient, session: Session, today: date) -> None:
    r = sec.post(
        "/api/v1/partners",
        json={"type": "FOREIGN_GOVERNMENT", "name": "Kawasaki City Government", "country_code": "JP"},
    )
    assert r.status_code == 201, r.text
    kawasaki = [HOME_SIGNATORY, {"partner_id": r.json()["id"], "signatory_title": "Mayor of Kawasaki"}]
    common = {"kind": "NASKAH_LN", "category": "KSDPL", "nature": None, "parties": kawasaki}
    # P25 Pasal 9: a NASKAH_LN follows its signed letter of intent (R45).
    orphan = create(sec, session, planning_reference="RPJMD 2025-2029", **common)
    assert "R45" in blocked_by(act(sec, orphan["id"], "start_planning", 409))
    loi = create(
        sec,
        session,
        kind="LOI",
        category="KSDPL",
        nature=None,
        is_legacy_import=True,
        status="in_force",
        signed_date="2025-11-03",
        start_date="2025-11-03",
        end_date="2026-11-02",
        parties=kawasaki,
    )
    text = create(
        sec, session, parent_id=loi["id"], planning_reference="RPJMD 2025-2029: kota kreatif", **common
    )
    aid = text["id"]
    assert text["dprd_required"] is True
    # PP 28/2018 Pasal 27: diplomatic relations, no representative office, equivalence (R44).
    assert blocked_by(act(sec, aid, "start_planning", 409)) == {"R44"}
    patch(
        sec,
        aid,
        declarations={"diplomatic_relations": True, "no_representative_office": True, "equivalence": True},
    )
    assert act(sec, aid, "start_planning")["stage"] == "planning"
    assert act(sec, aid, "request_dprd")["stage"] == "dprd_approval"
    # Pasal 30: foreign cooperation always needs the DPRD's approval (R11).
    problem = act(sec, aid, "request_mendagri_consideration", 409)
    assert blocked_by(problem) == {"R11"}
    r = sec.post(
        f"{A}/{aid}/dprd-approvals", json={"request_date": "2026-02-13", "received_date": "2026-02-13"}
    )
    assert r.status_code == 201, r.text
    approval = r.json()
    assert approval["deadline_date"] == "2026-04-29"  # 45 working days (Pasal 30(4)), cuti bersama skipped
    r = sec.patch(
        f"/api/v1/dprd-approvals/{approval['id']}",
        json={"decision": "approved", "decision_date": "2026-03-02"},
        headers={"If-Match": f'"{approval["version"]}"'},
    )
    assert r.status_code == 200, r.text
    for action, stage in (
        ("request_mendagri_consideration", "mendagri_consideration"),
        ("start_drafting", "drafting"),
    ):
        assert act(sec, aid, action)["stage"] == stage
    # P25 Pasal 9: the Minister's approval comes after Kemlu's confirmation letter, not before.
    refused = act(sec, aid, "request_mendagri_approval", 409)
    assert refused["code"] == "action_not_allowed"
    for action, stage in (
        ("send_to_kemlu", "kemlu_review"),
        ("record_confirmation", "confirmation_received"),
        ("request_mendagri_approval", "mendagri_approval"),
        ("finalise", "ready_to_sign"),
        ("sign", "in_force"),
    ):
        assert act(sec, aid, action)["stage"] == stage
    assert [e["action"] for e in transitions(sec, aid)][-4:] == [
        "record_confirmation",
        "request_mendagri_approval",
        "finalise",
        "sign",
    ]


def test_adendum_moving_the_end_date_moves_the_parents_occurrences(
    sec: TestClient, session: Session, today: date
) -> None:
    cabai = agreement_id(session, "DEMO/PKS/2024/CABAI")  # ends 2026-12-31, a monthly and a continuous duty
    obligations = sec.get(f"{A}/{cabai}/obligations").json()
    monthly = next(o for o in obligations if o["schedule_type"] == "recurring")
    continuous = next(o for o in obligations if o["schedule_type"] == "continuous")

    def dues(obligation_id: str) -> list[str]:
        r = sec.get(f"/api/v1/obligations/{obligation_id}")
        return [o["due_date"] for o in r.json()["occurrences"]]

    before = dues(monthly["id"])
    assert before[-1] <= "2026-12-31" and dues(continuous["id"]) == ["2026-12-31"]
    add = garut_adendum(
        sec, session, today, cabai, "Adendum I PKS Cabai: perpanjangan", {"end_date": "2027-06-30"}
    )
    for action in ("start_drafting", "finalise", "sign"):
        act(sec, add["id"], action)
    after = dues(monthly["id"])
    assert after[: len(before)] == before and after[-1] == "2027-06-15"
    assert len(after) == len(before) + 6
    assert dues(continuous["id"]) == ["2027-06-30"]
