"""How values are written for people in the region's language (Bahasa Indonesia), where the server
itself writes text: reminder e-mails, notifications, calendar entries, report labels. The web app
formats its own dates with Intl (id-ID / en-GB)."""

from __future__ import annotations

from datetime import date

ID_MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def indonesian_date(day: date) -> str:
    """'15 Juli 2026': how a date is shown to people."""
    return f"{day.day} {ID_MONTHS[day.month - 1]} {day.year}"
