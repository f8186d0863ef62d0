"""Working days (hari kerja) with the real 2025 and 2026 Indonesian holidays of the PyPI `holidays`
package, plus the admin-managed cuti bersama list, and the DPRD deadline counted on them."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import holidays
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.procedure import calendar
from tests.fixtures.factories import agreement_body

D = date.fromisoformat


def test_the_package_knows_the_2025_and_2026_holidays() -> None:
    national = calendar.national_holidays(range(2025, 2027))
    for day in (
        "2025-12-25",
        "2025-08-17",
        "2026-01-01",
        "2026-03-21",
        "2026-03-22",
        "2026-08-17",
        "2026-12-25",
    ):
        assert D(day) in national, day
    assert D("2026-03-20") not in national  # Idulfitri eve: a cuti bersama day, managed by the admin
    assert national == dict(holidays.country_holidays("ID", years=[2025, 2026], language="id").items())


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        ("2026-11-23", 1, "2026-11-24"),  # Monday → Tuesday
        ("2026-11-27", 1, "2026-11-30"),  # Friday → Monday: the weekend is skipped
        ("2026-11-23", 5, "2026-11-30"),
        ("2025-12-24", 1, "2025-12-26"),  # Christmas 2025 (Thursday)
        ("2026-08-14", 1, "2026-08-18"),  # weekend, then Independence Day 2026 (Monday)
        ("2026-03-18", 1, "2026-03-20"),  # Nyepi 2026-03-19
        ("2026-03-20", 1, "2026-03-23"),  # Idulfitri 2026-03-21/22 fall on the weekend
        ("2026-12-31", 1, "2027-01-04"),  # New Year's Day 2027 (Friday), across the year
        ("2026-02-13", 45, "2026-04-22"),  # Imlek, Nyepi and Good Friday inside the 45 days
        ("2026-11-23", 0, "2026-11-23"),
    ],
)
def test_add_working_days_skips_weekends_and_national_holidays(
    session: Session, start: str, count: int, expected: str
) -> None:
    assert calendar.add_working_days(session, D(start), count) == D(expected)


def test_working_days_between(session: Session) -> None:
    assert calendar.working_days_between(session, D("2026-08-14"), D("2026-08-21")) == 4
    assert calendar.working_days_between(session, D("2025-12-22"), D("2025-12-31")) == 6
    assert calendar.working_days_between(session, D("2026-02-13"), D("2026-04-22")) == 45


def add_holiday(admin: TestClient, day: str, name: str = "Cuti bersama Idulfitri", **kw: Any) -> Any:
    return admin.post("/api/v1/holidays", json={"day": day, "name": name, **kw})


def test_managed_cuti_bersama_is_skipped_too(
    session: Session, client_for: Callable[[str], TestClient]
) -> None:
    admin = client_for("admin")
    assert calendar.add_working_days(session, D("2026-03-18"), 1) == D("2026-03-20")
    r = add_holiday(admin, "2026-03-20")
    assert r.status_code == 201, r.text
    assert r.json() == {"day": "2026-03-20", "name": "Cuti bersama Idulfitri", "kind": "cuti_bersama"}
    assert calendar.add_working_days(session, D("2026-03-18"), 1) == D("2026-03-23")
    assert calendar.add_working_days(session, D("2026-02-13"), 45) == D("2026-04-23")
    assert add_holiday(admin, "2026-03-23", "Hari jadi Kota", kind="regional").status_code == 201
    assert calendar.add_working_days(session, D("2026-03-18"), 1) == D("2026-03-24")
    # Removing a managed day brings it back as a working day.
    assert admin.delete("/api/v1/holidays/2026-03-23").status_code == 204
    assert calendar.add_working_days(session, D("2026-03-18"), 1) == D("2026-03-23")


def test_holidays_admin_only_and_unique(client_for: Callable[[str], TestClient]) -> None:
    assert add_holiday(client_for("secretariat"), "2026-12-24").status_code == 403
    admin = client_for("admin")
    assert add_holiday(admin, "2026-12-24").status_code == 201
    again = add_holiday(admin, "2026-12-24")
    assert again.status_code == 409 and again.json()["code"] == "holiday_exists"
    assert add_holiday(admin, "2026-12-26", kind="national").status_code == 422
    assert admin.delete("/api/v1/holidays/2026-12-26").status_code == 404


def test_get_holidays_merges_national_and_managed(client_for: Callable[[str], TestClient]) -> None:
    admin = client_for("admin")
    assert add_holiday(admin, "2026-03-20").status_code == 201
    assert add_holiday(admin, "2026-12-24", "Cuti bersama Natal").status_code == 201
    r = client_for("viewer").get("/api/v1/holidays", params={"year": 2026})
    assert r.status_code == 200, r.text
    rows = r.json()
    by_day = {x["day"]: x for x in rows}
    assert by_day["2026-08-17"]["kind"] == "national"
    assert by_day["2026-03-21"]["kind"] == "national" and by_day["2026-03-22"]["kind"] == "national"
    assert by_day["2026-03-20"] == {
        "day": "2026-03-20",
        "name": "Cuti bersama Idulfitri",
        "kind": "cuti_bersama",
    }
    assert by_day["2026-12-24"]["kind"] == "cuti_bersama"
    assert by_day["2026-12-25"]["kind"] == "national"
    national = holidays.country_holidays("ID", years=[2026])
    assert {x["day"] for x in rows if x["kind"] == "national"} == {str(d) for d in national}
    assert [x["day"] for x in rows] == sorted(x["day"] for x in rows)
    assert all(x["day"].startswith("2026-") for x in rows)
    r2025 = client_for("viewer").get("/api/v1/holidays", params={"year": 2025}).json()
    assert {"2025-12-25", "2025-08-17"} <= {x["day"] for x in r2025}
    assert "2026-03-20" not in {x["day"] for x in r2025}


def _approval(client: TestClient, session: Session, received: str, **overrides: Any) -> dict[str, Any]:
    created = client.post("/api/v1/agreements", json=agreement_body(session, **overrides))
    assert created.status_code == 201, created.text
    r = client.post(
        f"/api/v1/agreements/{created.json()['id']}/dprd-approvals",
        json={"request_date": received, "received_date": received},
    )
    assert r.status_code == 201, r.text
    return dict(r.json())


FOREIGN = {"kind": "NASKAH_LN", "category": "KSDPL", "nature": None}


def test_foreign_dprd_deadline_is_45_working_days(
    client_for: Callable[[str], TestClient], session: Session
) -> None:
    sec = client_for("secretariat")
    assert _approval(sec, session, "2026-02-13", **FOREIGN)["deadline_date"] == "2026-04-22"
    assert _approval(sec, session, "2026-07-31", kind="LOI", category="KSDLL", nature=None)[
        "deadline_date"
    ] == str(calendar.add_working_days(session, D("2026-07-31"), 45))
    # A cuti bersama inside the period moves the deadline by one working day.
    assert add_holiday(client_for("admin"), "2026-03-20").status_code == 201
    assert _approval(sec, session, "2026-02-13", **FOREIGN)["deadline_date"] == "2026-04-23"


def test_deadline_follows_a_changed_received_date(
    client_for: Callable[[str], TestClient], session: Session
) -> None:
    sec = client_for("secretariat")
    approval = _approval(sec, session, "2026-02-13", **FOREIGN)
    r = sec.patch(
        f"/api/v1/dprd-approvals/{approval['id']}",
        json={"received_date": "2026-02-16"},
        headers={"If-Match": f'"{approval["version"]}"'},
    )
    assert r.status_code == 200, r.text
    assert r.json()["deadline_date"] == "2026-04-23"  # one working day later


def test_domestic_deadline_uses_the_configured_count(
    client_for: Callable[[str], TestClient], session: Session, settings: Settings
) -> None:
    approval = _approval(client_for("secretariat"), session, "2026-02-13", nature="SUKARELA")
    days = settings.dprd_domestic_deadline_working_days
    assert days > 0
    assert approval["deadline_date"] == str(calendar.add_working_days(session, D("2026-02-13"), days))


def test_deadline_passed_in_silence_counts_as_approval(
    client_for: Callable[[str], TestClient], session: Session, settings: Settings
) -> None:
    old = _approval(client_for("secretariat"), session, "2025-12-01", **FOREIGN)
    assert old["deadline_date"] == "2026-02-05"
    assert old["decision"] == "pending" and old["deemed_approved"] is True
    recent_day = str(today_in_region(settings) - timedelta(days=1))
    fresh = _approval(client_for("secretariat"), session, recent_day, **FOREIGN)
    assert fresh["deemed_approved"] is False
