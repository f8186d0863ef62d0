"""Random procedure walks against the API (hypothesis stateful), checking after every step that
- no PKS is in force while its KB is not signed (legacy imports excepted);
- no signed text's title, object or parties changed except through a signed ADENDUM;
- every stage change is in GET /history, in order, and nothing else is.

Each example gets its own app on a connection whose transaction is rolled back in teardown, like
the `database` fixture of conftest.py. Actions are drawn from GET /actions of a KB and a PKS under
it, taken by a drawn role; PATCHes of the title, a DPRD decision and a title-changing ADENDUM are
mixed in.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase
from hypothesis import settings as hsettings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
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
from kerjasama.rules.catalogue import KAK_HEADINGS, PKS_CLAUSES, SIGNED_STAGES
from tests.conftest import USERS, token_for
from tests.fixtures.factories import agreement_body, opd_id, region_partner_id

A = "/api/v1/agreements"
ROLES = ("secretariat", "tkksd", "opd_operator", "admin")
END_REASONS = ("term_expired", "mutual_agreement", "head_of_region_changed", "court_decision")


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
        self._create_records()
        self.log: dict[str, list[tuple[str, str, str]]] = {"kb": [], "pks": []}
        # What each text looked like when it was first seen signed; only an ADENDUM changes it.
        self.signed_text: dict[str, dict[str, Any] | None] = {"kb": None, "pks": None}

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
        self.ids = {"kb": self.kb_id, "pks": self.pks_id}

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

    @rule(which=st.sampled_from(["kb", "pks"]), role=st.sampled_from(ROLES), data=st.data())
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
        before = self.get(which)
        res = self.transition(
            client, self.ids[which], before["etag"], action=action, reason=reason, justification=justification
        )
        assert res.status_code in (200, 403, 409, 422), f"{action} as {role}: {res.status_code} {res.text}"
        after = self.get(which)
        if res.status_code == 200:
            self.log[which].append((action, before["stage"], after["stage"]))
        else:
            assert after["stage"] == before["stage"]

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
            res = self.transition(sec, add_id, tag, action=action)
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
        for which in ("kb", "pks"):
            a = self.get(which)
            if a["stage"] not in SIGNED_STAGES:
                continue
            text = {"title": a["title"], "object": a["object"], "parties": a["parties"]}
            if self.signed_text[which] is None:
                self.signed_text[which] = text
            assert text == self.signed_text[which], which

    @invariant()
    def every_stage_change_is_in_the_history(self) -> None:
        for which in ("kb", "pks"):
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
