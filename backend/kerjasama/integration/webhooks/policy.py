"""Who manages webhook subscriptions, whose are whose, and who hears when one is disabled.

An administrator manages every subscription. A service account holding the `webhooks` scope manages
the subscriptions it owns and nobody else's (another's is 404). Events are rendered for a
subscription's owner, so a province account's deliveries carry the province's redacted view.
"""

from __future__ import annotations

import uuid

from kerjasama.core.auth import Principal
from kerjasama.core.policy import Capabilities
from kerjasama.core.roles import ADMIN

CAPABILITIES = Capabilities()

WEBHOOKS_SCOPE = "webhooks"
NOTIFIED_ON_DISABLE: tuple[str, ...] = (ADMIN,)
"""Roles whose active (human) users get an in-app notification when a subscription is disabled."""


def manages_all(principal: Principal) -> bool:
    """Administrators (people, not service accounts) manage every subscription."""
    return principal.role == ADMIN and not principal.is_service_account


@CAPABILITIES.grant(
    "webhooks:manage",
    "create and manage webhook subscriptions and their delivery log (admin: all; a service account "
    "with the webhooks scope: its own)",
)
def may_manage(principal: Principal) -> bool:
    if principal.is_service_account:
        return principal.scopes is not None and WEBHOOKS_SCOPE in principal.scopes
    return manages_all(principal)


def may_see(principal: Principal, owner_id: uuid.UUID) -> bool:
    """Whether this subscription (owned by owner_id) exists for the caller; otherwise it is 404."""
    return manages_all(principal) or (may_manage(principal) and owner_id == principal.user_id)


def may_choose_owner(principal: Principal) -> bool:
    """Only administrators create subscriptions on behalf of a service account."""
    return manages_all(principal)


def capabilities(principal: Principal) -> set[str]:
    return CAPABILITIES.of(principal)
