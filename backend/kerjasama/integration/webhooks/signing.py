"""Standard Webhooks signing (https://www.standardwebhooks.com): the receiver verifies in a few lines.

Every delivery is a POST of a JSON body `{"type", "timestamp", "data"}` with three headers:
- `webhook-id`: the delivery's id, the same on every retry (receivers de-duplicate with it);
- `webhook-timestamp`: seconds since the epoch when this attempt was signed (receivers refuse old ones);
- `webhook-signature`: `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` keyed with the secret.
The secret is `whsec_` followed by the base64 of 32 random bytes.
"""

from __future__ import annotations

import base64
import binascii
import json
import secrets
from datetime import datetime
from typing import Any

from standardwebhooks import Webhook

SECRET_PREFIX = "whsec_"
SECRET_BYTES = 32
MIN_SECRET_BYTES, MAX_SECRET_BYTES = 24, 64


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


def secret_problem(value: str) -> str | None:
    """Why a given secret is unusable, or None: `whsec_` + base64 of 24 to 64 bytes."""
    if not value.startswith(SECRET_PREFIX):
        return f"must start with '{SECRET_PREFIX}' (Standard Webhooks format)"
    try:
        raw = base64.b64decode(value.removeprefix(SECRET_PREFIX), validate=True)
    except (binascii.Error, ValueError):
        return f"after '{SECRET_PREFIX}' comes standard base64"
    if not MIN_SECRET_BYTES <= len(raw) <= MAX_SECRET_BYTES:
        return f"must encode {MIN_SECRET_BYTES} to {MAX_SECRET_BYTES} random bytes (got {len(raw)})"
    return None


def body_bytes(payload: dict[str, Any]) -> bytes:
    """The exact bytes sent (and signed): compact UTF-8 JSON."""
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def headers(secret: str, message_id: str, at: datetime, body: bytes) -> dict[str, str]:
    signature = Webhook(secret).sign(message_id, at, body)
    return {
        "webhook-id": message_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": signature,
    }
