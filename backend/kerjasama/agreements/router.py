"""HTTP for agreements (naskah kerja sama)."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from kerjasama.agreements import export, repository, service
from kerjasama.agreements.export import XLSX_MEDIA_TYPE, ExportFormat
from kerjasama.agreements.schemas import (
    AffairBrief,
    AgreementCreate,
    AgreementFilters,
    AgreementRead,
    AgreementSort,
    AgreementSummary,
    AgreementUpdate,
    EscalationPath,
    OpdBrief,
    PartnerBrief,
    PartyRead,
)
from kerjasama.core.auth import CurrentPrincipal
from kerjasama.core.config import Settings
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import Problem
from kerjasama.core.http import check_if_match, set_etag
from kerjasama.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page, decode_cursor, encode_cursor, parse_sort
from kerjasama.documents import service as documents_service
from kerjasama.models import Agreement
from kerjasama.obligations import service as obligations_service
from kerjasama.procedure import service as procedure_service
from kerjasama.rules.context import dprd_required

router = APIRouter(prefix="/api/v1/agreements", tags=["agreements"], responses={401: {"model": Problem}})
# Exports live beside, not under, /agreements so that /agreements/{id} never shadows them.
exports_router = APIRouter(prefix="/api/v1/exports", tags=["agreements"], responses={401: {"model": Problem}})

_SORTS = {
    "number": (Agreement.number, "str"),
    "title": (Agreement.title, "str"),
    "signed_date": (Agreement.signed_date, "date"),
    "end_date": (Agreement.end_date, "date"),
}


def _derived(a: Agreement, settings: Settings, today: date) -> dict[str, object]:
    days = (a.end_date - today).days if a.end_date else None
    in_force = a.status == "in_force"
    return {
        "expiring": bool(in_force and days is not None and 0 <= days <= settings.expiring_window_days),
        "expired": bool(in_force and days is not None and days < 0),
        "days_to_end": days,
    }


def summary(a: Agreement, settings: Settings, today: date) -> AgreementSummary:
    return AgreementSummary(
        id=a.id,
        number=a.number,
        kind=a.kind,
        category=a.category,
        nature=a.nature,
        title=a.title,
        status=a.status,
        stage=a.stage,
        parent_id=a.parent_id,
        lead_opd=OpdBrief.model_validate(a.lead_opd),
        partners=[PartnerBrief.model_validate(p.partner) for p in a.parties if p.partner is not None],
        signed_date=a.signed_date,
        start_date=a.start_date,
        end_date=a.end_date,
        is_demo=a.is_demo,
        is_legacy_import=a.is_legacy_import,
        version=a.version,
        **_derived(a, settings, today),
    )


def detail(a: Agreement, settings: Settings) -> AgreementRead:
    today = service.today_in_region(settings)
    base = summary(a, settings, today).model_dump()
    return AgreementRead(
        **base,
        predecessor_id=a.predecessor_id,
        object=a.object,
        scope=a.scope,
        purpose=a.purpose,
        parties=[PartyRead.model_validate(p) for p in a.parties],
        affairs=[AffairBrief.model_validate(x) for x in sorted(a.affairs, key=lambda x: x.code)],
        affair_codes=sorted(x.code for x in a.affairs),
        related_opds=[OpdBrief.model_validate(o) for o in a.related_opds],
        related_opd_ids=[o.id for o in a.related_opds],
        planning_reference=a.planning_reference,
        out_of_plan_reason=a.out_of_plan_reason,
        funding_sources=a.funding_sources,
        apbd_value=a.apbd_value,
        burdens_community_and_region=a.burdens_community_and_region,
        budgeted_in_current_apbd=a.budgeted_in_current_apbd,
        end_reason=a.end_reason,
        public=a.public,
        kak=a.kak or {},
        feasibility_study_ref=a.feasibility_study_ref,
        clauses=list(a.clauses or []),
        amendment=a.amendment or {},
        dprd_required=dprd_required(a),
        ended_date=a.ended_date,
        dispute_path=EscalationPath(
            **dict(
                zip(("path_id", "path_en", "basis"), procedure_service.dispute_path(a.category), strict=True)
            )
        )
        if a.stage == "dispute"
        else None,
        created_at=a.created_at,
        updated_at=a.updated_at,
    )


@router.get("", response_model=Page[AgreementSummary], responses={422: {"model": Problem}})
def list_agreements(
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    filters: Annotated[AgreementFilters, Query()],
    sort: Annotated[
        AgreementSort, Query(description="number, title, signed_date or end_date; '-' for descending")
    ] = "number",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(max_length=500, description="next_cursor of the previous page")
    ] = None,
) -> Page[AgreementSummary]:
    """List agreements in the caller's scope, with filters, search, sorting and keyset paging."""
    sort_value, spec = parse_sort(sort, _SORTS, "number")
    after = decode_cursor(cursor, sort_value, spec) if cursor else None
    today = service.today_in_region(settings)
    stmt = repository.filtered(principal, today=today, **filters.model_dump())
    rows, total = repository.page(session, stmt, spec, after, limit)
    items = [summary(a, settings, today) for a in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor(sort_value, getattr(last, sort_value.lstrip("-")), last.id)
    return Page[AgreementSummary](items=items, next_cursor=next_cursor, total=total)


@exports_router.get(
    "/agreements",
    response_class=Response,
    responses={
        200: {
            "description": "The filtered list as CSV or XLSX",
            "content": {"text/csv": {}, XLSX_MEDIA_TYPE: {}},
        },
        422: {"model": Problem},
    },
)
def export_agreements(
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    filters: Annotated[AgreementFilters, Query()],
    format: Annotated[ExportFormat, Query(description="csv or xlsx")] = "csv",
    sort: Annotated[AgreementSort, Query(description="Sort order, as for the list")] = "number",
) -> Response:
    """Export the agreements matching the filters (same filters as the list; at most 10 000 rows)."""
    _, spec = parse_sort(sort, _SORTS, "number")
    today = service.today_in_region(settings)
    stmt = repository.filtered(principal, today=today, **filters.model_dump())
    rows, _ = repository.page(session, stmt, spec, None, export.MAX_ROWS)
    table = export.rows(rows[: export.MAX_ROWS], today, settings.expiring_window_days)
    stamp = today.strftime("%Y%m%d")
    if format == "xlsx":
        return Response(
            export.to_xlsx(table),
            media_type=XLSX_MEDIA_TYPE,
            headers={"Content-Disposition": f'attachment; filename="kerja-sama-{stamp}.xlsx"'},
        )
    return Response(
        export.to_csv(table),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="kerja-sama-{stamp}.csv"'},
    )


@router.post(
    "",
    response_model=AgreementRead,
    status_code=status.HTTP_201_CREATED,
    responses={403: {"model": Problem}, 409: {"model": Problem}, 422: {"model": Problem}},
)
def create_agreement(
    body: AgreementCreate,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    response: Response,
) -> AgreementRead:
    """Register a new text (draft), or import an existing one (legacy, secretariat)."""
    created = service.create(session, settings, principal, body)
    agreement = service.get(session, principal, created.id)
    set_etag(response, agreement.version)
    response.headers["Location"] = f"/api/v1/agreements/{agreement.id}"
    return detail(agreement, settings)


@router.get("/{agreement_id}", response_model=AgreementRead, responses={404: {"model": Problem}})
def get_agreement(
    agreement_id: uuid.UUID,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    response: Response,
) -> AgreementRead:
    """Read one agreement with its parties, affairs and OPDs."""
    agreement = service.get(session, principal, agreement_id)
    set_etag(response, agreement.version)
    return detail(agreement, settings)


@router.patch(
    "/{agreement_id}",
    response_model=AgreementRead,
    responses={
        403: {"model": Problem},
        404: {"model": Problem},
        412: {"model": Problem},
        422: {"model": Problem},
        428: {"model": Problem},
    },
)
def update_agreement(
    agreement_id: uuid.UUID,
    body: AgreementUpdate,
    request: Request,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    response: Response,
) -> AgreementRead:
    """Change an agreement; needs If-Match. Lists given replace the stored lists."""
    agreement = service.get(session, principal, agreement_id)
    check_if_match(request, agreement.version)
    term_before = (agreement.start_date, agreement.end_date)
    service.update(
        session,
        principal,
        agreement,
        body,
        procedure_service.context(session, settings, agreement),
    )
    if (agreement.start_date, agreement.end_date) != term_before:
        # Occurrences follow the term; refused (and the PATCH rolled back) when a schedule no longer fits.
        moved = "start_date" if agreement.start_date != term_before[0] else "end_date"
        obligations_service.regenerate_agreement(
            session, principal.actor, agreement, service.today_in_region(settings), moved
        )
    fresh = service.get(session, principal, agreement_id, reload=True)
    set_etag(response, fresh.version)
    return detail(fresh, settings)


@router.delete(
    "/{agreement_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={
        403: {"model": Problem},
        404: {"model": Problem},
        409: {"model": Problem},
        412: {"model": Problem},
        428: {"model": Problem},
    },
)
def delete_agreement(
    agreement_id: uuid.UUID,
    request: Request,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> Response:
    """Delete a draft; needs If-Match. Other texts are ended or cancelled through the procedure."""
    agreement = service.get(session, principal, agreement_id)
    check_if_match(request, agreement.version)
    # Listed before the rows go (cascade); removed only after the commit, kept on a rollback.
    documents_service.discard_files_of_agreement(session, settings, agreement.id)
    service.delete(session, principal, agreement)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/{agreement_id}/children", response_model=list[AgreementSummary], responses={404: {"model": Problem}}
)
def list_children(
    agreement_id: uuid.UUID, session: DbSession, settings: AppSettings, principal: CurrentPrincipal
) -> list[AgreementSummary]:
    """The texts under this one (PKS under a KB, ADENDUM under what it amends, RK under an NK)."""
    service.get(session, principal, agreement_id)
    today = service.today_in_region(settings)
    return [summary(a, settings, today) for a in repository.children(session, principal, agreement_id)]
