"""Who reads the change feed: every role that reads the whole registry, and the province.

OPD roles do not: their view depends on OPD membership, which the feed's tombstones do not follow.
"""

from __future__ import annotations

from kerjasama.core.auth import Principal
from kerjasama.core.policy import Capabilities
from kerjasama.core.roles import ADMIN, PROVINCE, SECRETARIAT, TKKSD, VIEWER

CAPABILITIES = Capabilities()
FEED_READERS = (ADMIN, SECRETARIAT, TKKSD, VIEWER, PROVINCE)


@CAPABILITIES.grant("changes:read", "read the change feed (incremental sync)")
def may_read(principal: Principal) -> bool:
    return principal.role in FEED_READERS


def capabilities(principal: Principal) -> set[str]:
    return CAPABILITIES.of(principal)
