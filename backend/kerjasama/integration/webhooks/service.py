"""Webhook subscriptions: create (secret shown once), read, change, delete; the delivery log and retry.

URLs are vetted by the SSRF guard when they are given (create, change) and again before every send
(job.py). Who sees which subscription is decided in policy.py; a subscription outside the caller's
reach is 404.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from kerjasama.core import audit
from kerjasama.core.auth import Principal, principal_for
from kerjasama.core.config import Settings
from kerjasama.core.errors import Conflict, Invalid, NotFound, field_error
from kerjasama.core.pagination import Page, SortSpec, decode_cursor, encode_cursor, parse_sort
from kerjasama.integration.webhooks import policy, repository, signing, ssrf
from kerjasama.integration.webhooks.schemas import (
    WebhookCreate,
    WebhookDeliveryRead,
    WebhookOwner,
    WebhookRead,
    WebhookUpdate,
)
from kerjasama.models import UserAccount, WebhookDelivery, WebhookSubscription
from kerjasama.models.base import utcnow
from kerjasama.models.integration import ServiceAccount

ENTITY = "webhook_subscription"
_SORTS = {"url": (WebhookSubscription.url, "str")}
_DELIVERY_ORDER = SortSpec(WebhookDelivery.seq, True, "int")  # newest event first
_DELIVERY_SORT = "-seq"


def snapshot(sub: WebhookSubscription) -> dict[str, Any]:
    # Never the secret.
    return {
        "url": sub.url,
        "event_types": list(sub.event_types),
        "description": sub.description,
        "is_active": sub.is_active,
        "owner_id": sub.owner_id,
    }


# --- who owns a subscription ----------------------------------------------------------------------


def principal_of(user: UserAccount, account: ServiceAccount | None) -> Principal | None:
    """The principal the owner's deliveries are rendered for; None when the owner is disabled."""
    if not user.is_active:
        return None
    if account is not None and not account.is_active:
        return None
    return principal_for(user, account)


def owner_principal(session: Session, owner_id: uuid.UUID) -> Principal | None:
    found = repository.owners(session, [owner_id]).get(owner_id)
    return principal_of(*found) if found else None


def _owner_read(user: UserAccount, account: ServiceAccount | None) -> WebhookOwner:
    return WebhookOwner(
        user_id=user.id,
        name=account.name if account else user.full_name,
        role=account.role if account else user.role,
        service_account_id=account.id if account else None,
    )


def reads(session: Session, subs: Sequence[WebhookSubscription]) -> list[WebhookRead]:
    found = repository.owners(session, {s.owner_id for s in subs})
    return [
        WebhookRead(
            id=s.id,
            url=s.url,
            event_types=list(s.event_types),
            description=s.description,
            is_active=s.is_active,
            disabled_at=s.disabled_at,
            disabled_reason=s.disabled_reason,
            consecutive_failures=s.consecutive_failures,
            owner=_owner_read(*found[s.owner_id]),
            created_at=s.created_at,
            updated_at=s.updated_at,
            version=s.version,
        )
        for s in subs
    ]


def read(session: Session, sub: WebhookSubscription) -> WebhookRead:
    return reads(session, [sub])[0]


# --- checks ---------------------------------------------------------------------------------------


def vet_url(settings: Settings, url: str) -> str:
    """The URL, stripped, when the SSRF guard lets it through; else 422 naming `url`."""
    url = url.strip()
    try:
        ssrf.vet(url, ssrf.AllowList.parse(settings.webhook_allowed_hosts))
    except ssrf.UrlRefused as exc:
        raise Invalid(str(exc), code=exc.code, errors=[field_error("url", str(exc), exc.code)]) from exc
    return url


def _check_secret(secret: str) -> str:
    problem = signing.secret_problem(secret)
    if problem is not None:
        raise Invalid(
            f"The secret {problem}.",
            code="secret_invalid",
            errors=[field_error("secret", problem, "secret_invalid")],
        )
    return secret


def _owner_for_create(session: Session, principal: Principal, account_id: uuid.UUID | None) -> uuid.UUID:
    if account_id is None or account_id == principal.service_account_id:
        return principal.user_id
    if not policy.may_choose_owner(principal):
        msg = "A service account creates subscriptions for itself only; leave service_account_id out."
        raise Invalid(
            msg,
            code="owner_not_allowed",
            errors=[field_error("service_account_id", msg, "owner_not_allowed")],
        )
    account = repository.service_account(session, account_id)
    if account is None:
        msg = "No service account with this id."
        raise Invalid(
            msg,
            code="service_account_unknown",
            errors=[field_error("service_account_id", msg, "service_account_unknown")],
        )
    return account.user_id


# --- subscriptions --------------------------------------------------------------------------------


def create(
    session: Session, settings: Settings, principal: Principal, data: WebhookCreate
) -> tuple[WebhookSubscription, str]:
    url = vet_url(settings, data.url)
    secret = _check_secret(data.secret) if data.secret is not None else signing.new_secret()
    now = utcnow()
    sub = WebhookSubscription(
        owner_id=_owner_for_create(session, principal, data.service_account_id),
        url=url,
        event_types=list(data.event_types),
        secret=secret,
        description=data.description,
        is_active=data.is_active,
        disabled_at=None if data.is_active else now,
        disabled_reason=None if data.is_active else f"created disabled by {principal.username}",
        # Only what happens from now on: the change feed holds the history.
        last_seq=repository.last_seq(session),
        created_by=principal.user_id,
    )
    session.add(sub)
    session.flush()
    audit.record(session, principal.actor, ENTITY, sub.id, "create", None, snapshot(sub))
    return sub, secret


