"""The rules catalogue: every rule on a passing and a failing case, with its legal basis.

Contexts are built with the real `RuleContext` around in-memory ORM objects; the home region's
borders and the absolute affairs come from the reference data in the test database. A few rules
are also checked end to end through GET /api/v1/agreements/{id}/checks.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.core.config import Settings
from kerjasama.models import (
    Affair,
    Agreement,
    AgreementParty,
    DprdApproval,
    Obligation,
    Partner,
    TkksdReview,
)
from kerjasama.reference import repository as reference_repo
from kerjasama.rules.catalogue import KAK_HEADINGS, KSDPK_CLAUSES, PKS_CLAUSES, RULES, Finding, evaluate
from kerjasama.rules.context import RuleContext
from tests.fixtures.factories import agreement_body, region_partner_id

HOME = "32.77"
# The rules the issue requires (plus those the catalogue adds), with their severity and a piece of
# their legal basis (docs/domain.md#rules).
EXPECTED: dict[str, tuple[str, str]] = {
    "R1": ("BLOCK", "PP 28/2018 Pasal 1"),
    "R2": ("BLOCK", "Pasal 1, 14, 24, 25 dan 46"),
    "R3": ("BLOCK", "Pasal 3 ayat (2) dan (3)"),
    "R5": ("BLOCK", "Pasal 14"),
    "R6": ("BLOCK", "Pasal 4 ayat (1)"),
    "R7": ("BLOCK", "Pasal 4 ayat (2)-(3)"),
    "R10": ("BLOCK", "Pasal 6 ayat (2)"),
    "R11": ("BLOCK", "Pasal 30"),
    "R15": ("BLOCK", "Pasal 17-18"),
    "R21": ("WARN", "Pasal 6 ayat (1) dan (3)"),
    "R22": ("BLOCK", "Pasal 6 ayat (1)"),
    "R24": ("BLOCK", "Pasal 2 ayat (2), Pasal 13 ayat (2)"),
    "R25": ("BLOCK", "Pasal 19 ayat (2)"),
    "R26": ("BLOCK", "Permendagri 22/2020 Pasal 41"),
    "R27": ("BLOCK", "Pasal 19 ayat (2) huruf a"),
    "R28": ("BLOCK", "integritas"),
    "R29": ("BLOCK", "Permendagri 22/2020 Pasal 9 ayat (3)"),
    "R31": ("BLOCK", "adendum"),
    "R39": ("BLOCK", "Pasal 9 ayat (1), Pasal 22"),
    "R40": ("BLOCK", "Pasal 22 ayat (2)"),
    "R41": ("BLOCK", "Pasal 9 ayat (2)"),
    "R51": ("BLOCK", "Permendagri 22/2020 Pasal 7 dan 29"),
    "R52": ("BLOCK", "Permendagri 22/2020 Pasal 34 ayat (3)"),
    "R53": ("BLOCK", "Permendagri 22/2020 Pasal 15 ayat (6)"),
    "R54": ("WARN", "Permendagri 22/2020 Pasal 13"),
}
ISSUE_MINIMUM = {
    "R1",
    "R2",
    "R3",
    "R5",
    "R6",
    "R7",
    "R10",
    "R11",
    "R15",
    "R21",
    "R24",
    "R25",
    "R27",
    "R28",
    "R29",
    "R31",
    "R39",
    "R40",
    "R41",
}
FULL_KAK = {h: f"Isi {h}" for h in KAK_HEADINGS}


# ------------------------------------------------------------------ builders of in-memory records


def partner(
    type_: str = "REGION", region_code: str | None = "32.73", kind: str | None = None, **kw: Any
) -> Partner:
    return Partner(
        id=uuid.uuid4(),
        type=type_,
        name=kw.pop("name", f"Mitra {region_code or type_}"),
        region_code=region_code if type_ == "REGION" else None,
        third_party_kind=kind,
        is_bankrupt=kw.pop("is_bankrupt", False),
        **kw,
    )


def agreement(
    *partners: Partner,
    home_title: str = "Wali Kota Cimahi",
    home_name: str = "Ngatiyana",
    power_of_attorney_ref: str | None = None,
    affairs: list[Affair] | None = None,
    **kw: Any,
) -> Agreement:
    parts = partners or (partner(),)
    values: dict[str, Any] = {
        "kind": "KB",
        "category": "KSDD",
        "nature": "SUKARELA",
        "stage": "draft",
        "status": "draft",
        "title": "KB uji",
        "object": "Objek",
        "lead_opd_id": uuid.uuid4(),
        "planning_reference": "RPJMD 2025-2029",
        "out_of_plan_reason": None,
        "is_legacy_import": False,
        "burdens_community_and_region": False,
        "budgeted_in_current_apbd": True,
        "start_date": date(2026, 1, 1),
        "end_date": date(2030, 12, 31),
        "kak": dict(FULL_KAK),
        "feasibility_study_ref": None,
        "clauses": [],
        "amendment": {},
    }
    values.update(kw)
    a = Agreement(id=uuid.uuid4(), **values)
    a.parties = [
        AgreementParty(
            partner_id=None,
            partner=None,
            role="HOME",
            position=0,
            signatory_name=home_name,
            signatory_title=home_title,
            power_of_attorney_ref=power_of_attorney_ref,
        ),
        *(
            AgreementParty(partner_id=p.id, partner=p, role="PARTNER", position=i + 1, signatory_name="")
            for i, p in enumerate(parts)
        ),
    ]
    a.affairs = affairs if affairs is not None else [Affair(code="1.02", name="Kesehatan", group="x")]
    return a


def approval(decision: str = "approved", deadline: date | None = None) -> DprdApproval:
    return DprdApproval(
        request_date=date(2026, 1, 5),
        received_date=date(2026, 1, 6),
        deadline_date=deadline,
        decision=decision,
        decision_date=date(2026, 2, 1) if decision != "pending" else None,
    )


class Ctx:
    """Builds RuleContexts with the reference data of the test database."""

    def __init__(self, session: Session) -> None:
        self.neighbours = reference_repo.neighbours(session, HOME)
        self.absolute = set(session.scalars(select(Affair.code).where(Affair.is_absolute_central.is_(True))))
        self.session = session

    def __call__(self, a: Agreement, **kw: Any) -> RuleContext:
        kw.setdefault("effective_date", date(2026, 6, 1))
        return RuleContext(
            agreement=a, home_region=HOME, neighbours=self.neighbours, absolute_affairs=self.absolute, **kw
        )


@pytest.fixture
def ctx(session: Session) -> Ctx:
    return Ctx(session)


def findings(rule_id: str, context: RuleContext) -> list[Finding]:
    return evaluate(context, (rule_id,))


def assert_fails(rule_id: str, context: RuleContext, *, contains: str = "") -> Finding:
    found = findings(rule_id, context)
    assert found, f"{rule_id} should find something"
    f = found[0]
    severity, basis = EXPECTED[rule_id]
    assert f.rule_id == rule_id
    assert f.severity == severity
    assert basis in f.basis, f.basis
    assert f.message_id.strip() and f.message_en.strip()
    assert contains in f.message_en, f.message_en
    return f


def assert_passes(rule_id: str, context: RuleContext) -> None:
    assert findings(rule_id, context) == [], findings(rule_id, context)


# ------------------------------------------------------------------ the catalogue itself


def test_catalogue_covers_the_issue_minimum() -> None:
    assert set(RULES) >= ISSUE_MINIMUM, sorted(ISSUE_MINIMUM - set(RULES))
    assert set(RULES) == set(EXPECTED), "a rule was added or removed: extend EXPECTED and the cases below"


@pytest.mark.parametrize("rule_id", sorted(RULES, key=lambda r: int(r[1:])))
def test_every_rule_is_complete(rule_id: str) -> None:
    r = RULES[rule_id]
    assert r.id == rule_id
    assert r.severity in ("BLOCK", "WARN")
    assert r.severity == EXPECTED[rule_id][0]
    assert r.title_id.strip() and r.title_en.strip()
    assert r.title_id != r.title_en
    assert r.basis.strip()
    assert EXPECTED[rule_id][1] in r.basis
    assert callable(r.check)


def test_get_rules_lists_the_whole_catalogue(client_for: Callable[[str], TestClient]) -> None:
    r = client_for("viewer").get("/api/v1/rules")
    assert r.status_code == 200, r.text
    listed = {x["id"]: x for x in r.json()}
    assert set(listed) == set(RULES)
    for rule_id, rule in RULES.items():
        row = listed[rule_id]
        assert row["severity"] == rule.severity
        assert row["basis"] == rule.basis
        assert row["title_id"] == rule.title_id and row["title_en"] == rule.title_en
        assert row["fields"] == list(rule.fields)
    assert listed["R10"]["basis"].endswith("Pasal 6 ayat (2)")
    ids = [x["id"] for x in r.json()]
    assert ids == sorted(ids, key=lambda i: int(i[1:]))


def test_get_rules_needs_a_token(anon: TestClient) -> None:
    assert anon.get("/api/v1/rules").status_code == 401


# ------------------------------------------------------------------ one rule at a time


def test_r1_partner_and_lead_opd(ctx: Ctx) -> None:
    assert_passes("R1", ctx(agreement()))
    lonely = agreement()
    lonely.parties = lonely.parties[:1]
    f = assert_fails("R1", ctx(lonely), contains="partner")
    assert "parties" in f.fields
    no_lead = assert_fails("R1", ctx(agreement(lead_opd_id=None)), contains="lead OPD")
    assert no_lead.fields == ("lead_opd_id",)


@pytest.mark.parametrize(
    ("category", "good", "bad"),
    [
        ("KSDD", partner(), partner("THIRD_PARTY", None, "business_entity")),
        ("KSDPK", partner("THIRD_PARTY", None, "business_entity"), partner()),
        ("KSDPL", partner("FOREIGN_GOVERNMENT", None), partner("FOREIGN_INSTITUTION", None)),
        ("KSDLL", partner("FOREIGN_INSTITUTION", None), partner("FOREIGN_GOVERNMENT", None)),
        ("SINERGI", partner("CENTRAL_GOVERNMENT", None), partner()),
    ],
)
def test_r2_category_matches_partner_type(ctx: Ctx, category: str, good: Partner, bad: Partner) -> None:
    nature = "SUKARELA" if category == "KSDD" else None
    assert_passes("R2", ctx(agreement(good, category=category, nature=nature)))
    f = assert_fails("R2", ctx(agreement(good, bad, category=category, nature=nature)))
    assert bad.name in f.message_en and good.name not in f.message_en


def test_r3_borders_come_from_the_reference_data(ctx: Ctx) -> None:
    assert ctx.neighbours == {"32.04", "32.17", "32.73"}


@pytest.mark.parametrize("code", ["32.04", "32.17", "32.73"])
def test_r3_wajib_with_a_bordering_region_passes(ctx: Ctx, code: str) -> None:
    assert_passes("R3", ctx(agreement(partner(region_code=code), nature="WAJIB")))


def test_r3_wajib_with_garut_is_blocked(ctx: Ctx) -> None:
    garut = partner(region_code="32.05", name="Kabupaten Garut")
    f = assert_fails("R3", ctx(agreement(partner(region_code="32.73"), garut, nature="WAJIB")))
    assert "Kabupaten Garut" in f.message_en and "Mitra 32.73" not in f.message_en
    assert_passes("R3", ctx(agreement(garut, nature="SUKARELA")))


def test_r3_through_the_checks_endpoint(client_for: Callable[[str], TestClient], session: Session) -> None:
    sec = client_for("secretariat")

    def rule_ids(code: str) -> set[str]:
        body = agreement_body(
            session,
            nature="WAJIB",
            parties=[{"partner_id": region_partner_id(session, code), "signatory_title": "Bupati"}],
        )
        created = sec.post("/api/v1/agreements", json=body)
        assert created.status_code == 201, created.text
        r = sec.get(f"/api/v1/agreements/{created.json()['id']}/checks")
        assert r.status_code == 200, r.text
        found = {f["rule_id"]: f for f in r.json()["findings"]}
        if "R3" in found:
            assert "Pasal 3 ayat (2)" in found["R3"]["basis"]
            assert found["R3"]["fields"] == ["nature", "parties"]
        return set(found)

    assert "R3" in rule_ids("32.05")  # Kabupaten Garut does not border Cimahi
    for code in ("32.04", "32.17", "32.73"):
        assert "R3" not in rule_ids(code)


def test_r5_valid_third_party(ctx: Ctx) -> None:
    good = partner("THIRD_PARTY", None, "business_entity")
    assert_passes("R5", ctx(agreement(good, category="KSDPK", nature=None)))
    for kind in ("individual", "civil_organisation"):
        assert_passes("R5", ctx(agreement(partner("THIRD_PARTY", None, kind), category="KSDPK", nature=None)))
    odd = partner("THIRD_PARTY", None, "unincorporated_group", name="Kelompok Tani")
    f = assert_fails("R5", ctx(agreement(odd, category="KSDPK", nature=None)), contains="Kelompok Tani")
    assert "individual" in f.message_en
    broke = partner("THIRD_PARTY", None, "business_entity", is_bankrupt=True, name="PT Pailit")
    assert_fails("R5", ctx(agreement(broke, category="KSDPK", nature=None)), contains="bankrupt")
    # A text already signed with a partner who later went bankrupt is not a *new* cooperation.
    assert_passes("R5", ctx(agreement(broke, category="KSDPK", nature=None, stage="in_force")))


def test_r6_affairs(ctx: Ctx, session: Session) -> None:
    assert_passes("R6", ctx(agreement()))
    assert_fails("R6", ctx(agreement(affairs=[])), contains="at least one")
    normal = session.scalar(select(Affair).where(Affair.code == "1.02"))
    assert normal is not None and not normal.is_absolute_central
    # UU 23/2014 Pasal 10 (e.g. yustisi); the reference data may leave them out, so the context
    # names it the way build_context does from Affair.is_absolute_central.
    yustisi = Affair(code="0.04", name="Yustisi", group="absolut", is_absolute_central=True)
    context = ctx(agreement(affairs=[normal, yustisi]))
    context.absolute_affairs = ctx.absolute | {"0.04"}
    f = assert_fails("R6", context, contains="0.04")
    assert "1.02" not in f.message_en
    assert_passes("R6", ctx(agreement(affairs=[normal])))


def test_r7_planning_documents(ctx: Ctx) -> None:
    assert_passes("R7", ctx(agreement()))
    f = assert_fails("R7", ctx(agreement(planning_reference="  ")), contains="RPJMD")
    assert set(f.fields) == {"planning_reference", "out_of_plan_reason"}
    for reason in ("emergency", "national_strategic_programme", "tugas_pembantuan"):
        assert_passes("R7", ctx(agreement(planning_reference=None, out_of_plan_reason=reason)))
    assert_passes("R7", ctx(agreement(planning_reference=None, is_legacy_import=True)))


def test_r10_pks_waits_for_the_kb_dprd_decision(ctx: Ctx) -> None:
    kb = agreement(stage="signed", burdens_community_and_region=True)
    pks = agreement(kind="PKS", parent_id=kb.id)
    f = assert_fails("R10", ctx(pks, parent=kb), contains="DPRD")
    assert f.fields == ("parent_id",)
    assert_fails("R10", ctx(pks, parent=kb, parent_dprd=[approval("pending", date(2026, 9, 1))]))
    assert_fails("R10", ctx(pks, parent=kb, parent_dprd=[approval("rejected")]))
    assert_passes("R10", ctx(pks, parent=kb, parent_dprd=[approval("approved")]))
    # Deemed approved: 45 working days of silence have passed (Pasal 12(4)).
    assert_passes("R10", ctx(pks, parent=kb, parent_dprd=[approval("pending", date(2026, 5, 1))]))
    # Not budgeted is a trigger too; neither trigger: nothing to wait for.
    unbudgeted = agreement(stage="signed", budgeted_in_current_apbd=False)
    assert_fails("R10", ctx(pks, parent=unbudgeted))
    assert_passes("R10", ctx(pks, parent=agreement(stage="signed")))


def test_r10_kb_enters_into_force_after_dprd(ctx: Ctx) -> None:
    kb = agreement(stage="dprd_approval", burdens_community_and_region=True)
    assert_fails("R10", ctx(kb, action="enter_into_force"), contains="before it comes into force")
    assert_passes("R10", ctx(kb, action="enter_into_force", dprd=[approval()]))
    assert_passes("R10", ctx(kb))  # not the action under evaluation


def test_r11_foreign_text_needs_dprd(ctx: Ctx) -> None:
    gov = partner("FOREIGN_GOVERNMENT", None)
    text = agreement(gov, kind="NASKAH_LN", category="KSDPL", nature=None)
    for action in ("request_mendagri_consideration", "sign"):
        assert_fails("R11", ctx(text, action=action), contains="DPRD")
        assert_passes("R11", ctx(text, action=action, dprd=[approval()]))
    assert_passes("R11", ctx(text, action="start_planning"))


def test_r15_feasibility_study(ctx: Ctx) -> None:
    tp = partner("THIRD_PARTY", None, "business_entity")
    kb = agreement(tp, category="KSDPK", nature=None)
    assert_fails("R15", ctx(kb), contains="feasibility")
    assert_passes("R15", ctx(agreement(tp, category="KSDPK", nature=None, feasibility_study_ref="FS-1")))
    assert_passes("R15", ctx(agreement()))  # KSDD needs none


def test_r21_pks_under_a_signed_kb(ctx: Ctx) -> None:
    assert_fails("R21", ctx(agreement(kind="PKS")), contains="no parent KB")
    kb = agreement(stage="ready_to_sign")
    assert_fails("R21", ctx(agreement(kind="PKS", parent_id=kb.id), parent=kb), contains="not signed")
    kb.stage = "signed"
    assert_passes("R21", ctx(agreement(kind="PKS", parent_id=kb.id), parent=kb))
    assert_passes("R21", ctx(agreement(kind="PKS", is_legacy_import=True)))


@pytest.mark.parametrize("action", ["start_drafting", "finalise", "sign"])
def test_r22_pks_follows_its_signed_kb(ctx: Ctx, action: str) -> None:
    kb = agreement(stage="ready_to_sign")
    pks = agreement(kind="PKS", parent_id=kb.id)
    assert_fails("R22", ctx(pks, parent=kb, action=action), contains="after its parent KB is signed")
    kb.stage = "signed"
    assert_passes("R22", ctx(pks, parent=kb, action=action))
    kb.stage = "draft"
    assert_passes("R22", ctx(pks, parent=kb, action="cancel"))
    assert_passes(
        "R22", ctx(agreement(kind="PKS", is_legacy_import=True, parent_id=kb.id), parent=kb, action=action)
    )


def test_r24_authorised_signatory(ctx: Ctx) -> None:
    for title in ("Wali Kota Cimahi", "Plt. Wali Kota Cimahi", "Pj. Walikota Cimahi"):
        assert_passes("R24", ctx(agreement(home_title=title)))
    f = assert_fails("R24", ctx(agreement(home_title="Kepala Dinas Kesehatan")), contains="head of region")
    assert f.fields == ("parties.0.signatory_title",)
    pks = agreement(kind="PKS", home_title="Kepala Dinas Kesehatan")
    f = assert_fails("R24", ctx(pks), contains="surat kuasa")
    assert f.fields == ("parties.0.power_of_attorney_ref",)
    assert_passes(
        "R24", ctx(agreement(kind="PKS", home_title="Kepala Dinas Kesehatan", power_of_attorney_ref="800/1"))
    )
    assert_fails("R24", ctx(agreement(home_name="  ")), contains="signatory name")


def test_r25_ksdpk_pks_clauses(ctx: Ctx) -> None:
    tp = partner("THIRD_PARTY", None, "business_entity")
    pks = agreement(tp, kind="PKS", category="KSDPK", nature=None, clauses=list(KSDPK_CLAUSES[:-1]))
    assert_fails("R25", ctx(pks), contains=KSDPK_CLAUSES[-1])
    pks.clauses = list(KSDPK_CLAUSES)
    assert_passes("R25", ctx(pks))
    assert_passes("R25", ctx(agreement(kind="PKS", clauses=[])))  # KSDD: R26 instead


def test_r26_pks_minimum_contents(ctx: Ctx) -> None:
    pks = agreement(kind="PKS", clauses=["purpose", "object"])
    f = assert_fails("R26", ctx(pks), contains="termination")
    assert "purpose" not in f.message_en.split(":")[1]
    pks.clauses = list(PKS_CLAUSES)
    assert_passes("R26", ctx(pks))
    assert_passes("R26", ctx(agreement(kind="KB", clauses=[])))


def test_r27_each_party_has_an_obligation(ctx: Ctx) -> None:
    kota = partner(region_code="32.73", name="Kota Bandung")
    pks = agreement(kota, kind="PKS")

    def duty(partner_id: uuid.UUID | None, kind: str = "KEWAJIBAN") -> Obligation:
        return Obligation(partner_id=partner_id, kind=kind, description="Menyediakan layanan")

    assert_fails("R27", ctx(pks), contains="daerah sendiri")
    f = assert_fails("R27", ctx(pks, obligations=[duty(None), duty(kota.id, "HAK")]), contains="Kota Bandung")
    assert "daerah sendiri" not in f.message_en
    assert_passes("R27", ctx(pks, obligations=[duty(None), duty(kota.id)]))
    assert_passes("R27", ctx(agreement(kota)))  # a KB records no obligations


def test_r28_term(ctx: Ctx) -> None:
    assert_passes("R28", ctx(agreement()))
    assert_fails(
        "R28", ctx(agreement(start_date=date(2026, 5, 1), end_date=date(2026, 5, 1))), contains="after"
    )
    assert_fails("R28", ctx(agreement(end_date=None), action="sign"), contains="before signing")
    assert_fails("R28", ctx(agreement(start_date=None), action="sign"))
    assert_passes("R28", ctx(agreement(kind="PKS", end_date=None), action="sign"))


def test_r29_kb_at_most_five_years(ctx: Ctx) -> None:
    assert_passes("R29", ctx(agreement(start_date=date(2026, 1, 1), end_date=date(2030, 12, 31))))
    assert_fails(
        "R29", ctx(agreement(start_date=date(2026, 1, 1), end_date=date(2031, 1, 1))), contains="5 years"
    )
    leap = agreement(start_date=date(2028, 2, 29), end_date=date(2033, 3, 1))
    assert_fails("R29", ctx(leap))
    leap.end_date = date(2033, 2, 28)
    assert_passes("R29", ctx(leap))
    assert_passes("R29", ctx(agreement(kind="PKS", end_date=date(2040, 1, 1))))


def test_r31_signed_text_is_read_only(ctx: Ctx) -> None:
    signed = agreement(stage="in_force", status="in_force")
    f = assert_fails(
        "R31", ctx(signed, action="update", changed_fields=["public", "title"]), contains="title"
    )
    assert f.fields == ("title",)
    assert_passes("R31", ctx(signed, action="update", changed_fields=["public"]))
    assert_passes("R31", ctx(agreement(), action="update", changed_fields=["title"]))


def test_r39_lawful_reason(ctx: Ctx) -> None:
    kb = agreement(stage="in_force")
    assert_fails("R39", ctx(kb, action="end", end_reason="bosan"), contains="term_expired")
    assert_fails("R39", ctx(kb, action="end", end_reason=""))
    for reason in ("term_expired", "goal_achieved", "mutual_agreement", "policy_change", "object_lost"):
        assert_passes("R39", ctx(kb, action="end", end_reason=reason))


@pytest.mark.parametrize("reason", ["court_decision", "partner_bankrupt"])
def test_r40_court_and_bankruptcy_only_for_ksdpk(ctx: Ctx, reason: str) -> None:
    assert_fails("R40", ctx(agreement(stage="in_force"), action="end", end_reason=reason))
    tp = partner("THIRD_PARTY", None, "business_entity")
    assert_passes("R40", ctx(agreement(tp, category="KSDPK", nature=None), action="end", end_reason=reason))
    assert_passes("R39", ctx(agreement(tp, category="KSDPK", nature=None), action="end", end_reason=reason))


def test_r41_change_of_head_of_region(ctx: Ctx) -> None:
    kb = agreement(stage="in_force")
    assert_fails("R41", ctx(kb, action="end", end_reason="head_of_region_changed"), contains="Wali Kota")
    assert_passes("R41", ctx(kb, action="end", end_reason="mutual_agreement"))


def test_r51_kak_and_appraisal(ctx: Ctx) -> None:
    assert_passes("R51", ctx(agreement()))
    partial = {**FULL_KAK, "impact": " "}
    assert_fails("R51", ctx(agreement(kak=partial)), contains="impact")
    kb = agreement()
    f = assert_fails("R51", ctx(kb, action="send_offer"), contains="TKKSD")
    assert f.fields == ("tkksd_reviews",)
    bad = TkksdReview(meeting_date=date(2026, 3, 1), outcome="tidak_layak")
    assert_fails("R51", ctx(kb, action="send_offer", reviews=[bad]))
    for outcome in ("layak", "layak_dengan_perbaikan"):
        good = TkksdReview(meeting_date=date(2026, 3, 2), outcome=outcome)
        assert_passes("R51", ctx(kb, action="send_offer", reviews=[bad, good]))


def test_r52_ksdpk_dprd_request_attachments(ctx: Ctx) -> None:
    tp = partner("THIRD_PARTY", None, "business_entity")
    kb = agreement(tp, category="KSDPK", nature=None, stage="signed")
    f = assert_fails("R52", ctx(kb, action="request_dprd"), contains="draft PKS")
    assert f.fields == ("children",)
    assert_fails("R52", ctx(kb, action="request_dprd", child_pks_count=1), contains="profile")
    assert_passes("R52", ctx(kb, action="request_dprd", child_pks_count=1, document_ids=["profil-pt.pdf"]))
    assert_passes("R52", ctx(agreement(stage="signed"), action="request_dprd"))  # KSDD


def test_r53_burdening_adendum(ctx: Ctx) -> None:
    add = agreement(kind="ADENDUM", burdens_community_and_region=True)
    assert_fails("R53", ctx(add, action="sign"), contains="DPRD")
    assert_passes("R53", ctx(add, action="sign", dprd=[approval()]))
    assert_passes("R53", ctx(agreement(kind="ADENDUM"), action="sign"))


def test_r54_ending_a_kb_with_pks_in_force(ctx: Ctx) -> None:
    kb = agreement(stage="in_force")
    assert_fails(
        "R54", ctx(kb, action="end", end_reason="term_expired", children_in_force=2), contains="2 PKS"
    )
    assert_passes("R54", ctx(kb, action="end", end_reason="term_expired", children_in_force=0))


def test_findings_carry_the_rule_fields_when_the_violation_names_none(ctx: Ctx) -> None:
    (f,) = evaluate(ctx(agreement(start_date=date(2026, 1, 1), end_date=date(2025, 1, 1))), ("R28",))
    assert f.fields == ("start_date", "end_date")


def test_checks_endpoint_lists_findings_with_fields_and_basis(
    client_for: Callable[[str], TestClient], session: Session, settings: Settings
) -> None:
    sec = client_for("secretariat")
    created = sec.post("/api/v1/agreements", json=agreement_body(session, nature="SUKARELA"))
    assert created.status_code == 201, created.text
    r = sec.get(f"/api/v1/agreements/{created.json()['id']}/checks")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["stage"] == "draft"
    found = {f["rule_id"]: f for f in body["findings"]}
    # A bare draft has no planning reference, no KAK and no named signatory.
    assert {"R7", "R51", "R24"} <= set(found), sorted(found)
    assert found["R51"]["fields"] == ["kak"]
    assert found["R7"]["basis"] == RULES["R7"].basis
    assert "R3" not in found and "R1" not in found
    assert sec.get(f"/api/v1/agreements/{uuid.uuid4()}/checks").status_code == 404
