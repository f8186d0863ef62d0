"""Who may do what to agreements, and what each caller sees of them.

Reading is scoped in the repository (OPD roles see the agreements their OPD leads or takes part in).
"""

from __future__ import annotations

from typing import TypeVar

from kerjasama.core.auth import Principal
from kerjasama.core.policy import Capabilities
from kerjasama.core.roles import ADMIN, OPD_HEAD, OPD_OPERATOR, SECRETARIAT, TKKSD

T = TypeVar("T")

WRITERS = (ADMIN, SECRETARIAT, TKKSD, OPD_HEAD, OPD_OPERATOR)
LEGACY_IMPORTERS = (ADMIN, SECRETARIAT)

CAPABILITIES = Capabilities()


@CAPABILITIES.grant("agreements:write", "create agreements and edit drafts (of some categories and kinds)")
def may_write_some(principal: Principal) -> bool:
    """The caller creates and edits drafts of at least some category and kind."""
    return principal.role in WRITERS


def write_denial(principal: Principal, category: str, kind: str) -> str | None:
    """Why the caller may not create or edit a draft of this category and kind; None when they may."""
    if not may_write_some(principal):
        return f"Role '{principal.role}' may only read agreements."
    if principal.role == TKKSD and not (category == "KSDPK" and kind == "KB"):
        # Permendagri 22/2020 Pasal 32: the TKKSD drafts the KB of a KSDPK; other texts are the OPD's.
        return "The TKKSD drafts only KSDPK KBs."
    return None


def may_write(principal: Principal, category: str, kind: str) -> bool:
    """The caller creates and edits drafts of this category and kind."""
    return write_denial(principal, category, kind) is None


@CAPABILITIES.grant("agreements:import_legacy", "record an existing (legacy) text signed before the registry")
def may_import_legacy(principal: Principal) -> bool:
    return principal.role in LEGACY_IMPORTERS


PUBLISHERS = (ADMIN, SECRETARIAT)


@CAPABILITIES.grant("agreements:publish", "mark texts public for the public register (also signed ones)")
def may_publish(principal: Principal) -> bool:
    """The secretariat decides what the public register shows (UU 14/2008 information service)."""
    return principal.role in PUBLISHERS


def redact(principal: Principal, read_model: T) -> T:
    """What the caller sees of an agreement's read model: all of it, today."""
    return read_model


def capabilities(principal: Principal) -> set[str]:
    return CAPABILITIES.of(principal)
