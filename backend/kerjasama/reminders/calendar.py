"""Per-user ICS calendar feeds behind a revocable secret URL (RFC 5545, written by reminders/ics.py).

Calendar apps cannot send a bearer token, so the URL itself is the credential: 32 random bytes,
stored only as their SHA-256 and looked up by that hash. A new URL revokes the previous one. The feed
shows what the URL's owner may see *now* (their OPD scope, their account still active).
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from kerjasama.agreements import service as agreements_service
from kerjasama.core import audit
from kerjasama.core.auth import Principal, principal_for
from kerjasama.core.config import Settings
from kerjasama.core.errors import NotFound
from kerjasama.core.scope import is_limited
from kerjasama.models import CalendarFeed, UserAccount
from kerjasama.models.base import utcnow
from kerjasama.monitoring import service as monitoring_service
from kerjasama.reminders import ics as ics_writer
from kerjasama.reminders import repository as repo
from kerjasama.reminders import texts
from kerjasama.reminders.due import agreement_link, report_periods

TOKEN_BYTES = 32
MAX_TOKEN_LENGTH = 100
PRODID = "-//Kerja Sama Daerah//Registry//ID"
UID_DOMAIN = "kerjasama"
# The feed starts a year back: a calendar is for what is coming and what just slipped; older open
# items stay in the app's lists (obligations `status=late`, monitoring due) and keep the feed small.
FEED_PAST_DAYS = 366
# Obligation occurrences are listed two years ahead (a monthly duty of an open-ended agreement has
# occurrences five years ahead): measured, an instance with 50 000 future occurrences took 9 s to serve.
FEED_OCCURRENCES_AHEAD_DAYS = 731


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def feed_url(settings: Settings, token: str) -> str:
    return f"{settings.base_url}/api/v1/calendar/{token}.ics"


def status(session: Session, principal: Principal) -> tuple[CalendarFeed | None, int]:
    """The caller's active feed (if any) and the feed version (URLs ever created; the ETag)."""
    return repo.active_feed(session, principal.user_id), repo.feeds_created(session, principal.user_id)


def create(session: Session, settings: Settings, principal: Principal) -> tuple[str, CalendarFeed, int]:
    """A new secret URL for the caller; any previous one stops working. Returns (url, feed, version)."""
    now = utcnow()
    rotated = repo.revoke_feeds(session, principal.user_id, now)
    token = secrets.token_urlsafe(TOKEN_BYTES)
    feed = CalendarFeed(user_id=principal.user_id, token_hash=token_hash(token), created_at=now)
    session.add(feed)
    session.flush()
    action = "rotate" if rotated else "create"
    audit.record(
        session, principal.actor, "calendar_feed", feed.id, action, None, {"user_id": principal.user_id}
    )
    return feed_url(settings, token), feed, repo.feeds_created(session, principal.user_id)


def active(session: Session, principal: Principal) -> tuple[CalendarFeed, int]:
    """The caller's active feed and version; 404 when there is none."""
    feed, version = status(session, principal)
    if feed is None:
        raise NotFound("You have no active calendar URL.")
    return feed, version


def revoke(session: Session, principal: Principal, feed: CalendarFeed) -> None:
    repo.revoke_feeds(session, principal.user_id, utcnow())
    audit.record(
        session, principal.actor, "calendar_feed", feed.id, "revoke", {"user_id": principal.user_id}, None
    )


def owner(session: Session, token: str) -> UserAccount:
    """The active user behind a token; unknown, revoked and disabled all look the same (404)."""
    user = repo.feed_owner(session, token_hash(token)) if len(token) <= MAX_TOKEN_LENGTH else None
    if user is None:
        raise NotFound("No calendar at this address (it may have been revoked).")
    return user


def ics(session: Session, settings: Settings, user: UserAccount, today: date) -> bytes:
    """The user's calendar: open obligation due dates (up to FEED_OCCURRENCES_AHEAD_DAYS ahead), report
    deadlines, expiries and DPRD deadlines, from FEED_PAST_DAYS ago onwards."""
    since = today - timedelta(days=FEED_PAST_DAYS)
    principal = principal_for(user)
    scope = agreements_service.scoped_ids(principal) if is_limited(principal) else None
    base = settings.base_url
    stamp = utcnow()
    cal = ics_writer.Calendar(
        PRODID,
        f"Kerja Sama Daerah — {user.full_name or user.username}",
        "Jatuh tempo kewajiban, batas laporan monev, akhir kerja sama, batas persetujuan DPRD, batas jawaban "
        "penawaran",
        stamp,
    )

    def event(uid: str, day: date, summary: str, description: str, link: str) -> None:
        url = base + link
        cal.all_day(f"{uid}@{UID_DOMAIN}", day, summary, f"{description}\n\n{url}", url)

    for a in repo.agreements_ending(session, since, None, scope):
        event(
            f"agreement-expiry-{a.id}",
            a.end_date,
            f"Berakhir: {a.number} — {texts.shorten(a.title, 120)}",
            f"Kerja sama {a.number} — {a.title} berakhir pada {texts.format_tanggal(a.end_date)}.",
            agreement_link(a.id),
        )
    for o in repo.open_occurrences(
        session, since, today + timedelta(days=FEED_OCCURRENCES_AHEAD_DAYS), scope
    ):
        event(
            f"obligation-occurrence-{o.id}",
            o.due_date,
            f"Jatuh tempo kewajiban: {o.number} — {texts.shorten(o.description, 120)}",
            f"Kewajiban “{o.description}” pada kerja sama {o.number} — {o.title} jatuh tempo pada "
            f"{texts.format_tanggal(o.due_date)}.",
            agreement_link(o.agreement_id),
        )
    for r in _unsubmitted_reports(session, principal, today):
        link = f"/monitoring-reports/{r.report_id}" if r.report_id else agreement_link(r.agreement_id)
        event(
            f"monitoring-report-{r.agreement_id}-{r.period}",
            r.due_date,
            f"Batas laporan monev {r.period_label}: {r.agreement_number}",
            f"Laporan monitoring dan evaluasi {r.period_label} untuk kerja sama {r.agreement_number} — "
            f"{r.agreement_title} wajib disampaikan paling lambat {texts.format_tanggal(r.due_date)}.",
            link,
        )
    for d in repo.pending_dprd(session, since, None, scope):
        event(
            f"dprd-deadline-{d.id}",
            d.deadline_date,
            f"Batas persetujuan DPRD: {d.number}",
            f"Batas waktu persetujuan DPRD atas kerja sama {d.number} — {d.title} jatuh pada "
            f"{texts.format_tanggal(d.deadline_date)}.",
            agreement_link(d.agreement_id),
        )
    for a in repo.offers_awaiting_answer(session, since, None, scope):
        event(
            f"offer-answer-{a.id}-{a.offer_due_date.isoformat()}",
            a.offer_due_date,
            f"Batas jawaban penawaran: {a.number}",
            f"Jawaban mitra atas penawaran kerja sama {a.number} — {a.title} ditunggu paling lambat "
            f"{texts.format_tanggal(a.offer_due_date)} (Permendagri 22/2020 Pasal 8).",
            agreement_link(a.id),
        )
    return cal.to_ical()


def _unsubmitted_reports(session: Session, principal: Principal, today: date) -> list[Any]:
    seen: set[tuple[Any, str]] = set()
    out = []
    for code in report_periods(today):
        for r in monitoring_service.owed_reports(session, principal, code, today):
            if r.state != "submitted" and (r.agreement_id, r.period) not in seen:
                seen.add((r.agreement_id, r.period))
                out.append(r)
    return out
