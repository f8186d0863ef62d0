"""`kerjasama remind`: record what is due once, notify the people concerned, then send queued e-mail.

Once-only, even with two runs at the same time:
- Each reminder is inserted under a unique dedupe key with ON CONFLICT DO NOTHING; notifications and
  e-mails are created only by the run whose insert created the reminder, in the same transaction.
- On PostgreSQL the whole job also holds a session-level advisory lock; a second run that cannot take
  it does nothing. On SQLite every write transaction starts with BEGIN IMMEDIATE (core/db.py): a
  second run's inserts wait their turn and find the keys taken. (SQLite has no advisory locks.)
- What is due is collected in a read transaction; it is written RECORD_BATCH reminders per short
  transaction (and the open-ended horizon EXTEND_BATCH obligations per transaction), so the job never
  holds SQLite's single write lock for long: requests and CLI commands wait milliseconds, not the
  length of the run.
- A queued e-mail is claimed before sending by an UPDATE that moves its next_attempt_at past now only
  if it is still due; the process whose UPDATE changed the row sends it, any other skips it. A process
  that dies after claiming leaves the e-mail queued; it is due again when the lease runs out.
- A delivery is marked sent in its own small transaction right after the SMTP server accepted it, so
  a failure later in the run cannot send it again. A failed try stays queued with attempts + 1, the
  error and a growing delay; after KERJASAMA_EMAIL_MAX_ATTEMPTS tries it is marked failed.
"""

from __future__ import annotations

import logging
import smtplib
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from sqlalchemy import text
from sqlalchemy.orm import Session

from kerjasama.core.audit import Actor
from kerjasama.core.config import Settings
from kerjasama.core.db import Database
from kerjasama.models import Delivery, Notification
from kerjasama.models.base import new_id, utcnow
from kerjasama.obligations import regeneration as obligations_regeneration
from kerjasama.obligations import service as obligations_service
from kerjasama.reminders import due, texts
from kerjasama.reminders import repository as repo
from kerjasama.reminders.mailer import Mailer, is_permanent

log = logging.getLogger("kerjasama.reminders")
T = TypeVar("T")

# Arbitrary constant naming "the reminder job" for PostgreSQL's advisory lock (audit uses another).
REMIND_LOCK_KEY = 0x4B53524D
# How long a claimed e-mail stays reserved for the process sending it (well above the SMTP timeout).
CLAIM_LEASE = timedelta(minutes=15)
FIRST_RETRY_DELAY = timedelta(minutes=5)
MAX_RETRY_DELAY = timedelta(hours=24)
SEND_BATCH = 1000
# Reminders (with their notifications and e-mails) per write transaction, and obligations per
# transaction when the open-ended horizon moves: each holds SQLite's write lock for milliseconds.
RECORD_BATCH = 50
EXTEND_BATCH = 20
# Obligations whose stored next due date passed, stored again per write transaction.
NEXT_DUE_BATCH = 2000
# Who the audit log names for changes the job makes itself (no user is behind them).
JOB_ACTOR = Actor(None, "kerjasama remind", "system")


@dataclass(frozen=True)
class Planned:
    """What a dry run would create: the reminder and how many people it would notify."""

    item: due.DueItem
    recipients: int


@dataclass
class RunSummary:
    today: date
    locked_out: bool = False  # another run held the lock: this one did nothing
    dry_run: bool = False
    email_enabled: bool = False
    reminders: int = 0
    notifications: int = 0
    emails_queued: int = 0
    sent: int = 0
    retry_later: int = 0  # failed tries left queued for a later run
    failed: int = 0  # given up in this run
    still_queued: int = 0  # queued e-mails after the run (waiting for their retry time, or e-mail off)
    occurrences_added: int = 0  # open-ended agreements' recurring obligations moved to the new horizon
    next_due_refreshed: int = 0  # obligations whose stored next due date had passed (stored again)
    planned: list[Planned] = field(default_factory=list)


