"""Webhooks end to end: subscriptions over the API, the SSRF refusals, a delivery verified exactly as a
receiver would (a real local HTTP server checking the Standard Webhooks signature), retries that survive
a restart, disabling after repeated failures with the admins notified, one delivery per event, the
delivery log with retry, and the province's redacted view.

Change events come from real writes through the API (the change recorder emits them at commit); the job
runs with a fixed clock, never a sleep.
"""

from __future__ import annotations

import json
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker
from standardwebhooks import Webhook

from kerjasama.core.config import Settings
from kerjasama.core.db import Database
from kerjasama.integration.webhooks import job
from kerjasama.main import create_app
from kerjasama.models import Notification, UserAccount, WebhookDelivery, WebhookSubscription
from kerjasama.models.base import utcnow
from tests.fixtures.factories import agreement_body

W = "/api/v1/webhooks"
PUBLIC_URL = "https://93.184.215.14/hooks/kerjasama"  # a public address literal: no DNS needed


# --- a receiver, as an integrator would write it ---------------------------------------------------


@dataclass
class Inbox:
    secret: str = ""
    status: int = 200
    received: list[dict[str, Any]] = field(default_factory=list)  # verified payloads
    headers: list[dict[str, str]] = field(default_factory=list)
    rejected: int = 0


@pytest.fixture
def inbox() -> Iterator[tuple[str, Inbox]]:
    """A real HTTP server on 127.0.0.1 that verifies each POST with standardwebhooks, then answers."""
    box = Inbox()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            headers = dict(self.headers.items())
            try:
                payload = Webhook(box.secret).verify(body, headers)
            except Exception:
                box.rejected += 1
                self.send_response(400)
            else:
                box.received.append(payload)
                box.headers.append({k.lower(): v for k, v in headers.items()})
                self.send_response(box.status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", box
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def wh_settings(settings: Settings) -> Settings:
    return settings.model_copy(update={"webhook_allowed_hosts": ["127.0.0.1/32"], "webhook_max_failures": 3})


@pytest.fixture
def app(wh_settings: Settings, database: Database) -> FastAPI:
    """The app with the loopback receiver allow-listed (tests only)."""
    return create_app(wh_settings, database, spa_dir=Path("/nonexistent"))


def _subscribe(client: TestClient, url: str, **body: Any) -> dict[str, Any]:
    r = client.post(W, json={"url": url, "event_types": ["agreement.*"], **body})
    assert r.status_code == 201, r.text
    out: dict[str, Any] = r.json()
    out["etag"] = r.headers["etag"]
    return out


def _new_draft(client: TestClient, session: Session) -> str:
    r = client.post("/api/v1/agreements", json=agreement_body(session))
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def _deliveries(session: Session, sub_id: str) -> list[WebhookDelivery]:
    session.expire_all()
    rows = session.scalars(
        select(WebhookDelivery)
        .where(WebhookDelivery.subscription_id == uuid.UUID(sub_id))
        .order_by(WebhookDelivery.seq)
    )
    return list(rows)


# --- subscriptions over the API --------------------------------------------------------------------


def test_create_read_update_delete(admin: TestClient) -> None:
    sub = _subscribe(admin, PUBLIC_URL, description="Biro Otonomi Daerah")
    assert sub["secret"].startswith("whsec_") and sub["owner"]["role"] == "admin"
    assert Webhook(sub["secret"])  # a valid Standard Webhooks secret
    url = f"{W}/{sub['id']}"
    got = admin.get(url)
    assert got.status_code == 200 and "secret" not in got.json() and got.headers["etag"] == sub["etag"]
    assert sub["id"] in {s["id"] for s in admin.get(W).json()["items"]}

    assert admin.patch(url, json={"is_active": False}).status_code == 428
    assert admin.patch(url, json={"is_active": False}, headers={"If-Match": '"999"'}).status_code == 412
    r = admin.patch(
        url, json={"is_active": False, "event_types": ["*", "*"]}, headers={"If-Match": sub["etag"]}
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["is_active"] is False and body["disabled_reason"] == "disabled by admin"
    assert body["event_types"] == ["*"] and r.headers["etag"] != sub["etag"]
    assert admin.get(W, params={"is_active": False}).json()["items"][0]["id"] == sub["id"]

    assert admin.delete(url, headers={"If-Match": sub["etag"]}).status_code == 412
    assert admin.delete(url, headers={"If-Match": r.headers["etag"]}).status_code == 204
    assert admin.get(url).status_code == 404


def test_given_secret_must_be_standard_webhooks(admin: TestClient) -> None:
    secret = "whsec_" + "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"  # 24 bytes of base64
    assert _subscribe(admin, PUBLIC_URL, secret=secret)["secret"] == secret
    for bad in ("not-a-secret", "whsec_c2hvcnQ=", "whsec_!!!"):
        r = admin.post(W, json={"url": PUBLIC_URL, "event_types": ["*"], "secret": bad})
        assert r.status_code == 422 and r.json()["code"] == "secret_invalid", r.text
        assert r.json()["errors"][0]["loc"] == ["body", "secret"]


def test_unknown_event_type_is_422(admin: TestClient) -> None:
    r = admin.post(W, json={"url": PUBLIC_URL, "event_types": ["agreement.created"]})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"][:2] == ["body", "event_types"]


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/hook",
        "http://127.0.0.1:9999/hook",
        "http://10.1.2.3/hook",
        "http://169.254.169.254/latest/meta-data/",
        "http://[::1]:8080/hook",
        "http://localhost:8080/hook",  # a name resolving to loopback
        "http://[::ffff:10.0.0.1]/hook",
        "http://100.64.1.1/hook",
        "http://[fd00::1]/hook",
    ],
)
def test_private_urls_are_refused_without_the_allow_list(
    client_for: Callable[[str], TestClient], app: FastAPI, settings: Settings, url: str
) -> None:
    app.state.settings = settings  # the suite's settings: no allow-list
    r = client_for("admin").post(W, json={"url": url, "event_types": ["*"]})
    assert r.status_code == 422, r.text
    problem = r.json()
    assert problem["code"] == "url_not_allowed"
    assert (
        problem["errors"][0]["loc"] == ["body", "url"] and problem["errors"][0]["code"] == "url_not_allowed"
    )


