"""HTTP conventions shared by every router: the API prefix, ETag / If-Match optimistic concurrency."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from fastapi import Request, Response
from pydantic import BaseModel

from kerjasama.core.errors import PreconditionFailed, PreconditionRequired

API_PREFIX = "/api/v1"
"""Every API route lives under this prefix; main.py mounts the routers with it."""

ETAG_HEADER: dict[str, Any] = {
    "ETag": {"description": "The record's version, for If-Match", "schema": {"type": "string"}}
}
"""OpenAPI header object for answers that carry a record's ETag."""

IF_MATCH_HEADER: dict[str, Any] = {
    "name": "If-Match",
    "in": "header",
    "required": True,
    "description": "The ETag of the version you read; 428 without it, 412 when someone saved since",
    "schema": {"type": "string"},
}
"""OpenAPI parameter object for operations that need If-Match (main.py adds it to PATCH, DELETE, transitions)."""


EXAMPLES: list[Any] = []
"""Every answer example documented with `example`, as written (main.py puts back the nulls that
FastAPI strips from the document)."""


def example(status: int, value: Any) -> dict[int | str, dict[str, Any]]:
    """A documented JSON example of the answer with this status, for `responses=`."""
    EXAMPLES.append(value)
    return {status: {"content": {"application/json": {"example": value}}}}


def etag_for(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int, *, location: str | None = None) -> None:
    """Tag the answer with the record's version (its ETag) and, for a creation, its Location."""
    response.headers["ETag"] = etag_for(version)
    if location is not None:
        response.headers["Location"] = location


def json_answer(model: BaseModel, *, version: int | None = None) -> Response:
    """The model as JSON, serialised once by pydantic (with the record's ETag when `version` is given).

    A returned model is dumped to Python, checked against the response model and encoded by FastAPI
    again; for the busiest reads (the agreement list and detail) that was a third of their time
    (issue 16). The route keeps `response_model`, so the OpenAPI still documents the shape.
    """
    headers = {"ETag": etag_for(version)} if version is not None else None
    return Response(model.model_dump_json(), media_type="application/json", headers=headers)


def page_answer(items_json: Sequence[str], next_cursor: str | None, total: int) -> Response:
    """A Page whose items are already JSON text (built by the database): joined, not parsed again."""
    items = ",".join(items_json)
    body = f'{{"items":[{items}],"next_cursor":{json.dumps(next_cursor)},"total":{total}}}'
    return Response(body, media_type="application/json")


def check_if_match(request: Request, current_version: int) -> None:
    """428 without If-Match or with `If-Match: *` (a concrete ETag is required), 412 when it names
    another version than the stored one."""
    header = request.headers.get("if-match")
    if not header:
        raise PreconditionRequired(
            "Send the record's ETag in an If-Match header so that you never overwrite someone else's change.",
        )
    candidates = [c.strip().removeprefix("W/") for c in header.split(",")]
    if "*" in candidates:
        raise PreconditionRequired(
            "If-Match: * is not accepted: a concrete ETag is required. Send the ETag of the version you "
            "read so that you never overwrite someone else's change.",
        )
    if etag_for(current_version) in candidates:
        return
    raise PreconditionFailed(
        f"The record is now at version {current_version}; reload it and apply your change again.",
        extra={"current_version": current_version},
    )
