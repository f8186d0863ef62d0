"""create_app(): routers, middleware, error handlers and the SPA at /."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.middleware.cors import CORSMiddleware
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy import text
from starlette.routing import compile_path

from kerjasama.agreements.router import exports_router
from kerjasama.agreements.router import router as agreements_router
from kerjasama.audit.router import router as audit_router
from kerjasama.auth.router import router as auth_router
from kerjasama.core import docs, request_context
from kerjasama.core.config import Settings, get_settings
from kerjasama.core.db import Database
from kerjasama.core.errors import FieldError, ProblemDoc, install_error_handlers, problem_response
from kerjasama.core.http import API_PREFIX, ETAG_HEADER, EXAMPLES, IF_MATCH_HEADER
from kerjasama.core.logging import configure_logging
from kerjasama.core.metrics import get_metrics
from kerjasama.core.metrics import router as metrics_router
from kerjasama.core.middleware import (
    BodySizeLimitMiddleware,
    IdempotencyMiddleware,
    QueryTextMiddleware,
    SecurityHeadersMiddleware,
)
from kerjasama.dashboard.router import router as dashboard_router
from kerjasama.documents.router import router as documents_router
from kerjasama.dossier.router import router as dossier_router
from kerjasama.exports.router import router as exports_lists_router
from kerjasama.imports.router import router as imports_router
from kerjasama.integration.changes.router import router as changes_router
from kerjasama.integration.service_accounts.router import router as service_accounts_router
from kerjasama.integration.webhooks.job import WebhookLoop
from kerjasama.integration.webhooks.router import router as webhooks_router
from kerjasama.monitoring.router import router as monitoring_router
from kerjasama.obligations.router import router as obligations_router
from kerjasama.ocds.router import router as ocds_router
from kerjasama.partners.router import router as partners_router
from kerjasama.periodic_reports.router import router as periodic_reports_router
from kerjasama.procedure.router import router as procedure_router
from kerjasama.public_register.router import router as public_router
from kerjasama.reference.router import router as reference_router
from kerjasama.reminders.router import router as reminders_router
from kerjasama.reminders.scheduler import DailyReminders
from kerjasama.tasks.router import router as tasks_router
from kerjasama.users.router import router as users_router

API_DESCRIPTION = """
Registry of regional cooperation (*Kerja Sama Daerah*) under PP 28/2018 and Permendagri 22/2020.

