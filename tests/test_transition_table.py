"""Transition table: every machine × every stage × every action × every role, through the API.

For (stage, action, role):
- the action is not possible from the stage → 409 `action_not_allowed` with `allowed_actions`
  (role-independent, so tried with one role per pair, rotating through all roles);
- the role may not take it (the record is in the caller's scope) → 403 `role_forbidden`;
- otherwise neither of those: it succeeds, or rules block it (409 `rule_blocked`) or input is
  missing (422).

Stages are those reachable from `draft` in each machine. One agreement per (machine, stage); its stage is set directly in the database, so its ETag is
its stored `version`. It is led by DINKES with DLH related, so both OPD demo users have it in scope.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, select, update
from sqlalchemy.orm import Session

from kerjasama.core.config import Settings
from kerjasama.models import Agreement
from kerjasama.procedure.machines import MACHINES, Machine, status_of
from tests.conftest import USERS, token_for
from tests.fixtures.factories import agreement_body, opd_id, region_partner_id

# The province takes no part in the procedure and never sees the drafts it walks (404: the scope matrix
# checks that); the table is about the city's roles.
ROLES = tuple(r for r in USERS if r != "province")
KIND_CATEGORY = {
    "kb_domestic": ("KB", "KSDD"),
    "pks_domestic": ("PKS", "KSDD"),
    "adendum": ("ADENDUM", "KSDD"),
    "sinergi": ("NK", "SINERGI"),
    "foreign_loi": ("LOI", "KSDPL"),
    "foreign_text": ("NASKAH_LN", "KSDPL"),
    "foreign_adendum": ("ADENDUM", "KSDPL"),
}


def all_stages(m: Machine) -> list[str]:
    """The stages a text of this machine can be in: reachable from draft (a dispute closes back to
    where it was opened). Shared tuples such as PRE_SIGNING also name other machines' stages."""
    seen = {"draft": None}
    frontier = ["draft"]
    while frontier:
        stage = frontier.pop()
        for t in m.allowed_from(stage):
            if t.to_stage not in seen:
                seen[t.to_stage] = None
                frontier.append(t.to_stage)
    assert set(m.stages) <= set(seen), f"{m.id}: main path not reachable from draft"
    return list(seen)


def all_actions(m: Machine) -> list[str]:
    return list(dict.fromkeys(t.action for t in m.transitions))


CASES = [pytest.param(m, stage, id=f"{m.id}-{stage}") for m in MACHINES for stage in all_stages(m)]


def test_every_machine_is_covered() -> None:
    assert {m.id for m in MACHINES} == set(KIND_CATEGORY)
    for m in MACHINES:
        kind, category = KIND_CATEGORY[m.id]
        assert kind in m.kinds and category in m.categories


@pytest.fixture
def clients(app: FastAPI, session: Session, settings: Settings) -> Iterator[dict[str, TestClient]]:
    out = {}
    for role, username in USERS.items():
        if role not in ROLES:
            continue
        c = TestClient(app, base_url="https://testserver", raise_server_exceptions=False)
        c.__enter__()  # one event-loop portal for all requests of the test, instead of one per request
        c.headers["Authorization"] = f"Bearer {token_for(session, settings, username)}"
        out[role] = c
    yield out
    for c in out.values():
        c.__exit__(None, None, None)