def test_patch_url_is_vetted_too(admin: TestClient, app: FastAPI, settings: Settings) -> None:
    sub = _subscribe(admin, PUBLIC_URL)
    app.state.settings = settings
    r = admin.patch(f"{W}/{sub['id']}", json={"url": "http://10.0.0.1/x"}, headers={"If-Match": sub["etag"]})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "url"]


def test_other_roles_may_not_manage_webhooks(client_for: Callable[[str], TestClient]) -> None:
    for role in ("secretariat", "tkksd", "opd_head", "opd_operator", "viewer"):
        c = client_for(role)
        assert c.get(W).status_code == 403
        assert c.post(W, json={"url": PUBLIC_URL, "event_types": ["*"]}).status_code == 403
        assert "webhooks:manage" not in c.get("/api/v1/auth/me").json()["capabilities"]
    assert "webhooks:manage" in client_for("admin").get("/api/v1/auth/me").json()["capabilities"]


# --- service accounts ------------------------------------------------------------------------------


def _service_client(
    admin: TestClient, anon: TestClient, app: FastAPI, scopes: list[str]
) -> tuple[TestClient, dict[str, Any]]:
    r = admin.post(
        "/api/v1/service-accounts",
        json={"name": "Biro Otonomi Daerah Jawa Barat", "role": "province", "scopes": scopes},
    )
    assert r.status_code == 201, r.text
    account = r.json()
    token = anon.post(
        "/api/v1/auth/token",
        data={
            "grant_type": "client_credentials",
            "client_id": account["client_id"],
            "client_secret": account["client_secret"],
        },
    )
    assert token.status_code == 200, token.text
    c = TestClient(app, base_url="https://testserver")
    c.headers["Authorization"] = f"Bearer {token.json()['access_token']}"
    return c, account


