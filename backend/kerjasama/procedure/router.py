"""HTTP for the procedure engine: rules, machines, checks, actions, transitions, approvals, history."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, status

from kerjasama.agreements import service as agreements_service
from kerjasama.agreements.router import detail
from kerjasama.agreements.schemas import AgreementCreate, AgreementRead
from kerjasama.core.auth import CurrentPrincipal, Principal
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import Problem
from kerjasama.core.http import check_if_match, set_etag
from kerjasama.core.policy import require
from kerjasama.core.schemas import Day
from kerjasama.models import DprdApproval
from kerjasama.procedure import calendar, service
from kerjasama.procedure import repository as repo
from kerjasama.procedure.machines import DISPUTE_PATHS, MACHINES
from kerjasama.procedure.schemas import (
    ActionsRead,
    ChecksRead,
    DisputePath,
    DprdApprovalCreate,
    DprdApprovalRead,
    DprdApprovalUpdate,
    DraftChecksRead,
    HistoryEntry,
    HolidayIn,
    HolidayRead,
    MachineRead,
    ProceduresRead,
    RuleRead,
    TkksdReviewCreate,
    TkksdReviewRead,
    TransitionIn,
    TransitionSpec,
)
from kerjasama.reference import policy as reference_policy
from kerjasama.rules.catalogue import RULES
from kerjasama.rules.context import dprd_granted

router = APIRouter(prefix="/api/v1", tags=["procedure"], responses={401: {"model": Problem}})
AGREEMENT = "/agreements/{agreement_id}"
NOT_FOUND: dict[int | str, dict[str, Any]] = {404: {"model": Problem}}


@router.get("/rules", response_model=list[RuleRead])
def list_rules(_: CurrentPrincipal) -> list[RuleRead]:
    """The regulation checks, each with its legal basis."""
    return [
        RuleRead(
            id=r.id,
            severity=r.severity,
            title_id=r.title_id,
            title_en=r.title_en,
            basis=r.basis,
            fields=list(r.fields),
        )
        for r in sorted(RULES.values(), key=lambda r: int(r.id[1:]))
    ]


@router.get("/procedures", response_model=ProceduresRead)
def list_procedures(_: CurrentPrincipal) -> ProceduresRead:
    """The stage machines per kind and category, for drawing a stepper."""
    machines = [
        MachineRead(
            id=m.id,
            title_id=m.title_id,
            title_en=m.title_en,
            kinds=list(m.kinds),
            categories=list(m.categories),
            stages=list(m.stages),
            optional_stages=list(m.optional_stages),
            transitions=[
                TransitionSpec(
                    action=t.action,
                    from_stages=list(t.from_stages),
                    to_stage=t.to_stage,
                    roles=list(t.roles),
                    rules=list(t.rules),
                    needs_reason=t.needs_reason,
                    needs_date=t.needs_date,
                    label_id=t.label_id,
                    label_en=t.label_en,
                )
                for t in m.transitions
            ],
        )
        for m in MACHINES
    ]
    return ProceduresRead(
        machines=machines,
        legacy_import="POST /api/v1/agreements with is_legacy_import=true and status in_force or ended (secretariat); "
        "PP 28/2018 Pasal 48 keeps earlier agreements valid.",
        dispute_paths=[
            DisputePath(category=c, path_id=p[0], path_en=p[1], basis=p[2]) for c, p in DISPUTE_PATHS.items()
        ],
    )


@router.get(AGREEMENT + "/checks", response_model=ChecksRead, responses=NOT_FOUND)
def agreement_checks(
    agreement_id: uuid.UUID, session: DbSession, settings: AppSettings, principal: CurrentPrincipal
) -> ChecksRead:
    """What the regulation checks find for this agreement now, with the fields to fix."""
    agreement = agreements_service.get(session, principal, agreement_id)
    findings = service.checks(session, settings, agreement)
    return ChecksRead(
        agreement_id=agreement.id, stage=agreement.stage, findings=[service.finding_read(f) for f in findings]
    )


@router.post(
    "/agreement-checks",
    response_model=DraftChecksRead,
    responses={403: {"model": Problem}, 422: {"model": Problem}},
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


@router.get(AGREEMENT + "/actions", response_model=ActionsRead, responses=NOT_FOUND)
def agreement_actions(
    agreement_id: uuid.UUID, session: DbSession, settings: AppSettings, principal: CurrentPrincipal
) -> ActionsRead:
    """The actions possible from the current stage, whether the caller may take them, and what blocks them."""
    agreement = agreements_service.get(session, principal, agreement_id)
    machine, actions = service.available_actions(session, settings, principal, agreement)
    return ActionsRead(stage=agreement.stage, machine=machine.id if machine else None, actions=actions)


@router.post(
    AGREEMENT + "/transitions",
    response_model=AgreementRead,
    responses={
        **NOT_FOUND,
        403: {"model": Problem},
        409: {"model": Problem},
        412: {"model": Problem},
        422: {"model": Problem},
        428: {"model": Problem},
    },
)
def take_transition(
    agreement_id: uuid.UUID,
    body: TransitionIn,
    request: Request,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> AgreementRead:
    """Take a procedure action; needs If-Match. BLOCK findings answer 409; WARN findings need a justification."""
    agreement = agreements_service.get(session, principal, agreement_id)
    check_if_match(request, agreement.version)
    service.transition(session, settings, principal, agreement, body)
    session.flush()
    fresh = agreements_service.get(session, principal, agreement_id, reload=True)
    set_etag(response, fresh.version)
    return detail(fresh, settings)


@router.get(AGREEMENT + "/history", response_model=list[HistoryEntry], responses=NOT_FOUND)
def agreement_history(
    agreement_id: uuid.UUID, session: DbSession, principal: CurrentPrincipal
) -> list[HistoryEntry]:
    """Stage transitions and field-level changes of this agreement, oldest first."""
    agreement = agreements_service.get(session, principal, agreement_id)
    entries = [
        HistoryEntry(
            kind="transition",
            at=t.at,
            actor_username=t.actor_username,
            actor_role=t.actor_role,
            action=t.action,
            from_stage=t.from_stage,
            to_stage=t.to_stage,
            reason=t.reason,
            justification=t.justification,
        )
        for t in repo.transitions_for(session, agreement.id)
    ]
    transition_actions = {e.action for e in entries}
    entries += [
        HistoryEntry(
            kind="change",
            at=a.at,
            actor_username=a.actor_username,
            actor_role=a.actor_role,
            action=a.action,
            before=a.before,
            after=a.after,
        )
        for a in repo.audit_for(session, agreement.id)
        if a.action in ("create", "update", "amended_by") or a.action not in transition_actions
    ]
    return sorted(entries, key=lambda e: (e.at, e.kind != "change"))


@router.post(
    AGREEMENT + "/renew",
    response_model=AgreementRead,
    status_code=status.HTTP_201_CREATED,
    responses={**NOT_FOUND, 403: {"model": Problem}, 409: {"model": Problem}},
)
def renew_agreement(
    agreement_id: uuid.UUID,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> AgreementRead:
    """Start a renewal: a new draft linked to this agreement as its predecessor."""
    old = agreements_service.get(session, principal, agreement_id)
    new = service.renew(session, settings, principal, old)
    fresh = agreements_service.get(session, principal, new.id)
    set_etag(response, fresh.version)
    response.headers["Location"] = f"/api/v1/agreements/{fresh.id}"
    return detail(fresh, settings)


@router.get(AGREEMENT + "/tkksd-reviews", response_model=list[TkksdReviewRead], responses=NOT_FOUND)
def list_reviews(
    agreement_id: uuid.UUID, session: DbSession, principal: CurrentPrincipal
) -> list[TkksdReviewRead]:
    """The TKKSD appraisals of this agreement."""
    agreement = agreements_service.get(session, principal, agreement_id)
    return [TkksdReviewRead.model_validate(r) for r in repo.reviews_for(session, agreement.id)]


@router.post(
    AGREEMENT + "/tkksd-reviews",
    response_model=TkksdReviewRead,
    status_code=status.HTTP_201_CREATED,
    responses={**NOT_FOUND, 403: {"model": Problem}},
)
def add_review(
    agreement_id: uuid.UUID,
    body: TkksdReviewCreate,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> TkksdReviewRead:
    """Record a TKKSD appraisal (telaahan): meeting date, outcome, notes, minutes."""
    agreement = agreements_service.get(session, principal, agreement_id)
    review = service.add_review(
        session, principal, agreement, body, agreements_service.today_in_region(settings)
    )
    return TkksdReviewRead.model_validate(review)


def _dprd_read(approval: DprdApproval, today: date) -> DprdApprovalRead:
    base = {k: getattr(approval, k) for k in DprdApprovalRead.model_fields if k != "deemed_approved"}
    deemed = approval.decision == "pending" and dprd_granted([approval], today)
    return DprdApprovalRead(**base, deemed_approved=deemed)


@router.get(AGREEMENT + "/dprd-approvals", response_model=list[DprdApprovalRead], responses=NOT_FOUND)
def list_dprd(
    agreement_id: uuid.UUID, session: DbSession, settings: AppSettings, principal: CurrentPrincipal
) -> list[DprdApprovalRead]:
    """DPRD approval requests of this agreement, with the working-day deadline."""
    agreement = agreements_service.get(session, principal, agreement_id)
    today = agreements_service.today_in_region(settings)
    return [_dprd_read(a, today) for a in repo.dprd_for(session, agreement.id)]


@router.post(
    AGREEMENT + "/dprd-approvals",
    response_model=DprdApprovalRead,
    status_code=status.HTTP_201_CREATED,
    responses={**NOT_FOUND, 403: {"model": Problem}},
)
def add_dprd(
    agreement_id: uuid.UUID,
    body: DprdApprovalCreate,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> DprdApprovalRead:
    """Record a request for DPRD approval; the deadline counts working days from its receipt."""
    agreement = agreements_service.get(session, principal, agreement_id)
    approval = service.add_dprd(session, settings, principal, agreement, body)
    set_etag(response, approval.version)
    return _dprd_read(approval, agreements_service.today_in_region(settings))


@router.patch(
    "/dprd-approvals/{approval_id}",
    response_model=DprdApprovalRead,
    responses={**NOT_FOUND, 403: {"model": Problem}, 412: {"model": Problem}, 428: {"model": Problem}},
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
    return _dprd_read(approval, agreements_service.today_in_region(settings))


HolidayManager = Annotated[Principal, Depends(require(reference_policy.may_manage_holidays))]


@router.get("/holidays", response_model=list[HolidayRead])
def list_holidays(
    session: DbSession,
    _: CurrentPrincipal,
    year: Annotated[int, Query(ge=2000, le=2100, description="Calendar year")] = 2026,
) -> list[HolidayRead]:
    """Non-working days of a year: national holidays plus the admin-managed cuti bersama and regional days."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    national = calendar.national_holidays(range(year, year + 1))
    managed = {h.day: h for h in repo.managed_holidays(session, start, end)}
    out = [HolidayRead(day=d, name=n, kind="national") for d, n in national.items() if d not in managed]
    out += [HolidayRead(day=h.day, name=h.name, kind=h.kind) for h in managed.values()]
    return sorted(out, key=lambda h: h.day)


@router.post(
    "/holidays",
    response_model=HolidayRead,
    status_code=status.HTTP_201_CREATED,
    responses={403: {"model": Problem}, 409: {"model": Problem}},
)
def add_holiday(body: HolidayIn, session: DbSession, principal: HolidayManager) -> HolidayRead:
    """Add a cuti bersama or regional holiday (admin)."""
    row = service.add_holiday(session, principal, body)
    return HolidayRead(day=row.day, name=row.name, kind=row.kind)


@router.delete(
    "/holidays/{day}",
    status_code=status.HTTP_204_NO_CONTENT,
    responses={403: {"model": Problem}, **NOT_FOUND},
)
def delete_holiday(day: Day, session: DbSession, principal: HolidayManager) -> Response:
    """Remove an admin-managed holiday (admin)."""
    service.delete_holiday(session, principal, day)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
