"""HTTP for monitoring & evaluation: what is due, reporting settings, reports and their workflow."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request, Response, status

from kerjasama.agreements import service as agreements_service
from kerjasama.agreements.schemas import OpdBrief
from kerjasama.core.auth import CurrentPrincipal
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import Problem
from kerjasama.core.http import check_if_match, set_etag
from kerjasama.monitoring import reads, reports, service, workflow
from kerjasama.monitoring.periods import PERIOD_PATTERN, period_label
from kerjasama.monitoring.schemas import (
    DueCounts,
    DueItem,
    DueOpdGroup,
    MonitoringDueRead,
    MonitoringSettingRead,
    MonitoringSettingUpdate,
    PeriodRead,
    ReportCreate,
    ReportRead,
    ReportSummary,
    ReportTransitionIn,
    ReportUpdate,
)

router = APIRouter(prefix="/api/v1", tags=["monitoring"], responses={401: {"model": Problem}})
AGREEMENT = "/agreements/{agreement_id}"
REPORT = "/monitoring-reports/{report_id}"
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem}}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **NOT_FOUND,
    403: {"model": Problem},
    409: {"model": Problem},
    412: {"model": Problem},
    422: {"model": Problem},
    428: {"model": Problem},
}
WITH_ETAG: dict[int | str, dict[str, Any]] = {
    200: {
        "headers": {
            "ETag": {"description": "The record's version, for If-Match", "schema": {"type": "string"}}
        }
    }
}


def _counts(items: list[service.OwedReport]) -> DueCounts:
    states = [i.state for i in items]
    return DueCounts(
        expected=len(items),
        owed=states.count("owed"),
        submitted=states.count("submitted"),
        overdue=states.count("overdue"),
        missing=states.count("missing"),
    )


@router.get("/monitoring/due", response_model=MonitoringDueRead, responses={422: {"model": Problem}})
def monitoring_due(
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    period: Annotated[
        str | None,
        Query(
            pattern=PERIOD_PATTERN,
            max_length=7,
            description="2026-S1, 2026-S2 or 2026 (agreements reporting yearly). Default: the reporting "
            "period of each cadence, i.e. the latest period that has ended, whose report is due next or "
            "is already late",
        ),
    ] = None,
) -> MonitoringDueRead:
    """What each lead OPD owes for a period: owed, submitted, overdue and missing reports.

    Without `period`, each agreement is listed for its reporting period: the latest semester (or year)
    that has ended. It stays listed until the next period ends, so late reports stay in view. OPD users
    see only the agreements of their OPD.
    """
    today = agreements_service.today_in_region(settings)
    periods = service.periods_for(period, today)
    items = service.owed_reports(session, principal, period, today, timezone=settings.timezone)
    by_opd: dict[uuid.UUID, list[service.OwedReport]] = {}
    for item in items:
        by_opd.setdefault(item.lead_opd_id, []).append(item)
    opds = service.opds_by_id(session, list(by_opd))
    groups = [
        DueOpdGroup(
            opd=OpdBrief.model_validate(opds[opd_id]),
            counts=_counts(owed),
            items=[
                DueItem(
                    agreement_id=i.agreement_id,
                    agreement_number=i.agreement_number,
                    agreement_title=i.agreement_title,
                    agreement_kind=i.agreement_kind,
                    lead_opd_id=i.lead_opd_id,
                    period=i.period,
                    period_label=i.period_label,
                    cadence=i.cadence,
                    due_date=i.due_date,
                    state=i.state,
                    report_id=i.report_id,
                    report_status=i.report_status,
                    submitted_at=i.submitted_at,
                    on_time=i.on_time,
                )
                for i in sorted(owed, key=lambda i: (i.due_date, i.agreement_number))
            ],
        )
        for opd_id, owed in by_opd.items()
    ]
    return MonitoringDueRead(
        as_of=today,
        periods=[
            PeriodRead(
                code=p.code,
                label=period_label(p),
                cadence=p.cadence,
                start=p.start,
                end=p.end,
                default_due_date=p.due_date(),
            )
            for p in periods
        ],
        counts=_counts(items),
        opds=sorted(groups, key=lambda g: (g.opd.abbreviation, g.opd.code)),
    )


# --- settings --------------------------------------------------------------------------------------


def _setting_read(
    session: DbSession, agreement_id: uuid.UUID, principal: CurrentPrincipal
) -> tuple[MonitoringSettingRead, int]:
    agreement = agreements_service.get(session, principal, agreement_id)
    cadence, due_days, row = service.effective_setting(session, agreement)
    version = row.version if row is not None else 0
    read = MonitoringSettingRead(
        agreement_id=agreement.id,
        cadence=cadence,
        due_days=due_days,
        is_default=row is None,
        version=version,
    )
    return read, version


@router.get(
    AGREEMENT + "/monitoring-settings",
    response_model=MonitoringSettingRead,
    responses={**NOT_FOUND, **WITH_ETAG},
)
def get_monitoring_settings(
    agreement_id: uuid.UUID, response: Response, session: DbSession, principal: CurrentPrincipal
) -> MonitoringSettingRead:
    """The agreement's reporting cadence and due days (the defaults while none is stored); ETag "0" then."""
    read, version = _setting_read(session, agreement_id, principal)
    set_etag(response, version)
    return read


