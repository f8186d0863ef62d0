"""Procedure work that reaches into other domains: the procedure starts it, the domains do their part."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kerjasama.core.auth import Principal
from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.models import Agreement, StatusTransition
from kerjasama.obligations import regeneration as obligations_regeneration
from kerjasama.procedure import service
from kerjasama.procedure.schemas import TransitionIn


def transition(
    session: Session, settings: Settings, principal: Principal, agreement: Agreement, body: TransitionIn
) -> StatusTransition:
    """Take a procedure action. Signing an ADENDUM applies its amendment to the parent text, and when
    that moves the parent's end date, the parent's obligations follow the new term (untouched
    occurrences past it go; recorded ones stay: a signed adendum is a legal fact, never refused)."""
    row = service.transition(session, settings, principal, agreement, body)
    if row.action == "sign" and agreement.kind == "ADENDUM":
        parent = service.apply_amendment(session, principal, agreement)
        if parent is not None:
            obligations_regeneration.regenerate_agreement(
                session,
                principal.actor,
                parent,
                today_in_region(settings),
                "amendment.end_date",
                strict=False,
            )
    return row
