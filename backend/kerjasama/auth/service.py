"""Sign-in, refresh-token rotation and login throttling."""

from __future__ import annotations

import math
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from kerjasama.core.config import Settings
from kerjasama.core.errors import TooManyRequests, Unauthorized
from kerjasama.core.security import (
    DUMMY_HASH,
    create_access_token,
    new_opaque_token,
    sha256_hex,
    verify_password,
)
from kerjasama.models import LoginFailure, RefreshToken, UserAccount
from kerjasama.models.base import utcnow
from kerjasama.users import service as users_service


@dataclass(frozen=True)
class IssuedTokens:
    access_token: str
    expires_in: int
    refresh_token: str


def throttle_keys(username: str, client_ip: str) -> list[str]:
    return [f"user:{username.lower()}", f"ip:{client_ip}"]


def check_throttle(
    session: Session, settings: Settings, keys: list[str], now: datetime | None = None
) -> None:
    """429 once a username (or, with 4× the allowance, an address) has too many recent failures."""
    now = now or utcnow()
    since = now - timedelta(seconds=settings.login_window_seconds)
    for key in keys:
        limit = settings.login_max_failures * (4 if key.startswith("ip:") else 1)
        count, oldest = session.execute(
            select(func.count(), func.min(LoginFailure.attempted_at)).where(
                LoginFailure.key == key, LoginFailure.attempted_at > since
            )
        ).one()
        if count >= limit and oldest is not None:
            if oldest.tzinfo is None:  # SQLite aggregate bypasses the column type
                oldest = datetime.fromisoformat(str(oldest)).replace(tzinfo=now.tzinfo)
            retry = max(
                1,
                math.ceil((oldest + timedelta(seconds=settings.login_window_seconds) - now).total_seconds()),
            )
            raise TooManyRequests(
                f"Too many failed sign-ins. Try again in {retry} seconds.",
                code="login_throttled",
                headers={"Retry-After": str(retry)},
            )


def record_failure(session: Session, settings: Settings, keys: list[str]) -> None:
    now = utcnow()
    for key in keys:
        session.add(LoginFailure(key=key, attempted_at=now))
    # Keep the table small: anything older than the window no longer counts.
    session.execute(
        delete(LoginFailure).where(
            LoginFailure.attempted_at < now - timedelta(seconds=settings.login_window_seconds)
        )
    )


def authenticate(session: Session, username: str, password: str) -> UserAccount | None:
    user = users_service.find_by_username(session, username)
    if user is None:
        verify_password(password, DUMMY_HASH)  # same cost as a real check: no username oracle
        return None
    if not verify_password(password, user.password_hash) or not user.is_active:
        return None
    return user


def issue_tokens(
    session: Session, settings: Settings, user: UserAccount, family_id: uuid.UUID | None = None
) -> IssuedTokens:
    access, expires_in = create_access_token(
        subject=user.id, role=user.role, secret=settings.secret_key, minutes=settings.access_token_minutes
    )
    refresh = new_opaque_token()
    session.add(
        RefreshToken(
            user_id=user.id,
            token_hash=sha256_hex(refresh),
            family_id=family_id or uuid.uuid4(),
            expires_at=utcnow() + timedelta(days=settings.refresh_token_days),
        )
    )
    session.flush()
    return IssuedTokens(access, expires_in, refresh)


def _revoke_family(session: Session, family_id: uuid.UUID) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def rotate(session: Session, settings: Settings, raw_token: str) -> IssuedTokens | None:
    """Exchange a refresh token for new tokens. Reusing a spent token revokes its whole family.

    Returns None when the token is unknown, expired, revoked or its user is disabled; the caller
    must commit in that case too, so that a family revocation sticks.
    """
    row = session.scalar(select(RefreshToken).where(RefreshToken.token_hash == sha256_hex(raw_token)))
    if row is None:
        return None
    if row.revoked_at is not None:
        # A spent token came back: someone holds a copy. Cut off every descendant.
        _revoke_family(session, row.family_id)
        return None
    if row.expires_at <= utcnow():
        return None
    user = users_service.find(session, row.user_id)
    if user is None or not user.is_active:
        return None
    row.revoked_at = utcnow()
    return issue_tokens(session, settings, user, row.family_id)


def revoke(session: Session, raw_token: str) -> None:
    row = session.scalar(select(RefreshToken).where(RefreshToken.token_hash == sha256_hex(raw_token)))
    if row is not None:
        _revoke_family(session, row.family_id)


def invalid_credentials() -> Unauthorized:
    return Unauthorized("Wrong username or password.", code="invalid_credentials")
