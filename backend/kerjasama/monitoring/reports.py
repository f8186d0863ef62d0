"""Monitoring reports: creating one for a period, editing the form, and the realisation of obligations.

The form (docs/domain.md#monitoring-reports): the nine minimum items of Permendagri 22/2020 Pasal 17/39 — title, form of
the document, parties, purpose, object and term read from the agreement; problems, efforts to solve
them and other matters written by the OPD — plus the obligations' realisation pre-filled from the
fulfilment records, the optional questionnaire (1–5 ratings, recommendation), follow-up and evidence.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kerjasama.agreements import service as agreements_service
from kerjasama.core import audit
from kerjasama.core.auth import Principal
from kerjasama.core.errors import Conflict, Forbidden, Invalid, NotFound, field_error
from kerjasama.core.policy import sees_signed_only
from kerjasama.documents import service as documents_service
from kerjasama.models import Agreement, MonitoringReport
from kerjasama.models.base import utcnow
from kerjasama.models.obligations import OPEN_STATUSES
from kerjasama.monitoring import policy
from kerjasama.monitoring import repository as repo
from kerjasama.monitoring.periods import Period, is_foreign, parse_period
from kerjasama.monitoring.repository import EDITABLE_STATUSES, NON_REPORTING_KINDS, SUBMITTED_STATUSES
from kerjasama.monitoring.schemas import RealisationItem, ReportCreate, ReportUpdate
from kerjasama.monitoring.service import effective_setting

TEXT_FIELDS = ("problems", "solutions", "other_matters", "follow_up")
# Permendagri 25/2020 Pasal 37: only a foreign cooperation's report (KSDPL/KSDLL) has them.
FOREIGN_FIELDS = ("background", "progress_results", "beneficiaries", "funding", "analysis")


def state_of(report: MonitoringReport, today: date) -> str:
    """The due state of a report that exists (never `missing`): see schemas.STATE_DESCRIPTION."""
    if report.status in SUBMITTED_STATUSES:
        return "submitted"
    return "overdue" if report.due_date < today else "owed"


def check_edit_role(principal: Principal) -> None:
    if not policy.may_edit(principal):
        raise Forbidden(f"Role '{principal.role}' may only read monitoring reports.", code="role_forbidden")


def get_report(
    session: Session, principal: Principal, report_id: uuid.UUID
) -> tuple[MonitoringReport, Agreement]:
    """The report and its agreement; 404 when either is unknown or outside the caller's scope."""
    report = repo.get(session, report_id)
    if report is None or (sees_signed_only(principal) and report.status != "final"):
        # The province reads final reports only: any other looks like no report at all.
        raise NotFound("No monitoring report with this id.")
    agreement = agreements_service.get(session, principal, report.agreement_id)
    return report, agreement


def get_many_reports(
    session: Session, principal: Principal, report_ids: Sequence[uuid.UUID]
) -> list[tuple[MonitoringReport, Agreement]]:
    """`get_report` for a batch: the reports among these ids the caller may read, each with its
    agreement (loaded for the detail), in a fixed number of statements."""
    reports = [
        r
        for r in repo.get_many(session, report_ids)
        if not (sees_signed_only(principal) and r.status != "final")
    ]
    # The report shows its agreement's items: lead OPD and parties with their partners (agreement_items).
    agreements = agreements_service.get_many(
        session, principal, [r.agreement_id for r in reports], load="summary"
    )
    return [(r, agreements[r.agreement_id]) for r in reports if r.agreement_id in agreements]


def in_force_during(agreement: Agreement, period: Period) -> bool:
    """Python twin of repository._in_force_during, for one agreement."""
    start = agreement.start_date or agreement.signed_date
    end = agreement.ended_date or agreement.end_date
    if start is None or start > period.end:
        return False
    if agreement.status == "in_force":
        return end is None or end >= period.start
    if agreement.status == "ended":
        return end is not None and end >= period.start
    return False


def _period_error(msg: str, code: str) -> Invalid:
    return Invalid(msg, errors=[field_error("period", msg, code)])


def build_realisation(
    session: Session, agreement_id: uuid.UUID, period: Period, today: date
) -> list[dict[str, Any]]:
    """The obligation occurrences due in the period with what their fulfilment records say."""
    rows = repo.occurrences_in_period(session, agreement_id, period.start, period.end)
    records, docs = repo.fulfilments_of(session, [occ.id for occ, _, _ in rows])
    by_occurrence: dict[uuid.UUID, list[Any]] = {}
    for record in records:
        by_occurrence.setdefault(record.occurrence_id, []).append(record)
    items = []
    for occ, obligation, partner_name in rows:
        recs = by_occurrence.get(occ.id, [])
        values = [r.value_realised for r in recs if r.value_realised is not None]
        late = occ.status in OPEN_STATUSES and occ.due_date < today
        item = RealisationItem(
            occurrence_id=occ.id,
            obligation_id=obligation.id,
            kind=obligation.kind,
            description=obligation.description,
            clause_reference=obligation.clause_reference,
            partner_id=obligation.partner_id,
            partner_name=partner_name,
            due_date=occ.due_date,
            status="late" if late else occ.status,
            fulfilled_on=occ.fulfilled_on,
            target=obligation.target,
            unit=obligation.unit,
            value_realised=sum(values, Decimal(0)) if values else None,
            notes=[r.note for r in recs if r.note],
            document_ids=list(dict.fromkeys(d for r in recs for d in docs.get(r.id, []))),
        )
        items.append(item.model_dump(mode="json"))
    return items


