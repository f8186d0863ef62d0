from fastapi.testclient import TestClient


def test_healthz_and_readyz(anon: TestClient) -> None:
    assert anon.get("/healthz").json() == {"status": "ok"}
    assert anon.get("/readyz").json() == {"status": "ok"}


def test_list_requires_token(anon: TestClient) -> None:
    r = anon.get("/api/v1/agreements")
    assert r.status_code == 401
    assert r.headers["content-type"].startswith("application/problem+json")
    assert "Bearer" in r.headers["www-authenticate"]


def test_secretariat_lists_demo_agreements(secretariat: TestClient) -> None:
    r = secretariat.get("/api/v1/agreements", params={"limit": 5})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] >= 10
    assert len(body["items"]) == 5
    assert body["next_cursor"]
