"""OCDS 1.1 open data (issue 14 item 1): every package validates against the official OCDS 1.1.5
schemas kept in the repository (offline: a referencing registry maps their URLs to the copies), the
codes come from the official codelists (or are x_ codes), records are compiled by ocdsmerge from
the repository's schema, and nothing leaves that the public register would not show."""

from __future__ import annotations

import json
import socket
import uuid
from typing import Any
from urllib.parse import urlsplit

import jsonschema
import ocdsmerge  # type: ignore[import-untyped]
import pytest
from fastapi.testclient import TestClient
from jsonschema import Draft4Validator
from ocdskit.util import is_record_package, is_release_package  # type: ignore[import-untyped]
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4
from sqlalchemy import Connection, event
from sqlalchemy.orm import Session

from kerjasama.demo import PUBLIC_DEMO
from kerjasama.models import Agreement
from kerjasama.ocds import files
from tests.fixtures.factories import agreement_id, region_partner_id

OCDS = "/api/v1/ocds"
RUJUKAN = "DEMO/PKS/2021/RUJUKAN-KBB"
KBB = "DEMO/KB/2020/KBB"
LEGOK = "DEMO/PKS/2019/LEGOKNANGKA"
LEGOK_ADD = "DEMO/ADD/2021/LEGOKNANGKA"
BJB_QRIS = "DEMO/PKS/2024/BJB-QRIS"
PERSONAL = (
    "Ajay M. Priatna",
    "Aa Umbara Sutisna",
    "Ngatiyana",
    "Dadang Supriatna",
    "Dicky Saromi",
    "Kantor Cabang",
)


def _schema(name: str) -> dict[str, Any]:
    return files.load(files.SCHEMA_DIR / name)


def _registry(release_schema: dict[str, Any]) -> Registry:  # type: ignore[type-arg]
    """Every schema URL resolves to the repository's copy: nothing is fetched."""
    official = _schema("release-schema.json")
    return Registry().with_resources(
        [
            (official["id"], Resource.from_contents(release_schema, default_specification=DRAFT4)),
            *(
                (_schema(n)["id"], Resource.from_contents(_schema(n), default_specification=DRAFT4))
                for n in ("release-package-schema.json", "record-package-schema.json")
            ),
        ]
    )


def _validator(package_schema: str, release_schema: dict[str, Any]) -> Draft4Validator:
    return Draft4Validator(
        _schema(package_schema),
        registry=_registry(release_schema),
        format_checker=Draft4Validator.FORMAT_CHECKER,
    )


