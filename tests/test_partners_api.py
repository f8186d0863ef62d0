"""Partners API: types and their fields, one partner per region, duplicate detection, list filters and
paging, ETag/If-Match, safe delete and contacts. Each test runs in a rolled-back transaction."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.orm import Session

from tests.fixtures.factories import region_partner_id, third_party_body

P = "/api/v1/partners"


@pytest.fixture
def admin(client_for: Callable[[str], TestClient]) -> TestClient:
    return client_for("admin")


def uniq() -> str:
    return uuid.uuid4().hex[:8]


def digits(n: int) -> str:
    return str(uuid.uuid4().int)[:n].rjust(n, "7")


def post(client: TestClient, body: dict[str, Any], **params: Any) -> Any:
    return client.post(P, json=body, params=params)


def created(client: TestClient, body: dict[str, Any], **params: Any) -> dict[str, Any]:
    r = post(client, body, **params)
    assert r.status_code == 201, r.text
    assert r.headers["etag"] == '"1"' and r.headers["location"] == f"{P}/{r.json()['id']}"
    data: dict[str, Any] = r.json()
    return data


def assert_problem(r: Any, status: int, code: str | None = None) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = r.json()
    if code:
        assert code in {body["code"], *(e["code"] for e in body["errors"])}, body
    return body


def total(client: TestClient) -> int:
    return int(client.get(P, params={"limit": 1}).json()["total"])


# ================================================================ create by type


def test_create_region_partner(admin: TestClient) -> None:
    p = created(admin, {"type": "REGION", "region_code": "32.74"})
    assert p["name"] == "Kota Cirebon"  # defaults to the region's name
    assert p["region_code"] == "32.74" and p["country_code"] == "ID"
    assert p["third_party_kind"] is None and p["nib"] is None
    assert admin.get(f"{P}/{p['id']}").json() == p


def test_the_list_names_each_region_and_none_for_other_partners(admin: TestClient) -> None:
    """The partner list shows region names, not codes ("32.04"): each row carries its region's name."""
    region = created(admin, {"type": "REGION", "region_code": "32.09"})
    other = created(admin, third_party_body())
    assert region["region_name"] == "Kabupaten Cirebon" and other["region_name"] is None
    rows = {p["id"]: p for p in admin.get(P, params={"limit": 500}).json()["items"]}
    assert rows[region["id"]]["region_name"] == "Kabupaten Cirebon"
    assert rows[other["id"]]["region_name"] is None
    renamed = admin.get(f"{P}/{region['id']}").json()
    assert renamed["region_name"] == "Kabupaten Cirebon"


def test_create_third_party_business_with_identifiers_and_contacts(admin: TestClient) -> None:
    nib, npwp = digits(13), digits(15)
    npwp_punct = f"{npwp[:2]}.{npwp[2:5]}.{npwp[5:8]}.{npwp[8]}-{npwp[9:12]}.{npwp[12:]}"
    p = created(
        admin,
        third_party_body(
            name=f"PT Air Bersih {uniq()}",
            business_form="bumd",
            nib=nib,
            npwp=npwp_punct,
            address="Jl. Uji 1",
            contacts=[
                {"name": "Ani", "title": "Direktur", "email": "ani@contoh.id", "phone": "+62 22 123456"},
                {"name": "Budi"},
            ],
        ),
    )
    assert (
        p["type"] == "THIRD_PARTY"
        and p["third_party_kind"] == "business_entity"
        and p["business_form"] == "bumd"
    )
    assert p["nib"] == nib and p["npwp"] == npwp  # punctuation stripped
    assert p["country_code"] == "ID" and p["address"] == "Jl. Uji 1" and p["is_bankrupt"] is False
    assert [(c["name"], c["email"], c["phone"]) for c in p["contacts"]] == [
        ("Ani", "ani@contoh.id", "+62 22 123456"),
        ("Budi", None, None),
    ]
    assert all(uuid.UUID(c["id"]) for c in p["contacts"])


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ({"type": "THIRD_PARTY", "third_party_kind": "individual"}, {"business_form": None}),
        (
            {"type": "THIRD_PARTY", "third_party_kind": "civil_organisation", "business_form": "yayasan"},
            {"business_form": "yayasan"},
        ),
        ({"type": "FOREIGN_GOVERNMENT", "country_code": "jp"}, {"country_code": "JP"}),
        ({"type": "FOREIGN_INSTITUTION", "country_code": "DE"}, {"country_code": "DE"}),
        ({"type": "CENTRAL_GOVERNMENT"}, {"country_code": "ID", "third_party_kind": None}),
    ],
    ids=[
        "individual",
        "civil-organisation",
        "foreign-government",
        "foreign-institution",
        "central-government",
    ],
)
def test_create_each_type(admin: TestClient, body: dict[str, Any], expected: dict[str, Any]) -> None:
    name = f"Mitra Uji {body['type']} {uniq()}"
    p = created(admin, {**body, "name": name})
    assert p["type"] == body["type"] and p["name"] == name
    for k, v in expected.items():
        assert p[k] == v, (k, p)
    assert p["region_code"] is None


