"""/docs and /redoc: self-hosted Swagger UI and ReDoc, each with a CSP that allows exactly what it needs."""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi.testclient import TestClient

from kerjasama.core.middleware import SECURITY_HEADERS


def _directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def test_swagger_ui_is_served_from_here_with_a_csp(anon: TestClient) -> None:
    r = anon.get("/docs")
    assert r.status_code == 200
    html = r.text
    assert "cdn." not in html and "https://" not in html  # nothing from a CDN
    assert '<script src="/docs/assets/swagger-ui-bundle.js">' in html
    policy = _directives(r.headers["content-security-policy"])
    assert policy["default-src"] == ["'self'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["connect-src"] == ["'self'"]  # the spec and "Try it out" go to this origin only
    # The one inline start-up script is allowed by its hash, not by 'unsafe-inline'.
    (inline,) = re.findall(r"<script>(.*?)</script>", html, flags=re.S)
    digest = base64.b64encode(hashlib.sha256(inline.encode()).digest()).decode()
    assert policy["script-src"] == ["'self'", f"'sha256-{digest}'"]
    assert "'unsafe-inline'" not in policy["script-src"] and "'unsafe-eval'" not in policy["script-src"]
    for name, value in SECURITY_HEADERS:
        if name != b"content-security-policy":
            assert r.headers[name.decode()] == value.decode()


def test_the_docs_files_and_the_other_pages(anon: TestClient) -> None:
    for name, media in (
        ("swagger-ui-bundle.js", "text/javascript"),
        ("swagger-ui.css", "text/css"),
        ("redoc.standalone.js", "text/javascript"),
        ("favicon.png", "image/png"),
    ):
        r = anon.get(f"/docs/assets/{name}")
        assert r.status_code == 200, name
        assert r.headers["content-type"].startswith(media)
        assert len(r.content) > 1000
    missing = anon.get("/docs/assets/../../etc/passwd")
    assert missing.status_code == 404
    r = anon.get("/docs/assets/nothing.js")
    assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"
    redirect = anon.get("/docs/oauth2-redirect")
    assert redirect.status_code == 200
    assert "'sha256-" in _directives(redirect.headers["content-security-policy"])["script-src"][1]
    redoc = anon.get("/redoc")
    assert redoc.status_code == 200
    assert '<script src="/docs/assets/redoc.standalone.js">' in redoc.text
    assert "fonts.googleapis" not in redoc.text
    policy = _directives(redoc.headers["content-security-policy"])
    assert policy["worker-src"] == ["'self'", "blob:"]
    assert policy["script-src"] == ["'self'"]
    # Neither page is in the OpenAPI document.
    paths = anon.get("/openapi.json").json()["paths"]
    assert not [p for p in paths if p.startswith(("/docs", "/redoc"))]
