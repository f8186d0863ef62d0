"""Working days (hari kerja, UU 23/2014 Pasal 1 angka 50): weekdays that are neither national holidays,
nor cuti bersama, nor admin-managed regional days.

Two lists come from the PyPI `holidays` package (Indonesia):

* category ``public``: the national holidays (hari libur nasional);
* category ``government``: the cuti bersama days that the joint decree of three ministers (SKB 3 Menteri:
  Menteri Agama, Menteri Ketenagakerjaan, Menteri PANRB) sets each year for the civil service. Government
  offices are closed on them, so they are not working days either.

The admin adds what the package cannot know: regional holidays (hari jadi kota), and cuti bersama
announced after the package was released. A managed day overrides a package day of the same date.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

import holidays
from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.models import Holiday

Kind = Literal["national", "cuti_bersama", "regional"]


def _package_days(years: range, category: str) -> dict[date, str]:
    try:
        calendar = holidays.country_holidays("ID", years=list(years), categories=(category,), language="id")
    except (NotImplementedError, KeyError):
        calendar = holidays.country_holidays("ID", years=list(years), categories=(category,))
    return dict(calendar.items())


def national_holidays(years: range) -> dict[date, str]:
    """Hari libur nasional (the package's ``public`` category)."""
    return _package_days(years, "public")


def cuti_bersama(years: range) -> dict[date, str]:
    """Cuti bersama of the SKB 3 Menteri (the package's ``government`` category)."""
    return _package_days(years, "government")


def package_days(years: range) -> dict[date, tuple[str, Kind]]:
    """Both package lists, each day with its kind; a national holiday wins over a cuti bersama."""
    days: dict[date, tuple[str, Kind]] = {d: (n, "cuti_bersama") for d, n in cuti_bersama(years).items()}
    days.update({d: (n, "national") for d, n in national_holidays(years).items()})
    return days


def non_working_days(session: Session, start: date, end: date) -> dict[date, str]:
    days = {d: n for d, (n, _) in package_days(range(start.year, end.year + 1)).items() if start <= d <= end}
    for row in session.scalars(select(Holiday).where(Holiday.day >= start, Holiday.day <= end)):
        days[row.day] = row.name  # the managed list adds regional days and late cuti bersama
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
