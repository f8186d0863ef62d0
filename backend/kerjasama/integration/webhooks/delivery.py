"""One HTTP POST of a signed delivery to a vetted address: no redirects, bounded time, never raises.

The standard library's http.client is used rather than an HTTP client library because the connection
must go to the address the SSRF guard vetted (`Target.address`) while the request carries the URL's
host name (Host header, TLS SNI and certificate check): pinning the address is what closes the window
between the DNS check and the connect.
"""

from __future__ import annotations

import http.client
import socket
import ssl
import time
from dataclasses import dataclass

from kerjasama.integration.webhooks import ssrf

USER_AGENT = "kerjasama-webhooks/1.0"
MAX_RESPONSE_BYTES = 64 * 1024
MAX_ERROR_CHARS = 500


@dataclass(frozen=True)
class Outcome:
    ok: bool
    status_code: int | None
    error: str | None
    elapsed_ms: int | None


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, target: ssrf.Target, timeout: float) -> None:
        super().__init__(target.host, target.port, timeout=timeout)
        self._address, self._timeout = target.address, timeout

    def connect(self) -> None:
        self.sock = socket.create_connection((self._address, self.port), self._timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, target: ssrf.Target, timeout: float, context: ssl.SSLContext) -> None:
        super().__init__(target.host, target.port, timeout=timeout, context=context)
        self._address, self._timeout, self._tls = target.address, timeout, context

    def connect(self) -> None:
        raw = socket.create_connection((self._address, self.port), self._timeout)
        try:
            # The certificate is checked against the host name, not the pinned address.
            self.sock = self._tls.wrap_socket(raw, server_hostname=self.host)
        except BaseException:
            raw.close()
            raise


def _connection(target: ssrf.Target, timeout: float) -> http.client.HTTPConnection:
    if target.scheme == "https":
        return _PinnedHTTPSConnection(target, timeout, ssl.create_default_context())
    return _PinnedHTTPConnection(target, timeout)


def _clip(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_ERROR_CHARS else text[: MAX_ERROR_CHARS - 1] + "…"


def post(
    url: str,
    body: bytes,
    headers: dict[str, str],
    *,
    allow: ssrf.AllowList,
    timeout: float,
    resolve: ssrf.Resolver = ssrf.system_resolver,
) -> Outcome:
    """POST body to url; 2xx is success, anything else (3xx included: no redirect is followed) fails."""
    try:
        target = ssrf.vet(url, allow, resolve)
    except ssrf.UrlRefused as exc:
        return Outcome(False, None, _clip(f"refused before connecting: {exc}"), None)
    conn = _connection(target, timeout)
    start = time.monotonic()
    try:
        conn.request(
            "POST",
            target.path,
            body=body,
            headers={
                **headers,
                "Content-Type": "application/json",
                "User-Agent": USER_AGENT,
                "Accept": "*/*",
            },
        )
        response = conn.getresponse()
        content = response.read(MAX_RESPONSE_BYTES)
        elapsed = int((time.monotonic() - start) * 1000)
        status = response.status
        if 200 <= status < 300:
            return Outcome(True, status, None, elapsed)
        if 300 <= status < 400:
            location = response.getheader("Location") or "?"
            error = f"HTTP {status}: redirects are not followed (Location: {location})"
        else:
            snippet = content[:300].decode("utf-8", "replace")
            error = f"HTTP {status} {response.reason}" + (f": {snippet}" if snippet.strip() else "")
        return Outcome(False, status, _clip(error), elapsed)
    except (OSError, http.client.HTTPException) as exc:  # ssl.SSLError and timeouts are OSErrors
        elapsed = int((time.monotonic() - start) * 1000)
        return Outcome(False, None, _clip(f"{type(exc).__name__}: {exc}"), elapsed)
    finally:
        conn.close()
