"""`kerjasama deliver-webhooks` and the loop inside `kerjasama serve`: fan out change events, send them.

1. Fan-out. For each active subscription, the change events after its cursor (`last_seq`) are rendered
   as the owner may see them (the change feed's renderer: province redaction included); those whose
   type the subscription wants become delivery rows, and the cursor moves, in one small transaction
   per subscription and batch. The subscription row is locked with SKIP LOCKED, so two workers never
   fan out the same subscription at once, and (subscription_id, seq) is unique besides: one delivery
   per event whatever happens.
2. Sending. Due deliveries are claimed in small batches (SKIP LOCKED on PostgreSQL, the single writer
   on SQLite) by moving their next_attempt_at a lease ahead, and the claim is committed *before* any
   HTTP: no lock is held while a receiver answers, and nothing runs inside a request. Each outcome is
   recorded in its own short transaction. A failure is retried after 30 s × 2^(tries-1), at most 6 h;
   after KERJASAMA_WEBHOOK_MAX_ATTEMPTS tries the delivery is dead. After KERJASAMA_WEBHOOK_MAX_FAILURES
   consecutive failures the subscription is disabled and every active administrator is notified in
   the app.

Everything is in rows, so a restart resumes where the last run stopped; a worker dying after a claim
leaves the delivery due again when the lease runs out (at-least-once: receivers de-duplicate on
webhook-id, the delivery's id).
"""

from __future__ import annotations

import logging
import threading
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from kerjasama.core import audit
from kerjasama.core.audit import Actor
from kerjasama.core.auth import Principal
from kerjasama.core.config import Settings
from kerjasama.core.db import Database
from kerjasama.core.metrics import get_metrics
from kerjasama.integration.changes import service as changes_service
from kerjasama.integration.webhooks import delivery, policy, repository, signing, ssrf
from kerjasama.integration.webhooks import service as webhooks_service
from kerjasama.models import Notification, WebhookSubscription
from kerjasama.models.base import new_id, utcnow
from kerjasama.models.integration import ChangeEvent

log = logging.getLogger("kerjasama.webhooks")

JOB_ACTOR = Actor(None, "kerjasama deliver-webhooks", "system")
FIRST_RETRY_DELAY = timedelta(seconds=30)
MAX_RETRY_DELAY = timedelta(hours=6)
# Events rendered per fan-out transaction: each transaction holds SQLite's write lock (and a row lock on
# PostgreSQL) while it renders, so it stays small.
FANOUT_BATCH = 50
SEND_BATCH = 10
NOTIFICATION_KIND = "webhook_disabled"

Clock = Callable[[], datetime]
Renderer = Callable[[Session, Settings, Principal, ChangeEvent], dict[str, Any]]


def retry_delay(attempts: int) -> timedelta:
    """30 seconds after the first failure, doubling with each one, at most 6 hours."""
    if attempts >= 16:  # 30 s × 2^15 is far past the cap; avoids computing huge powers
        return MAX_RETRY_DELAY
    factor: int = 2 ** max(attempts - 1, 0)
    return min(FIRST_RETRY_DELAY * factor, MAX_RETRY_DELAY)


def claim_lease(settings: Settings) -> timedelta:
    """How long claimed deliveries stay reserved: well past the time a batch can take to send."""
    return timedelta(seconds=max(300.0, 3 * SEND_BATCH * settings.webhook_timeout_seconds))


def render_feed_item(
    session: Session, settings: Settings, principal: Principal, event: ChangeEvent
) -> dict[str, Any]:
    """The feed item {seq, entity_type, entity_id, op, changed_at, entity} as `principal` sees it."""
    item: dict[str, Any] = changes_service.render_change(session, settings, principal, event).model_dump(
        mode="json"
    )
    return item


def matches(event_types: list[str], event_type: str) -> bool:
    entity = event_type.split(".", 1)[0]
    return "*" in event_types or event_type in event_types or f"{entity}.*" in event_types


@dataclass
class RunSummary:
    queued: int = 0  # deliveries created by the fan-out
    delivered: int = 0
    failed: int = 0  # failed tries that will be retried
    dead: int = 0  # given up in this run
    disabled: int = 0  # subscriptions disabled in this run


@dataclass(frozen=True)
class _Claimed:
    id: uuid.UUID
    subscription_id: uuid.UUID
    attempts: int
    payload: dict[str, Any]
    url: str
    secret: str


