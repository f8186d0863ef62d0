"""Random procedure walks against the API (hypothesis stateful), checking after every step that
- no PKS is in force while its KB is not signed (legacy imports excepted);
- no PKS is signed without a signed KB, outside a legacy import (P22 Pasal 6, 29-36);
- no KB's effective term reaches five years, adenda included (P22 Pasal 9(3));
- no letter of intent runs a year or longer (P25 Pasal 14);
- nothing burdening is in force without DPRD approval or its deemed date (PP 28/2018 Pasal 6(2));
- no signed text's title, object or parties changed except through a signed ADENDUM;
- every stage change is in GET /history, in order, and nothing else is.

Each example gets its own app on a connection whose transaction is rolled back in teardown, like
the `database` fixture of conftest.py. Actions are drawn from GET /actions of a KB, a PKS under it and
a foreign letter of intent, taken by a drawn role; steps along the happy path (the first action on the
way to signing), PATCHes of the title and of the LoI's end date, a DPRD decision and a title-changing
ADENDUM are mixed in. The test also checks that the walks got somewhere: a PKS signed, an LoI signed,
an LoI refused for its term.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any, ClassVar

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.core.db import Database
from kerjasama.main import create_app
from kerjasama.rules.catalogue import KAK_HEADINGS, PKS_CLAUSES, SIGNED_STAGES, term_limit
from tests.conftest import USERS, token_for
from tests.fixtures.factories import agreement_body, opd_id, region_partner_id

A = "/api/v1/agreements"
ROLES = ("secretariat", "tkksd", "opd_operator", "admin")
END_REASONS = ("term_expired", "mutual_agreement", "head_of_region_changed", "court_decision")
TEXTS = ("kb", "pks", "loi")
# The way to signing, in order: the happy-path step takes the first of these that is offered.
FORWARD = (
    "submit",
    "start_review",
    "approve",
    "send_offer",
    "accept_offer",
    "consult",
    "start_drafting",
    "finalise",
    "sign",
    "request_dprd",
    "enter_into_force",
)
# Lengths of a letter of intent, in days from its start: within a year, and a year or more (P25 Pasal 14).
LOI_DAYS = (200, 364, 365, 366, 730)


class ProcedureWalk(RuleBasedStateMachine):
    engine: ClassVar[Engine]
    app_settings: ClassVar[Settings]

    def __init__(self) -> None:
        super().__init__()
        settings = self.app_settings
        self.conn = self.engine.connect()
        self.trans = self.conn.begin()
        db = Database(settings, engine=self.engine)
        db.session_factory = sessionmaker(
            bind=self.conn, expire_on_commit=False, autoflush=False, join_transaction_mode="create_savepoint"
        )
        self.session = db.session()
        app = create_app(settings, db, spa_dir=Path("/nonexistent"))
        self.clients: dict[str, TestClient] = {}
        for role in ROLES:
            c = TestClient(app, base_url="https://testserver", raise_server_exceptions=False)
            c.headers["Authorization"] = f"Bearer {token_for(self.session, settings, USERS[role])}"
            self.clients[role] = c
        self.today = str(today_in_region(settings))
        self.counter = 0
        self.dprd_recorded = False
        self.adendum_signed = False
        # The KB's stage at the moment the PKS was signed (None: the PKS was not signed by 'sign').
        self.kb_stage_at_pks_signing: str | None = None
        self.last_refused_by: set[str] = set()
        # What the walk reached: pks_signed, loi_signed, loi_refused_for_its_term (see the scripted test).
        self.reached: set[str] = set()
        self._create_records()
        self.log: dict[str, list[tuple[str, str, str]]] = {which: [] for which in TEXTS}
        # What each text looked like when it was first seen signed; only an ADENDUM changes it.
        self.signed_text: dict[str, dict[str, Any] | None] = dict.fromkeys(TEXTS)

    # ------------------------------------------------------------------ setup and teardown

    def _create_records(self) -> None:
        sec, s = self.clients["secretariat"], self.session
        kota_bdg = region_partner_id(s, "32.73")
        kb = sec.post(
            A,
            json=agreement_body(
                s,
                nature="SUKARELA",
                planning_reference="RPJMD 2025-2029",
                kak={h: f"Uraian {h}" for h in KAK_HEADINGS},
                burdens_community_and_region=True,
                declarations={"no_conflict": True},
                parties=[
                    {
                        "partner_id": None,
                        "signatory_name": "Ngatiyana",
                        "signatory_title": "Wali Kota Cimahi",
                    },
                    {"partner_id": kota_bdg, "signatory_title": "Wali Kota Bandung"},
                ],
            ),
        )
        assert kb.status_code == 201, kb.text
        self.kb_id = kb.json()["id"]
        review = self.clients["tkksd"].post(
            f"{A}/{self.kb_id}/tkksd-reviews", json={"meeting_date": self.today, "outcome": "layak"}
        )
        assert review.status_code == 201, review.text
        pks = sec.post(
            A,
            json=agreement_body(
                s,
                kind="PKS",
                nature="SUKARELA",
                parent_id=self.kb_id,
                planning_reference="RKPD 2026",
                clauses=list(PKS_CLAUSES),
                start_date=self.today,
                end_date=None,
                parties=[
                    {
                        "partner_id": None,
                        "signatory_name": "Kepala Dinas",
                        "signatory_title": "Kepala Dinas Kesehatan",
                        "power_of_attorney_ref": "800/SK/2026",
                    },
                    {"partner_id": kota_bdg},
                ],
            ),
        )
        assert pks.status_code == 201, pks.text
        self.pks_id = pks.json()["id"]
        for partner in (None, kota_bdg):
            r = sec.post(
                f"{A}/{self.pks_id}/obligations",
                json={"partner_id": partner, "kind": "KEWAJIBAN", "description": "Melaksanakan rujukan"},
            )
            assert r.status_code == 201, r.text
        # Pasal 36: the kepala dinas signs under the Wali Kota's surat kuasa, referenced and uploaded (R24).
        r = sec.post(
            f"{A}/{self.pks_id}/documents",
            files={"file": ("surat-kuasa.pdf", b"%PDF-1.4\n%%EOF\n", "application/pdf")},
            data={"doc_type": "SURAT_KUASA", "title": "Surat kuasa 800/SK/2026", "doc_date": self.today},
        )
        assert r.status_code == 201, r.text
        self.ids = {"kb": self.kb_id, "pks": self.pks_id, "loi": self._create_loi()}

    def _create_loi(self) -> str:
        """A letter of intent with a foreign city, feasible (R44, R9) and appraised (R19), running 364 days."""
        sec, s = self.clients["secretariat"], self.session
        partner = sec.post(
            "/api/v1/partners",
            json={"type": "FOREIGN_GOVERNMENT", "name": "Kawasaki City Government", "country_code": "JP"},
        )
        assert partner.status_code == 201, partner.text
        start = date.fromisoformat(self.today)
        loi = sec.post(
            A,
            json=agreement_body(
                s,
                kind="LOI",
                category="KSDPL",
                nature=None,
                planning_reference="RPJMD 2025-2029: kota kreatif",
                start_date=self.today,
                end_date=str(start + timedelta(days=364)),
                declarations={
                    "no_conflict": True,
                    "diplomatic_relations": True,
                    "no_representative_office": True,
                    "equivalence": True,
                },
                parties=[
                    {
                        "partner_id": None,
                        "signatory_name": "Ngatiyana",
                        "signatory_title": "Wali Kota Cimahi",
                    },
                    {"partner_id": partner.json()["id"], "signatory_title": "Mayor of Kawasaki"},
                ],
            ),
        )
        assert loi.status_code == 201, loi.text
        loi_id = str(loi.json()["id"])
        review = self.clients["tkksd"].post(
            f"{A}/{loi_id}/tkksd-reviews", json={"meeting_date": self.today, "outcome": "layak"}
        )
        assert review.status_code == 201, review.text
        return loi_id

    def teardown(self) -> None:
        for c in self.clients.values():
            c.close()
        self.session.close()
        self.trans.rollback()
        self.conn.close()

    # ------------------------------------------------------------------ helpers

    def get(self, which: str) -> dict[str, Any]:
        r = self.clients["secretariat"].get(f"{A}/{self.ids[which]}")
        assert r.status_code == 200, r.text
        data = dict(r.json())
        data["etag"] = r.headers["etag"]
        return data

    def transition(self, client: TestClient, aid: str, etag: str, **body: Any) -> Any:
        return client.post(f"{A}/{aid}/transitions", json=body, headers={"If-Match": etag})

    # ------------------------------------------------------------------ rules

    def act(self, which: str, role: str, action: str, reason: str, justification: str | None) -> bool:
        """Take one action; log it when it went through, and what the KB was when the PKS was signed."""
        before = self.get(which)
        kb_stage = self.get("kb")["stage"]
        res = self.transition(
            self.clients[role],
            self.ids[which],
            before["etag"],
            action=action,
            reason=reason,
            justification=justification,
        )
        assert res.status_code in (200, 403, 409, 422), f"{action} as {role}: {res.status_code} {res.text}"
        after = self.get(which)
        if res.status_code == 200:
            self.log[which].append((action, before["stage"], after["stage"]))
            if which == "pks" and action == "sign":
                self.kb_stage_at_pks_signing = kb_stage
                self.reached.add("pks_signed")
            if which == "loi" and action == "sign":
                self.reached.add("loi_signed")
        else:
            assert after["stage"] == before["stage"]
            refused_by = (
                {f["rule_id"] for f in res.json().get("findings", [])} if res.status_code == 409 else set()
            )
            if which == "loi" and "R29" in refused_by:
                self.reached.add("loi_refused_for_its_term")
            self.last_refused_by = refused_by
        return res.status_code == 200

    @rule(which=st.sampled_from(TEXTS), role=st.sampled_from(ROLES), data=st.data())
    def take_an_action(self, which: str, role: str, data: st.DataObject) -> None:
        client = self.clients[role]
        r = client.get(f"{A}/{self.ids[which]}/actions")
        assert r.status_code == 200, r.text
        offered = [a["action"] for a in r.json()["actions"]]
        if not offered:
            return
        action = data.draw(st.sampled_from(offered), label="action")
        reason = data.draw(st.sampled_from(END_REASONS), label="reason") if action == "end" else "uji"
        justification = data.draw(st.sampled_from([None, "Diterima pimpinan"]), label="justification")
        self.act(which, role, action, reason, justification)

    @rule(which=st.sampled_from(TEXTS), steps=st.integers(min_value=1, max_value=12))
    def step_towards_signing(self, which: str, steps: int) -> None:
        """The secretariat takes up to `steps` actions on the way to signing, each the first offered one
        (warnings justified); refused for want of the DPRD's approval (R10) it records the approval once,
        and it stops at any other refusal."""
        for _ in range(steps):
            r = self.clients["secretariat"].get(f"{A}/{self.ids[which]}/actions")
            assert r.status_code == 200, r.text
            offered = {a["action"] for a in r.json()["actions"]}
            action = next((x for x in FORWARD if x in offered), None)
            if action is None:
                return
            if not self.act(which, "secretariat", action, "uji", "Diterima pimpinan"):
                if "R10" not in self.last_refused_by or self.dprd_recorded:
                    return
                self.record_the_dprd_approval()

    @initialize(days=st.sampled_from(LOI_DAYS))
    def draw_the_loi_term(self, days: int) -> None:
        """Each walk starts with an LoI of a drawn length, within a year or not."""
        self.set_the_loi_term(days)

    @rule(days=st.sampled_from(LOI_DAYS))
    def set_the_loi_term(self, days: int) -> None:
        loi = self.get("loi")
        start = date.fromisoformat(loi["start_date"])
        end = str(start + timedelta(days=days))
        r = self.clients["secretariat"].patch(
            f"{A}/{self.ids['loi']}", json={"end_date": end}, headers={"If-Match": loi["etag"]}
        )
        if loi["stage"] not in SIGNED_STAGES:
            assert r.status_code == 200, r.text
        elif end != loi["end_date"]:  # a signed text changes only through an adendum (R31)
            assert r.status_code == 409, r.text
            assert self.get("loi")["end_date"] == loi["end_date"]

    @rule(which=st.sampled_from(["kb", "pks"]), role=st.sampled_from(["secretariat", "opd_operator"]))
    def patch_the_title(self, which: str, role: str) -> None:
        self.counter += 1
        current = self.get(which)
        r = self.clients[role].patch(
            f"{A}/{self.ids[which]}",
            json={"title": f"Judul diubah {self.counter}"},
            headers={"If-Match": current["etag"]},
        )
        if current["stage"] in SIGNED_STAGES:
            assert r.status_code == 409, r.text
        else:
            assert r.status_code == 200, r.text

    @precondition(lambda self: not self.dprd_recorded)
    @rule()
    def record_the_dprd_approval(self) -> None:
        sec = self.clients["secretariat"]
        r = sec.post(
            f"{A}/{self.kb_id}/dprd-approvals", json={"request_date": self.today, "received_date": self.today}
        )
        assert r.status_code == 201, r.text
        approval = r.json()
        r = sec.patch(
            f"/api/v1/dprd-approvals/{approval['id']}",
            json={"decision": "approved", "decision_date": self.today},
            headers={"If-Match": f'"{approval["version"]}"'},
        )
        assert r.status_code == 200, r.text
        self.dprd_recorded = True

    @precondition(lambda self: not self.adendum_signed)
    @rule()
    def amend_the_kb_title_by_adendum(self) -> None:
        kb = self.get("kb")
        if kb["stage"] not in SIGNED_STAGES:
            return
        sec, s = self.clients["secretariat"], self.session
        new_title = "Judul KB menurut Adendum I"
        r = sec.post(
            A,
            json=agreement_body(
                s,
                kind="ADENDUM",
                nature="SUKARELA",
                parent_id=self.kb_id,
                lead_opd_id=opd_id(s, "DINKES"),
                start_date=self.today,
                end_date=None,
                amendment={"title": new_title},
                parties=[
                    {
                        "partner_id": None,
                        "signatory_name": "Ngatiyana",
                        "signatory_title": "Wali Kota Cimahi",
                    },
                    {"partner_id": region_partner_id(s, "32.73")},
                ],
            ),
        )
        assert r.status_code == 201, r.text
        add_id = r.json()["id"]
        for action in ("start_drafting", "finalise", "sign"):
            tag = sec.get(f"{A}/{add_id}").headers["etag"]
            # R55 (WARN): the signed text is uploaded after the signing is recorded.
            res = self.transition(sec, add_id, tag, action=action, justification="Naskah menyusul")
            assert res.status_code == 200, res.text
        self.adendum_signed = True
        if self.signed_text["kb"] is not None:
            self.signed_text["kb"]["title"] = new_title

    # ------------------------------------------------------------------ invariants

    @invariant()
    def no_pks_in_force_without_a_signed_kb(self) -> None:
        pks, kb = self.get("pks"), self.get("kb")
        if pks["status"] == "in_force" and not pks["is_legacy_import"]:
            assert kb["stage"] in SIGNED_STAGES, f"PKS in force while its KB is at {kb['stage']}"

    @invariant()
    def no_pks_signed_without_a_signed_kb(self) -> None:
        """P22 Pasal 6, 29-36: KB before PKS; outside a legacy import a PKS is signed only under a signed KB."""
        pks = self.get("pks")
        if pks["stage"] in SIGNED_STAGES and not pks["is_legacy_import"]:
            assert self.kb_stage_at_pks_signing in SIGNED_STAGES, (
                f"PKS at {pks['stage']}, signed while its KB was at {self.kb_stage_at_pks_signing}"
            )

    @invariant()
    def no_loi_runs_a_year_or_longer(self) -> None:
        """P25 Pasal 14: a letter of intent is valid for at most one year."""
        loi = self.get("loi")
        if loi["stage"] in SIGNED_STAGES and loi["start_date"] and loi["end_date"]:
            start, end = date.fromisoformat(loi["start_date"]), date.fromisoformat(loi["end_date"])
            limit = term_limit("LOI", start)
            assert limit is not None and end < limit, (loi["start_date"], loi["end_date"])

    @invariant()
    def no_kb_runs_longer_than_five_years(self) -> None:
        """P22 Pasal 9(3): the KB's effective term (adenda applied to it) stays under five years."""
        kb = self.get("kb")
        if kb["stage"] in SIGNED_STAGES and kb["start_date"] and kb["end_date"]:
            start, end = date.fromisoformat(kb["start_date"]), date.fromisoformat(kb["end_date"])
            assert end < start.replace(year=start.year + 5), kb["end_date"]

    @invariant()
    def nothing_burdening_in_force_without_dprd(self) -> None:
        """PP 28/2018 Pasal 6(2): the burdening KB (and the PKS under it) is in force only after DPRD
        approval or its deemed date."""
        kb, pks = self.get("kb"), self.get("pks")
        if kb["status"] != "in_force" and pks["status"] != "in_force":
            return
        r = self.clients["secretariat"].get(f"{A}/{self.kb_id}/dprd-approvals")
        assert r.status_code == 200, r.text
        granted = any(x["decision"] == "approved" or x["deemed_approved"] for x in r.json())
        assert granted, (kb["stage"], pks["stage"])

    @invariant()
    def signed_texts_change_only_through_an_adendum(self) -> None:
        for which in TEXTS:
            a = self.get(which)
            if a["stage"] not in SIGNED_STAGES:
                continue
            text = {"title": a["title"], "object": a["object"], "parties": a["parties"]}
            if self.signed_text[which] is None:
                self.signed_text[which] = text
            assert text == self.signed_text[which], which

    @invariant()
    def every_stage_change_is_in_the_history(self) -> None:
        for which in TEXTS:
            r = self.clients["secretariat"].get(f"{A}/{self.ids[which]}/history")
            assert r.status_code == 200, r.text
            got = [
                (e["action"], e["from_stage"], e["to_stage"]) for e in r.json() if e["kind"] == "transition"
            ]
            assert got == self.log[which], which
            for e in r.json():
                assert e["actor_username"] and e["actor_role"]
            stage = self.get(which)["stage"]
            assert stage == (got[-1][2] if got else "draft")


