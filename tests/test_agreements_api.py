"""Agreements API: create, validation, filters, sorting, keyset paging, ETag/If-Match, R31 (signed texts
are locked), delete, children, Idempotency-Key and the audit trail. Expected results come from the demo data
(backend/kerjasama/demo.py) and from records each test creates; every test runs in a rolled-back
transaction.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.core.db import Database
from kerjasama.main import create_app
from kerjasama.models import Agreement, Partner
from tests.fixtures.factories import agreement_body, agreement_id, opd_id, region_partner_id

A = "/api/v1/agreements"
NUMBER_RE = re.compile(r"^KSD/32\.77/(\d{4})/(\d{4})$")

KBB = "DEMO/KB/2020/KBB"
KABBDG = "DEMO/KB/2021/KABBDG"
KOTABDG = "DEMO/PKS/2014/KOTABDG"
GARUT = "DEMO/KB/2023/GARUT"
LEGOK = "DEMO/PKS/2019/LEGOKNANGKA"
LEGOK_ADD = "DEMO/ADD/2021/LEGOKNANGKA"
RUJUKAN = "DEMO/PKS/2021/RUJUKAN-KBB"
DRAINASE = "DEMO/PKS/2022/DRAINASE"
CABAI = "DEMO/PKS/2024/CABAI"
BJB = "DEMO/KB/2024/BJB"
BJB_QRIS = "DEMO/PKS/2024/BJB-QRIS"
KEJARI = "DEMO/NK/2025/KEJARI"


@pytest.fixture(scope="module")
def shared_app(settings: Settings, engine: Engine) -> FastAPI:
    """One app for the module: FastAPI builds each route's state on its first request, which costs
    ~60 ms per fresh app. The app reads its Database from app.state on every request."""
    return create_app(settings, Database(settings, engine=engine), spa_dir=Path("/nonexistent"))


@pytest.fixture
def app(shared_app: FastAPI, database: Database) -> FastAPI:
    """Overrides conftest's per-test app: the shared app, bound to this test's rolled-back transaction."""
    shared_app.state.db = database
    return shared_app


@pytest.fixture
def admin(client_for: Callable[[str], TestClient]) -> TestClient:
    return client_for("admin")


@pytest.fixture
def today(settings: Settings) -> date:
    return today_in_region(settings)


def draft_number(session: Session) -> str:
    """The one demo draft has a generated number (its year is the seeding year)."""
    number = session.scalar(
        select(Agreement.number).where(Agreement.title.like("%PKS Transportasi Perbatasan%"))
    )
    assert number is not None
    return number


def bjb_id(session: Session) -> str:
    p = session.scalar(select(Partner).where(Partner.name.like("%bank bjb%")))
    assert p is not None
    return str(p.id)


def create(client: TestClient, session: Session, **overrides: Any) -> Any:
    r = client.post(A, json=agreement_body(session, **overrides))
    assert r.status_code == 201, r.text
    return r


def numbers(client: TestClient, **params: Any) -> set[str]:
    r = client.get(A, params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["items"]), body["total"]
    return {a["number"] for a in body["items"]}


def total(client: TestClient) -> int:
    return int(client.get(A, params={"limit": 1}).json()["total"])


def locs(r: Any) -> list[list[str | int]]:
    return [list(e["loc"]) for e in r.json()["errors"]]


def assert_problem(r: Any, status: int, *loc: str | int, code: str | None = None) -> None:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json"), r.headers
    body = r.json()
    assert body["status"] == status
    if loc:
        want = ["body", *loc] if loc[0] not in ("body", "query", "path") else list(loc)
        assert any(got[: len(want)] == want for got in locs(r)), f"no error at {want}: {body['errors']}"
    if code is not None:
        codes = {body["code"], *(e["code"] for e in body["errors"])}
        assert code in codes, body


# ================================================================ create


def test_create_returns_draft_with_generated_number(admin: TestClient, session: Session, today: date) -> None:
    before = total(admin)
    r = create(admin, session)
    body = r.json()
    m = NUMBER_RE.match(body["number"])
    assert m, body["number"]
    assert int(m.group(1)) == today.year
    assert body["status"] == "draft" and body["stage"] == "draft" and body["version"] == 1
    assert r.headers["etag"] == '"1"'
    assert r.headers["location"] == f"{A}/{body['id']}"
    assert [p["role"] for p in body["parties"]] == ["HOME", "PARTNER"]  # the home region is added first
    assert body["parties"][1]["partner"]["region_code"] == "32.73"
    assert body["affair_codes"] == ["1.02"] and body["lead_opd"]["code"] == "DINKES"
    assert total(admin) == before + 1
    assert admin.get(f"{A}/{body['id']}").json()["number"] == body["number"]


def test_generated_numbers_are_unique_and_sequential(admin: TestClient, session: Session) -> None:
    got = [create(admin, session).json()["number"] for _ in range(3)]
    assert len(set(got)) == 3
    seq = [int(NUMBER_RE.match(n).group(2)) for n in got]  # type: ignore[union-attr]
    assert seq == [seq[0], seq[0] + 1, seq[0] + 2]


def test_generated_number_uses_signed_year_and_skips_hand_entered_numbers(
    admin: TestClient, session: Session
) -> None:
    create(admin, session, number="KSD/32.77/2019/0001")
    r = create(admin, session, signed_date="2019-05-02")
    assert r.json()["number"] == "KSD/32.77/2019/0002"


def test_duplicate_number_is_409(admin: TestClient, session: Session) -> None:
    before = total(admin)
    r = admin.post(A, json=agreement_body(session, number=KBB))
    assert_problem(r, 409, "number", code="number_taken")
    assert total(admin) == before


@pytest.mark.parametrize("field", ["kind", "category", "title", "lead_opd_id", "affair_codes", "parties"])
def test_required_fields(admin: TestClient, session: Session, field: str) -> None:
    body = agreement_body(session)
    del body[field]
    before = total(admin)
    assert_problem(admin.post(A, json=body), 422, field, code="missing")
    assert total(admin) == before


def _bad(session: Session, case: str) -> dict[str, Any]:
    ksdd_pks = {"kind": "PKS"}
    cases: dict[str, dict[str, Any]] = {
        "unknown-field": {"bogus": 1},
        "wrong-enum-kind": {"kind": "MOU"},
        "wrong-enum-category": {"category": "KSDX"},
        "wrong-enum-nature": {"nature": "WAJIB_SEKALI"},
        "malformed-date": {"signed_date": "2024-13-45"},
        "end-before-start": {"start_date": "2026-06-01", "end_date": "2026-01-01"},
        "unknown-affair": {"affair_codes": ["9.99"]},
        "unknown-lead-opd": {"lead_opd_id": str(uuid.uuid4())},
        "unknown-related-opd": {"related_opd_ids": [str(uuid.uuid4())]},
        "nature-on-non-ksdd": {"category": "KSDPK", "nature": "WAJIB"},
        "pks-parent-not-kb": {**ksdd_pks, "parent_id": agreement_id(session, RUJUKAN)},
        "parent-other-category": {**ksdd_pks, "parent_id": agreement_id(session, BJB)},
        "adendum-without-parent": {"kind": "ADENDUM"},
        "duplicate-partner": {"parties": [{"partner_id": region_partner_id(session, "32.73")}] * 2},
        "unknown-partner": {"parties": [{"partner_id": str(uuid.uuid4())}]},
        "no-partner": {"parties": [{"signatory_title": "Wali Kota Cimahi"}]},
        "kind-not-of-category": {"kind": "NK"},
    }
    return agreement_body(session, **cases[case])


BAD_INPUT = [
    ("unknown-field", ("bogus",), "extra_forbidden"),
    ("wrong-enum-kind", ("kind",), None),
    ("wrong-enum-category", ("category",), None),
    ("wrong-enum-nature", ("nature",), None),
    ("malformed-date", ("signed_date",), None),
    ("end-before-start", ("end_date",), None),
    ("unknown-affair", ("affair_codes", 0), "affair_unknown"),
    ("unknown-lead-opd", ("lead_opd_id",), "opd_unknown"),
    ("unknown-related-opd", ("related_opd_ids", 0), "opd_unknown"),
    ("nature-on-non-ksdd", ("nature",), None),
    ("pks-parent-not-kb", ("parent_id",), "parent_kind"),
    ("parent-other-category", ("parent_id",), "parent_category_mismatch"),
    ("adendum-without-parent", ("parent_id",), "parent_required"),
    ("duplicate-partner", ("parties",), "party_duplicate"),
    ("unknown-partner", ("parties", 0, "partner_id"), "partner_unknown"),
    ("no-partner", ("parties",), "party_partner_missing"),
    ("kind-not-of-category", ("kind",), "kind_category_mismatch"),
]


@pytest.mark.parametrize(("case", "loc", "code"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_is_422_naming_the_field(
    admin: TestClient, session: Session, case: str, loc: tuple[str | int, ...], code: str | None
) -> None:
    before = total(admin)
    r = admin.post(A, json=_bad(session, case))
    assert_problem(r, 422, *loc, code=code)
    assert r.json()["code"] == "validation_error"
    assert total(admin) == before


def test_body_over_the_size_limit_is_413(admin: TestClient, session: Session) -> None:
    body = agreement_body(session, scope="x" * (1024 * 1024 + 10))  # the test settings cap bodies at 1 MB
    assert_problem(admin.post(A, json=body), 413)


@pytest.mark.parametrize(
    ("role", "status"),
    [("admin", 201), ("secretariat", 201), ("tkksd", 403), ("opd_head", 403), ("opd_operator", 403)],
)
def test_legacy_import_only_by_secretariat_or_admin(
    client_for: Callable[[str], TestClient], session: Session, role: str, status: int
) -> None:
    body = agreement_body(
        session,
        is_legacy_import=True,
        status="in_force",
        signed_date="2020-01-05",
        lead_opd_id=opd_id(session, "DLH" if role == "opd_head" else "DINKES"),
    )
    if role == "tkksd":  # the only kind tkksd writes at all, so the refusal is about the import
        body.update(category="KSDPK", nature=None, parties=[{"partner_id": bjb_id(session)}])
    r = client_for(role).post(A, json=body)
    assert r.status_code == status, r.text
    if status == 201:
        assert r.json()["status"] == "in_force" and r.json()["is_legacy_import"] is True
    else:
        assert r.json()["code"] == "role_forbidden"


def test_status_rules_for_new_texts(admin: TestClient, session: Session) -> None:
    assert_problem(admin.post(A, json=agreement_body(session, status="in_force")), 422)
    assert_problem(admin.post(A, json=agreement_body(session, is_legacy_import=True)), 422)


# ================================================================ filters


def test_filters_match_demo_records(admin: TestClient, session: Session) -> None:
    garut_partner = region_partner_id(session, "32.05")
    draft = draft_number(session)
    expected: list[tuple[dict[str, Any], set[str]]] = [
        ({"category": "KSDPK"}, {BJB, BJB_QRIS}),
        ({"category": "SINERGI"}, {KEJARI}),
        ({"kind": "KB"}, {KBB, KABBDG, GARUT, BJB}),
        ({"kind": "ADENDUM"}, {LEGOK_ADD}),
        ({"nature": "SUKARELA"}, {GARUT, LEGOK, LEGOK_ADD, CABAI}),
        ({"status": "draft"}, {draft}),
        ({"lead_opd_id": opd_id(session, "DLH")}, {LEGOK, LEGOK_ADD}),
        ({"lead_opd_id": opd_id(session, "PEM")}, {KBB, KABBDG, KOTABDG}),
        ({"opd_id": opd_id(session, "DLH")}, {KABBDG, LEGOK, LEGOK_ADD}),
        ({"opd_id": opd_id(session, "BPBD")}, {DRAINASE}),
        ({"partner_id": garut_partner}, {GARUT, LEGOK, LEGOK_ADD, CABAI}),
        ({"partner_id": bjb_id(session)}, {BJB, BJB_QRIS}),
        ({"partner_region_code": "32.17"}, {KBB, LEGOK, LEGOK_ADD, RUJUKAN}),
        ({"partner_region_code": "32.73"}, {KOTABDG, LEGOK, LEGOK_ADD, draft}),
        ({"affair_code": "2.11"}, {KABBDG, KOTABDG, LEGOK, LEGOK_ADD}),
        ({"affair_code": "1.02"}, {KBB, KOTABDG, RUJUKAN}),
        ({"signed_year": 2021}, {KABBDG, LEGOK_ADD, RUJUKAN}),
        ({"signed_year": 2024}, {CABAI, BJB, BJB_QRIS}),
        ({"q": "drainase"}, {DRAINASE}),  # title
        ({"q": "DEMO/KB/2024"}, {BJB}),  # number
        ({"q": "5 ton"}, {CABAI}),  # object
        ({"q": "SUMEDANG"}, {LEGOK, LEGOK_ADD}),  # partner name, case-insensitive
        ({"q": "banten"}, {BJB, BJB_QRIS}),  # partner name only
        (
            {"category": "KSDD", "kind": "PKS", "nature": "WAJIB", "status": "in_force"},
            {RUJUKAN, DRAINASE},  # the 2014 PKS predates PP 28/2018: no nature
        ),
        ({"q": "tidak-ada-yang-cocok"}, set()),
    ]
    for params, want in expected:
        assert numbers(admin, **params) == want, params


def test_search_treats_like_wildcards_literally(admin: TestClient, session: Session) -> None:
    """q is text to find, not a LIKE pattern: '%' and '_' must match only themselves."""
    r = create(admin, session, title="Capaian 100% imunisasi_dasar")
    number = r.json()["number"]
    assert numbers(admin, q="100%") == {number}
    assert numbers(admin, q="%") == {number}
    assert numbers(admin, q="i_u") == set()  # no title, object, number or partner name contains "i_u"


def test_filter_by_affair_and_partner_on_new_record(admin: TestClient, session: Session) -> None:
    r = create(
        admin, session, affair_codes=["3.29"], parties=[{"partner_id": region_partner_id(session, "32.11")}]
    )
    number = r.json()["number"]
    assert numbers(admin, affair_code="3.29") == {number}
    assert number in numbers(admin, partner_region_code="32.11")
    assert number not in numbers(admin, partner_region_code="32.05")


def test_expiring_and_expired_filters(admin: TestClient, session: Session, today: date) -> None:
    def legacy(end: date, status: str = "in_force") -> str:
        extra: dict[str, Any] = {"is_legacy_import": True, "status": status} if status != "draft" else {}
        body = {"start_date": (end - timedelta(days=400)).isoformat(), "end_date": end.isoformat(), **extra}
        return str(create(admin, session, **body).json()["number"])

    soon = legacy(today + timedelta(days=10))
    later = legacy(today + timedelta(days=45))
    past = legacy(today - timedelta(days=3))
    ended_past = legacy(today - timedelta(days=3), status="ended")
    draft_soon = legacy(today + timedelta(days=5), status="draft")

    everything = admin.get(A, params={"limit": 500}).json()["items"]

    def oracle_expiring(days: int) -> set[str]:
        return {
            a["number"]
            for a in everything
            if a["status"] == "in_force"
            and a["end_date"]
            and 0 <= (date.fromisoformat(a["end_date"]) - today).days <= days
        }

    for days in (0, 30, 60, 365):
        got = numbers(admin, expiring_within_days=days)
        assert got == oracle_expiring(days), days
    assert soon in numbers(admin, expiring_within_days=30)
    assert later not in numbers(admin, expiring_within_days=30)
    assert later in numbers(admin, expiring_within_days=60)
    assert draft_soon not in numbers(admin, expiring_within_days=60)

    expired = numbers(admin, expired="true")
    oracle_expired = {
        a["number"]
        for a in everything
        if a["status"] == "in_force" and a["end_date"] and date.fromisoformat(a["end_date"]) < today
    }
    assert expired == oracle_expired
    assert past in expired and ended_past not in expired and soon not in expired
    assert {a["number"] for a in everything if a["expired"]} == expired  # the derived flag agrees
    not_expired = numbers(admin, expired="false")
    assert not_expired == {a["number"] for a in everything} - expired
    assert KOTABDG in not_expired  # no end date at all


def test_bad_filter_values_are_422(admin: TestClient) -> None:
    assert_problem(admin.get(A, params={"category": "KSDX"}), 422, "query", "category")
    assert_problem(admin.get(A, params={"signed_year": "abc"}), 422, "query", "signed_year")
    assert_problem(admin.get(A, params={"lead_opd_id": "not-a-uuid"}), 422, "query", "lead_opd_id")
    assert_problem(admin.get(A, params={"sort": "created_at"}), 422, "query", "sort")
    assert_problem(admin.get(A, params={"limit": 0}), 422, "query", "limit")


# ================================================================ sorting and paging

SORTS = ["number", "-number", "title", "-title", "signed_date", "-signed_date", "end_date", "-end_date"]


def _c_collation(session: Session) -> bool:
    if session.get_bind().dialect.name != "postgresql":
        return True  # SQLite compares text with BINARY: code-point order, like Python
    coll = session.execute(
        text("SELECT datcollate FROM pg_database WHERE datname = current_database()")
    ).scalar()
    return str(coll).upper() in ("C", "POSIX", "C.UTF-8", "C.UTF8")


def _expected_order(items: list[dict[str, Any]], sort: str) -> list[str]:
    field_ = sort.lstrip("-")
    desc = sort.startswith("-")
    with_key = [a for a in items if a[field_] is not None]
    nulls = [a for a in items if a[field_] is None]
    with_key.sort(key=lambda a: (a[field_], uuid.UUID(a["id"])), reverse=desc)
    nulls.sort(key=lambda a: uuid.UUID(a["id"]), reverse=desc)  # NULLs last in both directions
    return [a["id"] for a in with_key + nulls]


@pytest.fixture
def with_ties_and_nulls(admin: TestClient, session: Session) -> None:
    """Rows that share a sort key (ties broken by id) and rows without dates (NULL keys)."""
    for i in range(3):
        create(admin, session, title="Judul sama untuk uji urutan", signed_date="2021-10-25")
        create(admin, session, title=f"Tanpa tanggal {i}")


@pytest.mark.parametrize("sort", SORTS)
def test_cursor_walk_returns_every_record_once_in_order(
    admin: TestClient, session: Session, sort: str, with_ties_and_nulls: None
) -> None:
    full = admin.get(A, params={"limit": 500, "sort": sort}).json()
    assert full["next_cursor"] is None
    ids_full = [a["id"] for a in full["items"]]
    walked: list[str] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 3, "sort": sort}
        if cursor:
            params["cursor"] = cursor
        r = admin.get(A, params=params)
        assert r.status_code == 200, r.text
        page = r.json()
        assert page["total"] == full["total"]
        walked += [a["id"] for a in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
        assert len(page["items"]) == 3
        assert pages < 100, "cursor does not advance"
    assert len(walked) == len(set(walked)) == full["total"]
    assert walked == ids_full
    field_ = sort.lstrip("-")
    if field_.endswith("_date") or _c_collation(session):
        assert walked == _expected_order(full["items"], sort)
    keys = [a[field_] for a in full["items"]]
    if field_.endswith("_date"):
        assert None in keys  # the walk crossed into the NULL tail
        first_null = keys.index(None)
        assert all(k is None for k in keys[first_null:])


def test_cursor_from_another_sort_is_422(admin: TestClient) -> None:
    cursor = admin.get(A, params={"limit": 3, "sort": "title"}).json()["next_cursor"]
    assert cursor
    assert_problem(
        admin.get(A, params={"limit": 3, "sort": "-title", "cursor": cursor}),
        422,
        "query",
        "cursor",
        code="cursor_invalid",
    )
    assert_problem(
        admin.get(A, params={"limit": 3, "sort": "number", "cursor": cursor}), 422, "query", "cursor"
    )
    assert_problem(admin.get(A, params={"limit": 3, "cursor": "bm90LWEtY3Vyc29y"}), 422, "query", "cursor")
    assert_problem(admin.get(A, params={"limit": 3, "cursor": "%%%"}), 422, "query", "cursor")


def test_filters_and_paging_combine(admin: TestClient) -> None:
    want = numbers(admin, category="KSDD", nature="WAJIB")
    got: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2, "category": "KSDD", "nature": "WAJIB", "sort": "-signed_date"}
        if cursor:
            params["cursor"] = cursor
        page = admin.get(A, params=params).json()
        assert page["total"] == len(want)
        got += [a["number"] for a in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert sorted(got) == sorted(want) and len(got) == len(set(got))


# ================================================================ PATCH / ETag


def _etag(client: TestClient, url: str) -> str:
    r = client.get(url)
    assert r.status_code == 200
    return r.headers["etag"]


def draft(admin: TestClient, session: Session, **overrides: Any) -> tuple[str, str]:
    """A new draft (editable: R31 locks signed texts): its URL and ETag."""
    r = create(admin, session, **overrides)
    return f"{A}/{r.json()['id']}", r.headers["etag"]


def test_patch_with_if_match_returns_new_etag(admin: TestClient, session: Session) -> None:
    url, etag = draft(admin, session)
    r = admin.patch(
        url,
        json={"title": "Judul baru PKS rujukan", "scope": "Rujukan gawat darurat"},
        headers={"If-Match": etag},
    )
    assert r.status_code == 200, r.text
    assert r.headers["etag"] != etag
    assert r.headers["etag"] == f'"{r.json()["version"]}"'
    stored = admin.get(url)
    assert (
        stored.json()["title"] == "Judul baru PKS rujukan"
        and stored.json()["scope"] == "Rujukan gawat darurat"
    )
    assert stored.headers["etag"] == r.headers["etag"]
    # the old ETag is now stale
    assert_problem(
        admin.patch(url, json={"title": "Lagi"}, headers={"If-Match": etag}), 412, code="precondition_failed"
    )
    assert admin.get(url).json()["title"] == "Judul baru PKS rujukan"


def test_patch_without_if_match_is_428_and_changes_nothing(admin: TestClient, session: Session) -> None:
    url, _ = draft(admin, session)
    before = admin.get(url).json()
    assert_problem(admin.patch(url, json={"title": "Tanpa If-Match"}), 428, code="precondition_required")
    after = admin.get(url).json()
    assert after["title"] == before["title"] and after["version"] == before["version"]


def test_patch_with_stale_if_match_is_412_and_changes_nothing(admin: TestClient, session: Session) -> None:
    url, _ = draft(admin, session)
    before = admin.get(url).json()
    r = admin.patch(url, json={"title": "Versi basi"}, headers={"If-Match": '"999"'})
    assert_problem(r, 412, code="precondition_failed")
    assert r.json()["current_version"] == before["version"]
    after = admin.get(url).json()
    assert after["title"] == before["title"] and after["version"] == before["version"]


@pytest.mark.parametrize(
    ("patch", "loc"),
    [
        ({"title": "Judul sah", "affair_codes": ["9.99"]}, ("affair_codes", 0)),
        ({"title": "Judul sah", "lead_opd_id": str(uuid.uuid4())}, ("lead_opd_id",)),
        ({"title": "Judul sah", "end_date": "2025-06-01"}, ("end_date",)),  # before the stored start_date
        ({"title": "Judul sah", "nature": None}, ("nature",)),  # KSDD needs a nature
        ({"title": None}, ("title",)),
        ({"title": "Judul sah", "status": "ended"}, ("status",)),  # not writable through PATCH
        (
            {"title": "Judul sah", "parties": [{"partner_id": str(uuid.uuid4())}]},
            ("parties", 0, "partner_id"),
        ),
    ],
    ids=["affair", "lead-opd", "term", "nature-null", "title-null", "status", "partner"],
)
def test_patch_error_persists_nothing(
    admin: TestClient, session: Session, patch: dict[str, Any], loc: tuple[str | int, ...]
) -> None:
    url, etag = draft(admin, session)
    before = admin.get(url)
    r = admin.patch(url, json=patch, headers={"If-Match": etag})
    assert_problem(r, 422, *loc)
    after = admin.get(url)
    assert after.headers["etag"] == before.headers["etag"] == etag
    assert after.json() == before.json()


def test_patch_nature_on_non_ksdd_is_422(admin: TestClient, session: Session) -> None:
    url, etag = draft(
        admin,
        session,
        category="KSDPK",
        nature=None,
        lead_opd_id=opd_id(session, "BAPENDA"),
        parties=[{"partner_id": bjb_id(session)}],
    )
    r = admin.patch(url, json={"nature": "WAJIB"}, headers={"If-Match": etag})
    assert_problem(r, 422, "nature", code="nature_only_ksdd")
    assert admin.get(url).json()["nature"] is None


def test_patch_of_lists_bumps_the_etag(client_for: Callable[[str], TestClient], session: Session) -> None:
    """Changing only affairs must produce a new version, or a concurrent writer's stale ETag still passes."""
    admin, secretariat = client_for("admin"), client_for("secretariat")
    url, etag = draft(admin, session)
    r = admin.patch(url, json={"affair_codes": ["1.02", "1.06"]}, headers={"If-Match": etag})
    assert r.status_code == 200, r.text
    assert r.json()["affair_codes"] == ["1.02", "1.06"]
    assert r.headers["etag"] != etag, "ETag unchanged after a change of affair_codes"
    # a second writer who read before the change must be refused
    lost = secretariat.patch(url, json={"affair_codes": ["2.11"]}, headers={"If-Match": etag})
    assert lost.status_code == 412, lost.text
    assert admin.get(url).json()["affair_codes"] == ["1.02", "1.06"]


