"""create_app(): routers, middleware, error handlers and the SPA at /."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import text

from kerjasama.agreements.router import router as agreements_router
from kerjasama.audit.router import router as audit_router
from kerjasama.auth.router import router as auth_router
from kerjasama.core.config import Settings, get_settings
from kerjasama.core.db import Database
from kerjasama.core.errors import install_error_handlers, problem_response
from kerjasama.core.middleware import BodySizeLimitMiddleware, IdempotencyMiddleware, SecurityHeadersMiddleware
from kerjasama.partners.router import router as partners_router
from kerjasama.reference.router import router as reference_router
from kerjasama.users.router import router as users_router

API_DESCRIPTION = """
Registry of regional cooperation (*Kerja Sama Daerah*) under PP 28/2018 and Permendagri 22/2020.

* Sign in at `POST /api/v1/auth/token` (OAuth2 password grant) and send `Authorization: Bearer <token>`.
* Lists take `limit` and `cursor` and answer `{"items", "next_cursor", "total"}`.
* Every record has an `ETag`; `PATCH` and `DELETE` need `If-Match`.
* `POST` accepts `Idempotency-Key`: a retry with the same key and body replays the first answer.
* Errors are `application/problem+json` (RFC 9457) with a stable `code` and per-field `errors`.
"""

DEFAULT_SPA_DIR = Path(__file__).resolve().parents[2] / "frontend" / "dist"


class Health(BaseModel):
    status: str = Field(description="'ok' when the check passed")


def create_app(settings: Settings | None = None, database: Database | None = None, spa_dir: Path | None = None) -> FastAPI:
    settings = settings or get_settings()
    database = database or Database(settings)
    app = FastAPI(
        title="Kerja Sama Daerah registry API",
        version="1.0.0",
        description=API_DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url="/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.db = database

    install_error_handlers(app)
    for router in (auth_router, reference_router, users_router, partners_router, agreements_router, audit_router):
        app.include_router(router)

    @app.get("/healthz", response_model=Health, tags=["health"])
    def healthz() -> Health:
        """Liveness: the process answers."""
        return Health(status="ok")

    @app.get("/readyz", response_model=Health, tags=["health"], responses={503: {"model": Health}})
    def readyz(request: Request) -> Response:
        """Readiness: the database answers."""
        try:
            with request.app.state.db.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception:
            return JSONResponse({"status": "database unavailable"}, status_code=503)
        return JSONResponse({"status": "ok"})

    _mount_spa(app, spa_dir or DEFAULT_SPA_DIR)

    # Middleware order: the last added runs first. Size cap outermost, then idempotency.
    app.add_middleware(
        IdempotencyMiddleware,
        database_getter=lambda: app.state.db,
        secret_getter=lambda: app.state.settings.secret_key,
    )
    app.add_middleware(
        BodySizeLimitMiddleware,
        max_json_bytes=settings.max_request_mb * 1024 * 1024,
        max_upload_bytes=settings.max_upload_mb * 1024 * 1024,
    )
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_credentials=True,
            allow_methods=["*"],
            allow_headers=["*"],
            expose_headers=["ETag", "Location", "Retry-After"],
        )
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def _mount_spa(app: FastAPI, spa_dir: Path) -> None:
    """Serve the built SPA; unknown non-API paths return index.html so deep links survive a reload."""
    index = spa_dir / "index.html"

    @app.get("/{path:path}", include_in_schema=False)
    def spa(path: str) -> Response:
        if path.startswith(("api/", "openapi.json", "docs")):
            return problem_response(404, "Not found", "not_found", f"No route /{path}.")
        if not index.is_file():
            return problem_response(
                404, "Not found", "spa_not_built", "The web app is not built; run 'make build-web' or use the API under /api/v1."
            )
        candidate = (spa_dir / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(spa_dir.resolve()):
            cache = "public, max-age=31536000, immutable" if path.startswith("assets/") else "no-cache"
            return FileResponse(candidate, headers={"Cache-Control": cache})
        return FileResponse(index, headers={"Cache-Control": "no-cache"})
