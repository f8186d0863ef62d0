"""Monitoring & evaluation report schemas: the semester report of Permendagri 22/2020 Pasal 17 and 39.

States of what an agreement owes for a period (`state`, derived, never stored):
- `owed`: no submitted report yet and the due date has not passed (today ≤ due date);
- `submitted`: a report is submitted, verified, reviewed or final (whether on time or late);
- `overdue`: the due date passed and the report exists but is still a draft or was returned;
- `missing`: the due date passed and no report was even started.
Exactly one state applies to each (agreement, period).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from kerjasama.agreements.schemas import OpdBrief
from kerjasama.core.schemas import InputModel
from kerjasama.monitoring.periods import MAX_DUE_DAYS, PERIOD_PATTERN

Cadence = Literal["semester", "year"]
ReportStatus = Literal["draft", "submitted", "verified", "reviewed", "final", "returned"]
Recommendation = Literal["continue", "expand", "revise", "stop"]
DueState = Literal["owed", "submitted", "overdue", "missing"]
ReportAction = Literal["submit", "verify", "review", "finalise", "return"]

STATE_DESCRIPTION = (
    "owed: not submitted yet, due date not passed; submitted: submitted, verified, reviewed or final; "
    "overdue: due date passed, the report is still a draft or was returned; "
    "missing: due date passed and no report was started"
)
PeriodCode = Annotated[
    str,
    Field(
        pattern=PERIOD_PATTERN,
        max_length=7,
        description="Reporting period: 2026-S1 (January–June), 2026-S2 (July–December) or 2026 (a year)",
    ),
]
# 1 (poor) to 5 (very good); strict: 3.0, "3" and true are not ratings.
Rating = Annotated[int, Field(ge=1, le=5, strict=True)]


# --- settings ---------------------------------------------------------------------------------------


class MonitoringSettingRead(BaseModel):
    agreement_id: uuid.UUID = Field(description="The agreement")
    cadence: Cadence = Field(
        description="semester (Permendagri 22/2020 Pasal 17, 39) or year (foreign cooperation, P25 Pasal 35–38)"
    )
    due_days: int = Field(description="The report is due this many days after its period ends")
    is_default: bool = Field(
        description="No setting stored: semester, due 15 days after the period; KSDPL/KSDLL yearly, due 7 "
        "days after it (7 January: first week of January, P25 Pasal 35–38)"
    )
    version: int = Field(description="Optimistic-lock version; also the ETag (0 while the defaults apply)")


class MonitoringSettingUpdate(InputModel):
    cadence: Cadence | None = Field(None, description="semester or year")
    due_days: int | None = Field(
        None, ge=0, le=MAX_DUE_DAYS, strict=True, description=f"Days after the period end, 0–{MAX_DUE_DAYS}"
    )


# --- reports ---------------------------------------------------------------------------------------


class RatingsIn(InputModel):
    """The evaluation questionnaire (optional): each answer 1 (poor) to 5 (very good); null clears it."""

    conformity: Rating | None = Field(None, description="Conformity with the agreed goals")
    timeliness: Rating | None = Field(None, description="Timeliness of implementation")
    partner_contribution: Rating | None = Field(None, description="The partner's contribution")
    coordination: Rating | None = Field(None, description="Coordination between the parties")
    indicator_achievement: Rating | None = Field(
        None, description="Achievement of the indicators and targets"
    )
    public_service_impact: Rating | None = Field(None, description="Impact on public services")


class RatingsRead(BaseModel):
    conformity: int | None = Field(None, description="Conformity with the agreed goals (1–5)")
    timeliness: int | None = Field(None, description="Timeliness of implementation (1–5)")
    partner_contribution: int | None = Field(None, description="The partner's contribution (1–5)")
    coordination: int | None = Field(None, description="Coordination between the parties (1–5)")
    indicator_achievement: int | None = Field(None, description="Achievement of indicators and targets (1–5)")
    public_service_impact: int | None = Field(None, description="Impact on public services (1–5)")


class ReportCreate(InputModel):
    period: PeriodCode


class ReportUpdate(InputModel):
    """Only while the report is a draft or returned. Omitted fields stay as they are."""

    problems: str | None = Field(None, max_length=20000, description="Problems met (permasalahan)")
    solutions: str | None = Field(
        None, max_length=20000, description="Efforts to solve them (upaya penyelesaian)"
    )
    other_matters: str | None = Field(
        None, max_length=20000, description="Other matters agreed or worth reporting (hal lain)"
    )
    follow_up: str | None = Field(None, max_length=20000, description="Planned follow-up (tindak lanjut)")
    background: str | None = Field(
        None, max_length=20000, description="Foreign cooperation only (P25 Pasal 37): latar belakang"
    )
    progress_results: str | None = Field(
        None, max_length=20000, description="Foreign cooperation only (P25 Pasal 37): perkembangan dan hasil"
    )
    beneficiaries: str | None = Field(
        None, max_length=20000, description="Foreign cooperation only (P25 Pasal 37): penerima manfaat"
    )
    funding: str | None = Field(
        None, max_length=20000, description="Foreign cooperation only (P25 Pasal 37): pembiayaan"
    )
    analysis: str | None = Field(
        None,
        max_length=20000,
        description="Foreign cooperation only (P25 Pasal 37): analisis (with follow_up: analisis dan "
        "tindak lanjut)",
    )
    ratings: RatingsIn | None = Field(
        None, description="Questionnaire answers; only the keys sent change, null clears a key"
    )
    recommendation: Recommendation | None = Field(
        None, description="continue, expand, revise or stop the cooperation"
    )
    document_ids: list[uuid.UUID] | None = Field(
        None,
        max_length=50,
        description="Evidence: documents of this agreement; replaces the stored list",
    )
    refresh_realisation: bool | None = Field(
        None, description="true: read the obligations' realisation again from the fulfilment records"
    )


class ReportTransitionIn(InputModel):
    action: ReportAction = Field(
        description="submit (opd_head), verify (secretariat), review (tkksd), finalise (secretariat) "
        "or return (whoever holds the next step)"
    )
    reason: str | None = Field(
        None,
        max_length=4000,
        description="Why the report goes back (required to return it), or the notes of any other step "
        "(the TKKSD's review notes); kept with the step in the report's events",
    )


class ReportParty(BaseModel):
    role: str = Field(description="HOME or PARTNER")
    partner_id: uuid.UUID | None = Field(description="The partner; null for the home region")
    name: str | None = Field(description="The partner's name; null for the home region")
    signatory_name: str = Field(description="Who signed for this party")
    signatory_title: str = Field(description="Signatory's office")


class ReportAgreementItems(BaseModel):
    """The minimum items the report copies from the agreement, read from it at the time of reading."""

    number: str = Field(description="Registry number")
    title: str = Field(description="Title (judul)")
    kind: str = Field(description="Form of the document (bentuk naskah): KB, PKS, NK …")
    category: str = Field(description="Category")
    parties: list[ReportParty] = Field(description="The parties (para pihak), home region first")
    purpose: str = Field(description="Purpose (maksud dan tujuan)")
    object: str = Field(description="Object (objek)")
    scope: str = Field(description="Scope (ruang lingkup)")
    start_date: date | None = Field(description="Term: first day in force (jangka waktu)")
    end_date: date | None = Field(description="Term: last day in force; null when open-ended")
    lead_opd: OpdBrief = Field(description="The initiating OPD that reports")


class RealisationItem(BaseModel):
    """One obligation occurrence due in the period, with what its fulfilment records say."""

    occurrence_id: uuid.UUID = Field(description="Obligation occurrence")
    obligation_id: uuid.UUID = Field(description="Obligation")
    kind: str = Field(description="HAK or KEWAJIBAN")
    description: str = Field(description="What is owed")
    clause_reference: str = Field(description="Clause of the agreement")
    partner_id: uuid.UUID | None = Field(None, description="Whose right or obligation; null: the home region")
    partner_name: str | None = Field(None, description="The partner's name; null for the home region")
    due_date: date = Field(description="When this occurrence was due")
    status: str = Field(
        description="pending, in_progress, fulfilled, late, not_fulfilled or suspended_force_majeure"
    )
    fulfilled_on: date | None = Field(None, description="When it was fulfilled")
    target: Decimal | None = Field(None, description="Target of the indicator")
    unit: str | None = Field(None, description="Unit of the target and value")
    value_realised: Decimal | None = Field(None, description="Sum of the values realised in the records")
    notes: list[str] = Field(default_factory=list, description="Notes of the fulfilment records")
    document_ids: list[uuid.UUID] = Field(
        default_factory=list, description="Evidence documents of the fulfilment records"
    )


class ReportEventRead(BaseModel):
    action: str = Field(description="submit, verify, review, finalise or return")
    from_status: str = Field(description="Status before")
    to_status: str = Field(description="Status after")
    actor_username: str = Field(description="Who")
    actor_role: str = Field(description="In which role")
    reason: str | None = Field(description="Reason given (always for a return)")
    at: datetime = Field(description="When (UTC)")


class ReportSummary(BaseModel):
    id: uuid.UUID = Field(description="Report id")
    agreement_id: uuid.UUID = Field(description="The agreement reported on")
    period: str = Field(description="2026-S1, 2026-S2 or 2026")
    period_label: str = Field(description="'Semester I 2026' or 'Tahun 2026'")
    period_start: date = Field(description="First day of the period")
    period_end: date = Field(description="Last day of the period")
    due_date: date = Field(description="Due date of the report")
    status: ReportStatus = Field(description="Workflow status")
    state: DueState = Field(description=STATE_DESCRIPTION)
    submitted_at: datetime | None = Field(description="First submission (UTC)")
    finalised_at: datetime | None = Field(description="When it became final (UTC)")
    version: int = Field(description="Optimistic-lock version; also the ETag")


class ReportRead(ReportSummary):
    agreement: ReportAgreementItems = Field(
        description="Title, form, parties, purpose, object and term, read from the agreement"
    )
    problems: str = Field(description="Problems met (permasalahan)")
    solutions: str = Field(description="Efforts to solve them (upaya penyelesaian)")
    other_matters: str = Field(description="Other matters (hal lain)")
    follow_up: str = Field(description="Planned follow-up (tindak lanjut)")
    foreign: bool = Field(
        description="Foreign cooperation (KSDPL/KSDLL): the report has the contents of Permendagri 25/2020 "
        "Pasal 37 (background, progress_results, beneficiaries, funding, problems as kendala, analysis and "
        "follow_up); yearly, due in the first week of January"
    )
    background: str = Field(description="Latar belakang (foreign cooperation; empty otherwise)")
    progress_results: str = Field(description="Perkembangan dan hasil (foreign cooperation)")
    beneficiaries: str = Field(description="Penerima manfaat (foreign cooperation)")
    funding: str = Field(description="Pembiayaan (foreign cooperation)")
    analysis: str = Field(description="Analisis (foreign cooperation; with follow_up)")
    required_to_submit: list[str] = Field(
        description="Fields that must be filled before the report is submitted: problems, solutions and "
        "other_matters (P22 Pasal 17, 39); for foreign cooperation background, progress_results, "
        "beneficiaries, funding, problems, analysis and follow_up (P25 Pasal 37)"
    )
    ratings: RatingsRead = Field(description="Questionnaire answers, 1–5")
    recommendation: Recommendation | None = Field(description="continue, expand, revise or stop")
    realisation: list[RealisationItem] = Field(
        description="Obligations due in the period and their fulfilment, pre-filled from the records"
    )
    document_ids: list[uuid.UUID] = Field(description="Evidence documents")
    return_reason: str | None = Field(description="Why it was last returned; cleared when submitted again")
    allowed_actions: list[ReportAction] = Field(
        description="Workflow actions the caller may take now: possible from this status and open to the "
        "caller's role (empty for a final report, for viewers and for the province)"
    )
    events: list[ReportEventRead] = Field(description="Workflow history, oldest first")
    created_at: datetime = Field(description="Created (UTC)")
    updated_at: datetime = Field(description="Last change (UTC)")


# --- what is due ------------------------------------------------------------------------------------


class PeriodRead(BaseModel):
    code: str = Field(description="2026-S1, 2026-S2 or 2026")
    label: str = Field(description="'Semester I 2026' or 'Tahun 2026'")
    cadence: Cadence = Field(description="semester or year")
    start: date = Field(description="First day")
    end: date = Field(description="Last day")
    default_due_date: date = Field(
        description="Due date with the default days: 15 July / 15 January for a semester; 7 January for a "
        "year (foreign cooperation, first week of January, P25 Pasal 35–38)"
    )


class DueCounts(BaseModel):
    expected: int = Field(description="Agreements that owe a report (the sum of the four states)")
    owed: int = Field(description="Not submitted yet, due date not passed")
    submitted: int = Field(description="Submitted, verified, reviewed or final")
    overdue: int = Field(description="Due date passed; a draft or returned report exists")
    missing: int = Field(description="Due date passed; no report started")


class DueItem(BaseModel):
    agreement_id: uuid.UUID = Field(description="The agreement that owes the report")
    agreement_number: str = Field(description="Its registry number")
    agreement_title: str = Field(description="Its title")
    agreement_kind: str = Field(description="Its kind of text")
    lead_opd_id: uuid.UUID = Field(description="The OPD that reports (the lead OPD)")
    period: str = Field(description="The period owed")
    period_label: str = Field(description="'Semester I 2026' or 'Tahun 2026'")
    cadence: Cadence = Field(description="semester or year")
    due_date: date = Field(description="Due date of the report")
    state: DueState = Field(description=STATE_DESCRIPTION)
    report_id: uuid.UUID | None = Field(description="The report, when one was started")
    report_status: ReportStatus | None = Field(description="Its workflow status")
    submitted_at: datetime | None = Field(description="First submission (UTC)")
    on_time: bool | None = Field(
        description="Submitted on or before the due date (region's calendar); null while not submitted"
    )


class DueOpdGroup(BaseModel):
    opd: OpdBrief = Field(description="The lead OPD")
    counts: DueCounts = Field(description="Its counts")
    items: list[DueItem] = Field(description="Its agreements, by due date and number")


class MonitoringDueRead(BaseModel):
    as_of: date = Field(description="Today in the region's calendar")
    periods: list[PeriodRead] = Field(
        description="The periods listed: the one asked for, or by default the reporting period of each "
        "cadence (the latest period that has ended)"
    )
    counts: DueCounts = Field(description="Totals over the OPDs listed")
    opds: list[DueOpdGroup] = Field(description="Per lead OPD, by abbreviation")
