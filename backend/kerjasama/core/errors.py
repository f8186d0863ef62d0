"""Every error becomes RFC 9457 application/problem+json, rendered here and only here."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("kerjasama.errors")

PROBLEM_JSON = "application/problem+json"
# What an overloaded server tells the client: retry after this many seconds.
RETRY_AFTER_SECONDS = 2


class FieldError(BaseModel):
    loc: list[str | int] = Field(description="Path to the offending field, e.g. ['body', 'end_date']")
    msg: str = Field(description="What is wrong, in plain words")
    code: str = Field(description="Stable machine code of the rule that failed")


class Problem(BaseModel):
    type: str = Field("about:blank", description="URI identifying the problem type")
    title: str = Field(description="Short summary of the problem type")
    status: int = Field(description="HTTP status code")
    detail: str = Field("", description="Explanation specific to this occurrence")
    code: str = Field(description="Stable machine-readable error code")
    errors: list[FieldError] = Field(default_factory=list, description="Field-level errors, if any")


class ProblemDoc(Problem):
    """The documented shape: Problem plus the members some answers add (RFC 9457 extension members)."""

    existing_id: str | None = Field(
        None, description="409 partner_duplicate / partner_region_exists: the existing partner"
    )
    duplicates: list[dict[str, Any]] | None = Field(
        None, description="409 partner_duplicate: the likely duplicates, each {id, name, matched_on}"
    )
    findings: list[dict[str, Any]] | None = Field(
        None,
        description="409 rule_blocked / 422 justification_required: rule findings {rule_id, severity, message_id, message_en, basis, fields}",
    )
    allowed_actions: list[str] | None = Field(
        None, description="409 action_not_allowed: actions possible now"
    )
    current_version: int | None = Field(
        None, description="412 precondition_failed: the record's current version"
    )
    committed: bool | None = Field(
        None,
        description="422 import_rejected: false (nothing written); the answer also carries the import "
        "report's other members (dry_run, rows_total, rows_valid, rows_invalid, partners_created, "
        "partners_matched, rows), as in ImportReport",
    )
    rows: list[dict[str, Any]] | None = Field(
        None, description="422 import_rejected: the per-row report (ImportRowReport), in sheet order"
    )


class AppError(Exception):
    status = 400
    code = "bad_request"
    title = "Bad request"

    def __init__(
        self,
        detail: str = "",
        *,
        errors: Sequence[FieldError] = (),
        code: str | None = None,
        extra: dict[str, Any] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(detail or self.title)
        self.detail = detail
        self.errors = list(errors)
        if code:
            self.code = code
        self.extra = extra or {}
        self.headers = headers or {}


class NotFound(AppError):
    status, code, title = 404, "not_found", "Not found"


class Conflict(AppError):
    status, code, title = 409, "conflict", "Conflict"


class Forbidden(AppError):
    status, code, title = 403, "forbidden", "Forbidden"


class Unauthorized(AppError):
    status, code, title = 401, "unauthorized", "Not authenticated"

    def __init__(self, detail: str = "", **kw: Any) -> None:
        super().__init__(detail, **kw)
        self.headers.setdefault("WWW-Authenticate", 'Bearer error="invalid_token"')


class Invalid(AppError):
    status, code, title = 422, "validation_error", "Invalid input"


class PreconditionRequired(AppError):
    status, code, title = 428, "precondition_required", "If-Match header required"


class PreconditionFailed(AppError):
    status, code, title = 412, "precondition_failed", "The record changed since you read it"


class TooManyRequests(AppError):
    status, code, title = 429, "too_many_requests", "Too many requests"


Responses = dict[int | str, dict[str, Any]]


def problems(*statuses: int, described: Mapping[int, str] | None = None) -> Responses:
    """The documented error answers of an operation, for `responses=`: `problems(404, 412, 428)`.

    main.py renders every status >= 400 as application/problem+json with the Problem schema;
    `described` gives some of them a description naming their codes.
    """
    out: Responses = {status: {"model": Problem} for status in statuses}
    for status, description in (described or {}).items():
        out[status] = {"model": Problem, "description": description}
    return out


def field_error(field: str, msg: str, code: str, where: str = "body") -> FieldError:
    parts: list[str | int] = [int(p) if p.isdigit() else p for p in field.split(".")]
    return FieldError(loc=[where, *parts], msg=msg, code=code)


def problem_response(
    status: int,
    title: str,
    code: str,
    detail: str = "",
    errors: Sequence[FieldError] = (),
    extra: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = Problem(
        title=title, status=status, detail=detail, code=code, errors=list(errors)
    ).model_dump()
    body.update(extra or {})
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def is_unavailable(exc: BaseException) -> bool:
    """True for a wait that timed out under load (pool exhausted, SQLite write lock held too long,
    PostgreSQL lock/serialization trouble or a lost connection): the client should retry later.
    False for everything else (a bug must stay a 500)."""
    if isinstance(exc, PoolTimeout):
        return True
    if not isinstance(exc, OperationalError):
        return False
    assert isinstance(exc, DBAPIError)
    module = type(exc.orig).__module__
    if module.startswith("sqlite3"):
        text = str(exc.orig).lower()
        return "locked" in text or "busy" in text
    # psycopg: OperationalError covers lock timeouts, deadlocks, serialization failures, cancelled
    # statements and lost connections; syntax and schema errors are ProgrammingError.
    return True


def unavailable_response() -> JSONResponse:
    """503 for a wait that timed out under load (no free connection, SQLite's write lock held too long):
    nothing was written, and the same request may be sent again after Retry-After seconds."""
    return problem_response(
        503,
        "Service busy",
        "service_busy",
        "The server is busy; nothing was changed. Send the same request again after Retry-After seconds.",
        headers={"Retry-After": str(RETRY_AFTER_SECONDS)},
    )


def _validation_errors(exc: RequestValidationError) -> list[FieldError]:
    out = []
    for err in exc.errors():
        loc = [p if isinstance(p, int) else str(p) for p in err.get("loc", ())]
        named = (err.get("ctx") or {}).get("field")
        if isinstance(named, str):  # a model-level check naming its field (core.schemas.field_problem)
            loc += [int(x) if x.isdigit() else x for x in named.split(".")]
        out.append(FieldError(loc=loc, msg=str(err.get("msg", "")), code=str(err.get("type", "invalid"))))
    return out


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(AppError)
    async def _app_error(_: Request, exc: AppError) -> JSONResponse:
        return problem_response(
            exc.status, exc.title, exc.code, exc.detail, exc.errors, exc.extra, exc.headers
        )

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = _validation_errors(exc)
        detail = "; ".join(f"{'.'.join(map(str, e.loc))}: {e.msg}" for e in errors[:5])
        return problem_response(422, "Invalid input", "validation_error", detail, errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not_found", 405: "method_not_allowed", 413: "payload_too_large"}.get(
            exc.status_code, "http_error"
        )
        return problem_response(
            exc.status_code, str(exc.detail), code, str(exc.detail), headers=getattr(exc, "headers", None)
        )

    @app.exception_handler(StaleDataError)
    async def _stale(_: Request, exc: StaleDataError) -> JSONResponse:
        # Two writers passed the If-Match check at the same moment; the version column caught it.
        return problem_response(
            412, PreconditionFailed.title, PreconditionFailed.code, "Someone else saved this record first."
        )

    @app.exception_handler(OperationalError)
    async def _database_operational(_: Request, exc: OperationalError) -> JSONResponse:
        if is_unavailable(exc):
            log.warning("database busy, answered 503: %s", exc.orig)
            return unavailable_response()
        log.error("database error", exc_info=exc)
        return problem_response(
            500, "Internal server error", "internal_error", "An unexpected error occurred."
        )

    @app.exception_handler(PoolTimeout)
    async def _pool_exhausted(_: Request, exc: PoolTimeout) -> JSONResponse:
        log.warning("no free database connection, answered 503: %s", exc)
        return unavailable_response()

    @app.exception_handler(Exception)
    async def _unexpected(_: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error")
        return problem_response(
            500, "Internal server error", "internal_error", "An unexpected error occurred."
        )
