"""Service accounts: create (secret shown once), change, rotate, disable; client-credentials sign-in.

Each account is backed by a `user_account` row that cannot sign in with a password, so that audit
entries, idempotency records and notifications name it like any other caller. Disabling the account
disables that row; rotating bumps `secret_generation`, which every access token carries, so the tokens
of the old secret die with it.
"""

from __future__ import annotations

import secrets
import uuid
from typing import Any

from sqlalchemy.orm import Session

from kerjasama.core import audit
from kerjasama.core.errors import Invalid, NotFound, field_error
from kerjasama.core.security import DUMMY_HASH, hash_password, verify_password
from kerjasama.integration.service_accounts import repository
from kerjasama.integration.service_accounts.schemas import ServiceAccountCreate, ServiceAccountUpdate
from kerjasama.models import UserAccount
from kerjasama.models.integration import ServiceAccount

# A password hash no password matches: the backing user row can never sign in with a password.
UNUSABLE_PASSWORD = "!service-account"


def snapshot(account: ServiceAccount) -> dict[str, Any]:
    # Never the secret or its hash.
    return {
        "client_id": account.client_id,
        "name": account.name,
        "description": account.description,
        "role": account.role,
        "scopes": list(account.scopes),
        "is_active": account.is_active,
        "secret_generation": account.secret_generation,
    }


def _new_secret() -> str:
    return "ksd_" + secrets.token_urlsafe(32)


def create(session: Session, actor: audit.Actor, data: ServiceAccountCreate) -> tuple[ServiceAccount, str]:
    client_id = "sa-" + secrets.token_hex(8)
    secret = _new_secret()
    user = UserAccount(
        username=f"service:{client_id}",
        password_hash=UNUSABLE_PASSWORD,
        full_name=data.name,
        role=data.role,
        is_service_account=True,
    )
    session.add(user)
    session.flush()
    account = ServiceAccount(
        client_id=client_id,
        name=data.name,
        description=data.description,
        role=data.role,
        scopes=sorted(set(data.scopes)),
        secret_hash=hash_password(secret),
        user_id=user.id,
        created_by=actor.user_id,
    )
    session.add(account)
    session.flush()
    audit.record(session, actor, "service_account", account.id, "create", None, snapshot(account))
    return account, secret


def get(session: Session, account_id: uuid.UUID) -> ServiceAccount:
    account = repository.get(session, account_id)
    if account is None:
        raise NotFound("No service account with this id.")
    return account


def _backing_user(session: Session, account: ServiceAccount) -> UserAccount:
    user = session.get(UserAccount, account.user_id)
    assert user is not None  # FK
    return user


def update(session: Session, actor: audit.Actor, account: ServiceAccount, data: ServiceAccountUpdate) -> None:
    before = snapshot(account)
    changes = data.model_dump(exclude_unset=True)
    for field in ("name", "scopes", "is_active", "description"):
        if field in changes and changes[field] is None:
            raise Invalid(
                f"{field} may not be null", errors=[field_error(field, "may not be null", "not_null")]
            )
    if "scopes" in changes:
        changes["scopes"] = sorted(set(changes["scopes"]))
    for field, value in changes.items():
        setattr(account, field, value)
    user = _backing_user(session, account)
    user.is_active = account.is_active
    user.full_name = account.name
    session.flush()
    b, a = audit.diff(before, snapshot(account))
    if a:
        audit.record(session, actor, "service_account", account.id, "update", b, a)


def rotate(session: Session, actor: audit.Actor, account: ServiceAccount) -> str:
    secret = _new_secret()
    account.secret_hash = hash_password(secret)
    account.secret_generation += 1
    session.flush()
    audit.record(
        session,
        actor,
        "service_account",
        account.id,
        "update",
        {"secret_generation": account.secret_generation - 1},
        {"secret_generation": account.secret_generation, "secret": "rotated"},
    )
    return secret


def authenticate(session: Session, client_id: str, client_secret: str) -> ServiceAccount | None:
    """The active account with this id and secret, else None (same time spent either way)."""
    account = repository.by_client_id(session, client_id) if client_id else None
    if account is None:
        verify_password(client_secret, DUMMY_HASH)
        return None
    if not verify_password(client_secret, account.secret_hash) or not account.is_active:
        return None
    repository.touch_last_used(session, account.id)
    return account
