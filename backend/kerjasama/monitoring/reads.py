"""Read models of reports: the form with the agreement's items, evidence, history and next actions."""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from kerjasama.agreements.schemas import OpdBrief
from kerjasama.models import Agreement, MonitoringReport
from kerjasama.monitoring import repository as repo
from kerjasama.monitoring.periods import parse_period, period_label
from kerjasama.monitoring.reports import state_of
from kerjasama.monitoring.schemas import (
    RatingsRead,
    RealisationItem,
    ReportAgreementItems,
    ReportEventRead,
    ReportParty,
    ReportRead,
    ReportSummary,
)
from kerjasama.monitoring.workflow import allowed_actions


def label_of(report: MonitoringReport) -> str:
    return period_label(parse_period(report.period))


def summary_read(report: MonitoringReport, today: date) -> ReportSummary:
    return ReportSummary(
        id=report.id,
        agreement_id=report.agreement_id,
        period=report.period,
        period_label=label_of(report),
        period_start=report.period_start,
        period_end=report.period_end,
        due_date=report.due_date,
        status=report.status,
        state=state_of(report, today),
        submitted_at=report.submitted_at,
        finalised_at=report.finalised_at,
        version=report.version,
    )


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


def detail_read(session: Session, report: MonitoringReport, agreement: Agreement, today: date) -> ReportRead:
    """The report with the agreement's items, evidence and history (agreement loaded with its parties)."""
    return ReportRead(
        **summary_read(report, today).model_dump(),
        agreement=agreement_items(agreement),
        problems=report.problems,
        solutions=report.solutions,
        other_matters=report.other_matters,
        follow_up=report.follow_up,
        ratings=RatingsRead(**(report.ratings or {})),
        recommendation=report.recommendation,
        realisation=[RealisationItem.model_validate(i) for i in report.realisation or []],
        document_ids=repo.document_ids(session, report.id),
        return_reason=report.return_reason,
        allowed_actions=allowed_actions(report.status),
        events=[
            ReportEventRead(
                action=e.action,
                from_status=e.from_status,
                to_status=e.to_status,
                actor_username=e.actor_username,
                actor_role=e.actor_role,
                reason=e.reason,
                at=e.at,
            )
            for e in repo.events(session, report.id)
        ],
        created_at=report.created_at,
        updated_at=report.updated_at,
    )


def list_reports(session: Session, agreement: Agreement, today: date) -> list[ReportSummary]:
    return [summary_read(r, today) for r in repo.for_agreement(session, agreement.id)]
