"""Reading the change feed: events after a cursor, each rendered as the caller may see the record now."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.core.auth import Principal
from kerjasama.core.config import Settings
from kerjasama.integration.changes import cursor as cursors
from kerjasama.integration.changes import entities
from kerjasama.integration.changes.schemas import ChangePage, ChangeRead
from kerjasama.models.integration import ChangeEvent


def events_after(session: Session, seq: int, limit: int) -> Sequence[ChangeEvent]:
    stmt = select(ChangeEvent).where(ChangeEvent.seq > seq).order_by(ChangeEvent.seq).limit(limit + 1)
    return session.scalars(stmt).all()


def render_change(
    session: Session,
    settings: Settings,
    principal: Principal,
    event: ChangeEvent,
    cache: dict[tuple[str, uuid.UUID], dict[str, Any] | None] | None = None,
) -> ChangeRead:
    """One feed item: the record as `principal` may see it now, or a tombstone when it is gone or hidden."""
    key = (event.entity_type, event.entity_id)
    if cache is not None and key in cache:
        entity = cache[key]
    else:
        entity = None if event.op == "delete" else entities.render(session, settings, principal, *key)
        if cache is not None:
            cache[key] = entity
    return ChangeRead(
        seq=event.seq,
        entity_type=event.entity_type,
        entity_id=event.entity_id,
        op="upsert" if entity is not None else "delete",
        changed_at=event.changed_at,
        entity=entity,
    )


def page(
    session: Session, settings: Settings, principal: Principal, cursor: str | None, limit: int
) -> ChangePage:
    after = cursors.decode(settings.secret_key, principal, cursor) if cursor else 0
    rows = events_after(session, after, limit)
    # A record is rendered once per page, as its first event in the page has it (a delete: a tombstone
    # for all its events in the page), and all records of a kind at once (entities.render_many).
    first: dict[tuple[str, uuid.UUID], str] = {}
    for e in rows[:limit]:
        first.setdefault((e.entity_type, e.entity_id), e.op)
    cache = entities.render_many(
        session, settings, principal, [k for k, op in first.items() if op != "delete"]
    )
    cache.update({k: None for k, op in first.items() if op == "delete"})
    items = [render_change(session, settings, principal, e, cache) for e in rows[:limit]]
    last = items[-1].seq if items else after
    return ChangePage(
        items=items,
        next_cursor=cursors.encode(settings.secret_key, principal, last),
        has_more=len(rows) > limit,
    )
