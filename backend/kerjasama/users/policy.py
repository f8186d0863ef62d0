"""Who manages user accounts, and which roles need an OPD."""

from __future__ import annotations

from kerjasama.core.auth import Principal
from kerjasama.core.policy import Capabilities
from kerjasama.core.roles import ADMIN, OPD_ROLES

MANAGERS = (ADMIN,)

CAPABILITIES = Capabilities()


@CAPABILITIES.grant("users:manage", "create, change and disable user accounts")
def may_manage(principal: Principal) -> bool:
    return principal.role in MANAGERS


def manages_users(role: str) -> bool:
    """Accounts of this role keep the instance manageable: the last active one may not go."""
    return role in MANAGERS


def needs_opd(role: str) -> bool:
    """An account of this role works for one OPD, so it must name it."""
    return role in OPD_ROLES


def capabilities(principal: Principal) -> set[str]:
    return CAPABILITIES.of(principal)
