"""How a rule finding travels in JSON: problem+json `findings`, transition warnings, FindingRead."""

from __future__ import annotations

from typing import Any

from kerjasama.rules.catalogue import Finding


def finding_json(f: Finding) -> dict[str, Any]:
    return {
        "rule_id": f.rule_id,
        "severity": f.severity,
        "message_id": f.message_id,
        "message_en": f.message_en,
        "basis": f.basis,
        "fields": list(f.fields),
    }
