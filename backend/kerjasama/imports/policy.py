"""Who may import agreements from a spreadsheet: the administrator only (a bulk write of signed texts)."""

from __future__ import annotations

from typing import TypeVar

from kerjasama.core.auth import Principal
from kerjasama.core.policy import Capabilities
from kerjasama.core.roles import ADMIN

T = TypeVar("T")

IMPORTERS = (ADMIN,)

CAPABILITIES = Capabilities()


@CAPABILITIES.grant(
    "imports:agreements", "import existing agreements from the XLSX template (dry run, then commit)"
)
def may_import(principal: Principal) -> bool:
    return principal.role in IMPORTERS


def redact(principal: Principal, read_model: T) -> T:
    """What the caller sees of an import report: all of it (only importers get one)."""
    return read_model


def capabilities(principal: Principal) -> set[str]:
    return CAPABILITIES.of(principal)
