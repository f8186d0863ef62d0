"""User accounts: creation (API and CLI), changes, password resets."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kerjasama.core import audit
from kerjasama.core.errors import Conflict, Invalid, NotFound, field_error
from kerjasama.core.security import hash_password
from kerjasama.models import RefreshToken, UserAccount
from kerjasama.models.base import utcnow
from kerjasama.reference import repository as reference_repo
from kerjasama.users import policy, repository
from kerjasama.users.schemas import UserCreate, UserUpdate


def snapshot(user: UserAccount) -> dict[str, Any]:
    # Never the password hash; personal data stays out of logs but the audit trail needs who-was-who.
    return {
        "username": user.username,
        "full_name": user.full_name,
        "email": user.email,
        "role": user.role,
        "opd_id": user.opd_id,
        "is_active": user.is_active,
    }


def _check_role_opd(session: Session, role: str, opd_id: uuid.UUID | None) -> None:
    if policy.needs_opd(role) and opd_id is None:
        raise Invalid(
            f"Role {role} works for one OPD: give opd_id.",
            errors=[field_error("opd_id", f"required for role {role}", "opd_required")],
        )
    if opd_id is not None and reference_repo.get_opd(session, opd_id) is None:
        raise Invalid("Unknown OPD.", errors=[field_error("opd_id", "no OPD with this id", "opd_unknown")])


def create_user(session: Session, actor: audit.Actor, data: UserCreate) -> UserAccount:
    username = data.username.lower()
    _check_role_opd(session, data.role, data.opd_id)
    if repository.by_username(session, username):
        raise Conflict(
            f"The username '{username}' is taken.",
            code="username_taken",
            errors=[field_error("username", "already taken", "unique")],
        )
    user = UserAccount(
        username=username,
        password_hash=hash_password(data.password),
        role=data.role,
        opd_id=data.opd_id,  # informational for non-OPD roles; scoping uses it only for OPD roles
        full_name=data.full_name,
        email=str(data.email) if data.email else None,
    )
    session.add(user)
    try:
        session.flush()
    except IntegrityError as exc:
        raise Conflict(f"The username '{username}' is taken.", code="username_taken") from exc
    audit.record(session, actor, "user", user.id, "create", None, snapshot(user))
    return user


def get_user(session: Session, user_id: uuid.UUID) -> UserAccount:
    user = repository.get(session, user_id)
    if user is None:
        raise NotFound("No user with this id.")
    return user


def revoke_refresh_tokens(session: Session, user_id: uuid.UUID) -> None:
    session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user_id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=utcnow())
    )


def update_user(session: Session, actor: audit.Actor, user: UserAccount, data: UserUpdate) -> UserAccount:
    before = snapshot(user)
    changes = data.model_dump(exclude_unset=True)
    for field in ("role", "is_active", "full_name"):
        if field in changes and changes[field] is None:
            raise Invalid(
                f"{field} may not be null", errors=[field_error(field, "may not be null", "not_null")]
            )
    role = changes.get("role", user.role)
    opd_id = changes.get("opd_id", user.opd_id)
    _check_role_opd(session, role, opd_id)
    _keep_one_manager(session, user, role, changes.get("is_active", user.is_active))
    password = changes.pop("password", None)
    for field, value in changes.items():
        setattr(user, field, str(value) if field == "email" and value is not None else value)
    if password:
        user.password_hash = hash_password(password)
    if password or changes.get("is_active") is False:
        revoke_refresh_tokens(session, user.id)
    session.flush()
    b, a = audit.diff(before, snapshot(user))
    if password:
        a["password"] = "changed"
    if a:
        audit.record(session, actor, "user", user.id, "update", b, a)
    return user


def _keep_one_manager(session: Session, user: UserAccount, role: str, is_active: bool) -> None:
    """Refuse a change that would leave no active admin: nobody could manage accounts any more."""
    if not (policy.manages_users(user.role) and user.is_active and not user.is_service_account):
        return
    if policy.manages_users(role) and is_active:
        return
    active = repository.active_people_with_roles(session, policy.MANAGERS)
    others = [uid for uid in active if uid != user.id]
    if not others:
        field = "is_active" if not is_active else "role"
        raise Conflict(
            "This is the last active admin: make another account admin first.",
            code="last_admin",
            errors=[field_error(field, "the last active admin must stay an active admin", "last_admin")],
        )


def set_password(session: Session, actor: audit.Actor, username: str, password: str) -> UserAccount:
    user = repository.by_username(session, username)
    if user is None:
        raise NotFound(f"No user named '{username}'.")
    return update_user(session, actor, user, UserUpdate(password=password))


def find(session: Session, user_id: uuid.UUID) -> UserAccount | None:
    """The account with this id, or None (for sign-in and token refresh, which answer 401 themselves)."""
    return repository.get(session, user_id)


def find_by_username(session: Session, username: str) -> UserAccount | None:
    """The account with this username, or None."""
    return repository.by_username(session, username)