def retry_delay(attempts: int) -> timedelta:
    """5 minutes after the first failure, doubling with each one, at most a day."""
    factor: int = 2 ** max(attempts - 1, 0)
    return min(FIRST_RETRY_DELAY * factor, MAX_RETRY_DELAY)


def run(
    database: Database,
    settings: Settings,
    *,
    today: date | None = None,
    now: datetime | None = None,
    dry_run: bool = False,
) -> RunSummary:
    """The whole job. `today` (region's calendar) and `now` (UTC) default to the clock; tests and
    catch-up runs pass them."""
    clock: Callable[[], datetime] = (lambda: now) if now is not None else utcnow
    start = clock()
    today = today or start.astimezone(ZoneInfo(settings.timezone)).date()
    with _job_lock(database) as acquired:
        if not acquired:
            return RunSummary(today, locked_out=True)
        summary = RunSummary(today, dry_run=dry_run, email_enabled=bool(settings.smtp_host))
        if dry_run:
            _plan(database, today, summary)
            return summary
        _extend(database, today, summary)
        _refresh_next_due(database, today, summary)
        _record(database, settings, today, start, summary)
        if settings.smtp_host:
            _send_due(database, settings, clock, summary)
        with database.session() as session:
            summary.still_queued = repo.count_queued(session)
    return summary


