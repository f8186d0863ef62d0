"""Building blocks of the domain policies (`<domain>/policy.py`).

A domain policy answers "may this principal do X (to this record)" with named predicates, and "what
does this principal see of it" with a `redact` hook. This module holds what they share:
- principal-level facts (is the caller limited to one OPD, does the caller read everything);
- `Capabilities`, a registry of named principal-level predicates, reported by `GET /api/v1/auth/me`
  so that the SPA derives its menus and buttons from them;
- `require(predicate)`, a FastAPI dependency that lets through only principals the predicate accepts
  and answers everyone else 403 `role_forbidden`.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from kerjasama.core.auth import CurrentPrincipal, Principal
from kerjasama.core.errors import Forbidden
from kerjasama.core.roles import PROVINCE, ROLES

Predicate = Callable[[Principal], bool]
"""A principal-level decision: it looks at who is calling, never at a record."""


# --- principal-level facts ---------------------------------------------------------------------


def is_opd_scoped(principal: Principal) -> bool:
    """The caller works for one OPD and sees only the agreements that OPD leads or takes part in."""
    return principal.is_opd_scoped


def sees_signed_only(principal: Principal) -> bool:
    """The caller (the province) sees only signed, in-force and ended agreements, final monitoring
    reports, documents marked for sharing, and no personal data (R49, docs/domain.md#opd-scoping-and-the-province-r49)."""
    return principal.role == PROVINCE


def redacts_personal_data(principal: Principal) -> bool:
    """Contacts' names, e-mails and phones and the names of the people who did things are hidden."""
    return principal.role == PROVINCE


REDACTED = "redacted"
"""What a redacted person's name reads as."""


def person(principal: Principal, name: str) -> str:
    """A person's name (username) as the caller may see it."""
    return REDACTED if redacts_personal_data(principal) else name


def reads_all(principal: Principal) -> bool:
    """The caller reads every record of the registry (no OPD scope)."""
    return not principal.is_opd_scoped


# --- capabilities --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Capability:
    name: str
    description: str
    holds: Predicate


class Capabilities:
    """The named capabilities of one domain, each a principal-level predicate.

    >>> CAPABILITIES = Capabilities()
    >>> @CAPABILITIES.grant("things:write", "create and edit things")
    ... def may_write(principal: Principal) -> bool: ...
    """

    def __init__(self) -> None:
        self._by_name: dict[str, Capability] = {}

    def grant(self, name: str, description: str) -> Callable[[Predicate], Predicate]:
        """Register the decorated predicate as capability `name`; the predicate is returned unchanged."""

        def register(predicate: Predicate) -> Predicate:
            if name in self._by_name:
                raise ValueError(f"capability {name!r} is registered twice")
            self._by_name[name] = Capability(name, description, predicate)
            return predicate

        return register

    def of(self, principal: Principal) -> set[str]:
        """The names of the capabilities this principal holds."""
        return {c.name for c in self._by_name.values() if c.holds(principal)}

    def catalogue(self) -> dict[str, str]:
        """Every capability of the domain: name → what it allows."""
        return {c.name: c.description for c in self._by_name.values()}


# --- the role gate -------------------------------------------------------------------------------

_NOBODY = uuid.UUID(int=0)


def allowed_roles(predicate: Predicate) -> tuple[str, ...]:
    """The roles a principal-level predicate lets through (probed with a stand-in of each role)."""
    return tuple(role for role in ROLES if predicate(Principal(_NOBODY, "", role, _NOBODY, "")))


def require(predicate: Predicate) -> Callable[[Principal], Principal]:
    """A dependency giving the current principal when `predicate` accepts it, else 403 role_forbidden."""
    allowed = ", ".join(allowed_roles(predicate))

    def gate(principal: CurrentPrincipal) -> Principal:
        if not predicate(principal):
            raise Forbidden(
                f"Role '{principal.role}' may not do this; allowed: {allowed}.", code="role_forbidden"
            )
        return principal

    return gate
