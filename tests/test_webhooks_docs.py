"""The receiver examples in docs/integration.md verify a real delivery signature (and refuse a forged one)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kerjasama.integration.webhooks import signing

DOC = Path(__file__).resolve().parents[1] / "docs" / "integration.md"


def _python_blocks(after: str) -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index(after) :]
    return re.findall(r"```python\n(.*?)```", section, flags=re.S)


def test_documented_receivers_verify_a_delivery() -> None:
    secret = signing.new_secret()
    data = {"seq": 1, "entity_type": "agreement", "entity_id": "x", "op": "upsert", "entity": None}
    body = signing.body_bytes({"type": "agreement.upsert", "timestamp": "2026-12-05T00:00:00Z", "data": data})
    headers = signing.headers(secret, "3f1c1d3e-0000-4000-8000-000000000001", datetime.now(UTC), body)

    with_package, stdlib_only = _python_blocks("### Verifying a delivery")[:2]
    scope: dict[str, Any] = {}
    exec(with_package.replace('"whsec_…"', repr(secret)), scope)
    assert scope["handle"](body, headers) == 204
    assert scope["handle"](body + b" ", headers) == 400

    scope = {}
    exec(stdlib_only, scope)
    assert scope["verify"](secret, body, headers) is True
    assert scope["verify"](secret, body.replace(b"upsert", b"delete"), headers) is False
    assert scope["verify"](signing.new_secret(), body, headers) is False