def test_service_account_manages_only_its_own(admin: TestClient, anon: TestClient, app: FastAPI) -> None:
    province, account = _service_client(admin, anon, app, ["read", "webhooks"])
    assert "webhooks:manage" in province.get("/api/v1/auth/me").json()["capabilities"]
    own = _subscribe(province, PUBLIC_URL)
    assert own["owner"]["service_account_id"] == account["id"] and own["owner"]["role"] == "province"
    theirs = _subscribe(admin, PUBLIC_URL)
    listed = {s["id"] for s in province.get(W).json()["items"]}
    assert own["id"] in listed and theirs["id"] not in listed
    assert province.get(f"{W}/{theirs['id']}").status_code == 404
    assert province.get(f"{W}/{theirs['id']}/deliveries").status_code == 404
    gone = province.delete(f"{W}/{theirs['id']}", headers={"If-Match": theirs["etag"]})
    assert gone.status_code == 404
    # It cannot subscribe on behalf of another account; an admin can subscribe on its behalf.
    other = admin.post(
        "/api/v1/service-accounts", json={"name": "Skrip Bappeda", "role": "viewer", "scopes": ["read"]}
    ).json()
    r = province.post(W, json={"url": PUBLIC_URL, "event_types": ["*"], "service_account_id": other["id"]})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "service_account_id"]
    for_it = _subscribe(admin, PUBLIC_URL, service_account_id=account["id"])
    assert for_it["owner"]["service_account_id"] == account["id"]
    assert for_it["id"] in {s["id"] for s in province.get(W).json()["items"]}
    province.close()


def test_service_account_without_webhooks_scope_is_refused(
    admin: TestClient, anon: TestClient, app: FastAPI
) -> None:
    reader, _ = _service_client(admin, anon, app, ["read"])
    r = reader.get(W)
    assert r.status_code == 403
    assert "webhooks:manage" not in reader.get("/api/v1/auth/me").json()["capabilities"]
    reader.close()


# --- delivery ---------------------------------------------------------------------------------------


def test_delivery_is_verified_by_the_receiver(
    admin: TestClient, session: Session, database: Database, wh_settings: Settings, inbox: tuple[str, Inbox]
) -> None:
    url, box = inbox
    sub = _subscribe(admin, url, event_types=["agreement.upsert"])
    box.secret = sub["secret"]
    agreement = _new_draft(admin, session)

    summary = job.run(database, wh_settings)

    assert box.rejected == 0 and len(box.received) == 1, (box.rejected, box.received)
    event = box.received[0]
    assert event["type"] == "agreement.upsert"
    assert event["data"]["entity_type"] == "agreement" and event["data"]["entity_id"] == agreement
    assert event["data"]["op"] == "upsert" and event["data"]["entity"]["id"] == agreement
    assert event["timestamp"] == event["data"]["changed_at"]
    headers = box.headers[0]
    assert headers["webhook-signature"].startswith("v1,") and headers["content-type"] == "application/json"
    assert summary.queued == 1 and summary.delivered == 1
    # The same event as the change feed gives the owner.
    feed = admin.get("/api/v1/changes", params={"limit": 500}).json()["items"]
    assert event["data"] in feed

    log = admin.get(f"{W}/{sub['id']}/deliveries").json()
    assert log["total"] == 1
    row = log["items"][0]
    assert row["id"] == headers["webhook-id"] and row["status"] == "delivered" and row["attempts"] == 1
    assert row["last_status_code"] == 200 and row["next_attempt_at"] is None and row["delivered_at"]

    # Nothing is sent twice: a second run finds nothing due.
    again = job.run(database, wh_settings)
    assert (again.queued, again.delivered) == (0, 0) and len(box.received) == 1


def test_event_types_filter(
    admin: TestClient, session: Session, database: Database, wh_settings: Settings, inbox: tuple[str, Inbox]
) -> None:
    url, box = inbox
    sub = _subscribe(admin, url, event_types=["partner.*"])
    box.secret = sub["secret"]
    _new_draft(admin, session)
    assert job.run(database, wh_settings).queued == 0 and box.received == []


def test_one_delivery_per_event_even_when_fanned_out_twice(
    admin: TestClient, session: Session, database: Database, wh_settings: Settings
) -> None:
    sub = _subscribe(admin, PUBLIC_URL)
    _new_draft(admin, session)
    clock = utcnow
    assert job.fan_out(database, wh_settings, clock) == 1
    [row] = _deliveries(session, sub["id"])
    # Another worker that read the cursor before this one moved it: the unique key stops a duplicate.
    session.execute(
        update(WebhookSubscription)
        .values(last_seq=row.seq - 1)
        .where(WebhookSubscription.id == uuid.UUID(sub["id"]))
    )
    session.commit()
    job.fan_out(database, wh_settings, clock)
    assert len(_deliveries(session, sub["id"])) == 1


