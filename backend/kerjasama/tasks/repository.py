"""Every query of the task queue: one statement per source, each limited to the caller's scope.

OPD roles work for their own OPD: drafts and reports of the agreements their OPD *leads* (an OPD that
only takes part reads the agreement but does not prepare it), obligation occurrences their OPD is
responsible for (the obligation's responsible OPD, else the agreement's lead OPD).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from kerjasama.core.auth import Principal
from kerjasama.core.scope import scoped_agreement_ids
from kerjasama.models import (
    Agreement,
    AuditEntry,
    DprdApproval,
    MonitoringReport,
    Obligation,
    ObligationOccurrence,
    UserAccount,
)
from kerjasama.models.obligations import OPEN_STATUSES

# Texts whose procedure is over without effect: a pending DPRD request on them waits for nothing.
_CLOSED_STATUSES = ("ended", "cancelled", "rejected")
REQUEST_ACTION = "request_submission"
"""The audit action of an operator's request to the head to submit (the record the queue reads)."""


def _in_scope(principal: Principal) -> list[ColumnElement[bool]]:
    """The caller's scope; for OPD roles only what their OPD leads (the scope also holds what it takes
    part in)."""
    clauses: list[ColumnElement[bool]] = [Agreement.id.in_(scoped_agreement_ids(principal))]
    if principal.is_opd_scoped:
        clauses.append(Agreement.lead_opd_id == principal.scoped_opd_id)
    return clauses


def agreements_at(session: Session, principal: Principal, stages: Collection[str]) -> Sequence[Any]:
    """Agreements in scope at these stages: id, number, title, kind, category, stage, offer dates."""
    if not stages:
        return []
    stmt = select(
        Agreement.id,
        Agreement.number,
        Agreement.title,
        Agreement.kind,
        Agreement.category,
        Agreement.stage,
        Agreement.offer_due_date,
        Agreement.offer_non_answer_reported_date,
    ).where(Agreement.stage.in_(tuple(stages)))
    stmt = stmt.where(*_in_scope(principal))
    return session.execute(stmt.order_by(Agreement.number, Agreement.id)).all()


def reports_at(session: Session, principal: Principal, statuses: Collection[str]) -> Sequence[Any]:
    """Monitoring reports in scope at these statuses: id, period, due_date, status and the agreement's
    id, number, title."""
    if not statuses:
        return []
    stmt = (
        select(
            MonitoringReport.id,
            MonitoringReport.period,
            MonitoringReport.due_date,
            MonitoringReport.status,
            Agreement.id.label("agreement_id"),
            Agreement.number,
            Agreement.title,
        )
        .join(Agreement, Agreement.id == MonitoringReport.agreement_id)
        .where(MonitoringReport.status.in_(tuple(statuses)))
    )
    stmt = stmt.where(*_in_scope(principal))
    return session.execute(stmt.order_by(MonitoringReport.due_date, MonitoringReport.id)).all()


def open_occurrences_until(session: Session, principal: Principal, last: date) -> Sequence[Any]:
    """Open occurrences of in-force agreements in scope due on or before `last` (overdue included):
    id, due_date, description, agreement_id, number, title."""
    responsible = func.coalesce(Obligation.responsible_opd_id, Agreement.lead_opd_id)
    stmt = (
        select(
            ObligationOccurrence.id,
            ObligationOccurrence.due_date,
            Obligation.description,
            Agreement.id.label("agreement_id"),
            Agreement.number,
            Agreement.title,
        )
        .join(Obligation, Obligation.id == ObligationOccurrence.obligation_id)
        .join(Agreement, Agreement.id == Obligation.agreement_id)
        .where(
            ObligationOccurrence.status.in_(OPEN_STATUSES),
            Agreement.status == "in_force",
            ObligationOccurrence.due_date <= last,
            Agreement.id.in_(scoped_agreement_ids(principal)),
        )
    )
    if principal.is_opd_scoped:
        stmt = stmt.where(responsible == principal.scoped_opd_id)
    return session.execute(stmt.order_by(ObligationOccurrence.due_date, ObligationOccurrence.id)).all()


def pending_dprd(session: Session, principal: Principal) -> Sequence[Any]:
    """Pending DPRD requests of open texts in scope: id, deadline_date, agreement_id, number, title."""
    stmt = (
        select(
            DprdApproval.id,
            DprdApproval.deadline_date,
            Agreement.id.label("agreement_id"),
            Agreement.number,
            Agreement.title,
        )
        .join(Agreement, Agreement.id == DprdApproval.agreement_id)
        .where(DprdApproval.decision == "pending", Agreement.status.not_in(_CLOSED_STATUSES))
    )
    stmt = stmt.where(Agreement.id.in_(scoped_agreement_ids(principal)))
    return session.execute(stmt.order_by(DprdApproval.deadline_date, DprdApproval.id)).all()


def submission_requests(session: Session, agreement_ids: Collection[uuid.UUID]) -> dict[str, tuple[str, Any]]:
    """The latest request to submit per agreement (from the audit log): id → (requester's name, when)."""
    if not agreement_ids:
        return {}
    rows = session.execute(
        select(AuditEntry.entity_id, AuditEntry.at, AuditEntry.actor_username, UserAccount.full_name)
        .outerjoin(UserAccount, UserAccount.id == AuditEntry.actor_id)
        .where(
            AuditEntry.entity_type == "agreement",
            AuditEntry.action == REQUEST_ACTION,
            AuditEntry.entity_id.in_([str(i) for i in agreement_ids]),
        )
        .order_by(AuditEntry.seq)
    ).all()
    return {r.entity_id: (r.full_name or r.actor_username, r.at) for r in rows}  # later rows win


def active_users(session: Session, roles: Collection[str], opd_id: uuid.UUID) -> Sequence[Any]:
    """Active user accounts (not service accounts) of these roles in this OPD: id, full_name, username."""
    stmt = select(UserAccount.id, UserAccount.full_name, UserAccount.username).where(
        UserAccount.is_active.is_(True),
        UserAccount.is_service_account.is_(False),
        UserAccount.role.in_(tuple(roles)),
        UserAccount.opd_id == opd_id,
    )
    return session.execute(stmt.order_by(UserAccount.username)).all()
