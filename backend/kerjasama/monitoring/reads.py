"""Read models of reports: the form with the agreement's items, evidence, history and next actions."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy.orm import Session

from kerjasama.agreements.schemas import OpdBrief
from kerjasama.core.auth import Principal
from kerjasama.core.config import Settings
from kerjasama.core.policy import person, sees_signed_only
from kerjasama.models import Agreement, MonitoringReport, MonitoringReportEvent
from kerjasama.monitoring import repository as repo
from kerjasama.monitoring import service
from kerjasama.monitoring.periods import (
    DEFAULT_DUE_DAYS,
    FOREIGN_DUE_DAYS,
    is_foreign,
    parse_period,
    period_label,
)
from kerjasama.monitoring.reports import state_of
from kerjasama.monitoring.schemas import (
    DueCounts,
    DueItem,
    DueOpdGroup,
    MonitoringDueRead,
    MonitoringSettingRead,
    PeriodRead,
    RatingsRead,
    RealisationItem,
    ReportAgreementItems,
    ReportEventRead,
    ReportParty,
    ReportRead,
    ReportSummary,
)
from kerjasama.monitoring.workflow import actions_for, required_to_submit


def label_of(report: MonitoringReport) -> str:
    return period_label(parse_period(report.period))


def _summary_fields(report: MonitoringReport, today: date) -> dict[str, object]:
    """The list shape's fields, shared by the detail (validated once, not dumped and validated again)."""
    return {
        "id": report.id,
        "agreement_id": report.agreement_id,
        "period": report.period,
        "period_label": label_of(report),
        "period_start": report.period_start,
        "period_end": report.period_end,
        "due_date": report.due_date,
        "status": report.status,
        "state": state_of(report, today),
        "submitted_at": report.submitted_at,
        "finalised_at": report.finalised_at,
        "version": report.version,
    }


def summary_read(report: MonitoringReport, today: date, principal: Principal) -> ReportSummary:
    """The list shape of a report (ReportSummary)."""
    return ReportSummary(**_summary_fields(report, today))


def agreement_items(agreement: Agreement) -> ReportAgreementItems:
    """The minimum items copied from the agreement (P22 Pasal 17/39), read at the time of reading."""
    return ReportAgreementItems(
        number=agreement.number,
        title=agreement.title,
        kind=agreement.kind,
        category=agreement.category,
        parties=[
            ReportParty(
                role=p.role,
                partner_id=p.partner_id,
                name=p.partner.name if p.partner is not None else None,
                signatory_name=p.signatory_name,
                signatory_title=p.signatory_title,
            )
            for p in agreement.parties
        ],
        purpose=agreement.purpose,
        object=agreement.object,
        scope=agreement.scope,
        start_date=agreement.start_date,
        end_date=agreement.end_date,
        lead_opd=OpdBrief.model_validate(agreement.lead_opd),
    )


def detail_read(
    session: Session, report: MonitoringReport, agreement: Agreement, today: date, principal: Principal
) -> ReportRead:
    """The report with the agreement's items, evidence and history (agreement loaded with its parties)."""
    return _detail(
        report,
        agreement,
        today,
        principal,
        repo.document_ids(session, report.id),
        repo.events(session, report.id),
    )


def detail_reads(
    session: Session, pairs: list[tuple[MonitoringReport, Agreement]], today: date, principal: Principal
) -> dict[uuid.UUID, ReportRead]:
    """`detail_read` for many reports (the change feed's pages): two statements whatever their number."""
    ids = [r.id for r, _ in pairs]
    documents = repo.document_ids_of_many(session, ids)
    events = repo.events_of_many(session, ids)
    return {
        r.id: _detail(r, a, today, principal, documents.get(r.id, []), events.get(r.id, [])) for r, a in pairs
    }


