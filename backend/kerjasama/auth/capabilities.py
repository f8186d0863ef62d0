"""The caller's capabilities, collected from every domain policy for `GET /api/v1/auth/me`."""

from __future__ import annotations

from kerjasama.agreements import policy as agreements_policy
from kerjasama.audit import policy as audit_policy
from kerjasama.core.auth import Principal
from kerjasama.documents import policy as documents_policy
from kerjasama.imports import policy as imports_policy
from kerjasama.integration.changes import policy as changes_policy
from kerjasama.integration.service_accounts import policy as service_accounts_policy
from kerjasama.integration.webhooks import policy as webhooks_policy
from kerjasama.monitoring import policy as monitoring_policy
from kerjasama.obligations import policy as obligations_policy
from kerjasama.partners import policy as partners_policy
from kerjasama.periodic_reports import policy as periodic_reports_policy
from kerjasama.procedure import policy as procedure_policy
from kerjasama.reference import policy as reference_policy
from kerjasama.reminders import policy as reminders_policy
from kerjasama.tasks import policy as tasks_policy
from kerjasama.users import policy as users_policy

POLICIES = (
    agreements_policy,
    partners_policy,
    obligations_policy,
    documents_policy,
    procedure_policy,
    monitoring_policy,
    reminders_policy,
    users_policy,
    reference_policy,
    audit_policy,
    service_accounts_policy,
    changes_policy,
    webhooks_policy,
    periodic_reports_policy,
    imports_policy,
    tasks_policy,
)

CATALOGUE: dict[str, str] = dict(
    sorted(item for policy in POLICIES for item in policy.CAPABILITIES.catalogue().items())
)
"""Every capability: name → what it allows, sorted by name."""


def of(principal: Principal) -> list[str]:
    """The capabilities the caller holds, sorted."""
    return sorted(set().union(*(policy.capabilities(principal) for policy in POLICIES)))
