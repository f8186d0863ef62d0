"""Bodies of the periodic report: its content (the JSON format, also the snapshot) and finalization."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from kerjasama.core.pagination import Page
from kerjasama.core.schemas import Day, InputModel
from kerjasama.periodic_reports.periods import PeriodCode

ReportFormat = Literal["json", "xlsx", "pdf"]
Recipient = Literal["wali_kota", "gubernur"]


class RegionRef(BaseModel):
    code: str = Field(description="Kode wilayah of the reporting region, e.g. '32.77'")
    name: str = Field(description="Its name, e.g. 'Kota Cimahi'")


class CountItem(BaseModel):
    code: str = Field(description="The code counted (a category, a kind or a status)")
    label: str = Field(description="Its Indonesian label")
    count: int = Field(description="Number of agreements")


class Summary(BaseModel):
    total: int = Field(description="Agreements active during the period (domestic and foreign)")
    by_category: list[CountItem] = Field(
        description="Counts per category (KSDD, KSDPK, KSDPL, KSDLL, SINERGI)"
    )
    by_kind: list[CountItem] = Field(description="Counts per kind of text (KB, PKS, NK …)")
    by_status: list[CountItem] = Field(description="Counts per status at the time of compiling")
    new_in_period: int = Field(description="Agreements signed during the period")
    ended_in_period: int = Field(description="Agreements whose term ended during the period")


class PartyRef(BaseModel):
    role: Literal["HOME", "PARTNER"] = Field(description="HOME: the reporting region; PARTNER: a partner")
    name: str = Field(description="The party's name")
    partner_type: str | None = Field(description="Partner type (REGION, THIRD_PARTY …); null for HOME")
    country_code: str | None = Field(description="ISO 3166 country of a foreign partner")
    signatory_title: str = Field(description="Office of the signatory, e.g. 'Bupati Bandung'")


class Term(BaseModel):
    signed_date: date | None = Field(description="Date of signing")
    start_date: date | None = Field(description="Start of the term")
    end_date: date | None = Field(description="End of the term; null = open-ended")
    ended_date: date | None = Field(description="When it actually ended (early or on time), if it has")


class OpdRef(BaseModel):
    code: str = Field(description="OPD code")
    name: str = Field(description="OPD name")
    abbreviation: str = Field(description="Short name")


class MinimumContents(BaseModel):
    """The nine minimum contents of the semester report, Permendagri 22/2020 Pasal 17(5) and 39(5)."""

    title: str = Field(description="1. Judul kerja sama")
    form: str = Field(description="2. Bentuk naskah (e.g. 'Perjanjian Kerja Sama (PKS)')")
    parties: str = Field(description="3. Para pihak")
    purpose: str = Field(description="4. Maksud dan tujuan")
    object: str = Field(description="5. Objek")
    term: str = Field(description="6. Jangka waktu, written out ('25 Oktober 2021 s.d. 24 Oktober 2026')")
    problems: str = Field(description="7. Permasalahan (from the period's verified monitoring report)")
    solutions: str = Field(description="8. Upaya penyelesaian")
    other_matters: str = Field(description="9. Hal lain yang disepakati")
    source_report_period: str | None = Field(
        description="Monitoring-report period items 7–9 come from (e.g. '2026-S1'); null when none was verified"
    )


class AgreementEntry(BaseModel):
    id: uuid.UUID = Field(description="Agreement id")
    number: str = Field(description="Registry number")
    title: str = Field(description="Title")
    kind: str = Field(description="Kind of text: KB, PKS, NK, RK, LOI, NASKAH_LN or ADENDUM")
    category: str = Field(description="KSDD, KSDPK, KSDPL, KSDLL or SINERGI")
    nature: str | None = Field(description="WAJIB or SUKARELA (KSDD only)")
    status: str = Field(description="Status when the report was compiled")
    stage: str = Field(description="Procedure stage when the report was compiled")
    lead_opd: OpdRef = Field(description="The initiating OPD (perangkat daerah pemrakarsa)")
    parties: list[PartyRef] = Field(description="Signing parties, home region first")
    term: Term = Field(description="Signing date and term")
    minimum_contents: MinimumContents = Field(description="The nine minimum contents of P22 Pasal 17(5)")


class ObligationTotals(BaseModel):
    due: int = Field(description="Occurrences due in the period")
    fulfilled: int = Field(description="…fulfilled")
    fulfilled_late: int = Field(description="…fulfilled after their due date (included in fulfilled)")
    late: int = Field(description="…past due and still open when the report was compiled")
    not_fulfilled: int = Field(description="…recorded as not fulfilled")
    suspended: int = Field(description="…suspended by a recorded force majeure")
    open: int = Field(description="…not yet due when the report was compiled")


class ObligationAgreementRow(BaseModel):
    agreement_id: uuid.UUID = Field(description="Agreement id")
    agreement_number: str = Field(description="Registry number")
    agreement_title: str = Field(description="Title")
    totals: ObligationTotals = Field(description="This agreement's occurrences due in the period")


class OccurrenceEntry(BaseModel):
    agreement_number: str = Field(description="Registry number of the agreement")
    kind: str = Field(description="HAK or KEWAJIBAN")
    description: str = Field(description="The obligation")
    clause_reference: str = Field(description="Clause of the text, e.g. 'Pasal 4 ayat (1)'")
    party: str = Field(description="Whose obligation: the home region or a partner's name")
    due_date: date = Field(description="Due date")
    status: str = Field(
        description="pending, in_progress, fulfilled, late (derived), not_fulfilled or suspended_force_majeure"
    )
    fulfilled_on: date | None = Field(description="When it was fulfilled")
    target: Decimal | None = Field(description="Target per occurrence")
    unit: str | None = Field(description="Unit of the target")
    value_realised: Decimal | None = Field(description="Sum of the recorded realised values")


class ObligationsSection(BaseModel):
    totals: ObligationTotals = Field(description="All occurrences due in the period")
    by_agreement: list[ObligationAgreementRow] = Field(description="Per agreement with occurrences due")
    items: list[OccurrenceEntry] = Field(description="Every occurrence due in the period")


class MonitoringEntry(BaseModel):
    report_id: uuid.UUID = Field(description="Monitoring report id")
    agreement_number: str = Field(description="Registry number")
    agreement_title: str = Field(description="Title")
    lead_opd: str = Field(description="Abbreviation of the initiating OPD")
    period: str = Field(description="Monitoring period code, e.g. '2026-S1'")
    period_label: str = Field(description="'Semester I 2026' or 'Tahun 2026'")
    status: str = Field(description="verified, reviewed or final")
    recommendation: str | None = Field(description="continue, expand, revise or stop")
    ratings: dict[str, int] = Field(description="Evaluation questionnaire, 1–5 per question answered")
    problems: str = Field(description="Problems found")
    solutions: str = Field(description="Efforts to solve them")
    other_matters: str = Field(description="Other agreed matters")
    follow_up: str = Field(description="Follow-up")


class MonitoringSection(BaseModel):
    expected: int = Field(description="Agreements of the period that owe a monitoring report")
    verified: int = Field(description="…whose report is verified, reviewed or final")
    reports: list[MonitoringEntry] = Field(description="The verified, reviewed and final reports")
    by_recommendation: list[CountItem] = Field(description="Reports per recommendation")


class ProblemEntry(BaseModel):
    agreement_number: str = Field(description="Registry number")
    agreement_title: str = Field(description="Title")
    lead_opd: str = Field(description="Abbreviation of the initiating OPD")
    problems: str = Field(description="Problems reported")
    solutions: str = Field(description="Efforts to solve them")
    follow_up: str = Field(description="Follow-up")
    late_obligations: int = Field(description="Occurrences due in the period and still open past due")


class ForeignContents(BaseModel):
    """The minimum contents of the yearly report on foreign cooperation, Permendagri 25/2020 Pasal 37."""

    title: str = Field(description="Judul")
    background: str = Field(description="Latar belakang (KAK background, else planning reference)")
    aims: str = Field(description="Maksud dan tujuan")
    scope: str = Field(description="Ruang lingkup")
    progress_results: str = Field(description="Perkembangan dan hasil (obligations realised, reports)")
    beneficiaries: str = Field(description="Penerima manfaat (KAK benefits)")
    funding: str = Field(description="Pembiayaan (funding sources and APBD value)")
    obstacles: str = Field(description="Kendala")
    analysis_follow_up: str = Field(description="Analisis dan tindak lanjut")


class ForeignEntry(BaseModel):
    id: uuid.UUID = Field(description="Agreement id")
    number: str = Field(description="Registry number")
    category: str = Field(description="KSDPL or KSDLL")
    kind: str = Field(description="Kind of text")
    status: str = Field(description="Status when compiled")
    stage: str = Field(description="Stage when compiled")
    lead_opd: OpdRef = Field(description="The initiating OPD")
    parties: list[PartyRef] = Field(description="Signing parties")
    term: Term = Field(description="Signing date and term")
    contents: ForeignContents = Field(description="Permendagri 25/2020 contents")


class ForeignSection(BaseModel):
    legal_basis: str = Field(description="Where the yearly foreign report is required")
    due_note: str = Field(description="When it reaches the Gubernur")
    agreements: list[ForeignEntry] = Field(description="KSDPL and KSDLL active during the period")


class PeriodicReportRead(BaseModel):
    """Laporan Pelaksanaan Kerja Sama Daerah for one semester or year."""

    title: str = Field(description="'Laporan Pelaksanaan Kerja Sama Daerah'")
    region: RegionRef = Field(description="The reporting region (the instance's home region)")
    year: int = Field(description="Year of the period")
    period: PeriodCode = Field(description="S1 (1 Jan–30 Jun), S2 (1 Jul–31 Dec) or annual")
    period_label: str = Field(description="'Semester I 2026', 'Semester II 2026' or 'Tahun 2026'")
    period_start: date = Field(description="First day of the period")
    period_end: date = Field(description="Last day of the period")
    due_date: date = Field(description="When the report is due (S1: 31 July; S2 and annual: 31 January)")
    status: Literal["preview", "finalized"] = Field(
        description="preview: compiled now from live data; finalized: the stored snapshot"
    )
    generated_at: datetime = Field(description="When the content was compiled")
    finalized_at: datetime | None = Field(description="When the period was finalized; null in a preview")
    legal_basis: list[str] = Field(description="The regulations the report answers")
    summary: Summary = Field(description="Counts by category, kind and status")
    agreements: list[AgreementEntry] = Field(
        description="Domestic agreements (KSDD, KSDPK, SINERGI) active during the period, with the nine minimum contents"
    )
    obligations: ObligationsSection = Field(description="Realisation of rights and obligations")
    monitoring: MonitoringSection = Field(description="Monitoring and evaluation results and recommendations")
    problems: list[ProblemEntry] = Field(description="Problems and follow-up")
    foreign: ForeignSection = Field(description="Foreign cooperation (KSDPL, KSDLL), Permendagri 25/2020")


class SendingCreate(InputModel):
    recipient: Recipient = Field(description="wali_kota or gubernur")
    sent_date: Day = Field(description="Date of the cover letter / sending (YYYY-MM-DD)")
    letter_number: str = Field(
        min_length=1, max_length=120, description="Number of the cover letter (nomor surat pengantar)"
    )


class SendingRead(BaseModel):
    id: uuid.UUID = Field(description="Sending id")
    recipient: Recipient = Field(description="wali_kota or gubernur")
    sent_date: date = Field(description="Date of the sending")
    letter_number: str = Field(description="Number of the cover letter")
    created_at: datetime = Field(description="When it was recorded")


class FinalizedReportRead(BaseModel):
    id: uuid.UUID = Field(description="Finalized report id")
    year: int = Field(description="Year of the period")
    period: PeriodCode = Field(description="S1, S2 or annual")
    period_label: str = Field(description="'Semester I 2026' …")
    period_start: date = Field(description="First day of the period")
    period_end: date = Field(description="Last day of the period")
    generated_at: datetime = Field(description="When the content was compiled")
    finalized_at: datetime = Field(description="When it was finalized")
    finalized_by: str | None = Field(description="Username of who finalized it; null for the province")
    json_sha256: str = Field(description="SHA-256 (hex) of the stored JSON bytes")
    pdf_sha256: str = Field(description="SHA-256 (hex) of the stored PDF bytes")
    xlsx_sha256: str = Field(description="SHA-256 (hex) of the stored XLSX bytes")
    sendings: list[SendingRead] = Field(
        description="Sendings to the Wali Kota and the Gubernur, oldest first"
    )


FinalizedReportPage = Page[FinalizedReportRead]
