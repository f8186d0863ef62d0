"""What integrators generate clients from: stable operationIds, described tags, valid examples."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from pydantic import BaseModel

from kerjasama.agreements import examples as agreement_examples
from kerjasama.agreements.schemas import AgreementCreate, AgreementRead, AgreementSummary
from kerjasama.auth import examples as auth_examples
from kerjasama.auth.schemas import TokenResponse
from kerjasama.core.pagination import Page
from kerjasama.openapi_dump import openapi_json
from kerjasama.partners import examples as partner_examples
from kerjasama.partners.schemas import PartnerCreate, PartnerRead

OPERATION_ID = re.compile(r"^[a-z_]+_[a-z_]+$")


@pytest.fixture(scope="module")
def doc() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(openapi_json())
    return loaded


def _operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method, path, op) for path, ops in doc["paths"].items() for method, op in ops.items()]


def test_every_operation_id_is_readable_and_unique(doc: dict[str, Any]) -> None:
    ids = [op.get("operationId", "") for _, _, op in _operations(doc)]
    bad = [
        f"{method.upper()} {path}: {op.get('operationId')}"
        for method, path, op in _operations(doc)
        if not OPERATION_ID.match(op.get("operationId", ""))
    ]
    assert bad == [], "operationIds must read <domain>_<verb>"
    assert sorted({i for i in ids if ids.count(i) > 1}) == []


def test_every_tag_has_a_description(doc: dict[str, Any]) -> None:
    described = {t["name"]: t.get("description", "") for t in doc.get("tags", [])}
    used = {tag for _, _, op in _operations(doc) for tag in op.get("tags", [])}
    assert sorted(used - {name for name, text in described.items() if text}) == []


def test_stable_ids_of_the_main_operations(doc: dict[str, Any]) -> None:
    """Renaming a handler must not rename its operation: the ids are written out, not derived."""
    ids = {(method, path): op["operationId"] for method, path, op in _operations(doc)}
    assert ids[("get", "/api/v1/agreements")] == "agreements_list"
    assert ids[("post", "/api/v1/agreements")] == "agreements_create"
    assert ids[("get", "/api/v1/agreements/{agreement_id}")] == "agreements_get"
    assert ids[("patch", "/api/v1/agreements/{agreement_id}")] == "agreements_update"
    assert ids[("delete", "/api/v1/agreements/{agreement_id}")] == "agreements_delete"
    assert ids[("post", "/api/v1/agreements/{agreement_id}/transitions")] == "agreements_transition"
    assert ids[("get", "/api/v1/exports/agreements")] == "agreements_export"
    assert ids[("post", "/api/v1/auth/token")] == "auth_token"


def _strict(model: type[BaseModel], value: dict[str, Any]) -> None:
    """The example validates and names exactly the model's fields (no stale or invented ones)."""
    model.model_validate(value)
    assert set(value) <= set(model.model_fields), set(value) - set(model.model_fields)


@pytest.mark.parametrize(
    ("model", "value"),
    [
        (AgreementCreate, agreement_examples.CREATE),
        (AgreementRead, agreement_examples.READ),
        (AgreementSummary, agreement_examples.SUMMARY),
        (Page[AgreementSummary], agreement_examples.PAGE),
        (PartnerCreate, partner_examples.CREATE),
        (PartnerRead, partner_examples.READ),
        (TokenResponse, auth_examples.TOKEN),
    ],
)
def test_examples_match_their_schemas(model: type[BaseModel], value: dict[str, Any]) -> None:
    _strict(model, value)
    if model not in (AgreementCreate, PartnerCreate):  # an answer shows every field
        assert set(value) == set(model.model_fields)


def test_the_main_operations_carry_examples(doc: dict[str, Any]) -> None:
    paths = doc["paths"]

    def response_example(path: str, method: str, status: str) -> Any:
        return paths[path][method]["responses"][status]["content"]["application/json"].get("example")

    def request_examples(path: str, method: str, media: str = "application/json") -> Any:
        return paths[path][method]["requestBody"]["content"][media].get("examples")

    assert request_examples("/api/v1/agreements", "post")
    assert response_example("/api/v1/agreements", "post", "201") == agreement_examples.READ
    assert response_example("/api/v1/agreements", "get", "200") == agreement_examples.PAGE
    assert response_example("/api/v1/agreements/{agreement_id}", "get", "200") == agreement_examples.READ
    assert request_examples("/api/v1/partners", "post")
    assert response_example("/api/v1/partners", "post", "201") == partner_examples.READ
    assert request_examples("/api/v1/auth/token", "post", "application/x-www-form-urlencoded")
    assert response_example("/api/v1/auth/token", "post", "200") == auth_examples.TOKEN
