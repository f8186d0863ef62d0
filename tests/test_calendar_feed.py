"""The per-user ICS calendar feed: a revocable secret URL, valid RFC 5545 (parsed with `icalendar`),
holding only what the URL's owner may see."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from icalendar import Calendar
from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.models import AuditEntry, CalendarFeed, DprdApproval, IdempotencyRecord, UserAccount
from tests.fixtures.factories import agreement_body, agreement_id, opd_id
from tests.test_reminders import HOME_OPD, People, add_occurrence, add_people, in_force

Client = Callable[[str], TestClient]
FEED = "/api/v1/calendar-feed"
DRAINASE = "DEMO/PKS/2022/DRAINASE"  # lead DPUPR: outside DISDIK's and DINKES's scope
RUJUKAN = "DEMO/PKS/2021/RUJUKAN-KBB"  # lead DINKES


@pytest.fixture
def people(session: Session) -> People:
    return add_people(session)


def new_feed(client: TestClient) -> tuple[str, str]:
    """(path of the .ics, ETag) of a freshly created URL."""
    r = client.post(FEED)
    assert r.status_code == 201, r.text
    assert r.headers["location"] == FEED and r.headers["cache-control"] == "no-store"
    url = r.json()["url"]
    assert url.startswith("http://127.0.0.1:8000/api/v1/calendar/") and url.endswith(".ics")
    return url.removeprefix("http://127.0.0.1:8000"), r.headers["etag"]


def fetch(anon: TestClient, path: str) -> Calendar:
    r = anon.get(path)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(r.content)


def events(cal: Calendar) -> dict[str, Any]:
    found = {str(ev["UID"]): ev for ev in cal.walk("VEVENT")}
    assert len(found) == len(cal.walk("VEVENT")), "UIDs are unique"
    return found


@pytest.fixture
def records(secretariat: TestClient, session: Session) -> dict[str, Any]:
    """A DISDIK agreement in force (2020–2035) with an open and a fulfilled occurrence, and a DISDIK
    draft with a pending DPRD request."""
    aid = in_force(secretariat, session, start="2020-01-01", end="2035-03-31")
    open_occ = add_occurrence(session, aid, date(2027, 2, 26))
    done_occ = add_occurrence(session, aid, date(2027, 3, 26), status="fulfilled")
    r = secretariat.post(
        "/api/v1/agreements", json=agreement_body(session, lead_opd_id=opd_id(session, HOME_OPD))
    )
    assert r.status_code == 201, r.text
    dprd = DprdApproval(
        agreement_id=uuid.UUID(r.json()["id"]), request_date=date(2027, 1, 4), deadline_date=date(2027, 3, 8)
    )
    session.add(dprd)
    session.flush()
    return {"agreement": aid, "open": open_occ.id, "done": done_occ.id, "dprd": dprd.id}


def test_feed_is_valid_rfc5545_with_the_expected_events(
    client_for: Client, anon: TestClient, people: People, records: dict[str, Any]
) -> None:
    path, _ = new_feed(client_for("kepala.disdik"))
    raw = anon.get(path).content
    # RFC 5545 §3.1: CRLF line ends, content lines folded at 75 octets (continuations start with a space)
    assert raw.endswith(b"\r\n") and raw.count(b"\n") == raw.count(b"\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(len(line) <= 75 for line in lines)
    assert any(line.startswith(b" ") for line in lines), "long summaries are folded"
    assert lines[0] == b"BEGIN:VCALENDAR" and lines[-1] == b"END:VCALENDAR"

    cal = Calendar.from_ical(raw)
    assert cal.name == "VCALENDAR"
    assert str(cal["VERSION"]) == "2.0"
    assert str(cal["PRODID"]) == "-//Kerja Sama Daerah//Registry//ID"
    assert str(cal["CALSCALE"]) == "GREGORIAN" and str(cal["METHOD"]) == "PUBLISH"
    assert str(cal["X-WR-CALNAME"]) == "Kerja Sama Daerah — Kepala Disdik"
    found = events(cal)
    for ev in found.values():
        start, end, stamp = ev.decoded("DTSTART"), ev.decoded("DTEND"), ev.decoded("DTSTAMP")
        assert type(start) is date and end == start + timedelta(days=1)  # all-day: VALUE=DATE
        assert isinstance(stamp, datetime) and stamp.utcoffset() == timedelta(0)
        assert str(ev["SUMMARY"]) and str(ev["URL"]).startswith("http://127.0.0.1:8000/")
        assert str(ev["URL"]) in str(ev["DESCRIPTION"])

    aid = records["agreement"]
    expiry = found[f"agreement-expiry-{aid}@kerjasama"]
    assert expiry.decoded("DTSTART") == date(2035, 3, 31)
    assert str(expiry["SUMMARY"]).startswith("Berakhir: KSD/32.77/")
    assert str(expiry["URL"]) == f"http://127.0.0.1:8000/agreements/{aid}"
    assert "berakhir pada 31 Maret 2035" in str(expiry["DESCRIPTION"])

    due = found[f"obligation-occurrence-{records['open']}@kerjasama"]
    assert due.decoded("DTSTART") == date(2027, 2, 26)
    assert str(due["SUMMARY"]).startswith("Jatuh tempo kewajiban: KSD/32.77/")
    assert "jatuh tempo pada 26 Februari 2027" in str(due["DESCRIPTION"])
    assert f"obligation-occurrence-{records['done']}@kerjasama" not in found  # fulfilled: no longer due

    dprd = found[f"dprd-deadline-{records['dprd']}@kerjasama"]
    assert dprd.decoded("DTSTART") == date(2027, 3, 8)
    assert str(dprd["SUMMARY"]).startswith("Batas persetujuan DPRD: ")

    # in force 2020–2035, nothing submitted: whatever today is, a report deadline is owed
    reports = [ev for uid, ev in found.items() if uid.startswith(f"monitoring-report-{aid}-")]
    assert reports and all(str(ev["SUMMARY"]).startswith("Batas laporan monev Semester ") for ev in reports)

    assert not any(
        uid.startswith("agreement-expiry-") and DRAINASE in str(ev["SUMMARY"]) for uid, ev in found.items()
    )


def test_feed_follows_the_owners_scope(
    client_for: Client, anon: TestClient, session: Session, people: People, records: dict[str, Any]
) -> None:
    drainase, rujukan = agreement_id(session, DRAINASE), agreement_id(session, RUJUKAN)
    mine = f"agreement-expiry-{records['agreement']}@kerjasama"
    expiries = {mine, f"agreement-expiry-{drainase}@kerjasama", f"agreement-expiry-{rujukan}@kerjasama"}
    disdik_only = {
        mine,
        f"obligation-occurrence-{records['open']}@kerjasama",
        f"dprd-deadline-{records['dprd']}@kerjasama",
    }

    def feed_of(who: str) -> set[str]:
        path, _ = new_feed(client_for(who))
        return set(events(fetch(anon, path)))

    disdik = feed_of("kepala.disdik")
    assert disdik & expiries == {mine} and disdik_only <= disdik
    dinkes = feed_of("operator.dinkes")
    assert dinkes & expiries == {f"agreement-expiry-{rujukan}@kerjasama"}
    assert not dinkes & disdik_only and not any(records["agreement"] in uid for uid in dinkes)
    for who in ("admin", "pimpinan", "tkksd", "sekretariat"):
        assert expiries | disdik_only <= feed_of(who), who
    # someone else's bearer token changes nothing: the URL's owner decides what the feed holds
    path, _ = new_feed(client_for("operator.dinkes"))
    r = client_for("admin").get(path)
    assert r.status_code == 200
    assert set(events(Calendar.from_ical(r.content))) & expiries == {f"agreement-expiry-{rujukan}@kerjasama"}


def test_revoke_checks_an_if_match_when_given_and_then_the_url_is_gone(
    client_for: Client, anon: TestClient, session: Session, people: People, app: Any
) -> None:
    head = client_for("kepala.disdik")
    assert head.get(FEED).json() == {"active": False, "created_at": None}
    assert head.delete(FEED).status_code == 404
    path, etag = new_feed(head)
    status = head.get(FEED)
    assert status.json()["active"] is True and status.headers["etag"] == etag == '"1"'
    assert "url" not in status.json()
    stale = head.delete(FEED, headers={"If-Match": '"7"'})
    assert stale.status_code == 412 and stale.json()["current_version"] == 1
    assert anon.get(path).status_code == 200
    assert head.delete(FEED, headers={"If-Match": etag}).status_code == 204
    gone = anon.get(path)
    assert gone.status_code == 404 and gone.headers["content-type"] == "application/problem+json"
    assert gone.json()["code"] == "not_found"
    assert head.get(FEED).json()["active"] is False
    assert head.delete(FEED, headers={"If-Match": etag}).status_code == 404
    # a leaked URL must be revocable from any window: without If-Match too
    path, _ = new_feed(head)
    assert head.delete(FEED).status_code == 204 and anon.get(path).status_code == 404
    actions = session.scalars(
        select(AuditEntry.action)
        .where(AuditEntry.entity_type == "calendar_feed", AuditEntry.actor_id == people.head.id)
        .order_by(AuditEntry.seq)
    ).all()
    assert list(actions) == ["create", "revoke", "create", "revoke"]
    params = app.openapi()["paths"][FEED]["delete"]["parameters"]
    assert [(p["name"], p["required"]) for p in params if p["in"] == "header"] == [("If-Match", False)]


def test_rotating_invalidates_the_old_url(
    client_for: Client, anon: TestClient, session: Session, people: People
) -> None:
    head = client_for("kepala.disdik")
    old, first = new_feed(head)
    new, second = new_feed(head)
    assert (first, second) == ('"1"', '"2"') and old != new
    assert anon.get(old).status_code == 404 and anon.get(new).status_code == 200
    token = new.removeprefix("/api/v1/calendar/").removesuffix(".ics")
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    stored = session.scalars(select(CalendarFeed).where(CalendarFeed.user_id == people.head.id)).all()
    assert len(stored) == 2 and sum(f.revoked_at is None for f in stored) == 1
    active = next(f for f in stored if f.revoked_at is None)
    assert active.token_hash == hashlib.sha256(token.encode()).hexdigest() != token
    audit_after = session.scalars(
        select(AuditEntry.after).where(AuditEntry.entity_type == "calendar_feed")
    ).all()
    assert token not in str(list(audit_after))


def test_unknown_long_and_disabled_owners_tokens_are_404(
    client_for: Client, anon: TestClient, session: Session, people: People
) -> None:
    path, _ = new_feed(client_for("kepala.disdik"))
    for bad in (
        "/api/v1/calendar/nope.ics",
        f"/api/v1/calendar/{'x' * 300}.ics",
        path.removesuffix(".ics") + ".ical",
    ):
        r = anon.get(bad)
        assert r.status_code == 404, bad
    user = session.get(UserAccount, people.head.id)
    assert user is not None
    user.is_active = False
    session.flush()
    assert anon.get(path).status_code == 404


def test_every_role_manages_its_own_feed(client_for: Client, anon: TestClient) -> None:
    for who in ("admin", "secretariat", "tkksd", "opd_head", "opd_operator", "viewer"):
        path, etag = new_feed(client_for(who))
        assert fetch(anon, path).name == "VCALENDAR"
        assert client_for(who).delete(FEED, headers={"If-Match": etag}).status_code == 204
    assert anon.post(FEED).status_code == 401 and anon.get(FEED).status_code == 401


def test_the_secret_url_is_never_kept_for_idempotent_replay(
    client_for: Client, anon: TestClient, session: Session, people: People
) -> None:
    head = client_for("kepala.disdik")
    key = {"Idempotency-Key": "kalender-0001"}
    first = head.post(FEED, headers=key)
    again = head.post(FEED, headers=key)
    assert first.status_code == again.status_code == 201, first.text
    assert "idempotency-replayed" not in again.headers  # no-store: a repeat runs again …
    old, new = (r.json()["url"].removeprefix("http://127.0.0.1:8000") for r in (first, again))
    assert old != new and anon.get(old).status_code == 404 and anon.get(new).status_code == 200
    kept = session.scalars(select(IdempotencyRecord).where(IdempotencyRecord.key == key["Idempotency-Key"]))
    assert kept.all() == []  # … and neither URL sits in the idempotency store


def test_feed_runs_from_a_year_back_to_two_years_ahead(
    client_for: Client, anon: TestClient, session: Session, people: People, settings: Any
) -> None:
    from kerjasama.core.clock import today_in_region
    from kerjasama.reminders.calendar import FEED_OCCURRENCES_AHEAD_DAYS, FEED_PAST_DAYS

    today = today_in_region(settings)
    aid = in_force(client_for("sekretariat"), session, start="2015-01-01", end="2035-03-31")
    recent = add_occurrence(session, aid, today - timedelta(days=FEED_PAST_DAYS))
    old = add_occurrence(session, aid, today - timedelta(days=FEED_PAST_DAYS + 1))
    near = add_occurrence(session, aid, today + timedelta(days=FEED_OCCURRENCES_AHEAD_DAYS))
    far = add_occurrence(session, aid, today + timedelta(days=FEED_OCCURRENCES_AHEAD_DAYS + 1))
    path, _ = new_feed(client_for("kepala.disdik"))
    found = events(fetch(anon, path))
    assert f"obligation-occurrence-{recent.id}@kerjasama" in found  # late, but within the year
    assert f"obligation-occurrence-{old.id}@kerjasama" not in found  # still in the app's late list
    assert f"obligation-occurrence-{near.id}@kerjasama" in found
    assert f"obligation-occurrence-{far.id}@kerjasama" not in found  # two years ahead at most
