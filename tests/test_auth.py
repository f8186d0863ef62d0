"""Sign-in, token handling and throttling."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from fastapi.testclient import TestClient
from jose import jwt
from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.core.config import Settings
from kerjasama.core.db import Database
from kerjasama.main import create_app
from kerjasama.models import RefreshToken, UserAccount

PASSWORD = "cimahi-demo-2026"
TOKEN = "/api/v1/auth/token"


def login(client: TestClient, username: str = "sekretariat", password: str = PASSWORD, **extra: str):  # type: ignore[no-untyped-def]
    return client.post(
        TOKEN, data={"grant_type": "password", "username": username, "password": password, **extra}
    )


def test_password_grant_issues_tokens_and_me_works(anon: TestClient) -> None:
    r = login(anon)
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 15 * 60
    assert body["refresh_token"]
    assert r.headers["cache-control"] == "no-store"
    me = anon.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    assert me.json()["role"] == "secretariat"
    assert me.json()["opd_name"] == "Bagian Pemerintahan Sekretariat Daerah"
    assert me.json()["home_region"] == "32.77"
    assert me.json()["max_upload_mb"] == 20  # forms check a file's size before sending it


def test_wrong_password_is_401_problem(anon: TestClient) -> None:
    r = login(anon, password="wrong-password")
    assert r.status_code == 401
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "invalid_credentials"
    assert login(anon, username="nobody-here").json()["code"] == "invalid_credentials"


def test_unsupported_grant_is_422(anon: TestClient) -> None:
    r = anon.post(TOKEN, data={"grant_type": "authorization_code", "username": "x", "password": "y"})
    assert r.status_code == 422 and r.json()["code"] == "unsupported_grant_type"
    assert r.json()["errors"][0]["loc"] == ["body", "grant_type"]


def test_repeated_failures_are_throttled_with_retry_after(anon: TestClient, settings: Settings) -> None:
    for _ in range(settings.login_max_failures):
        assert login(anon, username="pimpinan", password="not-the-password").status_code == 401
    r = login(anon, username="pimpinan", password=PASSWORD)  # even the right password waits
    assert r.status_code == 429
    assert r.json()["code"] == "login_throttled"
    assert 1 <= int(r.headers["retry-after"]) <= settings.login_window_seconds
    # Other accounts are not locked by someone hammering this one.
    assert login(anon, username="tkksd").status_code == 200


def test_refresh_rotates_and_reuse_revokes_the_family(anon: TestClient) -> None:
    first = login(anon).json()
    r = anon.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert r.status_code == 200, r.text
    second = r.json()
    assert second["refresh_token"] != first["refresh_token"]
    # The spent token comes back: treated as theft, the whole family dies.
    assert (
        anon.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]}).status_code == 401
    )
    r = anon.post("/api/v1/auth/refresh", json={"refresh_token": second["refresh_token"]})
    assert r.status_code == 401
    assert r.json()["code"] == "refresh_invalid"


def test_refresh_tokens_are_stored_hashed(anon: TestClient, session: Session) -> None:
    raw = login(anon).json()["refresh_token"]
    hashes = set(session.scalars(select(RefreshToken.token_hash)))
    assert raw not in hashes
    assert all(len(h) == 64 for h in hashes)


def test_browser_client_gets_httponly_cookie_not_body_token(anon: TestClient) -> None:
    r = login(anon, client_id="kerjasama-spa")
    assert r.status_code == 200
    assert r.json()["refresh_token"] is None
    cookie = r.headers["set-cookie"]
    for part in ("ksd_refresh=", "HttpOnly", "Secure", "SameSite=strict", "Path=/api/v1/auth"):
        assert part.lower() in cookie.lower()
    r = anon.post("/api/v1/auth/refresh")  # the cookie jar sends it
    assert r.status_code == 200, r.text
    assert r.json()["access_token"]
    assert anon.post("/api/v1/auth/logout").status_code == 204
    assert anon.post("/api/v1/auth/refresh").status_code == 401


def test_logout_revokes_refresh_token(anon: TestClient) -> None:
    tokens = login(anon).json()
    assert (
        anon.post("/api/v1/auth/logout", json={"refresh_token": tokens["refresh_token"]}).status_code == 204
    )
    assert (
        anon.post("/api/v1/auth/refresh", json={"refresh_token": tokens["refresh_token"]}).status_code == 401
    )


def test_disabled_user_token_stops_working_at_once(
    client_for: Callable[[str], TestClient], admin: TestClient, session: Session
) -> None:
    viewer = client_for("viewer")
    assert viewer.get("/api/v1/agreements").status_code == 200
    user = session.scalar(select(UserAccount).where(UserAccount.username == "pimpinan"))
    assert user is not None
    etag = admin.get(f"/api/v1/users/{user.id}").headers["etag"]
    r = admin.patch(f"/api/v1/users/{user.id}", json={"is_active": False}, headers={"If-Match": etag})
    assert r.status_code == 200, r.text
    r = viewer.get("/api/v1/agreements")
    assert r.status_code == 401
    assert r.json()["code"] == "account_disabled"


def _forge(claims: dict[str, object], key: str, algorithm: str = "HS256") -> str:
    return str(jwt.encode(claims, key, algorithm=algorithm))


def test_expired_tampered_and_alg_swapped_tokens_are_401(
    anon: TestClient, session: Session, settings: Settings
) -> None:
    user = session.scalar(select(UserAccount).where(UserAccount.username == "admin"))
    assert user is not None
    now = int(time.time())
    base = {"sub": str(user.id), "role": "admin", "typ": "access", "iat": now}
    expired = _forge({**base, "exp": now - 10}, settings.secret_key)
    wrong_key = _forge({**base, "exp": now + 600}, "another-secret-another-secret-xx")
    hs512 = _forge({**base, "exp": now + 600}, settings.secret_key, "HS512")
    good = _forge({**base, "exp": now + 600}, settings.secret_key)
    head, payload, sig = good.split(".")
    tampered = f"{head}.{payload[:-2]}AA.{sig}"
    unsigned = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0." + payload + "."
    for token in (expired, wrong_key, hs512, tampered, unsigned, "garbage"):
        r = anon.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 401, token
        assert r.headers["www-authenticate"].startswith("Bearer")
        assert r.headers["content-type"] == "application/problem+json"
    assert anon.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {good}"}).status_code == 200


def test_tokens_missing_a_required_claim_are_401(
    anon: TestClient, session: Session, settings: Settings
) -> None:
    """Signed with the real key but without `exp` (valid forever), `iat`, `sub` or `typ`: refused."""
    user = session.scalar(select(UserAccount).where(UserAccount.username == "admin"))
    assert user is not None
    now = int(time.time())
    full = {"sub": str(user.id), "role": "admin", "typ": "access", "iat": now, "exp": now + 600}
    for missing in ("exp", "iat", "sub", "typ"):
        claims = {k: v for k, v in full.items() if k != missing}
        r = anon.get(
            "/api/v1/auth/me", headers={"Authorization": f"Bearer {_forge(claims, settings.secret_key)}"}
        )
        assert r.status_code == 401, missing
        assert r.json()["code"] == "invalid_token"
    refresh_typed = _forge({**full, "typ": "refresh"}, settings.secret_key)
    assert (
        anon.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {refresh_typed}"}).status_code == 401
    )
    good = _forge(full, settings.secret_key)
    assert anon.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {good}"}).status_code == 200


def test_a_spray_from_one_address_does_not_lock_out_right_passwords(
    settings: Settings, database: Database
) -> None:
    """Per account and per address, with separate limits: wrong passwords from a busy (NAT) address
    get 429, but the people behind it still sign in with their right passwords."""
    tight = settings.model_copy(update={"login_max_failures": 3, "login_max_failures_per_address": 4})
    app = create_app(tight, database, spa_dir=Path("/nonexistent"))
    with TestClient(app, base_url="https://testserver") as office:
        # A spray: one wrong password each over several accounts (no account reaches its own limit).
        for username in ("pimpinan", "tkksd", "inspektorat", "nobody-here"):
            assert login(office, username=username, password="Password123!").status_code == 401
        r = login(office, username="dprd", password="Password123!")
        assert r.status_code == 429, r.text
        assert r.json()["code"] == "login_throttled"
        assert "address" in r.json()["detail"]
        assert 1 <= int(r.headers["retry-after"]) <= tight.login_window_seconds
        # The right passwords of accounts that are not locked still get in, sprayed or not.
        assert login(office, username="pimpinan").status_code == 200
        assert login(office, username="sekretariat").status_code == 200
        # The account limit holds on its own: three wrong passwords lock that account, right one too.
        for _ in range(2):
            login(office, username="tkksd", password="still-wrong")
        r = login(office, username="tkksd")
        assert r.status_code == 429 and "account" in r.json()["detail"]
