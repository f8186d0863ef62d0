"""People who sign in, their refresh tokens and the login throttle."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import CheckConstraint, ForeignKey, Index, String
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kerjasama.core.roles import OPD_ROLES, ROLES
from kerjasama.models.base import Base, TimestampMixin, new_id, utcnow
from kerjasama.models.reference import Opd


class UserAccount(TimestampMixin, Base):
    __tablename__ = "user_account"
    __table_args__ = (
        CheckConstraint(f"role IN {ROLES!r}", name="role"),
        # An OPD role without an OPD would see nothing, or worse, everything.
        CheckConstraint(f"role NOT IN {OPD_ROLES!r} OR opd_id IS NOT NULL", name="opd_role_has_opd"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    username: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    full_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(254))
    role: Mapped[str] = mapped_column(String(20))
    opd_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("opd.id"), index=True)
    is_active: Mapped[bool] = mapped_column(default=True)
    # The backing row of a service account (integration/service_accounts): never signs in with a password,
    # never listed among the people.
    is_service_account: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    last_login_at: Mapped[datetime | None]
    version: Mapped[int] = mapped_column(default=1)

    opd: Mapped[Opd | None] = relationship(lazy="raise")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class RefreshToken(Base):
    """Refresh tokens are stored as SHA-256 hashes; each use rotates to a new one in the same family."""

    __tablename__ = "refresh_token"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    user_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    family_id: Mapped[uuid.UUID] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]


class LoginFailure(Base):
    """One row per failed login, kept in the database so every API process sees the same count."""

    __tablename__ = "login_failure"
    __table_args__ = (Index("ix_login_failure_key_at", "key", "attempted_at"),)

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=True)
    key: Mapped[str] = mapped_column(String(200))
    attempted_at: Mapped[datetime] = mapped_column(default=utcnow)