def snapshot(report: MonitoringReport, document_ids: list[uuid.UUID]) -> dict[str, Any]:
    return {
        "agreement_id": report.agreement_id,
        "period": report.period,
        "due_date": report.due_date,
        "status": report.status,
        **{f: getattr(report, f) for f in (*TEXT_FIELDS, *FOREIGN_FIELDS)},
        "ratings": dict(report.ratings or {}),
        "recommendation": report.recommendation,
        "document_ids": sorted(str(d) for d in document_ids),
    }


def create_report(
    session: Session, principal: Principal, agreement: Agreement, data: ReportCreate, today: date
) -> MonitoringReport:
    """A draft for one period, with the realisation pre-filled from the fulfilment records."""
    check_edit_role(principal)
    try:
        period = parse_period(data.period)
    except ValueError as exc:
        raise _period_error(str(exc), "period_invalid") from exc
    if agreement.kind in NON_REPORTING_KINDS:
        raise Conflict(
            "An adendum is reported on through the text it amends; report on that text.",
            code="report_not_owed",
        )
    cadence, due_days, _ = effective_setting(session, agreement)
    if period.cadence != cadence:
        example = (
            f"{period.code[:4]}-S1 or {period.code[:4]}-S2" if cadence == "semester" else period.code[:4]
        )
        raise _period_error(f"this agreement reports per {cadence}: use {example}", "period_cadence")
    if period.start > today:
        raise _period_error(f"{period.code} has not started yet", "period_not_started")
    if not in_force_during(agreement, period):
        raise _period_error(
            f"the agreement was not in force during {period.code} ({period.start} – {period.end})",
            "not_in_force",
        )
    existing = repo.find(session, agreement.id, period.code)
    if existing is None:
        report = MonitoringReport(
            agreement_id=agreement.id,
            period=period.code,
            period_start=period.start,
            period_end=period.end,
            due_date=period.due_date(due_days),
            status="draft",
            ratings={},
            realisation=build_realisation(session, agreement.id, period, today),
            created_by=principal.user_id,
        )
        try:
            with session.begin_nested():
                session.add(report)
                session.flush()
        except IntegrityError:  # created by someone else a moment ago
            existing = repo.find(session, agreement.id, period.code)
        else:
            audit.record(
                session, principal.actor, "monitoring_report", report.id, "create", None, snapshot(report, [])
            )
            return report
    raise Conflict(
        f"A report for {period.code} already exists.",
        code="report_exists",
        errors=[field_error("period", "this agreement already has a report for this period", "unique")],
        extra={"existing_id": str(existing.id)} if existing else None,
    )


def update_report(
    session: Session,
    principal: Principal,
    agreement: Agreement,
    report: MonitoringReport,
    data: ReportUpdate,
    today: date,
) -> MonitoringReport:
    check_edit_role(principal)
    if report.status not in EDITABLE_STATUSES:
        why = "is final and frozen" if report.status == "final" else f"is {report.status} (under review)"
        raise Conflict(
            f"The report {why}; only a draft or a returned report can be edited.",
            code="report_not_editable",
        )
    changes = data.model_dump(exclude_unset=True)
    nullable = ("recommendation", "ratings")
    nulls = [
        field_error(k, "may not be null", "not_null")
        for k, v in changes.items()
        if v is None and k not in nullable
    ]
    if nulls:
        raise Invalid("Give a value or leave the field out.", errors=nulls)
    if not is_foreign(agreement.category):
        domestic = [
            field_error(k, "only a foreign cooperation's report has it (P25 Pasal 37)", "foreign_only")
            for k in FOREIGN_FIELDS
            if k in changes
        ]
        if domestic:
            raise Invalid("These fields belong to the report on foreign cooperation.", errors=domestic)
    docs_before = repo.document_ids(session, report.id)
    before = snapshot(report, docs_before)
    for field in (*TEXT_FIELDS, *FOREIGN_FIELDS):
        if field in changes:
            setattr(report, field, changes[field])
    if "recommendation" in changes:
        report.recommendation = changes["recommendation"]
    if "ratings" in changes:
        merged: dict[str, Any] = {}
        if data.ratings is not None:
            merged = dict(report.ratings or {})
            for key, value in data.ratings.model_dump(exclude_unset=True).items():
                if value is None:
                    merged.pop(key, None)
                else:
                    merged[key] = value
        report.ratings = merged  # a new object: the JSON column sees the change
    docs_after = docs_before
    if data.document_ids is not None:
        documents_service.require_documents(session, agreement.id, data.document_ids, "document_ids")
        docs_after = list(dict.fromkeys(data.document_ids))
        if sorted(docs_after) != sorted(docs_before):
            repo.replace_documents(session, report.id, docs_after)
            report.updated_at = utcnow()  # the list lives in its own table: move the version (ETag)
    if data.refresh_realisation:
        period = parse_period(report.period)
        report.realisation = build_realisation(session, agreement.id, period, today)
    session.flush()
    b, a = audit.diff(before, snapshot(report, docs_after))
    if a:
        audit.record(session, principal.actor, "monitoring_report", report.id, "update", b, a)
    return report
