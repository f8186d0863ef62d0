from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kerjasama.core.schemas import Day, InputModel, field_problem

Kind = Literal["KB", "PKS", "NK", "RK", "LOI", "NASKAH_LN", "ADENDUM"]
Category = Literal["KSDD", "KSDPK", "KSDPL", "KSDLL", "SINERGI"]
Nature = Literal["WAJIB", "SUKARELA"]
Status = Literal["draft", "in_progress", "in_force", "ended", "cancelled", "rejected"]
PartyRole = Literal["HOME", "PARTNER"]
# PP 28/2018 Pasal 4(3), 16(3): the only grounds for cooperation outside the planning documents.
OutOfPlanReason = Literal["emergency", "national_strategic_programme", "tugas_pembantuan"]
FundingSource = Literal["apbd", "apbd_provinsi", "apbn", "partner", "third_party", "other"]
# PP 28/2018 Pasal 9 (KSDD) and 22 (KSDPK).
EndReason = Literal[
    "term_expired",
    "goal_achieved",
    "mutual_agreement",
    "policy_change",
    "object_lost",
    "court_decision",
    "partner_bankrupt",
    "dprd_rejected",  # a signed KB the DPRD rejected, ended (action end_after_dprd)
]
Declaration = Literal[
    "no_conflict",
    "technical_fit",
    "economic_feasibility",
    "initiator_financial_capacity",
    "cooperation_secretariat",
    "diplomatic_relations",
    "no_representative_office",
    "technology_transfer",
    "equivalence",
]
# `status` filter values: the stored lifecycle status, plus not_yet_in_force (signed, start date ahead).
StatusFilter = Literal[
    "draft", "in_progress", "in_force", "not_yet_in_force", "ended", "cancelled", "rejected"
]
AgreementSort = Literal[
    "number", "-number", "title", "-title", "signed_date", "-signed_date", "end_date", "-end_date"
]


class PartyIn(InputModel):
    partner_id: uuid.UUID | None = Field(
        None, description="The partner; null (or role HOME) for the home region"
    )
    role: PartyRole | None = Field(None, description="HOME or PARTNER; derived from partner_id when omitted")
    signatory_name: str = Field("", max_length=200, description="Who signs for this party")
    signatory_title: str = Field(
        "", max_length=200, description="Signatory's office, e.g. 'Wali Kota Cimahi'"
    )
    document_number: str = Field("", max_length=120, description="This party's own number for the text")
    power_of_attorney_ref: str | None = Field(
        None,
        max_length=200,
        description="Surat kuasa number when an OPD head signs instead of the head of region",
    )

    @model_validator(mode="after")
    def _role_matches_partner(self) -> PartyIn:
        derived: PartyRole = "HOME" if self.partner_id is None else "PARTNER"
        if self.role is not None and self.role != derived:
            raise field_problem("role", "party_role", "role HOME has no partner_id; role PARTNER needs one")
        self.role = derived
        return self


ClauseCode = Literal[
    "purpose",
    "object",
    "scope",
    "implementation",
    "rights_obligations",
    "financing",
    "term",
    "dispute_settlement",
    "force_majeure",
    "termination",
    "sanctions",
    "correspondence",
    "other",
]


class KakIn(InputModel):
    background: str = Field("", max_length=10000, description="Latar belakang")
    purpose: str = Field("", max_length=10000, description="Maksud dan tujuan")
    location: str = Field("", max_length=2000, description="Lokasi")
    scope: str = Field("", max_length=10000, description="Ruang lingkup")
    term: str = Field("", max_length=2000, description="Jangka waktu")
    benefits: str = Field("", max_length=10000, description="Manfaat")
    impact: str = Field("", max_length=10000, description="Dampak sosial dan lingkungan")
    financing: str = Field("", max_length=10000, description="Pembiayaan")


class AmendmentIn(InputModel):
    """What a signed ADENDUM changes in its parent text."""

    title: str | None = Field(None, min_length=3, max_length=500, description="New title")
    object: str | None = Field(None, max_length=10000, description="New object")
    scope: str | None = Field(None, max_length=10000, description="New scope")
    purpose: str | None = Field(None, max_length=10000, description="New purpose")
    end_date: Day | None = Field(None, description="New end date")
    apbd_value: Decimal | None = Field(
        None, ge=0, max_digits=18, decimal_places=2, description="New APBD value"
    )


