"""HTTP for the procedure engine: rules, machines, checks, actions, transitions, approvals, history."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request, Response, status

from kerjasama.agreements import reads as agreements_reads
from kerjasama.agreements import service as agreements_service
from kerjasama.agreements.deps import ScopedAgreement, ScopedAgreementForWrite
from kerjasama.agreements.schemas import AgreementCreate, AgreementRead
from kerjasama.core.auth import CurrentPrincipal, Principal
from kerjasama.core.clock import today_in_region
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import problems
from kerjasama.core.http import API_PREFIX, check_if_match, set_etag
from kerjasama.core.policy import require
from kerjasama.core.schemas import Day
from kerjasama.procedure import flows, reads, service
from kerjasama.procedure import repository as repo
from kerjasama.procedure.schemas import (
    ActionsRead,
    ChecksRead,
    DprdApprovalCreate,
    DprdApprovalRead,
    DprdApprovalUpdate,
    DraftChecksRead,
    HistoryEntry,
    HolidayIn,
    HolidayRead,
    ProceduresRead,
    RuleRead,
    TkksdReviewCreate,
    TkksdReviewRead,
    TransitionIn,
)
from kerjasama.reference import policy as reference_policy

router = APIRouter(tags=["procedure"], responses=problems(401))
AGREEMENT = "/agreements/{agreement_id}"


@router.get("/rules", response_model=list[RuleRead], operation_id="rules_list")
def list_rules(_: CurrentPrincipal) -> list[RuleRead]:
    """The regulation checks, each with its legal basis."""
    return reads.rules()


@router.get("/procedures", response_model=ProceduresRead, operation_id="procedures_list")
def list_procedures(_: CurrentPrincipal) -> ProceduresRead:
    """The stage machines per kind and category, for drawing a stepper."""
    return reads.procedures()


@router.get(
    AGREEMENT + "/checks",
    response_model=ChecksRead,
    responses=problems(404),
    operation_id="agreements_checks",
)
def agreement_checks(agreement: ScopedAgreement, session: DbSession, settings: AppSettings) -> ChecksRead:
    """What the regulation checks find for this agreement now, with the fields to fix."""
    findings = service.checks(session, settings, agreement)
    return ChecksRead(
        agreement_id=agreement.id, stage=agreement.stage, findings=[service.finding_read(f) for f in findings]
    )


@router.post(
    "/agreement-checks",
    response_model=DraftChecksRead,
    responses=problems(403, 422),
    operation_id="agreements_check_draft",
)
def check_draft(
    body: AgreementCreate, session: DbSession, settings: AppSettings, principal: CurrentPrincipal
) -> DraftChecksRead:
    """Dry run: validate a new text and list the rule findings it would have, without saving anything."""
    savepoint = session.begin_nested()
    try:
        created = agreements_service.create(session, settings, principal, body)
        agreement = agreements_service.get(session, principal, created.id, reload=True)
        findings = service.checks(session, settings, agreement)
    finally:
        savepoint.rollback()  # nothing of the dry run stays: record, number, audit entry
    return DraftChecksRead(findings=[service.finding_read(f) for f in findings])


@router.get(
    AGREEMENT + "/actions",
    response_model=ActionsRead,
    responses=problems(404),
    operation_id="agreements_actions",
)
def agreement_actions(
    agreement: ScopedAgreement, session: DbSession, settings: AppSettings, principal: CurrentPrincipal
) -> ActionsRead:
    """The actions possible from the current stage, whether the caller may take them, and what blocks them."""
    machine, actions = service.available_actions(session, settings, principal, agreement)
    return ActionsRead(stage=agreement.stage, machine=machine.id if machine else None, actions=actions)


@router.post(
    AGREEMENT + "/transitions",
    response_model=AgreementRead,
    responses=problems(404, 403, 409, 412, 422, 428),
    operation_id="agreements_transition",
)
def take_transition(
    agreement: ScopedAgreementForWrite,
    body: TransitionIn,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> AgreementRead:
    """Take a procedure action; needs If-Match. BLOCK findings answer 409; WARN findings need a justification."""
    flows.transition(session, settings, principal, agreement, body)
    session.flush()
    fresh = agreements_service.get(session, principal, agreement.id, reload=True)
    set_etag(response, fresh.version)
    return agreements_reads.detail(fresh, settings, principal)


@router.get(
    AGREEMENT + "/history",
    response_model=list[HistoryEntry],
    responses=problems(404),
    operation_id="agreements_history",
)
def agreement_history(
    agreement: ScopedAgreement, session: DbSession, principal: CurrentPrincipal
) -> list[HistoryEntry]:
    """Stage transitions and field-level changes of this agreement, oldest first."""
    return reads.history(session, agreement, principal)


@router.post(
    AGREEMENT + "/renew",
    response_model=AgreementRead,
    status_code=status.HTTP_201_CREATED,
    responses=problems(404, 403, 409),
    operation_id="agreements_renew",
)
def renew_agreement(
    old: ScopedAgreement,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> AgreementRead:
    """Start a renewal: a new draft linked to this agreement as its predecessor."""
    new = service.renew(session, settings, principal, old)
    fresh = agreements_service.get(session, principal, new.id)
    set_etag(response, fresh.version, location=f"{API_PREFIX}/agreements/{fresh.id}")
    return agreements_reads.detail(fresh, settings, principal)


@router.get(
    AGREEMENT + "/tkksd-reviews",
    response_model=list[TkksdReviewRead],
    responses=problems(404),
    operation_id="tkksd_reviews_list",
)
def list_reviews(agreement: ScopedAgreement, session: DbSession) -> list[TkksdReviewRead]:
    """The TKKSD appraisals of this agreement."""
    return [TkksdReviewRead.model_validate(r) for r in repo.reviews_for(session, agreement.id)]


@router.post(
    AGREEMENT + "/tkksd-reviews",
    response_model=TkksdReviewRead,
    status_code=status.HTTP_201_CREATED,
    responses=problems(404, 403),
    operation_id="tkksd_reviews_create",
)
def add_review(
    agreement: ScopedAgreement,
    body: TkksdReviewCreate,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> TkksdReviewRead:
    """Record a TKKSD appraisal (telaahan): meeting date, outcome, notes, minutes."""
    review = service.add_review(session, principal, agreement, body, today_in_region(settings))
    return TkksdReviewRead.model_validate(review)


@router.get(
    AGREEMENT + "/dprd-approvals",
    response_model=list[DprdApprovalRead],
    responses=problems(404),
    operation_id="dprd_approvals_list",
)
def list_dprd(
    agreement: ScopedAgreement, session: DbSession, settings: AppSettings, principal: CurrentPrincipal
) -> list[DprdApprovalRead]:
    """DPRD approval requests of this agreement, with the working-day deadline."""
    today = today_in_region(settings)
    return [reads.dprd_approval(a, today, principal) for a in repo.dprd_for(session, agreement.id)]


@router.post(
    AGREEMENT + "/dprd-approvals",
    response_model=DprdApprovalRead,
    status_code=status.HTTP_201_CREATED,
    responses=problems(404, 403),
    operation_id="dprd_approvals_create",
)
def add_dprd(
    agreement: ScopedAgreement,
    body: DprdApprovalCreate,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> DprdApprovalRead:
    """Record a request for DPRD approval; the deadline counts working days from its receipt."""
    approval = service.add_dprd(session, settings, principal, agreement, body)
    set_etag(response, approval.version)
    return reads.dprd_approval(approval, today_in_region(settings), principal)


@router.patch(
    "/dprd-approvals/{approval_id}",
    response_model=DprdApprovalRead,
    responses=problems(404, 403, 412, 428),
    operation_id="dprd_approvals_update",
)
def update_dprd(
    approval_id: uuid.UUID,
    body: DprdApprovalUpdate,
    request: Request,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> DprdApprovalRead:
    """Record the DPRD's receipt or decision; needs If-Match."""
    approval = service.get_dprd(session, approval_id)
    agreement = agreements_service.get(session, principal, approval.agreement_id)  # scope check: 404 outside
    check_if_match(request, approval.version)
    service.update_dprd(session, settings, principal, agreement, approval, body)
    set_etag(response, approval.version)
    return reads.dprd_approval(approval, today_in_region(settings), principal)


