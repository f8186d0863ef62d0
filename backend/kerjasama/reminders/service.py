"""Reminder rules, the caller's notifications and the e-mail delivery log.

The job itself (`kerjasama remind`) is reminders/job.py; calendar feeds are reminders/calendar.py.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from kerjasama.core import audit
from kerjasama.core.auth import Principal
from kerjasama.core.errors import Conflict, Invalid, NotFound, field_error
from kerjasama.core.pagination import SortSpec, decode_cursor, encode_cursor
from kerjasama.models import Delivery, Notification, ReminderRule
from kerjasama.models.base import utcnow
from kerjasama.reminders import repository as repo
from kerjasama.reminders.job import RunSummary, run
from kerjasama.reminders.schemas import (
    DeliveryRead,
    DeliveryRecipient,
    DeliveryReminder,
    NotificationPage,
    NotificationRead,
    ReminderRuleUpdate,
)

__all__ = ["RunSummary", "run"]  # the job, for callers that think of it as the reminders service

NEWEST_FIRST = "-created_at"


# --- rules ----------------------------------------------------------------------------------------


def list_rules(session: Session) -> list[ReminderRule]:
    return sorted(repo.rules(session).values(), key=lambda r: r.kind)


def get_rule(session: Session, kind: str) -> ReminderRule:
    rule = session.get(ReminderRule, kind)
    if rule is None:
        raise NotFound(f"No reminder rule '{kind}'.")
    return rule


def _rule_snapshot(rule: ReminderRule) -> dict[str, Any]:
    return {"offsets_days": list(rule.offsets_days or []), "enabled": rule.enabled, "email": rule.email}


def update_rule(session: Session, principal: Principal, rule: ReminderRule, data: ReminderRuleUpdate) -> None:
    changes = data.model_dump(exclude_unset=True)
    nulls = [name for name, value in changes.items() if value is None]
    if nulls:
        raise Invalid(
            "Leave a field out to keep it; null is not a value here.",
            errors=[field_error(name, "may not be null", "null_not_allowed") for name in nulls],
        )
    before = _rule_snapshot(rule)
    after = {**before, **changes}
    if after == before:
        return
    rule.offsets_days = list(after["offsets_days"])
    rule.enabled, rule.email = after["enabled"], after["email"]
    session.flush()
    audit.record(session, principal.actor, "reminder_rule", rule.kind, "update", *audit.diff(before, after))


# --- notifications --------------------------------------------------------------------------------


def _created_at_cursor(cursor: str, spec: SortSpec) -> tuple[datetime, uuid.UUID]:
    key, last_id = decode_cursor(cursor, NEWEST_FIRST, spec)
    try:
        at = datetime.fromisoformat(key)
        if at.tzinfo is None:
            raise ValueError("a cursor timestamp carries its UTC offset")
        return at, last_id
    except (TypeError, ValueError) as exc:
        raise Invalid(
            "The cursor is not valid for this list and sort order.",
            errors=[field_error("cursor", "use next_cursor exactly as returned", "cursor_invalid", "query")],
        ) from exc


def list_notifications(
    session: Session, principal: Principal, unread: bool | None, limit: int, cursor: str | None
) -> NotificationPage:
    spec = SortSpec(Notification.created_at, True, "str")
    after = _created_at_cursor(cursor, spec) if cursor else None
    stmt = repo.notifications(principal.user_id, unread)
    rows = [r[0] for r in repo.page(session, stmt, spec, Notification.id, after, limit)]
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor(NEWEST_FIRST, last.created_at.isoformat(), last.id)
    return NotificationPage(
        items=[NotificationRead.model_validate(n) for n in rows[:limit]],
        next_cursor=next_cursor,
        total=repo.count(session, stmt),
        unread=repo.unread_count(session, principal.user_id),
    )


def mark_read(session: Session, principal: Principal, notification_id: uuid.UUID) -> Notification:
    """Mark one of the caller's own notifications read (again: no change). Someone else's is 404."""
    found = repo.own_notification(session, principal.user_id, notification_id)
    if found is None:
        raise NotFound("No notification with this id.")
    if found.read_at is None:
        found.read_at = utcnow()
        session.flush()
    return found


def mark_all_read(session: Session, principal: Principal) -> int:
    return repo.mark_all_read(session, principal.user_id, utcnow())


# --- delivery log ---------------------------------------------------------------------------------


def delivery_read(row: Any) -> DeliveryRead:
    d: Delivery = row[0]
    return DeliveryRead(
        id=d.id,
        channel=d.channel,
        status=d.status,
        attempts=d.attempts,
        last_error=d.last_error,
        next_attempt_at=d.next_attempt_at,
        sent_at=d.sent_at,
        created_at=d.created_at,
        message_id=d.message_id,
        recipient=DeliveryRecipient(
            user_id=d.user_id, username=row.username, full_name=row.full_name, address=d.address
        ),
        reminder=DeliveryReminder(
            id=d.reminder_id,
            kind=row.kind,
            title=row.title,
            due_date=row.due_date,
            agreement_id=row.agreement_id,
            link=row.link,
        ),
    )


def list_deliveries(
    session: Session, status: str | None, limit: int, cursor: str | None
) -> tuple[list[DeliveryRead], str | None, int]:
    spec = SortSpec(Delivery.created_at, True, "str")
    after = _created_at_cursor(cursor, spec) if cursor else None
    stmt = repo.deliveries(status)
    rows = repo.page(session, stmt, spec, Delivery.id, after, limit)
    next_cursor = None
    if len(rows) > limit:
        last: Delivery = rows[limit - 1][0]
        next_cursor = encode_cursor(NEWEST_FIRST, last.created_at.isoformat(), last.id)
    return [delivery_read(r) for r in rows[:limit]], next_cursor, repo.count(session, stmt)


def get_delivery(session: Session, delivery_id: uuid.UUID) -> DeliveryRead:
    row = repo.delivery_row(session, delivery_id)
    if row is None:
        raise NotFound("No delivery with this id.")
    return delivery_read(row)


def retry_delivery(session: Session, principal: Principal, delivery_id: uuid.UUID) -> DeliveryRead:
    """Queue a failed e-mail again with a fresh count of tries; it goes out at the next run."""
    delivery = session.get(Delivery, delivery_id)
    if delivery is None:
        raise NotFound("No delivery with this id.")
    if delivery.status != "failed":
        raise Conflict(
            f"Only a failed e-mail can be retried; this one is {delivery.status}.", code="delivery_not_failed"
        )
    before = {"status": delivery.status, "attempts": delivery.attempts}
    delivery.status, delivery.attempts, delivery.next_attempt_at = "queued", 0, utcnow()
    session.flush()
    audit.record(
        session,
        principal.actor,
        "delivery",
        delivery.id,
        "retry",
        before,
        {"status": "queued", "attempts": 0},
    )
    return get_delivery(session, delivery_id)
