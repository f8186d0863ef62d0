"""ASGI middleware: body size cap, security headers and Idempotency-Key replay."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable
from urllib.parse import parse_qsl, unquote_to_bytes

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kerjasama.core.db import Database
from kerjasama.core.errors import FieldError, problem_response
from kerjasama.core.security import TokenError, decode_access_token, sha256_hex
from kerjasama.models import IdempotencyRecord

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (
        b"content-security-policy",
        b"default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
        b"connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
    ),
]
# Swagger UI at /docs loads its assets from a CDN; the strict CSP would blank that page.
DOCS_PATHS = ("/docs", "/redoc")


class SecurityHeadersMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        is_docs = str(scope.get("path", "")).startswith(DOCS_PATHS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for key, value in SECURITY_HEADERS:
                    if key not in present and not (is_docs and key == b"content-security-policy"):
                        headers.append((key, value))
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, send_with_headers)


class QueryTextMiddleware:
    """Refuse query strings that carry NUL bytes or invalid UTF-8 (PostgreSQL cannot compare them)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            for name, value in parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True):
                raw = unquote_to_bytes(value) + unquote_to_bytes(name)
                try:
                    bad = "\x00" in raw.decode("utf-8")
                except UnicodeDecodeError:
                    bad = True
                if bad:
                    await problem_response(
                        422,
                        "Invalid input",
                        "validation_error",
                        f"Query parameter '{name[:40]}' contains a NUL byte or invalid UTF-8.",
                        errors=[
                            FieldError(
                                loc=["query", name[:40]],
                                msg="must be valid text without NUL",
                                code="text_invalid",
                            )
                        ],
                    )(scope, receive, send)
                    return
        await self.app(scope, receive, send)


class BodyTooLarge(Exception):
    pass


class BodySizeLimitMiddleware:
    """Refuse bodies over the cap with 413, by Content-Length up front or by counting the stream."""

    def __init__(self, app: ASGIApp, max_json_bytes: int, max_upload_bytes: int) -> None:
        self.app = app
        self.max_json = max_json_bytes
        self.max_upload = max_upload_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers", []))
        ctype = headers.get(b"content-type", b"").decode("latin-1")
        limit = self.max_upload if ctype.startswith("multipart/") else self.max_json
        declared = headers.get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await self._reject(scope, receive, send, limit)
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge
            return message

        try:
            await self.app(scope, counting_receive, send)
        except BodyTooLarge:
            await self._reject(scope, receive, send, limit)

    async def _reject(self, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
        response = problem_response(
            413,
            "Request body too large",
            "payload_too_large",
            f"The body exceeds the limit of {limit} bytes.",
        )
        await response(scope, receive, send)


class IdempotencyMiddleware:
    """A POST with Idempotency-Key is executed once per (user, key); repeats replay the first answer.

    A placeholder row is committed before the handler runs, so a concurrent duplicate sees it
    and gets 409 instead of creating a second record.
    """

    def __init__(
        self, app: ASGIApp, database_getter: Callable[[], Database], secret_getter: Callable[[], str]
    ) -> None:
        self.app = app
        self.database_getter = database_getter
        self.secret_getter = secret_getter

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        headers = dict(scope.get("headers", [])) if scope["type"] == "http" else {}
        key = headers.get(b"idempotency-key", b"").decode("latin-1").strip()
        if scope["type"] != "http" or scope["method"] != "POST" or not key:
            await self.app(scope, receive, send)
            return
        user_id = self._user_id(headers)
        if user_id is None:  # unauthenticated POST (sign-in): the handler answers 401 itself
            await self.app(scope, receive, send)
            return
        if len(key) > 200:
            await problem_response(
                422,
                "Invalid input",
                "idempotency_key_too_long",
                "Idempotency-Key is limited to 200 characters.",
            )(scope, receive, send)
            return

        body = await _read_body(receive)
        path = scope["path"] + (
            "?" + scope["query_string"].decode("latin-1") if scope.get("query_string") else ""
        )
        content_type = headers.get(b"content-type", b"").decode("latin-1")
        request_hash = sha256_hex(b"POST " + path.encode() + b"\n" + request_fingerprint(content_type, body))
        store = IdempotencyStore(self.database_getter())
        existing = await run_in_threadpool(store.claim, user_id, key, path, request_hash)
        if existing is not None:
            await existing(scope, receive, send)
            return

        status = 0
        out_headers: list[tuple[str, str]] = []
        chunks: list[bytes] = []

        async def replay_receive() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        async def capture_send(message: Message) -> None:
            nonlocal status, out_headers
            if message["type"] == "http.response.start":
                status = message["status"]
                out_headers = [
                    (k.decode("latin-1"), v.decode("latin-1")) for k, v in message.get("headers", [])
                ]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, replay_receive, capture_send)
        finally:
            if status >= 500 or status == 0 or _no_store(out_headers):
                # A failure must be retryable with the same key. A no-store answer (a secret shown
                # once, e.g. a calendar URL) must not be kept in the database: a repeat runs again.
                await run_in_threadpool(store.release, user_id, key)
            else:
                await run_in_threadpool(
                    store.complete, user_id, key, status, dict(out_headers), b"".join(chunks)
                )

    def _user_id(self, headers: dict[bytes, bytes]) -> uuid.UUID | None:
        auth = headers.get(b"authorization", b"").decode("latin-1")
        if not auth.lower().startswith("bearer "):
            return None
        try:
            claims = decode_access_token(auth[7:].strip(), self.secret_getter())
            return uuid.UUID(str(claims["sub"]))
        except (TokenError, ValueError):
            return None


