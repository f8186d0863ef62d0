"""Queries of the import: the reference lists of the template and the lookups of a row."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.models import Affair, Opd, Partner


def affairs(session: Session) -> list[tuple[str, str]]:
    return [(a.code, a.name) for a in session.scalars(select(Affair).order_by(Affair.code))]


def opds(session: Session) -> list[Opd]:
    return list(session.scalars(select(Opd).where(Opd.is_active.is_(True)).order_by(Opd.code)))


def region_partner(session: Session, region_code: str) -> Partner | None:
    found: Partner | None = session.scalar(select(Partner).where(Partner.region_code == region_code))
    return found


def partner(session: Session, partner_id: object) -> Partner | None:
    return session.get(Partner, partner_id)
