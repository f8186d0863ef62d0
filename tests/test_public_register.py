"""The public register (issue 14 item 2): no sign-in, only public signed texts, no personal data,
public files only, filters and keyset paging, counts, caching and the per-address rate limit."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Connection, event
from sqlalchemy.orm import Session

from kerjasama.core.config import Settings
from kerjasama.core.db import Database
from kerjasama.demo import PUBLIC_DEMO
from kerjasama.main import create_app
from kerjasama.public_register.http import TokenBucket
from tests.fixtures.factories import agreement_id, region_partner_id
from tests.scope_rows.documents import form, pdf

P = "/api/v1/public"
KBB = "DEMO/KB/2020/KBB"
BJB_QRIS = "DEMO/PKS/2024/BJB-QRIS"
# personal names in the demo data (signatories, a partner contact) that must never reach the public
PERSONAL = ("Ajay M. Priatna", "Aa Umbara Sutisna", "Ngatiyana", "Dadang Supriatna", "Kantor Cabang Cimahi")


def _all(c: TestClient, **params: Any) -> list[dict[str, Any]]:
    r = c.get(f"{P}/agreements", params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    items: list[dict[str, Any]] = r.json()["items"]
    return items


def test_anonymous_reads_only_public_signed_texts(anon: TestClient) -> None:
    items = _all(anon)
    numbers = {a["number"] for a in items}
    assert numbers == set(PUBLIC_DEMO)
    assert {a["status"] for a in items} <= {"signed", "in_force", "ended"}
    assert all(a["ocid"] and a["ocid"].endswith(a["id"]) for a in items)


def test_no_personal_data_in_list_detail_or_stats(anon: TestClient, session: Session) -> None:
    texts = [anon.get(f"{P}/agreements", params={"limit": 500}).text, anon.get(f"{P}/stats").text]
    for number in PUBLIC_DEMO:
        r = anon.get(f"{P}/agreements/{agreement_id(session, number)}")
        assert r.status_code == 200, r.text
        texts.append(r.text)
        assert all("signatory_name" not in p for p in r.json()["parties"])
    for text in texts:
        for name in PERSONAL:
            assert name not in text, name
    detail = anon.get(f"{P}/agreements/{agreement_id(session, KBB)}").json()
    assert [p["signatory_title"] for p in detail["parties"]] == ["Wali Kota Cimahi", "Bupati Bandung Barat"]


def test_draft_cancelled_and_non_public_texts_are_404(
    anon: TestClient, admin: TestClient, session: Session
) -> None:
    assert anon.get(f"{P}/agreements/{agreement_id(session, BJB_QRIS)}").status_code == 404
    draft = admin.post(
        "/api/v1/agreements",
        json={
            "kind": "KB",
            "category": "KSDD",
            "nature": "SUKARELA",
            "title": "Draf yang ditandai publik",
            "lead_opd_id": admin.get(f"/api/v1/agreements/{agreement_id(session, KBB)}").json()["lead_opd"][
                "id"
            ],
            "affair_codes": ["1.02"],
            "parties": [{"partner_id": region_partner_id(session, "32.73")}],
            "public": True,
        },
    )
    assert draft.status_code == 201, draft.text
    assert draft.json()["public"] is True
    r = anon.get(f"{P}/agreements/{draft.json()['id']}")
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "not_found"
    assert draft.json()["id"] not in {a["id"] for a in _all(anon)}
    # withdrawing a published text takes it off the register at once
    kbb = f"/api/v1/agreements/{agreement_id(session, KBB)}"
    etag = admin.get(kbb).headers["etag"]
    assert admin.patch(kbb, json={"public": False}, headers={"If-Match": etag}).status_code == 200
    assert anon.get(f"{P}/agreements/{agreement_id(session, KBB)}").status_code == 404


def test_only_the_secretariat_and_admin_publish(
    client_for: Callable[[str], TestClient], session: Session
) -> None:
    url = f"/api/v1/agreements/{agreement_id(session, 'DEMO/PKS/2021/RUJUKAN-KBB')}"
    operator = client_for("opd_operator")  # DINKES leads RUJUKAN: may edit it, not publish it
    etag = operator.get(url).headers["etag"]
    r = operator.patch(url, json={"public": False}, headers={"If-Match": etag})
    assert r.status_code == 403 and r.json()["code"] == "role_forbidden"
    assert ["body", "public"] in [e["loc"] for e in r.json()["errors"]]
    sec = client_for("secretariat")
    r = sec.patch(url, json={"public": False}, headers={"If-Match": etag})
    assert r.status_code == 200 and r.json()["public"] is False
    caps = client_for("secretariat").get("/api/v1/auth/me").json()["capabilities"]
    assert {"agreements:publish", "documents:publish"} <= set(caps)
    assert "agreements:publish" not in operator.get("/api/v1/auth/me").json()["capabilities"]


def test_filters(anon: TestClient, session: Session) -> None:
    everything = _all(anon)
    assert {a["category"] for a in _all(anon, category="SINERGI")} == {"SINERGI"}
    assert {a["number"] for a in _all(anon, kind="ADENDUM")} == {"DEMO/ADD/2021/LEGOKNANGKA"}
    assert {a["status"] for a in _all(anon, status="in_force")} == {"in_force"}
    kbb = region_partner_id(session, "32.17")
    with_kbb = _all(anon, partner_id=kbb)
    assert with_kbb and all(kbb in {p["id"] for p in a["partners"]} for a in with_kbb)
    health = _all(anon, affair_code="1.02")
    assert health and all("1.02" in {x["code"] for x in a["affairs"]} for a in health)
    assert {a["number"] for a in _all(anon, signed_year=2023)} == {"DEMO/KB/2023/GARUT"}
    assert {a["number"] for a in _all(anon, q="garut")} >= {"DEMO/KB/2023/GARUT", "DEMO/PKS/2024/CABAI"}
    assert {a["number"] for a in _all(anon, q="bank bjb")} == {"DEMO/KB/2024/BJB"}  # partner name
    assert len(_all(anon, q="tidak-ada-yang-cocok")) == 0
    assert len(everything) == len(PUBLIC_DEMO)
    bad = anon.get(f"{P}/agreements", params={"status": "draft"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["query", "status"]


def test_keyset_paging_walks_every_row_once(anon: TestClient) -> None:
    for sort in ("-signed_date", "number", "title", "end_date"):
        seen: list[str] = []
        cursor = None
        while True:
            params: dict[str, Any] = {"limit": 2, "sort": sort}
            if cursor:
                params["cursor"] = cursor
            body = anon.get(f"{P}/agreements", params=params).json()
            assert body["total"] == len(PUBLIC_DEMO)
            seen += [a["number"] for a in body["items"]]
            cursor = body["next_cursor"]
            if not cursor:
                break
        assert sorted(seen) == sorted(PUBLIC_DEMO), sort
    assert [a["number"] for a in _all(anon, sort="number")] == sorted(PUBLIC_DEMO)


def test_stats_count_the_register(anon: TestClient) -> None:
    stats = anon.get(f"{P}/stats").json()
    items = _all(anon)
    assert stats["total"] == len(items)
    for field, key in (("by_category", "category"), ("by_status", "status")):
        want: dict[str, int] = {}
        for a in items:
            want[a[key]] = want.get(a[key], 0) + 1
        assert {c["key"]: c["count"] for c in stats[field]} == want
    assert sum(c["count"] for c in stats["by_year"]) == len(items)
    assert [c["key"] for c in stats["by_year"]] == sorted((c["key"] for c in stats["by_year"]), reverse=True)
    partners = {c["partner"]["name"]: c["count"] for c in stats["by_partner"]}
    assert partners["Kabupaten Garut"] == len(
        _all(
            anon,
            partner_id=next(
                c["partner"]["id"] for c in stats["by_partner"] if c["partner"]["name"] == "Kabupaten Garut"
            ),
        )
    )
    assert all(c["count"] == len(_all(anon, affair_code=c["affair"]["code"])) for c in stats["by_affair"])


def test_caching_etag_and_304(anon: TestClient, session: Session) -> None:
    for url in (f"{P}/agreements", f"{P}/stats", f"{P}/agreements/{agreement_id(session, KBB)}"):
        r = anon.get(url)
        assert r.status_code == 200
        assert r.headers["cache-control"].startswith("public, max-age=")
        etag = r.headers["etag"]
        again = anon.get(url, headers={"If-None-Match": etag})
        assert again.status_code == 304 and again.content == b"" and again.headers["etag"] == etag
        assert anon.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


def test_the_etag_changes_with_the_register(anon: TestClient, admin: TestClient, session: Session) -> None:
    before = anon.get(f"{P}/stats").headers["etag"]
    url = f"/api/v1/agreements/{agreement_id(session, BJB_QRIS)}"
    r = admin.patch(url, json={"public": True}, headers={"If-Match": admin.get(url).headers["etag"]})
    assert r.status_code == 200
    after = anon.get(f"{P}/stats", headers={"If-None-Match": before})
    assert after.status_code == 200 and after.headers["etag"] != before
    assert BJB_QRIS in {a["number"] for a in _all(anon)}


def test_files_only_when_marked_public(
    anon: TestClient, admin: TestClient, client_for: Callable[[str], TestClient], session: Session
) -> None:
    kbb = agreement_id(session, KBB)
    content = pdf("naskah publik")
    up = admin.post(f"/api/v1/agreements/{kbb}/documents", **form(content, doc_type="SIGNED_TEXT"))
    assert up.status_code == 201, up.text
    doc = up.json()
    assert doc["public"] is False
    assert anon.get(f"{P}/agreements/{kbb}").json()["documents"] == []
    assert anon.get(f"{P}/documents/{doc['id']}/file").status_code == 404
    # a TKKSD member may upload but not publish; the secretariat may, even on a locked signed text
    tkksd = client_for("tkksd")
    r = tkksd.patch(
        f"/api/v1/documents/{doc['id']}", json={"public": True}, headers={"If-Match": up.headers["etag"]}
    )
    assert r.status_code == 403 and ["body", "public"] in [e["loc"] for e in r.json()["errors"]]
    r = client_for("secretariat").patch(
        f"/api/v1/documents/{doc['id']}", json={"public": True}, headers={"If-Match": up.headers["etag"]}
    )
    assert r.status_code == 200 and r.json()["public"] is True and r.json()["shared"] is False
    listed = anon.get(f"{P}/agreements/{kbb}").json()["documents"]
    assert [d["id"] for d in listed] == [doc["id"]]
    assert "uploaded_by_username" not in listed[0] and "original_filename" not in listed[0]
    f = anon.get(listed[0]["file_url"])
    assert f.status_code == 200 and f.content == content
    assert f.headers["content-type"] == "application/pdf" and f.headers["cache-control"].startswith("public")
    assert anon.get(listed[0]["file_url"], headers={"If-None-Match": f.headers["etag"]}).status_code == 304
    # a public document of a text that is not public stays hidden
    qris = agreement_id(session, BJB_QRIS)
    up2 = admin.post(f"/api/v1/agreements/{qris}/documents", **form(pdf("qris")))
    admin.patch(
        f"/api/v1/documents/{up2.json()['id']}",
        json={"public": True},
        headers={"If-Match": up2.headers["etag"]},
    )
    assert anon.get(f"{P}/documents/{up2.json()['id']}/file").status_code == 404


@pytest.fixture
def limited(settings: Settings, database: Database) -> Iterator[tuple[TestClient, list[float]]]:
    """An app whose open-data bucket holds 3 requests and refills 1 a minute, on a clock the test moves."""
    app: FastAPI = create_app(settings, database, spa_dir=Path("/nonexistent"))
    now = [1000.0]
    app.state.open_data_limiter = TokenBucket(rate_per_minute=1, burst=3, clock=lambda: now[0])
    with TestClient(app, base_url="https://testserver") as c:
        yield c, now


def test_rate_limit_per_address(limited: tuple[TestClient, list[float]]) -> None:
    c, now = limited
    for _ in range(3):
        assert c.get(f"{P}/stats").status_code == 200
    r = c.get(f"{P}/agreements")
    assert r.status_code == 429 and r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "rate_limited" and r.headers["retry-after"] == "60"
    now[0] += 30
    assert c.get(f"{P}/stats").headers["retry-after"] == "30"
    now[0] += 30
    assert c.get(f"{P}/stats").status_code == 200
    assert c.get("/healthz").status_code == 200  # only the open-data endpoints are limited


def test_bucket_keys_are_independent() -> None:
    bucket = TokenBucket(rate_per_minute=60, burst=1, clock=lambda: 0.0)
    assert bucket.take("10.0.0.1") == 0.0
    assert bucket.take("10.0.0.1") == pytest.approx(1.0)
    assert bucket.take("10.0.0.2") == 0.0


# ---------------------------------------------------------------- statement counts

HARNESS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")
# count + page + lead OPDs + parties + partners + affairs (no principal lookup: no sign-in)
PUBLIC_LIST_BOUND = 6


def test_public_list_statement_count_does_not_grow(
    anon: TestClient, admin: TestClient, connection: Connection, session: Session
) -> None:
    for number in ("DEMO/PKS/2024/BJB-QRIS", "DEMO/PKS/2022/DRAINASE", "DEMO/PKS/2014/KOTABDG"):
        url = f"/api/v1/agreements/{agreement_id(session, number)}"
        r = admin.patch(url, json={"public": True}, headers={"If-Match": admin.get(url).headers["etag"]})
        assert r.status_code == 200, r.text
    statements: list[str] = []

    def rec(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.lstrip().upper().startswith(HARNESS):
            statements.append(statement)

    event.listen(connection, "before_cursor_execute", rec)
    try:
        counts = []
        for limit in (2, 12):
            statements.clear()
            body = anon.get(f"{P}/agreements", params={"limit": limit, "q": "a"}).json()
            assert len(body["items"]) == min(limit, body["total"])
            counts.append(len(statements))
    finally:
        event.remove(connection, "before_cursor_execute", rec)
    assert counts[0] == counts[1] <= PUBLIC_LIST_BOUND, statements
