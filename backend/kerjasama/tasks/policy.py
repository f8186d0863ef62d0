"""Which kinds of task each role's queue holds, and who asks whom to submit a draft.

The queue only *selects*: whether the caller may take the step a task points at is answered by the
domain that owns the step (procedure.policy.may_take on the stage machine's roles,
monitoring.workflow.actions_for, agreements.policy.may_write, monitoring.policy.may_edit,
obligations.policy.may_write). A kind listed here for a role that cannot take its step stays empty.

The administrator, the leadership (viewer) and the province have no queue: the administrator may take
every step, and a queue of everything would repeat the secretariat's and the OPDs'; the others change
nothing. They get an empty list.
"""

from __future__ import annotations

from typing import Final, TypeVar

from kerjasama.core.auth import Principal
from kerjasama.core.policy import Capabilities
from kerjasama.core.roles import OPD_HEAD, OPD_OPERATOR, SECRETARIAT, TKKSD

T = TypeVar("T")

QUEUES: Final[dict[str, frozenset[str]]] = {
    OPD_OPERATOR: frozenset({"draft_to_complete", "report_to_fill"}),
    OPD_HEAD: frozenset({"draft_to_submit", "report_to_sign_off", "obligation_due"}),
    SECRETARIAT: frozenset(
        {
            "submission_to_review",
            "offer_awaiting_answer",
            "dprd_deadline",
            "report_to_verify",
            "report_to_finalise",
            "periodic_report_due",
        }
    ),
    TKKSD: frozenset({"telaahan_to_give", "report_to_review"}),
}

SUBMISSION_REQUESTERS: Final = (OPD_OPERATOR,)
"""Who asks the OPD head to submit a draft they cannot submit themselves."""
SUBMISSION_REQUEST_RECIPIENTS: Final = (OPD_HEAD,)
"""Who is asked: the active heads of the draft's lead OPD."""

CAPABILITIES = Capabilities()


def kinds(principal: Principal) -> frozenset[str]:
    """The kinds of task the caller's queue holds (empty: no queue)."""
    return QUEUES.get(principal.role, frozenset())


@CAPABILITIES.grant("tasks:queue", "has a task queue (GET /me/tasks); the web app opens on it")
def has_queue(principal: Principal) -> bool:
    return bool(kinds(principal))


@CAPABILITIES.grant(
    "tasks:request_submission", "ask the OPD head to submit a draft (POST …/submission-requests)"
)
def may_request_submission(principal: Principal) -> bool:
    return principal.role in SUBMISSION_REQUESTERS


def redact(principal: Principal, read_model: T) -> T:
    """What the caller sees of a task: all of it (the queue is built from the caller's scope)."""
    return read_model


def capabilities(principal: Principal) -> set[str]:
    return CAPABILITIES.of(principal)