class _AgreementFields(InputModel):
    nature: Nature | None = Field(
        None,
        description="KSDD only: WAJIB (bordering regions, Pasal 3(2)) or SUKARELA; required, except for a legacy "
        "text signed before 2018 (PP 50/2007 had no such category)",
    )
    title: str | None = Field(None, min_length=3, max_length=500, description="Title of the text")
    object: str | None = Field(None, max_length=10000, description="Object (objek kerja sama)")
    scope: str | None = Field(None, max_length=10000, description="Scope (ruang lingkup)")
    purpose: str | None = Field(None, max_length=10000, description="Purpose (maksud dan tujuan)")
    parties: list[PartyIn] | None = Field(
        None,
        min_length=1,
        max_length=30,
        description="Signing parties; the home region is added when missing",
    )
    affair_codes: list[str] | None = Field(
        None, min_length=1, max_length=40, description="Affairs (urusan) codes, e.g. ['1.02']"
    )
    lead_opd_id: uuid.UUID | None = Field(None, description="The initiating OPD (exactly one)")
    related_opd_ids: list[uuid.UUID] | None = Field(None, max_length=40, description="Other OPDs involved")
    planning_reference: str | None = Field(
        None, max_length=2000, description="Where the object appears in RPJMD/RKPD/Renstra"
    )
    out_of_plan_reason: OutOfPlanReason | None = Field(
        None, description="Why the object is outside the planning documents"
    )
    funding_sources: list[FundingSource] | None = Field(
        None, max_length=6, description="Sources of financing"
    )
    apbd_value: Decimal | None = Field(
        None, ge=0, max_digits=18, decimal_places=2, description="Value charged to the APBD, in rupiah"
    )
    burdens_community_and_region: bool | None = Field(
        None, description="DPRD trigger: burdens the community and the region (Pasal 6(2))"
    )
    budgeted_in_current_apbd: bool | None = Field(
        None, description="DPRD trigger when false: not budgeted in the current APBD"
    )
    signed_date: Day | None = Field(None, description="Date of signing")
    start_date: Day | None = Field(None, description="First day in force")
    end_date: Day | None = Field(None, description="Last day in force; after start_date")
    public: bool | None = Field(None, description="May appear on the public transparency page")
    kak: KakIn | None = Field(
        None, description="Kerangka Acuan Kerja: the eight headings of Permendagri 22/2020 Pasal 7"
    )
    feasibility_study_ref: str | None = Field(
        None, max_length=300, description="KSDPK: reference of the feasibility study (PP 28/2018 Pasal 17-18)"
    )
    clauses: list[ClauseCode] | None = Field(
        None, max_length=20, description="Clauses the text contains (Permendagri 22/2020 Pasal 40-41)"
    )
    amendment: AmendmentIn | None = Field(
        None, description="ADENDUM only: the changes applied to the parent when the adendum is signed"
    )
    initiated_by_partner: bool | None = Field(
        None,
        description="The partner made the offer (Permendagri 22/2020 Pasal 8(2), 28): the region answers it "
        "(action answer_partner_offer) instead of sending one",
    )
    declarations: dict[Declaration, bool] | None = Field(
        None,
        description="Declarations the rules look at: R9 no_conflict; R16 technical_fit, economic_feasibility, "
        "initiator_financial_capacity; R30 cooperation_secretariat; R44 diplomatic_relations, "
        "no_representative_office, technology_transfer, equivalence",
    )

    @model_validator(mode="after")
    def _term(self) -> _AgreementFields:
        if self.start_date and self.end_date and self.end_date <= self.start_date:
            raise field_problem("end_date", "term_order", "end_date must be after start_date")
        return self