# ================================================================ wrong fields for the type

WRONG = [
    ("region-without-code", {"type": "REGION"}, "region_code is required"),
    ("region-code-on-third-party", third_party_body(region_code="32.73"), "region_code is only for REGION"),
    (
        "third-party-without-kind",
        {"type": "THIRD_PARTY", "name": "PT Tanpa Jenis"},
        "third_party_kind is required",
    ),
    ("form-of-other-kind", third_party_body(business_form="yayasan"), "business_form for business_entity"),
    ("business-without-form", third_party_body(business_form=None), "business_form for business_entity"),
    (
        "individual-with-form",
        third_party_body(third_party_kind="individual", business_form="pt"),
        "individual has no business_form",
    ),
    (
        "nib-on-central-gov",
        {"type": "CENTRAL_GOVERNMENT", "name": "Kementerian Uji", "nib": "1234567890123"},
        "only for THIRD_PARTY",
    ),
    (
        "kind-on-foreign",
        {
            "type": "FOREIGN_INSTITUTION",
            "name": "Uni Uji",
            "country_code": "DE",
            "third_party_kind": "individual",
        },
        "only for THIRD_PARTY",
    ),
    (
        "foreign-without-country",
        {"type": "FOREIGN_GOVERNMENT", "name": "Kota Asing"},
        "country_code is required",
    ),
    (
        "foreign-with-id",
        {"type": "FOREIGN_GOVERNMENT", "name": "Kota Asing", "country_code": "ID"},
        "cannot be ID",
    ),
    (
        "country-on-central-gov",
        {"type": "CENTRAL_GOVERNMENT", "name": "Kementerian Uji", "country_code": "JP"},
        "only for foreign partners",
    ),
    ("no-name", {"type": "CENTRAL_GOVERNMENT"}, "name is required"),
]


@pytest.mark.parametrize(("case", "body", "rule"), WRONG, ids=[w[0] for w in WRONG])
def test_wrong_fields_for_type_are_422_naming_the_rule(
    admin: TestClient, case: str, body: dict[str, Any], rule: str
) -> None:
    before = total(admin)
    problem = assert_problem(post(admin, body), 422)
    assert any(rule in e["msg"] for e in problem["errors"]), problem["errors"]
    assert total(admin) == before


@pytest.mark.parametrize(
    ("override", "loc"),
    [
        ({"nib": "123456789012"}, ["body", "nib"]),
        ({"npwp": "12.345.678.9-012"}, ["body", "npwp"]),
        ({"type": "NGO"}, ["body", "type"]),
        ({"third_party_kind": "company"}, ["body", "third_party_kind"]),
        ({"bogus": True}, ["body", "bogus"]),
        ({"contacts": [{"name": "Ani", "email": "bukan-email"}]}, ["body", "contacts", "0", "email"]),
        ({"contacts": [{"name": "Ani", "phone": "telepon"}]}, ["body", "contacts", "0", "phone"]),
        (
            {
                "type": "FOREIGN_GOVERNMENT",
                "third_party_kind": None,
                "business_form": None,
                "country_code": "JPN",
            },
            ["body", "country_code"],
        ),
    ],
    ids=["nib", "npwp", "type", "kind", "unknown-field", "email", "phone", "country"],
)
def test_field_shape_errors_name_the_field(
    admin: TestClient, override: dict[str, Any], loc: list[str]
) -> None:
    problem = assert_problem(post(admin, third_party_body(**override)), 422)
    assert loc in [[str(p) for p in e["loc"]] for e in problem["errors"]], problem["errors"]