def _write(database: Database) -> AbstractContextManager[Session]:
    """One short committed transaction; on SQLite it takes the write lock at BEGIN (core/db.py)."""
    return database.write()


def run(
    database: Database,
    settings: Settings,
    *,
    now: datetime | None = None,
    resolve: ssrf.Resolver = ssrf.system_resolver,
    render: Renderer = render_feed_item,
    max_sends: int = 1000,
) -> RunSummary:
    """One pass: fan out every waiting event, then send what is due (at most max_sends tries).
    `now` fixes the clock (tests, catch-up); `resolve` replaces the system resolver (tests)."""
    clock: Clock = (lambda: now) if now is not None else utcnow
    summary = RunSummary()
    summary.queued = fan_out(database, settings, clock, render)
    send_due(database, settings, clock, summary, resolve=resolve, max_sends=max_sends)
    return summary


# --- fan-out --------------------------------------------------------------------------------------


def fan_out(database: Database, settings: Settings, clock: Clock, render: Renderer = render_feed_item) -> int:
    with database.session() as session:
        candidates = repository.fanout_candidates(session)
    queued = 0
    for subscription_id in candidates:
        more = True
        while more:
            try:
                created, more = _fan_out_batch(database, settings, clock, render, subscription_id)
            except Exception:
                # One subscription's trouble (e.g. a record that fails to render) must not hold up the
                # others; its cursor did not move, so the next run tries the same events again.
                log.exception("webhooks: fan-out failed for subscription %s", subscription_id)
                break
            queued += created
    return queued


def _fan_out_batch(
    database: Database, settings: Settings, clock: Clock, render: Renderer, subscription_id: uuid.UUID
) -> tuple[int, bool]:
    """Fan out one batch for one subscription: (deliveries created, whether more events may wait)."""
    with _write(database) as session:
        locked = repository.lock_for_fanout(session, subscription_id)
        if locked is None:
            return 0, False  # another worker has it, or it was disabled meanwhile
        last_seq, event_types, owner_id = locked
        principal = webhooks_service.owner_principal(session, owner_id)
        if principal is None:
            return 0, False
        events = repository.events_after(session, last_seq, FANOUT_BATCH)
        if not events:
            return 0, False
        now = clock()
        rows = []
        for event in events:
            item = render(session, settings, principal, event)
            event_type = f"{item['entity_type']}.{item['op']}"
            if not matches(event_types, event_type):
                continue
            rows.append(
                {
                    "id": new_id(),
                    "subscription_id": subscription_id,
                    "seq": event.seq,
                    "event_type": event_type,
                    "entity_id": event.entity_id,
                    "payload": {"type": event_type, "timestamp": item["changed_at"], "data": item},
                    "status": "pending",
                    "attempts": 0,
                    "next_attempt_at": now,
                    "created_at": now,
                }
            )
        created = repository.insert_deliveries(session, rows)
        repository.advance(session, subscription_id, events[-1].seq)
        return created, len(events) == FANOUT_BATCH


# --- sending --------------------------------------------------------------------------------------


def send_due(
    database: Database,
    settings: Settings,
    clock: Clock,
    summary: RunSummary,
    *,
    resolve: ssrf.Resolver = ssrf.system_resolver,
    max_sends: int = 1000,
) -> None:
    allow = ssrf.AllowList.parse(settings.webhook_allowed_hosts)
    sent = 0
    while sent < max_sends:
        now = clock()
        with _write(database) as session:
            batch = [
                _Claimed(*row)
                for row in repository.claim_due(
                    session, now, now + claim_lease(settings), min(SEND_BATCH, max_sends - sent)
                )
            ]
        if not batch:
            return
        for claimed in batch:  # no transaction is open while a receiver answers
            body = signing.body_bytes(claimed.payload)
            headers = signing.headers(claimed.secret, str(claimed.id), clock(), body)
            outcome = delivery.post(
                claimed.url,
                body,
                headers,
                allow=allow,
                timeout=settings.webhook_timeout_seconds,
                resolve=resolve,
            )
            _record(database, settings, clock(), claimed, outcome, summary)
        sent += len(batch)


