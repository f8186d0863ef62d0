"""Who manages master data: OPDs and the managed non-working days. Every role reads them."""

from __future__ import annotations

from kerjasama.core.auth import Principal
from kerjasama.core.policy import Capabilities
from kerjasama.core.roles import ADMIN

OPD_MANAGERS = (ADMIN,)
HOLIDAY_MANAGERS = (ADMIN,)

CAPABILITIES = Capabilities()


@CAPABILITIES.grant("opds:manage", "create and change OPDs")
def may_manage_opds(principal: Principal) -> bool:
    return principal.role in OPD_MANAGERS


@CAPABILITIES.grant("holidays:manage", "add and remove cuti bersama and regional non-working days")
def may_manage_holidays(principal: Principal) -> bool:
    return principal.role in HOLIDAY_MANAGERS


def capabilities(principal: Principal) -> set[str]:
    return CAPABILITIES.of(principal)