def test_region_with_unknown_code_is_422(admin: TestClient) -> None:
    problem = assert_problem(post(admin, {"type": "REGION", "region_code": "99.99"}), 422, "region_unknown")
    assert ["body", "region_code"] in [e["loc"] for e in problem["errors"]]


@pytest.mark.parametrize("force", [False, True])
def test_second_partner_for_a_region_is_409_even_with_force(
    admin: TestClient, session: Session, force: bool
) -> None:
    existing = region_partner_id(session, "32.73")
    before = total(admin)
    params = {"force": "true"} if force else {}
    problem = assert_problem(
        post(admin, {"type": "REGION", "region_code": "32.73", "name": "Pemkot Bandung"}, **params),
        409,
        "partner_region_exists",
    )
    assert problem["existing_id"] == existing
    assert total(admin) == before


# ================================================================ duplicates


def test_duplicate_by_normalised_name(admin: TestClient) -> None:
    x = f"Sentosa{uniq()}"
    first = created(admin, third_party_body(name=f"PT Bank {x} Tbk"))
    before = total(admin)
    problem = assert_problem(
        post(admin, third_party_body(name=f"bank {x.lower()}")), 409, "partner_duplicate"
    )
    assert problem["existing_id"] == first["id"]
    assert problem["duplicates"][0]["matched_on"] == "name"
    assert total(admin) == before
    forced = created(admin, third_party_body(name=f"bank {x.lower()}"), force="true")
    assert forced["id"] != first["id"]
    assert total(admin) == before + 1


def test_duplicate_by_nib(admin: TestClient) -> None:
    nib = digits(13)
    first = created(admin, third_party_body(nib=nib))
    problem = assert_problem(
        post(admin, third_party_body(nib=f"{nib[:4]} {nib[4:]}")), 409, "partner_duplicate"
    )
    assert problem["existing_id"] == first["id"]
    assert {d["matched_on"] for d in problem["duplicates"]} == {"nib"}
    created(admin, third_party_body(nib=nib), force="true")


def test_duplicate_by_npwp(admin: TestClient) -> None:
    npwp = digits(16)
    first = created(admin, third_party_body(npwp=npwp))
    problem = assert_problem(
        post(admin, third_party_body(npwp=f"{npwp[:2]}.{npwp[2:]}")), 409, "partner_duplicate"
    )
    assert problem["existing_id"] == first["id"]
    assert {d["matched_on"] for d in problem["duplicates"]} == {"npwp"}
    created(admin, third_party_body(npwp=npwp), force="true")


def test_different_names_are_not_duplicates(admin: TestClient) -> None:
    created(admin, third_party_body(name=f"PT Maju {uniq()}"))
    created(admin, third_party_body(name=f"PT Maju {uniq()}"))


# ================================================================ list


def _c_collation(session: Session) -> bool:
    if session.get_bind().dialect.name != "postgresql":
        return True
    coll = session.execute(
        text("SELECT datcollate FROM pg_database WHERE datname = current_database()")
    ).scalar()
    return str(coll).upper() in ("C", "POSIX", "C.UTF-8", "C.UTF8")


def test_list_filters_and_search(admin: TestClient) -> None:
    tag = uniq()
    jp = created(admin, {"type": "FOREIGN_GOVERNMENT", "name": f"Kota Kembar {tag}", "country_code": "JP"})
    nib = digits(13)
    tp = created(admin, third_party_body(name=f"CV Cari Saya {tag}", nib=nib))

    def names(**params: Any) -> set[str]:
        r = admin.get(P, params={"limit": 500, **params})
        assert r.status_code == 200, r.text
        assert r.json()["total"] == len(r.json()["items"])
        return {p["name"] for p in r.json()["items"]}

    regions = admin.get(P, params={"type": "REGION", "limit": 500}).json()["items"]
    assert {p["type"] for p in regions} == {"REGION"}
    assert {"32", "32.04", "32.05", "32.11", "32.17", "32.73"} <= {p["region_code"] for p in regions}
    assert names(region_code="32.73") == {"Kota Bandung"}
    assert names(country_code="jp") == {jp["name"]}
    assert names(q=tag) == {jp["name"], tp["name"]}
    assert names(q=f"cari saya {tag}".upper()) == {tp["name"]}
    assert names(q=nib) == {tp["name"]}
    assert names(type="CENTRAL_GOVERNMENT") >= {"Kejaksaan Negeri Cimahi"}
    assert jp["name"] not in names(type="THIRD_PARTY")


