"""HTTP for the change feed."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from kerjasama.core.auth import Principal
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import problems
from kerjasama.core.http import json_answer
from kerjasama.core.policy import require
from kerjasama.integration.changes import policy, service
from kerjasama.integration.changes.schemas import ChangePage

router = APIRouter(
    prefix="/changes",
    tags=["changes"],
    responses=problems(401, 403),
)
FeedReader = Annotated[Principal, Depends(require(policy.may_read))]


@router.get("", response_model=ChangePage, operation_id="changes_list", responses=problems(422))
def list_changes(
    session: DbSession,
    settings: AppSettings,
    principal: FeedReader,
    cursor: Annotated[
        str | None,
        Query(
            max_length=500, description="next_cursor of your previous call; omit to start from the beginning"
        ),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=500, description="Changes per page")] = 100,
) -> Response:
    """Changes to agreements, partners, obligations (with occurrences) and monitoring reports, in commit order.

    Apply each item in order (upsert: store `entity`; delete: remove the record), then save `next_cursor`.
    Records that leave what you may see (e.g. an agreement returned to draft, for the province) come as
    deletes. See docs/integration.md for the sync algorithm."""
    # Serialised once by pydantic: a page of 500 records is about 1 MB of JSON (core/http.py).
    return json_answer(service.page(session, settings, principal, cursor, limit))
