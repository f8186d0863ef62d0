"""What every anonymous open-data answer shares: a per-client token bucket (429 with Retry-After) and
caching (a strong ETag over the body, `Cache-Control: public`, 304 on If-None-Match).

Used by the public register and the OCDS open data. The client address is the TCP peer
(`request.client.host`): behind a reverse proxy, run uvicorn with `--proxy-headers` and
`--forwarded-allow-ips` so that it is the caller's, not the proxy's.
"""

from __future__ import annotations

import hashlib
import math
import threading
import time
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import Depends, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from kerjasama.core.config import Settings
from kerjasama.core.errors import TooManyRequests

MAX_CLIENTS = 10_000
"""Buckets kept at most; beyond it the fullest are dropped (a full bucket is the same as none)."""


class TokenBucket:
    """Per-key token buckets: `burst` tokens, refilled at `rate_per_minute`; thread-safe."""

    def __init__(self, rate_per_minute: int, burst: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.rate = rate_per_minute / 60.0
        self.burst = float(burst)
        self.clock = clock
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, key: str) -> float:
        """Take one token for `key`: 0.0 when granted, else the seconds until one is available."""
        with self._lock:
            now = self.clock()
            tokens, last = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                if len(self._buckets) > MAX_CLIENTS:
                    self._prune(now)
                return 0.0
            self._buckets[key] = (tokens, now)
            return (1.0 - tokens) / self.rate

    def _prune(self, now: float) -> None:
        full = [k for k, (t, last) in self._buckets.items() if t + (now - last) * self.rate >= self.burst]
        for k in full:
            del self._buckets[k]
        while len(self._buckets) > MAX_CLIENTS:  # all busy: forget the oldest
            del self._buckets[min(self._buckets, key=lambda k: self._buckets[k][1])]


def limiter_of(request: Request) -> TokenBucket:
    """The app's bucket for open data (one per app, made on first use from its settings)."""
    state = request.app.state
    bucket: TokenBucket | None = getattr(state, "open_data_limiter", None)
    if bucket is None:
        settings: Settings = state.settings
        bucket = TokenBucket(settings.public_rate_per_minute, settings.public_rate_burst)
        state.open_data_limiter = bucket
    return bucket


def rate_limit(request: Request) -> None:
    """429 too_many_requests with Retry-After when the caller's address has used its requests."""
    client = request.client.host if request.client else "unknown"
    wait = limiter_of(request).take(client)
    if wait > 0:
        retry = max(1, math.ceil(wait))
        raise TooManyRequests(
            f"Too many requests from this address; retry in {retry} s.",
            code="rate_limited",
            headers={"Retry-After": str(retry)},
        )


RateLimited = Annotated[None, Depends(rate_limit)]

CACHE_HEADERS: dict[str, Any] = {
    "ETag": {
        "description": "Strong validator of the body; send it back in If-None-Match",
        "schema": {"type": "string"},
    },
    "Cache-Control": {
        "description": "public, max-age=<KERJASAMA_PUBLIC_MAX_AGE_SECONDS>",
        "schema": {"type": "string"},
    },
}
NOT_MODIFIED: dict[int | str, dict[str, Any]] = {304: {"description": "Not modified (If-None-Match matched)"}}


def etag_of(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def _matches(header: str | None, etag: str) -> bool:
    if not header:
        return False
    candidates = {c.strip().removeprefix("W/") for c in header.split(",")}
    return "*" in candidates or etag in candidates


def cached_json(
    request: Request, settings: Settings, payload: Any, media_type: str = "application/json"
) -> Response:
    """The payload as JSON with ETag and Cache-Control; 304 without a body when If-None-Match matches."""
    body = bytes(JSONResponse(jsonable_encoder(payload)).body)
    etag = etag_of(body)
    headers = {
        "ETag": etag,
        "Cache-Control": f"public, max-age={settings.public_max_age_seconds}",
        "Vary": "Accept-Encoding",
    }
    if _matches(request.headers.get("if-none-match"), etag):
        return Response(status_code=304, headers=headers)
    return Response(content=body, media_type=media_type, headers=headers)
