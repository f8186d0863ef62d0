"""Who edits monitoring reports, takes the report workflow's steps and sets the reporting cadence."""

from __future__ import annotations

from typing import TypeVar

from kerjasama.core.auth import Principal
from kerjasama.core.policy import Capabilities
from kerjasama.core.roles import ADMIN, OPD_HEAD, OPD_OPERATOR, SECRETARIAT, TKKSD

T = TypeVar("T")

# opd_operator drafts reports of their OPD (docs/domain.md#roles); the secretariat may edit every record.
EDITORS = (ADMIN, SECRETARIAT, OPD_HEAD, OPD_OPERATOR)
SETTINGS_EDITORS = (ADMIN, SECRETARIAT)

# The report workflow (workflow.STEPS): draft → submitted (opd_head) → verified (secretariat) →
# reviewed (TKKSD) → final (secretariat); admin may do all.
SUBMITTERS: tuple[str, ...] = (ADMIN, OPD_HEAD)
VERIFIERS: tuple[str, ...] = (ADMIN, SECRETARIAT)
REVIEWERS: tuple[str, ...] = (ADMIN, TKKSD)
FINALISERS: tuple[str, ...] = (ADMIN, SECRETARIAT)
WORKFLOW_ROLES = frozenset((*SUBMITTERS, *VERIFIERS, *REVIEWERS, *FINALISERS))

CAPABILITIES = Capabilities()


@CAPABILITIES.grant("monitoring:edit", "draft and edit monitoring reports of agreements in scope")
def may_edit(principal: Principal) -> bool:
    return principal.role in EDITORS


@CAPABILITIES.grant("monitoring:settings", "set an agreement's reporting cadence and due days")
def may_change_settings(principal: Principal) -> bool:
    return principal.role in SETTINGS_EDITORS


def takes_workflow_steps(principal: Principal) -> bool:
    """The caller takes at least one step of the report workflow."""
    return principal.role in WORKFLOW_ROLES


def may_take_step(principal: Principal, roles: tuple[str, ...]) -> bool:
    """The caller takes a workflow step open to these roles."""
    return principal.role in roles


def redact(principal: Principal, read_model: T) -> T:
    """What the caller sees of a monitoring read model: all of it, today."""
    return read_model


def capabilities(principal: Principal) -> set[str]:
    return CAPABILITIES.of(principal)
