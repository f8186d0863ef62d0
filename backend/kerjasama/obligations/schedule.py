"""Occurrences from an obligation's schedule: pure date arithmetic, no database, no clock.

- one_off: one occurrence due on `due_date`.
- recurring: from `anchor_date` (the first due date) every 1, 3, 6 or 12 months while the due date is
  on or before the agreement's end date. Every due date is computed from the anchor, never from the
  previous due date, and takes the anchor's day clamped to the month's length: an anchor of 31 January
  gives 29 February 2024, 31 March, 30 April …; an anchor of 29 February yearly gives 28 February in
  common years and 29 February again in leap years. A term ending mid-period leaves its tail without an
  occurrence (the next due date would fall after the end).
- continuous: one occurrence spanning the term, due on the agreement's end date; none while the term
  is open (no end date), because there is no date on which it could fall due.

An open-ended term (no end date) gets recurring occurrences up to a horizon the caller chooses
(`open_ended_horizon`: five years past the later of the anchor and today).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS_PER_STEP = {"monthly": 1, "quarterly": 3, "semester": 6, "yearly": 12}
OPEN_ENDED_YEARS = 5
# 50 years of monthly occurrences: beyond this a schedule is a typo (e.g. an end date in year 9999).
MAX_OCCURRENCES = 600
SCHEDULE_FIELDS = ("due_date", "frequency", "anchor_date")
_REQUIRED: dict[str, tuple[str, ...]] = {
    "one_off": ("due_date",),
    "recurring": ("frequency", "anchor_date"),
    "continuous": (),
}


@dataclass(frozen=True)
class Schedule:
    schedule_type: str
    due_date: date | None = None
    frequency: str | None = None
    anchor_date: date | None = None


@dataclass(frozen=True)
class Slot:
    seq: int
    period_start: date
    due_date: date


@dataclass(frozen=True)
class Problem:
    field: str
    code: str
    message: str


def add_months(anchor: date, months: int) -> date:
    """`anchor` moved by `months`, keeping the anchor's day clamped to the target month's length."""
    total = anchor.month - 1 + months
    year, month = anchor.year + total // 12, total % 12 + 1
    return date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))


def open_ended_horizon(anchor: date, today: date) -> date:
    return add_months(max(anchor, today), 12 * OPEN_ENDED_YEARS)


def fields_for(schedule_type: str) -> tuple[str, ...]:
    """The schedule fields that belong to this type (the others must be null)."""
    return _REQUIRED[schedule_type]


def _term_text(start: date | None, end: date | None) -> str:
    return f"{start.isoformat() if start else 'open'} – {end.isoformat() if end else 'open'}"


def problems(s: Schedule, term_start: date | None, term_end: date | None) -> list[Problem]:
    """What is wrong with the schedule for an agreement running [term_start, term_end] (either open)."""
    out: list[Problem] = []
    required = _REQUIRED[s.schedule_type]
    for name in SCHEDULE_FIELDS:
        value = getattr(s, name)
        if name in required and value is None:
            out.append(Problem(name, "required", f"required for a {s.schedule_type} schedule"))
        if name not in required and value is not None:
            out.append(
                Problem(name, "not_for_schedule_type", f"does not apply to a {s.schedule_type} schedule")
            )
    for name in ("due_date", "anchor_date"):
        value = getattr(s, name)
        if name not in required or value is None:
            continue
        if (term_start and value < term_start) or (term_end and value > term_end):
            out.append(
                Problem(
                    name,
                    "outside_term",
                    f"must lie within the agreement's term ({_term_text(term_start, term_end)})",
                )
            )
    return out


def slots(s: Schedule, term_start: date | None, term_end: date | None, horizon: date) -> list[Slot]:
    """The occurrences of a valid schedule (see `problems`). `horizon` bounds an open-ended term."""
    if s.schedule_type == "one_off":
        assert s.due_date is not None
        start = term_start if term_start and term_start <= s.due_date else s.due_date
        return [Slot(1, start, s.due_date)]
    if s.schedule_type == "continuous":
        if term_end is None:
            return []
        return [Slot(1, term_start or term_end, term_end)]
    assert s.anchor_date is not None
    assert s.frequency is not None
    step = MONTHS_PER_STEP[s.frequency]
    last = term_end or horizon
    out: list[Slot] = []
    previous: date | None = None
    while len(out) <= MAX_OCCURRENCES:
        due = add_months(s.anchor_date, len(out) * step)
        if due > last:
            break
        if previous is not None:
            start = previous + timedelta(days=1)
        else:
            start = term_start if term_start and term_start <= due else due
        out.append(Slot(len(out) + 1, start, due))
        previous = due
    return out
