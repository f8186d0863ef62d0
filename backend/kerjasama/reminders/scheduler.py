"""The daily reminder run inside `kerjasama serve`: a background thread, never a crash of the server.

It runs once shortly after start (catching up on days the server was down; the once-only keys make a
repeat harmless) and then every day at KERJASAMA_REMINDERS_DAILY_AT in the region's zone.
"""

from __future__ import annotations

import logging
import threading
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from kerjasama.core.config import Settings
from kerjasama.core.db import Database
from kerjasama.core.metrics import get_metrics
from kerjasama.reminders import job

log = logging.getLogger("kerjasama.reminders")

STARTUP_DELAY_SECONDS = 30.0


def seconds_until_daily(now: datetime, daily_at: str, timezone: str) -> float:
    """Seconds from `now` (aware) to the next HH:MM in the zone; a run due this very second waits a day."""
    zone = ZoneInfo(timezone)
    local = now.astimezone(zone)
    hour, minute = (int(part) for part in daily_at.split(":"))
    target = datetime.combine(local.date(), time(hour, minute), tzinfo=zone)
    if target <= local:
        target = datetime.combine(local.date() + timedelta(days=1), time(hour, minute), tzinfo=zone)
    return (target - local).total_seconds()


class DailyReminders:
    def __init__(
        self, database: Database, settings: Settings, startup_delay: float = STARTUP_DELAY_SECONDS
    ) -> None:
        self.database, self.settings, self.startup_delay = database, settings, startup_delay
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="kerjasama-reminders", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    def _loop(self) -> None:
        if self._stop.wait(self.startup_delay):
            return
        while True:
            self.run_once()
            wait = seconds_until_daily(
                datetime.now(ZoneInfo(self.settings.timezone)),
                self.settings.reminders_daily_at,
                self.settings.timezone,
            )
            if self._stop.wait(wait):
                return

    def run_once(self) -> None:
        metrics = get_metrics()
        try:
            summary = job.run(self.database, self.settings)
        except Exception:
            metrics.job_failed("reminders")
            log.exception("the daily reminder run failed; it is tried again at the next run")
            return
        if summary.locked_out:
            log.info("reminders: another run is in progress; skipped")
            return
        metrics.job_succeeded(
            "reminders",
            {
                "reminders": summary.reminders,
                "notifications": summary.notifications,
                "emails_sent": summary.sent,
                "emails_retry": summary.retry_later,
                "emails_failed": summary.failed,
            },
        )
        log.info(
            "reminders: %d new, %d notifications, %d e-mails sent, %d to retry, %d failed, %d queued",
            summary.reminders,
            summary.notifications,
            summary.sent,
            summary.retry_later,
            summary.failed,
            summary.still_queued,
        )
