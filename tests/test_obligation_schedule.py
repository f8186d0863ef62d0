"""Schedule → occurrences, the pure part: month ends, leap years, terms, open ends, refusals."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from kerjasama.obligations.schedule import (
    MAX_OCCURRENCES,
    Schedule,
    add_months,
    open_ended_horizon,
    problems,
    slots,
)

FAR = date(2100, 1, 1)  # a horizon that never binds when the term has an end


def dues(s: Schedule, start: date | None, end: date | None, horizon: date = FAR) -> list[date]:
    return [x.due_date for x in slots(s, start, end, horizon)]


def monthly(anchor: date) -> Schedule:
    return Schedule("recurring", frequency="monthly", anchor_date=anchor)


def test_monthly_from_31_january_clamps_without_drifting() -> None:
    got = dues(monthly(date(2024, 1, 31)), date(2024, 1, 1), date(2024, 12, 31))
    assert got == [
        date(2024, 1, 31),
        date(2024, 2, 29),  # leap year
        date(2024, 3, 31),  # back to the 31st, not stuck on the 29th
        date(2024, 4, 30),
        date(2024, 5, 31),
        date(2024, 6, 30),
        date(2024, 7, 31),
        date(2024, 8, 31),
        date(2024, 9, 30),
        date(2024, 10, 31),
        date(2024, 11, 30),
        date(2024, 12, 31),
    ]


def test_monthly_from_31_january_in_a_common_year_gives_28_february() -> None:
    assert dues(monthly(date(2025, 1, 31)), date(2025, 1, 1), date(2025, 3, 31)) == [
        date(2025, 1, 31),
        date(2025, 2, 28),
        date(2025, 3, 31),
    ]


def test_yearly_from_29_february_returns_to_29_in_leap_years() -> None:
    s = Schedule("recurring", frequency="yearly", anchor_date=date(2024, 2, 29))
    assert dues(s, date(2024, 1, 1), date(2029, 12, 31)) == [
        date(2024, 2, 29),
        date(2025, 2, 28),
        date(2026, 2, 28),
        date(2027, 2, 28),
        date(2028, 2, 29),
        date(2029, 2, 28),
    ]


def test_quarterly_from_31_august() -> None:
    s = Schedule("recurring", frequency="quarterly", anchor_date=date(2025, 8, 31))
    assert dues(s, date(2025, 8, 1), date(2026, 12, 31)) == [
        date(2025, 8, 31),
        date(2025, 11, 30),
        date(2026, 2, 28),
        date(2026, 5, 31),
        date(2026, 8, 31),
        date(2026, 11, 30),
    ]


def test_semester_steps_six_months() -> None:
    s = Schedule("recurring", frequency="semester", anchor_date=date(2026, 6, 30))
    assert dues(s, date(2026, 1, 1), date(2028, 6, 30)) == [
        date(2026, 6, 30),
        date(2026, 12, 30),  # the anchor's day, not the month's last day
        date(2027, 6, 30),
        date(2027, 12, 30),
        date(2028, 6, 30),  # the end date itself is included
    ]


def test_term_ending_mid_month_stops_before_the_end() -> None:
    got = dues(monthly(date(2026, 1, 20)), date(2026, 1, 1), date(2026, 5, 15))
    assert got == [date(2026, 1, 20), date(2026, 2, 20), date(2026, 3, 20), date(2026, 4, 20)]


def test_periods_chain_from_the_term_start() -> None:
    got = slots(monthly(date(2026, 1, 31)), date(2026, 1, 10), date(2026, 3, 31), FAR)
    assert [(x.seq, x.period_start, x.due_date) for x in got] == [
        (1, date(2026, 1, 10), date(2026, 1, 31)),
        (2, date(2026, 2, 1), date(2026, 2, 28)),
        (3, date(2026, 3, 1), date(2026, 3, 31)),
    ]


def test_first_period_starts_at_the_anchor_without_a_term_start() -> None:
    got = slots(monthly(date(2026, 1, 31)), None, date(2026, 2, 28), FAR)
    assert got[0].period_start == date(2026, 1, 31)
    assert got[1].period_start == date(2026, 2, 1)


def test_open_ended_term_runs_to_the_horizon() -> None:
    today = date(2026, 11, 28)
    horizon = open_ended_horizon(date(2020, 12, 1), today)
    assert horizon == date(2031, 11, 28)  # five years past the later of anchor and today
    s = Schedule("recurring", frequency="yearly", anchor_date=date(2020, 12, 1))
    got = dues(s, date(2019, 12, 1), None, horizon)
    assert got[0] == date(2020, 12, 1) and got[-1] == date(2030, 12, 1) and len(got) == 11


def test_one_off_and_continuous() -> None:
    one = slots(Schedule("one_off", due_date=date(2026, 7, 15)), date(2026, 1, 1), date(2026, 12, 31), FAR)
    assert [(x.seq, x.period_start, x.due_date) for x in one] == [(1, date(2026, 1, 1), date(2026, 7, 15))]
    cont = slots(Schedule("continuous"), date(2026, 1, 1), date(2030, 12, 31), FAR)
    assert [(x.period_start, x.due_date) for x in cont] == [(date(2026, 1, 1), date(2030, 12, 31))]
    assert slots(Schedule("continuous"), date(2026, 1, 1), None, FAR) == []


def test_add_months_across_years() -> None:
    assert add_months(date(2025, 11, 30), 3) == date(2026, 2, 28)
    assert add_months(date(2023, 12, 31), 2) == date(2024, 2, 29)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)


def test_very_long_schedules_are_cut_so_the_caller_can_refuse_them() -> None:
    got = slots(monthly(date(2026, 1, 1)), date(2026, 1, 1), date(2200, 1, 1), FAR)
    assert len(got) == MAX_OCCURRENCES + 1


def _codes(s: Schedule, start: date | None, end: date | None) -> set[tuple[str, str]]:
    return {(p.field, p.code) for p in problems(s, start, end)}


TERM = (date(2026, 1, 1), date(2026, 12, 31))


@pytest.mark.parametrize(
    ("schedule", "expected"),
    [
        (Schedule("one_off"), {("due_date", "required")}),
        (Schedule("recurring", anchor_date=date(2026, 2, 1)), {("frequency", "required")}),
        (Schedule("recurring", frequency="monthly"), {("anchor_date", "required")}),
        (
            Schedule("one_off", due_date=date(2026, 3, 1), frequency="monthly"),
            {("frequency", "not_for_schedule_type")},
        ),
        (
            Schedule("continuous", due_date=date(2026, 3, 1), anchor_date=date(2026, 3, 1)),
            {("due_date", "not_for_schedule_type"), ("anchor_date", "not_for_schedule_type")},
        ),
        (
            Schedule(
                "recurring", frequency="monthly", anchor_date=date(2026, 1, 1), due_date=date(2026, 2, 1)
            ),
            {("due_date", "not_for_schedule_type")},
        ),
        (Schedule("one_off", due_date=date(2025, 12, 31)), {("due_date", "outside_term")}),
        (Schedule("one_off", due_date=date(2027, 1, 1)), {("due_date", "outside_term")}),
        (
            Schedule("recurring", frequency="yearly", anchor_date=date(2027, 1, 1)),
            {("anchor_date", "outside_term")},
        ),
        (Schedule("one_off", due_date=TERM[0]), set()),
        (Schedule("one_off", due_date=TERM[1]), set()),
        (Schedule("continuous"), set()),
    ],
)
def test_problems(schedule: Schedule, expected: set[tuple[str, str]]) -> None:
    assert _codes(schedule, *TERM) == expected


def test_open_terms_bound_only_the_known_side() -> None:
    early = Schedule("one_off", due_date=date(2000, 1, 1))
    assert _codes(early, None, None) == set()
    assert _codes(early, date(2001, 1, 1), None) == {("due_date", "outside_term")}
    late = Schedule("one_off", due_date=date(2030, 1, 1))
    assert _codes(late, None, date(2029, 12, 31)) == {("due_date", "outside_term")}
    assert _codes(late, date(2026, 1, 1), None) == set()


def test_every_monthly_due_date_keeps_the_anchor_day_when_the_month_has_it() -> None:
    """Over 50 years of month ends: never drifts from the anchor's day."""
    anchor = date(2024, 1, 31)
    got = dues(monthly(anchor), anchor, anchor + timedelta(days=365 * 50))
    for d in got:
        next_day = d + timedelta(days=1)
        assert d.day == 31 or next_day.month != d.month, d  # the 31st or the month's last day
