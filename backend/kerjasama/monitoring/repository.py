"""Queries of the monitoring domain: reports, their history, and what each agreement owes per period.

What is owed is computed by one query (`owed_select`) that both the due list and the dashboard read,
so that the states (owed / submitted / overdue / missing) are defined in exactly one place.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import (
    ColumnElement,
    Date,
    Select,
    and_,
    case,
    delete,
    false,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from kerjasama.models import (
    Agreement,
    FulfilmentDocument,
    MonitoringReport,
    MonitoringReportDocument,
    MonitoringReportEvent,
    MonitoringSetting,
    Obligation,
    ObligationFulfilment,
    ObligationOccurrence,
    Opd,
    Partner,
)
from kerjasama.monitoring.periods import (
    DEFAULT_CADENCE,
    DEFAULT_DUE_DAYS,
    FOREIGN_DUE_DAYS,
    YEARLY_CATEGORIES,
    Period,
)

SUBMITTED_STATUSES = ("submitted", "verified", "reviewed", "final")
EDITABLE_STATUSES = ("draft", "returned")
# An ADENDUM changes its parent text and is reported on through it; every other text in force reports.
NON_REPORTING_KINDS = ("ADENDUM",)


# --- reports ---------------------------------------------------------------------------------------


def get(session: Session, report_id: uuid.UUID) -> MonitoringReport | None:
    return session.get(MonitoringReport, report_id)


def get_many(session: Session, report_ids: Sequence[uuid.UUID]) -> list[MonitoringReport]:
    ids = set(report_ids)
    return list(session.scalars(select(MonitoringReport).where(MonitoringReport.id.in_(ids)))) if ids else []


def for_agreement(session: Session, agreement_id: uuid.UUID) -> Sequence[MonitoringReport]:
    return session.scalars(
        select(MonitoringReport)
        .where(MonitoringReport.agreement_id == agreement_id)
        .order_by(MonitoringReport.period_start.desc(), MonitoringReport.period)
    ).all()


def find(session: Session, agreement_id: uuid.UUID, period: str) -> MonitoringReport | None:
    return session.scalar(
        select(MonitoringReport).where(
            MonitoringReport.agreement_id == agreement_id, MonitoringReport.period == period
        )
    )


def events(session: Session, report_id: uuid.UUID) -> Sequence[MonitoringReportEvent]:
    return session.scalars(
        select(MonitoringReportEvent)
        .where(MonitoringReportEvent.report_id == report_id)
        .order_by(MonitoringReportEvent.at, MonitoringReportEvent.id)
    ).all()


def document_ids(session: Session, report_id: uuid.UUID) -> list[uuid.UUID]:
    return list(
        session.scalars(
            select(MonitoringReportDocument.document_id)
            .where(MonitoringReportDocument.report_id == report_id)
            .order_by(MonitoringReportDocument.document_id)
        )
    )


def events_of_many(
    session: Session, report_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[MonitoringReportEvent]]:
    """`events` for many reports, in one statement."""
    out: dict[uuid.UUID, list[MonitoringReportEvent]] = {}
    if report_ids:
        for e in session.scalars(
            select(MonitoringReportEvent)
            .where(MonitoringReportEvent.report_id.in_(set(report_ids)))
            .order_by(MonitoringReportEvent.at, MonitoringReportEvent.id)
        ):
            out.setdefault(e.report_id, []).append(e)
    return out


def document_ids_of_many(
    session: Session, report_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[uuid.UUID]]:
    """`document_ids` for many reports, in one statement."""
    out: dict[uuid.UUID, list[uuid.UUID]] = {}
    if report_ids:
        for report_id, document_id in session.execute(
            select(MonitoringReportDocument.report_id, MonitoringReportDocument.document_id)
            .where(MonitoringReportDocument.report_id.in_(set(report_ids)))
            .order_by(MonitoringReportDocument.document_id)
        ):
            out.setdefault(report_id, []).append(document_id)
    return out


def replace_documents(session: Session, report_id: uuid.UUID, ids: Sequence[uuid.UUID]) -> None:
    session.execute(delete(MonitoringReportDocument).where(MonitoringReportDocument.report_id == report_id))
    session.add_all(MonitoringReportDocument(report_id=report_id, document_id=i) for i in ids)
    session.flush()


def setting(session: Session, agreement_id: uuid.UUID) -> MonitoringSetting | None:
    return session.get(MonitoringSetting, agreement_id)


def open_reports(session: Session, agreement_id: uuid.UUID) -> Sequence[MonitoringReport]:
    """Reports not yet submitted: their due date follows the agreement's setting."""
    return session.scalars(
        select(MonitoringReport).where(
            MonitoringReport.agreement_id == agreement_id,
            MonitoringReport.status.in_(EDITABLE_STATUSES),
        )
    ).all()