def get(session: Session, principal: Principal, subscription_id: uuid.UUID) -> WebhookSubscription:
    sub = repository.get(session, subscription_id)
    if sub is None or not policy.may_see(principal, sub.owner_id):
        raise NotFound("No webhook subscription with this id.", code="webhook_not_found")
    return sub


def page(
    session: Session,
    principal: Principal,
    *,
    is_active: bool | None,
    sort: str | None,
    limit: int,
    cursor: str | None,
) -> Page[WebhookRead]:
    sort_value, spec = parse_sort(sort, _SORTS, "url")
    after = decode_cursor(cursor, sort_value, spec) if cursor else None
    owner = None if policy.manages_all(principal) else principal.user_id
    rows, total = repository.page(
        session, owner_id=owner, is_active=is_active, spec=spec, after=after, limit=limit
    )
    last = rows[limit - 1] if len(rows) > limit else None
    return Page[WebhookRead](
        items=reads(session, rows[:limit]),
        next_cursor=encode_cursor(sort_value, last.url, last.id) if last else None,
        total=total,
    )


def update(
    session: Session, settings: Settings, principal: Principal, sub: WebhookSubscription, data: WebhookUpdate
) -> None:
    changes = data.model_dump(exclude_unset=True)
    for name in ("url", "event_types", "secret", "description", "is_active"):
        if name in changes and changes[name] is None:
            raise Invalid(
                f"{name} may not be null.", errors=[field_error(name, "may not be null", "not_null")]
            )
    before = snapshot(sub)
    if "url" in changes:
        sub.url = vet_url(settings, changes["url"])
    if "event_types" in changes:
        sub.event_types = list(changes["event_types"])
    if "description" in changes:
        sub.description = changes["description"]
    if "secret" in changes:
        sub.secret = _check_secret(changes["secret"])
    if "is_active" in changes and changes["is_active"] != sub.is_active:
        if changes["is_active"]:
            sub.is_active, sub.disabled_at, sub.disabled_reason = True, None, None
            sub.consecutive_failures = 0
        else:
            sub.is_active, sub.disabled_at = False, utcnow()
            sub.disabled_reason = f"disabled by {principal.username}"
    session.flush()
    b, a = audit.diff(before, snapshot(sub))
    if "secret" in changes:
        b, a = {**b, "secret": "replaced"}, {**a, "secret": "replaced"}
    if a:
        audit.record(session, principal.actor, ENTITY, sub.id, "update", b, a)


def delete(session: Session, principal: Principal, sub: WebhookSubscription) -> None:
    before = snapshot(sub)
    session.delete(sub)
    session.flush()
    audit.record(session, principal.actor, ENTITY, sub.id, "delete", before, None)


# --- delivery log ---------------------------------------------------------------------------------


def delivery_read(row: WebhookDelivery) -> WebhookDeliveryRead:
    waiting = row.status in repository.RETRIED_STATUSES
    return WebhookDeliveryRead(
        id=row.id,
        subscription_id=row.subscription_id,
        seq=row.seq,
        event_type=row.event_type,
        entity_id=row.entity_id,
        status=row.status,
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at if waiting else None,
        last_attempt_at=row.last_attempt_at,
        delivered_at=row.delivered_at,
        last_status_code=row.last_status_code,
        last_error=row.last_error,
        last_response_ms=row.last_response_ms,
        created_at=row.created_at,
    )


def deliveries(
    session: Session, sub: WebhookSubscription, *, status: str | None, limit: int, cursor: str | None
) -> Page[WebhookDeliveryRead]:
    after = decode_cursor(cursor, _DELIVERY_SORT, _DELIVERY_ORDER) if cursor else None
    rows, total = repository.deliveries(
        session, sub.id, status=status, spec=_DELIVERY_ORDER, after=after, limit=limit
    )
    last = rows[limit - 1] if len(rows) > limit else None
    return Page[WebhookDeliveryRead](
        items=[delivery_read(r) for r in rows[:limit]],
        next_cursor=encode_cursor(_DELIVERY_SORT, last.seq, last.id) if last else None,
        total=total,
    )


def retry(
    session: Session, principal: Principal, sub: WebhookSubscription, delivery_id: uuid.UUID, now: datetime
) -> WebhookDelivery:
    """Queue one delivery again, due at once (any status: a delivered one is sent again)."""
    row = repository.delivery(session, sub.id, delivery_id)
    if row is None:
        raise NotFound("No delivery with this id for this subscription.", code="delivery_not_found")
    if not sub.is_active:
        raise Conflict(
            "The subscription is disabled: enable it first, then retry.", code="subscription_inactive"
        )
    before = {"status": row.status, "attempts": row.attempts}
    row.status, row.next_attempt_at = "pending", now
    session.flush()
    audit.record(
        session,
        principal.actor,
        "webhook_delivery",
        row.id,
        "update",
        before,
        {"status": "pending", "retry": True},
    )
    return row
