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
    "R9": ("BLOCK", "PP 28/2018 Pasal 4 ayat (4)"),
    "R13": ("BLOCK", "Permendagri 22/2020 Pasal 12 dan 34"),
    "R16": ("BLOCK", "PP 28/2018 Pasal 18"),
    "R19": ("BLOCK", "Permendagri 22/2020 Pasal 7 dan 29"),
    "R20": ("BLOCK", "Permendagri 22/2020 Pasal 8 ayat (2)-(5)"),
    "R30": ("BLOCK", "PP 28/2018 Pasal 7 ayat (2)"),
    "R33": ("WARN", "Permendagri 22/2020 Pasal 17 dan 39"),
    "R44": ("BLOCK", "PP 28/2018 Pasal 27"),
    "R45": ("BLOCK", "Permendagri 25/2020 Pasal 9"),
    "R46": ("WARN", "PP 28/2018 Pasal 43"),
    "R49": ("BLOCK", "PP 28/2018 Pasal 44"),
    "R55": ("WARN", "Permendagri 22/2020 Pasal 10 dan 33"),
    "R6": ("BLOCK", "Pasal 4 ayat (1)"),
    "R7": ("BLOCK", "Pasal 4 ayat (2)-(3)"),
    "R10": ("BLOCK", "Pasal 6 ayat (2)"),
    "R11": ("BLOCK", "Pasal 30 dan 38; Permendagri 25/2020 Pasal 16 ayat (1)"),
    "R15": ("BLOCK", "Pasal 17-18"),
    "R21": ("BLOCK", "Pasal 6 ayat (1) dan (3); Permendagri 22/2020 Pasal 6 dan Pasal 29-36"),
    "R22": ("BLOCK", "Pasal 6 ayat (1)"),
    "R24": ("BLOCK", "Pasal 2 ayat (2), Pasal 13 ayat (2); Permendagri 22/2020 Pasal 14 dan 36"),
    "R25": ("BLOCK", "Pasal 19 ayat (2)"),
    "R26": ("BLOCK", "Permendagri 22/2020 Pasal 41"),
    "R27": ("BLOCK", "Pasal 41 ayat (1)"),
    "R28": ("BLOCK", "integritas"),
    "R29": ("BLOCK", "Permendagri 22/2020 Pasal 9 ayat (3)"),  # and P25 Pasal 14 for an LoI
    "R31": ("BLOCK", "adendum"),
    "R39": ("BLOCK", "Pasal 9 ayat (1), Pasal 22"),
    "R40": ("BLOCK", "Pasal 22 ayat (2)"),
    "R41": ("BLOCK", "Pasal 9 ayat (2)"),
    "R51": ("BLOCK", "Permendagri 22/2020 Pasal 7 dan 29"),
    "R52": ("BLOCK", "Permendagri 22/2020 Pasal 34 ayat (3)"),
    "R53": ("BLOCK", "Permendagri 22/2020 Pasal 15 ayat (6), Pasal 37, Pasal 58"),
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
    # A finding cites the rule's basis, or the Pasal of the part of the rule it is about (R5, R27, R29).
    assert basis in f.basis or rule_id in ("R5", "R10", "R27", "R29"), f.basis
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
    assert listed["R10"]["basis"].startswith("PP 28/2018 Pasal 6 ayat (2)")
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


def test_r10_looks_at_the_pks_own_triggers(ctx: Ctx) -> None:
    """PP 28/2018 Pasal 6(2): a PKS that itself burdens the community or is unbudgeted needs DPRD approval,
    even under a KB that needed none."""
    kb = agreement(stage="in_force")
    for own in ({"burdens_community_and_region": True}, {"budgeted_in_current_apbd": False}):
        pks = agreement(kind="PKS", parent_id=kb.id, **own)
        f = assert_fails("R10", ctx(pks, parent=kb), contains="This PKS burdens")
        assert "Pasal 6 ayat (2)" in f.basis
        assert_passes("R10", ctx(pks, parent=kb, dprd=[approval()]))
        assert_passes("R10", ctx(pks, parent=kb, parent_dprd=[approval()]))


