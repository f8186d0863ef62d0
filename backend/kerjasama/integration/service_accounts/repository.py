"""Every query on service accounts."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kerjasama.core.pagination import SortSpec, apply_keyset
from kerjasama.models.base import utcnow
from kerjasama.models.integration import ServiceAccount


def get(session: Session, account_id: uuid.UUID) -> ServiceAccount | None:
    return session.get(ServiceAccount, account_id)


def by_client_id(session: Session, client_id: str) -> ServiceAccount | None:
    found: ServiceAccount | None = session.scalar(
        select(ServiceAccount).where(ServiceAccount.client_id == client_id)
    )
    return found


def page(
    session: Session, *, is_active: bool | None, spec: SortSpec, after: tuple[Any, Any] | None, limit: int
) -> tuple[Sequence[ServiceAccount], int]:
    base = select(ServiceAccount)
    if is_active is not None:
        base = base.where(ServiceAccount.is_active.is_(is_active))
    total = session.scalar(select(func.count()).select_from(base.subquery())) or 0
    stmt = apply_keyset(base, spec, ServiceAccount.id, after).limit(limit + 1)
    return session.scalars(stmt).all(), total


def touch_last_used(session: Session, account_id: uuid.UUID) -> None:
    # A bulk UPDATE, so that signing in does not bump the version (an admin's ETag stays valid).
    session.execute(
        update(ServiceAccount).where(ServiceAccount.id == account_id).values(last_used_at=utcnow())
    )
