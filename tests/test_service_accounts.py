"""Service accounts: created by an admin, secret shown once and stored hashed, client-credentials sign-in
(form and HTTP Basic), rotation and disabling kill tokens at once, scopes, and the province's view."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.models.integration import ServiceAccount
from tests.fixtures.factories import agreement_body


def _create(admin: TestClient, **body: Any) -> dict[str, Any]:
    payload = {"name": "Biro Otonomi Daerah Jawa Barat", "role": "province", "scopes": ["read"], **body}
    r = admin.post("/api/v1/service-accounts", json=payload)
    assert r.status_code == 201, r.text
    assert r.headers["cache-control"] == "no-store"
    out: dict[str, Any] = r.json()
    out["etag"] = r.headers["etag"]
    return out


def _token(anon: TestClient, client_id: str, secret: str, *, basic: bool = False) -> Any:
    if basic:
        auth = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
        return anon.post(
            "/api/v1/auth/token",
            data={"grant_type": "client_credentials"},
            headers={"Authorization": f"Basic {auth}"},
        )
    return anon.post(
        "/api/v1/auth/token",
        data={"grant_type": "client_credentials", "client_id": client_id, "client_secret": secret},
    )


def _bearer(anon: TestClient, token: str, url: str) -> Any:
    return anon.get(url, headers={"Authorization": f"Bearer {token}"})


def test_create_shows_secret_once_and_stores_it_hashed(admin: TestClient, session: Session) -> None:
    sa = _create(admin)
    assert sa["client_secret"].startswith("ksd_") and len(sa["client_secret"]) > 30
    again = admin.get(f"/api/v1/service-accounts/{sa['id']}")
    assert again.status_code == 200 and "client_secret" not in again.json()
    listed = admin.get("/api/v1/service-accounts").json()
    assert sa["id"] in {a["id"] for a in listed["items"]} and "client_secret" not in listed["items"][0]
    row = session.scalar(select(ServiceAccount).where(ServiceAccount.client_id == sa["client_id"]))
    assert (
        row is not None
        and sa["client_secret"] not in row.secret_hash
        and row.secret_hash.startswith("$argon2id$")
    )
    # The backing user row is not a person: it is not listed among users and cannot sign in with a password.
    users = admin.get("/api/v1/users").json()
    assert all(not u["username"].startswith("service:") for u in users)


@pytest.mark.parametrize("basic", [False, True], ids=["form", "basic"])
def test_client_credentials_sign_in(admin: TestClient, anon: TestClient, basic: bool) -> None:
    sa = _create(admin)
    r = _token(anon, sa["client_id"], sa["client_secret"], basic=basic)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["token_type"] == "bearer" and body["expires_in"] > 0 and body.get("refresh_token") is None
    me = _bearer(anon, body["access_token"], "/api/v1/auth/me").json()
    assert me["role"] == "province" and "changes:read" in me["capabilities"]
    assert "agreements:write" not in me["capabilities"]


def test_wrong_secret_unknown_client_and_missing_fields(admin: TestClient, anon: TestClient) -> None:
    sa = _create(admin)
    wrong = _token(anon, sa["client_id"], "ksd_wrong")
    assert wrong.status_code == 401 and wrong.json()["code"] == "invalid_client"
    unknown = _token(anon, "sa-nobody", "x")
    assert unknown.status_code == 401 and unknown.json()["code"] == "invalid_client"
    missing = anon.post("/api/v1/auth/token", data={"grant_type": "client_credentials", "client_id": "x"})
    assert missing.status_code == 422 and missing.json()["errors"][0]["loc"][-1] == "client_secret"
    other = anon.post("/api/v1/auth/token", data={"grant_type": "implicit"})
    assert other.status_code == 422 and other.json()["code"] == "unsupported_grant_type"


def test_rotation_kills_old_secret_and_old_tokens(admin: TestClient, anon: TestClient) -> None:
    sa = _create(admin)
    old_token = _token(anon, sa["client_id"], sa["client_secret"]).json()["access_token"]
    assert _bearer(anon, old_token, "/api/v1/agreements").status_code == 200
    url = f"/api/v1/service-accounts/{sa['id']}/rotate-secret"
    assert admin.post(url).status_code == 428
    r = admin.post(url, headers={"If-Match": sa["etag"]})
    assert r.status_code == 200, r.text
    new_secret = r.json()["client_secret"]
    assert new_secret != sa["client_secret"] and r.json()["secret_generation"] == 2
    refused = _bearer(anon, old_token, "/api/v1/agreements")
    assert refused.status_code == 401 and refused.json()["code"] == "secret_rotated"
    assert _token(anon, sa["client_id"], sa["client_secret"]).status_code == 401
    fresh = _token(anon, sa["client_id"], new_secret).json()["access_token"]
    assert _bearer(anon, fresh, "/api/v1/agreements").status_code == 200


def test_disabling_kills_tokens_at_once(admin: TestClient, anon: TestClient) -> None:
    sa = _create(admin)
    token = _token(anon, sa["client_id"], sa["client_secret"]).json()["access_token"]
    url = f"/api/v1/service-accounts/{sa['id']}"
    r = admin.patch(url, json={"is_active": False}, headers={"If-Match": sa["etag"]})
    assert r.status_code == 200 and r.json()["is_active"] is False
    refused = _bearer(anon, token, "/api/v1/agreements")
    assert refused.status_code == 401 and refused.json()["code"] == "account_disabled"
    assert _token(anon, sa["client_id"], sa["client_secret"]).status_code == 401
    stale = admin.patch(url, json={"is_active": True}, headers={"If-Match": sa["etag"]})
    assert stale.status_code == 412


def test_scopes_limit_what_a_token_opens(admin: TestClient, anon: TestClient) -> None:
    sa = _create(admin, role="viewer", scopes=["webhooks"])
    token = _token(anon, sa["client_id"], sa["client_secret"]).json()["access_token"]
    r = _bearer(anon, token, "/api/v1/agreements")
    assert r.status_code == 403 and r.json()["code"] == "scope_missing"
    assert _bearer(anon, token, "/api/v1/auth/me").status_code == 200


def test_bad_bodies_name_the_field(admin: TestClient) -> None:
    r = admin.post("/api/v1/service-accounts", json={"name": "X Biro", "role": "admin"})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"][-1] == "role"
    r = admin.post("/api/v1/service-accounts", json={"name": "Biro", "role": "province", "scopes": ["write"]})
    assert r.status_code == 422 and "scopes" in r.json()["errors"][0]["loc"]
    r = admin.post("/api/v1/service-accounts", json={"name": "Biro", "role": "province", "secret": "x"})
    assert r.status_code == 422


@pytest.mark.parametrize("who", ["secretariat", "tkksd", "opd_head", "opd_operator", "viewer", "province"])
def test_only_admin_manages_service_accounts(client_for: Callable[[str], TestClient], who: str) -> None:
    r = client_for(who).post("/api/v1/service-accounts", json={"name": "Biro OTDA", "role": "province"})
    assert r.status_code == 403 and r.json()["code"] == "role_forbidden"


# ---------------------------------------------------------------- the province's view

EMAIL = re.compile(rb"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Indonesian phone numbers (08xx…, +62 8xx…, (022) 1234567, 022-1234567). The look-arounds keep the
# pattern out of ids: a UUID segment of digits such as "08878438-7812" is not a phone number.
_NOT_ID_BEFORE, _NOT_ID_AFTER = rb"(?<![0-9A-Za-z-])", rb"(?![0-9A-Za-z-])"
PHONE = re.compile(
    _NOT_ID_BEFORE
    + rb"(?:(?:\+62 ?|0)8[0-9]{1,2}[ -]?[0-9]{3,4}[ -]?[0-9]{3,5}|\(0[0-9]{2,3}\) ?[0-9]{5,8}|0[0-9]{2,3}[- ][0-9]{6,8})"
    + _NOT_ID_AFTER
)


def test_province_gets_404_for_a_draft(client_for: Callable[[str], TestClient], session: Session) -> None:
    sec, province = client_for("secretariat"), client_for("province")
    draft = sec.post("/api/v1/agreements", json=agreement_body(session)).json()["id"]
    r = province.get(f"/api/v1/agreements/{draft}")
    assert r.status_code == 404
    listed = {a["id"] for a in province.get("/api/v1/agreements", params={"limit": 500}).json()["items"]}
    assert draft not in listed
    assert all(
        a["status"] in ("in_force", "ended") or a["stage"] == "signed"
        for a in province.get("/api/v1/agreements", params={"limit": 500}).json()["items"]
    )


def test_province_cannot_write(client_for: Callable[[str], TestClient], session: Session) -> None:
    r = client_for("province").post("/api/v1/agreements", json=agreement_body(session))
    assert r.status_code == 403


def test_the_phone_pattern_finds_phones_and_skips_ids() -> None:
    for phone in (b'"0812-3456-7890"', b'"+62 812 3456 7890"', b'"(022) 6654321"', b'"022-6654321"'):
        assert PHONE.search(phone), phone
    for not_phone in (b'"08878438-7812-4ad1-9b2c-0812345678ab"', b'"DEMO/PKS/2021/0812"', b'"2026-12-05"'):
        assert not PHONE.search(not_phone), not_phone


def _items(body: Any) -> list[dict[str, Any]]:
    return list(body["items"] if isinstance(body, dict) else body)


def test_province_responses_carry_no_email_or_phone(
    client_for: Callable[[str], TestClient], session: Session
) -> None:
    """Scan the bytes of every read the province can make: no e-mail address, no phone number."""
    sec, province = client_for("secretariat"), client_for("province")
    # Make sure there is personal data to leak: a contact with e-mail and phone on a partner in force.
    partners = sec.get("/api/v1/partners", params={"limit": 500}).json()["items"]
    target = partners[0]
    url = f"/api/v1/partners/{target['id']}"
    body = {
        "contacts": [
            {"name": "Ibu Rina Kontak", "email": "rina.kontak@example.go.id", "phone": "0812-3456-7890"}
        ]
    }
    r = sec.patch(url, json=body, headers={"If-Match": sec.get(url).headers["etag"]})
    assert r.status_code == 200, r.text
    assert EMAIL.search(sec.get(url).content), "the secretariat should see the contact (test precondition)"

    seen: list[tuple[str, bytes]] = []

    def get(path: str, **params: Any) -> Any:
        resp = province.get(path, params=params)
        seen.append((path, resp.content))
        return resp

    agreements = get("/api/v1/agreements", limit=500).json()["items"]
    for a in agreements:
        get(f"/api/v1/agreements/{a['id']}")
        get(f"/api/v1/agreements/{a['id']}/history")
        get(f"/api/v1/agreements/{a['id']}/documents")
        for o in _items(get(f"/api/v1/agreements/{a['id']}/obligations").json()):
            get(f"/api/v1/obligations/{o['id']}")
        for rep in _items(get(f"/api/v1/agreements/{a['id']}/monitoring-reports").json()):
            get(f"/api/v1/monitoring-reports/{rep['id']}")
    for p in get("/api/v1/partners", limit=500).json()["items"]:
        get(f"/api/v1/partners/{p['id']}")
    get("/api/v1/obligations", limit=500)
    get("/api/v1/dashboard")
    get("/api/v1/exports/agreements", format="csv")
    get("/api/v1/auth/me")
    cursor = None
    while True:
        page = get("/api/v1/changes", **({"cursor": cursor} if cursor else {}), limit=500).json()
        cursor = page["next_cursor"]
        if not page["has_more"]:
            break
    for path, content in seen:
        assert not EMAIL.search(content), (path, EMAIL.search(content))
        assert not PHONE.search(content), (path, PHONE.search(content))
    assert any(b"Ibu Rina Kontak" in c for _, c in seen) is False


def test_province_reads_only_documents_marked_for_sharing(
    client_for: Callable[[str], TestClient], session: Session
) -> None:
    from tests.fixtures.factories import agreement_id
    from tests.scope_rows.documents import form, pdf

    admin, province = client_for("admin"), client_for("province")
    aid = agreement_id(session, "DEMO/KB/2021/KABBDG")
    kept = admin.post(f"/api/v1/agreements/{aid}/documents", **form(pdf("tidak-dibagikan")))
    assert kept.status_code == 201 and kept.json()["shared"] is False
    doc = kept.json()["id"]
    assert province.get(f"/api/v1/documents/{doc}").status_code == 404
    assert doc not in {d["id"] for d in province.get(f"/api/v1/agreements/{aid}/documents").json()}
    r = admin.patch(
        f"/api/v1/documents/{doc}", json={"shared": True}, headers={"If-Match": kept.headers["etag"]}
    )
    assert r.status_code == 200 and r.json()["shared"] is True
    seen = province.get(f"/api/v1/documents/{doc}")
    assert seen.status_code == 200 and seen.json()["uploaded_by_username"] is None
    assert province.get(f"/api/v1/documents/{doc}/file").content == pdf("tidak-dibagikan")
    assert doc in {d["id"] for d in province.get(f"/api/v1/agreements/{aid}/documents").json()}
    stale = admin.patch(
        f"/api/v1/documents/{doc}", json={"shared": False}, headers={"If-Match": kept.headers["etag"]}
    )
    assert stale.status_code == 412
