"""Compiles the report's content from live data: agreements, obligation occurrences, monitoring reports.

Which agreements: signed on or before the period's end, not ended before its start, never a draft
(repository.active_during). Domestic texts (KSDD, KSDPK, SINERGI) carry the nine minimum contents of
Permendagri 22/2020 Pasal 17(5)/39(5); items 7–9 (problems, efforts, other matters) come from the
period's latest monitoring report that the secretariat has at least verified. Foreign texts (KSDPL,
KSDLL) get their own section with the contents of Permendagri 25/2020 Pasal 37.
"""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from kerjasama.core.formatting import indonesian_date
from kerjasama.models import Agreement, MonitoringReport
from kerjasama.models.agreements import CATEGORIES, KINDS, STATUSES
from kerjasama.models.obligations import OPEN_STATUSES
from kerjasama.monitoring import service as monitoring_service
from kerjasama.monitoring.periods import parse_period, period_label
from kerjasama.periodic_reports import labels
from kerjasama.periodic_reports import repository as repo
from kerjasama.periodic_reports.periods import FOREIGN_CATEGORIES, ReportPeriod
from kerjasama.periodic_reports.schemas import (
    AgreementEntry,
    CountItem,
    ForeignContents,
    ForeignEntry,
    ForeignSection,
    MinimumContents,
    MonitoringEntry,
    MonitoringSection,
    ObligationAgreementRow,
    ObligationsSection,
    ObligationTotals,
    OccurrenceEntry,
    OpdRef,
    PartyRef,
    PeriodicReportRead,
    ProblemEntry,
    RegionRef,
    Summary,
    Term,
)

TITLE = "Laporan Pelaksanaan Kerja Sama Daerah"
LEGAL_BASIS = [
    "Peraturan Pemerintah Nomor 28 Tahun 2018 tentang Kerja Sama Daerah",
    "Permendagri Nomor 22 Tahun 2020, Pasal 17, 39, 46 ayat (2) huruf j dan ayat (3), serta Pasal 60",
    "Permendagri Nomor 25 Tahun 2020, Pasal 35 sampai dengan Pasal 38 (kerja sama luar negeri)",
]
FOREIGN_BASIS = "Permendagri Nomor 25 Tahun 2020, Pasal 35 sampai dengan Pasal 38"
FOREIGN_DUE = (
    "Laporan tahunan kerja sama daerah dengan pemerintah daerah dan lembaga di luar negeri disampaikan "
    "Wali Kota kepada Gubernur paling lambat minggu pertama bulan Januari tahun berikutnya."
)


def rupiah(value: Decimal) -> str:
    """'Rp 1.250.000.000' (no decimals when whole)."""
    whole = int(value)
    text = f"{whole:,}".replace(",", ".")
    cents = int((value - whole) * 100)
    return f"Rp {text}" + (f",{cents:02d}" if cents else "")


def term_text(a: Agreement) -> str:
    start = a.start_date or a.signed_date
    first = indonesian_date(start) if start else "—"
    if a.end_date is None:
        return f"{first} s.d. tidak ditentukan"
    return f"{first} s.d. {indonesian_date(a.end_date)}"


class _Occurrences:
    """The period's occurrences, classified once."""

    def __init__(self, rows: Sequence[Any], today: date) -> None:
        self.items: list[tuple[uuid.UUID, OccurrenceEntry]] = []
        for r in rows:
            occ, obligation = r[0], r[1]
            late = occ.status in OPEN_STATUSES and occ.due_date < today
            entry = OccurrenceEntry(
                agreement_number=r.agreement_number,
                kind=obligation.kind,
                description=obligation.description,
                clause_reference=obligation.clause_reference,
                party=r.partner_name or "",
                due_date=occ.due_date,
                status="late" if late else occ.status,
                fulfilled_on=occ.fulfilled_on,
                target=obligation.target,
                unit=obligation.unit,
                value_realised=r.value_realised,
            )
            self.items.append((r.agreement_id, entry))
        self.titles = {r.agreement_id: (r.agreement_number, r.agreement_title) for r in rows}
        self.by_agreement: dict[uuid.UUID, list[OccurrenceEntry]] = {}
        for aid, e in self.items:
            self.by_agreement.setdefault(aid, []).append(e)

    @staticmethod
    def totals(entries: Iterable[OccurrenceEntry]) -> ObligationTotals:
        t = Counter[str]()
        for e in entries:
            t["due"] += 1
            t[e.status] += 1
            if e.status == "fulfilled" and e.fulfilled_on is not None and e.fulfilled_on > e.due_date:
                t["fulfilled_late"] += 1
        return ObligationTotals(
            due=t["due"],
            fulfilled=t["fulfilled"],
            fulfilled_late=t["fulfilled_late"],
            late=t["late"],
            not_fulfilled=t["not_fulfilled"],
            suspended=t["suspended_force_majeure"],
            open=t["pending"] + t["in_progress"],
        )

    def of(self, agreement_id: uuid.UUID) -> list[OccurrenceEntry]:
        return self.by_agreement.get(agreement_id, [])

    def section(self) -> ObligationsSection:
        return ObligationsSection(
            totals=self.totals(e for _, e in self.items),
            by_agreement=[
                ObligationAgreementRow(
                    agreement_id=aid,
                    agreement_number=self.titles[aid][0],
                    agreement_title=self.titles[aid][1],
                    totals=self.totals(entries),
                )
                for aid, entries in self.by_agreement.items()
            ],
            items=[e for _, e in self.items],
        )


