from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from kerjasama.models import UserAccount


def get(session: Session, user_id: uuid.UUID) -> UserAccount | None:
    return session.get(UserAccount, user_id)


def by_username(session: Session, username: str) -> UserAccount | None:
    return session.scalar(select(UserAccount).where(UserAccount.username == username.lower()))


def list_users(
    session: Session, role: str | None, opd_id: uuid.UUID | None, q: str | None
) -> Sequence[UserAccount]:
    stmt = select(UserAccount).order_by(UserAccount.username)
    if role:
        stmt = stmt.where(UserAccount.role == role)
    if opd_id:
        stmt = stmt.where(UserAccount.opd_id == opd_id)
    if q:
        like = f"%{q.lower()}%"
        stmt = stmt.where(or_(UserAccount.username.like(like), func.lower(UserAccount.full_name).like(like)))
    return session.scalars(stmt).all()
