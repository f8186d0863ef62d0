"""How each entity of the feed is rendered for a caller: exactly as its detail endpoint renders it.

A record the caller may not see (out of scope, a draft for the province, a monitoring report not yet
final for the province) renders as None, which the feed sends as a tombstone.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy.orm import Session

from kerjasama.agreements import reads as agreements_reads
from kerjasama.agreements import service as agreements_service
from kerjasama.core.auth import Principal
from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.monitoring import reads as monitoring_reads
from kerjasama.monitoring import reports as monitoring_reports
from kerjasama.obligations import reads as obligations_reads
from kerjasama.obligations import service as obligations_service
from kerjasama.partners import reads as partners_reads
from kerjasama.partners import service as partners_service

Key = tuple[str, uuid.UUID]


def _agreements(
    session: Session, settings: Settings, principal: Principal, ids: list[uuid.UUID]
) -> dict[uuid.UUID, Any]:
    found = agreements_service.get_many(session, principal, ids)
    return {i: agreements_reads.detail(a, settings, principal) for i, a in found.items()}


def _partners(
    session: Session, settings: Settings, principal: Principal, ids: list[uuid.UUID]
) -> dict[uuid.UUID, Any]:
    return {
        i: partners_reads.detail(p, principal) for i, p in partners_service.get_many(session, ids).items()
    }


def _obligations(
    session: Session, settings: Settings, principal: Principal, ids: list[uuid.UUID]
) -> dict[uuid.UUID, Any]:
    readable = [o.id for o in obligations_service.get_many_for_read(session, principal, ids)]
    return dict(obligations_reads.details(session, settings, readable, today_in_region(settings), principal))


def _reports(
    session: Session, settings: Settings, principal: Principal, ids: list[uuid.UUID]
) -> dict[uuid.UUID, Any]:
    pairs = monitoring_reports.get_many_reports(session, principal, ids)
    return dict(monitoring_reads.detail_reads(session, pairs, today_in_region(settings), principal))


# Each kind is rendered for a whole page at once through its domain's batch reads (the same read
# models as the detail endpoints): a fixed number of statements per kind, whatever the page's size.
# Agreements go first, so that the reports' and obligations' agreements are found loaded.
_RENDERERS = {
    "agreement": _agreements,
    "partner": _partners,
    "monitoring_report": _reports,
    "obligation": _obligations,
}


def render_many(
    session: Session, settings: Settings, principal: Principal, keys: list[Key]
) -> dict[Key, dict[str, Any] | None]:
    """Each (entity_type, entity_id) as its detail endpoint renders it for `principal` now, or None
    when it is gone or hidden from the caller."""
    wanted: dict[str, list[uuid.UUID]] = {}
    for entity_type, entity_id in dict.fromkeys(keys):
        wanted.setdefault(entity_type, []).append(entity_id)
    out: dict[Key, dict[str, Any] | None] = {}
    for entity_type, renderer in _RENDERERS.items():
        ids = wanted.get(entity_type)
        if not ids:
            continue
        models = renderer(session, settings, principal, ids)
        for entity_id in ids:
            model = models.get(entity_id)
            out[(entity_type, entity_id)] = None if model is None else model.model_dump(mode="json")
    return out


def render(
    session: Session, settings: Settings, principal: Principal, entity_type: str, entity_id: uuid.UUID
) -> dict[str, Any] | None:
    """One entity (`render_many` of one)."""
    return render_many(session, settings, principal, [(entity_type, entity_id)])[(entity_type, entity_id)]