def _parties(a: Agreement, home_name: str) -> list[PartyRef]:
    return [
        PartyRef(
            role="HOME" if p.partner is None else "PARTNER",
            name=home_name if p.partner is None else p.partner.name,
            partner_type=None if p.partner is None else p.partner.type,
            country_code=None if p.partner is None else p.partner.country_code,
            signatory_title=p.signatory_title,
        )
        for p in a.parties
    ]


def _opd(a: Agreement) -> OpdRef:
    return OpdRef(code=a.lead_opd.code, name=a.lead_opd.name, abbreviation=a.lead_opd.abbreviation)


def _term(a: Agreement) -> Term:
    return Term(
        signed_date=a.signed_date, start_date=a.start_date, end_date=a.end_date, ended_date=a.ended_date
    )


def _counts(
    counter: Counter[str], order: Sequence[str], table: dict[str, str], keep_zero: bool
) -> list[CountItem]:
    return [
        CountItem(code=code, label=labels.label(table, code), count=counter[code])
        for code in order
        if keep_zero or counter[code]
    ]


def _summary(agreements: Sequence[Agreement], period: ReportPeriod) -> Summary:
    def ended_in(a: Agreement) -> bool:
        end = a.ended_date or a.end_date
        return end is not None and period.start <= end <= period.end

    return Summary(
        total=len(agreements),
        by_category=_counts(Counter(a.category for a in agreements), CATEGORIES, labels.CATEGORY, True),
        by_kind=_counts(Counter(a.kind for a in agreements), KINDS, labels.KIND, False),
        by_status=_counts(Counter(a.status for a in agreements), STATUSES, labels.STATUS, False),
        new_in_period=sum(
            1 for a in agreements if a.signed_date is not None and period.start <= a.signed_date <= period.end
        ),
        ended_in_period=sum(1 for a in agreements if ended_in(a)),
    )


def _latest_reports(rows: Sequence[Any]) -> dict[uuid.UUID, MonitoringReport]:
    """Per agreement, the checked report of the latest period (a yearly report beats its semesters)."""
    out: dict[uuid.UUID, MonitoringReport] = {}
    for r in rows:
        report: MonitoringReport = r[0]
        current = out.get(report.agreement_id)
        if current is None or (report.period_end, report.period_start) > (
            current.period_end,
            current.period_start,
        ):
            out[report.agreement_id] = report
    return out


def _monitoring(
    session: Session, period: ReportPeriod, rows: Sequence[Any], today: date
) -> MonitoringSection:
    owed = [
        o
        for code in period.monitoring_periods
        for o in monitoring_service.owed_reports(session, None, code, today)
    ]
    reports = [
        MonitoringEntry(
            report_id=r[0].id,
            agreement_number=r.agreement_number,
            agreement_title=r.agreement_title,
            lead_opd=r.lead_opd,
            period=r[0].period,
            period_label=period_label(parse_period(r[0].period)),
            status=r[0].status,
            recommendation=r[0].recommendation,
            ratings={k: v for k, v in (r[0].ratings or {}).items() if isinstance(v, int)},
            problems=r[0].problems,
            solutions=r[0].solutions,
            other_matters=r[0].other_matters,
            follow_up=r[0].follow_up,
        )
        for r in rows
    ]
    recommendations = Counter(e.recommendation for e in reports if e.recommendation)
    return MonitoringSection(
        expected=len(owed),
        verified=sum(1 for o in owed if o.report_status in repo.CHECKED_REPORT_STATUSES),
        reports=reports,
        by_recommendation=_counts(
            recommendations, tuple(labels.RECOMMENDATION), labels.RECOMMENDATION, False
        ),
    )