def test_patch_lead_opd_is_reflected_in_the_response(admin: TestClient, session: Session) -> None:
    url, etag = draft(
        admin, session, lead_opd_id=opd_id(session, "DPUPR"), related_opd_ids=[opd_id(session, "BPBD")]
    )
    r = admin.patch(url, json={"lead_opd_id": opd_id(session, "DLH")}, headers={"If-Match": etag})
    assert r.status_code == 200, r.text
    assert admin.get(url).json()["lead_opd"]["code"] == "DLH"
    assert r.json()["lead_opd"]["code"] == "DLH", "the PATCH response shows the previous lead OPD"


def test_patch_parties_replaces_the_list(admin: TestClient, session: Session) -> None:
    """Lists given in a PATCH replace the stored lists, also when they keep an existing partner."""
    url, etag = draft(admin, session)  # parties: home region, Kota Bandung (32.73)
    kbb, kota_bdg = region_partner_id(session, "32.17"), region_partner_id(session, "32.73")
    parties = [
        {"partner_id": None, "signatory_title": "Kepala Dinas Kesehatan Kota Cimahi"},
        {
            "partner_id": kbb,
            "signatory_title": "Kepala Dinas Kesehatan KBB",
            "document_number": "445/PKS-1/2021",
        },
        {"partner_id": kota_bdg},
    ]
    r = admin.patch(url, json={"parties": parties}, headers={"If-Match": etag})
    assert r.status_code == 200, r.text[:300]
    stored = admin.get(url).json()
    assert [p["partner"]["id"] if p["partner"] else None for p in stored["parties"]] == [None, kbb, kota_bdg]
    assert stored["parties"][1]["document_number"] == "445/PKS-1/2021"
    assert stored["parties"][0]["signatory_title"] == "Kepala Dinas Kesehatan Kota Cimahi"


