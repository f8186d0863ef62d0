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
from kerjasama.core.errors import NotFound
from kerjasama.monitoring import reads as monitoring_reads
from kerjasama.monitoring import reports as monitoring_reports
from kerjasama.obligations import reads as obligations_reads
from kerjasama.obligations import service as obligations_service
from kerjasama.partners import reads as partners_reads
from kerjasama.partners import service as partners_service


def _agreement(session: Session, settings: Settings, principal: Principal, entity_id: uuid.UUID) -> Any:
    agreement = agreements_service.get(session, principal, entity_id)
    return agreements_reads.detail(agreement, settings, principal)


def _partner(session: Session, settings: Settings, principal: Principal, entity_id: uuid.UUID) -> Any:
    return partners_reads.detail(partners_service.get(session, entity_id), principal)


def _obligation(session: Session, settings: Settings, principal: Principal, entity_id: uuid.UUID) -> Any:
    obligation, _ = obligations_service.get_for_read(session, principal, entity_id)
    return obligations_reads.detail(session, settings, obligation.id, today_in_region(settings), principal)


def _report(session: Session, settings: Settings, principal: Principal, entity_id: uuid.UUID) -> Any:
    report, agreement = monitoring_reports.get_report(session, principal, entity_id)
    return monitoring_reads.detail_read(session, report, agreement, today_in_region(settings), principal)


_RENDERERS = {
    "agreement": _agreement,
    "partner": _partner,
    "obligation": _obligation,
    "monitoring_report": _report,
}


def render(
    session: Session, settings: Settings, principal: Principal, entity_type: str, entity_id: uuid.UUID
) -> dict[str, Any] | None:
    try:
        model = _RENDERERS[entity_type](session, settings, principal, entity_id)
    except NotFound:
        return None
    rendered: dict[str, Any] = model.model_dump(mode="json")
    return rendered
