"""Status truth in the agreement export (issue 13, item 5): a signed text runs for the term it sets, from its
start date (P22 Pasal 9(3), 32(3)), so one whose start date is ahead is exported as "not yet in force"
(the one definition of rules/status.py), not as in force, ending soon or past its end."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy.orm import Session

from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from tests.fixtures.factories import agreement_body, region_partner_id

A = "/api/v1/agreements"
AGR = "/api/v1/exports/agreements"
HOME = {"partner_id": None, "signatory_name": "Ngatiyana", "signatory_title": "Wali Kota Cimahi"}


def _csv(r: Any) -> dict[str, dict[str, str]]:
    """The exported rows by registry number (the first column, in either language)."""
    assert r.status_code == 200, r.text
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    return {next(iter(row.values())): row for row in rows}


def _signed(sec: TestClient, session: Session, signed: date, start: date, end: date) -> str:
    body = agreement_body(
        session,
        nature="SUKARELA",
        is_legacy_import=True,
        status="in_force",
        signed_date=str(signed),
        start_date=str(start),
        end_date=str(end),
        parties=[HOME, {"partner_id": region_partner_id(session, "32.73")}],
    )
    r = sec.post(A, json=body)
    assert r.status_code == 201, r.text
    return str(r.json()["number"])


def test_export_shows_a_signed_text_with_a_future_start_as_not_yet_in_force_pasal_9(
    client_for: Callable[[str], TestClient], session: Session, settings: Settings
) -> None:
    sec = client_for("secretariat")
    today = today_in_region(settings)
    # Signed, starts in 10 days and ends in 20: within the expiring window, but not in force yet.
    ahead = _signed(
        sec, session, today - timedelta(days=3), today + timedelta(days=10), today + timedelta(days=20)
    )
    # Signed and in force since last year, ending in 20 days: in force and ending soon.
    now = _signed(
        sec, session, today - timedelta(days=400), today - timedelta(days=365), today + timedelta(days=20)
    )

    rows = _csv(sec.get(AGR, params={"lang": "id"}))
    assert rows[ahead]["Status"] == "Belum berlaku"
    assert rows[ahead]["Akan berakhir"] == "" and rows[ahead]["Lewat masa berlaku"] == ""
    assert rows[now]["Status"] == "Berlaku" and rows[now]["Akan berakhir"] == "ya"
    english = _csv(sec.get(AGR, params={"lang": "en"}))
    assert english[ahead]["Status"] == "Not yet in force" and english[ahead]["Ending soon"] == ""
    assert english[now]["Status"] == "In force"

    # The export follows the list's status filter with the same definition.
    assert set(_csv(sec.get(AGR, params={"status": "not_yet_in_force"}))) >= {ahead}
    assert now not in _csv(sec.get(AGR, params={"status": "not_yet_in_force"}))
    in_force = _csv(sec.get(AGR, params={"status": "in_force"}))
    assert now in in_force and ahead not in in_force


def test_card_shows_a_signed_text_with_a_future_start_as_not_yet_in_force(
    client_for: Callable[[str], TestClient], session: Session, settings: Settings
) -> None:
    """The kartu kerja sama follows the same definition as the export (P22 Pasal 9(3), 32(3))."""
    sec = client_for("secretariat")
    today = today_in_region(settings)
    number = _signed(sec, session, today, today + timedelta(days=30), today + timedelta(days=400))
    found = sec.get(A, params={"q": number}).json()["items"]
    aid = next(a["id"] for a in found if a["number"] == number)
    r = sec.get(f"{A}/{aid}/card.pdf")
    assert r.status_code == 200, r.text
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    assert "Belum berlaku" in text and "Berlaku —" not in text