def test_patch_related_opds_and_affairs_replace(admin: TestClient, session: Session) -> None:
    url, etag = draft(
        admin,
        session,
        lead_opd_id=opd_id(session, "PEM"),
        related_opd_ids=[opd_id(session, "DPUPR"), opd_id(session, "DLH")],
        affair_codes=["2.11"],
    )
    r = admin.patch(
        url,
        json={
            "related_opd_ids": [opd_id(session, "DISHUB")],
            "affair_codes": ["2.15"],
            "title": "KB Kab. Bandung (ubah)",
        },
        headers={"If-Match": etag},
    )
    assert r.status_code == 200, r.text
    stored = admin.get(url).json()
    assert [o["code"] for o in stored["related_opds"]] == ["DISHUB"]
    assert stored["affair_codes"] == ["2.15"]


# ================================================================ R31: a signed text is locked


def _legacy_ended(admin: TestClient, session: Session) -> str:
    r = create(
        admin,
        session,
        is_legacy_import=True,
        status="ended",
        signed_date="2019-03-01",
        start_date="2019-03-01",
        end_date="2024-03-01",
    )
    return str(r.json()["id"])


def _in_dispute(admin: TestClient, session: Session) -> str:
    aid = agreement_id(session, DRAINASE)
    r = admin.post(
        f"{A}/{aid}/transitions",
        json={"action": "open_dispute", "reason": "Sengketa pembagian biaya"},
        headers={"If-Match": _etag(admin, f"{A}/{aid}")},
    )
    assert r.status_code == 200, r.text
    assert r.json()["stage"] == "dispute"
    return aid


