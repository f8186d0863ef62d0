"""Who reads the audit log."""

from __future__ import annotations

from kerjasama.core.auth import Principal
from kerjasama.core.policy import Capabilities
from kerjasama.core.roles import ADMIN, SECRETARIAT, VIEWER

READERS = (ADMIN, SECRETARIAT, VIEWER)

CAPABILITIES = Capabilities()


@CAPABILITIES.grant("audit:read", "read the audit log")
def may_read(principal: Principal) -> bool:
    return principal.role in READERS


def capabilities(principal: Principal) -> set[str]:
    return CAPABILITIES.of(principal)
