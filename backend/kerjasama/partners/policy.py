"""Who may do what to partners (mitra), and what each caller sees of them. Every role reads partners."""

from __future__ import annotations

from typing import TypeVar

from kerjasama.core.auth import Principal
from kerjasama.core.policy import Capabilities
from kerjasama.core.roles import ADMIN, OPD_HEAD, OPD_OPERATOR, SECRETARIAT, TKKSD
from kerjasama.models import Partner

T = TypeVar("T")

WRITERS = (ADMIN, SECRETARIAT, TKKSD, OPD_HEAD, OPD_OPERATOR)
MANAGERS = (ADMIN, SECRETARIAT, TKKSD)
DELETERS = (ADMIN, SECRETARIAT)

CAPABILITIES = Capabilities()


@CAPABILITIES.grant("partners:write", "create partners and edit the ones one created")
def may_create(principal: Principal) -> bool:
    return principal.role in WRITERS


@CAPABILITIES.grant("partners:manage", "edit every partner, whoever created it")
def may_manage_all(principal: Principal) -> bool:
    return principal.role in MANAGERS


def may_edit(principal: Principal, partner: Partner) -> bool:
    """Managers edit every partner; other writers the partners they created."""
    return may_manage_all(principal) or (may_create(principal) and partner.created_by == principal.user_id)


def may_delete(principal: Principal, partner: Partner) -> bool:
    return principal.role in DELETERS


def redact(principal: Principal, read_model: T) -> T:
    """What the caller sees of a partner's read model: all of it, today."""
    return read_model


def capabilities(principal: Principal) -> set[str]:
    return CAPABILITIES.of(principal)