SIGNED_TEXTS: dict[str, Callable[[TestClient, Session], str]] = {
    "in_force": lambda admin, session: agreement_id(session, RUJUKAN),
    "ended": _legacy_ended,
    "dispute": _in_dispute,
}
LOCKED_PATCHES = [
    ({"title": "Judul diubah setelah tanda tangan"}, ["title"]),
    ({"end_date": "2031-12-31"}, ["end_date"]),
    ({"affair_codes": ["1.02", "1.06"]}, ["affair_codes"]),
    ({"public": True, "scope": "Ruang lingkup baru"}, ["scope"]),  # the editable one is not named
    ({"parties": [{"partner_id": None}], "planning_reference": "RPJMD"}, ["parties"]),
]


@pytest.mark.parametrize("stage", list(SIGNED_TEXTS))
@pytest.mark.parametrize(
    ("patch", "locked"), LOCKED_PATCHES, ids=["title", "end-date", "affairs", "scope+public", "lists"]
)
def test_patch_of_locked_fields_of_a_signed_text_is_409_r31(
    admin: TestClient, session: Session, stage: str, patch: dict[str, Any], locked: list[str]
) -> None:
    aid = SIGNED_TEXTS[stage](admin, session)
    url = f"{A}/{aid}"
    before = admin.get(url)
    assert before.json()["stage"] == stage
    n_audit = len(_audit(admin, aid))
    r = admin.patch(url, json=patch, headers={"If-Match": before.headers["etag"]})
    assert_problem(r, 409, code="rule_blocked")
    body = r.json()
    assert body["code"] == "rule_blocked"
    assert [f["rule_id"] for f in body["findings"]] == ["R31"]
    finding = body["findings"][0]
    assert finding["severity"] == "BLOCK" and "Permendagri 22/2020" in finding["basis"]
    assert sorted(finding["fields"]) == sorted(locked)
    assert sorted(tuple(loc) for loc in locs(r)) == sorted(("body", f) for f in locked)
    after = admin.get(url)
    assert after.headers["etag"] == before.headers["etag"]
    assert after.json() == before.json()
    assert len(_audit(admin, aid)) == n_audit


