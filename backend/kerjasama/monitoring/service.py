"""Monitoring & evaluation: what each agreement owes per period, and its reporting settings.

Who owes (Permendagri 22/2020 Pasal 17 and 39: the initiating OPD reports every semester): every text
in force for at least one day of the period, except an ADENDUM, which changes its parent and is reported
on through it. A KB and each PKS under it report separately: each is its own text with its own lead
OPD, obligations and term. Drafts and texts still in procedure never owe. Foreign cooperation
(KSDPL/KSDLL) reports yearly (Permendagri 25/2020 Pasal 35–38); the cadence and the due days are
configurable per agreement (MonitoringSetting).

States (schemas.STATE_DESCRIPTION): owed, submitted, overdue, missing; computed in one query
(repository.owed_select) shared by the due list, the reminders and the dashboard.
The report form lives in reports.py, its workflow in workflow.py, the read models in reads.py.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session

from kerjasama.agreements import service as agreements_service
from kerjasama.core import audit
from kerjasama.core.auth import Principal
from kerjasama.core.errors import Forbidden, Invalid, field_error
from kerjasama.models import Agreement, MonitoringSetting, Opd
from kerjasama.monitoring import policy
from kerjasama.monitoring import repository as repo
from kerjasama.monitoring.periods import (
    Period,
    default_cadence,
    default_due_days,
    parse_period,
    period_label,
    reporting_period,
)
from kerjasama.monitoring.schemas import MonitoringSettingUpdate

# --- what is owed ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OwedReport:
    """One (agreement, period) that owes a report, with the report's progress."""

    agreement_id: uuid.UUID
    agreement_number: str
    agreement_title: str
    agreement_kind: str
    lead_opd_id: uuid.UUID
    period: str  # "2026-S1", "2026-S2" or "2026"
    period_label: str  # "Semester I 2026" or "Tahun 2026", for people
    cadence: str  # semester | year
    period_start: date
    period_end: date
    due_date: date
    state: str  # owed | submitted | overdue | missing
    report_id: uuid.UUID | None
    report_status: str | None
    submitted_at: datetime | None
    on_time: bool | None  # submitted on or before the due date; None unless submitted (and a zone given)


def periods_for(period_code: str | None, today: date) -> list[Period]:
    """The period asked for, or by default the reporting period of each cadence (periods.reporting_period)."""
    if period_code is None:
        return [reporting_period(today, "semester"), reporting_period(today, "year")]
    try:
        return [parse_period(period_code)]
    except ValueError as exc:
        raise Invalid(str(exc), errors=[field_error("period", str(exc), "period_invalid", "query")]) from exc


def owed_reports(
    session: Session,
    principal: Principal | None,
    period_code: str | None,
    today: date,
    *,
    timezone: str | None = None,
) -> list[OwedReport]:
    """What is owed for a period, in the caller's scope (principal None: every agreement, for reminders).

    Without a period code: each agreement's reporting period (the latest that has ended, per cadence).
    `timezone` (the region's zone) is needed only to tell whether a submission was on time.
    """
    periods = periods_for(period_code, today)
    by_code = {p.code: p for p in periods}
    scope = agreements_service.scoped_ids(principal) if principal is not None else None
    out = []
    for r in repo.owed_rows(session, periods, today, scope, timezone):
        period = by_code[r.period]
        out.append(
            OwedReport(
                agreement_id=r.agreement_id,
                agreement_number=r.number,
                agreement_title=r.title,
                agreement_kind=r.kind,
                lead_opd_id=r.lead_opd_id,
                period=period.code,
                period_label=period_label(period),
                cadence=period.cadence,
                period_start=period.start,
                period_end=period.end,
                due_date=r.report_due_date or period.due_date(r.due_days),
                state=r.state,
                report_id=r.report_id,
                report_status=r.report_status,
                submitted_at=r.submitted_at,
                on_time=bool(r.on_time) if r.on_time is not None and r.state == "submitted" else None,
            )
        )
    return out


@dataclass(frozen=True)
class OpdReportCounts:
    opd_id: uuid.UUID
    label: str
    expected: int
    owed: int
    submitted: int
    overdue: int
    missing: int
    due_passed: int  # owed reports whose due date has passed: the compliance denominator
    on_time: int  # of those, submitted on or before the due date


def report_counts_by_opd(
    session: Session, scope: Select[Any] | None, today: date, timezone: str
) -> tuple[list[Period], list[OpdReportCounts]]:
    """Per lead OPD, counts over the reporting periods (one aggregate query), for the dashboard."""
    periods = periods_for(None, today)
    rows = repo.owed_counts_by_opd(session, periods, today, scope, timezone)
    counts = [OpdReportCounts(r[0], r[1], *(int(v or 0) for v in r[2:])) for r in rows]
    return periods, sorted(counts, key=lambda c: (c.label, str(c.opd_id)))


# --- settings --------------------------------------------------------------------------------------


def effective_setting(session: Session, agreement: Agreement) -> tuple[str, int, MonitoringSetting | None]:
    row = repo.setting(session, agreement.id)
    if row is not None:
        return row.cadence, row.due_days, row
    return default_cadence(agreement.category), default_due_days(agreement.category), None


def check_settings_role(principal: Principal) -> None:
    if not policy.may_change_settings(principal):
        raise Forbidden("Only the secretariat sets the reporting cadence.", code="role_forbidden")


def update_settings(
    session: Session, principal: Principal, agreement: Agreement, data: MonitoringSettingUpdate
) -> MonitoringSetting:
    check_settings_role(principal)
    changes = data.model_dump(exclude_unset=True)
    nulls = [field_error(k, "may not be null", "not_null") for k, v in changes.items() if v is None]
    if nulls:
        raise Invalid("Give a value or leave the field out.", errors=nulls)
    cadence, due_days, row = effective_setting(session, agreement)
    before = {"cadence": cadence, "due_days": due_days}
    if row is None:
        row = MonitoringSetting(agreement_id=agreement.id, cadence=cadence, due_days=due_days)
        session.add(row)
    for key, value in changes.items():
        setattr(row, key, value)
    session.flush()
    # Reports not yet submitted follow the new due day; submitted ones keep the date they were held to.
    for report in repo.open_reports(session, agreement.id):
        if parse_period(report.period).cadence == row.cadence:
            report.due_date = report.period_end + timedelta(days=row.due_days)
    session.flush()
    after = {"cadence": row.cadence, "due_days": row.due_days}
    b, a = audit.diff(before, after)
    if a:
        audit.record(session, principal.actor, "monitoring_setting", agreement.id, "update", b, a)
    return row


def opds_by_id(session: Session, ids: list[uuid.UUID]) -> dict[uuid.UUID, Opd]:
    return repo.opds_by_id(session, ids)
