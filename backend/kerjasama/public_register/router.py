"""The public register (no sign-in): agreements marked public that are signed, in force or ended,
their counts, and the files marked public. Rate-limited per client address and cacheable."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import IO, Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse

from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import NotFound, problems
from kerjasama.core.http import example
from kerjasama.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, decode_cursor, encode_cursor, parse_sort
from kerjasama.documents import names, storage
from kerjasama.models import Agreement
from kerjasama.public_register import examples, reads, repository, service
from kerjasama.public_register.http import CACHE_HEADERS, NOT_MODIFIED, RateLimited, cached_json
from kerjasama.public_register.schemas import (
    PublicAgreementPage,
    PublicAgreementRead,
    PublicFilters,
    PublicSort,
    PublicStats,
)

router = APIRouter(prefix="/public", tags=["public"])

_SORTS = {
    "number": (Agreement.number, "str"),
    "title": (Agreement.title, "str"),
    "signed_date": (Agreement.signed_date, "date"),
    "end_date": (Agreement.end_date, "date"),
}
_ERRORS = problems(429)


def _ok(value: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    out = example(200, value)
    out[200]["headers"] = CACHE_HEADERS
    return out


@router.get(
    "/agreements",
    response_model=PublicAgreementPage,
    responses={**_ok(examples.PAGE), **NOT_MODIFIED, **problems(422, 429)},
    operation_id="public_list_agreements",
)
def list_public_agreements(
    request: Request,
    session: DbSession,
    settings: AppSettings,
    _: RateLimited,
    filters: Annotated[PublicFilters, Query()],
    sort: Annotated[
        PublicSort, Query(description="number, title, signed_date or end_date; '-' for descending")
    ] = "-signed_date",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(max_length=500, description="next_cursor of the previous page")
    ] = None,
) -> Response:
    """List the public register (no sign-in): filters, search, sorting and keyset paging."""
    sort_value, spec = parse_sort(sort, _SORTS, "-signed_date")
    after = decode_cursor(cursor, sort_value, spec) if cursor else None
    rows, total = repository.page(session, repository.filtered(filters), spec, after, limit)
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor(sort_value, getattr(last, sort_value.lstrip("-")), last.id)
    page = PublicAgreementPage(
        items=[reads.summary(a) for a in rows[:limit]], next_cursor=next_cursor, total=total
    )
    return cached_json(request, settings, page)


@router.get(
    "/agreements/{agreement_id}",
    response_model=PublicAgreementRead,
    responses={**_ok(examples.READ), **NOT_MODIFIED, **problems(404, 422, 429)},
    operation_id="public_get_agreement",
)
def get_public_agreement(
    agreement_id: uuid.UUID, request: Request, session: DbSession, settings: AppSettings, _: RateLimited
) -> Response:
    """One public text with its parties (offices, not names), related texts and public documents."""
    return cached_json(request, settings, service.detail(session, agreement_id))


@router.get(
    "/stats",
    response_model=PublicStats,
    responses={**_ok(examples.STATS), **NOT_MODIFIED, **_ERRORS},
    operation_id="public_stats",
)
def public_stats(request: Request, session: DbSession, settings: AppSettings, _: RateLimited) -> Response:
    """Counts of the public register by category, status, year, partner and affair (no sign-in)."""
    return cached_json(request, settings, service.stats(session))


@router.get(
    "/documents/{document_id}/file",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The file's bytes",
            "content": {"application/pdf": {}, "image/png": {}, "image/jpeg": {}},
            "headers": CACHE_HEADERS,
        },
        **NOT_MODIFIED,
        **problems(404, 422, 429),
    },
    operation_id="public_download_document",
)
def download_public_document(
    document_id: uuid.UUID, request: Request, session: DbSession, settings: AppSettings, _: RateLimited
) -> Response:
    """Download a document marked public of a public agreement (no sign-in); any other id is 404."""
    doc = service.document(session, document_id)
    etag = f'"sha256-{doc.sha256}"'
    headers = {"ETag": etag, "Cache-Control": f"public, max-age={settings.public_max_age_seconds}"}
    if etag in {c.strip() for c in request.headers.get("if-none-match", "").split(",")}:
        return Response(status_code=304, headers=headers)
    try:
        handle = storage.path_of(settings, doc.storage_key).open("rb")
    except FileNotFoundError as exc:
        raise NotFound("The file of this document is missing from storage.", code="file_missing") from exc
    filename = names.download_name(doc.original_filename, doc.content_type)
    return StreamingResponse(
        _chunks(handle),
        media_type=doc.content_type,
        headers={
            **headers,
            "Content-Disposition": names.content_disposition(filename),
            "Content-Length": str(os.fstat(handle.fileno()).st_size),
            "X-Content-Type-Options": "nosniff",
        },
    )


def _chunks(handle: IO[bytes]) -> Iterator[bytes]:
    with handle:
        while chunk := handle.read(storage.CHUNK_BYTES):
            yield chunk
