"""HTTP for admin user management."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from kerjasama.core.auth import Principal
from kerjasama.core.deps import DbSession
from kerjasama.core.errors import problems
from kerjasama.core.http import API_PREFIX, check_if_match, set_etag
from kerjasama.core.policy import require
from kerjasama.users import policy, repository, service
from kerjasama.users.schemas import Role, UserCreate, UserRead, UserUpdate

UserManager = Annotated[Principal, Depends(require(policy.may_manage))]

router = APIRouter(prefix="/users", tags=["users"], responses=problems(403))


@router.get("", response_model=list[UserRead], operation_id="users_list")
def list_users(
    session: DbSession,
    _: UserManager,
    role: Annotated[Role | None, Query(description="Filter by role")] = None,
    opd_id: Annotated[uuid.UUID | None, Query(description="Filter by OPD")] = None,
    q: Annotated[str | None, Query(max_length=100, description="Search in username and name")] = None,
) -> list[UserRead]:
    """List user accounts (admin)."""
    return [UserRead.model_validate(u) for u in repository.list_users(session, role, opd_id, q)]


@router.post(
    "",
    response_model=UserRead,
    status_code=status.HTTP_201_CREATED,
    responses=problems(409),
    operation_id="users_create",
)
def create_user(body: UserCreate, session: DbSession, principal: UserManager, response: Response) -> UserRead:
    """Create a user account (admin)."""
    user = service.create_user(session, principal.actor, body)
    set_etag(response, user.version)
    response.headers["Location"] = f"{API_PREFIX}/users/{user.id}"
    return UserRead.model_validate(user)


@router.get("/{user_id}", response_model=UserRead, responses=problems(404), operation_id="users_get")
def get_user(user_id: uuid.UUID, session: DbSession, _: UserManager, response: Response) -> UserRead:
    """Read one user account (admin)."""
    user = service.get_user(session, user_id)
    set_etag(response, user.version)
    return UserRead.model_validate(user)


@router.patch(
    "/{user_id}",
    response_model=UserRead,
    responses=problems(404, 409, 412, 428),
    operation_id="users_update",
)
def update_user(
    user_id: uuid.UUID,
    body: UserUpdate,
    request: Request,
    session: DbSession,
    principal: UserManager,
    response: Response,
) -> UserRead:
    """Change role, OPD, status or password of a user (admin); needs If-Match."""
    user = service.get_user(session, user_id)
    check_if_match(request, user.version)
    service.update_user(session, principal.actor, user, body)
    set_etag(response, user.version)
    return UserRead.model_validate(user)