HolidayManager = Annotated[Principal, Depends(require(reference_policy.may_manage_holidays))]


@router.get("/holidays", response_model=list[HolidayRead], operation_id="holidays_list")
def list_holidays(
    session: DbSession,
    _: CurrentPrincipal,
    year: Annotated[int, Query(ge=2000, le=2100, description="Calendar year")] = 2026,
) -> list[HolidayRead]:
    """Non-working days of a year, each with its kind and source: national holidays and the cuti bersama
    of the SKB 3 Menteri (national calendar), plus the days the admin added (regional days, late cuti
    bersama). None of them counts as a working day."""
    return reads.holidays(session, year)


@router.post(
    "/holidays",
    response_model=HolidayRead,
    status_code=status.HTTP_201_CREATED,
    responses=problems(403, 409),
    operation_id="holidays_create",
)
def add_holiday(body: HolidayIn, session: DbSession, principal: HolidayManager) -> HolidayRead:
    """Add a cuti bersama or regional holiday (admin)."""
    row = service.add_holiday(session, principal, body)
    return reads.managed_holiday(row)


@router.delete(
    "/holidays/{day}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses=problems(403, 404),
    operation_id="holidays_delete",
)
def delete_holiday(day: Day, session: DbSession, principal: HolidayManager) -> Response:
    """Remove an admin-managed holiday (admin)."""
    service.delete_holiday(session, principal, day)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
