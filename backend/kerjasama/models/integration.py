"""What leaves the registry: service accounts of other systems and the change feed they sync from."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, BigInteger, CheckConstraint, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kerjasama.models.base import Base, TimestampMixin, new_id, utcnow
from kerjasama.models.users import UserAccount

SERVICE_ACCOUNT_ROLES = ("province", "viewer")
SERVICE_ACCOUNT_SCOPES = ("read", "webhooks")
CHANGE_ENTITY_TYPES = ("agreement", "partner", "obligation", "monitoring_report")
CHANGE_OPS = ("upsert", "delete")


class ServiceAccount(TimestampMixin, Base):
    """A machine client (e.g. the province's Biro Otonomi Daerah) signing in with client credentials.

    Each account is backed by a `user_account` row (no password, `is_service_account`), so audit entries,
    idempotency records and notifications keep one foreign key for every kind of caller. The secret is
    stored as an Argon2 hash and shown once; `secret_generation` is written into every access token, so
    rotating the secret or disabling the account kills the tokens already issued.
    """

    __tablename__ = "service_account"
    __table_args__ = (CheckConstraint(f"role IN {SERVICE_ACCOUNT_ROLES!r}", name="role"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    client_id: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    role: Mapped[str] = mapped_column(String(20))
    scopes: Mapped[list[str]] = mapped_column(JSON, default=list)
    secret_hash: Mapped[str] = mapped_column(String(255))
    secret_generation: Mapped[int] = mapped_column(Integer, default=1)
    is_active: Mapped[bool] = mapped_column(default=True)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id"), unique=True)
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    last_used_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    user: Mapped[UserAccount] = relationship(lazy="raise", foreign_keys=[user_id])

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ChangeEvent(Base):
    """One committed change to an entity of the feed; the payload is rendered at read time per caller.

    `seq` grows in commit order: writers take one lock (an advisory transaction lock on PostgreSQL,
    SQLite's single write lock) just before inserting their events, so a slower transaction can never
    commit a lower `seq` after a reader has passed it. `agreement_id` lets the feed scope obligations and
    monitoring reports by their agreement without a join per row.
    """

    __tablename__ = "change_event"
    __table_args__ = (
        CheckConstraint(f"entity_type IN {CHANGE_ENTITY_TYPES!r}", name="entity_type"),
        CheckConstraint(f"op IN {CHANGE_OPS!r}", name="op"),
        Index("ix_change_event_entity", "entity_type", "entity_id"),
    )

    seq: Mapped[int] = mapped_column(
        BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True
    )
    entity_type: Mapped[str] = mapped_column(String(30))
    entity_id: Mapped[uuid.UUID]
    agreement_id: Mapped[uuid.UUID | None]
    op: Mapped[str] = mapped_column(String(10))
    changed_at: Mapped[datetime] = mapped_column(default=utcnow)
