"""Admin user management."""

from __future__ import annotations

from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from tests.fixtures.factories import opd_id


def test_admin_creates_updates_and_disables_users(
    admin: TestClient, anon: TestClient, session: Session
) -> None:
    body = {
        "username": "rina",
        "password": "rahasia-rina-1",
        "role": "opd_operator",
        "opd_id": opd_id(session, "DLH"),
        "full_name": "Rina",
        "email": "rina@cimahikota.go.id",
    }
    r = admin.post("/api/v1/users", json=body)
    assert r.status_code == 201, r.text
    user = r.json()
    assert "password" not in user
    assert "password_hash" not in user
    login = {"grant_type": "password", "username": "rina", "password": "rahasia-rina-1"}
    assert anon.post("/api/v1/auth/token", data=login).status_code == 200

    r = admin.patch(
        f"/api/v1/users/{user['id']}", json={"password": "kata-sandi-baru-2"}, headers={"If-Match": '"1"'}
    )
    assert r.status_code == 200, r.text
    assert anon.post("/api/v1/auth/token", data=login).status_code == 401
    r = admin.patch(
        f"/api/v1/users/{user['id']}", json={"is_active": False}, headers={"If-Match": r.headers["etag"]}
    )
    assert r.status_code == 200
    assert anon.post("/api/v1/auth/token", data={**login, "password": "kata-sandi-baru-2"}).status_code == 401


def test_user_validation(admin: TestClient, session: Session) -> None:
    no_opd = admin.post(
        "/api/v1/users", json={"username": "tanpa", "password": "rahasia-123456", "role": "opd_head"}
    )
    assert no_opd.status_code == 422
    assert no_opd.json()["errors"][0]["loc"] == ["body", "opd_id"]
    short = admin.post("/api/v1/users", json={"username": "pendek", "password": "123", "role": "viewer"})
    assert short.status_code == 422
    assert short.json()["errors"][0]["loc"] == ["body", "password"]
    taken = admin.post(
        "/api/v1/users", json={"username": "admin", "password": "rahasia-123456", "role": "viewer"}
    )
    assert taken.status_code == 409
    assert admin.get("/api/v1/users", params={"role": "viewer"}).json()[0]["username"] == "pimpinan"


def test_the_last_active_admin_cannot_deactivate_or_demote_itself(
    admin: TestClient, session: Session
) -> None:
    me = admin.get("/api/v1/auth/me").json()
    etag = admin.get(f"/api/v1/users/{me['id']}").headers["etag"]
    for change, field in (({"is_active": False}, "is_active"), ({"role": "viewer"}, "role")):
        r = admin.patch(f"/api/v1/users/{me['id']}", json=change, headers={"If-Match": etag})
        assert r.status_code == 409, r.text
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["code"] == "last_admin"
        assert r.json()["errors"][0]["loc"] == ["body", field]
    # Other changes to the last admin still work.
    r = admin.patch(f"/api/v1/users/{me['id']}", json={"full_name": "Admin Satu"}, headers={"If-Match": etag})
    assert r.status_code == 200, r.text
    etag = r.headers["etag"]
    # With a second active admin, the first may step down.
    second = admin.post(
        "/api/v1/users", json={"username": "admin-dua", "password": "rahasia-admin-2", "role": "admin"}
    )
    assert second.status_code == 201, second.text
    r = admin.patch(f"/api/v1/users/{me['id']}", json={"role": "viewer"}, headers={"If-Match": etag})
    assert r.status_code == 200, r.text