def test_r10_sinergi_burdening_nk_signs_after_dprd(ctx: Ctx) -> None:
    """Permendagri 22/2020 Pasal 52(2), 56(6): NK + RK, then DPRD approval when burdening, then signing."""
    central = partner("CENTRAL_GOVERNMENT", None)
    nk = agreement(central, kind="NK", category="SINERGI", nature=None, burdens_community_and_region=True)
    f = assert_fails("R10", ctx(nk, action="sign"), contains="NK/RK")
    assert "Pasal 56 ayat (6)" in f.basis
    assert_passes("R10", ctx(nk, action="sign", dprd=[approval()]))
    nk.burdens_community_and_region = False
    assert_passes("R10", ctx(nk, action="sign"))


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
    """PP 28/2018 Pasal 6(1); P22 Pasal 6, 29-36: KB before PKS, a BLOCK outside legacy imports."""
    assert_fails("R21", ctx(agreement(kind="PKS")), contains="needs a signed parent KB")
    other = agreement(kind="PKS", stage="in_force")
    assert_fails("R21", ctx(agreement(kind="PKS", parent_id=other.id), parent=other), contains="parent KB")
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
    """PP 28/2018 Pasal 2(2), 13(2); P22 Pasal 14, 36: the exact office; a delegate with a surat kuasa."""
    for title in (
        "Wali Kota Cimahi",
        "Plt. Wali Kota Cimahi",
        "Pj. Walikota Cimahi",
        "Penjabat Wali Kota Cimahi",
    ):
        assert_passes("R24", ctx(agreement(home_title=title)))
    f = assert_fails("R24", ctx(agreement(home_title="Kepala Dinas Kesehatan")), contains="head of region")
    assert f.fields == ("parties.0.signatory_title",)
    # A title that merely contains the office is not the office.
    for title in ("Wakil Wali Kota Cimahi", "Staf Ahli Wali Kota Bidang Pemerintahan"):
        assert_fails("R24", ctx(agreement(home_title=title)), contains="not that office")
    pks = agreement(kind="PKS", home_title="Kepala Dinas Kesehatan")
    f = assert_fails("R24", ctx(pks), contains="surat kuasa")
    assert f.fields == ("parties.0.power_of_attorney_ref", "documents")
    # Referenced but not uploaded, uploaded but not referenced: still blocked; both: allowed.
    referenced = agreement(kind="PKS", home_title="Kepala Dinas Kesehatan", power_of_attorney_ref="800/1")
    assert_fails("R24", ctx(referenced), contains="upload")
    assert_fails("R24", ctx(pks, documents={"d1": "SURAT_KUASA"}))
    assert_passes("R24", ctx(referenced, documents={"d1": "SURAT_KUASA"}))
    # Pasal 36: an adendum may be signed by a delegate too; a KB may not.
    adendum = agreement(kind="ADENDUM", home_title="Kepala Dinas Kesehatan", power_of_attorney_ref="800/2")
    assert_passes("R24", ctx(adendum, documents={"d1": "SURAT_KUASA"}))
    kb = agreement(home_title="Kepala Dinas Kesehatan", power_of_attorney_ref="800/3")
    assert_fails("R24", ctx(kb, documents={"d1": "SURAT_KUASA"}), contains="head of region")
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
    # The basis follows the category: P22 Pasal 41(1) for KSDD, PP 28/2018 Pasal 19(2)a for KSDPK.
    assert assert_fails("R27", ctx(pks)).basis == "Permendagri 22/2020 Pasal 41 ayat (1)"
    tp = partner("THIRD_PARTY", None, "business_entity")
    ksdpk = agreement(tp, kind="PKS", category="KSDPK", nature=None)
    assert evaluate(ctx(ksdpk), ("R27",))[0].basis == "PP 28/2018 Pasal 19 ayat (2) huruf a"
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


