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


@dataclass(frozen=True)
class ThrottleKeys:
    """The two counters a sign-in attempt feeds: its account and its address."""

    account: str
    address: str


def throttle_keys(username: str, client_ip: str) -> ThrottleKeys:
    return ThrottleKeys(account=f"user:{username.lower()}", address=f"ip:{client_ip}")


def _retry_after(session: Session, settings: Settings, key: str, limit: int, now: datetime) -> int | None:
    """Seconds until `key` falls under `limit` failures in the window, or None when it is under now."""
    since = now - timedelta(seconds=settings.login_window_seconds)
    count, oldest = session.execute(
        select(func.count(), func.min(LoginFailure.attempted_at)).where(
            LoginFailure.key == key, LoginFailure.attempted_at > since
        )
    ).one()
    if count < limit or oldest is None:
        return None
    if oldest.tzinfo is None:  # SQLite aggregate bypasses the column type
        oldest = datetime.fromisoformat(str(oldest)).replace(tzinfo=now.tzinfo)
    return max(
        1, math.ceil((oldest + timedelta(seconds=settings.login_window_seconds) - now).total_seconds())
    )


def _throttled(retry: int, detail: str) -> TooManyRequests:
    return TooManyRequests(detail, code="login_throttled", headers={"Retry-After": str(retry)})


def check_throttle(
    session: Session, settings: Settings, keys: ThrottleKeys, now: datetime | None = None
) -> None:
    """429 before the password is even checked once the account has too many recent failures
    (from any address). The address's own limit is checked after the password: see `refuse`."""
    retry = _retry_after(session, settings, keys.account, settings.login_max_failures, now or utcnow())
    if retry is not None:
        raise _throttled(retry, f"Too many failed sign-ins for this account. Try again in {retry} seconds.")


def refuse(
    session: Session, settings: Settings, keys: ThrottleKeys, refusal: Exception, now: datetime | None = None
) -> Exception:
    """What to answer a failed sign-in: 429 once its address has too many recent failures (a spray
    over many accounts from one address), else `refusal` (401). Only wrong credentials are slowed
    down at a busy address: a right password of an account that is not throttled still signs in, so
    that a spray from an office's NAT address does not lock out everybody behind it."""
    limit = settings.login_max_failures_per_address
    retry = _retry_after(session, settings, keys.address, limit, now or utcnow())
    if retry is not None:
        return _throttled(retry, f"Too many failed sign-ins from this address. Try again in {retry} seconds.")
    return refusal


def record_failure(session: Session, settings: Settings, keys: ThrottleKeys) -> None:
    now = utcnow()
    for key in (keys.account, keys.address):
        session.add(LoginFailure(key=key, attempted_at=now))
    # Keep the table small: anything older than the window no longer counts.
    session.execute(
        delete(LoginFailure).where(
            LoginFailure.attempted_at < now - timedelta(seconds=settings.login_window_seconds)
        )
    )


def clear_account_failures(session: Session, keys: ThrottleKeys) -> None:
    """A successful sign-in forgives the account's failures (not the address's)."""
    session.execute(delete(LoginFailure).where(LoginFailure.key == keys.account))


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
