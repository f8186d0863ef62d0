"""Scope-matrix rows for the webhook endpoints.

Webhook subscriptions are managed by administrators (all of them) and by service accounts with the
`webhooks` scope (their own: tests/test_webhooks.py covers those); every other role gets 403 before any
lookup. Each row's subscription is created by admin with a public address literal (no DNS, no SSRF
allow-list needed); nothing is sent, the job does not run here.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from kerjasama.models import WebhookDelivery, WebhookSubscription
from tests.fixtures.scope import Ctx, Req, Row, _admin_only

W = "/api/v1/webhooks"
ONE = "/api/v1/webhooks/{webhook_id}"
LOG = "/api/v1/webhooks/{webhook_id}/deliveries"
RETRY = "/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/retry"
PUBLIC_URL = "https://93.184.215.14/hooks/matrix"


def _subscription(ctx: Ctx) -> tuple[str, str]:
    r = ctx.admin.post(W, json={"url": PUBLIC_URL, "event_types": ["agreement.*"]})
    assert r.status_code == 201, r.text
    return str(r.json()["id"]), r.headers["etag"]


def _failed_delivery(ctx: Ctx, sub_id: str) -> str:
    row = WebhookDelivery(
        subscription_id=uuid.UUID(sub_id),
        seq=10**12,
        event_type="agreement.upsert",
        entity_id=uuid.uuid4(),
        payload={"type": "agreement.upsert", "timestamp": "2026-12-05T00:00:00Z", "data": {}},
        status="failed",
        attempts=3,
        next_attempt_at=datetime(2027, 1, 1, tzinfo=UTC),
        last_status_code=500,
        last_error="HTTP 500 Internal Server Error",
    )
    ctx.session.add(row)
    ctx.session.flush()
    return str(row.id)


def b_list(ctx: Ctx, who: str) -> Req:
    sub_id, _ = _subscription(ctx)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert sub_id in {s["id"] for s in r.json()["items"]}

    return Req(W, {"params": {"limit": 500}}, check)


def b_create(ctx: Ctx, who: str) -> Req:
    before = ctx.count(WebhookSubscription)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        ctx.session.expire_all()
        assert ctx.count(WebhookSubscription) == before + (1 if r.status_code == 201 else 0)
        if r.status_code == 201:
            assert r.json()["secret"].startswith("whsec_")

    return Req(W, {"json": {"url": PUBLIC_URL, "event_types": ["*"]}}, check)


def b_get(ctx: Ctx, who: str) -> Req:
    sub_id, _ = _subscription(ctx)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert r.json()["id"] == sub_id and "secret" not in r.json()

    return Req(f"{W}/{sub_id}", check=check)


def b_patch(ctx: Ctx, who: str) -> Req:
    sub_id, etag = _subscription(ctx)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        ctx.session.expire_all()
        assert ctx.column(WebhookSubscription.is_active, sub_id) is (r.status_code != 200)

    return Req(f"{W}/{sub_id}", {"json": {"is_active": False}, "headers": {"If-Match": etag}}, check)


def b_delete(ctx: Ctx, who: str) -> Req:
    sub_id, etag = _subscription(ctx)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        ctx.session.expire_all()
        assert ctx.count(WebhookSubscription, id=sub_id) == (0 if r.status_code == 204 else 1)

    return Req(f"{W}/{sub_id}", {"headers": {"If-Match": etag}}, check)


def b_log(ctx: Ctx, who: str) -> Req:
    sub_id, _ = _subscription(ctx)
    delivery_id = _failed_delivery(ctx, sub_id)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert [i["id"] for i in r.json()["items"]] == [delivery_id]

    return Req(f"{W}/{sub_id}/deliveries", {"params": {"status": "failed"}}, check)


def b_retry(ctx: Ctx, who: str) -> Req:
    sub_id, _ = _subscription(ctx)
    delivery_id = _failed_delivery(ctx, sub_id)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        ctx.session.expire_all()
        expected = "pending" if r.status_code == 200 else "failed"
        assert ctx.column(WebhookDelivery.status, delivery_id) == expected

    return Req(f"{W}/{sub_id}/deliveries/{delivery_id}/retry", {}, check)


ROWS = [
    Row("GET", W, "list", _admin_only(200), b_list),
    Row("POST", W, "create", _admin_only(201), b_create),
    Row("GET", ONE, "get", _admin_only(200), b_get),
    Row("PATCH", ONE, "disable", _admin_only(200), b_patch),
    Row("DELETE", ONE, "delete", _admin_only(204), b_delete),
    Row("GET", LOG, "delivery log", _admin_only(200), b_log),
    Row("POST", RETRY, "retry", _admin_only(200), b_retry),
]
