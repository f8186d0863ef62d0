"""HTTP for partners (mitra kerja sama)."""

from __future__ import annotations

import uuid
from typing import Annotated, Literal

from fastapi import APIRouter, Body, Query, Request, Response, status

from kerjasama.core.auth import CurrentPrincipal
from kerjasama.core.deps import DbSession
from kerjasama.core.errors import problems
from kerjasama.core.http import API_PREFIX, check_if_match, example, set_etag
from kerjasama.core.pagination import (
    DEFAULT_LIMIT,
    MAX_LIMIT,
    Page,
    decode_cursor,
    encode_cursor,
    parse_sort,
)
from kerjasama.models import Partner
from kerjasama.partners import examples, reads, repository, service
from kerjasama.partners.schemas import PartnerCreate, PartnerRead, PartnerType, PartnerUpdate

router = APIRouter(prefix="/partners", tags=["partners"], responses=problems(401))

PartnerSort = Literal["name", "-name"]


@router.get("", response_model=Page[PartnerRead], responses=problems(422), operation_id="partners_list")
def list_partners(
    session: DbSession,
    principal: CurrentPrincipal,
    type: Annotated[PartnerType | None, Query(description="Partner type")] = None,
    region_code: Annotated[
        str | None, Query(max_length=13, description="REGION partners of this kode wilayah")
    ] = None,
    country_code: Annotated[str | None, Query(max_length=2, description="ISO 3166-1 alpha-2 country")] = None,
    q: Annotated[str | None, Query(max_length=100, description="Search in name; exact NIB or NPWP")] = None,
    sort: Annotated[PartnerSort, Query(description="name or -name")] = "name",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[PartnerRead]:
    """List partners with filters, search and keyset paging."""
    sort_value, spec = parse_sort(sort, {"name": (Partner.name, "str")}, "name")
    after = decode_cursor(cursor, sort_value, spec) if cursor else None
    stmt = repository.filtered(type_=type, region_code=region_code, country_code=country_code, q=q)
    rows, total = repository.page(session, stmt, spec, after, limit)
    items = [reads.detail(p, principal) for p in rows[:limit]]
    next_cursor = (
        encode_cursor(sort_value, rows[limit - 1].name, rows[limit - 1].id) if len(rows) > limit else None
    )
    return Page[PartnerRead](items=items, next_cursor=next_cursor, total=total)


@router.post(
    "",
    response_model=PartnerRead,
    status_code=status.HTTP_201_CREATED,
    responses=problems(409, 403, 422) | example(201, examples.READ),
    operation_id="partners_create",
)
def create_partner(
    body: Annotated[
        PartnerCreate,
        Body(openapi_examples={"company": {"summary": "A company (third party)", "value": examples.CREATE}}),
    ],
    session: DbSession,
    principal: CurrentPrincipal,
    response: Response,
    force: Annotated[bool, Query(description="Create even when a likely duplicate exists")] = False,
) -> PartnerRead:
    """Create a partner; a likely duplicate answers 409 with the existing id unless force=true."""
    partner = service.create(session, principal, body, force=force)
    set_etag(response, partner.version)
    response.headers["Location"] = f"{API_PREFIX}/partners/{partner.id}"
    return reads.detail(partner, principal)


@router.get("/{partner_id}", response_model=PartnerRead, responses=problems(404), operation_id="partners_get")
def get_partner(
    partner_id: uuid.UUID, session: DbSession, principal: CurrentPrincipal, response: Response
) -> PartnerRead:
    """Read one partner with its contacts."""
    partner = service.get(session, partner_id)
    set_etag(response, partner.version)
    return reads.detail(partner, principal)


@router.patch(
    "/{partner_id}",
    response_model=PartnerRead,
    responses=problems(404, 409, 412, 428),
    operation_id="partners_update",
)
def update_partner(
    partner_id: uuid.UUID,
    body: PartnerUpdate,
    request: Request,
    session: DbSession,
    principal: CurrentPrincipal,
    response: Response,
    force: Annotated[
        bool, Query(description="Rename even when the new name matches another partner")
    ] = False,
) -> PartnerRead:
    """Change a partner; needs If-Match. Contacts, when given, replace the list."""
    partner = service.get(session, partner_id)
    check_if_match(request, partner.version)
    service.update(session, principal, partner, body, force=force)
    set_etag(response, partner.version)
    return reads.detail(partner, principal)


@router.delete(
    "/{partner_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(404, 409, 412, 428),
    operation_id="partners_delete",
)
def delete_partner(
    partner_id: uuid.UUID, request: Request, session: DbSession, principal: CurrentPrincipal
) -> Response:
    """Delete a partner that no agreement references; needs If-Match."""
    partner = service.get(session, partner_id)
    check_if_match(request, partner.version)
    service.delete(session, principal, partner)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
