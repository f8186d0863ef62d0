"""Queries of the procedure engine: building a rule context, transitions, approvals, obligations."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kerjasama.models import (
    Affair,
    Agreement,
    AuditEntry,
    Document,
    DprdApproval,
    Holiday,
    Obligation,
    StatusTransition,
    TkksdReview,
)
from kerjasama.reference import repository as reference_repo
from kerjasama.rules.context import RuleContext


def dprd_for(session: Session, agreement_id: uuid.UUID) -> list[DprdApproval]:
    return list(
        session.scalars(
            select(DprdApproval)
            .where(DprdApproval.agreement_id == agreement_id)
            .order_by(DprdApproval.created_at)
        )
    )


def reviews_for(session: Session, agreement_id: uuid.UUID) -> list[TkksdReview]:
    return list(
        session.scalars(
            select(TkksdReview)
            .where(TkksdReview.agreement_id == agreement_id)
            .order_by(TkksdReview.meeting_date)
        )
    )


def obligations_for(session: Session, agreement_id: uuid.UUID) -> list[Obligation]:
    return list(
        session.scalars(
            select(Obligation).where(Obligation.agreement_id == agreement_id).order_by(Obligation.created_at)
        )
    )


def build_context(session: Session, home_region: str, agreement: Agreement) -> RuleContext:
    """Load everything the rules look at, in a fixed handful of queries."""
    parent = session.get(Agreement, agreement.parent_id) if agreement.parent_id else None
    children = session.execute(
        select(Agreement.kind, Agreement.status, func.count())
        .where(Agreement.parent_id == agreement.id)
        .group_by(Agreement.kind, Agreement.status)
    ).all()
    return RuleContext(
        agreement=agreement,
        home_region=home_region,
        neighbours=reference_repo.neighbours(session, home_region),
        parent=parent,
        parent_dprd=dprd_for(session, parent.id) if parent else [],
        dprd=dprd_for(session, agreement.id),
        reviews=reviews_for(session, agreement.id),
        obligations=obligations_for(session, agreement.id),
        children_in_force=sum(n for kind, status, n in children if kind == "PKS" and status == "in_force"),
        child_pks_count=sum(n for kind, _status, n in children if kind == "PKS"),
        absolute_affairs=set(
            session.scalars(select(Affair.code).where(Affair.is_absolute_central.is_(True)))
        ),
        documents={
            str(doc_id): doc_type
            for doc_id, doc_type in session.execute(
                select(Document.id, Document.doc_type).where(Document.agreement_id == agreement.id)
            )
        },
    )


def transitions_for(session: Session, agreement_id: uuid.UUID) -> Sequence[StatusTransition]:
    return session.scalars(
        select(StatusTransition)
        .where(StatusTransition.agreement_id == agreement_id)
        .order_by(StatusTransition.at)
    ).all()


def audit_for(session: Session, agreement_id: uuid.UUID) -> Sequence[AuditEntry]:
    return session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity_type == "agreement", AuditEntry.entity_id == str(agreement_id))
        .order_by(AuditEntry.seq)
    ).all()


def managed_holidays(session: Session, start: date, end: date) -> Sequence[Holiday]:
    return session.scalars(
        select(Holiday).where(Holiday.day >= start, Holiday.day <= end).order_by(Holiday.day)
    ).all()