def _record(
    database: Database,
    settings: Settings,
    now: datetime,
    claimed: _Claimed,
    outcome: delivery.Outcome,
    summary: RunSummary,
) -> None:
    attempts = claimed.attempts + 1
    common: dict[str, Any] = {
        "attempts": attempts,
        "last_attempt_at": now,
        "last_status_code": outcome.status_code,
        "last_response_ms": outcome.elapsed_ms,
    }
    disable = False
    with _write(database) as session:
        if outcome.ok:
            repository.set_delivery(
                session, claimed.id, status="delivered", delivered_at=now, last_error=None, **common
            )
            repository.reset_failures(session, claimed.subscription_id)
            summary.delivered += 1
        else:
            dead = attempts >= settings.webhook_max_attempts
            repository.set_delivery(
                session,
                claimed.id,
                status="dead" if dead else "failed",
                next_attempt_at=now + retry_delay(attempts),
                last_error=outcome.error,
                **common,
            )
            if dead:
                summary.dead += 1
            else:
                summary.failed += 1
            failures, active = repository.add_failure(session, claimed.subscription_id)
            disable = active and failures >= settings.webhook_max_failures
    if disable and _disable(database, now, claimed.subscription_id, settings, outcome.error or ""):
        summary.disabled += 1


def _disable(
    database: Database, now: datetime, subscription_id: uuid.UUID, settings: Settings, last_error: str
) -> bool:
    """Disable the subscription and tell every active administrator, unless someone changed it first."""
    try:
        with _write(database) as session:
            sub = session.get(WebhookSubscription, subscription_id)
            if sub is None or not sub.is_active or sub.consecutive_failures < settings.webhook_max_failures:
                return False
            before = webhooks_service.snapshot(sub)
            sub.is_active, sub.disabled_at = False, now
            sub.disabled_reason = f"{sub.consecutive_failures} consecutive failed deliveries"[:300]
            session.flush()
            audit.record(
                session,
                JOB_ACTOR,
                webhooks_service.ENTITY,
                sub.id,
                "update",
                {"is_active": before["is_active"]},
                {"is_active": False, "disabled_reason": sub.disabled_reason},
            )
            _notify_admins(session, sub, last_error, now)
    except StaleDataError:
        return False  # an administrator saved the subscription at the same moment: their change wins
    log.warning("webhooks: subscription %s disabled after repeated failures", subscription_id)
    return True


def _notify_admins(session: Session, sub: WebhookSubscription, last_error: str, now: datetime) -> None:
    title = f"Webhook dinonaktifkan: {sub.url}"[:300]
    body = (
        f"Langganan webhook ke {sub.url} dinonaktifkan otomatis setelah {sub.consecutive_failures} kali "
        f"berturut-turut gagal dikirim. Kesalahan terakhir: {last_error or '-'}. Periksa penerimanya, lalu "
        "aktifkan kembali langganan ini; peristiwa yang terlewat akan dikirim setelah diaktifkan."
    )
    for user_id in repository.users_with_roles(session, policy.NOTIFIED_ON_DISABLE):
        session.add(
            Notification(
                user_id=user_id,
                kind=NOTIFICATION_KIND,
                title=title,
                body=body,
                link=f"/webhooks/{sub.id}",
                created_at=now,
            )
        )


# --- the loop inside `kerjasama serve` ------------------------------------------------------------


class WebhookLoop:
    """Runs `run()` every KERJASAMA_WEBHOOK_INTERVAL_SECONDS in a daemon thread; never crashes the server.

    Several workers may each run one: the claims above keep them from sending the same delivery twice.
    """

    def __init__(self, database: Database, settings: Settings) -> None:
        self.database, self.settings = database, settings
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="kerjasama-webhooks", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _loop(self) -> None:
        while not self._stop.wait(self.settings.webhook_interval_seconds):
            self.run_once()

    def run_once(self) -> None:
        metrics = get_metrics()
        try:
            summary = run(self.database, self.settings)
        except Exception:
            metrics.job_failed("webhooks")
            log.exception("the webhook run failed; it is tried again at the next interval")
            return
        metrics.job_succeeded(
            "webhooks",
            {
                "queued": summary.queued,
                "delivered": summary.delivered,
                "failed": summary.failed,
                "dead": summary.dead,
                "disabled": summary.disabled,
            },
        )
        if summary.queued or summary.delivered or summary.failed or summary.dead:
            log.info(
                "webhooks: %d queued, %d delivered, %d to retry, %d dead, %d subscriptions disabled",
                summary.queued,
                summary.delivered,
                summary.failed,
                summary.dead,
                summary.disabled,
            )
