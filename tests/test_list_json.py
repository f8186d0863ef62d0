"""The agreement list built as JSON by PostgreSQL (agreements/list_json.py) equals the ORM path's rows.

Every agreement of the demo data, plus texts edited to reach each branch of the derived fields
(start date ahead, no end date, expired, inside and at the edge of the expiring window, a text with no
partner), is listed through the API and compared, field by field, with `reads.summary` of the same
row; the pages are walked with small limits in every sort order and must give the ORM path's order.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kerjasama.agreements import reads, repository
from kerjasama.agreements.router import _SORTS
from kerjasama.core.auth import principal_for
from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.core.pagination import parse_sort
from kerjasama.models import Agreement, AgreementParty, UserAccount
from tests.conftest import BACKEND

pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="the JSON path is PostgreSQL's")


def _edge_cases(session: Session, settings: Settings) -> None:
    """Bend some demo texts so that every derived field takes each of its values."""
    today = today_in_region(settings)
    window = settings.expiring_window_days
    rows = session.scalars(select(Agreement).order_by(Agreement.number)).all()
    assert len(rows) >= 8
    edits: list[dict[str, Any]] = [
        {
            "status": "in_force",
            "start_date": today + timedelta(days=10),
            "end_date": today + timedelta(days=400),
        },
        {"status": "in_force", "start_date": None, "end_date": None},
        {
            "status": "in_force",
            "start_date": today - timedelta(days=900),
            "end_date": today - timedelta(days=1),
        },
        {
            "status": "in_force",
            "start_date": today - timedelta(days=30),
            "end_date": today + timedelta(days=window),
        },
        {
            "status": "in_force",
            "start_date": today - timedelta(days=30),
            "end_date": today + timedelta(days=window + 1),
        },
        {"status": "in_force", "start_date": today - timedelta(days=1), "end_date": today},
        {"status": "ended", "start_date": today - timedelta(days=900), "end_date": today - timedelta(days=5)},
    ]
    for agreement, edit in zip(rows, edits, strict=False):
        for key, value in edit.items():
            setattr(agreement, key, value)
    # A text with no partner at all (its partners list is [] in both paths).
    session.execute(delete(AgreementParty).where(AgreementParty.agreement_id == rows[7].id))
    session.flush()


def _orm_rows(session: Session, settings: Settings, sort: str) -> list[dict[str, Any]]:
    user = session.scalar(select(UserAccount).where(UserAccount.username == "sekretariat"))
    assert user is not None
    principal = principal_for(user)
    today = today_in_region(settings)
    _, spec = parse_sort(sort, _SORTS, "number")
    stmt = repository.filtered(principal, today=today, dialect="postgresql")
    session.expire_all()
    rows = repository.page(session, stmt, spec, None, 10_000)
    return [reads.summary(a, settings, today, principal).model_dump(mode="json") for a in rows]


@pytest.mark.parametrize("sort", ["number", "-signed_date", "signed_date", "-end_date", "title"])
def test_every_row_and_the_order_equal_the_orm_path(
    sort: str, session: Session, settings: Settings, secretariat: TestClient
) -> None:
    _edge_cases(session, settings)
    expected = _orm_rows(session, settings, sort)
    listed: list[dict[str, Any]] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"sort": sort, "limit": 3}
        if cursor:
            params["cursor"] = cursor
        r = secretariat.get("/api/v1/agreements", params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        assert set(body) == {"items", "next_cursor", "total"}
        listed.extend(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert [a["id"] for a in listed] == [a["id"] for a in expected]
    for got, want in zip(listed, expected, strict=True):
        assert got == want, got["number"]
        assert list(got) == list(want), "same keys in the same order"


def test_filters_and_search_go_through_the_json_path(secretariat: TestClient) -> None:
    r = secretariat.get("/api/v1/agreements", params={"q": "sampah", "limit": 50})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["items"]) > 0
    assert all(isinstance(a["lead_opd"], dict) and isinstance(a["partners"], list) for a in body["items"])
    empty = secretariat.get("/api/v1/agreements", params={"q": "tidak-ada-teks-seperti-ini"}).json()
    assert empty == {"items": [], "next_cursor": None, "total": 0}
