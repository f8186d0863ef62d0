"""OPD scoping of agreements (R49, docs/domain.md#opd-scoping-and-the-province-r49), the one clause every domain filters by.

OPD roles see only the agreements their OPD leads or takes part in; other roles see all. It lives in
core so that agreements, documents, obligations, monitoring and the dashboard share it without
reaching into each other.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, exists, false, or_, select, union

from kerjasama.core.auth import Principal
from kerjasama.core.policy import sees_signed_only
from kerjasama.models import Agreement, AgreementRelatedOpd


def opd_takes_part(opd_id: uuid.UUID) -> ColumnElement[bool]:
    """The agreement is led by this OPD or lists it among its related OPDs."""
    related = exists().where(
        AgreementRelatedOpd.agreement_id == Agreement.id, AgreementRelatedOpd.opd_id == opd_id
    )
    return or_(Agreement.lead_opd_id == opd_id, related)


def signed_clause() -> ColumnElement[bool]:
    """Signed, in force or ended: what the province supervises (never drafts or texts in preparation)."""
    return or_(
        Agreement.status.in_(("in_force", "ended")),
        and_(Agreement.status == "in_progress", Agreement.signed_date.is_not(None)),
    )


def is_limited(principal: Principal) -> bool:
    """The caller does not see every agreement: an OPD role, or the province."""
    return principal.is_opd_scoped or sees_signed_only(principal)


def scope_agreements(stmt: Select[Any], principal: Principal) -> Select[Any]:
    """Limit a SELECT over Agreement to the caller's scope."""
    if sees_signed_only(principal):
        stmt = stmt.where(signed_clause())
    opd_id = principal.scoped_opd_id
    if principal.is_opd_scoped:
        if opd_id is None:
            return stmt.where(false())
        return stmt.where(opd_takes_part(opd_id))
    return stmt


def scoped_agreement_ids(principal: Principal) -> Select[Any]:
    """SELECT of the ids of the agreements in the caller's scope, for other domains' queries.

    An OPD's ids are a UNION of the two index lookups (led by it; listing it as related): as
    `lead_opd_id = x OR EXISTS (…)` the planner scans every agreement and probes per row, which at
    100 000 texts made each dashboard aggregate of an OPD cost a full scan (issue 16).
    """
    opd_id = principal.scoped_opd_id
    if principal.is_opd_scoped and opd_id is not None and not sees_signed_only(principal):
        ids = union(
            select(Agreement.id.label("id")).where(Agreement.lead_opd_id == opd_id),
            select(AgreementRelatedOpd.agreement_id.label("id")).where(AgreementRelatedOpd.opd_id == opd_id),
        ).subquery("scope")
        return select(ids.c.id)
    return scope_agreements(select(Agreement.id), principal)


def scope_key(principal: Principal) -> tuple[object, ...]:
    """What decides the caller's scope, for keying answers computed over it (core/read_cache.py)."""
    return (sees_signed_only(principal), principal.is_opd_scoped, principal.scoped_opd_id)
