"""OCDS 1.1 open data (no sign-in, rate-limited, cacheable): release packages, records, and our
extension's files. The same texts as the public register, nothing more (docs/open-data.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response

from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import NotFound, problems
from kerjasama.core.schemas import BoundedDate
from kerjasama.ocds import files, service
from kerjasama.ocds.schemas import RecordPackage, ReleasePackage
from kerjasama.public_register.http import CACHE_HEADERS, NOT_MODIFIED, RateLimited, cached_json

router = APIRouter(prefix="/ocds", tags=["ocds"])

_OK: dict[int | str, dict[str, Any]] = {200: {"headers": CACHE_HEADERS}}


@router.get(
    "/releases",
    response_model=ReleasePackage,
    responses={**_OK, **NOT_MODIFIED, **problems(422, 429)},
    operation_id="ocds_list_releases",
)
def list_releases(
    request: Request,
    session: DbSession,
    settings: AppSettings,
    _: RateLimited,
    date_from: Annotated[
        BoundedDate | None, Query(description="Releases dated on or after this day (region's calendar)")
    ] = None,
    date_to: Annotated[
        BoundedDate | None, Query(description="Releases dated on or before this day (region's calendar)")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=200, description="Processes (texts) per page")] = 50,
    cursor: Annotated[
        str | None, Query(max_length=100, description="From links.next of the previous page")
    ] = None,
) -> Response:
    """An OCDS release package of the public register's texts, paged by text, filtered by release date."""
    package = service.release_package(
        session, settings, date_from=date_from, date_to=date_to, cursor=cursor, limit=limit
    )
    return cached_json(request, settings, package)


@router.get(
    "/records/{ocid}",
    response_model=RecordPackage,
    responses={**_OK, **NOT_MODIFIED, **problems(404, 429)},
    operation_id="ocds_get_record",
)
def get_record(
    request: Request,
    session: DbSession,
    settings: AppSettings,
    _: RateLimited,
    ocid: Annotated[str, Path(max_length=120, description="The text's Open Contracting ID")],
) -> Response:
    """An OCDS record package: the text's releases and the compiled release (ocdsmerge)."""
    return cached_json(request, settings, service.record_package(session, settings, ocid))


@router.get(
    "/extension/{name}",
    response_model=dict[str, Any],
    responses={**_OK, **NOT_MODIFIED, **problems(404, 429)},
    operation_id="ocds_get_extension",
)
def get_extension(
    request: Request,
    settings: AppSettings,
    _: RateLimited,
    name: Annotated[str, Path(max_length=40, description="extension.json or release-schema.json")],
) -> Response:
    """Our OCDS extension (the x_ fields): its metadata or its release schema patch."""
    try:
        body = files.extension_file(name)
    except KeyError as exc:
        raise NotFound("No such extension file; use extension.json or release-schema.json.") from exc
    return cached_json(request, settings, body)