def make_agreement(sec: TestClient, session: Session, machine: Machine) -> str:
    kind, category = KIND_CATEGORY[machine.id]
    home = {"partner_id": None, "signatory_name": "Ngatiyana", "signatory_title": "Wali Kota Cimahi"}
    partner = {"partner_id": region_partner_id(session, "32.73"), "signatory_title": "Wali Kota Bandung"}
    common = {
        "lead_opd_id": opd_id(session, "DINKES"),
        "related_opd_ids": [opd_id(session, "DLH")],
        "parties": [home, partner],
        "planning_reference": "RPJMD 2025-2029",
        "start_date": "2026-01-01",
        "end_date": "2030-12-31",
    }
    parent_id = None
    if kind in ("PKS", "ADENDUM"):
        parent = (
            {"kind": "NASKAH_LN", "category": category, "nature": None}
            if category == "KSDPL"
            else {"nature": "WAJIB"}
        )
        r = sec.post("/api/v1/agreements", json=agreement_body(session, **parent, **common))
        assert r.status_code == 201, r.text
        parent_id = r.json()["id"]
    body = agreement_body(
        session,
        kind=kind,
        category=category,
        nature="WAJIB" if category == "KSDD" else None,
        parent_id=parent_id,
        **common,
    )
    r = sec.post("/api/v1/agreements", json=body)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


@pytest.mark.parametrize(("machine", "stage"), CASES)
def test_transition_table(
    machine: Machine,
    stage: str,
    clients: dict[str, TestClient],
    session: Session,
    connection: Connection,
) -> None:
    agreement_id = make_agreement(clients["secretariat"], session, machine)
    uid = uuid.UUID(agreement_id)

    def place() -> None:
        connection.execute(
            update(Agreement)
            .where(Agreement.id == uid)
            .values(
                stage=stage,
                status=status_of(stage),
                stage_before_dispute="in_force" if stage == "dispute" else None,
                version=Agreement.version + 1,
            )
        )

    def version() -> int:
        v = connection.scalar(select(Agreement.version).where(Agreement.id == uid))
        assert v is not None
        return v

    place()
    allowed_here = {t.action: t for t in machine.allowed_from(stage)}
    expected_allowed = sorted(allowed_here)
    problems: list[str] = []
    url = f"/api/v1/agreements/{agreement_id}/transitions"
    for i, action in enumerate(all_actions(machine)):
        t = allowed_here.get(action)
        # "Not possible from this stage" is answered before the role is looked at, the same for
        # every role: one role per (stage, action), rotating, keeps the table fast. Possible
        # actions are tried by every role.
        roles = ROLES if t is not None else (ROLES[(i + len(stage)) % len(ROLES)],)
        for role in roles:
            body = {"action": action, "reason": "mutual_agreement", "justification": "Diterima pimpinan"}
            r = clients[role].post(url, json=body, headers={"If-Match": f'"{version()}"'})
            where = f"{stage}/{action}/{role}: {r.status_code} {r.text[:300]}"
            if r.status_code >= 500:
                problems.append(where)
                continue
            data = r.json()
            if t is None:
                if r.status_code != 409 or data.get("code") != "action_not_allowed":
                    problems.append(where)
                elif sorted(data.get("allowed_actions", [])) != expected_allowed:
                    problems.append(f"{where} — expected allowed_actions {expected_allowed}")
            elif role not in t.roles:
                if r.status_code != 403 or data.get("code") != "role_forbidden":
                    problems.append(where)
            else:
                if r.status_code == 403 or (
                    r.status_code == 409 and data.get("code") == "action_not_allowed"
                ):
                    problems.append(where)
                elif r.status_code == 200:
                    if data["stage"] != t.to_stage and action != "close_dispute":
                        problems.append(f"{where} — expected stage {t.to_stage}")
                    place()  # back to the stage under test
                elif r.status_code not in (409, 422) or (
                    r.status_code == 409 and data.get("code") != "rule_blocked"
                ):
                    problems.append(where)
    assert not problems, "\n".join(problems)


def test_stale_and_missing_if_match_come_before_the_table(
    clients: dict[str, TestClient], session: Session
) -> None:
    machine = MACHINES[0]
    agreement_id = make_agreement(clients["secretariat"], session, machine)
    url = f"/api/v1/agreements/{agreement_id}/transitions"
    sec = clients["secretariat"]
    assert sec.post(url, json={"action": "submit"}).status_code == 428
    assert sec.post(url, json={"action": "submit"}, headers={"If-Match": '"999"'}).status_code == 412
