"""Every date the API accepts is bounded (core.schemas.BoundedDate): 9999-12-31 is a 422 naming the field
and the rule, never a 500 (it overflowed the working-day calendar of the DPRD approvals)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import ValidationError

from kerjasama.core.schemas import DATE_RANGE_CODE, MAX_DATE, MIN_DATE, InputModel

FAR = "9999-12-31"
ROLES = ("admin", "secretariat", "opd_operator", "province")


def _resolve(doc: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = doc["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def _date_paths(
    doc: dict[str, Any], schema: dict[str, Any], seen: frozenset[str] = frozenset()
) -> Iterator[list[str | int]]:
    """Paths (field names, 0 for an array item) to every `format: date` inside a schema."""
    ref = schema.get("$ref", "")
    if ref in seen:
        return
    seen = seen | {ref} if ref else seen
    schema = _resolve(doc, schema)
    if schema.get("format") == "date":
        yield []
    for option in schema.get("anyOf", []) + schema.get("oneOf", []) + schema.get("allOf", []):
        yield from _date_paths(doc, option, seen)
    if "items" in schema:
        for path in _date_paths(doc, schema["items"], seen):
            yield [0, *path]
    for name, prop in schema.get("properties", {}).items():
        for path in _date_paths(doc, prop, seen):
            yield [name, *path]


def _body(path: list[str | int]) -> Any:
    if not path:
        return FAR
    head, rest = path[0], path[1:]
    return [_body(rest)] if head == 0 else {head: _body(rest)}


def _date_inputs(app: FastAPI) -> Iterator[tuple[str, str, str, list[str | int], str]]:
    """(method, path, where, field path, content type) of every date the API reads."""
    doc = app.openapi()
    for url, item in doc["paths"].items():
        for method, op in item.items():
            for param in op.get("parameters", []):
                if _resolve(doc, param.get("schema", {})).get("format") == "date" or any(
                    o.get("format") == "date" for o in param.get("schema", {}).get("anyOf", [])
                ):
                    yield method, url, param["in"], [param["name"]], ""
            for ctype, media in op.get("requestBody", {}).get("content", {}).items():
                for path in _date_paths(doc, media.get("schema", {})):
                    yield method, url, "body", path, ctype


def test_the_api_reads_dates_in_several_places(app: FastAPI) -> None:
    inputs = list(_date_inputs(app))
    assert len(inputs) >= 20
    assert (
        "post",
        "/api/v1/agreements/{agreement_id}/dprd-approvals",
        "body",
        ["received_date"],
        "application/json",
    ) in inputs


def _input_models() -> dict[str, type[InputModel]]:
    found: dict[str, type[InputModel]] = {}
    todo = [InputModel]
    while todo:
        for sub in todo.pop().__subclasses__():
            found[sub.__name__] = sub
            todo.append(sub)
    return found


def test_every_date_field_refuses_9999_12_31(app: FastAPI, client_for: Callable[[str], TestClient]) -> None:
    """Sent over HTTP to every operation; where the path names a record the test does not have (the
    answer is 404 before the body is read), the body goes through the operation's request model."""
    clients = [client_for(role) for role in ROLES]
    doc = app.openapi()
    drafts = clients[1].get("/api/v1/agreements", params={"status": "draft", "limit": 1}).json()["items"]
    known = {"agreement_id": drafts[0]["id"], "year": "2026", "period": "semester-1"}
    etag = clients[1].get(f"/api/v1/agreements/{drafts[0]['id']}").headers["etag"]
    models = _input_models()
    over_http = through_model = 0
    for method, url, where, field, ctype in _date_inputs(app):
        path = url
        for name in [p.split("}")[0] for p in url.split("{")[1:]]:
            value = FAR if where == "path" and field == [name] else known.get(name, str(uuid.uuid4()))
            path = path.replace("{" + name + "}", value)
        kwargs: dict[str, Any] = {"headers": {"If-Match": etag}}
        if where == "query":
            kwargs["params"] = {field[0]: FAR}
        elif where == "body" and ctype == "application/json":
            kwargs["json"] = _body(field)
        elif where == "body":
            kwargs["data"] = {field[0]: FAR}
        for client in clients:
            r = client.request(method.upper(), path, **kwargs)
            if r.status_code not in (401, 403):
                break
        if r.status_code == 404 and ctype == "application/json":
            ref = doc["paths"][url][method]["requestBody"]["content"][ctype]["schema"].get("$ref", "")
            model = models[ref.rsplit("/", 1)[-1]]
            with pytest.raises(ValidationError) as caught:
                model.model_validate(_body(field))
            errors = {(tuple(e["loc"]), e["type"]) for e in caught.value.errors()}
            assert (tuple(field), DATE_RANGE_CODE) in errors, (method, url, field, errors)
            through_model += 1
            continue
        assert r.status_code == 422, (method, url, field, r.status_code, r.text[:300])
        codes = {(tuple(e["loc"][1:]), e["code"]) for e in r.json()["errors"]}
        assert (tuple(field), DATE_RANGE_CODE) in codes, (method, url, field, r.json()["errors"])
        over_http += 1
    assert over_http >= 15 and over_http + through_model >= 25


def test_dprd_approval_far_future_received_date_is_422_not_500(
    secretariat: TestClient, client_for: Callable[[str], TestClient]
) -> None:
    agreement = secretariat.get("/api/v1/agreements", params={"limit": 1}).json()["items"][0]["id"]
    r = secretariat.post(
        f"/api/v1/agreements/{agreement}/dprd-approvals",
        json={"request_date": "2026-01-05", "received_date": FAR},
    )
    assert r.status_code == 422, r.text
    (error,) = [e for e in r.json()["errors"] if e["code"] == DATE_RANGE_CODE]
    assert error["loc"] == ["body", "received_date"]
    assert error["msg"] == f"must be between {MIN_DATE.isoformat()} and {MAX_DATE.isoformat()}"


@pytest.mark.parametrize("value", ["1944-12-31", "2101-01-01", "0001-01-01"])
def test_dates_just_outside_the_range_are_refused(admin: TestClient, value: str) -> None:
    r = admin.delete(f"/api/v1/holidays/{value}")
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["code"] == DATE_RANGE_CODE
