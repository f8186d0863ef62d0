"""Every query on documents. OPD scope follows the agreement the document belongs to."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import Select, exists, select
from sqlalchemy.orm import Session

from kerjasama.core.auth import Principal
from kerjasama.core.policy import sees_signed_only
from kerjasama.core.scope import is_limited, scoped_agreement_ids
from kerjasama.models import (
    Agreement,
    Document,
    ForceMajeureEvent,
    FulfilmentDocument,
    MonitoringReport,
    MonitoringReportDocument,
    StatusTransition,
    UserAccount,
)


@dataclass(frozen=True)
class AgreementFacts:
    """What the documents domain needs of an agreement: whether its text is signed."""

    id: uuid.UUID
    stage: str
    signed_date: date | None


@dataclass(frozen=True)
class DocumentRow:
    document: Document
    agreement: AgreementFacts
    uploaded_by_username: str | None
    final_report_evidence: bool


AnySelect = TypeVar("AnySelect", bound=Select[*tuple[Any, ...]])


def _scoped(stmt: AnySelect, principal: Principal) -> AnySelect:
    if is_limited(principal):
        stmt = stmt.where(Agreement.id.in_(scoped_agreement_ids(principal)))
    return stmt


def agreement_facts(session: Session, principal: Principal, agreement_id: uuid.UUID) -> AgreementFacts | None:
    stmt = select(Agreement.id, Agreement.stage, Agreement.signed_date).where(Agreement.id == agreement_id)
    row = session.execute(_scoped(stmt, principal)).first()
    return AgreementFacts(row.id, row.stage, row.signed_date) if row else None


_FINAL_EVIDENCE = (
    exists()
    .where(
        MonitoringReportDocument.document_id == Document.id,
        MonitoringReport.id == MonitoringReportDocument.report_id,
        MonitoringReport.status == "final",
    )
    .correlate(Document)
    .label("final_report_evidence")
)


def _rows() -> Select[Document, str, date | None, str | None, bool]:
    return (
        select(Document, Agreement.stage, Agreement.signed_date, UserAccount.username, _FINAL_EVIDENCE)
        .join(Agreement, Agreement.id == Document.agreement_id)
        .outerjoin(UserAccount, UserAccount.id == Document.uploaded_by)
    )


def _row(r: Any) -> DocumentRow:
    doc: Document = r[0]
    return DocumentRow(doc, AgreementFacts(doc.agreement_id, r[1], r[2]), r[3], bool(r[4]))


def get(session: Session, principal: Principal, document_id: uuid.UUID) -> DocumentRow | None:
    """One document with what decides its lock, in one statement; None outside the caller's scope."""
    stmt = _rows().where(Document.id == document_id)
    if sees_signed_only(principal):  # the province: documents marked for sharing only
        stmt = stmt.where(Document.shared.is_(True))
    found = session.execute(_scoped(stmt, principal)).first()
    return _row(found) if found else None


def for_agreement(session: Session, agreement_id: uuid.UUID, doc_type: str | None) -> list[DocumentRow]:
    stmt = _rows().where(Document.agreement_id == agreement_id)
    if doc_type:
        stmt = stmt.where(Document.doc_type == doc_type)
    stmt = stmt.order_by(Document.doc_date.desc(), Document.uploaded_at.desc(), Document.id)
    return [_row(r) for r in session.execute(stmt)]


def is_evidence(session: Session, document_id: uuid.UUID) -> bool:
    """Referenced by a fulfilment record, a monitoring report (whatever its status) or a force-majeure event."""
    fulfilment = exists().where(FulfilmentDocument.document_id == document_id)
    report = exists().where(MonitoringReportDocument.document_id == document_id)
    force_majeure = exists().where(ForceMajeureEvent.document_id == document_id)
    return bool(session.scalar(select(fulfilment | report | force_majeure)))


def supports_transition(session: Session, agreement_id: uuid.UUID, document_id: uuid.UUID) -> bool:
    """Named in the document_ids of one of the agreement's procedure steps (a JSON list of strings)."""
    lists: Sequence[list[str] | None] = session.scalars(
        select(StatusTransition.document_ids).where(StatusTransition.agreement_id == agreement_id)
    ).all()
    wanted = str(document_id)
    return any(wanted in (ids or []) for ids in lists)


def storage_keys_of(session: Session, agreement_id: uuid.UUID) -> list[str]:
    return list(session.scalars(select(Document.storage_key).where(Document.agreement_id == agreement_id)))