@pytest.mark.parametrize("stage", list(SIGNED_TEXTS))
def test_patch_of_public_and_planning_reference_of_a_signed_text_is_allowed(
    admin: TestClient, session: Session, stage: str
) -> None:
    aid = SIGNED_TEXTS[stage](admin, session)
    url = f"{A}/{aid}"
    before = admin.get(url)
    public = not before.json()["public"]
    r = admin.patch(
        url,
        json={"public": public, "planning_reference": "RKPD Kota Cimahi 2026"},
        headers={"If-Match": before.headers["etag"]},
    )
    assert r.status_code == 200, r.text
    assert r.headers["etag"] != before.headers["etag"]
    after = admin.get(url).json()
    assert after["public"] is public and after["planning_reference"] == "RKPD Kota Cimahi 2026"
    moved = ("public", "planning_reference", "version", "updated_at")
    assert {k: v for k, v in after.items() if k not in moved} == {
        k: v for k, v in before.json().items() if k not in moved
    }
    assert _audit(admin, aid)[-1]["after"] == {
        "public": public,
        "planning_reference": "RKPD Kota Cimahi 2026",
    }


def test_r31_comes_after_role_and_scope(client_for: Callable[[str], TestClient], session: Session) -> None:
    """A caller who may not write at all gets 403/404, not the rule finding."""
    url = f"{A}/{agreement_id(session, RUJUKAN)}"
    etag = _etag(client_for("admin"), url)
    assert (
        client_for("viewer").patch(url, json={"title": "x y z"}, headers={"If-Match": etag}).status_code
        == 403
    )
    assert (
        client_for("opd_head").patch(url, json={"title": "x y z"}, headers={"If-Match": etag}).status_code
        == 404
    )
    r = client_for("opd_operator").patch(url, json={"title": "x y z"}, headers={"If-Match": etag})
    assert_problem(r, 409, "title", code="rule_blocked")