@contextmanager
def _job_lock(database: Database) -> Iterator[bool]:
    if database.engine.dialect.name != "postgresql":
        yield True  # SQLite: see the module docstring
        return
    # A connection of its own, outside any transaction, holds the lock for the whole job.
    with database.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        acquired = bool(conn.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": REMIND_LOCK_KEY}))
        try:
            yield acquired
        finally:
            if acquired:
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": REMIND_LOCK_KEY})


def _write(database: Database) -> AbstractContextManager[Session]:
    """One short committed transaction; on SQLite it takes the write lock at BEGIN (core/db.py)."""
    return database.write()


def _batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _extend(database: Database, today: date, summary: RunSummary) -> None:
    """Open-ended agreements' recurring obligations, a few per write transaction."""
    with database.session() as session:
        todo = obligations_regeneration.open_ended_to_extend(session, today)
        session.rollback()
    for batch in _batches(todo, EXTEND_BATCH):
        with _write(database) as session:
            summary.occurrences_added += obligations_regeneration.extend_open_ended(
                session, JOB_ACTOR, today, only=set(batch)
            )


def _refresh_next_due(database: Database, today: date, summary: RunSummary) -> None:
    """The passing of days: obligations whose stored next due date is now before today get it again
    (the obligations list sorts by the stored date; its reads recompute only the rows left stale)."""
    while True:
        with _write(database) as session:
            done = obligations_service.refresh_stale_next_due(session, today, NEXT_DUE_BATCH)
        summary.next_due_refreshed += done
        if done < NEXT_DUE_BATCH:
            return


class _Recipients:
    """Recipients per OPD, looked up once per run."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self._by_opd: dict[uuid.UUID | None, Sequence[Any]] = {}

    def __call__(self, opd_id: uuid.UUID | None) -> Sequence[Any]:
        if opd_id not in self._by_opd:
            self._by_opd[opd_id] = repo.recipients(self.session, opd_id)
        return self._by_opd[opd_id]


def _plan(database: Database, today: date, summary: RunSummary) -> None:
    with database.session() as session:
        items = due.collect(session, repo.rules(session), today)
        taken = repo.existing_keys(session, (i.dedupe_key for i in items))
        recipients = _Recipients(session)
        summary.planned = [Planned(i, len(recipients(i.opd_id))) for i in items if i.dedupe_key not in taken]
        summary.still_queued = repo.count_queued(session)
        session.rollback()


def _message_id(settings: Settings) -> str:
    domain = urlsplit(settings.base_url).hostname or "kerjasama.invalid"
    return f"<{uuid.uuid4().hex}@{domain}>"


def _record(database: Database, settings: Settings, today: date, now: datetime, summary: RunSummary) -> None:
    """Collect what is due in a read transaction (no lock), then insert it RECORD_BATCH reminders per
    short write transaction, so requests and CLI commands never wait long for SQLite's write lock.
    Each reminder commits with its notifications and e-mails; a run that dies half-way leaves whole
    reminders, and the next run inserts the rest (the dedupe key skips those already there)."""
    with database.session() as session:
        rules = repo.rules(session)
        emailed = {kind: bool(settings.smtp_host) and rule.email for kind, rule in rules.items()}
        items = due.collect(session, rules, today)
        taken = repo.existing_keys(session, (i.dedupe_key for i in items))
        todo = [i for i in items if i.dedupe_key not in taken]
        recipients = _Recipients(session)
        people = {i.opd_id: recipients(i.opd_id) for i in todo}
        session.rollback()
    for batch in _batches(todo, RECORD_BATCH):
        with _write(database) as session:
            for item in batch:
                _record_one(
                    session, settings, item, people[item.opd_id], emailed.get(item.kind, False), now, summary
                )


def _record_one(
    session: Session,
    settings: Settings,
    item: due.DueItem,
    people: Sequence[Any],
    wants_email: bool,
    now: datetime,
    summary: RunSummary,
) -> None:
    reminder_id = new_id()
    if not repo.insert_reminder(session, {"id": reminder_id, "created_at": now, **item.values()}):
        return  # sent before (or by a run at the same moment)
    summary.reminders += 1
    for person in people:
        session.add(
            Notification(
                reminder_id=reminder_id,
                user_id=person.id,
                kind=item.kind,
                title=item.values()["title"],
                body=item.body,
                link=item.link,
                created_at=now,
            )
        )
        summary.notifications += 1
        if wants_email and person.email:
            session.add(
                Delivery(
                    reminder_id=reminder_id,
                    channel="email",
                    user_id=person.id,
                    address=person.email,
                    status="queued",
                    attempts=0,
                    next_attempt_at=now,
                    created_at=now,
                    message_id=_message_id(settings),
                )
            )
            summary.emails_queued += 1


def _send_due(
    database: Database, settings: Settings, clock: Callable[[], datetime], summary: RunSummary
) -> None:
    with database.session() as session:
        ids = repo.due_delivery_ids(session, clock(), SEND_BATCH)
    base = settings.base_url
    with Mailer(settings) as mailer:
        for delivery_id in ids:
            now = clock()
            with _write(database) as session:
                if not repo.claim(session, delivery_id, now, now + CLAIM_LEASE):
                    continue  # another run took it
                c = repo.delivery_content(session, delivery_id)
            try:
                message = texts.email_message(
                    sender=settings.smtp_from,
                    to_name=c.full_name,
                    to_address=c.address,
                    subject=c.title,
                    body=c.body,
                    url=base + c.link,
                    message_id=c.message_id,
                    now=now,
                )
                mailer.send(message, c.address)
            # ValueError: a message the e-mail library refuses to write (it counts as a failed try,
            # so one bad record cannot block the queue or be retried for ever)
            except (OSError, smtplib.SMTPException, ValueError) as exc:
                _failed_attempt(database, settings, delivery_id, exc, clock(), summary)
            else:
                with _write(database) as session:
                    repo.mark_sent(session, delivery_id, clock())
                summary.sent += 1


def _failed_attempt(
    database: Database,
    settings: Settings,
    delivery_id: uuid.UUID,
    exc: Exception,
    now: datetime,
    summary: RunSummary,
) -> None:
    with _write(database) as session:
        attempts = repo.attempts_of(session, delivery_id) + 1
        give_up = attempts >= settings.email_max_attempts or is_permanent(exc)
        status = "failed" if give_up else "queued"
        error = f"{type(exc).__name__}: {exc}"[:1000]
        repo.mark_failed_attempt(session, delivery_id, attempts, error, status, now + retry_delay(attempts))
    if give_up:
        summary.failed += 1
    else:
        summary.retry_later += 1
    # No address in the log (personal data): the delivery log holds it for admins.
    log.warning("e-mail %s failed (try %d, %s): %s", delivery_id, attempts, status, type(exc).__name__)
