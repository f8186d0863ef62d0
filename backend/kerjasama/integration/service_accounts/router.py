"""HTTP for service accounts (admin): the province's systems and scripts sign in with these."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from kerjasama.core.auth import Principal
from kerjasama.core.deps import DbSession
from kerjasama.core.errors import problems
from kerjasama.core.http import API_PREFIX, check_if_match, set_etag
from kerjasama.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page, decode_cursor, encode_cursor, parse_sort
from kerjasama.core.policy import require
from kerjasama.integration.service_accounts import policy, repository, service
from kerjasama.integration.service_accounts.schemas import (
    ServiceAccountCreate,
    ServiceAccountRead,
    ServiceAccountUpdate,
    ServiceAccountWithSecret,
)
from kerjasama.models.integration import ServiceAccount

router = APIRouter(
    prefix="/service-accounts",
    tags=["service-accounts"],
    responses=problems(401, 403),
)
Manager = Annotated[Principal, Depends(require(policy.may_manage))]
_SORTS = {"name": (ServiceAccount.name, "str"), "client_id": (ServiceAccount.client_id, "str")}


def _no_store(response: Response) -> None:
    response.headers["Cache-Control"] = "no-store"


@router.get("", response_model=Page[ServiceAccountRead], operation_id="service_accounts_list")
def list_service_accounts(
    session: DbSession,
    _: Manager,
    is_active: Annotated[
        bool | None, Query(description="Only active (true) or disabled (false) accounts")
    ] = None,
    sort: Annotated[str | None, Query(description="name, -name, client_id or -client_id")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size")] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(max_length=1000, description="next_cursor of the previous page")
    ] = None,
) -> Page[ServiceAccountRead]:
    """List service accounts (admin)."""
    sort_value, spec = parse_sort(sort, _SORTS, "name")
    after = decode_cursor(cursor, sort_value, spec) if cursor else None
    rows, total = repository.page(session, is_active=is_active, spec=spec, after=after, limit=limit)
    last = rows[limit - 1] if len(rows) > limit else None
    key = getattr(last, sort_value.lstrip("-")) if last else None
    return Page[ServiceAccountRead](
        items=[ServiceAccountRead.model_validate(a) for a in rows[:limit]],
        next_cursor=encode_cursor(sort_value, key, last.id) if last else None,
        total=total,
    )


@router.post(
    "",
    response_model=ServiceAccountWithSecret,
    status_code=status.HTTP_201_CREATED,
    operation_id="service_accounts_create",
    responses=problems(422),
)
def create_service_account(
    body: ServiceAccountCreate, session: DbSession, principal: Manager, response: Response
) -> ServiceAccountWithSecret:
    """Create a service account; the answer holds its client secret, shown this once."""
    account, secret = service.create(session, principal.actor, body)
    set_etag(response, account.version)
    _no_store(response)
    response.headers["Location"] = f"{API_PREFIX}/service-accounts/{account.id}"
    return ServiceAccountWithSecret(
        **ServiceAccountRead.model_validate(account).model_dump(), client_secret=secret
    )


@router.get(
    "/{account_id}",
    response_model=ServiceAccountRead,
    operation_id="service_accounts_get",
    responses=problems(404),
)
def get_service_account(
    account_id: uuid.UUID, session: DbSession, _: Manager, response: Response
) -> ServiceAccountRead:
    """Read one service account (admin); never its secret."""
    account = service.get(session, account_id)
    set_etag(response, account.version)
    return ServiceAccountRead.model_validate(account)


@router.patch(
    "/{account_id}",
    response_model=ServiceAccountRead,
    operation_id="service_accounts_update",
    responses=problems(404, 412, 422, 428),
)
def update_service_account(
    account_id: uuid.UUID,
    body: ServiceAccountUpdate,
    request: Request,
    session: DbSession,
    principal: Manager,
    response: Response,
) -> ServiceAccountRead:
    """Rename, change scopes, disable or re-enable a service account (admin); needs If-Match.

    Disabling takes effect at once: the account's access tokens are refused from the next request on."""
    account = service.get(session, account_id)
    check_if_match(request, account.version)
    service.update(session, principal.actor, account, body)
    set_etag(response, account.version)
    return ServiceAccountRead.model_validate(account)


@router.post(
    "/{account_id}/rotate-secret",
    response_model=ServiceAccountWithSecret,
    operation_id="service_accounts_rotate_secret",
    responses=problems(404, 412, 428),
)
def rotate_service_account_secret(
    account_id: uuid.UUID, request: Request, session: DbSession, principal: Manager, response: Response
) -> ServiceAccountWithSecret:
    """Issue a new client secret (shown once); the old secret and every token issued with it stop working."""
    account = service.get(session, account_id)
    check_if_match(request, account.version)
    secret = service.rotate(session, principal.actor, account)
    set_etag(response, account.version)
    _no_store(response)
    return ServiceAccountWithSecret(
        **ServiceAccountRead.model_validate(account).model_dump(), client_secret=secret
    )
