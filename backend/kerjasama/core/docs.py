"""The interactive API docs, /docs (Swagger UI) and /redoc, served with their own files and a CSP.

FastAPI's defaults load Swagger UI from a CDN, which the API's strict Content-Security-Policy would
block, so /docs used to go out with no CSP at all. Here the Swagger UI 5 and ReDoc files come from the
`fastapi-offline` package and are served under /docs/assets/ (no CDN: the docs also work on an
intranet without internet access), and each page gets a CSP that allows exactly what it needs:
its own scripts and styles, the one inline start-up script by its SHA-256 hash, inline styles (both
UIs set them), `data:` images, and for ReDoc a `blob:` worker.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.resources
import re
from typing import Final

from fastapi import APIRouter, FastAPI
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html, get_swagger_ui_oauth2_redirect_html
from fastapi.responses import HTMLResponse, Response

from kerjasama.core.errors import NotFound

ASSETS: Final = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "redoc.standalone.js": "text/javascript; charset=utf-8",
    "favicon.png": "image/png",
}
ASSETS_PATH = "/docs/assets"
OAUTH2_REDIRECT = "/docs/oauth2-redirect"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


def _asset(name: str) -> bytes:
    return (importlib.resources.files("fastapi_offline") / "static" / name).read_bytes()


def csp(html: str, *, worker_blob: bool = False) -> str:
    """The page's policy: like the API's (core/middleware.py), plus the hashes of its inline scripts."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(script.encode()).digest()).decode() + "'"
        for script in _INLINE_SCRIPT.findall(html)
    )
    script_src = f"script-src 'self' {hashes}".strip()
    worker = "; worker-src 'self' blob:" if worker_blob else ""
    return (
        f"default-src 'self'; {script_src}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        f"font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; "
        f"form-action 'self'{worker}"
    )


def _page(response: HTMLResponse, *, worker_blob: bool = False) -> tuple[str, dict[str, str]]:
    html = bytes(response.body).decode()
    return html, {"Content-Security-Policy": csp(html, worker_blob=worker_blob), "Cache-Control": "no-cache"}


def install(app: FastAPI, openapi_url: str = "/openapi.json") -> None:
    """Add /docs, /docs/oauth2-redirect, /redoc and /docs/assets/* (none in the OpenAPI document).
    The app must be created with docs_url=None and redoc_url=None."""
    title = f"{app.title} - docs"
    swagger = _page(
        get_swagger_ui_html(
            openapi_url=openapi_url,
            title=title,
            swagger_js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
            swagger_css_url=f"{ASSETS_PATH}/swagger-ui.css",
            swagger_favicon_url=f"{ASSETS_PATH}/favicon.png",
            oauth2_redirect_url=OAUTH2_REDIRECT,
        )
    )
    redirect = _page(get_swagger_ui_oauth2_redirect_html())
    redoc = _page(
        get_redoc_html(
            openapi_url=openapi_url,
            title=title,
            redoc_js_url=f"{ASSETS_PATH}/redoc.standalone.js",
            redoc_favicon_url=f"{ASSETS_PATH}/favicon.png",
            with_google_fonts=False,
        ),
        worker_blob=True,
    )
    router = APIRouter(include_in_schema=False)

    @router.get("/docs")
    def docs() -> HTMLResponse:
        return HTMLResponse(swagger[0], headers=swagger[1])

    @router.get(OAUTH2_REDIRECT)
    def oauth2_redirect() -> HTMLResponse:
        return HTMLResponse(redirect[0], headers=redirect[1])

    @router.get("/redoc")
    def redoc_page() -> HTMLResponse:
        return HTMLResponse(redoc[0], headers=redoc[1])

    @router.get(ASSETS_PATH + "/{name}")
    def asset(name: str) -> Response:
        media_type = ASSETS.get(name)
        if media_type is None:
            raise NotFound(f"No docs file {name[:60]}.")
        return Response(
            _asset(name), media_type=media_type, headers={"Cache-Control": "public, max-age=86400"}
        )

    app.include_router(router)
