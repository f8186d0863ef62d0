"""Who manages service accounts: the administrator only (docs/domain.md#roles)."""

from __future__ import annotations

from kerjasama.core.auth import Principal
from kerjasama.core.policy import Capabilities
from kerjasama.core.roles import ADMIN

CAPABILITIES = Capabilities()


@CAPABILITIES.grant("service_accounts:manage", "create, rotate and disable service accounts")
def may_manage(principal: Principal) -> bool:
    return principal.role == ADMIN and not principal.is_service_account


def capabilities(principal: Principal) -> set[str]:
    return CAPABILITIES.of(principal)
