"""Feed cursors: opaque, signed, and bound to the caller, so a forged or foreign one is refused (422)."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json

from kerjasama.core.auth import Principal
from kerjasama.core.errors import Invalid, field_error


def _mac(secret: str, principal: Principal, seq: int) -> str:
    message = f"changes:v1:{principal.user_id}:{seq}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()[:32]


def encode(secret: str, principal: Principal, seq: int) -> str:
    body = base64.urlsafe_b64encode(json.dumps({"v": 1, "s": seq}, separators=(",", ":")).encode())
    return f"{body.decode().rstrip('=')}.{_mac(secret, principal, seq)}"


def _invalid(msg: str, code: str) -> Invalid:
    return Invalid(
        "The cursor is not one this feed gave you: pass next_cursor exactly as returned, or omit it to "
        "start from the beginning.",
        code=code,
        errors=[field_error("cursor", msg, code, "query")],
    )


def decode(secret: str, principal: Principal, cursor: str) -> int:
    try:
        body, mac = cursor.split(".", 1)
        data = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
        seq = data["s"]
        if data.get("v") != 1 or not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
            raise ValueError("bad cursor")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise _invalid("not a cursor of this feed", "cursor_invalid") from exc
    if not hmac.compare_digest(mac, _mac(secret, principal, seq)):
        raise _invalid("forged, or issued to another caller", "cursor_invalid")
    return seq
