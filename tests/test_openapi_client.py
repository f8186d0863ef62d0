"""The committed OpenAPI document (source of the SPA's typed client) must match the app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kerjasama.openapi_dump import openapi_json

FRONTEND = Path(__file__).resolve().parents[1] / "frontend"


@pytest.mark.skipif(not (FRONTEND / "package.json").exists(), reason="no frontend in this checkout")
def test_committed_openapi_is_fresh() -> None:
    committed = FRONTEND / "openapi.json"
    assert committed.exists(), "frontend/openapi.json missing: run `make client`"
    assert json.loads(committed.read_text(encoding="utf-8")) == json.loads(openapi_json()), (
        "The API changed but the typed client was not regenerated: run `make client` and commit the result."
    )


def test_every_operation_is_documented() -> None:
    doc = json.loads(openapi_json())
    for path, operations in doc["paths"].items():
        for method, op in operations.items():
            assert op.get("summary") or op.get("description"), f"{method.upper()} {path} has no docstring"
            assert "default" in op["responses"], f"{method.upper()} {path} lacks the problem+json default"
    for name, schema in doc["components"]["schemas"].items():
        if name.endswith(("Read", "Summary", "Create", "Update", "Brief")):
            for field, prop in schema.get("properties", {}).items():
                assert prop.get("description"), f"{name}.{field} has no description"


def test_clause_codes_of_the_schema_cover_the_rules() -> None:
    """The API's clause vocabulary must contain every clause a rule asks for (R25, R26)."""
    from typing import get_args

    from kerjasama.agreements.schemas import ClauseCode
    from kerjasama.rules.catalogue import KSDPK_CLAUSES, PKS_CLAUSES

    assert set(PKS_CLAUSES) | set(KSDPK_CLAUSES) <= set(get_args(ClauseCode))
