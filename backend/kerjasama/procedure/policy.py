"""Who takes which procedure step, records TKKSD appraisals and DPRD approvals.

The stage machines (`machines.py`) name, for each transition, one of the role sets below; the
decision whether a caller takes a transition is `may_take` here.
"""

from __future__ import annotations

from typing import TypeVar

from kerjasama.core.auth import Principal
from kerjasama.core.policy import Capabilities
from kerjasama.core.roles import ADMIN, OPD_HEAD, OPD_OPERATOR, TKKSD
from kerjasama.core.roles import SECRETARIAT as SECRETARIAT_ROLE

T = TypeVar("T")

# Role sets of the transitions (docs/domain.md#procedure): the secretariat runs the procedure; the OPD prepares
# and submits its drafts; the TKKSD appraises and finalises the KB drafts it writes.
SECRETARIAT: tuple[str, ...] = (ADMIN, SECRETARIAT_ROLE)
OPD_SUBMITTERS: tuple[str, ...] = (ADMIN, SECRETARIAT_ROLE, OPD_HEAD)
OPD_WORKERS: tuple[str, ...] = (ADMIN, SECRETARIAT_ROLE, OPD_HEAD, OPD_OPERATOR)
TKKSD_AND_SECRETARIAT: tuple[str, ...] = (ADMIN, SECRETARIAT_ROLE, TKKSD)
DRAFT_FINALISERS: tuple[str, ...] = (*OPD_SUBMITTERS, TKKSD)

APPRAISERS = TKKSD_AND_SECRETARIAT
"""Record TKKSD appraisals (kajian)."""
DPRD_RECORDERS = SECRETARIAT
"""Record DPRD requests and decisions."""

CAPABILITIES = Capabilities()


def may_take(principal: Principal, roles: tuple[str, ...]) -> bool:
    """The caller takes a transition (or a step) open to these roles."""
    return principal.role in roles


def working_roles(roles: tuple[str, ...]) -> list[str]:
    """The roles whose work a step is, as the SPA names them to a caller who may not take it: the
    administrator takes every step as a stand-in and is left out."""
    return [r for r in roles if r != ADMIN]


@CAPABILITIES.grant(
    "procedure:record_tkksd_review", "record the TKKSD's appraisals (kajian) of agreements in scope"
)
def may_appraise(principal: Principal) -> bool:
    return principal.role in APPRAISERS


@CAPABILITIES.grant(
    "procedure:record_dprd_approval", "record requests for DPRD approval and the DPRD's decisions on them"
)
def may_record_dprd(principal: Principal) -> bool:
    return principal.role in DPRD_RECORDERS


def redact(principal: Principal, read_model: T) -> T:
    """What the caller sees of a procedure read model (history, approvals): all of it, today."""
    return read_model


def capabilities(principal: Principal) -> set[str]:
    """Recording appraisals and DPRD approvals; which stage steps a caller takes is answered per
    agreement (GET …/actions)."""
    return CAPABILITIES.of(principal)
