"""HTTP for the exports of obligations and monitoring reports (CSV or XLSX, no row cap).

The agreement list's export (`/exports/agreements`) is served by agreements/router.py.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import FileResponse

from kerjasama.core.auth import CurrentPrincipal
from kerjasama.core.clock import today_in_region
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import problems
from kerjasama.core.spreadsheet import TABLE_RESPONSE, ExportFormatQuery, ExportLang, table_response
from kerjasama.exports.schemas import ReportExportFilters
from kerjasama.monitoring import export as monitoring_export
from kerjasama.obligations import export as obligations_export
from kerjasama.obligations.schemas import ObligationFilters

router = APIRouter(prefix="/exports", tags=["exports"], responses=problems(401))


@router.get(
    "/obligations",
    response_class=FileResponse,
    responses=TABLE_RESPONSE | problems(422),
    operation_id="exports_obligations",
)
def export_obligations(
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    filters: Annotated[ObligationFilters, Query()],
    lang: ExportLang,
    format: ExportFormatQuery = "csv",
) -> FileResponse:
    """Export the obligations matching the list's filters and scope, one row per occurrence, with fulfilment.

    The filters and the caller's scope are those of `GET /obligations`; no row cap. Codes are written
    as labels in the file's language (`lang`, else Accept-Language, else Bahasa Indonesia); `late` is
    derived as in the list; dates as 15/07/2026.
    """
    today = today_in_region(settings)
    path = obligations_export.write(
        session, principal, filters, format, home_region=settings.home_region, today=today, lang=lang
    )
    name = "hak-kewajiban" if lang == "id" else "obligations"
    return table_response(path, format, f"{name}-{today.strftime('%Y%m%d')}")


@router.get(
    "/monitoring-reports",
    response_class=FileResponse,
    responses=TABLE_RESPONSE | problems(422),
    operation_id="exports_monitoring_reports",
)
def export_monitoring_reports(
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    filters: Annotated[ReportExportFilters, Query()],
    lang: ExportLang,
    format: ExportFormatQuery = "csv",
) -> FileResponse:
    """Export the monitoring reports of the agreements in the caller's scope as CSV or XLSX (no row cap).

    `period` is the due list's period; codes and the period ("Semester I 2026") are written as labels
    in the file's language (`lang`, else Accept-Language, else Bahasa Indonesia); dates as 15/07/2026.
    """
    path = monitoring_export.write(session, principal, format, lang=lang, **filters.model_dump())
    name = "laporan-monev" if lang == "id" else "monitoring-reports"
    suffix = filters.period or today_in_region(settings).strftime("%Y%m%d")
    return table_response(path, format, f"{name}-{suffix}")
