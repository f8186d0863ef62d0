"""API conventions (CONTRIBUTING.md#api-conventions, docs/api.md): problem+json, size caps, ETag/If-Match, Idempotency-Key, headers."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from kerjasama import demo
from kerjasama.cli import alembic_config
from kerjasama.core.config import Settings
from kerjasama.core.db import Database, make_engine
from kerjasama.main import create_app
from kerjasama.models import Opd
from tests.conftest import TEST_SECRET, fresh_database_url, token_for
from tests.fixtures.factories import agreement_body


def test_body_over_the_cap_is_413_and_creates_nothing(
    secretariat: TestClient, session: Session, settings: Settings
) -> None:
    body = agreement_body(session, object="x" * (settings.max_request_mb * 1024 * 1024 + 10))
    before = secretariat.get("/api/v1/agreements", params={"limit": 1}).json()["total"]
    r = secretariat.post("/api/v1/agreements", json=body)
    assert r.status_code == 413
    assert r.headers["content-type"] == "application/problem+json"
    assert r.json()["code"] == "payload_too_large"
    assert secretariat.get("/api/v1/agreements", params={"limit": 1}).json()["total"] == before


def test_unknown_route_and_wrong_method_are_problems(secretariat: TestClient) -> None:
    r = secretariat.get("/api/v1/nope")
    assert r.status_code == 404
    assert r.headers["content-type"] == "application/problem+json"
    r = secretariat.put("/api/v1/agreements")
    assert r.status_code == 405
    assert r.headers["allow"] == "GET, HEAD, POST"


def test_security_headers(anon: TestClient) -> None:
    r = anon.get("/healthz")
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    csp = r.headers["content-security-policy"]
    assert "frame-ancestors 'none'" in csp
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]


def test_if_match_required_and_checked(admin: TestClient, session: Session) -> None:
    opd = session.scalar(select(Opd).where(Opd.code == "BPBD"))
    assert opd is not None
    url = f"/api/v1/opds/{opd.id}"
    r = admin.get(url)
    etag = r.headers["etag"]
    assert r.status_code == 200
    missing = admin.patch(url, json={"abbreviation": "BPBD Kota"})
    assert missing.status_code == 428
    assert missing.json()["code"] == "precondition_required"
    ok = admin.patch(url, json={"abbreviation": "BPBD Kota"}, headers={"If-Match": etag})
    assert ok.status_code == 200
    assert ok.headers["etag"] != etag
    stale = admin.patch(url, json={"abbreviation": "Lama"}, headers={"If-Match": etag})
    assert stale.status_code == 412
    assert stale.json()["current_version"] == ok.json()["version"]
    assert admin.get(url).json()["abbreviation"] == "BPBD Kota"  # the stale write changed nothing


def test_if_match_star_is_428_a_concrete_etag_is_required(admin: TestClient, session: Session) -> None:
    opd = session.scalar(select(Opd).where(Opd.code == "BPBD"))
    assert opd is not None
    url = f"/api/v1/opds/{opd.id}"
    etag = admin.get(url).headers["etag"]
    for header in ("*", f"{etag}, *", "W/*"):
        star = admin.patch(url, json={"abbreviation": "Semua"}, headers={"If-Match": header})
        assert star.status_code == 428, (header, star.text)
        assert star.json()["code"] == "precondition_required"
        assert "concrete ETag is required" in star.json()["detail"]
    after = admin.get(url)
    assert after.headers["etag"] == etag and after.json()["abbreviation"] != "Semua"  # nothing changed


def test_idempotency_key_replays_first_response(secretariat: TestClient, session: Session) -> None:
    body = agreement_body(session)
    headers = {"Idempotency-Key": "ksd-test-0001"}
    first = secretariat.post("/api/v1/agreements", json=body, headers=headers)
    assert first.status_code == 201, first.text
    again = secretariat.post("/api/v1/agreements", json=body, headers=headers)
    assert again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["idempotency-replayed"] == "true"
    assert again.headers["etag"] == first.headers["etag"]
    total = secretariat.get("/api/v1/agreements", params={"q": body["title"]}).json()["total"]
    assert total == 1
    other = secretariat.post("/api/v1/agreements", json={**body, "title": "Lain"}, headers=headers)
    assert other.status_code == 422
    assert other.json()["code"] == "idempotency_key_reused"


def test_idempotency_failed_request_can_be_retried(secretariat: TestClient, session: Session) -> None:
    headers = {"Idempotency-Key": "ksd-test-0002"}
    bad = agreement_body(session, affair_codes=["9.99"])
    assert secretariat.post("/api/v1/agreements", json=bad, headers=headers).status_code == 422
    # A 4xx is a final answer for that body: it replays too.
    assert secretariat.post("/api/v1/agreements", json=bad, headers=headers).status_code == 422


# --- Real concurrency needs real connections: a separate, committed database. ---


@pytest.fixture
def live_app(tmp_path: Path):  # type: ignore[no-untyped-def]
    for url in fresh_database_url(tmp_path):
        settings = Settings(env="test", database_url=url, secret_key=TEST_SECRET, data_dir=tmp_path)
        eng = make_engine(url)
        with eng.connect() as conn:
            cfg = alembic_config(url)
            cfg.attributes["connection"] = conn
            from alembic import command

            command.upgrade(cfg, "head")
            conn.commit()
        with sessionmaker(eng)() as s, s.begin():
            demo.seed(s, settings)
        app = create_app(settings, Database(settings, engine=eng), spa_dir=tmp_path)
        yield app, settings, eng
        eng.dispose()


def test_two_concurrent_writers_one_wins_one_412(live_app) -> None:  # type: ignore[no-untyped-def]
    app, settings, eng = live_app
    with sessionmaker(eng)() as s:
        token = token_for(s, settings, "admin")
        opd = s.scalar(select(Opd).where(Opd.code == "DLH"))
        assert opd is not None
    url = f"/api/v1/opds/{opd.id}"
    results: list[int] = []
    barrier = threading.Barrier(2)

    def write(name: str) -> None:
        with TestClient(app) as c:
            barrier.wait()
            r = c.patch(
                url, json={"name": name}, headers={"If-Match": '"1"', "Authorization": f"Bearer {token}"}
            )
            results.append(r.status_code)

    threads = [threading.Thread(target=write, args=(f"Dinas Lingkungan Hidup {i}",)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == [200, 412]


def test_concurrent_creates_get_distinct_numbers(live_app) -> None:  # type: ignore[no-untyped-def]
    app, settings, eng = live_app
    with sessionmaker(eng)() as s:
        token = token_for(s, settings, "sekretariat")
        body = agreement_body(s)
    numbers: list[str] = []
    barrier = threading.Barrier(4)

    def create(i: int) -> None:
        with TestClient(app) as c:
            barrier.wait()
            r = c.post(
                "/api/v1/agreements",
                json={**body, "title": f"KB serentak {i}"},
                headers={"Authorization": f"Bearer {token}"},
            )
            assert r.status_code == 201, r.text
            numbers.append(r.json()["number"])

    threads = [threading.Thread(target=create, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(numbers) == 4
    assert len(set(numbers)) == 4


def test_multipart_fingerprint_ignores_the_boundary_only() -> None:
    from kerjasama.core.middleware import request_fingerprint

    def body(boundary: str, content: bytes, name: str = "file") -> bytes:
        return (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="a.pdf"\r\n'
            f"Content-Type: application/pdf\r\n\r\n".encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )

    def fp(boundary: str, content: bytes, name: str = "file") -> bytes:
        return request_fingerprint(f"multipart/form-data; boundary={boundary}", body(boundary, content, name))

    assert fp("aaa111", b"%PDF-1") == fp("bbb222", b"%PDF-1")
    assert fp("aaa111", b"%PDF-1") != fp("aaa111", b"%PDF-2")
    assert fp("aaa111", b"%PDF-1") != fp("aaa111", b"%PDF-1", name="other")
    assert request_fingerprint("application/json", b'{"a":1}') == b'{"a":1}'
    broken = b"--x\r\nno blank line here"
    assert request_fingerprint("multipart/form-data; boundary=x", broken) == broken