def validate(package: dict[str, Any], kind: str) -> None:
    """Valid against the official package schema with the official release schema, and with the
    release schema patched by our extension (which types the x_ fields)."""
    name = f"{kind}-package-schema.json"
    for release_schema in (_schema("release-schema.json"), files.release_schema()):
        errors = sorted(_validator(name, release_schema).iter_errors(package), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def check_codes(release: dict[str, Any]) -> None:
    """Closed codelists: listed codes only; open ones: listed codes or our own x_ codes."""

    def ok(code: str, codelist: str, open_list: bool) -> bool:
        return code in files.codelist(codelist) or (open_list and code.startswith("x_"))

    assert all(ok(t, "releaseTag", False) for t in release["tag"]), release["tag"]
    assert release["initiationType"] in files.codelist("initiationType")
    for party in release.get("parties", []):
        assert party["roles"] and all(ok(r, "partyRole", True) for r in party["roles"]), party["roles"]
    for contract in release.get("contracts", []):
        if "status" in contract:
            assert ok(contract["status"], "contractStatus", False), contract["status"]
        if "value" in contract:
            assert contract["value"]["currency"] in files.codelist("currency")
        milestones = contract.get("milestones", []) + contract.get("implementation", {}).get("milestones", [])
        for m in milestones:
            assert ok(m["type"], "milestoneType", False) and ok(m["status"], "milestoneStatus", False), m
        for d in contract.get("documents", []):
            assert ok(d["documentType"], "documentType", True), d
    for rp in release.get("relatedProcesses", []):
        assert all(ok(r, "relatedProcess", False) for r in rp["relationship"]), rp


def all_releases(c: TestClient, **params: Any) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Follow links.next through every page: (packages, releases)."""
    packages, releases = [], []
    url: str | None = f"{OCDS}/releases"
    query: dict[str, Any] | None = {"limit": 3, **params}
    while url:
        r = c.get(url, params=query)
        assert r.status_code == 200, r.text
        package = r.json()
        packages.append(package)
        releases += package["releases"]
        nxt = package["links"].get("next")
        url, query = (urlsplit(nxt)._replace(scheme="", netloc="").geturl() if nxt else None), None
    return packages, releases


def test_release_packages_validate_and_use_the_codelists(anon: TestClient) -> None:
    packages, releases = all_releases(anon)
    assert len(packages) > 1  # paged
    for package in packages:
        if package["releases"]:
            validate(package, "release")
            assert is_release_package(package)
    for release in releases:
        check_codes(release)
    ids = [r["id"] for r in releases]
    assert len(ids) == len(set(ids))
    numbers = {
        c["x_registryNumber"] for r in releases for c in r.get("contracts", []) if "x_registryNumber" in c
    }
    # every public text but the adendum (an amendment of its parent) is a process; nothing else is
    assert numbers == set(PUBLIC_DEMO) - {LEGOK_ADD}
    text = json.dumps(packages)
    assert BJB_QRIS not in text
    for name in PERSONAL:
        assert name not in text, name


def test_records_validate_and_are_compiled_by_ocdsmerge(anon: TestClient, session: Session) -> None:
    _, releases = all_releases(anon)
    for ocid in sorted({r["ocid"] for r in releases}):
        r = anon.get(f"{OCDS}/records/{ocid}")
        assert r.status_code == 200, r.text
        package = r.json()
        validate(package, "record")
        assert is_record_package(package)
        record = package["records"][0]
        assert record["ocid"] == ocid and record["compiledRelease"]["tag"] == ["compiled"]
        check_codes(record["compiledRelease"])
        expected = ocdsmerge.Merger(schema=files.release_schema()).create_compiled_release(record["releases"])
        assert record["compiledRelease"] == expected


def _record(c: TestClient, session: Session, number: str) -> dict[str, Any]:
    ocid = session.get(Agreement, _uuid(agreement_id(session, number)))
    assert ocid is not None and ocid.ocid
    r = c.get(f"{OCDS}/records/{ocid.ocid}")
    assert r.status_code == 200, r.text
    record: dict[str, Any] = r.json()["records"][0]
    return record


def _uuid(value: str) -> uuid.UUID:
    return uuid.UUID(value)


def test_mapping_of_a_pks_under_its_kb_with_obligations(anon: TestClient, session: Session) -> None:
    compiled = _record(anon, session, RUJUKAN)["compiledRelease"]
    kb = session.get(Agreement, _uuid(agreement_id(session, KBB)))
    assert kb is not None
    assert compiled["relatedProcesses"] == [
        {
            "id": f"framework-{kb.id}",
            "relationship": ["framework"],
            "title": kb.title,
            "scheme": "ocid",
            "identifier": kb.ocid,
            "uri": f"http://127.0.0.1:8000/api/v1/ocds/records/{kb.ocid}",
        }
    ]
    contract = compiled["contracts"][0]
    assert (
        contract["x_kind"] == "PKS" and contract["x_category"] == "KSDD" and contract["x_nature"] == "WAJIB"
    )
    assert contract["x_registryNumber"] == RUJUKAN and contract["x_responsibleUnit"]["code"] == "DINKES"
    assert contract["x_affairs"] == [{"code": "1.02", "name": contract["x_affairs"][0]["name"]}]
    assert contract["period"] == {
        "startDate": "2021-03-01T00:00:00+07:00",
        "endDate": "2027-02-28T00:00:00+07:00",
    }
    assert contract["status"] == "active"
    milestones = contract["implementation"]["milestones"]
    assert milestones and {m["type"] for m in milestones} == {"delivery"}
    assert {m["status"] for m in milestones} <= {"met", "notMet", "scheduled"}
    assert all("dueDate" in m for m in milestones)
    assert all(("dateMet" in m) == (m["status"] == "met") for m in milestones if m["status"] != "scheduled")
    parties = {p["x_partyType"]: p for p in compiled["parties"]}
    assert parties["HOME"]["x_signatoryOffice"] == "Kepala Dinas Kesehatan Kota Cimahi"
    assert (
        parties["REGION"]["name"] == "Kabupaten Bandung Barat"
        and parties["REGION"]["x_regionCode"] == "32.17"
    )
    assert all("x_cooperationParty" in p["roles"] for p in compiled["parties"])


def test_an_adendum_is_an_amendment_of_its_parent(anon: TestClient, session: Session) -> None:
    record = _record(anon, session, LEGOK)
    tags = [r["tag"] for r in record["releases"]]
    assert ["contract"] in tags and ["contractAmendment"] in tags
    adendum = session.get(Agreement, _uuid(agreement_id(session, LEGOK_ADD)))
    assert adendum is not None and adendum.ocid
    amendments = record["compiledRelease"]["contracts"][0]["amendments"]
    assert [a["id"] for a in amendments] == [str(adendum.id)]
    assert amendments[0]["date"] == "2021-10-26T17:00:00Z" and amendments[0]["rationale"] == adendum.title
    r = anon.get(f"{OCDS}/records/{adendum.ocid}")
    assert r.status_code == 404 and r.json()["parent_ocid"] == record["ocid"]


def test_procedure_steps_become_approval_milestones(
    anon: TestClient, admin: TestClient, session: Session
) -> None:
    aid = agreement_id(session, RUJUKAN)
    url = f"/api/v1/agreements/{aid}"
    for action, body in (
        ("open_dispute", {"reason": "Sengketa biaya rujukan"}),
        ("close_dispute", {"reason": "Musyawarah selesai"}),
    ):
        r = admin.post(
            f"{url}/transitions",
            json={"action": action, **body},
            headers={"If-Match": admin.get(url).headers["etag"]},
        )
        assert r.status_code == 200, r.text
    record = _record(anon, session, RUJUKAN)
    approvals = record["compiledRelease"]["contracts"][0]["milestones"]
    assert [m["code"] for m in approvals] == ["open_dispute", "close_dispute"]
    assert {(m["type"], m["status"]) for m in approvals} == {("approval", "met")}
    assert "admin" not in json.dumps(approvals)  # who recorded a step is personal data


def test_only_public_signed_texts(anon: TestClient, admin: TestClient, session: Session) -> None:
    qris = session.get(Agreement, _uuid(agreement_id(session, BJB_QRIS)))
    assert qris is not None and qris.ocid
    assert anon.get(f"{OCDS}/records/{qris.ocid}").status_code == 404
    draft = admin.post(
        "/api/v1/agreements",
        json={
            "kind": "KB",
            "category": "KSDD",
            "nature": "SUKARELA",
            "title": "Draf publik untuk OCDS",
            "lead_opd_id": str(qris.lead_opd_id),
            "affair_codes": ["1.02"],
            "parties": [{"partner_id": region_partner_id(session, "32.73")}],
            "public": True,
        },
    )
    assert draft.status_code == 201, draft.text
    stored = session.get(Agreement, _uuid(draft.json()["id"]))
    assert stored is not None and stored.ocid == f"ocds-xxxxxx-{stored.id}"  # issued at creation
    r = anon.get(f"{OCDS}/records/{stored.ocid}")
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    assert stored.ocid not in json.dumps(all_releases(anon)[0])


def test_the_ocid_is_issued_once(admin: TestClient, session: Session) -> None:
    aid = agreement_id(session, RUJUKAN)
    before = session.get(Agreement, _uuid(aid))
    assert before is not None and before.ocid
    ocid = before.ocid
    url = f"/api/v1/agreements/{aid}"
    r = admin.patch(
        url, json={"planning_reference": "RKPD 2026"}, headers={"If-Match": admin.get(url).headers["etag"]}
    )
    assert r.status_code == 200
    session.expire_all()
    after = session.get(Agreement, _uuid(aid))
    assert after is not None and after.ocid == ocid


def test_date_filter_and_bad_input(anon: TestClient) -> None:
    _, everything = all_releases(anon)
    _, in_2021 = all_releases(anon, date_from="2021-01-01", date_to="2021-12-31")
    assert in_2021 and all("2020-12-31T17:00:00Z" <= r["date"] <= "2021-12-31T17:00:00Z" for r in in_2021)
    assert {r["id"] for r in in_2021} == {
        r["id"] for r in everything if "2020-12-31T17:00:00Z" <= r["date"] < "2021-12-31T17:00:00Z"
    }
    bad = anon.get(f"{OCDS}/releases", params={"date_from": "2022-01-01", "date_to": "2021-01-01"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["loc"] == ["query", "date_to"]
    assert anon.get(f"{OCDS}/releases", params={"cursor": "%%%"}).status_code == 422
    for day in ("0", "1700000000", "2021-02-30"):  # a number is not a day (found by schemathesis)
        r = anon.get(f"{OCDS}/releases", params={"date_to": day})
        assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["query", "date_to"], (day, r.text)
    assert anon.get(f"{OCDS}/records/ocds-xxxxxx-nothing").status_code == 404


def test_caching_and_the_extension(anon: TestClient) -> None:
    r = anon.get(f"{OCDS}/releases")
    assert r.headers["cache-control"].startswith("public")
    assert anon.get(f"{OCDS}/releases", headers={"If-None-Match": r.headers["etag"]}).status_code == 304
    extension = anon.get(f"{OCDS}/extension/extension.json").json()
    assert extension["schemas"] == ["release-schema.json"] and "1.1" in extension["compatibility"]
    patch = anon.get(f"{OCDS}/extension/release-schema.json").json()
    added = set(patch["definitions"]["Contract"]["properties"]) | set(
        patch["definitions"]["Organization"]["properties"]
    )
    assert all(name.startswith("x_") for name in added)
    assert r.json()["extensions"] == ["http://127.0.0.1:8000/api/v1/ocds/extension/extension.json"]
    assert anon.get(f"{OCDS}/extension/secrets.json").status_code == 404


def test_merging_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> None:
        raise OSError("network used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    merger = ocdsmerge.Merger(schema=files.release_schema())
    compiled = merger.create_compiled_release(
        [
            {
                "ocid": "ocds-xxxxxx-1",
                "id": "1",
                "date": "2026-01-01T00:00:00Z",
                "tag": ["contract"],
                "initiationType": "tender",
            }
        ]
    )
    assert compiled["tag"] == ["compiled"]


def test_the_patched_schema_is_the_official_one_plus_x_fields() -> None:
    official, patched = _schema("release-schema.json"), files.release_schema()
    for name in ("Contract", "Organization"):
        extra = set(patched["definitions"][name]["properties"]) - set(
            official["definitions"][name]["properties"]
        )
        assert extra and all(f.startswith("x_") for f in extra)
    jsonschema.Draft4Validator.check_schema(patched)


HARNESS = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")


def test_release_page_statement_count_does_not_grow(anon: TestClient, connection: Connection) -> None:
    statements: list[str] = []

    def rec(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.lstrip().upper().startswith(HARNESS):
            statements.append(statement)

    event.listen(connection, "before_cursor_execute", rec)
    try:
        counts = []
        for limit in (2, 8):
            statements.clear()
            assert anon.get(f"{OCDS}/releases", params={"limit": limit}).status_code == 200
            counts.append(len(statements))
    finally:
        event.remove(connection, "before_cursor_execute", rec)
    assert counts[0] == counts[1] <= 12, statements