def _detail(
    report: MonitoringReport,
    agreement: Agreement,
    today: date,
    principal: Principal,
    document_ids: list[uuid.UUID],
    events: Sequence[MonitoringReportEvent],
) -> ReportRead:
    return ReportRead(
        **_summary_fields(report, today),
        agreement=agreement_items(agreement),
        problems=report.problems,
        solutions=report.solutions,
        other_matters=report.other_matters,
        follow_up=report.follow_up,
        foreign=is_foreign(agreement.category),
        background=report.background,
        progress_results=report.progress_results,
        beneficiaries=report.beneficiaries,
        funding=report.funding,
        analysis=report.analysis,
        required_to_submit=list(required_to_submit(agreement)),
        ratings=RatingsRead(**(report.ratings or {})),
        recommendation=report.recommendation,
        realisation=[RealisationItem.model_validate(i) for i in report.realisation or []],
        document_ids=document_ids,
        return_reason=report.return_reason,
        allowed_actions=actions_for(principal, report.status),
        events=[
            ReportEventRead(
                action=e.action,
                from_status=e.from_status,
                to_status=e.to_status,
                actor_username=person(principal, e.actor_username),
                actor_role=e.actor_role,
                reason=e.reason,
                at=e.at,
            )
            for e in events
        ],
        created_at=report.created_at,
        updated_at=report.updated_at,
    )


def list_reports(
    session: Session, agreement: Agreement, today: date, principal: Principal
) -> list[ReportSummary]:
    return [
        summary_read(r, today, principal)
        for r in repo.for_agreement(session, agreement.id)
        if r.status == "final" or not sees_signed_only(principal)  # the province reads final reports only
    ]


def setting(
    session: Session, agreement: Agreement, principal: Principal
) -> tuple[MonitoringSettingRead, int]:
    """The agreement's reporting setting (the defaults while none is stored) and its version (ETag)."""
    cadence, due_days, row = service.effective_setting(session, agreement)
    version = row.version if row is not None else 0
    read = MonitoringSettingRead(
        agreement_id=agreement.id,
        cadence=cadence,
        due_days=due_days,
        is_default=row is None,
        version=version,
    )
    return read, version


# --- what is due ---------------------------------------------------------------------------------


def _counts(items: list[service.OwedReport]) -> DueCounts:
    states = [i.state for i in items]
    return DueCounts(
        expected=len(items),
        owed=states.count("owed"),
        submitted=states.count("submitted"),
        overdue=states.count("overdue"),
        missing=states.count("missing"),
    )


def due(
    session: Session, settings: Settings, principal: Principal, period: str | None, today: date
) -> MonitoringDueRead:
    """What each lead OPD owes for a period (GET /monitoring/due), over the caller's scope."""
    periods = service.periods_for(period, today)
    items = service.owed_reports(session, principal, period, today, timezone=settings.timezone)
    by_opd: dict[uuid.UUID, list[service.OwedReport]] = {}
    for item in items:
        by_opd.setdefault(item.lead_opd_id, []).append(item)
    opds = service.opds_by_id(session, list(by_opd))
    groups = [
        DueOpdGroup(
            opd=OpdBrief.model_validate(opds[opd_id]),
            counts=_counts(owed),
            items=[
                DueItem(
                    agreement_id=i.agreement_id,
                    agreement_number=i.agreement_number,
                    agreement_title=i.agreement_title,
                    agreement_kind=i.agreement_kind,
                    lead_opd_id=i.lead_opd_id,
                    period=i.period,
                    period_label=i.period_label,
                    cadence=i.cadence,
                    due_date=i.due_date,
                    state=i.state,
                    report_id=i.report_id,
                    report_status=i.report_status,
                    submitted_at=i.submitted_at,
                    on_time=i.on_time,
                )
                for i in sorted(owed, key=lambda i: (i.due_date, i.agreement_number))
            ],
        )
        for opd_id, owed in by_opd.items()
    ]
    return MonitoringDueRead(
        as_of=today,
        periods=[
            PeriodRead(
                code=p.code,
                label=period_label(p),
                cadence=p.cadence,
                start=p.start,
                end=p.end,
                default_due_date=p.due_date(FOREIGN_DUE_DAYS if p.cadence == "year" else DEFAULT_DUE_DAYS),
            )
            for p in periods
        ],
        counts=_counts(items),
        opds=sorted(groups, key=lambda g: (g.opd.abbreviation, g.opd.code)),
    )
