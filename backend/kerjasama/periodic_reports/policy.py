"""Who may read, preview, finalize and send the periodic report: the only module here naming roles.

- `reports:read` — admin, secretariat, tkksd, viewer and the province. The province (a service account
  of the Biro Otonomi Daerah) sees **finalized** reports only: a period not finalized yet is 404 for it,
  and the live preview never reaches it. The snapshot holds no personal data (no user names, no contact
  e-mail or phone), and the list hides who finalized or recorded a sending.
- `reports:finalize` — admin and secretariat: finalize a period and record its sendings (P22 Pasal
  46(2)j: the secretariat of the TKKSD compiles the reports).
- OPD roles (opd_head, opd_operator) get 403 on every periodic-report operation: the report compiles
  every OPD's cooperation, far beyond the OPD scope these roles see, and it is no record inside their
  scope either (a 404 would suggest there were one to find). Their OPD's own semester reports are the
  monitoring reports.
"""

from __future__ import annotations

from kerjasama.core.auth import Principal
from kerjasama.core.errors import Forbidden
from kerjasama.core.policy import Capabilities
from kerjasama.core.roles import ADMIN, SECRETARIAT, TKKSD, VIEWER

# core/roles.py gains `province` with the service accounts (issue 11 §1); named here until then.
PROVINCE = "province"

READ = "reports:read"
FINALIZE = "reports:finalize"

_PREVIEWERS = frozenset({ADMIN, SECRETARIAT, TKKSD, VIEWER})
_READERS = _PREVIEWERS | {PROVINCE}
_FINALIZERS = frozenset({ADMIN, SECRETARIAT})

CAPABILITIES = Capabilities()


@CAPABILITIES.grant(READ, "read the periodic report (the province: finalized reports only)")
def may_read(principal: Principal) -> bool:
    return principal.role in _READERS


@CAPABILITIES.grant(
    FINALIZE, "finalize a periodic report and record its sending to the Wali Kota or Gubernur"
)
def may_finalize(principal: Principal) -> bool:
    return principal.role in _FINALIZERS


def capabilities(principal: Principal) -> set[str]:
    """What GET /auth/me lists for this caller from this domain."""
    return CAPABILITIES.of(principal)


def _forbid(principal: Principal, allowed: frozenset[str]) -> Forbidden:
    return Forbidden(
        f"Role '{principal.role}' may not do this; allowed: {', '.join(sorted(allowed))}.",
        code="role_forbidden",
    )


def check_read(principal: Principal) -> None:
    """List and fetch finalized reports."""
    if not may_read(principal):
        raise _forbid(principal, _READERS)


def may_preview(principal: Principal) -> bool:
    """Whether the caller sees the live (not yet finalized) report; check_read must have passed."""
    return principal.role in _PREVIEWERS


def check_finalize(principal: Principal) -> None:
    """Finalize a period and record its sendings."""
    if not may_finalize(principal):
        raise _forbid(principal, _FINALIZERS)


def sees_user_names(principal: Principal) -> bool:
    """User names are personal data: redacted for the province (issue 11 §1)."""
    return principal.role != PROVINCE
