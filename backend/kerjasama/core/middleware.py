"""ASGI middleware: body size cap, security headers and Idempotency-Key replay."""

from __future__ import annotations

import hashlib
import logging
import re
import uuid
from collections.abc import Callable
from urllib.parse import parse_qsl, unquote_to_bytes

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kerjasama.core.db import Database, begin_write
from kerjasama.core.deps import SHARED_SESSION
from kerjasama.core.errors import FieldError, is_unavailable, problem_response, unavailable_response
from kerjasama.core.http import API_PREFIX
from kerjasama.core.security import TokenError, decode_access_token, sha256_hex
from kerjasama.models import IdempotencyRecord

log = logging.getLogger("kerjasama.idempotency")

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
# The docs pages (core/docs.py) send their own CSP: this one plus the hashes of their inline scripts.
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

    One database transaction holds the key's check, the request's own writes and the record of its
    answer, and the answer is sent only after that transaction committed:

    1. Begin a write transaction (BEGIN IMMEDIATE on SQLite; on PostgreSQL also take a transaction-level
       advisory lock on the (user, key) pair, without waiting). Look the key up: a committed record is
       replayed (or refused with 422 when the body differs); on PostgreSQL a key whose lock another
       transaction holds is still running and gets 409 `idempotency_in_progress` with Retry-After; on
       SQLite the second request simply waits for the write lock and then finds the record.
    2. Run the request in that transaction (core/deps.py hands the handler a savepoint of it, so an
       error undoes the handler's writes but keeps the transaction). The answer is buffered, not sent.
    3. Insert the completed record (status, ETag/Location/Content-Type, body) and commit: the writes
       and the record become durable together, or neither does. Then send the buffered answer.

    So there is never a committed "in progress" row that could outlive its request: a process that
    dies (SIGKILL, power loss) before the commit leaves neither the writes nor the record, and its
    locks go with its connection; a retry with the same key runs again, once. A process that dies
    after the commit leaves both, and a retry replays the answer, even if the first one was never
    delivered. A replay right after an answer always finds the record, because the record is
    committed before the answer leaves. The database's own lock is the lease: it lasts as long as
    the request's transaction and ends when the transaction or its connection ends.

    A 5xx (or no answer at all) rolls everything back and keeps no record: the same key may be sent
    again. A `Cache-Control: no-store` answer (a secret shown once) commits its writes but keeps no
    record either (it must not sit in the database), so a repeat runs again. 4xx answers are final and
    replay. Sign-in endpoints (`/auth/`) are not covered: they commit throttling state on their own.
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
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or not key
            or str(scope.get("path", "")).startswith(f"{API_PREFIX}/auth/")
        ):
            await self.app(scope, receive, send)
            return
        user_id = self._user_id(headers)
        if user_id is None:  # unauthenticated POST: the handler answers 401 itself
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
        try:
            started = await run_in_threadpool(store.begin, user_id, key, path, request_hash)
        except Exception as exc:
            if not is_unavailable(exc):
                raise
            log.warning("idempotency: database busy before the request ran, answered 503: %s", exc)
            await unavailable_response()(scope, receive, send)
            return
        if isinstance(started, Response):
            await started(scope, receive, send)
            return

        status = 0
        out_headers: list[tuple[str, str]] = []
        chunks: list[bytes] = []
        messages: list[Message] = []

        async def replay_receive() -> Message:
            return {"type": "http.request", "body": body, "more_body": False}

        async def buffer_send(message: Message) -> None:
            nonlocal status, out_headers
            if message["type"] == "http.response.start":
                status = message["status"]
                out_headers = [
                    (k.decode("latin-1"), v.decode("latin-1")) for k, v in message.get("headers", [])
                ]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            messages.append(message)

        scope[SHARED_SESSION] = started.session
        try:
            await self.app(scope, replay_receive, buffer_send)
        except BaseException:
            await run_in_threadpool(started.abandon)
            raise
        finally:
            scope.pop(SHARED_SESSION, None)
        try:
            await run_in_threadpool(started.finish, status, out_headers, b"".join(chunks))
        except Exception as exc:
            if is_unavailable(exc):
                log.warning("idempotency: commit failed under load, answered 503: %s", exc)
                await unavailable_response()(scope, receive, send)
                return
            raise
        for message in messages:
            await send(message)

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


def advisory_key(user_id: uuid.UUID, key: str) -> int:
    """The PostgreSQL advisory lock number of a (user, key) pair: 64 bits of its hash, signed."""
    digest = hashlib.sha256(f"idempotency\x00{user_id}\x00{key}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class IdempotencyStore:
    # Status of a placeholder row that versions before the one-transaction design committed before the
    # request ran. None is written any more; one found is from a request that ended long ago.
    PENDING = -1

    def __init__(self, database: Database) -> None:
        self.database = database

    def begin(self, user_id: uuid.UUID, key: str, path: str, request_hash: str) -> Response | Started:
        """Open the request's write transaction and look the key up: an answer to send now (replay,
        422 key reused, 409 in progress), or the open transaction to run the request in."""
        session = self.database.session()
        try:
            begin_write(session)
            if session.get_bind().dialect.name == "postgresql":
                locked = session.scalar(select(func.pg_try_advisory_xact_lock(advisory_key(user_id, key))))
                if not locked:
                    session.rollback()
                    session.close()
                    return _in_progress()
            row = session.scalar(
                select(IdempotencyRecord).where(
                    IdempotencyRecord.user_id == user_id, IdempotencyRecord.key == key
                )
            )
            if row is not None and row.request_hash != request_hash:
                session.rollback()
                session.close()
                return problem_response(
                    422,
                    "Invalid input",
                    "idempotency_key_reused",
                    "This Idempotency-Key was already used with a different request.",
                )
            if row is not None and row.status_code != self.PENDING:
                answer = _replay(row.status_code, row.headers, row.body)
                session.rollback()
                session.close()
                return answer
            if row is not None:  # an old placeholder (see PENDING): its request is over; run again
                session.delete(row)
                session.flush()
            return Started(session, user_id, key, path, request_hash)
        except BaseException:
            session.rollback()
            session.close()
            raise


class Started:
    """A keyed request running in its transaction (see IdempotencyMiddleware)."""

    def __init__(self, session: Session, user_id: uuid.UUID, key: str, path: str, request_hash: str) -> None:
        self.session = session
        self.user_id, self.key, self.path, self.request_hash = user_id, key, path, request_hash

    def finish(self, status: int, headers: list[tuple[str, str]], body: bytes) -> None:
        """Record the answer and commit it with the request's writes; roll back on a 5xx or none."""
        session = self.session
        try:
            if status == 0 or status >= 500:
                session.rollback()
                return
            if not session.in_transaction():  # the handler committed on its own; begin again
                begin_write(session)
            if not _no_store(headers):
                kept = {k: v for k, v in headers if k.lower() in {"content-type", "etag", "location"}}
                session.add(
                    IdempotencyRecord(
                        user_id=self.user_id,
                        key=self.key,
                        method="POST",
                        path=self.path,
                        request_hash=self.request_hash,
                        status_code=status,
                        headers=kept,
                        body=body,
                    )
                )
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def abandon(self) -> None:
        try:
            self.session.rollback()
        finally:
            self.session.close()


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
