"""Every query of the webhooks domain: subscriptions, the delivery log, and the job's fan-out and claims.

The job's claims are written for several workers at once: on PostgreSQL `FOR UPDATE SKIP LOCKED`
hands each row to one worker while the others pass over it; SQLite has a single writer (its write
transactions begin IMMEDIATE), and SQLAlchemy leaves the clause out there.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kerjasama.core.pagination import SortSpec, apply_keyset
from kerjasama.models import UserAccount, WebhookDelivery, WebhookSubscription
from kerjasama.models.integration import ChangeEvent, ServiceAccount

RETRIED_STATUSES = ("pending", "failed")


# --- subscriptions --------------------------------------------------------------------------------


def get(session: Session, subscription_id: uuid.UUID) -> WebhookSubscription | None:
    return session.get(WebhookSubscription, subscription_id)


def page(
    session: Session,
    *,
    owner_id: uuid.UUID | None,
    is_active: bool | None,
    spec: SortSpec,
    after: tuple[Any, Any] | None,
    limit: int,
) -> tuple[Sequence[WebhookSubscription], int]:
    """One page (limit + 1 rows, to tell whether another follows) and the total; owner_id None: all."""
    where: list[ColumnElement[bool]] = []
    if owner_id is not None:
        where.append(WebhookSubscription.owner_id == owner_id)
    if is_active is not None:
        where.append(WebhookSubscription.is_active.is_(is_active))
    total = session.scalar(select(func.count()).select_from(WebhookSubscription).where(*where)) or 0
    stmt: Select[Any] = select(WebhookSubscription).where(*where)
    stmt = apply_keyset(stmt, spec, WebhookSubscription.id, after).limit(limit + 1)
    return session.scalars(stmt).all(), total


def owners(
    session: Session, user_ids: Iterable[uuid.UUID]
) -> dict[uuid.UUID, tuple[UserAccount, ServiceAccount | None]]:
    """The owners' user rows, with the service account behind each (None for people)."""
    wanted = set(user_ids)
    if not wanted:
        return {}
    rows = session.execute(
        select(UserAccount, ServiceAccount)
        .outerjoin(ServiceAccount, ServiceAccount.user_id == UserAccount.id)
        .where(UserAccount.id.in_(wanted))
    ).all()
    return {user.id: (user, account) for user, account in rows}


def service_account(session: Session, account_id: uuid.UUID) -> ServiceAccount | None:
    return session.get(ServiceAccount, account_id)


def last_seq(session: Session) -> int:
    """The newest change event's seq (0 for none): a new subscription starts after it."""
    return int(session.scalar(select(func.max(ChangeEvent.seq))) or 0)


def users_with_roles(session: Session, roles: Sequence[str]) -> Sequence[uuid.UUID]:
    """Active people (not service accounts) holding one of the roles."""
    stmt = select(UserAccount.id).where(
        UserAccount.role.in_(roles),
        UserAccount.is_active.is_(True),
        UserAccount.is_service_account.is_(False),
    )
    return session.scalars(stmt.order_by(UserAccount.username)).all()


# --- delivery log ---------------------------------------------------------------------------------


def delivery(session: Session, subscription_id: uuid.UUID, delivery_id: uuid.UUID) -> WebhookDelivery | None:
    found: WebhookDelivery | None = session.scalar(
        select(WebhookDelivery).where(
            WebhookDelivery.id == delivery_id, WebhookDelivery.subscription_id == subscription_id
        )
    )
    return found


def deliveries(
    session: Session,
    subscription_id: uuid.UUID,
    *,
    status: str | None,
    spec: SortSpec,
    after: tuple[Any, Any] | None,
    limit: int,
) -> tuple[Sequence[WebhookDelivery], int]:
    where = [WebhookDelivery.subscription_id == subscription_id]
    if status is not None:
        where.append(WebhookDelivery.status == status)
    total = session.scalar(select(func.count()).select_from(WebhookDelivery).where(*where)) or 0
    stmt: Select[Any] = select(WebhookDelivery).where(*where)
    stmt = apply_keyset(stmt, spec, WebhookDelivery.id, after).limit(limit + 1)
    return session.scalars(stmt).all(), total


# --- the job: fan-out -----------------------------------------------------------------------------


def fanout_candidates(session: Session) -> Sequence[uuid.UUID]:
    """Active subscriptions of active owners that have events waiting."""
    newest = last_seq(session)
    stmt = (
        select(WebhookSubscription.id)
        .join(UserAccount, UserAccount.id == WebhookSubscription.owner_id)
        .where(
            WebhookSubscription.is_active.is_(True),
            UserAccount.is_active.is_(True),
            WebhookSubscription.last_seq < newest,
        )
        .order_by(WebhookSubscription.id)
    )
    return session.scalars(stmt).all()


