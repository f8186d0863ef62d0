"""The region's calendar: "today" is the date in KERJASAMA_TIMEZONE, not the server's or UTC's."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from kerjasama.core.config import Settings


def today_in_region(settings: Settings) -> date:
    """Today's date in the region's time zone: deadlines and "due today" are counted from it."""
    return datetime.now(ZoneInfo(settings.timezone)).date()