def test_retries_survive_a_restart(
    admin: TestClient,
    session: Session,
    database: Database,
    wh_settings: Settings,
    inbox: tuple[str, Inbox],
) -> None:
    url, box = inbox
    sub = _subscribe(admin, url)
    box.secret, box.status = sub["secret"], 503
    _new_draft(admin, session)
    start = utcnow()

    first = job.run(database, wh_settings, now=start)
    assert (first.queued, first.failed, first.delivered) == (1, 1, 0)
    [row] = _deliveries(session, sub["id"])
    assert row.status == "failed" and row.attempts == 1 and row.last_status_code == 503
    assert row.next_attempt_at == start + timedelta(seconds=30) and row.last_error.startswith("HTTP 503")

    # "Restart": a new Database and app, nothing kept in memory; the receiver is fixed meanwhile.
    box.status = 200
    restarted = Database(wh_settings, engine=database.engine)
    restarted.session_factory = sessionmaker(
        bind=session.connection(),
        expire_on_commit=False,
        autoflush=False,
        join_transaction_mode="create_savepoint",
    )
    create_app(wh_settings, restarted, spa_dir=Path("/nonexistent"))
    early = job.run(restarted, wh_settings, now=start + timedelta(seconds=29))
    assert early.delivered == 0 and len(box.received) == 1  # not due yet (the 503 try was received too)
    later = job.run(restarted, wh_settings, now=start + timedelta(seconds=31))
    assert later.delivered == 1 and len(box.received) == 2
    assert box.headers[0]["webhook-id"] == box.headers[1]["webhook-id"]  # a retry keeps its id
    [row] = _deliveries(session, sub["id"])
    assert row.status == "delivered" and row.attempts == 2


def test_backoff_doubles_and_is_capped() -> None:
    delays = [job.retry_delay(n) for n in (1, 2, 3, 4, 10, 11, 12, 40)]
    assert delays[:4] == [timedelta(seconds=s) for s in (30, 60, 120, 240)]
    assert delays[4] == timedelta(seconds=30 * 512) and delays[5:] == [timedelta(hours=6)] * 3


def test_repeated_failures_disable_and_notify_admins(
    admin: TestClient,
    session: Session,
    database: Database,
    wh_settings: Settings,
    inbox: tuple[str, Inbox],
) -> None:
    url, box = inbox
    sub = _subscribe(admin, url)
    box.secret, box.status = sub["secret"], 500
    for _ in range(2):
        _new_draft(admin, session)
    # Near the wall clock: the receiver refuses signatures more than 5 minutes off, as real ones do.
    now = utcnow()
    summary = job.run(database, wh_settings, now=now)  # two failures
    assert summary.failed == 2 and summary.disabled == 0
    summary = job.run(database, wh_settings, now=now + timedelta(seconds=31))  # third: the limit is 3
    assert summary.disabled == 1

    body = admin.get(f"{W}/{sub['id']}").json()
    assert body["is_active"] is False and body["consecutive_failures"] >= 3
    assert "consecutive failed deliveries" in body["disabled_reason"]
    admins = session.scalars(
        select(UserAccount.id).where(UserAccount.role == "admin", UserAccount.is_active.is_(True))
    ).all()
    notified = session.scalars(
        select(Notification.user_id).where(Notification.kind == "webhook_disabled")
    ).all()
    assert set(notified) == set(admins) and len(notified) == len(admins) >= 1
    inapp = admin.get("/api/v1/notifications").json()["items"]
    mine = [n for n in inapp if n["kind"] == "webhook_disabled"]
    assert mine and mine[0]["link"] == f"/webhooks/{sub['id']}" and url in mine[0]["body"]

    # Disabled: nothing more is sent, and a retry asks to enable it first.
    sent = len(box.received)
    assert job.run(database, wh_settings, now=now + timedelta(seconds=100)).delivered == 0
    assert len(box.received) == sent
    failed = admin.get(f"{W}/{sub['id']}/deliveries", params={"status": "failed"}).json()["items"]
    retry = admin.post(f"{W}/{sub['id']}/deliveries/{failed[0]['id']}/retry")
    assert retry.status_code == 409 and retry.json()["code"] == "subscription_inactive"

    # Enabled again with the receiver fixed: the failure count restarts and the backlog goes out.
    box.status = 200
    etag = admin.get(f"{W}/{sub['id']}").headers["etag"]
    enabled = admin.patch(f"{W}/{sub['id']}", json={"is_active": True}, headers={"If-Match": etag}).json()
    assert (
        enabled["is_active"] and enabled["consecutive_failures"] == 0 and enabled["disabled_reason"] is None
    )
    assert job.run(database, wh_settings, now=now + timedelta(seconds=100)).delivered == 2