class AgreementCreate(_AgreementFields):
    kind: Kind = Field(description="KB, PKS, NK, RK, LOI, NASKAH_LN or ADENDUM")
    category: Category = Field(description="KSDD, KSDPK, KSDPL, KSDLL or SINERGI")
    title: str = Field(min_length=3, max_length=500, description="Title of the text")
    lead_opd_id: uuid.UUID = Field(description="The initiating OPD (exactly one)")
    affair_codes: list[str] = Field(min_length=1, max_length=40, description="Affairs (urusan) codes, ≥1")
    parties: list[PartyIn] = Field(
        min_length=1,
        max_length=30,
        description="Signing parties: ≥1 partner; the home region is added when missing",
    )
    parent_id: uuid.UUID | None = Field(
        None, description="KB of a PKS; amended text of an ADENDUM; NK of an RK"
    )
    predecessor_id: uuid.UUID | None = Field(None, description="The agreement this one renews")
    number: str | None = Field(
        None,
        min_length=3,
        max_length=80,
        pattern=r"^[A-Za-z0-9./\-_ ]+$",
        description="Registry number; generated (KSD/32.77/2025/0012) when absent",
    )
    is_demo: bool = Field(False, description="Demo data, not a real record")
    is_legacy_import: bool = Field(
        False,
        description="An existing text entered after the fact (secretariat): may start in_force or ended",
    )
    status: Status | None = Field(
        None, description="Only for legacy imports: in_force or ended. New texts start as draft"
    )
    end_reason: EndReason | None = Field(None, description="Legacy imports with status ended: why it ended")

    @model_validator(mode="after")
    def _consistency(self) -> AgreementCreate:
        if self.nature is not None and self.category != "KSDD":
            raise field_problem("nature", "nature_only_ksdd", "nature (WAJIB/SUKARELA) applies only to KSDD")
        # WAJIB/SUKARELA exist since PP 28/2018 (Pasal 3); a text signed under PP 50/2007 has neither.
        pre_pp28 = self.is_legacy_import and self.signed_date is not None and self.signed_date.year < 2018
        if self.category == "KSDD" and self.nature is None and not pre_pp28:
            raise field_problem(
                "nature",
                "nature_required",
                "nature is required for KSDD: WAJIB or SUKARELA (a legacy text signed before 2018, under "
                "PP 50/2007, has none)",
            )
        if self.status not in (None, "draft") and not self.is_legacy_import:
            raise field_problem(
                "status",
                "status_not_draft",
                "a new text starts as draft; only legacy imports may start in_force or ended",
            )
        if self.is_legacy_import and self.status not in ("in_force", "ended"):
            raise field_problem("status", "legacy_status", "a legacy import needs status in_force or ended")
        if self.end_reason and self.status != "ended":
            raise field_problem("end_reason", "end_reason_without_end", "end_reason is only for status ended")
        return self


class AgreementUpdate(_AgreementFields):
    """All optional; lists (parties, affairs, related OPDs) replace the stored ones."""


class PartnerBrief(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="Partner id")
    type: str = Field(description="Partner type")
    name: str = Field(description="Partner name")
    region_code: str | None = Field(description="REGION: kode wilayah")


class PartyRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    role: PartyRole = Field(description="HOME or PARTNER")
    partner: PartnerBrief | None = Field(description="The partner; null for the home region")
    signatory_name: str = Field(description="Who signs for this party")
    signatory_title: str = Field(description="Signatory's office")
    document_number: str = Field(description="This party's own number for the text")
    power_of_attorney_ref: str | None = Field(description="Surat kuasa reference")


class OpdBrief(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="OPD id")
    code: str = Field(description="OPD code")
    abbreviation: str = Field(description="Abbreviation")
    name: str = Field(description="Full name")


