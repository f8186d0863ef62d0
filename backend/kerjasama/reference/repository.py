"""Every query on master data."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kerjasama.core.search import contains, starts_with
from kerjasama.models import Affair, Opd, Region, RegionBorder


def list_regions(
    session: Session,
    *,
    province_code: str | None,
    type_: str | None,
    q: str | None,
    after_code: str | None,
    limit: int,
) -> tuple[Sequence[Region], int]:
    stmt = select(Region)
    if province_code:
        stmt = stmt.where(Region.province_code == province_code)
    if type_:
        stmt = stmt.where(Region.type == type_)
    if q:
        stmt = stmt.where(or_(contains(Region.name, q), starts_with(Region.code, q)))
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    if after_code is not None:
        stmt = stmt.where(Region.code > after_code)
    rows = session.scalars(stmt.order_by(Region.code).limit(limit + 1)).all()
    return rows, total


def neighbours(session: Session, region_code: str) -> set[str]:
    return set(
        session.scalars(select(RegionBorder.neighbour_code).where(RegionBorder.region_code == region_code))
    )


def get_region(session: Session, code: str) -> Region | None:
    return session.get(Region, code)


def list_affairs(session: Session, group: str | None, q: str | None) -> Sequence[Affair]:
    stmt = select(Affair).order_by(Affair.code)
    if group:
        stmt = stmt.where(Affair.group == group)
    if q:
        stmt = stmt.where(or_(contains(Affair.name, q), starts_with(Affair.code, q)))
    return session.scalars(stmt).all()


def affairs_by_code(session: Session, codes: Sequence[str]) -> list[Affair]:
    if not codes:
        return []
    return list(session.scalars(select(Affair).where(Affair.code.in_(codes))))


def list_opds(session: Session, *, active: bool | None, q: str | None) -> Sequence[Opd]:
    stmt = select(Opd).order_by(Opd.name)
    if active is not None:
        stmt = stmt.where(Opd.is_active == active)
    if q:
        stmt = stmt.where(
            or_(
                contains(Opd.name, q),
                contains(Opd.abbreviation, q),
                contains(Opd.code, q),
            )
        )
    return session.scalars(stmt).all()


def get_opd(session: Session, opd_id: uuid.UUID) -> Opd | None:
    return session.get(Opd, opd_id)


def get_opd_by_code(session: Session, code: str) -> Opd | None:
    return session.scalar(select(Opd).where(Opd.code == code))


def opds_by_id(session: Session, ids: Sequence[uuid.UUID]) -> list[Opd]:
    if not ids:
        return []
    return list(session.scalars(select(Opd).where(Opd.id.in_(ids))))
