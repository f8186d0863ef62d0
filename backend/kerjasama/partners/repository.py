"""Every query on partners."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Select, exists, func, or_, select
from sqlalchemy.orm import Session, joinedload, selectinload

from kerjasama.core.pagination import SortSpec, apply_keyset
from kerjasama.core.search import contains
from kerjasama.models import AgreementParty, Partner


def get(session: Session, partner_id: uuid.UUID) -> Partner | None:
    return session.scalar(
        select(Partner)
        .where(Partner.id == partner_id)
        .options(selectinload(Partner.contacts), joinedload(Partner.region))
    )


def get_many(session: Session, partner_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Partner]:
    """`get` for many ids at once (with contacts and region), in a fixed number of statements."""
    ids = set(partner_ids)
    if not ids:
        return {}
    stmt = (
        select(Partner)
        .where(Partner.id.in_(ids))
        .options(selectinload(Partner.contacts), joinedload(Partner.region))
    )
    return {p.id: p for p in session.scalars(stmt).unique()}


def by_ids(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Partner]:
    if not ids:
        return {}
    return {p.id: p for p in session.scalars(select(Partner).where(Partner.id.in_(ids)))}


def find_duplicates(
    session: Session,
    *,
    name_normalized: str | None,
    nib: str | None,
    npwp: str | None,
    region_code: str | None,
    exclude_id: uuid.UUID | None = None,
) -> list[tuple[Partner, str]]:
    conds: list[tuple[Any, str]] = []
    if name_normalized:
        conds.append((Partner.name_normalized == name_normalized, "name"))
    if nib:
        conds.append((Partner.nib == nib, "nib"))
    if npwp:
        conds.append((Partner.npwp == npwp, "npwp"))
    if region_code:
        conds.append((Partner.region_code == region_code, "region_code"))
    found: dict[uuid.UUID, tuple[Partner, str]] = {}
    for cond, label in conds:
        stmt = select(Partner).where(cond)
        if exclude_id:
            stmt = stmt.where(Partner.id != exclude_id)
        for partner in session.scalars(stmt.limit(5)):
            found.setdefault(partner.id, (partner, label))
    return list(found.values())


def is_referenced(session: Session, partner_id: uuid.UUID) -> bool:
    return bool(session.scalar(select(exists().where(AgreementParty.partner_id == partner_id))))


def filtered(
    *, type_: str | None, region_code: str | None, country_code: str | None, q: str | None
) -> Select[Partner]:
    stmt = select(Partner)
    if type_:
        stmt = stmt.where(Partner.type == type_)
    if region_code:
        stmt = stmt.where(Partner.region_code == region_code)
    if country_code:
        stmt = stmt.where(Partner.country_code == country_code.upper())
    if q:
        stmt = stmt.where(or_(contains(Partner.name, q), Partner.nib == q, Partner.npwp == q))
    return stmt


def page(
    session: Session, stmt: Select[Partner], spec: SortSpec, after: tuple[Any, Any] | None, limit: int
) -> tuple[Sequence[Partner], int]:
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    ordered = (
        apply_keyset(stmt, spec, Partner.id, after)
        .options(selectinload(Partner.contacts), joinedload(Partner.region))
        .limit(limit + 1)
    )
    return session.scalars(ordered).all(), total
