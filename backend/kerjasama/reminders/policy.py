"""Who oversees and manages reminders, and who is reminded.

Every signed-in user reads their own notifications and calendar feed.
"""

from __future__ import annotations

from kerjasama.core.auth import Principal
from kerjasama.core.policy import Capabilities
from kerjasama.core.roles import ADMIN, OPD_ROLES, SECRETARIAT

OVERSEERS = (ADMIN, SECRETARIAT)
MANAGERS = (ADMIN,)

REMINDED_FOR_EVERY_OPD: tuple[str, ...] = (SECRETARIAT,)
"""Reminded of every due date, whichever OPD it concerns."""
REMINDED_FOR_OWN_OPD: tuple[str, ...] = OPD_ROLES
"""Reminded of the due dates of their own OPD."""

CAPABILITIES = Capabilities()


@CAPABILITIES.grant("reminders:oversee", "oversee reminders: the rules screen and the e-mail delivery log")
def may_oversee(principal: Principal) -> bool:
    return principal.role in OVERSEERS


@CAPABILITIES.grant("reminders:manage", "change reminder rules and retry failed e-mail deliveries")
def may_manage(principal: Principal) -> bool:
    return principal.role in MANAGERS


def capabilities(principal: Principal) -> set[str]:
    return CAPABILITIES.of(principal)
