"""Who may upload and remove documents, and what each caller sees of them.

Whoever reads the agreement reads its documents; the locks (a signed text) are the service's rules.
"""

from __future__ import annotations

from typing import TypeVar

from kerjasama.core.auth import Principal
from kerjasama.core.policy import Capabilities
from kerjasama.core.roles import ADMIN, OPD_HEAD, OPD_OPERATOR, SECRETARIAT, TKKSD

T = TypeVar("T")

UPLOADERS = (ADMIN, SECRETARIAT, TKKSD, OPD_HEAD, OPD_OPERATOR)

CAPABILITIES = Capabilities()


@CAPABILITIES.grant("documents:upload", "upload, replace and delete documents of agreements in scope")
def may_upload(principal: Principal) -> bool:
    return principal.role in UPLOADERS


PUBLISHERS = (ADMIN, SECRETARIAT)


@CAPABILITIES.grant("documents:publish", "mark documents for the public register (also of signed texts)")
def may_publish(principal: Principal) -> bool:
    """The secretariat decides what the public register shows (UU 14/2008 information service)."""
    return principal.role in PUBLISHERS


def redact(principal: Principal, read_model: T) -> T:
    """What the caller sees of a document's read model: all of it, today."""
    return read_model


def capabilities(principal: Principal) -> set[str]:
    return CAPABILITIES.of(principal)