# --- realisation of obligations --------------------------------------------------------------------


def occurrences_in_period(
    session: Session, agreement_id: uuid.UUID, start: date, end: date
) -> list[tuple[ObligationOccurrence, Obligation, str | None]]:
    """Occurrences of the agreement's obligations due in [start, end], with the partner's name."""
    rows = session.execute(
        select(ObligationOccurrence, Obligation, Partner.name)
        .join(Obligation, Obligation.id == ObligationOccurrence.obligation_id)
        .outerjoin(Partner, Partner.id == Obligation.partner_id)
        .where(
            Obligation.agreement_id == agreement_id,
            ObligationOccurrence.due_date >= start,
            ObligationOccurrence.due_date <= end,
        )
        .order_by(ObligationOccurrence.due_date, Obligation.created_at, ObligationOccurrence.seq)
    ).all()
    return [(occ, obl, name) for occ, obl, name in rows]


def fulfilments_of(
    session: Session, occurrence_ids: Sequence[uuid.UUID]
) -> tuple[Sequence[ObligationFulfilment], dict[uuid.UUID, list[uuid.UUID]]]:
    """The fulfilment records of these occurrences and, per record, its evidence documents."""
    if not occurrence_ids:
        return [], {}
    records = session.scalars(
        select(ObligationFulfilment)
        .where(ObligationFulfilment.occurrence_id.in_(occurrence_ids))
        .order_by(ObligationFulfilment.realised_on, ObligationFulfilment.recorded_at)
    ).all()
    docs: dict[uuid.UUID, list[uuid.UUID]] = {}
    if records:
        for fulfilment_id, document_id in session.execute(
            select(FulfilmentDocument.fulfilment_id, FulfilmentDocument.document_id)
            .where(FulfilmentDocument.fulfilment_id.in_([r.id for r in records]))
            .order_by(FulfilmentDocument.document_id)
        ):
            docs.setdefault(fulfilment_id, []).append(document_id)
    return records, docs


# --- what is owed ----------------------------------------------------------------------------------


class LocalDate(FunctionElement[date]):
    """The calendar date of a UTC timestamp in the region's zone: LocalDate(column, zone, sqlite_shift).

    PostgreSQL converts with its own time-zone database. SQLite has none, so it shifts by the zone's
    UTC offset as of today: exact for Indonesia's zones (WIB, WITA, WIT keep no daylight saving time).
    """

    type = Date()
    name = "local_date"
    inherit_cache = True


@compiles(LocalDate, "postgresql")
def _local_date_pg(element: LocalDate, compiler: SQLCompiler, **kw: Any) -> str:
    column, zone, _ = list(element.clauses)
    return f"CAST(timezone({compiler.process(zone, **kw)}, {compiler.process(column, **kw)}) AS DATE)"


@compiles(LocalDate)
def _local_date_sqlite(element: LocalDate, compiler: SQLCompiler, **kw: Any) -> str:
    column, _, shift = list(element.clauses)
    return f"date({compiler.process(column, **kw)}, {compiler.process(shift, **kw)})"


def local_date(column: Any, timezone: str, today: date) -> LocalDate:
    offset = ZoneInfo(timezone).utcoffset(datetime.combine(today, time(12)))
    seconds = int(offset.total_seconds()) if offset else 0
    return LocalDate(column, literal(timezone), literal(f"{seconds:+d} seconds"))


def cadence_of() -> ColumnElement[str]:
    """The agreement's cadence: its setting, else yearly for foreign cooperation, else semester."""
    default = case((Agreement.category.in_(YEARLY_CATEGORIES), "year"), else_=DEFAULT_CADENCE)
    return func.coalesce(MonitoringSetting.cadence, default)


def _in_force_during(cadence: ColumnElement[str], period: Period) -> ColumnElement[bool]:
    """In force for at least one day of the period: started by its end, not ended before its start.

    Drafts, texts still in procedure, cancelled and rejected texts never owe. A text ended early counts
    until its ending date; one in force past its end date (expired, awaiting the secretariat) until
    that end date.
    """
    term_start = func.coalesce(Agreement.start_date, Agreement.signed_date)
    term_end = func.coalesce(Agreement.ended_date, Agreement.end_date)
    return and_(
        cadence == period.cadence,
        term_start <= period.end,
        or_(
            and_(Agreement.status == "in_force", or_(term_end.is_(None), term_end >= period.start)),
            and_(Agreement.status == "ended", term_end >= period.start),
        ),
    )