def test_r29_letter_of_intent_at_most_one_year(ctx: Ctx) -> None:
    """Permendagri 25/2020 Pasal 14: an LoI is valid for at most one year."""
    gov = partner("FOREIGN_GOVERNMENT", None)
    loi = agreement(gov, kind="LOI", category="KSDPL", nature=None, start_date=date(2026, 1, 1))
    loi.end_date = date(2026, 12, 31)
    assert_passes("R29", ctx(loi))
    loi.end_date = date(2027, 1, 1)
    f = assert_fails("R29", ctx(loi), contains="letter of intent")
    assert f.basis == "Permendagri 25/2020 Pasal 14"


def test_r28_r29_adendum_judged_on_the_amended_parent(ctx: Ctx) -> None:
    """P22 Pasal 9(3): an adendum cannot push a KB past five years (adenda included)."""
    kb = agreement(stage="in_force", start_date=date(2026, 1, 1), end_date=date(2028, 12, 31))
    add = agreement(kind="ADENDUM", parent_id=kb.id, start_date=None, end_date=None)
    add.amendment = {"end_date": "2046-12-31"}
    f = assert_fails("R29", ctx(add, parent=kb, action="sign"), contains="with this adendum")
    assert f.fields == ("amendment.end_date",)
    add.amendment = {"end_date": "2030-12-31"}
    assert_passes("R29", ctx(add, parent=kb, action="sign"))
    add.amendment = {"end_date": "2025-06-30"}
    assert_fails("R28", ctx(add, parent=kb, action="sign"), contains="parent")
    assert_passes("R28", ctx(agreement(kind="ADENDUM", parent_id=kb.id), parent=kb, action="sign"))


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
    """P22 Pasal 34(3): draft PKS, feasibility study and partner profile, each by its document type."""
    tp = partner("THIRD_PARTY", None, "business_entity")
    kb = agreement(tp, category="KSDPK", nature=None, stage="signed")
    found = evaluate(ctx(kb, action="request_dprd"), ("R52",))
    assert {f.message_en.split("(")[1] for f in found} == {
        "a document of type RANCANGAN_PKS).",
        "a document of type STUDI_KELAYAKAN).",
        "a document of type PROFIL_MITRA).",
    }
    assert all(f.fields == ("document_ids",) for f in found)
    docs = {"a": "RANCANGAN_PKS", "b": "STUDI_KELAYAKAN", "c": "PROFIL_MITRA", "d": "LAINNYA"}
    # Any one document does not count: three documents of another type leave all three missing.
    assert len(evaluate(ctx(kb, action="request_dprd", documents=docs, document_ids=["d"]), ("R52",))) == 3
    assert_fails(
        "R52",
        ctx(kb, action="request_dprd", documents=docs, document_ids=["a", "b"]),
        contains="PROFIL_MITRA",
    )
    assert_passes("R52", ctx(kb, action="request_dprd", documents=docs, document_ids=["a", "b", "c"]))
    assert_passes("R52", ctx(agreement(stage="signed"), action="request_dprd"))  # KSDD


def test_r53_burdening_adendum(ctx: Ctx) -> None:
    add = agreement(kind="ADENDUM", burdens_community_and_region=True)
    assert_fails("R53", ctx(add, action="sign"), contains="DPRD")
    assert_passes("R53", ctx(add, action="sign", dprd=[approval()]))
    assert_passes("R53", ctx(agreement(kind="ADENDUM"), action="sign"))
    # P22 Pasal 58: a Sinergi adendum adding a burden needs DPRD approval too.
    central = partner("CENTRAL_GOVERNMENT", None)
    sinergi = agreement(
        central, kind="ADENDUM", category="SINERGI", nature=None, budgeted_in_current_apbd=False
    )
    f = assert_fails("R53", ctx(sinergi, action="sign"), contains="DPRD")
    assert "Pasal 58" in f.basis


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


# ------------------------------------------------------------------ rules added for legal fidelity