# ================================================================ DELETE and children


def test_delete_draft(admin: TestClient, session: Session) -> None:
    r = create(admin, session)
    url = f"{A}/{r.json()['id']}"
    assert_problem(admin.delete(url), 428)
    assert_problem(admin.delete(url, headers={"If-Match": '"7"'}), 412)
    assert admin.get(url).status_code == 200
    d = admin.delete(url, headers={"If-Match": r.headers["etag"]})
    assert d.status_code == 204, d.text
    assert d.content == b""
    assert_problem(admin.get(url), 404)
    assert r.json()["number"] not in numbers(admin)


def test_delete_in_force_is_409(admin: TestClient, session: Session) -> None:
    url = f"{A}/{agreement_id(session, RUJUKAN)}"
    r = admin.delete(url, headers={"If-Match": _etag(admin, url)})
    assert_problem(r, 409, code="agreement_not_draft")
    assert admin.get(url).status_code == 200


def test_delete_draft_with_children_is_409(admin: TestClient, session: Session) -> None:
    parent = create(admin, session)
    child = create(admin, session, kind="PKS", parent_id=parent.json()["id"])
    url = f"{A}/{parent.json()['id']}"
    assert_problem(
        admin.delete(url, headers={"If-Match": parent.headers["etag"]}), 409, code="agreement_has_children"
    )
    assert (
        admin.delete(f"{A}/{child.json()['id']}", headers={"If-Match": child.headers["etag"]}).status_code
        == 204
    )
    assert admin.delete(url, headers={"If-Match": parent.headers["etag"]}).status_code == 204


