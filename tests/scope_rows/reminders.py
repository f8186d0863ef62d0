"""Scope-matrix rows for the reminders endpoints.

Notifications and calendar URLs are personal: every signed-in role reads and manages its own, and
another user's notification is 404 (never 403: no existence leak). Rules are read by everyone and
changed by admin; the delivery log is for admin and secretariat, retrying a failed e-mail for admin.
The .ics URL is public (calendar apps send no bearer token); what it holds follows its owner's OPD
scope: the DRAINASE expiry (lead DPUPR) is missing from kadis.dlh's and operator.dinkes's feeds.
"""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import func, select

from kerjasama.models import CalendarFeed, Delivery, Notification, Reminder, ReminderRule
from tests.conftest import USERS
from tests.fixtures.scope import ANON, DRAINASE, Ctx, Req, Row, _admin_only, exp

N = "/api/v1/notifications"
RULE = "/api/v1/reminder-rules/{kind}"
D = "/api/v1/reminder-deliveries"
FEED = "/api/v1/calendar-feed"
ICS = "/api/v1/calendar/{token}.ics"


def _user(ctx: Ctx, who: str) -> uuid.UUID:
    return uuid.UUID(ctx.user_id(USERS.get(who, who)))


def _notification(ctx: Ctx, owner: uuid.UUID, title: str = "Pengingat uji") -> str:
    n = Notification(user_id=owner, kind="agreement_expiry", title=title, body="Isi", link="/agreements/x")
    ctx.session.add(n)
    ctx.session.flush()
    return str(n.id)


def _someone_else(ctx: Ctx, who: str) -> uuid.UUID:
    return _user(ctx, "viewer" if who == "admin" else "admin")


def b_list(ctx: Ctx, who: str) -> Req:
    own = _notification(ctx, _user(ctx, who), f"Milik {who}")
    other = _notification(ctx, _someone_else(ctx, who))

    def check(ctx: Ctx, who: str, r: Any) -> None:
        ids = {i["id"] for i in r.json()["items"]}
        assert own in ids and other not in ids, ids
        assert r.json()["unread"] >= 1

    return Req(N, {"params": {"limit": 500}}, check)


def b_read_own(ctx: Ctx, who: str) -> Req:
    nid = _notification(ctx, _user(ctx, who))

    def check(ctx: Ctx, who: str, r: Any) -> None:
        ctx.session.expire_all()
        assert (ctx.column(Notification.read_at, nid) is not None) == (r.status_code == 200)

    return Req(f"{N}/{nid}/read", {}, check)


def b_read_other(ctx: Ctx, who: str) -> Req:
    nid = _notification(ctx, _someone_else(ctx, who))

    def check(ctx: Ctx, who: str, r: Any) -> None:
        ctx.session.expire_all()
        assert ctx.column(Notification.read_at, nid) is None

    return Req(f"{N}/{nid}/read", {}, check)


def b_read_all(ctx: Ctx, who: str) -> Req:
    own = _user(ctx, who)
    _notification(ctx, own)
    other = _notification(ctx, _someone_else(ctx, who))

    def check(ctx: Ctx, who: str, r: Any) -> None:
        ctx.session.expire_all()
        assert r.json()["marked"] >= 1
        assert ctx.count(Notification, user_id=own, read_at=None) == 0
        assert ctx.column(Notification.read_at, other) is None

    return Req(f"{N}/read-all", {}, check)


