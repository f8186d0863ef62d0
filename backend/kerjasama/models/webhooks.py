"""Webhooks: subscriptions of other systems to the change feed, and one delivery row per event sent.

Deliveries are rows, not memory: a restart, a crash or a second worker finds them where they were.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, CheckConstraint, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kerjasama.models.base import Base, TimestampMixin, new_id, utcnow

WEBHOOK_DELIVERY_STATUSES = ("pending", "delivered", "failed", "dead")


class WebhookSubscription(TimestampMixin, Base):
    """An endpoint that receives the change events of chosen types, signed with its own secret.

    Events are rendered as `owner_id` may see them (a province service account gets the redacted view).
    `last_seq` is the fan-out cursor: every change_event up to it has been turned into deliveries.
    The secret must be usable for HMAC signing, so it is stored as is (never returned after creation).
    """

    __tablename__ = "webhook_subscription"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    owner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    url: Mapped[str] = mapped_column(String(2000))
    event_types: Mapped[list[str]] = mapped_column(JSON, default=list)
    secret: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    is_active: Mapped[bool] = mapped_column(default=True)
    disabled_reason: Mapped[str | None] = mapped_column(String(300))
    disabled_at: Mapped[datetime | None]
    consecutive_failures: Mapped[int] = mapped_column(default=0)
    last_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class WebhookDelivery(Base):
    """One change event for one subscription: pending until the receiver answers 2xx.

    `payload` is the body rendered at fan-out time, so every retry sends the same event (with a new
    signature timestamp). The unique (subscription_id, seq) makes the fan-out once-only.
    """

    __tablename__ = "webhook_delivery"
    __table_args__ = (
        CheckConstraint(f"status IN {WEBHOOK_DELIVERY_STATUSES!r}", name="status"),
        UniqueConstraint("subscription_id", "seq"),
        Index("ix_webhook_delivery_status_next", "status", "next_attempt_at"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    subscription_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("webhook_subscription.id", ondelete="CASCADE")
    )
    seq: Mapped[int] = mapped_column(BigInteger)
    event_type: Mapped[str] = mapped_column(String(60))
    entity_id: Mapped[uuid.UUID]
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    next_attempt_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_attempt_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    last_status_code: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    last_response_ms: Mapped[int | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