* Sign in at `POST /api/v1/auth/token` (OAuth2 password grant) and send `Authorization: Bearer <token>`.
* Lists take `limit` and `cursor` and answer `{"items", "next_cursor", "total"}`.
* Every record has an `ETag`; `PATCH` and `DELETE` need `If-Match`.
* `POST` accepts `Idempotency-Key`: a retry with the same key and body replays the first answer.
* Errors are `application/problem+json` (RFC 9457) with a stable `code` and per-field `errors`.
"""

# One description per tag: the groups an integrator's generated client is organised by.
OPENAPI_TAGS: list[dict[str, Any]] = [
    {
        "name": "auth",
        "description": "Sign in (OAuth2 password or client credentials), refresh, sign out, who am I.",
    },
    {
        "name": "agreements",
        "description": "The registry of cooperation texts (KB, PKS, NK, RK, LOI, adendum …): "
        "list, search, export, create, read, change and delete drafts.",
    },
    {
        "name": "dossier",
        "description": "The audit dossier of one agreement (ZIP: metadata, history, approvals, obligations, "
        "monitoring reports, every file and a SHA-256 manifest) and its printable card (PDF).",
    },
    {
        "name": "imports",
        "description": "Spreadsheet import of existing agreements (administrator): the XLSX template, then "
        "a dry run with a per-row report, then an all-or-nothing import.",
    },
    {
        "name": "exports",
        "description": "CSV and XLSX exports of the obligations (with occurrences and fulfilment) and the "
        "monitoring reports, with the lists' filters and scope, streamed without a row cap.",
    },
    {
        "name": "procedure",
        "description": "The stage machines and their legal gates: regulation checks, possible "
        "actions, transitions, renewal, TKKSD appraisals, DPRD approvals, history and the holiday calendar.",
    },
    {
        "name": "partners",
        "description": "Cooperation partners (other regions, third parties, foreign partners) "
        "with their contacts.",
    },
    {
        "name": "obligations",
        "description": "Rights and obligations (hak dan kewajiban) of each party: schedules, "
        "occurrences, fulfilment and force-majeure events.",
    },
    {
        "name": "documents",
        "description": "Files attached to agreements (signed texts, minutes, evidence): upload, "
        "download, replace and delete, in the caller's scope.",
    },
    {
        "name": "monitoring",
        "description": "Monitoring and evaluation: what each OPD owes, reporting settings, "
        "reports and their review workflow.",
    },
    {
        "name": "periodic-reports",
        "description": "The periodic report of the region's cooperation (preview, "
        "finalize into an immutable snapshot, sendings).",
    },
    {
        "name": "tasks",
        "description": "The caller's task queue (what waits for their role, with due dates and links) and the "
        "operator's request to the OPD head to submit a draft.",
    },
    {"name": "dashboard", "description": "Headline figures over the agreements in the caller's scope."},
    {"name": "reminders", "description": "Reminder rules and the e-mail delivery log."},
    {"name": "notifications", "description": "The caller's in-app notifications."},
    {"name": "calendar", "description": "The caller's secret calendar (ICS) feed of due dates."},
    {"name": "reference", "description": "Master data: regions (kode wilayah), affairs (urusan) and OPDs."},
    {"name": "users", "description": "User accounts and their roles (admin)."},
    {"name": "audit", "description": "The tamper-evident audit log: who changed what, when."},
    {
        "name": "service-accounts",
        "description": "Machine clients (e.g. the province's systems) and their secrets.",
    },
    {
        "name": "changes",
        "description": "The change feed: every create, update and delete in order, for incremental sync.",
    },
    {
        "name": "webhooks",
        "description": "Subscriptions that push change events to an integrator's URL, and their deliveries.",
    },
    {
        "name": "public",
        "description": "The public register (no sign-in, rate-limited, cacheable): agreements marked "
        "public that are signed, in force or ended, their counts and their public files.",
    },
    {
        "name": "ocds",
        "description": "OCDS 1.1 open data of the public register (no sign-in): release packages, "
        "records compiled with ocdsmerge, and the extension that documents our x_ fields.",
    },
    {"name": "health", "description": "Liveness and readiness probes (no sign-in)."},
]

DEFAULT_SPA_DIR = Path(__file__).resolve().parents[2] / "frontend" / "dist"


class Health(BaseModel):
    status: str = Field(description="'ok' when the check passed")


def create_app(
    settings: Settings | None = None,
    database: Database | None = None,
    spa_dir: Path | None = None,
    *,
    run_reminders: bool = False,
) -> FastAPI:
    """The app. `run_reminders` (only `kerjasama serve` sets it) starts the daily reminder run and the
    webhook loop in background threads (KERJASAMA_REMINDERS_IN_PROCESS, KERJASAMA_WEBHOOKS_IN_PROCESS);
    tests never get timers."""
    settings = settings or get_settings()
    database = database or Database(settings)
    app = FastAPI(
        title="Kerja Sama Daerah registry API",
        version="1.0.0",
        description=API_DESCRIPTION,
        openapi_url="/openapi.json",
        docs_url=None,  # /docs and /redoc: core/docs.py (self-hosted Swagger UI and ReDoc, with a CSP)
        redoc_url=None,
        openapi_tags=OPENAPI_TAGS,
        lifespan=_background_jobs(database, settings)
        if run_reminders and (settings.reminders_in_process or settings.webhooks_in_process)
        else None,
    )
    app.state.settings = settings
    app.state.db = database
    configure_logging(settings.log_level)
    metrics = get_metrics()
    metrics.watch_pool(database.engine)

    install_error_handlers(app)
    for router in (
        auth_router,
        reference_router,
        users_router,
        partners_router,
        agreements_router,
        exports_router,
        procedure_router,
        documents_router,
        obligations_router,
        monitoring_router,
        exports_lists_router,
        dossier_router,
        imports_router,
        reminders_router,
        dashboard_router,
        tasks_router,
        audit_router,
        service_accounts_router,
        changes_router,
        webhooks_router,
        periodic_reports_router,
        public_router,
        ocds_router,
    ):
        app.include_router(router, prefix=API_PREFIX)

    @app.get("/healthz", response_model=Health, tags=["health"], operation_id="health_live")
    def healthz() -> Health:
        """Liveness: the process answers."""
        return Health(status="ok")

    @app.get(
        "/readyz",
        response_model=Health,
        tags=["health"],
        responses={503: {"model": Health}},
        operation_id="health_ready",
    )
    def readyz(request: Request) -> Response:
        """Readiness: the database answers."""
        try:
            with request.app.state.db.engine.connect() as conn:
                conn.execute(text("SELECT 1"))
        except Exception:
            return JSONResponse({"status": "database unavailable"}, status_code=503)
        return JSONResponse({"status": "ok"})

    app.include_router(metrics_router)  # /metrics, outside the API and its OpenAPI document
    docs.install(app)
    _mount_spa(app, spa_dir or DEFAULT_SPA_DIR)
    _allow_all_methods_on_405(app)
    _document_problems(app)

    # Middleware order: the last added runs first. Size cap outermost, then idempotency.
    app.add_middleware(
        IdempotencyMiddleware,
        database_getter=lambda: app.state.db,
        secret_getter=lambda: app.state.settings.secret_key,
    )
    app.add_middleware(QueryTextMiddleware)
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
    # Outermost of all (around the error handler too): X-Request-ID, the access log line, latency.
    request_context.install(app, metrics, lambda: app.state.settings.secret_key)
    return app


def create_served_app() -> FastAPI:
    """Factory for `kerjasama serve` with several workers: the app with the daily reminder run and the
    webhook loop. Each worker may run them; both are once-only (advisory lock and unique keys for
    reminders; SKIP LOCKED claims and one delivery per (subscription, event) for webhooks)."""
    return create_app(run_reminders=True)


def _background_jobs(database: Database, settings: Settings) -> Any:
    """The daily reminder run and the webhook loop, each when its setting keeps it in process."""

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        jobs: list[DailyReminders | WebhookLoop] = []
        if settings.reminders_in_process:
            jobs.append(DailyReminders(database, settings))
        if settings.webhooks_in_process:
            jobs.append(WebhookLoop(database, settings))
        for job in jobs:
            job.start()
        try:
            yield
        finally:
            for job in jobs:
                await asyncio.to_thread(job.stop)  # waits for a run in progress, off the event loop

    return lifespan


def _document_problems(app: FastAPI) -> None:
    """Document every error response as application/problem+json with the Problem schema.

    FastAPI documents 422 with its own HTTPValidationError shape and errors as application/json;
    our handlers answer problem+json for all of them, and integrators must see that in the spec.
    """

    def openapi() -> dict[str, Any]:
        if app.openapi_schema:
            return app.openapi_schema
        doc = get_openapi(
            title=app.title,
            version=app.version,
            description=app.description,
            routes=app.routes,
            tags=app.openapi_tags,
        )
        schemas = doc.setdefault("components", {}).setdefault("schemas", {})
        schemas["Problem"] = ProblemDoc.model_json_schema(ref_template="#/components/schemas/{model}")
        schemas["Problem"]["title"] = "Problem"
        for prop in schemas["Problem"]["properties"].values():
            # Extension members appear only on some answers: optional, no null default to document.
            if prop.get("default", "") is None:
                del prop["default"]
        schemas.setdefault(
            "FieldError", FieldError.model_json_schema(ref_template="#/components/schemas/{model}")
        )
        schemas["Problem"].pop("$defs", None)
        for name in ("HTTPValidationError", "ValidationError"):
            schemas.pop(name, None)
        problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        for path, path_item in doc.get("paths", {}).items():
            for method, operation in path_item.items():
                _document_headers(path, method, operation)
                responses = operation.setdefault("responses", {})
                for status_code, response in responses.items():
                    if status_code.isdigit() and int(status_code) >= 400:
                        response["content"] = problem
                responses["default"] = {"description": "Error (RFC 9457 problem details)", "content": problem}
        _restore_example_nulls(doc)
        app.openapi_schema = doc
        return doc

    app.openapi = openapi  # type: ignore[method-assign]


IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": "Retry-safe POST: a repeat with the same key and body replays the first answer",
    "schema": {"type": "string", "maxLength": 200},
}


def _document_headers(path: str, method: str, operation: dict[str, Any]) -> None:
    """Headers the middleware and handlers read, which FastAPI cannot see in the signatures."""
    params = operation.setdefault("parameters", [])
    needs_if_match = method in ("patch", "delete") or path.endswith("/transitions")
    # Revoking one's own calendar URL is a security action: If-Match is optional there (see reminders).
    no_if_match = (f"{API_PREFIX}/holidays", f"{API_PREFIX}/calendar-feed")
    if needs_if_match and path.startswith(f"{API_PREFIX}/") and not path.startswith(no_if_match):
        params.append(IF_MATCH_HEADER)
    if method == "post" and path.startswith(f"{API_PREFIX}/") and not path.startswith(f"{API_PREFIX}/auth/"):
        params.append(IDEMPOTENCY_KEY)
    for status_code, response in operation.get("responses", {}).items():
        record = path.endswith("}") and method in ("get", "patch") and status_code == "200"
        if record or path.endswith("/transitions") or (status_code == "201" and method == "post"):
            response.setdefault("headers", {}).update(ETAG_HEADER)


def _restore_example_nulls(doc: dict[str, Any]) -> None:
    """FastAPI drops None from the whole document, so documented answers would lose their null
    fields; put each example back as written (core.http.example), nulls included."""
    written = [(jsonable_encoder(v, exclude_none=True), jsonable_encoder(v)) for v in EXAMPLES]
    for path_item in doc.get("paths", {}).values():
        for operation in path_item.values():
            for response in operation.get("responses", {}).values():
                content = response.get("content", {}).get("application/json", {})
                for stripped, full in written:
                    if "example" in content and content["example"] == stripped:
                        content["example"] = full


def _allow_all_methods_on_405(app: FastAPI) -> None:
    """Starlette's 405 lists only the first matching route's methods; FastAPI makes one route per
    method, so `Allow` would say GET where GET and POST exist. Collect them from every route."""

    # Built from the OpenAPI paths: FastAPI nests included routers, so app.routes is not flat.
    table: list[tuple[re.Pattern[str], set[str]]] = []

    async def method_not_allowed(request: Request, exc: Exception) -> Response:
        if not table:
            for path, operations in app.openapi()["paths"].items():
                regex, _, _ = compile_path(path)
                table.append((regex, {m.upper() for m in operations}))
        methods: set[str] = set()
        for regex, allowed in table:
            if regex.match(request.url.path):
                methods |= allowed
        if "GET" in methods:
            methods.add("HEAD")
        allow = ", ".join(sorted(methods))
        return problem_response(
            405,
            "Method not allowed",
            "method_not_allowed",
            f"{request.method} is not allowed here; use {allow}.",
            headers={"Allow": allow},
        )

    app.add_exception_handler(405, method_not_allowed)


def _mount_spa(app: FastAPI, spa_dir: Path) -> None:
    """Serve the built SPA for GET requests no API route claims; unknown paths get index.html
    so deep links survive a reload. Done in the 404 handler (not a catch-all route) so that a
    wrong method on an API path still answers 405."""
    index = spa_dir / "index.html"
    root = spa_dir.resolve()

    async def not_found(request: Request, exc: Exception) -> Response:
        path = request.url.path.lstrip("/")
        is_api = path.startswith(("api/", "openapi.json", "docs"))
        if request.method in ("GET", "HEAD") and not is_api and not index.is_file():
            return problem_response(
                404,
                "Not found",
                "spa_not_built",
                "The web app is not built (run `make build-web`); the API is at /api/v1, its docs at /docs.",
            )
        if request.method not in ("GET", "HEAD") or is_api:
            detail = str(getattr(exc, "detail", "")) or f"No route /{path}."
            if detail == "Not Found":
                detail = f"No route /{path}."
            return problem_response(404, "Not found", "not_found", detail)
        candidate = (spa_dir / path).resolve()
        if path and candidate.is_file() and candidate.is_relative_to(root):
            cache = "public, max-age=31536000, immutable" if path.startswith("assets/") else "no-cache"
            return FileResponse(candidate, headers={"Cache-Control": cache})
        return FileResponse(index, headers={"Cache-Control": "no-cache"})

    app.add_exception_handler(404, not_found)
