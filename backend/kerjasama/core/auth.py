"""Who is calling: the principal behind a bearer token. Role gates live in `core/policy.py`."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.core.audit import Actor
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import Forbidden, Unauthorized
from kerjasama.core.http import API_PREFIX
from kerjasama.core.request_context import USER_ID_STATE
from kerjasama.core.roles import OPD_ROLES
from kerjasama.core.security import TokenError, decode_access_token
from kerjasama.models import UserAccount
from kerjasama.models.integration import ServiceAccount

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/token", auto_error=False)


@dataclass(frozen=True)
class Principal:
    user_id: uuid.UUID
    username: str
    role: str
    opd_id: uuid.UUID | None
    full_name: str
    # Service accounts (machine clients): their id and OAuth2 scopes. Users have every scope.
    service_account_id: uuid.UUID | None = None
    scopes: frozenset[str] | None = None

    @property
    def is_service_account(self) -> bool:
        return self.service_account_id is not None

    def has_scope(self, scope: str) -> bool:
        return self.scopes is None or scope in self.scopes

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


# The part of the API each service-account scope opens; `read` opens everything else that reads.
WEBHOOKS_PATH = f"{API_PREFIX}/webhooks"
AUTH_PATH = f"{API_PREFIX}/auth/"


def principal_for(user: UserAccount, account: ServiceAccount | None = None) -> Principal:
    """The principal of a user row, or of the service account that row backs (its role and scopes)."""
    if account is not None:
        scopes = frozenset(account.scopes)
        return Principal(user.id, user.username, account.role, None, account.name, account.id, scopes)
    return Principal(user.id, user.username, user.role, user.opd_id, user.full_name)


def _service_principal(
    session: Session, user: UserAccount, claims: dict[str, object], path: str
) -> Principal:
    """A service account's token is valid while the account is active and its secret unrotated."""
    try:
        account_id = uuid.UUID(str(claims["sa"]))
        generation = int(str(claims.get("gen", "")))
    except (KeyError, ValueError) as exc:
        raise Unauthorized("The access token is invalid or expired.", code="invalid_token") from exc
    account = session.get(ServiceAccount, account_id)
    if account is None or account.user_id != user.id or not account.is_active:
        raise Unauthorized("This service account is disabled or no longer exists.", code="account_disabled")
    if account.secret_generation != generation:
        raise Unauthorized(
            "The service account's secret was rotated: sign in again with the new secret.",
            code="secret_rotated",
        )
    principal = principal_for(user, account)
    needed = "webhooks" if path.startswith(WEBHOOKS_PATH) else "read"
    if not principal.has_scope(needed) and not path.startswith(AUTH_PATH):
        raise Forbidden(
            f"This service account lacks the '{needed}' scope for this endpoint.", code="scope_missing"
        )
    return principal


def get_principal(
    request: Request,
    session: DbSession,
    settings: AppSettings,
    token: Annotated[str | None, Depends(oauth2_scheme)],
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
    setattr(request.state, USER_ID_STATE, str(user.id))
    if user.is_service_account or "sa" in claims:
        return _service_principal(session, user, claims, request.url.path)
    return principal_for(user)


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]
