"""Who is calling: the principal behind a bearer token. Role gates live in `core/policy.py`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import select

from kerjasama.core.audit import Actor
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import Unauthorized
from kerjasama.core.roles import OPD_ROLES
from kerjasama.core.security import TokenError, decode_access_token
from kerjasama.models import UserAccount

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


@dataclass(frozen=True)
class Principal:
    user_id: uuid.UUID
    username: str
    role: str
    opd_id: uuid.UUID | None
    full_name: str

    @property
    def scoped_opd_id(self) -> uuid.UUID | None:
        """The OPD that limits what this caller sees, or None when the role reads everything."""
        return self.opd_id if self.role in OPD_ROLES else None

    @property
    def is_opd_scoped(self) -> bool:
        return self.role in OPD_ROLES

    @property
    def actor(self) -> Actor:
        return Actor(self.user_id, self.username, self.role)


def get_principal(
    session: DbSession, settings: AppSettings, token: Annotated[str | None, Depends(oauth2_scheme)]
) -> Principal:
    if not token:
        raise Unauthorized("Sign in first: send 'Authorization: Bearer <token>'.", code="not_authenticated")
    try:
        claims = decode_access_token(token, settings.secret_key)
        user_id = uuid.UUID(str(claims["sub"]))
    except (TokenError, ValueError) as exc:
        raise Unauthorized("The access token is invalid or expired.", code="invalid_token") from exc
    # Looked up on every request so that disabling a user takes effect at once.
    user = session.scalar(select(UserAccount).where(UserAccount.id == user_id))
    if user is None or not user.is_active:
        raise Unauthorized("This account is disabled or no longer exists.", code="account_disabled")
    return Principal(user.id, user.username, user.role, user.opd_id, user.full_name)


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]