def test_r5_bankruptcy_cites_pasal_22(ctx: Ctx) -> None:
    tp = partner("THIRD_PARTY", None, "business_entity", is_bankrupt=True)
    f = assert_fails("R5", ctx(agreement(tp, category="KSDPK", nature=None)), contains="bankrupt")
    assert f.basis == "PP 28/2018 Pasal 22 ayat (2)"


def test_r9_no_conflict_declared_at_the_tkksd_step(ctx: Ctx) -> None:
    """PP 28/2018 Pasal 4(4)."""
    assert_fails("R9", ctx(agreement(), action="approve"), contains="morality")
    assert_passes("R9", ctx(agreement(declarations={"no_conflict": True}), action="approve"))
    assert_passes("R9", ctx(agreement(is_legacy_import=True)))


def test_r13_leaving_dprd_approval_needs_the_rejection(ctx: Ctx) -> None:
    """P22 Pasal 12, 34: a KB the DPRD rejects returns for revision or ends, with the decision recorded."""
    kb = agreement(stage="dprd_approval", burdens_community_and_region=True)
    for action in ("revise_after_dprd", "end_after_dprd"):
        assert_fails("R13", ctx(kb, action=action), contains="rejection")
        assert_fails("R13", ctx(kb, action=action, dprd=[approval("pending")]))
        assert_passes("R13", ctx(kb, action=action, dprd=[approval("rejected")]))


def test_r16_third_party_initiative(ctx: Ctx) -> None:
    """PP 28/2018 Pasal 18."""
    tp = partner("THIRD_PARTY", None, "business_entity")
    kb = agreement(
        tp, category="KSDPK", nature=None, initiated_by_partner=True, declarations={"technical_fit": True}
    )
    f = assert_fails("R16", ctx(kb), contains="economic_feasibility")
    assert "declarations.initiator_financial_capacity" in f.fields
    kb.declarations = {
        "technical_fit": True,
        "economic_feasibility": True,
        "initiator_financial_capacity": True,
    }
    assert_passes("R16", ctx(kb))
    assert_passes("R16", ctx(agreement(tp, category="KSDPK", nature=None)))  # the region initiated


def test_r19_approve_needs_a_feasible_telaahan(ctx: Ctx) -> None:
    """P22 Pasal 7, 29: 'layak' and the telaahan are one act."""
    kb = agreement(stage="tkksd_review")
    assert_fails("R19", ctx(kb, action="approve"), contains="TKKSD appraisal")
    bad = TkksdReview(meeting_date=date(2026, 3, 1), outcome="tidak_layak")
    assert_fails("R19", ctx(kb, action="approve", reviews=[bad]))
    good = TkksdReview(meeting_date=date(2026, 3, 2), outcome="layak")
    assert_passes("R19", ctx(kb, action="approve", reviews=[good]))


def test_r20_offer_direction_and_deadlines(ctx: Ctx) -> None:
    """P22 Pasal 8(2)-(5), 28: 30 days, a second request with 15 more, then the report to the Gubernur."""
    kb = agreement(stage="offer", nature="WAJIB", offer_due_date=date(2026, 5, 15))
    assert_fails("R20", ctx(kb, action="second_request", effective_date=date(2026, 5, 15)), contains="30-day")
    assert_passes("R20", ctx(kb, action="second_request", effective_date=date(2026, 5, 18)))
    assert_fails(
        "R20", ctx(kb, action="report_non_answer", effective_date=date(2026, 7, 1)), contains="second"
    )
    kb.offer_second_request_date, kb.offer_due_date = date(2026, 5, 18), date(2026, 6, 8)
    assert_fails("R20", ctx(kb, action="second_request", effective_date=date(2026, 7, 1)), contains="already")
    assert_fails(
        "R20", ctx(kb, action="report_non_answer", effective_date=date(2026, 6, 8)), contains="15-day"
    )
    assert_passes("R20", ctx(kb, action="report_non_answer", effective_date=date(2026, 6, 9)))
    kb.nature = "SUKARELA"
    assert_fails(
        "R20", ctx(kb, action="report_non_answer", effective_date=date(2026, 6, 9)), contains="mandatory"
    )
    # Partner-initiated offers are received and answered, not sent (Pasal 8(2), 28).
    incoming = agreement(stage="approved_for_offer", initiated_by_partner=True)
    assert_fails("R20", ctx(incoming, action="send_offer"), contains="partner made the offer")
    assert_passes("R20", ctx(incoming, action="answer_partner_offer"))
    assert_fails("R20", ctx(agreement(stage="approved_for_offer"), action="answer_partner_offer"))


