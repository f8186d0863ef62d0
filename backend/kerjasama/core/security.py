"""Tokens and passwords. The ONLY module that imports jose; algorithms are always pinned."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from jose import JWTError, jwt
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

ALGORITHM = "HS256"
# Every access token carries these; one without them (e.g. no `exp`) is refused, whoever signed it.
REQUIRED_CLAIMS = ("exp", "iat", "sub", "typ")
_password_hash = PasswordHash((Argon2Hasher(),))


class TokenError(Exception):
    pass


def hash_password(password: str) -> str:
    return _password_hash.hash(password)


def verify_password(password: str, hashed: str) -> bool:
    try:
        return _password_hash.verify(password, hashed)
    except Exception:  # a corrupt hash must read as "wrong password", not a 500
        return False


# Used to spend the same time on unknown usernames as on known ones.
DUMMY_HASH = hash_password(secrets.token_urlsafe(16))


def create_access_token(
    *, subject: uuid.UUID, role: str, secret: str, minutes: int, extra: dict[str, Any] | None = None
) -> tuple[str, int]:
    now = datetime.now(UTC)
    claims: dict[str, Any] = {
        **(extra or {}),
        "sub": str(subject),
        "role": role,
        "iat": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=minutes)).timestamp()),
        "typ": "access",
    }
    return jwt.encode(claims, secret, algorithm=ALGORITHM), minutes * 60


def decode_access_token(token: str, secret: str) -> dict[str, Any]:
    try:
        header = jwt.get_unverified_header(token)
        if header.get("alg") != ALGORITHM:
            raise TokenError("unexpected algorithm")
        claims: dict[str, Any] = jwt.decode(
            token,
            secret,
            algorithms=[ALGORITHM],
            options={"require_exp": True, "require_iat": True, "require_sub": True},
        )
    except JWTError as exc:
        raise TokenError(str(exc)) from exc
    missing = [name for name in REQUIRED_CLAIMS if name not in claims]
    if missing:  # a token without `exp` would be valid forever
        raise TokenError(f"missing claims: {', '.join(missing)}")
    if claims["typ"] != "access":
        raise TokenError("not an access token")
    return claims


def new_opaque_token() -> str:
    return secrets.token_urlsafe(32)


def sha256_hex(value: str | bytes) -> str:
    data = value.encode() if isinstance(value, str) else value
    return hashlib.sha256(data).hexdigest()
