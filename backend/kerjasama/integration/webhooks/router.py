"""HTTP for webhook subscriptions and their delivery log (admin: all; a service account: its own)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from kerjasama.core.auth import Principal
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import problems
from kerjasama.core.http import API_PREFIX, check_if_match, set_etag
from kerjasama.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from kerjasama.core.policy import require
from kerjasama.integration.webhooks import policy, service
from kerjasama.integration.webhooks.schemas import (
    DeliveryStatus,
    WebhookCreate,
    WebhookCreated,
    WebhookDeliveryRead,
    WebhookRead,
    WebhookUpdate,
)
from kerjasama.models.base import utcnow

router = APIRouter(prefix="/webhooks", tags=["webhooks"], responses=problems(401, 403))

Manager = Annotated[Principal, Depends(require(policy.may_manage))]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size")]
Cursor = Annotated[str | None, Query(max_length=1000, description="next_cursor of the previous page")]

_URL_422 = (
    "validation_error; url_not_allowed (the URL reaches a private, loopback, link-local or metadata "
    "address), url_invalid (not http/https, credentials, fragment), url_unresolvable, secret_invalid, "
    "owner_not_allowed, service_account_unknown"
)


@router.get("", response_model=Page[WebhookRead], operation_id="webhooks_list", responses=problems(422))
def list_webhooks(
    session: DbSession,
    principal: Manager,
    is_active: Annotated[
        bool | None, Query(description="Only active (true) or disabled (false) ones")
    ] = None,
    sort: Annotated[str | None, Query(description="url or -url")] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[WebhookRead]:
    """List webhook subscriptions: every one for an administrator, its own for a service account."""
    return service.page(session, principal, is_active=is_active, sort=sort, limit=limit, cursor=cursor)


@router.post(
    "",
    response_model=WebhookCreated,
    status_code=status.HTTP_201_CREATED,
    operation_id="webhooks_create",
    responses=problems(422, described={422: _URL_422}),
)
def create_webhook(
    body: WebhookCreate, session: DbSession, settings: AppSettings, principal: Manager, response: Response
) -> WebhookCreated:
    """Subscribe a URL to change events; the answer holds the signing secret, shown this once."""
    sub, secret = service.create(session, settings, principal, body)
    set_etag(response, sub.version, location=f"{API_PREFIX}/webhooks/{sub.id}")
    response.headers["Cache-Control"] = "no-store"
    return WebhookCreated(**service.read(session, sub).model_dump(), secret=secret)


@router.get("/{webhook_id}", response_model=WebhookRead, operation_id="webhooks_get", responses=problems(404))
def get_webhook(
    webhook_id: uuid.UUID, session: DbSession, principal: Manager, response: Response
) -> WebhookRead:
    """Read one webhook subscription (never its secret)."""
    sub = service.get(session, principal, webhook_id)
    set_etag(response, sub.version)
    return service.read(session, sub)


@router.patch(
    "/{webhook_id}",
    response_model=WebhookRead,
    operation_id="webhooks_update",
    responses=problems(404, 412, 422, 428, described={422: _URL_422}),
)
def update_webhook(
    webhook_id: uuid.UUID,
    body: WebhookUpdate,
    request: Request,
    session: DbSession,
    settings: AppSettings,
    principal: Manager,
    response: Response,
) -> WebhookRead:
    """Change the URL, event types, secret or description, or disable / enable the subscription
    (needs If-Match)."""
    sub = service.get(session, principal, webhook_id)
    check_if_match(request, sub.version)
    service.update(session, settings, principal, sub, body)
    set_etag(response, sub.version)
    return service.read(session, sub)


@router.delete(
    "/{webhook_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    operation_id="webhooks_delete",
    responses=problems(404, 412, 428),
)
def delete_webhook(
    webhook_id: uuid.UUID, request: Request, session: DbSession, principal: Manager
) -> Response:
    """Delete a subscription and its delivery log (needs If-Match)."""
    sub = service.get(session, principal, webhook_id)
    check_if_match(request, sub.version)
    service.delete(session, principal, sub)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{webhook_id}/deliveries",
    response_model=Page[WebhookDeliveryRead],
    operation_id="webhooks_deliveries_list",
    responses=problems(404, 422),
)
def list_webhook_deliveries(
    webhook_id: uuid.UUID,
    session: DbSession,
    principal: Manager,
    status_: Annotated[
        DeliveryStatus | None, Query(alias="status", description="pending, failed, delivered or dead")
    ] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[WebhookDeliveryRead]:
    """The subscription's delivery log, newest event first: status, tries, last answer and error."""
    sub = service.get(session, principal, webhook_id)
    return service.deliveries(session, sub, status=status_, limit=limit, cursor=cursor)


@router.post(
    "/{webhook_id}/deliveries/{delivery_id}/retry",
    response_model=WebhookDeliveryRead,
    operation_id="webhooks_delivery_retry",
    responses=problems(404, 409, described={409: "subscription_inactive: enable the subscription first"}),
)
def retry_webhook_delivery(
    webhook_id: uuid.UUID, delivery_id: uuid.UUID, session: DbSession, principal: Manager
) -> WebhookDeliveryRead:
    """Send one delivery again at the next run of the webhook job (failed, dead or even delivered)."""
    sub = service.get(session, principal, webhook_id)
    return service.delivery_read(service.retry(session, principal, sub, delivery_id, utcnow()))
