"""HTTP for the caller's task queue and for asking the OPD head to submit a draft."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, status

from kerjasama.agreements.deps import ScopedAgreement
from kerjasama.core.auth import CurrentPrincipal, Principal
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import problems
from kerjasama.core.policy import require
from kerjasama.tasks import policy, service
from kerjasama.tasks.schemas import SubmissionRequestCreate, SubmissionRequestRead, TaskList

router = APIRouter(tags=["tasks"], responses=problems(401))
SubmissionRequester = Annotated[Principal, Depends(require(policy.may_request_submission))]


@router.get("/me/tasks", response_model=TaskList, operation_id="tasks_list")
def list_tasks(session: DbSession, settings: AppSettings, principal: CurrentPrincipal) -> TaskList:
    """The caller's work queue: what waits for the caller's role, each with its due date and link.

    OPD operator: drafts of the OPD to complete, monitoring reports to fill. OPD head: drafts to submit
    (those the operator asked for first), reports to sign off, the OPD's obligation occurrences due within
    30 days or overdue. Secretariat: submissions to review, offers awaiting the partner's answer, pending
    DPRD decisions, reports to verify and to finalise, periodic reports of ended periods to finalize.
    TKKSD: telaahan to give, reports to review. Administrator, leadership and province: an empty list.
    """
    return service.queue(session, settings, principal)


@router.post(
    "/agreements/{agreement_id}/submission-requests",
    response_model=SubmissionRequestRead,
    status_code=status.HTTP_201_CREATED,
    responses=problems(
        403,
        404,
        409,
        422,
        described={
            403: "role_forbidden (only an OPD operator asks), not_lead_opd (the caller's OPD does not lead it)",
            409: "not_a_draft, step_open_to_caller (the caller may take the step), no_recipient (no active head)",
        },
    ),
    operation_id="tasks_request_submission",
)
def request_submission(
    agreement: ScopedAgreement,
    session: DbSession,
    principal: SubmissionRequester,
    body: SubmissionRequestCreate | None = None,
) -> SubmissionRequestRead:
    """Ask the lead OPD's head to submit this draft: a notification, and the draft first in their tasks."""
    return service.request_submission(session, principal, agreement, body or SubmissionRequestCreate())