def _no_store(headers: list[tuple[str, str]]) -> bool:
    return any(k.lower() == "cache-control" and "no-store" in v.lower() for k, v in headers)


_BOUNDARY = re.compile(r'boundary="?([^";]+)"?', re.IGNORECASE)


def request_fingerprint(content_type: str, body: bytes) -> bytes:
    """What a repeat must match. The raw body, except for multipart/form-data: clients draw a new
    random boundary for every request, so a retry of the same upload would never match its bytes.
    There the fingerprint is each part's Content-Disposition (name, file name), type and content hash,
    in order."""
    match = _BOUNDARY.search(content_type) if content_type.lower().startswith("multipart/") else None
    if match is None:
        return body
    delimiter = b"--" + match.group(1).encode("latin-1")
    canonical = [b"multipart"]
    for raw in body.split(delimiter)[1:]:
        if raw.startswith(b"--"):  # the closing delimiter
            break
        head, sep, content = raw.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        if not sep:
            return body  # not well-formed: fall back to the exact bytes
        fields: dict[str, str] = {}
        for line in head.decode("latin-1").split("\r\n"):
            name, _, value = line.partition(":")
            fields[name.strip().lower()] = value.strip()
        canonical.append(
            "\x00".join(
                (
                    fields.get("content-disposition", ""),
                    fields.get("content-type", "").lower(),
                    sha256_hex(content.removesuffix(b"\r\n")),
                )
            ).encode("utf-8", "surrogateescape")
        )
    return b"\n".join(canonical)


async def _read_body(receive: Receive) -> bytes:
    chunks = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            break
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return b"".join(chunks)


class IdempotencyStore:
    PENDING = -1

    def __init__(self, database: Database) -> None:
        self.database = database

    def claim(self, user_id: uuid.UUID, key: str, path: str, request_hash: str) -> Response | None:
        with self.database.session() as session:
            row = session.scalar(
                select(IdempotencyRecord).where(
                    IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key
                )
            )
            if row is None:
                session.add(
                    IdempotencyRecord(
                        user_id=user_id,
                        key=key,
                        method="POST",
                        path=path,
                        request_hash=request_hash,
                        status_code=self.PENDING,
                        headers={},
                        body=b"",
                    )
                )
                try:
                    session.commit()
                    return None
                except IntegrityError:
                    session.rollback()
                    return _in_progress()
            if row.request_hash != request_hash:
                return problem_response(
                    422,
                    "Invalid input",
                    "idempotency_key_reused",
                    "This Idempotency-Key was already used with a different request.",
                )
            if row.status_code == self.PENDING:
                return _in_progress()
            return _replay(row.status_code, row.headers, row.body)

    def complete(
        self, user_id: uuid.UUID, key: str, status: int, headers: dict[str, str], body: bytes
    ) -> None:
        kept = {k: v for k, v in headers.items() if k.lower() in {"content-type", "etag", "location"}}
        with self.database.session() as session, session.begin():
            session.execute(
                update(IdempotencyRecord)
                .where(IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key)
                .values(status_code=status, headers=kept, body=body)
            )

    def release(self, user_id: uuid.UUID, key: str) -> None:
        with self.database.session() as session, session.begin():
            session.execute(
                delete(IdempotencyRecord).where(
                    IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key
                )
            )


def _in_progress() -> Response:
    return problem_response(
        409,
        "Conflict",
        "idempotency_in_progress",
        "A request with this Idempotency-Key is still being processed; retry in a moment.",
        headers={"Retry-After": "1"},
    )


def _replay(status: int, headers: dict[str, str], body: bytes) -> Response:
    return Response(content=body, status_code=status, headers={**headers, "Idempotency-Replayed": "true"})
