"""Report periods of the TKKSD's report: S1 (1 January–30 June), S2 (1 July–31 December), annual.

Due dates are not set by Permendagri 22/2020 for the TKKSD's compilation (docs/domain.md#the-periodic-report); we use the
end of the month after the period: S1 by 31 July, S2 and the annual report by 31 January. The foreign
cooperation part of the annual report reaches the Gubernur in the first week of January
(Permendagri 25/2020 Pasal 35–38): by 7 January.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal, get_args

PeriodCode = Literal["S1", "S2", "annual"]
PERIOD_CODES: tuple[PeriodCode, ...] = get_args(PeriodCode)
MIN_YEAR, MAX_YEAR = 1945, 2200
FOREIGN_CATEGORIES = ("KSDPL", "KSDLL")


@dataclass(frozen=True)
class ReportPeriod:
    year: int
    code: PeriodCode

    @property
    def start(self) -> date:
        return date(self.year, 7, 1) if self.code == "S2" else date(self.year, 1, 1)

    @property
    def end(self) -> date:
        return date(self.year, 6, 30) if self.code == "S1" else date(self.year, 12, 31)

    @property
    def label(self) -> str:
        """'Semester I 2026', 'Semester II 2026' or 'Tahun 2026'."""
        if self.code == "annual":
            return f"Tahun {self.year}"
        return f"Semester {'I' if self.code == 'S1' else 'II'} {self.year}"

    @property
    def key(self) -> str:
        """'2026-S1', '2026-S2', '2026-annual': file names and reminder keys."""
        return f"{self.year}-{self.code}"

    @property
    def monitoring_periods(self) -> tuple[str, ...]:
        """The monitoring-report periods (monitoring/periods.py codes) this report gathers."""
        if self.code == "annual":
            return (f"{self.year}-S1", f"{self.year}-S2", f"{self.year}")
        return (f"{self.year}-{self.code}",)

    @property
    def due_date(self) -> date:
        return date(self.year, 7, 31) if self.code == "S1" else date(self.year + 1, 1, 31)

    @property
    def foreign_due_date(self) -> date | None:
        """The annual report's foreign part: first week of January (P25 Pasal 35–38)."""
        return date(self.year + 1, 1, 7) if self.code == "annual" else None