def test_children(admin: TestClient, session: Session) -> None:
    kbb = agreement_id(session, KBB)
    assert [a["number"] for a in admin.get(f"{A}/{kbb}/children").json()] == [RUJUKAN]
    new = create(admin, session, kind="PKS", parent_id=kbb, title="PKS kedua di bawah KB KBB").json()
    kids = admin.get(f"{A}/{kbb}/children").json()
    assert [a["number"] for a in kids] == [RUJUKAN, new["number"]]
    assert all(a["parent_id"] == kbb for a in kids)
    assert admin.get(f"{A}/{agreement_id(session, RUJUKAN)}/children").json() == []
    assert_problem(admin.get(f"{A}/{uuid.uuid4()}/children"), 404)
    assert numbers(admin, parent_id=kbb) == {RUJUKAN, new["number"]}


def test_unknown_and_malformed_ids(admin: TestClient) -> None:
    assert_problem(admin.get(f"{A}/{uuid.uuid4()}"), 404)
    assert_problem(admin.get(f"{A}/not-a-uuid"), 422, "path", "agreement_id")
    assert_problem(
        admin.patch(f"{A}/{uuid.uuid4()}", json={"title": "x y z"}, headers={"If-Match": '"1"'}), 404
    )


# ================================================================ idempotency


def test_idempotency_key_replays_the_first_response(admin: TestClient, session: Session) -> None:
    body = agreement_body(session, title="KB idempoten")
    key = f"uji-{uuid.uuid4()}"
    first = admin.post(A, json=body, headers={"Idempotency-Key": key})
    assert first.status_code == 201, first.text
    assert "idempotency-replayed" not in first.headers
    again = admin.post(A, json=body, headers={"Idempotency-Key": key})
    assert again.status_code == 201, again.text
    assert again.headers["idempotency-replayed"] == "true"
    assert again.json()["id"] == first.json()["id"] and again.json()["number"] == first.json()["number"]
    assert (
        again.headers["etag"] == first.headers["etag"]
        and again.headers["location"] == first.headers["location"]
    )
    assert numbers(admin, q="KB idempoten") == {first.json()["number"]}

    changed = admin.post(A, json={**body, "title": "KB idempoten lain"}, headers={"Idempotency-Key": key})
    assert_problem(changed, 422, code="idempotency_key_reused")
    assert numbers(admin, q="KB idempoten") == {first.json()["number"]}