def owed_select(
    periods: Sequence[Period],
    today: date,
    scope: Select[Any] | None,
    timezone: str | None = None,
) -> Select[Any]:
    """One row per (agreement, period) owed: at most one period per cadence.

    Columns: agreement_id, number, title, kind, lead_opd_id, cadence, due_days, period, report_id,
    report_status, report_due_date, submitted_at, state, due_passed (1/0), on_time (1/0).
    `scope` is a SELECT of agreement ids (None: every agreement).
    """
    cadence = cadence_of()
    # Default due days: 7 for foreign cooperation (first week of January, P25 Pasal 35–38), else 15.
    default_due = case((Agreement.category.in_(YEARLY_CATEGORIES), FOREIGN_DUE_DAYS), else_=DEFAULT_DUE_DAYS)
    due_days = func.coalesce(MonitoringSetting.due_days, default_due)
    if periods:
        period_code: ColumnElement[Any] = case(
            *[(cadence == p.cadence, literal(p.code)) for p in periods], else_=None
        )
        owes: ColumnElement[bool] = or_(*[_in_force_during(cadence, p) for p in periods])
        # due = period end + due_days has passed ⇔ due_days < (today − period end) in days
        computed_passed: ColumnElement[bool] = or_(
            *[and_(cadence == p.cadence, due_days < (today - p.end).days) for p in periods]
        )
    else:
        period_code, owes, computed_passed = literal(None), false(), false()
    report = MonitoringReport
    has_report = report.id.is_not(None)
    due_passed = or_(and_(has_report, report.due_date < today), and_(report.id.is_(None), computed_passed))
    is_submitted = report.status.in_(SUBMITTED_STATUSES)
    state = case(
        (is_submitted, "submitted"),
        (and_(due_passed, has_report), "overdue"),
        (due_passed, "missing"),
        else_="owed",
    )
    on_time: ColumnElement[Any] = literal(None)
    if timezone is not None:
        submitted_day = local_date(report.submitted_at, timezone, today)
        on_time = case((and_(is_submitted, submitted_day <= report.due_date), 1), else_=0)
    stmt = (
        select(
            Agreement.id.label("agreement_id"),
            Agreement.number.label("number"),
            Agreement.title.label("title"),
            Agreement.kind.label("kind"),
            Agreement.lead_opd_id.label("lead_opd_id"),
            cadence.label("cadence"),
            due_days.label("due_days"),
            period_code.label("period"),
            report.id.label("report_id"),
            report.status.label("report_status"),
            report.due_date.label("report_due_date"),
            report.submitted_at.label("submitted_at"),
            state.label("state"),
            case((due_passed, 1), else_=0).label("due_passed"),
            on_time.label("on_time"),
        )
        .select_from(Agreement)
        .outerjoin(MonitoringSetting, MonitoringSetting.agreement_id == Agreement.id)
        .outerjoin(report, and_(report.agreement_id == Agreement.id, report.period == period_code))
        .where(owes, Agreement.kind.not_in(NON_REPORTING_KINDS))
    )
    if scope is not None:
        stmt = stmt.where(Agreement.id.in_(scope))
    return stmt


def owed_rows(
    session: Session,
    periods: Sequence[Period],
    today: date,
    scope: Select[Any] | None,
    timezone: str | None = None,
) -> Sequence[Any]:
    owed = owed_select(periods, today, scope, timezone).subquery()
    return session.execute(select(owed).order_by(owed.c.lead_opd_id, owed.c.number)).all()


def owed_counts_by_opd(
    session: Session, periods: Sequence[Period], today: date, scope: Select[Any] | None, timezone: str
) -> Sequence[Any]:
    """Per lead OPD: expected, owed, submitted, overdue, missing, due_passed, on_time (one GROUP BY)."""
    owed = owed_select(periods, today, scope, timezone).subquery()

    def count(state: str) -> Any:
        return func.sum(case((owed.c.state == state, 1), else_=0))

    return session.execute(
        select(
            Opd.id,
            Opd.abbreviation,
            func.count().label("expected"),
            count("owed").label("owed"),
            count("submitted").label("submitted"),
            count("overdue").label("overdue"),
            count("missing").label("missing"),
            func.sum(owed.c.due_passed).label("due_passed"),
            func.sum(owed.c.on_time).label("on_time"),
        )
        .select_from(owed)
        .join(Opd, Opd.id == owed.c.lead_opd_id)
        .group_by(Opd.id, Opd.abbreviation)
    ).all()


def opds_by_id(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Opd]:
    if not ids:
        return {}
    return {o.id: o for o in session.scalars(select(Opd).where(Opd.id.in_(set(ids))))}
