"""HTTP for monitoring & evaluation: what is due, reporting settings, reports and their workflow."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from kerjasama.agreements.deps import ScopedAgreement
from kerjasama.core.auth import CurrentPrincipal
from kerjasama.core.clock import today_in_region
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import Responses, problems
from kerjasama.core.http import API_PREFIX, ETAG_HEADER, check_if_match, set_etag
from kerjasama.monitoring import reads, reports, service, workflow
from kerjasama.monitoring.periods import PERIOD_PATTERN
from kerjasama.monitoring.schemas import (
    MonitoringDueRead,
    MonitoringSettingRead,
    MonitoringSettingUpdate,
    ReportCreate,
    ReportRead,
    ReportSummary,
    ReportTransitionIn,
    ReportUpdate,
)

router = APIRouter(tags=["monitoring"], responses=problems(401))
AGREEMENT = "/agreements/{agreement_id}"
REPORT = "/monitoring-reports/{report_id}"
WRITE_ERRORS = problems(404, 403, 409, 412, 422, 428)
WITH_ETAG: Responses = {200: {"headers": ETAG_HEADER}}


@router.get(
    "/monitoring/due",
    response_model=MonitoringDueRead,
    responses=problems(422),
    operation_id="monitoring_due",
)
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
    return reads.due(session, settings, principal, period, today_in_region(settings))


# --- settings --------------------------------------------------------------------------------------


@router.get(
    AGREEMENT + "/monitoring-settings",
    response_model=MonitoringSettingRead,
    responses={**problems(404), **WITH_ETAG},
    operation_id="monitoring_settings_get",
)
def get_monitoring_settings(
    agreement: ScopedAgreement, response: Response, session: DbSession, principal: CurrentPrincipal
) -> MonitoringSettingRead:
    """The agreement's reporting cadence and due days (the defaults while none is stored); ETag "0" then."""
    read, version = reads.setting(session, agreement, principal)
    set_etag(response, version)
    return read


@router.patch(
    AGREEMENT + "/monitoring-settings",
    response_model=MonitoringSettingRead,
    responses={**WRITE_ERRORS, **WITH_ETAG},
    operation_id="monitoring_settings_update",
)
def update_monitoring_settings(
    agreement: ScopedAgreement,
    body: MonitoringSettingUpdate,
    request: Request,
    response: Response,
    session: DbSession,
    principal: CurrentPrincipal,
) -> MonitoringSettingRead:
    """Set the cadence and due days (secretariat); needs If-Match ("0" while the defaults apply).

    Reports not yet submitted move to the new due date.
    """
    service.check_settings_role(principal)
    _, _, row = service.effective_setting(session, agreement)
    check_if_match(request, row.version if row is not None else 0)
    service.update_settings(session, principal, agreement, body)
    read, version = reads.setting(session, agreement, principal)
    set_etag(response, version)
    return read


# --- reports ---------------------------------------------------------------------------------------


@router.get(
    AGREEMENT + "/monitoring-reports",
    response_model=list[ReportSummary],
    responses=problems(404),
    operation_id="monitoring_reports_list",
)
def list_monitoring_reports(
    agreement: ScopedAgreement, session: DbSession, settings: AppSettings, principal: CurrentPrincipal
) -> list[ReportSummary]:
    """The agreement's monitoring reports, latest period first."""
    return reads.list_reports(session, agreement, today_in_region(settings), principal)


@router.post(
    AGREEMENT + "/monitoring-reports",
    response_model=ReportRead,
    status_code=status.HTTP_201_CREATED,
    responses=problems(404, 403, 409, 422),
    operation_id="monitoring_reports_create",
)
def create_monitoring_report(
    agreement: ScopedAgreement,
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
    today = today_in_region(settings)
    report = reports.create_report(session, principal, agreement, body, today)
    set_etag(response, report.version, location=f"{API_PREFIX}/monitoring-reports/{report.id}")
    return reads.detail_read(session, report, agreement, today, principal)


@router.get(REPORT, response_model=ReportRead, responses=problems(404), operation_id="monitoring_reports_get")
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
    return reads.detail_read(session, report, agreement, today_in_region(settings), principal)


@router.patch(
    REPORT, response_model=ReportRead, responses=WRITE_ERRORS, operation_id="monitoring_reports_update"
)
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
    today = today_in_region(settings)
    reports.update_report(session, principal, agreement, report, body, today)
    set_etag(response, report.version)
    return reads.detail_read(session, report, agreement, today, principal)


@router.post(
    REPORT + "/transitions",
    response_model=ReportRead,
    responses=WRITE_ERRORS,
    operation_id="monitoring_reports_transition",
)
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
    today = today_in_region(settings)
    workflow.transition(session, principal, agreement, report, body, today)
    set_etag(response, report.version)
    return reads.detail_read(session, report, agreement, today, principal)