class AffairBrief(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str = Field(description="Urusan code")
    name: str = Field(description="Urusan name")


class EscalationPath(BaseModel):
    path_id: str = Field(description="Escalation path in Bahasa Indonesia")
    path_en: str = Field(description="Escalation path in English")
    basis: str = Field(description="Legal basis (PP 28/2018 Pasal 8, 21, 34, 41)")


class _Derived(BaseModel):
    in_force_now: bool = Field(
        description="In force today: signed and its start date reached (derived; the dashboard, lists and "
        "reports count these as in force)"
    )
    not_yet_in_force: bool = Field(
        description="Signed, but its start date is still ahead: 'signed, not yet in force' (derived)"
    )
    expiring: bool = Field(description="In force and ending within the configured window (derived)")
    expired: bool = Field(description="Past its end date but not yet ended by the secretariat (derived)")
    days_to_end: int | None = Field(
        description="Days from today (region's calendar) to end_date; negative when past"
    )


class AgreementSummary(_Derived):
    id: uuid.UUID = Field(description="Agreement id")
    number: str = Field(description="Registry number")
    kind: Kind = Field(description="Kind of text")
    category: Category = Field(description="Category")
    nature: Nature | None = Field(description="KSDD nature")
    title: str = Field(description="Title")
    status: Status = Field(description="Lifecycle status")
    stage: str = Field(description="Procedure stage")
    parent_id: uuid.UUID | None = Field(description="Parent text")
    lead_opd: OpdBrief = Field(description="Initiating OPD")
    partners: list[PartnerBrief] = Field(description="The partners (not the home region)")
    signed_date: date | None = Field(description="Date of signing")
    start_date: date | None = Field(description="First day in force")
    end_date: date | None = Field(description="Last day in force")
    is_demo: bool = Field(description="Demo data")
    is_legacy_import: bool = Field(description="Entered after the fact")
    version: int = Field(description="Optimistic-lock version; also the ETag")


class AgreementRead(AgreementSummary):
    predecessor_id: uuid.UUID | None = Field(description="The agreement this one renews")
    object: str = Field(description="Object")
    scope: str = Field(description="Scope")
    purpose: str = Field(description="Purpose")
    parties: list[PartyRead] = Field(description="Signing parties, home region first")
    affairs: list[AffairBrief] = Field(description="Affairs (urusan)")
    affair_codes: list[str] = Field(description="Affairs codes")
    related_opds: list[OpdBrief] = Field(description="Other OPDs involved")
    related_opd_ids: list[uuid.UUID] = Field(description="Ids of the related OPDs")
    planning_reference: str | None = Field(description="Planning documents reference")
    out_of_plan_reason: OutOfPlanReason | None = Field(description="Ground for being outside the plans")
    funding_sources: list[FundingSource] = Field(description="Sources of financing")
    apbd_value: Decimal | None = Field(description="Value charged to the APBD (rupiah)")
    burdens_community_and_region: bool = Field(description="DPRD trigger (Pasal 6(2))")
    budgeted_in_current_apbd: bool = Field(description="DPRD trigger when false")
    end_reason: EndReason | None = Field(description="Why it ended")
    public: bool = Field(description="May appear on the public page")
    kak: dict[str, str] = Field(description="KAK headings and their text")
    feasibility_study_ref: str | None = Field(description="KSDPK feasibility study reference")
    clauses: list[str] = Field(description="Clauses the text contains")
    amendment: dict[str, str] = Field(description="ADENDUM: changes applied to the parent on signing")
    initiated_by_partner: bool = Field(description="The partner made the offer (P22 Pasal 8(2), 28)")
    declarations: dict[str, bool] = Field(
        description="Declarations recorded for the rules (R9, R16, R30, R44)"
    )
    offer_due_date: date | None = Field(
        description="Offer stage: the partner's answer is due on this day (30 working days after the offer "
        "letter, 15 after a second request; P22 Pasal 8(3)-(4))"
    )
    offer_second_request_date: date | None = Field(description="Offer stage: date of the second request")
    offer_non_answer_reported_date: date | None = Field(
        description="Offer stage: the non-answer reported to the Gubernur (P22 Pasal 8(5), kerja sama wajib)"
    )
    minister_reported_date: date | None = Field(
        description="Signed NK reported to the Menteri (P22 Pasal 57(3)); foreign: last report (PP 28/2018 Pasal 43)"
    )
    dprd_required: bool = Field(description="DPRD approval is required (PP 28/2018 Pasal 6(2), 30) (derived)")
    ended_date: date | None = Field(description="When it ended")
    dispute_path: EscalationPath | None = Field(
        description="While in dispute: where it is escalated (derived)"
    )
    created_at: datetime = Field(description="Created (UTC)")
    updated_at: datetime = Field(description="Last change (UTC)")


class AgreementFilters(BaseModel):
    """Filters shared by the list and the export (query parameters)."""

    category: Category | None = Field(None, description="KSDD, KSDPK, KSDPL, KSDLL or SINERGI")
    kind: Kind | None = Field(None, description="Kind of text")
    nature: Nature | None = Field(None, description="WAJIB or SUKARELA")
    status: StatusFilter | None = Field(
        None,
        description="Lifecycle status; in_force means in force today (start date reached), not_yet_in_force "
        "means signed with the start date still ahead",
    )
    stage: str | None = Field(None, max_length=30, description="Procedure stage")
    lead_opd_id: uuid.UUID | None = Field(None, description="Led by this OPD")
    opd_id: uuid.UUID | None = Field(None, description="Led by or involving this OPD")
    partner_id: uuid.UUID | None = Field(None, description="With this partner")
    partner_region_code: str | None = Field(
        None, max_length=13, description="With the partner region of this kode wilayah"
    )
    affair_code: str | None = Field(None, max_length=10, description="Covering this affair (urusan)")
    signed_year: int | None = Field(None, ge=1945, le=2200, description="Signed in this year")
    expiring_within_days: int | None = Field(
        None, ge=0, le=3650, description="In force and ending within N days"
    )
    expired: bool | None = Field(
        None, description="In force but past the end date (awaiting the secretariat)"
    )
    parent_id: uuid.UUID | None = Field(None, description="Children of this text")
    is_demo: bool | None = Field(None, description="Only demo (true) or only real (false) records")
    q: str | None = Field(None, max_length=200, description="Search title, object, number and partner name")
