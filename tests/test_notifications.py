"""In-app notifications (the caller's own, unread count, mark read, keyset pages) and the e-mail
delivery log (admin and secretariat; failures listed and retried) over a real SMTP server."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.core.config import Settings
from kerjasama.core.db import Database
from kerjasama.models import AuditEntry, Delivery, Notification, Reminder, UserAccount
from tests.test_reminders import (
    MAIL_DAY,
    People,
    add_people,
    expiring_in_30_days,
    free_port,
    mail_settings,
    remind,
    smtp_server,
)

Client = Callable[[str], TestClient]
N = "/api/v1/notifications"
D = "/api/v1/reminder-deliveries"


@pytest.fixture
def people(session: Session) -> People:
    return add_people(session)


@pytest.fixture
def expiring(
    secretariat: TestClient, session: Session, people: People, database: Database, settings: Settings
) -> str:
    """An agreement of DISDIK reminded of once (30 days before its end) by a run without e-mail."""
    aid = expiring_in_30_days(secretariat, session)
    remind(database, settings, MAIL_DAY)
    return aid


def add_notifications(
    session: Session, user: UserAccount, count: int, read: bool = False
) -> list[Notification]:
    base = datetime(2026, 1, 1, 7, 0, tzinfo=UTC)
    rows = [
        Notification(
            user_id=user.id,
            kind="obligation_due",
            title=f"Pengingat {i}",
            body="Isi",
            link="/agreements/x",
            created_at=base + timedelta(hours=i),
            read_at=base if read else None,
        )
        for i in range(count)
    ]
    session.add_all(rows)
    session.flush()
    return rows


def test_a_run_notifies_the_opd_and_each_sees_only_their_own(
    client_for: Client, people: People, expiring: str
) -> None:
    head = client_for("kepala.disdik")
    r = head.get(N)
    assert r.status_code == 200, r.text
    page = r.json()
    assert (page["total"], page["unread"], page["next_cursor"]) == (1, 1, None)
    item = page["items"][0]
    assert item["kind"] == "agreement_expiry"
    assert item["title"].endswith("berakhir dalam 30 hari (15 Januari 2027)")
    assert item["link"] == f"/agreements/{expiring}" and item["read_at"] is None
    assert "15 Januari 2027 (30 hari lagi)" in item["body"]
    assert any(
        i["link"] == f"/agreements/{expiring}"
        for i in client_for("sekretariat").get(N, params={"limit": 500}).json()["items"]
    )
    other_opd = client_for("operator.dlh").get(N, params={"limit": 500}).json()["items"]
    assert all(i["link"] != f"/agreements/{expiring}" for i in other_opd)
    assert client_for("viewer").get(N).json() == {"items": [], "next_cursor": None, "total": 0, "unread": 0}


def test_mark_read_is_idempotent_and_filters_follow(
    client_for: Client, people: People, expiring: str
) -> None:
    head = client_for("kepala.disdik")
    nid = head.get(N).json()["items"][0]["id"]
    first = head.post(f"{N}/{nid}/read")
    assert first.status_code == 200 and first.json()["read_at"] is not None
    again = head.post(f"{N}/{nid}/read")
    assert again.status_code == 200 and again.json()["read_at"] == first.json()["read_at"]
    assert head.get(N).json()["unread"] == 0
    assert head.get(N, params={"unread": "true"}).json()["items"] == []
    assert [i["id"] for i in head.get(N, params={"unread": "false"}).json()["items"]] == [nid]


def test_someone_elses_notification_is_404(
    client_for: Client, session: Session, people: People, expiring: str
) -> None:
    nid = client_for("kepala.disdik").get(N).json()["items"][0]["id"]
    for who in ("operator.dlh", "admin", "sekretariat"):
        r = client_for(who).post(f"{N}/{nid}/read")
        assert r.status_code == 404, (who, r.text)
        assert r.headers["content-type"] == "application/problem+json" and r.json()["code"] == "not_found"
    assert client_for("kepala.disdik").post(f"{N}/{uuid.uuid4()}/read").status_code == 404
    bad = client_for("kepala.disdik").post(f"{N}/not-a-uuid/read")
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["path", "notification_id"]
    session.expire_all()
    assert session.scalar(select(Notification.read_at).where(Notification.id == uuid.UUID(nid))) is None


def test_read_all_marks_only_the_callers(client_for: Client, session: Session, people: People) -> None:
    add_notifications(session, people.head, 3)
    add_notifications(session, people.head, 1, read=True)
    others = add_notifications(session, people.operator, 2)
    r = client_for("kepala.disdik").post(f"{N}/read-all")
    assert r.status_code == 200 and r.json() == {"marked": 3}
    assert client_for("kepala.disdik").post(f"{N}/read-all").json() == {"marked": 0}
    assert client_for("operator.disdik").get(N).json()["unread"] == len(others)


def test_keyset_pages_newest_first(client_for: Client, session: Session, people: People) -> None:
    rows = add_notifications(session, people.head, 5)
    c = client_for("kepala.disdik")
    seen: list[str] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = c.get(N, params=params).json()
        assert page["total"] == 5 and page["unread"] == 5
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == [str(n.id) for n in reversed(rows)]
    for bad in ("nonsense", "eyJzIjoiLWNyZWF0ZWRfYXQiLCJrIjoiMjAyNi0wMS0wMSIsImkiOiJ4In0"):
        r = c.get(N, params={"cursor": bad})
        assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["query", "cursor"], r.text


# ---------------------------------------------------------------- the delivery log


@pytest.fixture
def failed(
    secretariat: TestClient, session: Session, people: People, database: Database, settings: Settings
) -> tuple[str, Settings]:
    """SMTP down and one try allowed: the three e-mails about a DISDIK expiry fail at once."""
    aid = expiring_in_30_days(secretariat, session)
    mailing = mail_settings(settings, free_port(), email_max_attempts=1)
    remind(database, mailing, MAIL_DAY, now=datetime(2026, 12, 16, 0, 30, tzinfo=UTC))
    return aid, mailing


def mine(items: list[dict[str, Any]], aid: str) -> list[dict[str, Any]]:
    return [
        i
        for i in items
        if i["reminder"]["agreement_id"] == aid and i["reminder"]["kind"] == "agreement_expiry"
    ]


def test_delivery_log_lists_failures_with_recipient_and_error(
    admin: TestClient,
    secretariat: TestClient,
    client_for: Client,
    people: People,
    failed: tuple[str, Settings],
) -> None:
    aid, _ = failed
    r = admin.get(D, params={"status": "failed", "limit": 500})
    assert r.status_code == 200, r.text
    rows = mine(r.json()["items"], aid)
    assert {i["recipient"]["address"] for i in rows} == people.mailed
    for i in rows:
        assert (i["status"], i["attempts"], i["sent_at"], i["channel"]) == ("failed", 1, None, "email")
        assert "ConnectionRefusedError" in i["last_error"]
        assert i["reminder"]["title"].endswith("berakhir dalam 30 hari (15 Januari 2027)")
        assert i["reminder"]["due_date"] == "2027-01-15"
        assert i["reminder"]["link"] == f"/agreements/{aid}"
        assert i["message_id"].startswith("<") and i["message_id"].endswith(">")
    head = next(i for i in rows if i["recipient"]["username"] == "kepala.disdik")
    assert (
        head["recipient"]["user_id"] == str(people.head.id)
        and head["recipient"]["full_name"] == "Kepala Disdik"
    )
    assert mine(secretariat.get(D, params={"status": "failed", "limit": 500}).json()["items"], aid) == rows
    assert mine(admin.get(D, params={"status": "sent", "limit": 500}).json()["items"], aid) == []
    for who in ("tkksd", "viewer", "opd_head", "opd_operator", "kepala.disdik"):
        denied = client_for(who).get(D)
        assert denied.status_code == 403 and denied.json()["code"] == "role_forbidden", who
    assert admin.get(D, params={"status": "lost"}).status_code == 422


def test_delivery_log_pages(admin: TestClient, failed: tuple[str, Settings]) -> None:
    total = admin.get(D).json()["total"]
    assert total >= 3
    seen: list[str] = []
    cursor: str | None = None
    while True:
        page = admin.get(D, params={"limit": 2, **({"cursor": cursor} if cursor else {})}).json()
        seen += [i["id"] for i in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == total


def test_retry_requeues_a_failed_email_which_is_then_sent_once(
    admin: TestClient,
    secretariat: TestClient,
    session: Session,
    people: People,
    database: Database,
    failed: tuple[str, Settings],
) -> None:
    aid, mailing = failed
    rows = mine(admin.get(D, params={"status": "failed", "limit": 500}).json()["items"], aid)
    target = next(i for i in rows if i["recipient"]["username"] == "operator.disdik")
    url = f"{D}/{target['id']}/retry"
    assert secretariat.post(url).status_code == 403
    assert admin.post(f"{D}/{uuid.uuid4()}/retry").status_code == 404
    r = admin.post(url)
    assert r.status_code == 200, r.text
    assert (r.json()["status"], r.json()["attempts"], r.json()["id"]) == ("queued", 0, target["id"])
    again = admin.post(url)
    assert again.status_code == 409 and again.json()["code"] == "delivery_not_failed"
    entry = session.scalar(
        select(AuditEntry).where(AuditEntry.entity_type == "delivery", AuditEntry.entity_id == target["id"])
    )
    assert (
        entry is not None and entry.action == "retry" and entry.after == {"status": "queued", "attempts": 0}
    )

    with smtp_server(mailing.smtp_port) as (sink, _):
        summary = remind(database, mailing, MAIL_DAY, now=datetime.now(UTC) + timedelta(minutes=1))
        remind(database, mailing, MAIL_DAY, now=datetime.now(UTC) + timedelta(days=1))
    assert summary.sent >= 1
    assert [r.rcpt_tos for r in sink.about(f"/agreements/{aid}")] == [[str(people.operator.email)]]
    session.expire_all()
    sent = session.get(Delivery, uuid.UUID(target["id"]))
    assert sent is not None and (sent.status, sent.attempts) == ("sent", 1)
    listed = mine(admin.get(D, params={"status": "sent", "limit": 500}).json()["items"], aid)
    assert [i["id"] for i in listed] == [target["id"]]
    assert session.scalar(select(Reminder.kind).where(Reminder.id == sent.reminder_id)) == "agreement_expiry"