def lock_for_fanout(session: Session, subscription_id: uuid.UUID) -> Any:
    """(last_seq, event_types, owner_id) of an active subscription, row-locked until commit; None when
    another worker holds it (PostgreSQL) or it is no longer active."""
    stmt = (
        select(WebhookSubscription.last_seq, WebhookSubscription.event_types, WebhookSubscription.owner_id)
        .where(WebhookSubscription.id == subscription_id, WebhookSubscription.is_active.is_(True))
        .with_for_update(skip_locked=True)
    )
    return session.execute(stmt).first()


def events_after(session: Session, seq: int, limit: int) -> Sequence[ChangeEvent]:
    stmt = select(ChangeEvent).where(ChangeEvent.seq > seq).order_by(ChangeEvent.seq).limit(limit)
    return session.scalars(stmt).all()


def insert_deliveries(session: Session, rows: list[dict[str, Any]]) -> int:
    """INSERT … ON CONFLICT (subscription_id, seq) DO NOTHING: one delivery per event, whoever fans out."""
    if not rows:
        return 0
    insert_fn = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = (
        insert_fn(WebhookDelivery)
        .values(rows)
        .on_conflict_do_nothing(index_elements=["subscription_id", "seq"])
        .returning(WebhookDelivery.id)
    )
    return len(session.execute(stmt).all())


def advance(session: Session, subscription_id: uuid.UUID, seq: int) -> None:
    """Move the fan-out cursor; a plain UPDATE, so the subscription's version (its ETag) stays."""
    session.execute(
        update(WebhookSubscription)
        .where(WebhookSubscription.id == subscription_id, WebhookSubscription.last_seq < seq)
        .values(last_seq=seq, updated_at=WebhookSubscription.updated_at)
    )


# --- the job: sending -----------------------------------------------------------------------------


def claim_due(session: Session, now: datetime, lease_until: datetime, limit: int) -> Sequence[Any]:
    """Take up to `limit` due deliveries of active subscriptions (of active owners) for sending.

    Their next_attempt_at moves to lease_until in this transaction, so once it commits no other worker
    takes them; a worker that dies after claiming leaves them due again when the lease runs out.
    Returns id, subscription_id, attempts, payload, url, secret of each.
    """
    due = (
        select(WebhookDelivery.id)
        .join(WebhookSubscription, WebhookSubscription.id == WebhookDelivery.subscription_id)
        .join(UserAccount, UserAccount.id == WebhookSubscription.owner_id)
        .where(
            WebhookDelivery.status.in_(RETRIED_STATUSES),
            WebhookDelivery.next_attempt_at <= now,
            WebhookSubscription.is_active.is_(True),
            UserAccount.is_active.is_(True),
        )
        .order_by(WebhookDelivery.next_attempt_at, WebhookDelivery.seq)
        .limit(limit)
        .with_for_update(of=WebhookDelivery, skip_locked=True)
    )
    ids = list(session.scalars(due))
    if not ids:
        return []
    session.execute(
        update(WebhookDelivery).where(WebhookDelivery.id.in_(ids)).values(next_attempt_at=lease_until)
    )
    stmt = (
        select(
            WebhookDelivery.id,
            WebhookDelivery.subscription_id,
            WebhookDelivery.attempts,
            WebhookDelivery.payload,
            WebhookSubscription.url,
            WebhookSubscription.secret,
        )
        .join(WebhookSubscription, WebhookSubscription.id == WebhookDelivery.subscription_id)
        .where(WebhookDelivery.id.in_(ids))
        .order_by(WebhookDelivery.seq)
    )
    return session.execute(stmt).all()


def set_delivery(session: Session, delivery_id: uuid.UUID, **values: Any) -> None:
    session.execute(update(WebhookDelivery).where(WebhookDelivery.id == delivery_id).values(**values))


def reset_failures(session: Session, subscription_id: uuid.UUID) -> None:
    session.execute(
        update(WebhookSubscription)
        .where(WebhookSubscription.id == subscription_id, WebhookSubscription.consecutive_failures != 0)
        .values(consecutive_failures=0, updated_at=WebhookSubscription.updated_at)
    )


def add_failure(session: Session, subscription_id: uuid.UUID) -> tuple[int, bool]:
    """One more consecutive failure: (the new count, whether the subscription is still active)."""
    row = session.execute(
        update(WebhookSubscription)
        .where(WebhookSubscription.id == subscription_id)
        .values(
            consecutive_failures=WebhookSubscription.consecutive_failures + 1,
            updated_at=WebhookSubscription.updated_at,
        )
        .returning(WebhookSubscription.consecutive_failures, WebhookSubscription.is_active)
    ).first()
    return (int(row[0]), bool(row[1])) if row else (0, False)