def test_r30_cooperation_secretariat(ctx: Ctx) -> None:
    """PP 28/2018 Pasal 7(2)."""
    kab, kbb = partner(region_code="32.04"), partner(region_code="32.17")
    ok = agreement(kab, kbb, nature="WAJIB", declarations={"cooperation_secretariat": True})
    ok.start_date, ok.end_date = date(2026, 1, 1), date(2030, 12, 31)
    assert_passes("R30", ctx(ok))
    ok.end_date = date(2028, 12, 31)
    assert_fails("R30", ctx(ok), contains="5 years")
    assert_fails("R30", ctx(agreement(kab, declarations={"cooperation_secretariat": True})))
    assert_passes("R30", ctx(agreement(kab)))


def test_r44_foreign_conditions(ctx: Ctx) -> None:
    """PP 28/2018 Pasal 27."""
    gov = partner("FOREIGN_GOVERNMENT", None)
    loi = agreement(gov, kind="LOI", category="KSDPL", nature=None)
    f = assert_fails("R44", ctx(loi, action="approve"), contains="diplomatic_relations")
    assert "declarations.equivalence" in f.fields
    loi.declarations = {"diplomatic_relations": True, "no_representative_office": True, "equivalence": True}
    assert_passes("R44", ctx(loi, action="approve"))
    loi.declarations = {**loi.declarations, "technology_transfer": False}
    assert_fails("R44", ctx(loi, action="approve"), contains="technology_transfer")


def test_r45_foreign_text_follows_its_loi(ctx: Ctx) -> None:
    """P25 Pasal 9: NASKAH_LN follows its letter of intent."""
    gov = partner("FOREIGN_GOVERNMENT", None)
    text = agreement(gov, kind="NASKAH_LN", category="KSDPL", nature=None)
    assert_fails("R45", ctx(text, action="start_planning"), contains="letter of intent")
    loi = agreement(gov, kind="LOI", category="KSDPL", nature=None, stage="exploration")
    assert_fails("R45", ctx(text, parent=loi, action="start_planning"))
    loi.stage = "in_force"
    assert_passes("R45", ctx(text, parent=loi, action="start_planning"))


def test_r46_yearly_report_to_the_minister(ctx: Ctx) -> None:
    """PP 28/2018 Pasal 43."""
    gov = partner("FOREIGN_GOVERNMENT", None)
    text = agreement(
        gov, kind="NASKAH_LN", category="KSDPL", nature=None, stage="in_force", signed_date=date(2025, 1, 2)
    )
    assert_fails("R46", ctx(text), contains="at least once a year")
    text.minister_reported_date = date(2026, 1, 5)
    assert_passes("R46", ctx(text))


def test_r55_signing_without_the_signed_text_warns(ctx: Ctx) -> None:
    assert_fails("R55", ctx(agreement(), action="sign"), contains="SIGNED_TEXT")
    assert_passes("R55", ctx(agreement(), action="sign", documents={"x": "SIGNED_TEXT"}))
    assert_passes("R55", ctx(agreement()))


def test_r33_and_r49_say_where_they_are_enforced(client_for: Callable[[str], TestClient]) -> None:
    listed = {x["id"]: x for x in client_for("viewer").get("/api/v1/rules").json()}
    assert "periodic_report_due" in listed["R33"]["enforced_in"][0]
    assert "core/scope.py" in listed["R49"]["enforced_in"][0]
    assert "pks_domestic.sign" in listed["R21"]["enforced_in"]
    assert "Pasal 17 dan 39" in listed["R33"]["basis"] and "Pasal 44" in listed["R49"]["basis"]