def _minimum_contents(
    a: Agreement, parties: list[PartyRef], report: MonitoringReport | None
) -> MinimumContents:
    return MinimumContents(
        title=a.title,
        form=labels.label(labels.KIND, a.kind),
        parties="; ".join(p.name for p in parties),
        purpose=a.purpose,
        object=a.object,
        term=term_text(a),
        problems=report.problems if report else "",
        solutions=report.solutions if report else "",
        other_matters=report.other_matters if report else "",
        source_report_period=report.period if report else None,
    )


def _funding(a: Agreement) -> str:
    parts = [labels.label(labels.FUNDING, f) for f in a.funding_sources or []]
    if a.apbd_value is not None:
        parts.append(f"nilai APBD {rupiah(a.apbd_value)}")
    return "; ".join(parts)


def _progress(totals: ObligationTotals, report: MonitoringReport | None) -> str:
    text = (
        f"Kewajiban jatuh tempo dalam periode: {totals.due}; terpenuhi: {totals.fulfilled}; "
        f"terlambat: {totals.late}; tidak terpenuhi: {totals.not_fulfilled}."
    )
    if report is not None:
        if report.other_matters:
            text += f" {report.other_matters}"
        if report.recommendation:
            text += f" Rekomendasi evaluasi: {labels.label(labels.RECOMMENDATION, report.recommendation)}."
    return text


def _join(*texts: str) -> str:
    return " ".join(t.strip() for t in texts if t and t.strip())


def compile_report(
    session: Session, home_region: str, period: ReportPeriod, today: date, now: datetime
) -> PeriodicReportRead:
    """The report as the data stand now (`today` in the region's calendar decides what is late)."""
    home_name = repo.region_name(session, home_region) or home_region
    agreements = repo.agreements(session, period.start, period.end)
    occurrences = _Occurrences(repo.occurrences(session, period.start, period.end), today)
    monitoring_rows = repo.monitoring_reports(session, period.monitoring_periods)
    latest = _latest_reports(monitoring_rows)

    domestic: list[AgreementEntry] = []
    foreign: list[ForeignEntry] = []
    problems: list[ProblemEntry] = []
    for a in agreements:
        parties = _parties(a, home_name)
        report = latest.get(a.id)
        totals = occurrences.totals(occurrences.of(a.id))
        if a.category in FOREIGN_CATEGORIES:
            foreign.append(
                ForeignEntry(
                    id=a.id,
                    number=a.number,
                    category=a.category,
                    kind=a.kind,
                    status=a.status,
                    stage=a.stage,
                    lead_opd=_opd(a),
                    parties=parties,
                    term=_term(a),
                    contents=ForeignContents(
                        title=a.title,
                        # The OPD's report writes the P25 Pasal 37 contents; the agreement fills gaps.
                        background=_join(report.background if report else "")
                        or (a.kak or {}).get("background")
                        or a.planning_reference
                        or "",
                        aims=a.purpose,
                        scope=a.scope,
                        progress_results=_join(
                            report.progress_results if report else "", _progress(totals, report)
                        ),
                        beneficiaries=_join(report.beneficiaries if report else "")
                        or (a.kak or {}).get("benefits", ""),
                        funding=_join(report.funding if report else "") or _funding(a),
                        obstacles=report.problems if report else "",
                        analysis_follow_up=_join(report.analysis, report.solutions, report.follow_up)
                        if report
                        else "",
                    ),
                )
            )
        else:
            domestic.append(
                AgreementEntry(
                    id=a.id,
                    number=a.number,
                    title=a.title,
                    kind=a.kind,
                    category=a.category,
                    nature=a.nature,
                    status=a.status,
                    stage=a.stage,
                    lead_opd=_opd(a),
                    parties=parties,
                    term=_term(a),
                    minimum_contents=_minimum_contents(a, parties, report),
                )
            )
        has_problem = report is not None and bool(report.problems.strip())
        if has_problem or totals.late:
            problems.append(
                ProblemEntry(
                    agreement_number=a.number,
                    agreement_title=a.title,
                    lead_opd=a.lead_opd.abbreviation,
                    problems=report.problems if report else "",
                    solutions=report.solutions if report else "",
                    follow_up=report.follow_up if report else "",
                    late_obligations=totals.late,
                )
            )

    return PeriodicReportRead(
        title=TITLE,
        region=RegionRef(code=home_region, name=home_name),
        year=period.year,
        period=period.code,
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        due_date=period.due_date,
        status="preview",
        generated_at=now.replace(microsecond=0),
        finalized_at=None,
        legal_basis=LEGAL_BASIS,
        summary=_summary(agreements, period),
        agreements=domestic,
        obligations=occurrences.section(),
        monitoring=_monitoring(session, period, monitoring_rows, today),
        problems=problems,
        foreign=ForeignSection(legal_basis=FOREIGN_BASIS, due_note=FOREIGN_DUE, agreements=foreign),
    )
