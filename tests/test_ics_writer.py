"""The feed's RFC 5545 writer: whatever the text, `icalendar` reads back exactly what was written,
lines stay within 75 octets and never split a UTF-8 character."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Calendar as Parsed

from kerjasama.reminders.ics import Calendar, escape_text, fold

# Any text a title or a description could hold (no lone surrogates: they are not encodable).
TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def as_read_back(text: str) -> str:
    """What a reader gets: line breaks as \\n, other control characters gone (RFC 5545 allows none)."""
    return CONTROL.sub("", text).replace("\r\n", "\n").replace("\r", "\n")


def test_escaping_follows_rfc5545() -> None:
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"
    assert escape_text("baris\r\nbaru") == "baris\\nbaru"
    assert escape_text("tab\tok\x07bel\x1bdrop") == "tab\tokbeldrop"


def test_fold_keeps_multibyte_characters_whole() -> None:
    line = "SUMMARY:" + "—é" * 60  # 2- and 3-byte characters across every fold point
    out = fold(line)
    chunks = out.removesuffix(b"\r\n").split(b"\r\n ")
    assert all(len(c) + (i > 0) <= 75 for i, c in enumerate(chunks))
    assert b"".join(chunks).decode("utf-8") == line  # each chunk cut on a character boundary
    for c in chunks:
        c.decode("utf-8")


@settings(max_examples=150, deadline=None)
@given(summary=TEXT, description=TEXT, name=TEXT)
def test_icalendar_reads_back_what_was_written(summary: str, description: str, name: str) -> None:
    stamp = datetime(2026, 12, 1, 21, 30, 5, tzinfo=UTC)
    cal = Calendar("-//Kerja Sama Daerah//Registry//ID", name, "Uji", stamp)
    cal.all_day(
        "u-1@kerjasama", date(2027, 2, 28), summary, description, "http://127.0.0.1:8000/agreements/1"
    )
    raw = cal.to_ical()
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    parsed = Parsed.from_ical(raw)
    # icalendar keeps an X- property's value as written (calendar apps read it as TEXT)
    assert str(parsed["X-WR-CALNAME"]) == escape_text(name)
    (event,) = parsed.walk("VEVENT")
    assert str(event["SUMMARY"]) == as_read_back(summary)
    assert str(event["DESCRIPTION"]) == as_read_back(description)
    assert event.decoded("DTSTART") == date(2027, 2, 28) and event.decoded("DTEND") == date(2027, 3, 1)
    assert event.decoded("DTSTAMP") == stamp
    assert str(event["URL"]) == "http://127.0.0.1:8000/agreements/1"
