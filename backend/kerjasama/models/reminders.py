"""Reminders: configurable rules, one row per reminder (deduplicated by key), in-app notifications,
the e-mail delivery log, and per-user calendar feed tokens."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kerjasama.models.base import Base, new_id, utcnow

REMINDER_KINDS = (
    "agreement_expiry",
    "obligation_due",
    "obligation_overdue",
    "report_due",
    "report_overdue",
    "dprd_deadline",
    "periodic_report_due",
    "offer_answer_due",
)
DELIVERY_STATUSES = ("queued", "sent", "failed")


class ReminderRule(Base):
    """One configurable rule: which kind, how many days before (negative = after) the date, on or off."""

    __tablename__ = "reminder_rule"
    __table_args__ = (CheckConstraint(f"kind IN {REMINDER_KINDS!r}", name="kind"),)

    kind: Mapped[str] = mapped_column(String(30), primary_key=True)
    # e.g. [180, 90, 30] for expiry; [14, 3] for obligations; [0] = on the day; overdue kinds use [1]
    offsets_days: Mapped[list[int]] = mapped_column(JSON, default=list)
    enabled: Mapped[bool] = mapped_column(default=True)
    email: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Reminder(Base):
    """One reminder about one dated thing. The unique dedupe_key makes `kerjasama remind` once-only."""

    __tablename__ = "reminder"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    dedupe_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    entity_type: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[uuid.UUID] = mapped_column(index=True)
    agreement_id: Mapped[uuid.UUID | None] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    opd_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("opd.id"))
    due_date: Mapped[date]
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Notification(Base):
    """In-app notification for one user."""

    __tablename__ = "notification"
    __table_args__ = (
        UniqueConstraint("reminder_id", "user_id"),
        Index("ix_notification_user_created", "user_id", "created_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    reminder_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("reminder.id", ondelete="CASCADE"))
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    link: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    read_at: Mapped[datetime | None]


class Delivery(Base):
    """One e-mail to one person for one reminder: queued until sent; failures are kept and retried."""

    __tablename__ = "delivery"
    __table_args__ = (
        CheckConstraint(f"status IN {DELIVERY_STATUSES!r}", name="status"),
        UniqueConstraint("reminder_id", "channel", "user_id"),
        Index("ix_delivery_status_next", "status", "next_attempt_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    reminder_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("reminder.id", ondelete="CASCADE"), index=True)
    channel: Mapped[str] = mapped_column(String(10), default="email")
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    address: Mapped[str] = mapped_column(String(254))
    status: Mapped[str] = mapped_column(String(10), default="queued")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    # Message-ID fixed at queue time, so a retry after an unclear failure is recognisable downstream.
    message_id: Mapped[str] = mapped_column(String(200))
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class CalendarFeed(Base):
    """A per-user secret calendar URL. Only the SHA-256 of the token is stored; revoking sets revoked_at."""

    __tablename__ = "calendar_feed"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
