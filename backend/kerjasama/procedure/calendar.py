"""Working days (hari kerja, UU 23/2014 Pasal 1 angka 50): weekdays that are not national holidays
(PyPI `holidays`, Indonesia) nor admin-managed days (cuti bersama, regional holidays)."""

from __future__ import annotations

from datetime import date, timedelta

import holidays
from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.models import Holiday


def national_holidays(years: range) -> dict[date, str]:
    try:
        calendar = holidays.country_holidays("ID", years=list(years), language="id")
    except (NotImplementedError, KeyError):
        calendar = holidays.country_holidays("ID", years=list(years))
    return dict(calendar.items())


def non_working_days(session: Session, start: date, end: date) -> dict[date, str]:
    days = {d: n for d, n in national_holidays(range(start.year, end.year + 1)).items() if start <= d <= end}
    for row in session.scalars(select(Holiday).where(Holiday.day >= start, Holiday.day <= end)):
        days[row.day] = row.name  # the managed list adds cuti bersama and regional days
    return days


def add_working_days(session: Session, start: date, count: int) -> date:
    """The date on which `count` working days after `start` have passed (start itself not counted)."""
    # Generous window: 45 working days never span more than ~100 calendar days, even around Lebaran.
    closed = non_working_days(session, start, start + timedelta(days=count * 3 + 30))
    day, left = start, count
    while left > 0:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in closed:
            left -= 1
    return day


def working_days_between(session: Session, start: date, end: date) -> int:
    closed = non_working_days(session, start, end)
    day, n = start, 0
    while day < end:
        day += timedelta(days=1)
        if day.weekday() < 5 and day not in closed:
            n += 1
    return n
