"""Reporting periods: "2026-S1" (Jan–Jun), "2026-S2" (Jul–Dec) or "2026" (a year, for foreign cooperation).

A report is due `due_days` after its period ends: with the default 15, 15 July for S1 and 15 January of
the next year for S2 (Permendagri 22/2020 Pasal 17 and 39 ask for a semester report; the due day itself
is not set by the texts, docs/domain.md#monitoring-reports, hence configurable per agreement).
Foreign cooperation (KSDPL/KSDLL) reports yearly and reaches the Gubernur in the first week of January
(Permendagri 25/2020 Pasal 35–38): its default is 7 days, 7 January.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

DEFAULT_CADENCE = "semester"
DEFAULT_DUE_DAYS = 15
# P25 Pasal 35–38: the yearly report on foreign cooperation is due in the first week of January.
FOREIGN_DUE_DAYS = 7
MAX_DUE_DAYS = 90
PERIOD_PATTERN = r"^[0-9]{4}(-S[12])?$"
_PERIOD = re.compile(PERIOD_PATTERN)
# Years a period may name: the registry holds nothing older than the republic, and date arithmetic
# (period end + due days) must never overflow.
MIN_YEAR, MAX_YEAR = 1945, 2200
# Foreign cooperation reports yearly to the Gubernur and the Minister (Permendagri 25/2020 Pasal 35–38).
YEARLY_CATEGORIES = ("KSDPL", "KSDLL")


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
    """The period for a code; ValueError when the code is not YYYY-S1, YYYY-S2 or YYYY in range."""
    if not _PERIOD.match(code):
        raise ValueError("period must look like 2026-S1, 2026-S2 or 2026")
    year = int(code[:4])
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"the year of a period lies between {MIN_YEAR} and {MAX_YEAR}")
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


def next_period(period: Period) -> Period:
    return period_containing(period.end + timedelta(days=1), period.cadence)


def reporting_period(today: date, cadence: str = DEFAULT_CADENCE) -> Period:
    """The period reports are written for now: the latest one that has ended.

    Its report falls due `due_days` after it ends and it stays the reporting period until the next
    one ends, so reports still missing after their due date stay in view (overdue / missing) instead
    of disappearing the day after the deadline. On 28 November 2026 that is 2026-S1 (due 15 July 2026);
    from 1 January 2027 it is 2026-S2 (due 15 January 2027).
    """
    return previous_period(period_containing(today, cadence))


def default_cadence(category: str) -> str:
    return "year" if category in YEARLY_CATEGORIES else DEFAULT_CADENCE


def default_due_days(category: str) -> int:
    """7 for foreign cooperation (first week of January, P25 Pasal 35–38), else 15."""
    return FOREIGN_DUE_DAYS if category in YEARLY_CATEGORIES else DEFAULT_DUE_DAYS


def is_foreign(category: str) -> bool:
    """KSDPL/KSDLL: reported with the contents of Permendagri 25/2020 (Pasal 37)."""
    return category in YEARLY_CATEGORIES


def period_label(period: Period) -> str:
    """'Semester I 2026', 'Semester II 2026' or 'Tahun 2026'."""
    if period.cadence == "year":
        return f"Tahun {period.code}"
    return f"Semester {'I' if period.code.endswith('S1') else 'II'} {period.code[:4]}"