def test_random_procedure_walks_keep_the_invariants(engine: Engine, settings: Settings) -> None:
    ProcedureWalk.engine = engine
    ProcedureWalk.app_settings = settings
    run_state_machine_as_test(
        ProcedureWalk,
        settings=hsettings(
            max_examples=10,
            stateful_step_count=15,
            deadline=None,
            derandomize=True,
            database=None,
            phases=(Phase.explicit, Phase.reuse, Phase.generate),
            suppress_health_check=list(HealthCheck),
        ),
    )


def check_invariants(walk: ProcedureWalk) -> None:
    walk.no_pks_in_force_without_a_signed_kb()
    walk.no_pks_signed_without_a_signed_kb()
    walk.no_loi_runs_a_year_or_longer()
    walk.no_kb_runs_longer_than_five_years()
    walk.nothing_burdening_in_force_without_dprd()
    walk.signed_texts_change_only_through_an_adendum()
    walk.every_stage_change_is_in_the_history()


@pytest.mark.parametrize("loi_days", [364, 366])
def test_scripted_walk_reaches_what_the_invariants_guard(
    engine: Engine, settings: Settings, loi_days: int
) -> None:
    """The new invariants are not vacuous: along the same steps the random walk takes, the PKS is
    refused while its KB is unsigned and signed once the KB is signed and approved by the DPRD (P22
    Pasal 6, 29-36); an LoI within a year is signed, one of a year or more is refused (P25 Pasal 14)."""
    ProcedureWalk.engine = engine
    ProcedureWalk.app_settings = settings
    walk = ProcedureWalk()
    try:
        walk.draw_the_loi_term(loi_days)
        walk.step_towards_signing("pks", 12)
        assert walk.get("pks")["stage"] == "draft" and {"R21", "R22"} <= walk.last_refused_by
        check_invariants(walk)
        for which in ("kb", "pks", "loi"):
            walk.step_towards_signing(which, 12)
            check_invariants(walk)
        assert walk.get("kb")["stage"] == "in_force" and walk.get("pks")["stage"] == "in_force"
        assert walk.kb_stage_at_pks_signing == "in_force" and "pks_signed" in walk.reached
        if loi_days < 365:
            assert walk.get("loi")["stage"] == "in_force" and "loi_signed" in walk.reached
        else:
            assert walk.get("loi")["stage"] == "draft" and walk.last_refused_by == {"R29"}
            assert walk.reached == {"pks_signed", "loi_refused_for_its_term"}
    finally:
        walk.teardown()
