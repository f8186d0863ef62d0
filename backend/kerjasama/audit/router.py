"""HTTP for reading the audit log (who changed what, when)."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select

from kerjasama.audit import policy
from kerjasama.core.auth import Principal
from kerjasama.core.deps import DbSession
from kerjasama.core.errors import Invalid, field_error, problems
from kerjasama.core.pagination import DEFAULT_LIMIT, MAX_LIMIT
from kerjasama.core.policy import require
from kerjasama.models import AuditEntry

router = APIRouter(prefix="/audit", tags=["audit"], responses=problems(401, 403))

AuditReader = Annotated[Principal, Depends(require(policy.may_read))]


class AuditEntryRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    seq: int = Field(description="Position in the chain (1, 2, 3 …)")
    at: datetime = Field(description="When (UTC)")
    actor_id: uuid.UUID | None = Field(description="User id; null for system jobs")
    actor_username: str = Field(description="Username at the time")
    actor_role: str = Field(description="Role at the time")
    entity_type: str = Field(description="agreement, partner, opd, user …")
    entity_id: str = Field(description="Id of the changed record")
    action: str = Field(description="create, update, delete or a procedure action")
    before: dict[str, Any] | None = Field(description="Changed fields before")
    after: dict[str, Any] | None = Field(description="Changed fields after")
    hash: str = Field(description="SHA-256 over this entry and the previous hash")


class AuditPage(BaseModel):
    items: list[AuditEntryRead] = Field(description="Entries, newest first")
    next_cursor: str | None = Field(description="Pass as ?cursor= for older entries")
    total: int = Field(description="Matching entries")


@router.get("", response_model=AuditPage, responses=problems(422), operation_id="audit_list")
def list_audit(
    session: DbSession,
    _: AuditReader,
    entity_type: Annotated[str | None, Query(max_length=40, description="Filter by record type")] = None,
    entity_id: Annotated[str | None, Query(max_length=64, description="Filter by record id")] = None,
    actor_username: Annotated[str | None, Query(max_length=80, description="Filter by user")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(max_length=20, description="next_cursor of the previous page")
    ] = None,
) -> AuditPage:
    """Read the audit trail, newest first (admin, secretariat, viewer)."""
    stmt = select(AuditEntry)
    if entity_type:
        stmt = stmt.where(AuditEntry.entity_type == entity_type)
    if entity_id:
        stmt = stmt.where(AuditEntry.entity_id == entity_id)
    if actor_username:
        stmt = stmt.where(AuditEntry.actor_username == actor_username)
    total = session.scalar(select(func.count()).select_from(stmt.subquery())) or 0
    if cursor:
        if not cursor.isdigit():
            raise Invalid(
                "Bad cursor.",
                errors=[field_error("cursor", "use next_cursor as returned", "cursor_invalid", "query")],
            )
        stmt = stmt.where(AuditEntry.seq < int(cursor))
    rows = session.scalars(stmt.order_by(AuditEntry.seq.desc()).limit(limit + 1)).all()
    next_cursor = str(rows[limit - 1].seq) if len(rows) > limit else None
    return AuditPage(
        items=[AuditEntryRead.model_validate(r) for r in rows[:limit]], next_cursor=next_cursor, total=total
    )
