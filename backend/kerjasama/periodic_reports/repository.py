"""Every query of the periodic report: the period's agreements, occurrences and monitoring reports,
and the finalized snapshots with their sendings."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select
from sqlalchemy.orm import Session, selectinload

from kerjasama.core.pagination import SortSpec, apply_keyset
from kerjasama.models import (
    Agreement,
    AgreementParty,
    MonitoringReport,
    Obligation,
    ObligationFulfilment,
    ObligationOccurrence,
    Opd,
    Partner,
    PeriodicReport,
    PeriodicReportSending,
    Region,
)

# Statuses a text can have once signed; drafts, cancelled and rejected texts are never reported.
REPORTED_STATUSES = ("in_progress", "in_force", "ended")
# Monitoring reports the report relies on: checked by the secretariat at least (P22 Pasal 17, 39).
CHECKED_REPORT_STATUSES = ("verified", "reviewed", "final")


def region_name(session: Session, code: str) -> str | None:
    return session.scalar(select(Region.name).where(Region.code == code))


def active_during(start: date, end: date) -> ColumnElement[bool]:
    """Signed, in force on or before the period's end (a signed text whose start date is after the period
    is not yet in force: rules/status.py) and not ended before its start; never a draft."""
    term_end = func.coalesce(Agreement.ended_date, Agreement.end_date)
    return and_(
        Agreement.signed_date.is_not(None),
        func.coalesce(Agreement.start_date, Agreement.signed_date) <= end,
        Agreement.status.in_(REPORTED_STATUSES),
        or_(term_end.is_(None), term_end >= start),
    )


def agreements(session: Session, start: date, end: date) -> Sequence[Agreement]:
    """The period's agreements with their parties (and partners) and lead OPD."""
    stmt = (
        select(Agreement)
        .where(active_during(start, end))
        .options(
            selectinload(Agreement.parties).selectinload(AgreementParty.partner),
            selectinload(Agreement.lead_opd),
        )
        .order_by(Agreement.category, Agreement.number)
    )
    return session.scalars(stmt).all()


def occurrences(session: Session, start: date, end: date) -> list[Any]:
    """Occurrences due in the period of the period's agreements: occurrence, obligation, agreement
    number, partner name (NULL = home region) and the sum of realised values."""
    realised = (
        select(
            ObligationFulfilment.occurrence_id.label("occurrence_id"),
            func.sum(ObligationFulfilment.value_realised).label("value_realised"),
        )
        .group_by(ObligationFulfilment.occurrence_id)
        .subquery()
    )
    stmt = (
        select(
            ObligationOccurrence,
            Obligation,
            Agreement.id.label("agreement_id"),
            Agreement.number.label("agreement_number"),
            Agreement.title.label("agreement_title"),
            Partner.name.label("partner_name"),
            realised.c.value_realised,
        )
        .join(Obligation, Obligation.id == ObligationOccurrence.obligation_id)
        .join(Agreement, Agreement.id == Obligation.agreement_id)
        .outerjoin(Partner, Partner.id == Obligation.partner_id)
        .outerjoin(realised, realised.c.occurrence_id == ObligationOccurrence.id)
        .where(
            active_during(start, end),
            ObligationOccurrence.due_date >= start,
            ObligationOccurrence.due_date <= end,
        )
        .order_by(Agreement.number, ObligationOccurrence.due_date, Obligation.description)
    )
    return list(session.execute(stmt).all())


def monitoring_reports(session: Session, periods: Sequence[str]) -> list[Any]:
    """Verified, reviewed and final monitoring reports of the periods: report, agreement number,
    title, category and lead OPD abbreviation."""
    stmt = (
        select(
            MonitoringReport,
            Agreement.number.label("agreement_number"),
            Agreement.title.label("agreement_title"),
            Agreement.category.label("category"),
            Opd.abbreviation.label("lead_opd"),
        )
        .join(Agreement, Agreement.id == MonitoringReport.agreement_id)
        .join(Opd, Opd.id == Agreement.lead_opd_id)
        .where(
            MonitoringReport.period.in_(list(periods)),
            MonitoringReport.status.in_(CHECKED_REPORT_STATUSES),
        )
        .order_by(Agreement.number, MonitoringReport.period)
    )
    return list(session.execute(stmt).all())


# --- finalized snapshots ---------------------------------------------------------------------------


def finalized(session: Session, year: int, period: str) -> PeriodicReport | None:
    return session.scalar(
        select(PeriodicReport).where(PeriodicReport.year == year, PeriodicReport.period == period)
    )


def finalized_by_id(session: Session, report_id: uuid.UUID) -> PeriodicReport | None:
    return session.get(PeriodicReport, report_id)


def finalized_periods(session: Session, years: Sequence[int]) -> set[tuple[int, str]]:
    rows = session.execute(
        select(PeriodicReport.year, PeriodicReport.period).where(PeriodicReport.year.in_(list(years)))
    )
    return {(r.year, r.period) for r in rows}


def has_foreign(session: Session, start: date, end: date, categories: Sequence[str]) -> bool:
    stmt = select(Agreement.id).where(active_during(start, end), Agreement.category.in_(list(categories)))
    return session.scalar(stmt.limit(1)) is not None


# The list never loads the stored bytes: only what a listing shows.
LIST_COLUMNS = (
    PeriodicReport.id,
    PeriodicReport.year,
    PeriodicReport.period,
    PeriodicReport.period_start,
    PeriodicReport.period_end,
    PeriodicReport.generated_at,
    PeriodicReport.finalized_at,
    PeriodicReport.finalized_by_username,
    PeriodicReport.json_sha256,
    PeriodicReport.pdf_sha256,
    PeriodicReport.xlsx_sha256,
)


def listing(year: int | None, period: str | None) -> Select[*tuple[Any, ...]]:
    stmt = select(*LIST_COLUMNS)
    if year is not None:
        stmt = stmt.where(PeriodicReport.year == year)
    if period is not None:
        stmt = stmt.where(PeriodicReport.period == period)
    return stmt


def count(session: Session, stmt: Select[*tuple[Any, ...]]) -> int:
    return int(session.scalar(select(func.count()).select_from(stmt.subquery())) or 0)


def page(
    session: Session,
    stmt: Select[*tuple[Any, ...]],
    spec: SortSpec,
    after: tuple[Any, Any] | None,
    limit: int,
) -> list[Any]:
    return list(session.execute(apply_keyset(stmt, spec, PeriodicReport.id, after).limit(limit + 1)).all())


def meta_row(session: Session, report_id: uuid.UUID) -> Any:
    return session.execute(select(*LIST_COLUMNS).where(PeriodicReport.id == report_id)).first()


def sendings(
    session: Session, report_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[PeriodicReportSending]]:
    out: dict[uuid.UUID, list[PeriodicReportSending]] = {}
    if not report_ids:
        return out
    stmt = (
        select(PeriodicReportSending)
        .where(PeriodicReportSending.report_id.in_(list(report_ids)))
        .order_by(PeriodicReportSending.sent_date, PeriodicReportSending.created_at)
    )
    for s in session.scalars(stmt):
        out.setdefault(s.report_id, []).append(s)
    return out
