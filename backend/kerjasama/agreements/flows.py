"""Agreement changes that other domains follow: the agreements domain starts them, each domain does
its part, in one transaction (the request's)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kerjasama.agreements import service
from kerjasama.agreements.schemas import AgreementUpdate
from kerjasama.core.auth import Principal
from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.documents import service as documents_service
from kerjasama.models import Agreement
from kerjasama.obligations import regeneration as obligations_regeneration
from kerjasama.procedure import service as procedure_service


def update(
    session: Session, settings: Settings, principal: Principal, agreement: Agreement, body: AgreementUpdate
) -> None:
    """Apply a PATCH; when the term moved, the obligations' occurrences follow it.

    A schedule that no longer fits the new term refuses the change (409), and the whole PATCH rolls back.
    """
    term_before = (agreement.start_date, agreement.end_date)
    service.update(
        session, principal, agreement, body, procedure_service.context(session, settings, agreement)
    )
    if (agreement.start_date, agreement.end_date) != term_before:
        moved = "start_date" if agreement.start_date != term_before[0] else "end_date"
        obligations_regeneration.regenerate_agreement(
            session, principal.actor, agreement, today_in_region(settings), moved
        )


def delete(session: Session, settings: Settings, principal: Principal, agreement: Agreement) -> None:
    """Delete a draft with its documents; their files go only after the commit (kept on a rollback)."""
    # Listed before the rows go (cascade).
    documents_service.discard_files_of_agreement(session, settings, agreement.id)
    service.delete(session, principal, agreement)
