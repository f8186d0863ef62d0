from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from kerjasama.core.search import contains
from kerjasama.models import UserAccount


def get(session: Session, user_id: uuid.UUID) -> UserAccount | None:
    # Service accounts are managed at /service-accounts, not as people.
    user = session.get(UserAccount, user_id)
    return None if user is None or user.is_service_account else user


def by_username(session: Session, username: str) -> UserAccount | None:
    return session.scalar(select(UserAccount).where(UserAccount.username == username.lower()))


def list_users(
    session: Session, role: str | None, opd_id: uuid.UUID | None, q: str | None
) -> Sequence[UserAccount]:
    stmt = select(UserAccount).where(UserAccount.is_service_account.is_(False)).order_by(UserAccount.username)
    if role:
        stmt = stmt.where(UserAccount.role == role)
    if opd_id:
        stmt = stmt.where(UserAccount.opd_id == opd_id)
    if q:
        stmt = stmt.where(or_(contains(UserAccount.username, q), contains(UserAccount.full_name, q)))
    return session.scalars(stmt).all()


def active_people_with_roles(session: Session, roles: Sequence[str]) -> Sequence[uuid.UUID]:
    """Ids of active (non-service) accounts holding one of these roles, locked until the transaction
    ends (PostgreSQL), so that two admins demoting each other at once cannot both succeed."""
    stmt = (
        select(UserAccount.id)
        .where(
            UserAccount.is_service_account.is_(False),
            UserAccount.is_active.is_(True),
            UserAccount.role.in_(roles),
        )
        .order_by(UserAccount.id)
        .with_for_update()
    )
    return session.scalars(stmt).all()