@router.patch(
    AGREEMENT + "/monitoring-settings",
    response_model=MonitoringSettingRead,
    responses={**WRITE_ERRORS, **WITH_ETAG},
)
def update_monitoring_settings(
    agreement_id: uuid.UUID,
    body: MonitoringSettingUpdate,
    request: Request,
    response: Response,
    session: DbSession,
    principal: CurrentPrincipal,
) -> MonitoringSettingRead:
    """Set the cadence and due days (secretariat); needs If-Match ("0" while the defaults apply).

    Reports not yet submitted move to the new due date.
    """
    agreement = agreements_service.get(session, principal, agreement_id)
    service.check_settings_role(principal)
    _, _, row = service.effective_setting(session, agreement)
    check_if_match(request, row.version if row is not None else 0)
    service.update_settings(session, principal, agreement, body)
    read, version = _setting_read(session, agreement_id, principal)
    set_etag(response, version)
    return read


# --- reports ---------------------------------------------------------------------------------------


@router.get(AGREEMENT + "/monitoring-reports", response_model=list[ReportSummary], responses=NOT_FOUND)
def list_monitoring_reports(
    agreement_id: uuid.UUID, session: DbSession, settings: AppSettings, principal: CurrentPrincipal
) -> list[ReportSummary]:
    """The agreement's monitoring reports, latest period first."""
    agreement = agreements_service.get(session, principal, agreement_id)
    return reads.list_reports(session, agreement, agreements_service.today_in_region(settings))


@router.post(
    AGREEMENT + "/monitoring-reports",
    response_model=ReportRead,
    status_code=status.HTTP_201_CREATED,
    responses={**NOT_FOUND, 403: {"model": Problem}, 409: {"model": Problem}, 422: {"model": Problem}},
)
def create_monitoring_report(
    agreement_id: uuid.UUID,
    body: ReportCreate,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> ReportRead:
    """Start the report of one period as a draft, the obligations' realisation pre-filled.

    422 naming `period` when it is malformed, of the wrong cadence, not started yet, or a period in
    which the agreement was not in force; 409 `report_exists` with `existing_id` for a second report.
    """
    agreement = agreements_service.get(session, principal, agreement_id)
    today = agreements_service.today_in_region(settings)
    report = reports.create_report(session, principal, agreement, body, today)
    set_etag(response, report.version)
    response.headers["Location"] = f"/api/v1/monitoring-reports/{report.id}"
    return reads.detail_read(session, report, agreement, today)


@router.get(REPORT, response_model=ReportRead, responses=NOT_FOUND)
def get_monitoring_report(
    report_id: uuid.UUID,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> ReportRead:
    """One report: the minimum items, the questionnaire, the realisation, evidence and history."""
    report, agreement = reports.get_report(session, principal, report_id)
    set_etag(response, report.version)
    return reads.detail_read(session, report, agreement, agreements_service.today_in_region(settings))


@router.patch(REPORT, response_model=ReportRead, responses=WRITE_ERRORS)
def update_monitoring_report(
    report_id: uuid.UUID,
    body: ReportUpdate,
    request: Request,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> ReportRead:
    """Edit a draft or returned report; needs If-Match. A report under review or final answers 409."""
    report, agreement = reports.get_report(session, principal, report_id)
    reports.check_edit_role(principal)
    check_if_match(request, report.version)
    today = agreements_service.today_in_region(settings)
    reports.update_report(session, principal, agreement, report, body, today)
    set_etag(response, report.version)
    return reads.detail_read(session, report, agreement, today)


@router.post(REPORT + "/transitions", response_model=ReportRead, responses=WRITE_ERRORS)
def transition_monitoring_report(
    report_id: uuid.UUID,
    body: ReportTransitionIn,
    request: Request,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> ReportRead:
    """Take a workflow step; needs If-Match. A skipped step answers 409 with `allowed_actions`.

    submit (opd_head; problems, solutions and other_matters filled) → verify (secretariat) →
    review (tkksd) → finalise (secretariat); return, with a reason, by whoever holds the next step.
    """
    report, agreement = reports.get_report(session, principal, report_id)
    workflow.check_workflow_role(principal)
    check_if_match(request, report.version)
    today = agreements_service.today_in_region(settings)
    workflow.transition(session, principal, agreement, report, body, today)
    set_etag(response, report.version)
    return reads.detail_read(session, report, agreement, today)
