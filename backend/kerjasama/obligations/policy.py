"""Who may change obligations (hak dan kewajiban), and what each caller sees of them.

Whoever reads the agreement reads its obligations. An OPD user writes only the obligations their own
OPD is responsible for (the service checks that scope: another OPD's obligation answers 404).
"""

from __future__ import annotations

from typing import TypeVar

from kerjasama.core.auth import Principal
from kerjasama.core.policy import Capabilities
from kerjasama.core.roles import ADMIN, OPD_HEAD, OPD_OPERATOR, SECRETARIAT

T = TypeVar("T")

WRITERS = (ADMIN, SECRETARIAT, OPD_HEAD, OPD_OPERATOR)

CAPABILITIES = Capabilities()


@CAPABILITIES.grant("obligations:write", "record obligations, their fulfilment and force majeure")
def may_write(principal: Principal) -> bool:
    return principal.role in WRITERS


def redact(principal: Principal, read_model: T) -> T:
    """What the caller sees of an obligation's read model: all of it, today."""
    return read_model


def capabilities(principal: Principal) -> set[str]:
    return CAPABILITIES.of(principal)
