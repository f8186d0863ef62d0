"""Reporting periods: "2026-S1" (Jan–Jun), "2026-S2" (Jul–Dec) or "2026" (a year, for foreign cooperation).

A report is due `due_days` after its period ends: with the default 15, 15 July for S1 and 15 January of
the next year for S2 (Permendagri 22/2020 Pasal 17 and 39 ask for a semester report).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

DEFAULT_CADENCE = "semester"
DEFAULT_DUE_DAYS = 15
PERIOD_PATTERN = r"^[0-9]{4}(-S[12])?$"
_PERIOD = re.compile(PERIOD_PATTERN)


@dataclass(frozen=True)
class Period:
    code: str
    start: date
    end: date

    @property
    def cadence(self) -> str:
        return "semester" if "-S" in self.code else "year"

    def due_date(self, due_days: int = DEFAULT_DUE_DAYS) -> date:
        return self.end + timedelta(days=due_days)


def parse_period(code: str) -> Period:
    """The period for a code; ValueError when the code is not YYYY-S1, YYYY-S2 or YYYY."""
    if not _PERIOD.match(code):
        raise ValueError("period must look like 2026-S1, 2026-S2 or 2026")
    year = int(code[:4])
    if code.endswith("-S1"):
        return Period(code, date(year, 1, 1), date(year, 6, 30))
    if code.endswith("-S2"):
        return Period(code, date(year, 7, 1), date(year, 12, 31))
    return Period(code, date(year, 1, 1), date(year, 12, 31))


def period_containing(day: date, cadence: str = DEFAULT_CADENCE) -> Period:
    if cadence == "year":
        return parse_period(f"{day.year}")
    return parse_period(f"{day.year}-S{1 if day.month <= 6 else 2}")


def previous_period(period: Period) -> Period:
    return period_containing(period.start - timedelta(days=1), period.cadence)
