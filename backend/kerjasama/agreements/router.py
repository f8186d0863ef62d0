"""HTTP for agreements (naskah kerja sama)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query, Response, status
from fastapi.responses import FileResponse

from kerjasama.agreements import examples, export, export_copy, flows, list_json, reads, repository, service
from kerjasama.agreements.deps import ScopedAgreement, ScopedAgreementForWrite
from kerjasama.agreements.schemas import (
    AgreementCreate,
    AgreementFilters,
    AgreementRead,
    AgreementSort,
    AgreementSummary,
    AgreementUpdate,
)
from kerjasama.core.auth import CurrentPrincipal
from kerjasama.core.clock import today_in_region
from kerjasama.core.db import Database
from kerjasama.core.deps import AppSettings, DbSession, get_database
from kerjasama.core.errors import problems
from kerjasama.core.http import API_PREFIX, example, json_answer, page_answer, set_etag
from kerjasama.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page, decode_cursor, encode_cursor, parse_sort
from kerjasama.core.scope import scope_key
from kerjasama.core.spreadsheet import TABLE_RESPONSE, ExportFormatQuery, ExportLang, table_response
from kerjasama.models import Agreement

router = APIRouter(prefix="/agreements", tags=["agreements"], responses=problems(401))
# Exports live beside, not under, /agreements so that /agreements/{id} never shadows them.
exports_router = APIRouter(prefix="/exports", tags=["agreements"], responses=problems(401))

_SORTS = {
    "number": (Agreement.number, "str"),
    "title": (Agreement.title, "str"),
    "signed_date": (Agreement.signed_date, "date"),
    "end_date": (Agreement.end_date, "date"),
}


@router.get(
    "",
    response_model=Page[AgreementSummary],
    responses=problems(422) | example(200, examples.PAGE),
    operation_id="agreements_list",
)
def list_agreements(
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    database: Annotated[Database, Depends(get_database)],
    filters: Annotated[AgreementFilters, Query()],
    sort: Annotated[
        AgreementSort, Query(description="number, title, signed_date or end_date; '-' for descending")
    ] = "number",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(max_length=500, description="next_cursor of the previous page")
    ] = None,
) -> Response:
    """List agreements in the caller's scope, with filters, search, sorting and keyset paging."""
    sort_value, spec = parse_sort(sort, _SORTS, "number")
    after = decode_cursor(cursor, sort_value, spec) if cursor else None
    today = today_in_region(settings)
    criteria = filters.model_dump()
    dialect = session.get_bind().dialect.name
    stmt = repository.filtered(principal, today=today, dialect=dialect, **criteria)
    # The total is counted once per scope, filters and day, and again only after a write (a count of
    # 100 000 rows cost more than the page itself; core/read_cache.py says what a write is).
    total = database.read_cache.get_or_compute(
        session,
        ("agreements_total", scope_key(principal), today, tuple(sorted(criteria.items()))),
        lambda: repository.count(session, stmt),
    )
    if dialect == "postgresql":
        # One statement that returns each row's JSON (list_json.py says why and how it stays equal).
        found = list_json.page_rows(
            session, stmt, spec, after, limit, today=today, expiring_window_days=settings.expiring_window_days
        )
        cursor_out = (
            encode_cursor(sort_value, found[limit - 1][1], found[limit - 1][2])
            if len(found) > limit
            else None
        )
        return page_answer([row[0] for row in found[:limit]], cursor_out, total)
    rows = repository.page(session, stmt, spec, after, limit)
    items = [reads.summary(a, settings, today, principal) for a in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor(sort_value, getattr(last, sort_value.lstrip("-")), last.id)
    return json_answer(Page[AgreementSummary](items=items, next_cursor=next_cursor, total=total))


@exports_router.get(
    "/agreements",
    response_class=FileResponse,
    responses=TABLE_RESPONSE | problems(422),
    operation_id="agreements_export",
)
def export_agreements(
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    filters: Annotated[AgreementFilters, Query()],
    lang: ExportLang,
    format: ExportFormatQuery = "csv",
    sort: Annotated[AgreementSort, Query(description="Sort order, as for the list")] = "number",
) -> FileResponse:
    """Export every agreement matching the list's filters and scope as CSV or XLSX (no row cap).

    Codes (kind, category, nature, status, stage) are written as labels in the file's language
    (`lang`, else Accept-Language, else Bahasa Indonesia); dates as 15/07/2026.
    """
    _, spec = parse_sort(sort, _SORTS, "number")
    today = today_in_region(settings)
    dialect = session.get_bind().dialect.name
    stmt = repository.filtered(principal, today=today, dialect=dialect, **filters.model_dump())
    window = settings.expiring_window_days
    if format == "csv" and dialect == "postgresql":  # PostgreSQL writes the CSV itself (export_copy.py)
        path = export_copy.write_csv(session, stmt, spec, today=today, window_days=window, lang=lang)
    else:
        path = export.write(session, stmt, spec, format, today=today, window_days=window, lang=lang)
    name = "kerja-sama" if lang == "id" else "agreements"
    return table_response(path, format, f"{name}-{today.strftime('%Y%m%d')}")


@router.post(
    "",
    response_model=AgreementRead,
    status_code=status.HTTP_201_CREATED,
    responses=problems(403, 409, 422) | example(201, examples.READ),
    operation_id="agreements_create",
)
def create_agreement(
    body: Annotated[
        AgreementCreate,
        Body(
            openapi_examples={"kb": {"summary": "A KB between two regions (KSDD)", "value": examples.CREATE}}
        ),
    ],
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    response: Response,
) -> AgreementRead:
    """Register a new text (draft), or import an existing one (legacy, secretariat)."""
    created = service.create(session, settings, principal, body)
    agreement = service.get(session, principal, created.id)
    set_etag(response, agreement.version, location=f"{API_PREFIX}/agreements/{agreement.id}")
    return reads.detail(agreement, settings, principal)


@router.get(
    "/{agreement_id}",
    response_model=AgreementRead,
    responses=problems(404) | example(200, examples.READ),
    operation_id="agreements_get",
)
def get_agreement(agreement: ScopedAgreement, settings: AppSettings, principal: CurrentPrincipal) -> Response:
    """Read one agreement with its parties, affairs and OPDs."""
    return json_answer(reads.detail(agreement, settings, principal), version=agreement.version)


@router.patch(
    "/{agreement_id}",
    response_model=AgreementRead,
    responses=problems(403, 404, 412, 422, 428),
    operation_id="agreements_update",
)
def update_agreement(
    agreement: ScopedAgreementForWrite,
    body: AgreementUpdate,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    response: Response,
) -> AgreementRead:
    """Change an agreement; needs If-Match. Lists given replace the stored lists."""
    flows.update(session, settings, principal, agreement, body)
    fresh = service.get(session, principal, agreement.id, reload=True)
    set_etag(response, fresh.version)
    return reads.detail(fresh, settings, principal)


@router.delete(
    "/{agreement_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(403, 404, 409, 412, 428),
    operation_id="agreements_delete",
)
def delete_agreement(
    agreement: ScopedAgreementForWrite, session: DbSession, settings: AppSettings, principal: CurrentPrincipal
) -> Response:
    """Delete a draft; needs If-Match. Other texts are ended or cancelled through the procedure."""
    flows.delete(session, settings, principal, agreement)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{agreement_id}/children",
    response_model=list[AgreementSummary],
    responses=problems(404),
    operation_id="agreements_children",
)
def list_children(
    agreement: ScopedAgreement, session: DbSession, settings: AppSettings, principal: CurrentPrincipal
) -> list[AgreementSummary]:
    """The texts under this one (PKS under a KB, ADENDUM under what it amends, RK under an NK)."""
    today = today_in_region(settings)
    return [
        reads.summary(a, settings, today, principal)
        for a in repository.children(session, principal, agreement.id)
    ]