def b_rules(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert {x["kind"] for x in r.json()} >= {"agreement_expiry", "obligation_due", "dprd_deadline"}

    return Req("/api/v1/reminder-rules", check=check)


def b_rule(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert r.json()["offsets_days"] == [180, 90, 30] and r.headers["etag"] == f'"{r.json()["version"]}"'

    return Req("/api/v1/reminder-rules/agreement_expiry", check=check)


def b_rule_patch(ctx: Ctx, who: str) -> Req:
    url = "/api/v1/reminder-rules/obligation_due"

    def check(ctx: Ctx, who: str, r: Any) -> None:
        ctx.session.expire_all()
        stored = ctx.column(ReminderRule.offsets_days, "obligation_due")
        assert stored == ([21, 7] if r.status_code == 200 else [14, 3]), stored

    return Req(url, {"json": {"offsets_days": [7, 21]}, "headers": {"If-Match": ctx.etag(url)}}, check)


def _failed_delivery(ctx: Ctx) -> str:
    reminder = Reminder(
        dedupe_key=f"matrix:{uuid.uuid4()}",
        kind="agreement_expiry",
        entity_type="agreement",
        entity_id=uuid.UUID(ctx.agreement(DRAINASE)),
        agreement_id=uuid.UUID(ctx.agreement(DRAINASE)),
        due_date=date(2027, 1, 31),
        title="Pengingat: Drainase berakhir dalam 30 hari (31 Januari 2027)",
        body="Isi",
        link="/agreements/x",
    )
    ctx.session.add(reminder)
    ctx.session.flush()
    delivery = Delivery(
        reminder_id=reminder.id,
        user_id=_user(ctx, "secretariat"),
        address="sekretariat@cimahikota.go.id",
        status="failed",
        attempts=8,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
        next_attempt_at=datetime(2027, 1, 1, tzinfo=UTC),
        message_id=f"<{uuid.uuid4().hex}@kerjasama.test>",
    )
    ctx.session.add(delivery)
    ctx.session.flush()
    return str(delivery.id)


def b_deliveries(ctx: Ctx, who: str) -> Req:
    did = _failed_delivery(ctx)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert did in {i["id"] for i in r.json()["items"]}

    return Req(D, {"params": {"status": "failed", "limit": 500}}, check)


def b_retry(ctx: Ctx, who: str) -> Req:
    did = _failed_delivery(ctx)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        ctx.session.expire_all()
        assert ctx.column(Delivery.status, did) == ("queued" if r.status_code == 200 else "failed")

    return Req(f"{D}/{did}/retry", {}, check)


def b_feed(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert r.json() == {"active": False, "created_at": None} and r.headers["etag"] == '"0"'

    return Req(FEED, check=check)


def b_feed_create(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        active = select(func.count()).where(
            CalendarFeed.user_id == _user(ctx, who), CalendarFeed.revoked_at.is_(None)
        )
        assert ctx.session.scalar(active) == (1 if r.status_code == 201 else 0)

    return Req(FEED, {}, check)


def _new_feed(ctx: Ctx, who: str) -> tuple[str, str]:
    r = ctx.client(who).post(FEED)
    assert r.status_code == 201, r.text
    return r.json()["url"].split("/api/v1/calendar/")[1].removesuffix(".ics"), r.headers["etag"]


def b_feed_delete(ctx: Ctx, who: str) -> Req:
    _, etag = _new_feed(ctx, who)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        active = select(func.count()).where(
            CalendarFeed.user_id == _user(ctx, who), CalendarFeed.revoked_at.is_(None)
        )
        assert ctx.session.scalar(active) == (0 if r.status_code == 204 else 1)

    return Req(FEED, {"headers": {"If-Match": etag}}, check)


def b_ics(ctx: Ctx, who: str) -> Req:
    token, _ = _new_feed(ctx, "admin" if who == ANON else who)
    drainase = f"agreement-expiry-{ctx.agreement(DRAINASE)}@kerjasama"

    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert r.headers["content-type"] == "text/calendar; charset=utf-8"
        assert (drainase in r.text) == (who not in ("opd_head", "opd_operator")), who

    return Req(f"/api/v1/calendar/{token}.ics", check=check)


def b_ics_revoked(ctx: Ctx, who: str) -> Req:
    token, etag = _new_feed(ctx, "admin")
    assert ctx.admin.delete(FEED, headers={"If-Match": etag}).status_code == 204
    return Req(f"/api/v1/calendar/{token}.ics")


ROWS: list[Row] = [
    Row("GET", N, "own-only", exp(200), b_list),
    Row("POST", f"{N}/{{notification_id}}/read", "own", exp(200), b_read_own),
    Row("POST", f"{N}/{{notification_id}}/read", "someone-elses", exp(404), b_read_other),
    Row("POST", f"{N}/read-all", "own-only", exp(200), b_read_all),
    Row("GET", "/api/v1/reminder-rules", "all", exp(200), b_rules),
    Row("GET", RULE, "agreement-expiry", exp(200), b_rule),
    Row("PATCH", RULE, "obligation-due-offsets", _admin_only(200), b_rule_patch),
    Row("GET", D, "failed", exp(403, admin=200, secretariat=200), b_deliveries),
    Row("POST", f"{D}/{{delivery_id}}/retry", "failed", _admin_only(200), b_retry),
    Row("GET", FEED, "none-yet", exp(200), b_feed),
    Row("POST", FEED, "create", exp(201), b_feed_create),
    Row("DELETE", FEED, "revoke-own", exp(204), b_feed_delete),
    Row("GET", ICS, "owners-scope", exp(200, anonymous=200), b_ics),
    Row("GET", ICS, "revoked", exp(404, anonymous=404), b_ics_revoked),
]
