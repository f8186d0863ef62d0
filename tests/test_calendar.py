"""Working days (hari kerja, UU 23/2014 Pasal 1 angka 50) with the real 2025 and 2026 Indonesian
calendar of the PyPI `holidays` package: the national holidays and the cuti bersama of the SKB 3 Menteri
(Menteri Agama, Menteri Ketenagakerjaan, Menteri PANRB), plus the admin-managed regional days, and the
DPRD deadline counted on them (P22 Pasal 12(4), 34(6); P25 Pasal 17(3))."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import holidays
import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.models import DprdApproval
from kerjasama.procedure import calendar
from kerjasama.rules.context import dprd_granted
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
    assert D("2026-03-20") not in national  # a cuti bersama day, not a national holiday
    assert national == dict(
        holidays.country_holidays("ID", years=[2025, 2026], categories=("public",), language="id").items()
    )


# The cuti bersama of the SKB 3 Menteri for 2025 (Idulfitri, Imlek, Nyepi, Waisak, Kenaikan, Iduladha,
# Natal, and 18 August added in 2025) and for 2026.
SKB_CUTI_BERSAMA_2025 = [
    "2025-01-28",
    "2025-03-28",
    "2025-04-02",
    "2025-04-03",
    "2025-04-04",
    "2025-04-07",
    "2025-05-13",
    "2025-05-30",
    "2025-06-09",
    "2025-08-18",
    "2025-12-26",
]
SKB_CUTI_BERSAMA_2026 = [
    "2026-02-16",
    "2026-03-18",
    "2026-03-20",
    "2026-03-23",
    "2026-03-24",
    "2026-05-15",
    "2026-05-28",
    "2026-12-24",
]


def test_skb_3_menteri_cuti_bersama_2025_and_2026_are_in_the_calendar() -> None:
    days = calendar.cuti_bersama(range(2025, 2027))
    assert sorted(str(d) for d in days) == SKB_CUTI_BERSAMA_2025 + SKB_CUTI_BERSAMA_2026
    assert all("Cuti Bersama" in name for name in days.values())
    both = calendar.package_days(range(2025, 2027))
    assert both[D("2026-03-23")][1] == "cuti_bersama" and both[D("2026-03-21")][1] == "national"


@pytest.mark.parametrize("day", SKB_CUTI_BERSAMA_2025 + SKB_CUTI_BERSAMA_2026)
def test_skb_3_menteri_cuti_bersama_is_not_a_working_day(session: Session, day: str) -> None:
    """UU 23/2014 Pasal 1 angka 50 counts working days; government offices close on the SKB's cuti
    bersama, so a day before it and the day itself are zero working days apart."""
    assert D(day).weekday() < 5
    assert calendar.working_days_between(session, D(day) - timedelta(days=1), D(day)) == 0
    assert calendar.add_working_days(session, D(day) - timedelta(days=1), 1) > D(day)


@pytest.mark.parametrize(
    ("start", "count", "expected"),
    [
        ("2026-11-23", 1, "2026-11-24"),  # Monday → Tuesday
        ("2026-11-27", 1, "2026-11-30"),  # Friday → Monday: the weekend is skipped
        ("2026-11-23", 5, "2026-11-30"),
        ("2025-12-24", 1, "2025-12-29"),  # Christmas 2025 (Thursday), cuti bersama on Friday 26th
        ("2026-08-14", 1, "2026-08-18"),  # weekend, then Independence Day 2026 (Monday)
        ("2025-08-15", 1, "2025-08-19"),  # 2025: 17 August on Sunday, cuti bersama on Monday 18th
        ("2026-03-17", 1, "2026-03-25"),  # SKB 2026: cuti bersama 18, Nyepi 19, cuti 20, 23, 24
        ("2026-03-20", 1, "2026-03-25"),  # Idulfitri 2026-03-21/22 fall on the weekend
        ("2025-03-27", 1, "2025-04-08"),  # SKB 2025: Nyepi and Idulfitri with their cuti bersama
        ("2026-05-13", 1, "2026-05-18"),  # Kenaikan 14 May 2026, cuti bersama 15 May
        ("2026-12-23", 1, "2026-12-28"),  # cuti bersama Natal 24 Dec 2026, Christmas 25 Dec
        ("2026-12-31", 1, "2027-01-04"),  # New Year's Day 2027 (Friday), across the year
        ("2026-02-13", 45, "2026-04-29"),  # Imlek, Nyepi, Idulfitri and Good Friday inside the 45 days
        ("2026-11-23", 0, "2026-11-23"),
    ],
)
def test_add_working_days_skips_weekends_national_holidays_and_cuti_bersama(
    session: Session, start: str, count: int, expected: str
) -> None:
    assert calendar.add_working_days(session, D(start), count) == D(expected)


def test_working_days_between(session: Session) -> None:
    assert calendar.working_days_between(session, D("2026-08-14"), D("2026-08-21")) == 4
    # 23..31 Dec 2025: Christmas (25th) and the SKB's cuti bersama (26th) are not counted.
    assert calendar.working_days_between(session, D("2025-12-22"), D("2025-12-31")) == 5
    assert calendar.working_days_between(session, D("2026-02-13"), D("2026-04-29")) == 45


def add_holiday(admin: TestClient, day: str, name: str = "Cuti bersama Idulfitri", **kw: Any) -> Any:
    return admin.post("/api/v1/holidays", json={"day": day, "name": name, **kw})


def test_managed_regional_days_are_skipped_too(
    session: Session, client_for: Callable[[str], TestClient]
) -> None:
    admin = client_for("admin")
    assert calendar.add_working_days(session, D("2026-06-17"), 1) == D("2026-06-18")
    r = add_holiday(admin, "2026-06-18", "Hari Jadi Kota Cimahi", kind="regional")
    assert r.status_code == 201, r.text
    assert r.json() == {
        "day": "2026-06-18",
        "name": "Hari Jadi Kota Cimahi",
        "kind": "regional",
        "source": "local",
    }
    assert calendar.add_working_days(session, D("2026-06-17"), 1) == D("2026-06-19")
    # A cuti bersama announced after the package was released is added by the admin, too.
    assert add_holiday(admin, "2026-06-19", "Cuti bersama tambahan").status_code == 201
    assert calendar.add_working_days(session, D("2026-06-17"), 1) == D("2026-06-22")
    # Removing a managed day brings it back as a working day.
    assert admin.delete("/api/v1/holidays/2026-06-19").status_code == 204
    assert calendar.add_working_days(session, D("2026-06-17"), 1) == D("2026-06-19")


def test_holidays_admin_only_and_unique(client_for: Callable[[str], TestClient]) -> None:
    assert add_holiday(client_for("secretariat"), "2026-12-24").status_code == 403
    admin = client_for("admin")
    assert add_holiday(admin, "2026-12-24").status_code == 201
    again = add_holiday(admin, "2026-12-24")
    assert again.status_code == 409 and again.json()["code"] == "holiday_exists"
    assert add_holiday(admin, "2026-12-26", kind="national").status_code == 422
    assert admin.delete("/api/v1/holidays/2026-12-26").status_code == 404


def test_get_holidays_shows_each_days_kind_and_source(client_for: Callable[[str], TestClient]) -> None:
    admin = client_for("admin")
    assert add_holiday(admin, "2026-06-18", "Hari Jadi Kota Cimahi", kind="regional").status_code == 201
    assert add_holiday(admin, "2026-12-24", "Cuti bersama Natal (SK Wali Kota)").status_code == 201
    r = client_for("viewer").get("/api/v1/holidays", params={"year": 2026})
    assert r.status_code == 200, r.text
    rows = r.json()
    by_day = {x["day"]: x for x in rows}
    assert by_day["2026-08-17"]["kind"] == "national"
    assert by_day["2026-08-17"]["source"] == "national_calendar"
    assert by_day["2026-03-21"]["kind"] == "national" and by_day["2026-03-22"]["kind"] == "national"
    # SKB 3 Menteri: cuti bersama Idulfitri 2026, from the national calendar.
    assert by_day["2026-03-23"] == {
        "day": "2026-03-23",
        "name": "Cuti Bersama Hari Raya Idul Fitri",
        "kind": "cuti_bersama",
        "source": "national_calendar",
    }
    assert by_day["2026-06-18"] == {
        "day": "2026-06-18",
        "name": "Hari Jadi Kota Cimahi",
        "kind": "regional",
        "source": "local",
    }
    # A managed day overrides the package's day of the same date.
    assert by_day["2026-12-24"]["source"] == "local" and by_day["2026-12-24"]["kind"] == "cuti_bersama"
    assert by_day["2026-12-25"]["kind"] == "national"
    national = holidays.country_holidays("ID", years=[2026], categories=("public",))
    assert {x["day"] for x in rows if x["kind"] == "national"} == {str(d) for d in national}
    assert {x["day"] for x in rows if x["kind"] == "cuti_bersama"} == set(SKB_CUTI_BERSAMA_2026)
    assert [x["day"] for x in rows] == sorted(x["day"] for x in rows)
    assert all(x["day"].startswith("2026-") for x in rows)
    r2025 = client_for("viewer").get("/api/v1/holidays", params={"year": 2025}).json()
    assert {"2025-12-25", "2025-08-17", "2025-12-26"} <= {x["day"] for x in r2025}
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
    assert _approval(sec, session, "2026-02-13", **FOREIGN)["deadline_date"] == "2026-04-29"
    assert _approval(sec, session, "2026-07-31", kind="LOI", category="KSDLL", nature=None)[
        "deadline_date"
    ] == str(calendar.add_working_days(session, D("2026-07-31"), 45))
    # A regional holiday inside the period moves the deadline by one working day.
    assert (
        add_holiday(client_for("admin"), "2026-03-26", "Hari libur daerah", kind="regional").status_code
        == 201
    )
    assert _approval(sec, session, "2026-02-13", **FOREIGN)["deadline_date"] == "2026-04-30"


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
    assert r.json()["deadline_date"] == "2026-04-29"  # 16 Feb 2026 is a cuti bersama (Imlek)
    r = sec.patch(
        f"/api/v1/dprd-approvals/{approval['id']}",
        json={"received_date": "2026-02-18"},
        headers={"If-Match": f'"{r.json()["version"]}"'},
    )
    assert r.status_code == 200, r.text
    assert r.json()["deadline_date"] == "2026-04-30"  # one working day later


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
    assert old["deadline_date"] == "2026-02-06"  # cuti bersama Natal 26 Dec 2025 (SKB 3 Menteri)
    assert old["decision"] == "pending" and old["deemed_approved"] is True
    recent_day = str(today_in_region(settings) - timedelta(days=1))
    fresh = _approval(client_for("secretariat"), session, recent_day, **FOREIGN)
    assert fresh["deemed_approved"] is False


def test_dprd_request_of_2_march_2026_is_deemed_approved_after_13_may_with_cuti_bersama(
    client_for: Callable[[str], TestClient], session: Session, settings: Settings
) -> None:
    """P22 Pasal 12(4) (KSDD) and 34(6) (KSDPK): 45 working days of DPRD silence count as approval.
    Counting the SKB 3 Menteri's cuti bersama of 2026 (18, 20, 23, 24 Mar, 15 May) moves the end of the
    period from 7 May to 13 May 2026; silence counts as approval from the next day."""
    assert settings.dprd_domestic_deadline_working_days == 45
    approval = _approval(client_for("secretariat"), session, "2026-03-02", nature="SUKARELA")
    assert approval["deadline_date"] == "2026-05-13"
    public_only = holidays.country_holidays("ID", years=[2026], categories=("public",))
    day, left = D("2026-03-02"), 45
    while left:
        day += timedelta(days=1)
        left -= day.weekday() < 5 and day not in public_only
    assert day == D("2026-05-07")  # what the count gave without cuti bersama
    row = session.get(DprdApproval, uuid.UUID(approval["id"]))
    assert row is not None
    assert dprd_granted([row], D("2026-05-07")) is False
    assert dprd_granted([row], D("2026-05-13")) is False
    assert dprd_granted([row], D("2026-05-14")) is True
