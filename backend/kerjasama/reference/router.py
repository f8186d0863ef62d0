"""HTTP for master data: regions, affairs (urusan) and OPDs."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from kerjasama.core.auth import CurrentPrincipal, Principal
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import problems
from kerjasama.core.http import API_PREFIX, check_if_match, set_etag
from kerjasama.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page, SortSpec, decode_cursor, encode_cursor
from kerjasama.core.policy import require
from kerjasama.models import Region
from kerjasama.reference import policy, repository, service
from kerjasama.reference.schemas import AffairRead, OpdCreate, OpdRead, OpdUpdate, RegionRead, RegionType

OpdManager = Annotated[Principal, Depends(require(policy.may_manage_opds))]

router = APIRouter(tags=["reference"])

_REGION_SORT = SortSpec(Region.code, False, "str")


@router.get("/regions", response_model=Page[RegionRead], operation_id="regions_list")
def list_regions(
    session: DbSession,
    settings: AppSettings,
    _: CurrentPrincipal,
    province_code: Annotated[
        str | None, Query(max_length=2, description="Two-digit province code, e.g. '32'")
    ] = None,
    type: Annotated[RegionType | None, Query(description="provinsi, kabupaten or kota")] = None,
    q: Annotated[str | None, Query(max_length=100, description="Search in name or code prefix")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
) -> Page[RegionRead]:
    """List regions (kode wilayah), ordered by code."""
    after = decode_cursor(cursor, "code", _REGION_SORT, "str")[1] if cursor else None
    rows, total = repository.list_regions(
        session, province_code=province_code, type_=type, q=q, after_code=after, limit=limit
    )
    neighbours = repository.neighbours(session, settings.home_region)
    items = [
        RegionRead.model_validate(r).model_copy(update={"borders_home_region": r.code in neighbours})
        for r in rows[:limit]
    ]
    next_cursor = (
        encode_cursor("code", rows[limit - 1].code, rows[limit - 1].code) if len(rows) > limit else None
    )
    return Page[RegionRead](items=items, next_cursor=next_cursor, total=total)


@router.get("/affairs", response_model=list[AffairRead], operation_id="affairs_list")
def list_affairs(
    session: DbSession,
    _: CurrentPrincipal,
    group: Annotated[str | None, Query(max_length=40, description="Filter by group")] = None,
    q: Annotated[str | None, Query(max_length=100, description="Search in name or code prefix")] = None,
) -> list[AffairRead]:
    """List the government affairs (urusan pemerintahan)."""
    return [AffairRead.model_validate(a) for a in repository.list_affairs(session, group, q)]


@router.get("/opds", response_model=list[OpdRead], operation_id="opds_list")
def list_opds(
    session: DbSession,
    _: CurrentPrincipal,
    active: Annotated[bool | None, Query(description="Only active (true) or inactive (false) OPDs")] = None,
    q: Annotated[
        str | None, Query(max_length=100, description="Search in name, abbreviation or code")
    ] = None,
) -> list[OpdRead]:
    """List the regional apparatus units (OPD)."""
    return [OpdRead.model_validate(o) for o in repository.list_opds(session, active=active, q=q)]


@router.post(
    "/opds",
    response_model=OpdRead,
    status_code=status.HTTP_201_CREATED,
    responses=problems(409, 403),
    operation_id="opds_create",
)
def create_opd(body: OpdCreate, session: DbSession, principal: OpdManager, response: Response) -> OpdRead:
    """Create an OPD (admin)."""
    opd = service.create_opd(session, principal.actor, body)
    set_etag(response, opd.version)
    response.headers["Location"] = f"{API_PREFIX}/opds/{opd.id}"
    return OpdRead.model_validate(opd)


@router.get("/opds/{opd_id}", response_model=OpdRead, responses=problems(404), operation_id="opds_get")
def get_opd(opd_id: uuid.UUID, session: DbSession, _: CurrentPrincipal, response: Response) -> OpdRead:
    """Read one OPD."""
    opd = service.get_opd(session, opd_id)
    set_etag(response, opd.version)
    return OpdRead.model_validate(opd)


@router.patch(
    "/opds/{opd_id}",
    response_model=OpdRead,
    responses=problems(404, 412, 428),
    operation_id="opds_update",
)
def update_opd(
    opd_id: uuid.UUID,
    body: OpdUpdate,
    request: Request,
    session: DbSession,
    principal: OpdManager,
    response: Response,
) -> OpdRead:
    """Change an OPD (admin); needs If-Match."""
    opd = service.get_opd(session, opd_id)
    check_if_match(request, opd.version)
    service.update_opd(session, principal.actor, opd, body)
    set_etag(response, opd.version)
    return OpdRead.model_validate(opd)
