"""Regions, affairs and OPDs."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient


def test_regions_seeded_filtered_and_paged(secretariat: TestClient) -> None:
    r = secretariat.get("/api/v1/regions", params={"province_code": "32", "limit": 500})
    body = r.json()
    assert body["total"] == 28  # the province itself + 27 kabupaten/kota
    kota = secretariat.get("/api/v1/regions", params={"type": "kota", "limit": 500}).json()
    assert kota["total"] == 9
    by_code = {x["code"]: x for x in body["items"]}
    assert by_code["32.77"]["name"] == "Kota Cimahi"
    assert {c for c, x in by_code.items() if x["borders_home_region"]} == {"32.04", "32.17", "32.73"}
    q = secretariat.get("/api/v1/regions", params={"q": "bandung"}).json()
    assert {x["code"] for x in q["items"]} == {"32.04", "32.17", "32.73"}
    seen: list[str] = []
    cursor = None
    while True:
        page = secretariat.get(
            "/api/v1/regions", params={"limit": 7, **({"cursor": cursor} if cursor else {})}
        ).json()
        seen += [x["code"] for x in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert seen == sorted(by_code)
    assert secretariat.get("/api/v1/regions", params={"type": "desa"}).status_code == 422


def test_affairs_seeded(secretariat: TestClient) -> None:
    affairs = secretariat.get("/api/v1/affairs").json()
    codes = [a["code"] for a in affairs]
    assert "1.02" in codes
    assert "3.32" in codes
    assert len(codes) == 37
    health = secretariat.get("/api/v1/affairs", params={"q": "kesehatan"}).json()
    assert [a["code"] for a in health] == ["1.02"]


def test_opd_writes_are_admin_only(client_for: Callable[[str], TestClient]) -> None:
    body = {"code": "DISKOMINFO", "name": "Dinas Komunikasi dan Informatika", "abbreviation": "Diskominfo"}
    for role in ("secretariat", "tkksd", "opd_head", "opd_operator", "viewer"):
        assert client_for(role).post("/api/v1/opds", json=body).status_code == 403, role
    admin = client_for("admin")
    r = admin.post("/api/v1/opds", json=body)
    assert r.status_code == 201, r.text
    assert r.headers["location"] == f"/api/v1/opds/{r.json()['id']}"
    dup = admin.post("/api/v1/opds", json=body)
    assert dup.status_code == 409
    assert dup.json()["errors"][0]["loc"] == ["body", "code"]
    bad = admin.post("/api/v1/opds", json={**body, "code": "has space", "extra": 1})
    assert bad.status_code == 422
    locs = {tuple(e["loc"]) for e in bad.json()["errors"]}
    assert ("body", "code") in locs
    assert ("body", "extra") in locs
    listed = client_for("viewer").get("/api/v1/opds", params={"q": "kominfo"}).json()
    assert [o["code"] for o in listed] == ["DISKOMINFO"]