def test_delivery_log_pages_filters_and_retry(
    admin: TestClient,
    session: Session,
    database: Database,
    wh_settings: Settings,
    inbox: tuple[str, Inbox],
) -> None:
    url, box = inbox
    sub = _subscribe(admin, url)
    box.secret = sub["secret"]
    for _ in range(3):
        _new_draft(admin, session)
    now = utcnow()
    job.run(database, wh_settings, now=now)
    log = f"{W}/{sub['id']}/deliveries"
    first = admin.get(log, params={"limit": 2}).json()
    assert first["total"] == 3 and len(first["items"]) == 2 and first["next_cursor"]
    rest = admin.get(log, params={"limit": 2, "cursor": first["next_cursor"]}).json()
    seqs = [i["seq"] for i in first["items"] + rest["items"]]
    assert seqs == sorted(seqs, reverse=True) and len(set(seqs)) == 3
    assert admin.get(log, params={"status": "failed"}).json()["total"] == 0
    assert admin.get(log, params={"cursor": "garbage"}).status_code == 422
    assert admin.get(log, params={"status": "lost"}).status_code == 422

    # Retry a delivered one: it is sent again, under the same webhook-id.
    target = first["items"][0]
    r = admin.post(f"{log}/{target['id']}/retry")
    assert r.status_code == 200 and r.json()["status"] == "pending"
    assert job.run(database, wh_settings, now=utcnow() + timedelta(seconds=1)).delivered == 1
    assert box.headers[-1]["webhook-id"] == target["id"] and len(box.received) == 4

    other = _subscribe(admin, PUBLIC_URL)
    assert admin.post(f"{W}/{other['id']}/deliveries/{target['id']}/retry").status_code == 404


def test_delivery_time_ssrf_check(
    admin: TestClient,
    session: Session,
    database: Database,
    settings: Settings,
    wh_settings: Settings,
    inbox: tuple[str, Inbox],
) -> None:
    """Allowed when subscribed, no longer allowed when sending (the allow-list was narrowed): the job
    refuses to connect, and the receiver sees nothing."""
    url, box = inbox
    sub = _subscribe(admin, url)
    box.secret = sub["secret"]
    _new_draft(admin, session)
    summary = job.run(database, settings)  # the suite's settings: no allow-list
    assert summary.failed == 1 and box.received == []
    [row] = _deliveries(session, sub["id"])
    assert row.last_status_code is None and "refused before connecting" in (row.last_error or "")


def test_province_subscription_gets_the_redacted_view(
    admin: TestClient,
    anon: TestClient,
    app: FastAPI,
    session: Session,
    database: Database,
    wh_settings: Settings,
    inbox: tuple[str, Inbox],
) -> None:
    """A draft is not the province's to see: its subscription receives the tombstone the province's
    feed shows, never the draft."""
    url, box = inbox
    province, _ = _service_client(admin, anon, app, ["read", "webhooks"])
    sub = _subscribe(province, url)
    box.secret = sub["secret"]
    draft = _new_draft(admin, session)
    job.run(database, wh_settings)
    assert [e["type"] for e in box.received] == ["agreement.delete"]
    assert box.received[0]["data"]["entity_id"] == draft and box.received[0]["data"]["entity"] is None
    feed = province.get("/api/v1/changes", params={"limit": 500}).json()["items"]
    assert box.received[0]["data"] in feed
    raw = json.dumps(box.received)
    assert "@" not in raw
    province.close()


def test_deleting_a_subscription_removes_its_log(
    admin: TestClient, session: Session, database: Database, wh_settings: Settings
) -> None:
    sub = _subscribe(admin, PUBLIC_URL)
    _new_draft(admin, session)
    job.fan_out(database, wh_settings, utcnow)
    assert len(_deliveries(session, sub["id"])) == 1
    assert admin.delete(f"{W}/{sub['id']}", headers={"If-Match": sub["etag"]}).status_code == 204
    session.expire_all()
    left = session.scalar(
        select(func.count())
        .select_from(WebhookDelivery)
        .where(WebhookDelivery.subscription_id == uuid.UUID(sub["id"]))
    )
    assert left == 0
