"""The outermost layer of every request: its id, its access log line and its latency metric.

- `X-Request-ID`: taken from the request when it is printable ASCII of at most 128 characters
  (a proxy's or a client's id, so that their logs and ours can be joined), otherwise a new UUID; sent
  back on every response, problem+json errors and 500s included, and written on every log line
  emitted while the request is answered (`core/logging.py`).
- One access line per request on the `kerjasama.access` logger: request id, method, route template
  (never the raw path, which may hold ids or a calendar feed's secret), status, duration in ms and
  the user id (the `sub` of a valid bearer token). Never a token, password or query string.
- The latency histogram of `core/metrics.py`.

`install(app)` wraps the whole middleware stack, outside Starlette's ServerErrorMiddleware, so that
unhandled errors (500) are counted and carry the header too.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable

from fastapi import FastAPI
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kerjasama.core.logging import request_id_var
from kerjasama.core.metrics import UNMATCHED_ROUTE, Metrics
from kerjasama.core.security import TokenError, decode_access_token

REQUEST_ID_HEADER = b"x-request-id"
_VALID_ID = re.compile(r"[\x21-\x7e]{1,128}")

access_log = logging.getLogger("kerjasama.access")
USER_ID_STATE = "user_id"
"""Where core/auth.py leaves the signed-in user's id (request.state), so that the access line does not
decode the token a second time; a request that never reached it is decoded here."""


def request_id_from(headers: list[tuple[bytes, bytes]]) -> str:
    """The client's X-Request-ID when it is acceptable, else a new UUID."""
    for key, value in headers:
        if key.lower() == REQUEST_ID_HEADER:
            text = value.decode("latin-1")
            if _VALID_ID.fullmatch(text):
                return text
            break
    return str(uuid.uuid4())


class RequestContextMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        metrics: Metrics,
        secret_getter: Callable[[], str],
        route_template: Callable[[Scope], str],
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.secret_getter = secret_getter
        self.route_template = route_template

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = list(scope.get("headers", []))
        request_id = request_id_from(headers)
        token = request_id_var.set(request_id)
        started = time.perf_counter()
        status = 500  # unless a response starts: an exception that escapes every handler

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                out = [(k, v) for k, v in message.get("headers", []) if k.lower() != REQUEST_ID_HEADER]
                out.append((REQUEST_ID_HEADER, request_id.encode("latin-1")))
                message["headers"] = out
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            seconds = time.perf_counter() - started
            route = self.route_template(scope)
            method = str(scope.get("method", ""))
            self.metrics.observe_request(method, route, status, seconds)
            access_log.info(
                "request",
                extra={
                    "method": method,
                    "route": route,
                    "status": status,
                    "duration_ms": round(seconds * 1000, 1),
                    "user_id": scope.get("state", {}).get(USER_ID_STATE) or self._user_id(headers),
                },
            )
            request_id_var.reset(token)

    def _user_id(self, headers: list[tuple[bytes, bytes]]) -> str | None:
        for key, value in headers:
            if key.lower() == b"authorization":
                auth = value.decode("latin-1")
                if not auth.lower().startswith("bearer "):
                    return None
                try:
                    return str(
                        uuid.UUID(str(decode_access_token(auth[7:].strip(), self.secret_getter())["sub"]))
                    )
                except (TokenError, ValueError):
                    return None
        return None


class RouteTemplates:
    """The full path template of the route that answered (`/api/v1/agreements/{agreement_id}`).

    The router writes the matched route into the request's scope, but a route of an included router
    knows only its own part of the path (`/{agreement_id}`); the full template is found among the
    OpenAPI document's paths: the one that matches the request's path and ends with the route's own.
    """

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self._table: list[tuple[re.Pattern[str], str]] | None = None
        # Per route object, the templates that end with its own path. Most have one, which is then the
        # answer without matching the path (the scan cost every request ~0.1 ms at 114 operations).
        self._candidates: dict[int, list[tuple[re.Pattern[str], str]]] = {}

    def __call__(self, scope: Scope) -> str:
        route = scope.get("route")
        if route is None and "endpoint" in scope:
            # A plain Starlette route (/openapi.json) names only its endpoint.
            route = next(
                (r for r in self.app.router.routes if getattr(r, "endpoint", None) is scope["endpoint"]), None
            )
        own = getattr(route, "path_format", None) or getattr(route, "path", None)
        if not own:
            return UNMATCHED_ROUTE
        if self._table is None:
            self._table = [(compile_path(path)[0], path) for path in self.app.openapi().get("paths", {})]
        candidates = self._candidates.get(id(route))
        if candidates is None:
            candidates = [(regex, template) for regex, template in self._table if template.endswith(own)]
            self._candidates[id(route)] = candidates
        if len(candidates) == 1:
            return candidates[0][1]
        path = str(scope.get("path", ""))
        for regex, template in candidates:
            if regex.match(path):
                return template
        return str(own)  # a route outside the document (/metrics, /docs)


def install(app: FastAPI, metrics: Metrics, secret_getter: Callable[[], str]) -> None:
    """Wrap the app's whole middleware stack (built on the first request) in RequestContextMiddleware."""
    build = app.build_middleware_stack
    templates = RouteTemplates(app)

    def build_with_context() -> ASGIApp:
        return RequestContextMiddleware(build(), metrics, secret_getter, templates)

    app.build_middleware_stack = build_with_context  # type: ignore[method-assign]
