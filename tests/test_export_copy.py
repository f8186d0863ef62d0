"""The agreement CSV written by PostgreSQL's COPY (agreements/export_copy.py) holds the same cells as the
Python writer (agreements/export.py), formula neutralising and control characters included."""

from __future__ import annotations

import csv
import io
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.agreements import export, export_copy, repository
from kerjasama.agreements.router import _SORTS
from kerjasama.core.auth import principal_for
from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.core.pagination import parse_sort
from kerjasama.models import Agreement, Opd, Partner, UserAccount
from tests.conftest import BACKEND

pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="COPY is PostgreSQL's")

TRICKY_TITLES = [
    '=HYPERLINK("http://x","klik")',
    "+62 22 123",
    "-1 rupiah",
    "@SUM(A1)",
    "\tdiawali tab",
    "\rdiawali CR",
    "\x01=kontrol lalu rumus",
    "a\x02b\x1fc",
    'koma, "kutip" dan\nbaris baru',
    "Kerja sama biasa",
]


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.reader(f))


def _bend(session: Session, settings: Settings) -> None:
    today = today_in_region(settings)
    agreements = session.scalars(select(Agreement).order_by(Agreement.number)).all()
    for agreement, title in zip(agreements, TRICKY_TITLES, strict=False):
        agreement.title = title
    agreements[-1].status, agreements[-1].start_date = "in_force", today + timedelta(days=5)
    agreements[-2].status, agreements[-2].start_date, agreements[-2].end_date = (
        "in_force",
        today - timedelta(days=10),
        today + timedelta(days=3),
    )
    agreements[-3].status, agreements[-3].start_date, agreements[-3].end_date = (
        "in_force",
        today - timedelta(days=400),
        today - timedelta(days=3),
    )
    partner = session.scalars(select(Partner).order_by(Partner.name)).first()
    assert partner is not None
    partner.name = "=cmd|' /C calc'!A0"
    opd = session.scalars(select(Opd).order_by(Opd.code)).first()
    assert opd is not None
    opd.abbreviation = "-DLH"
    session.flush()


@pytest.mark.parametrize("lang", ["id", "en"])
@pytest.mark.parametrize("sort", ["number", "-signed_date"])
def test_copy_writes_the_cells_of_the_python_writer(
    lang: str, sort: str, session: Session, settings: Settings
) -> None:
    _bend(session, settings)
    user = session.scalar(select(UserAccount).where(UserAccount.username == "sekretariat"))
    assert user is not None
    today = today_in_region(settings)
    _, spec = parse_sort(sort, _SORTS, "number")
    stmt = repository.filtered(principal_for(user), today=today, dialect="postgresql")
    window = settings.expiring_window_days
    python_file = export.write(session, stmt, spec, "csv", today=today, window_days=window, lang=lang)  # type: ignore[arg-type]
    copy_file = export_copy.write_csv(session, stmt, spec, today=today, window_days=window, lang=lang)  # type: ignore[arg-type]
    try:
        expected, got = _rows(python_file), _rows(copy_file)
    finally:
        python_file.unlink()
        copy_file.unlink()
    assert len(got) == len(expected) > len(TRICKY_TITLES)
    for want, have in zip(expected, got, strict=True):
        assert have == want
    titles = {row[4] for row in got}
    assert '\'=HYPERLINK("http://x","klik")' in titles and "'=kontrol lalu rumus" in titles
    assert "ab\x1fc" not in titles and "abc" in titles


def test_the_api_export_is_the_copy_file(secretariat: TestClient) -> None:
    r = secretariat.get("/api/v1/exports/agreements", params={"format": "csv", "lang": "en"})
    assert r.status_code == 200, r.text
    assert r.content.startswith(b"\xef\xbb\xbfRegistry number,")
    rows = list(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) > 5 and all(len(row) == len(export.COLUMNS) for row in rows)