def test_idempotency_key_is_per_user(client_for: Callable[[str], TestClient], session: Session) -> None:
    body = agreement_body(session, title="KB kunci bersama")
    key = f"uji-{uuid.uuid4()}"
    a = client_for("admin").post(A, json=body, headers={"Idempotency-Key": key})
    b = client_for("secretariat").post(A, json=body, headers={"Idempotency-Key": key})
    assert a.status_code == b.status_code == 201
    assert a.json()["id"] != b.json()["id"] and "idempotency-replayed" not in b.headers


def test_failed_request_with_idempotency_key_replays_the_error(admin: TestClient, session: Session) -> None:
    body = agreement_body(session, affair_codes=["9.99"])
    key = f"uji-{uuid.uuid4()}"
    first = admin.post(A, json=body, headers={"Idempotency-Key": key})
    assert first.status_code == 422
    again = admin.post(A, json=body, headers={"Idempotency-Key": key})
    assert again.status_code == 422 and again.headers["idempotency-replayed"] == "true"
    assert again.json() == first.json()


# ================================================================ audit


def _audit(admin: TestClient, entity_id: str) -> list[dict[str, Any]]:
    r = admin.get("/api/v1/audit", params={"entity_id": entity_id})
    assert r.status_code == 200, r.text
    return list(reversed(r.json()["items"]))  # oldest first


def test_create_update_delete_are_audited(admin: TestClient, session: Session) -> None:
    created = create(admin, session, title="KB untuk jejak audit")
    aid = created.json()["id"]
    url = f"{A}/{aid}"
    entries = _audit(admin, aid)
    assert [e["action"] for e in entries] == ["create"]
    assert entries[0]["entity_type"] == "agreement" and entries[0]["actor_username"] == "admin"
    assert entries[0]["before"] is None and entries[0]["after"]["title"] == "KB untuk jejak audit"

    upd = admin.patch(
        url, json={"title": "KB untuk jejak audit (ubah)"}, headers={"If-Match": created.headers["etag"]}
    )
    assert upd.status_code == 200
    entries = _audit(admin, aid)
    assert [e["action"] for e in entries] == ["create", "update"]
    assert entries[1]["before"] == {"title": "KB untuk jejak audit"}
    assert entries[1]["after"] == {"title": "KB untuk jejak audit (ubah)"}

    assert admin.delete(url, headers={"If-Match": upd.headers["etag"]}).status_code == 204
    entries = _audit(admin, aid)
    assert [e["action"] for e in entries] == ["create", "update", "delete"]
    assert entries[2]["after"] is None and entries[2]["before"]["title"] == "KB untuk jejak audit (ubah)"
    seqs = [e["seq"] for e in entries]
    assert seqs == sorted(seqs) and len({e["hash"] for e in entries}) == 3


def test_failed_write_is_not_audited(admin: TestClient, session: Session) -> None:
    url, etag = draft(admin, session)
    aid = url.rsplit("/", 1)[1]
    signed_id = agreement_id(session, RUJUKAN)
    signed = f"{A}/{signed_id}"
    n, n_signed = len(_audit(admin, aid)), len(_audit(admin, signed_id))
    assert (
        admin.patch(url, json={"title": "Tidak tersimpan"}, headers={"If-Match": '"999"'}).status_code == 412
    )
    r = admin.patch(
        url, json={"title": "Tidak tersimpan", "affair_codes": ["9.99"]}, headers={"If-Match": etag}
    )
    assert r.status_code == 422
    r = admin.patch(signed, json={"title": "Tidak tersimpan"}, headers={"If-Match": _etag(admin, signed)})
    assert r.status_code == 409  # R31
    assert admin.delete(signed, headers={"If-Match": _etag(admin, signed)}).status_code == 409
    assert len(_audit(admin, aid)) == n and len(_audit(admin, signed_id)) == n_signed


def test_patch_of_lists_is_audited(admin: TestClient, session: Session) -> None:
    url, etag = draft(admin, session)
    aid = url.rsplit("/", 1)[1]
    r = admin.patch(url, json={"affair_codes": ["1.02", "1.06"]}, headers={"If-Match": etag})
    assert r.status_code == 200, r.text
    last = _audit(admin, aid)[-1]
    assert last["action"] == "update"
    assert last["before"] == {"affair_codes": ["1.02"]} and last["after"] == {
        "affair_codes": ["1.02", "1.06"]
    }


def test_wajib_and_sukarela_start_with_pp_28_2018(admin: TestClient, session: Session) -> None:
    """PP 28/2018 Pasal 3 created the WAJIB/SUKARELA natures: a legacy KSDD text signed before 2018 (PP
    50/2007) may have none; any later KSDD text needs one (the demo's 2014 PKS with Kota Bandung has none)."""
    kotabdg = admin.get(f"{A}/{agreement_id(session, KOTABDG)}").json()
    assert kotabdg["nature"] is None and kotabdg["signed_date"] == "2014-04-03"
    old = {"is_legacy_import": True, "status": "in_force", "nature": None}
    r = admin.post(A, json=agreement_body(session, **old, signed_date="2017-12-31", start_date="2017-12-31"))
    assert r.status_code == 201, r.text
    assert r.json()["nature"] is None
    r = admin.post(A, json=agreement_body(session, **old, signed_date="2018-06-01", start_date="2018-06-01"))
    assert_problem(r, 422, "body", "nature")
    r = admin.post(A, json=agreement_body(session, nature=None))
    assert_problem(r, 422, "body", "nature")