@pytest.mark.parametrize("sort", ["name", "-name"])
def test_list_paging_walks_every_partner_once_in_order(
    admin: TestClient, session: Session, sort: str
) -> None:
    for i in range(3):
        created(admin, third_party_body(name=f"PT Halaman {i} {uniq()}"))
    full = admin.get(P, params={"limit": 500, "sort": sort}).json()
    walked: list[str] = []
    cursor = None
    while True:
        params: dict[str, Any] = {"limit": 2, "sort": sort}
        if cursor:
            params["cursor"] = cursor
        page = admin.get(P, params=params).json()
        walked += [p["id"] for p in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
        assert len(walked) <= full["total"], "cursor does not advance"
    assert walked == [p["id"] for p in full["items"]]
    assert len(set(walked)) == full["total"] >= 11
    if _c_collation(session):
        expected = sorted(
            full["items"], key=lambda p: (p["name"], uuid.UUID(p["id"])), reverse=sort.startswith("-")
        )
        assert walked == [p["id"] for p in expected]
    other = "-name" if sort == "name" else "name"
    first = admin.get(P, params={"limit": 2, "sort": sort}).json()["next_cursor"]
    assert_problem(admin.get(P, params={"limit": 2, "sort": other, "cursor": first}), 422, "cursor_invalid")


# ================================================================ PATCH


def test_patch_with_if_match(admin: TestClient) -> None:
    p = created(admin, third_party_body())
    url = f"{P}/{p['id']}"
    r = admin.patch(url, json={"address": "Jl. Baru 2", "is_bankrupt": True}, headers={"If-Match": '"1"'})
    assert r.status_code == 200, r.text
    assert r.headers["etag"] == '"2"' and r.json()["version"] == 2
    stored = admin.get(url).json()
    assert stored["address"] == "Jl. Baru 2" and stored["is_bankrupt"] is True
    assert_problem(
        admin.patch(url, json={"address": "Lama"}, headers={"If-Match": '"1"'}), 412, "precondition_failed"
    )
    assert_problem(admin.patch(url, json={"address": "Lama"}), 428, "precondition_required")
    assert admin.get(url).json()["address"] == "Jl. Baru 2"


def test_patch_rename_to_a_duplicate_needs_force(admin: TestClient) -> None:
    x = f"Duplikat{uniq()}"
    created(admin, third_party_body(name=f"PT {x}"))
    other = created(admin, third_party_body())
    url = f"{P}/{other['id']}"
    problem = assert_problem(
        admin.patch(url, json={"name": f"{x} Tbk"}, headers={"If-Match": '"1"'}), 409, "partner_duplicate"
    )
    assert problem["existing_id"] != other["id"]
    assert admin.get(url).json()["name"] == other["name"]
    r = admin.patch(url, json={"name": f"{x} Tbk"}, params={"force": "true"}, headers={"If-Match": '"1"'})
    assert r.status_code == 200, r.text
    assert admin.get(url).json()["name"] == f"{x} Tbk"


@pytest.mark.parametrize(
    ("patch", "field"),
    [
        ({"region_code": "32.74"}, "region_code"),
        ({"nib": "1234567890123"}, "nib"),
        ({"type": "THIRD_PARTY"}, "type"),
        ({"name": None}, "name"),
    ],
    ids=["region-change", "nib-on-region", "type-change", "name-null"],
)
def test_patch_of_region_partner_rejects_wrong_fields(
    admin: TestClient, session: Session, patch: dict[str, Any], field: str
) -> None:
    url = f"{P}/{region_partner_id(session, '32.73')}"
    before = admin.get(url)
    problem = assert_problem(admin.patch(url, json=patch, headers={"If-Match": before.headers["etag"]}), 422)
    assert any(field in " ".join(map(str, e["loc"])) + e["msg"] for e in problem["errors"]), problem["errors"]
    assert admin.get(url).json() == before.json()


def test_patch_cannot_give_a_third_party_a_foreign_country(admin: TestClient) -> None:
    """Creating a THIRD_PARTY with country_code JP is refused; changing it to JP afterwards must be too."""
    assert_problem(post(admin, third_party_body(country_code="JP")), 422)
    p = created(admin, third_party_body())
    url = f"{P}/{p['id']}"
    r = admin.patch(url, json={"country_code": "JP"}, headers={"If-Match": '"1"'})
    assert r.status_code == 422, r.text
    assert admin.get(url).json()["country_code"] == "ID"


def test_contacts_are_replaced_on_update(admin: TestClient) -> None:
    p = created(admin, third_party_body(contacts=[{"name": "Lama Satu"}, {"name": "Lama Dua"}]))
    url = f"{P}/{p['id']}"
    r = admin.patch(url, json={"notes": "tanpa kontak"}, headers={"If-Match": '"1"'})
    assert [c["name"] for c in r.json()["contacts"]] == ["Lama Satu", "Lama Dua"]  # omitted: unchanged
    r = admin.patch(
        url,
        json={"contacts": [{"name": "Baru", "email": "baru@contoh.id"}]},
        headers={"If-Match": r.headers["etag"]},
    )
    assert r.status_code == 200, r.text
    stored = admin.get(url).json()
    assert [(c["name"], c["email"]) for c in stored["contacts"]] == [("Baru", "baru@contoh.id")]
    r = admin.patch(url, json={"contacts": []}, headers={"If-Match": f'"{stored["version"]}"'})
    assert r.status_code == 200, r.text
    assert admin.get(url).json()["contacts"] == []


def test_contacts_only_patch_bumps_the_etag(admin: TestClient) -> None:
    p = created(admin, third_party_body(contacts=[{"name": "Lama"}]))
    url = f"{P}/{p['id']}"
    r = admin.patch(url, json={"contacts": [{"name": "Baru"}]}, headers={"If-Match": '"1"'})
    assert r.status_code == 200, r.text
    assert r.headers["etag"] != '"1"', "ETag unchanged after the contacts changed"
    stale = admin.patch(url, json={"contacts": [{"name": "Menimpa"}]}, headers={"If-Match": '"1"'})
    assert stale.status_code == 412, stale.text


# ================================================================ DELETE


def test_delete_referenced_partner_is_409(admin: TestClient, session: Session) -> None:
    url = f"{P}/{region_partner_id(session, '32.73')}"
    etag = admin.get(url).headers["etag"]
    assert_problem(admin.delete(url, headers={"If-Match": etag}), 409, "partner_in_use")
    assert admin.get(url).status_code == 200


def test_delete_unreferenced_partner(admin: TestClient) -> None:
    p = created(admin, third_party_body(contacts=[{"name": "Kontak"}]))
    url = f"{P}/{p['id']}"
    assert_problem(admin.delete(url), 428)
    assert_problem(admin.delete(url, headers={"If-Match": '"5"'}), 412)
    r = admin.delete(url, headers={"If-Match": '"1"'})
    assert r.status_code == 204, r.text
    assert_problem(admin.get(url), 404, "not_found")
    assert p["id"] not in {x["id"] for x in admin.get(P, params={"limit": 500}).json()["items"]}


def test_partner_writes_are_audited(admin: TestClient) -> None:
    p = created(admin, third_party_body())
    url = f"{P}/{p['id']}"
    r = admin.patch(url, json={"notes": "catatan"}, headers={"If-Match": '"1"'})
    assert admin.delete(url, headers={"If-Match": r.headers["etag"]}).status_code == 204
    items = admin.get("/api/v1/audit", params={"entity_id": p["id"]}).json()["items"]
    assert [e["action"] for e in reversed(items)] == ["create", "update", "delete"]
    assert {e["entity_type"] for e in items} == {"partner"}


def test_unknown_partner_is_404(admin: TestClient) -> None:
    assert_problem(admin.get(f"{P}/{uuid.uuid4()}"), 404)
    assert_problem(admin.patch(f"{P}/{uuid.uuid4()}", json={"notes": "x"}, headers={"If-Match": '"1"'}), 404)
