"""Every query of the reminders domain: the dated things reminders come from, recipients, the once-only
insert, the delivery claim, and the lists behind the endpoints (scoping of the calendar feed included)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kerjasama.core.pagination import SortSpec, apply_keyset
from kerjasama.models import (
    Agreement,
    CalendarFeed,
    Delivery,
    DprdApproval,
    Notification,
    Obligation,
    ObligationOccurrence,
    Reminder,
    ReminderRule,
    UserAccount,
)
from kerjasama.models.obligations import OPEN_STATUSES
from kerjasama.reminders import policy

# Texts whose procedure is over without effect: a pending DPRD request on them is moot.
_CLOSED_STATUSES = ("ended", "cancelled", "rejected")


# --- sources --------------------------------------------------------------------------------------


def _between(column: Any, first: date | None, last: date | None) -> list[ColumnElement[bool]]:
    """Bounds on a date column; None leaves that side open (NULL dates never match)."""
    clauses: list[ColumnElement[bool]] = [column.is_not(None)]
    if first is not None:
        clauses.append(column >= first)
    if last is not None:
        clauses.append(column <= last)
    return clauses


def agreements_ending(
    session: Session, first: date | None, last: date | None, scope: Select[Any] | None = None
) -> Sequence[Any]:
    """In-force agreements whose end date lies in [first, last]: id, number, title, end_date, lead_opd_id."""
    stmt = select(
        Agreement.id, Agreement.number, Agreement.title, Agreement.end_date, Agreement.lead_opd_id
    ).where(Agreement.status == "in_force", *_between(Agreement.end_date, first, last))
    if scope is not None:
        stmt = stmt.where(Agreement.id.in_(scope))
    return session.execute(stmt.order_by(Agreement.end_date, Agreement.id)).all()


def open_occurrences(
    session: Session, first: date | None, last: date | None, scope: Select[Any] | None = None
) -> Sequence[Any]:
    """Open (pending / in progress) occurrences of in-force agreements due in [first, last]:
    id, due_date, description, opd_id (responsible, else the lead OPD), agreement_id, number, title."""
    stmt = (
        select(
            ObligationOccurrence.id,
            ObligationOccurrence.due_date,
            Obligation.description,
            func.coalesce(Obligation.responsible_opd_id, Agreement.lead_opd_id).label("opd_id"),
            Agreement.id.label("agreement_id"),
            Agreement.number,
            Agreement.title,
        )
        .join(Obligation, Obligation.id == ObligationOccurrence.obligation_id)
        .join(Agreement, Agreement.id == Obligation.agreement_id)
        .where(
            ObligationOccurrence.status.in_(OPEN_STATUSES),
            Agreement.status == "in_force",
            *_between(ObligationOccurrence.due_date, first, last),
        )
    )
    if scope is not None:
        stmt = stmt.where(Agreement.id.in_(scope))
    return session.execute(stmt.order_by(ObligationOccurrence.due_date, ObligationOccurrence.id)).all()


def pending_dprd(
    session: Session, first: date | None, last: date | None, scope: Select[Any] | None = None
) -> Sequence[Any]:
    """Pending DPRD approval requests with a deadline in [first, last]:
    id, deadline_date, agreement_id, number, title, lead_opd_id."""
    stmt = (
        select(
            DprdApproval.id,
            DprdApproval.deadline_date,
            Agreement.id.label("agreement_id"),
            Agreement.number,
            Agreement.title,
            Agreement.lead_opd_id,
        )
        .join(Agreement, Agreement.id == DprdApproval.agreement_id)
        .where(
            DprdApproval.decision == "pending",
            *_between(DprdApproval.deadline_date, first, last),
            Agreement.status.not_in(_CLOSED_STATUSES),
        )
    )
    if scope is not None:
        stmt = stmt.where(Agreement.id.in_(scope))
    return session.execute(stmt.order_by(DprdApproval.deadline_date, DprdApproval.id)).all()


def offers_awaiting_answer(
    session: Session, first: date | None, last: date | None, scope: Select[Any] | None = None
) -> Sequence[Any]:
    """Texts at the offer stage whose partner's answer is due in [first, last] (P22 Pasal 8(3)-(5)):
    id, number, title, offer_due_date, offer_second_request_date, lead_opd_id. A non-answer already
    reported to the Gubernur waits for nothing more."""
    stmt = select(
        Agreement.id,
        Agreement.number,
        Agreement.title,
        Agreement.offer_due_date,
        Agreement.offer_second_request_date,
        Agreement.lead_opd_id,
    ).where(
        Agreement.stage == "offer",
        Agreement.offer_non_answer_reported_date.is_(None),
        Agreement.status.not_in(_CLOSED_STATUSES),
        *_between(Agreement.offer_due_date, first, last),
    )
    if scope is not None:
        stmt = stmt.where(Agreement.id.in_(scope))
    return session.execute(stmt.order_by(Agreement.offer_due_date, Agreement.id)).all()


# --- the job --------------------------------------------------------------------------------------


def rules(session: Session) -> dict[str, ReminderRule]:
    return {r.kind: r for r in session.scalars(select(ReminderRule))}


def recipients(session: Session, opd_id: uuid.UUID | None) -> Sequence[Any]:
    """Active users of the OPD (opd_head, opd_operator) and every active secretariat user:
    id, email, full_name."""
    who: ColumnElement[bool] = UserAccount.role.in_(policy.REMINDED_FOR_EVERY_OPD)
    if opd_id is not None:
        who = or_(who, and_(UserAccount.role.in_(policy.REMINDED_FOR_OWN_OPD), UserAccount.opd_id == opd_id))
    stmt = select(UserAccount.id, UserAccount.email, UserAccount.full_name).where(
        UserAccount.is_active.is_(True), who
    )
    return session.execute(stmt.order_by(UserAccount.username)).all()


def existing_keys(session: Session, keys: Iterable[str]) -> set[str]:
    wanted = list(keys)
    found: set[str] = set()
    for i in range(0, len(wanted), 500):  # stay under SQLite's bound-parameter limit
        chunk = wanted[i : i + 500]
        found.update(session.scalars(select(Reminder.dedupe_key).where(Reminder.dedupe_key.in_(chunk))))
    return found


def insert_reminder(session: Session, values: dict[str, Any]) -> bool:
    """INSERT … ON CONFLICT (dedupe_key) DO NOTHING: True when this call created the reminder.

    The unique key is what makes a reminder once-only, whichever process gets there first; the
    loser's insert is a no-op instead of an error that would abort its whole transaction.
    RETURNING tells the two apart (psycopg reports no rowcount for such an INSERT).
    """
    insert_fn = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    stmt = (
        insert_fn(Reminder)
        .values(**values)
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(Reminder.id)
    )
    return session.execute(stmt).scalar_one_or_none() is not None


def due_delivery_ids(session: Session, now: datetime, limit: int) -> list[uuid.UUID]:
    stmt = (
        select(Delivery.id)
        .where(Delivery.status == "queued", Delivery.next_attempt_at <= now)
        .order_by(Delivery.next_attempt_at, Delivery.id)
        .limit(limit)
    )
    return list(session.scalars(stmt))


def claim(session: Session, delivery_id: uuid.UUID, now: datetime, lease_until: datetime) -> bool:
    """Atomically take a due delivery for sending: only one process can move next_attempt_at past now.

    A process that dies after claiming leaves the delivery queued; it becomes due again at lease_until.
    """
    result = session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.status == "queued", Delivery.next_attempt_at <= now)
        .values(next_attempt_at=lease_until)
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


def delivery_content(session: Session, delivery_id: uuid.UUID) -> Any:
    """address, message_id, title, body, link, full_name of one delivery."""
    return session.execute(
        select(
            Delivery.address,
            Delivery.message_id,
            Reminder.title,
            Reminder.body,
            Reminder.link,
            UserAccount.full_name,
        )
        .join(Reminder, Reminder.id == Delivery.reminder_id)
        .join(UserAccount, UserAccount.id == Delivery.user_id)
        .where(Delivery.id == delivery_id)
    ).one()


def mark_sent(session: Session, delivery_id: uuid.UUID, at: datetime) -> None:
    session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.status == "queued")
        .values(status="sent", sent_at=at, attempts=Delivery.attempts + 1, last_error=None)
    )


def attempts_of(session: Session, delivery_id: uuid.UUID) -> int:
    return int(session.scalar(select(Delivery.attempts).where(Delivery.id == delivery_id)) or 0)


def mark_failed_attempt(
    session: Session, delivery_id: uuid.UUID, attempts: int, error: str, status: str, next_at: datetime
) -> None:
    session.execute(
        update(Delivery)
        .where(Delivery.id == delivery_id, Delivery.status == "queued")
        .values(attempts=attempts, last_error=error, status=status, next_attempt_at=next_at)
    )


def count_queued(session: Session) -> int:
    return int(session.scalar(select(func.count()).where(Delivery.status == "queued")) or 0)


# --- notifications --------------------------------------------------------------------------------


def notifications(user_id: uuid.UUID, unread: bool | None) -> Select[Any]:
    stmt: Select[Any] = select(Notification).where(Notification.user_id == user_id)
    if unread is True:
        stmt = stmt.where(Notification.read_at.is_(None))
    elif unread is False:
        stmt = stmt.where(Notification.read_at.is_not(None))
    return stmt


def count(session: Session, stmt: Select[Any]) -> int:
    return int(session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0)


def unread_count(session: Session, user_id: uuid.UUID) -> int:
    return count(session, notifications(user_id, True))


def page(
    session: Session,
    stmt: Select[Any],
    spec: SortSpec,
    id_column: Any,
    after: tuple[Any, Any] | None,
    limit: int,
) -> Sequence[Any]:
    return session.execute(apply_keyset(stmt, spec, id_column, after).limit(limit + 1)).all()


def own_notification(session: Session, user_id: uuid.UUID, notification_id: uuid.UUID) -> Notification | None:
    return session.scalar(
        select(Notification).where(Notification.id == notification_id, Notification.user_id == user_id)
    )


def mark_all_read(session: Session, user_id: uuid.UUID, at: datetime) -> int:
    result = session.execute(
        update(Notification)
        .where(Notification.user_id == user_id, Notification.read_at.is_(None))
        .values(read_at=at)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


# --- delivery log ---------------------------------------------------------------------------------


def deliveries(status: str | None) -> Select[*tuple[Any, ...]]:
    """The delivery log with recipient and reminder, one statement for a whole page."""
    stmt: Select[*tuple[Any, ...]] = (
        select(
            Delivery,
            UserAccount.username,
            UserAccount.full_name,
            Reminder.kind,
            Reminder.title,
            Reminder.due_date,
            Reminder.agreement_id,
            Reminder.link,
        )
        .join(UserAccount, UserAccount.id == Delivery.user_id)
        .join(Reminder, Reminder.id == Delivery.reminder_id)
    )
    if status is not None:
        stmt = stmt.where(Delivery.status == status)
    return stmt


def delivery_row(session: Session, delivery_id: uuid.UUID) -> Any:
    return session.execute(deliveries(None).where(Delivery.id == delivery_id)).first()


# --- calendar feeds -------------------------------------------------------------------------------


def active_feed(session: Session, user_id: uuid.UUID) -> CalendarFeed | None:
    return session.scalar(
        select(CalendarFeed)
        .where(CalendarFeed.user_id == user_id, CalendarFeed.revoked_at.is_(None))
        .order_by(CalendarFeed.created_at.desc())
        .limit(1)
    )


def feeds_created(session: Session, user_id: uuid.UUID) -> int:
    """How many URLs the user has ever created: grows with each rotation, so it serves as the ETag."""
    return int(session.scalar(select(func.count()).where(CalendarFeed.user_id == user_id)) or 0)


def revoke_feeds(session: Session, user_id: uuid.UUID, at: datetime) -> int:
    result = session.execute(
        update(CalendarFeed)
        .where(CalendarFeed.user_id == user_id, CalendarFeed.revoked_at.is_(None))
        .values(revoked_at=at)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def feed_owner(session: Session, token_hash: str) -> UserAccount | None:
    """The active user behind an unrevoked feed token hash, or None."""
    return session.scalar(
        select(UserAccount)
        .join(CalendarFeed, CalendarFeed.user_id == UserAccount.id)
        .where(
            CalendarFeed.token_hash == token_hash,
            CalendarFeed.revoked_at.is_(None),
            UserAccount.is_active.is_(True),
        )
    )
