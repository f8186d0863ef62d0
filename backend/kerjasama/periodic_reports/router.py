"""HTTP for the periodic report: preview, finalize, sendings, finalized snapshots."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Response, status

from kerjasama.core.auth import CurrentPrincipal
from kerjasama.core.clock import today_in_region
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import problems
from kerjasama.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from kerjasama.models.base import utcnow
from kerjasama.periodic_reports import service
from kerjasama.periodic_reports.periods import MAX_YEAR, MIN_YEAR, PeriodCode, ReportPeriod
from kerjasama.periodic_reports.schemas import (
    FinalizedReportRead,
    PeriodicReportRead,
    ReportFormat,
    SendingCreate,
    SendingRead,
)

router = APIRouter(
    prefix="/reports/periodic",
    tags=["periodic-reports"],
    responses=problems(401, 403),
)

Year = Annotated[int, Path(ge=MIN_YEAR, le=MAX_YEAR, description="Year of the period, e.g. 2026")]
Period = Annotated[PeriodCode, Path(description="S1 (1 January–30 June), S2 (1 July–31 December) or annual")]
Format = Annotated[
    ReportFormat, Query(description="json (default), xlsx (a sheet per section) or pdf (printable)")
]
FILE_HEADERS = {
    "ETag": {"description": "SHA-256 of the body, quoted", "schema": {"type": "string"}},
    "X-Content-SHA256": {"description": "SHA-256 (hex) of the body", "schema": {"type": "string"}},
    "X-Report-Status": {"description": "preview or finalized", "schema": {"type": "string"}},
}
FILE_CONTENT: dict[str, Any] = {
    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {
        "schema": {"type": "string", "format": "binary"}
    },
}
NOT_FOUND = problems(404, described={404: "periodic_report_not_found"})


def _send(rendered: service.Rendered) -> Response:
    headers = {
        "ETag": f'"{rendered.sha256}"',
        "X-Content-SHA256": rendered.sha256,
        "X-Report-Status": "finalized" if rendered.finalized else "preview",
        # A preview changes with the data; a snapshot never does, but stays behind the bearer token.
        "Cache-Control": "private, no-cache",
    }
    if rendered.media_type != service.JSON_MEDIA_TYPE:
        headers["Content-Disposition"] = f'attachment; filename="{rendered.filename}"'
    return Response(rendered.body, media_type=rendered.media_type, headers=headers)


@router.get(
    "",
    response_model=PeriodicReportRead,
    operation_id="periodic_reports_get",
    responses={
        200: {"content": FILE_CONTENT, "headers": FILE_HEADERS},
        **problems(422),
        **NOT_FOUND,
    },
)
def get_periodic_report(
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    year: Annotated[int, Query(ge=MIN_YEAR, le=MAX_YEAR, description="Year of the period, e.g. 2026")],
    period: Annotated[
        PeriodCode, Query(description="S1 (1 January–30 June), S2 (1 July–31 December) or annual")
    ],
    format: Format = "json",
) -> Response:
    """The Laporan Pelaksanaan Kerja Sama Daerah of a period: the stored snapshot once finalized, else a live preview.

    A preview is compiled from the data as they stand (secretariat, admin, TKKSD and viewer). Once the
    period is finalized every caller gets the stored bytes, identical on every request; their SHA-256
    is in `ETag` and `X-Content-SHA256`. The province sees finalized periods only (404 before that).
    """
    rendered = service.current(
        session, settings, principal, ReportPeriod(year, period), format, today_in_region(settings), utcnow()
    )
    return _send(rendered)


@router.post(
    "/{year}/{period}/finalize",
    response_model=FinalizedReportRead,
    status_code=status.HTTP_201_CREATED,
    operation_id="periodic_reports_finalize",
    responses=problems(409, 422, described={409: "period_already_finalized, period_not_ended"}),
)
def finalize_periodic_report(
    session: DbSession, settings: AppSettings, principal: CurrentPrincipal, year: Year, period: Period
) -> FinalizedReportRead:
    """Finalize a period (secretariat, admin): store the JSON, PDF and XLSX as an immutable snapshot.

    Later changes to agreements, obligations or monitoring reports no longer alter it. Once only:
    a second finalize answers 409 `period_already_finalized`; a period that has not ended, 409
    `period_not_ended`.
    """
    row = service.finalize(
        session, settings, principal, ReportPeriod(year, period), today_in_region(settings), utcnow()
    )
    return service.finalized_meta(session, principal, row.id)


@router.post(
    "/{year}/{period}/sendings",
    response_model=SendingRead,
    status_code=status.HTTP_201_CREATED,
    operation_id="periodic_reports_sendings_create",
    responses=problems(409, 422, described={409: "period_not_finalized"}),
)
def create_sending(
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    year: Year,
    period: Period,
    body: SendingCreate,
) -> SendingRead:
    """Record the sending of a finalized report to the Wali Kota or the Gubernur (date and letter number)."""
    sending = service.record_sending(
        session, principal, ReportPeriod(year, period), body, today_in_region(settings)
    )
    return service.sending_read(sending)


@router.get(
    "/finalized",
    response_model=Page[FinalizedReportRead],
    operation_id="periodic_reports_finalized_list",
    responses=problems(422),
)
def list_finalized(
    session: DbSession,
    principal: CurrentPrincipal,
    year: Annotated[int | None, Query(ge=MIN_YEAR, le=MAX_YEAR, description="Only this year")] = None,
    period: Annotated[PeriodCode | None, Query(description="Only S1, S2 or annual")] = None,
    sort: Annotated[str | None, Query(description="period_end or -period_end (default)")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size")] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(max_length=500, description="next_cursor of the previous page")
    ] = None,
) -> Page[FinalizedReportRead]:
    """List finalized reports with their SHA-256 digests and sendings, newest period first."""
    return service.list_finalized(
        session, principal, year=year, period=period, limit=limit, cursor=cursor, sort=sort
    )


@router.get(
    "/finalized/{report_id}",
    response_model=PeriodicReportRead,
    operation_id="periodic_reports_finalized_get",
    responses={200: {"content": FILE_CONTENT, "headers": FILE_HEADERS}, **problems(422), **NOT_FOUND},
)
def get_finalized(
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    report_id: Annotated[uuid.UUID, Path(description="Id of the finalized report")],
    format: Format = "json",
) -> Response:
    """One finalized report's stored bytes (json, pdf or xlsx), identical on every request."""
    return _send(service.finalized_file(session, settings, principal, report_id, format))
