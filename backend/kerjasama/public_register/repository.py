"""Every query of the public register; each one starts from `policy.visible_clause()`."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, exists, extract, func, or_, select
from sqlalchemy.orm import Session, selectinload

from kerjasama.core.pagination import SortSpec, apply_keyset
from kerjasama.core.search import contains
from kerjasama.models import Affair, Agreement, AgreementAffair, AgreementParty, Document, Opd, Partner
from kerjasama.public_register import policy
from kerjasama.public_register.schemas import PublicFilters

_SUMMARY_LOAD = (
    selectinload(Agreement.lead_opd),
    selectinload(Agreement.parties).selectinload(AgreementParty.partner),
    selectinload(Agreement.affairs),
)
_DETAIL_LOAD = (*_SUMMARY_LOAD, selectinload(Agreement.related_opds))


def visible() -> Select[Any]:
    stmt: Select[Any] = select(Agreement).where(policy.visible_clause())
    return stmt


def filtered(filters: PublicFilters) -> Select[Any]:
    stmt = visible()
    for column, value in ((Agreement.category, filters.category), (Agreement.kind, filters.kind)):
        if value is not None:
            stmt = stmt.where(column == value)
    if filters.status is not None:
        stmt = stmt.where(policy.status_clause(filters.status))
    if filters.partner_id is not None:
        stmt = stmt.where(
            exists().where(
                AgreementParty.agreement_id == Agreement.id, AgreementParty.partner_id == filters.partner_id
            )
        )
    if filters.affair_code is not None:
        stmt = stmt.where(
            exists().where(
                AgreementAffair.agreement_id == Agreement.id,
                AgreementAffair.affair_code == filters.affair_code,
            )
        )
    if filters.lead_opd_code is not None:
        stmt = stmt.where(exists().where(Opd.id == Agreement.lead_opd_id, Opd.code == filters.lead_opd_code))
    if filters.signed_year is not None:
        stmt = stmt.where(extract("year", Agreement.signed_date) == filters.signed_year)
    if filters.q:
        partner_match = exists().where(
            AgreementParty.agreement_id == Agreement.id,
            AgreementParty.partner_id == Partner.id,
            policy.partner_searchable(),
            contains(Partner.name, filters.q),
        )
        stmt = stmt.where(
            or_(
                contains(Agreement.title, filters.q),
                contains(Agreement.object, filters.q),
                contains(Agreement.number, filters.q),
                partner_match,
            )
        )
    return stmt


def page(
    session: Session,
    stmt: Select[Any],
    spec: SortSpec,
    after: tuple[Any, Any] | None,
    limit: int,
) -> tuple[Sequence[Agreement], int]:
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    ordered = apply_keyset(stmt, spec, Agreement.id, after).options(*_SUMMARY_LOAD).limit(limit + 1)
    return session.scalars(ordered).all(), total


def get(session: Session, agreement_id: uuid.UUID) -> Agreement | None:
    found: Agreement | None = session.scalars(
        visible().where(Agreement.id == agreement_id).options(*_DETAIL_LOAD)
    ).first()
    return found


def briefs(
    session: Session, *, ids: Sequence[uuid.UUID] = (), parent_id: uuid.UUID | None = None
) -> list[Agreement]:
    """Visible agreements by id, or the visible children of `parent_id`, by number."""
    stmt = visible()
    if parent_id is not None:
        stmt = stmt.where(Agreement.parent_id == parent_id)
    else:
        stmt = stmt.where(Agreement.id.in_(list(ids)))
    return list(session.scalars(stmt.order_by(Agreement.number)))


def documents(session: Session, agreement_id: uuid.UUID) -> list[Document]:
    stmt = (
        select(Document)
        .where(Document.agreement_id == agreement_id, policy.document_clause())
        .order_by(Document.doc_date, Document.id)
    )
    return list(session.scalars(stmt))


def document(session: Session, document_id: uuid.UUID) -> Document | None:
    """A public document of a visible agreement, or None."""
    stmt = select(Document).where(
        Document.id == document_id,
        policy.document_clause(),
        Document.agreement_id.in_(visible().with_only_columns(Agreement.id)),
    )
    found: Document | None = session.scalar(stmt)
    return found


def counts(session: Session, key: Any) -> list[tuple[Any, int]]:
    stmt = visible().with_only_columns(key, func.count()).group_by(key)
    return [(k, int(n)) for k, n in session.execute(stmt)]


def status_counts(session: Session) -> list[tuple[str, int]]:
    return counts(session, Agreement.status)


def year_counts(session: Session) -> list[tuple[int | None, int]]:
    year = extract("year", Agreement.signed_date)
    return [(int(y) if y is not None else None, n) for y, n in counts(session, year)]


def partner_counts(session: Session) -> list[tuple[Partner, int]]:
    ids = visible().with_only_columns(Agreement.id)
    stmt = (
        select(Partner, func.count(AgreementParty.agreement_id.distinct()))
        .join(AgreementParty, AgreementParty.partner_id == Partner.id)
        .where(AgreementParty.agreement_id.in_(ids))
        .group_by(Partner.id)
        .order_by(Partner.name, Partner.id)
    )
    return [(p, int(n)) for p, n in session.execute(stmt)]


def affair_counts(session: Session) -> list[tuple[Affair, int]]:
    ids = visible().with_only_columns(Agreement.id)
    stmt = (
        select(Affair, func.count(AgreementAffair.agreement_id.distinct()))
        .join(AgreementAffair, AgreementAffair.affair_code == Affair.code)
        .where(AgreementAffair.agreement_id.in_(ids))
        .group_by(Affair.code)
        .order_by(Affair.code)
    )
    return [(a, int(n)) for a, n in session.execute(stmt)]
