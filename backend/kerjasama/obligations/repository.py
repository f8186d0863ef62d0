"""Every query on obligations, occurrences, fulfilments and force-majeure events.

OPD scope: `scope` is the SELECT of the agreement ids the caller may read
(`agreements.service.scoped_ids`); every list filters by it here. The models carry no relationships,
so what a page shows is loaded with a fixed number of batch queries keyed by the page's ids.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import ColumnElement, Select, case, exists, func, or_, select
from sqlalchemy.orm import Session

from kerjasama.core.pagination import SortSpec, apply_keyset
from kerjasama.core.search import contains
from kerjasama.models import (
    Agreement,
    ForceMajeureEvent,
    FulfilmentDocument,
    Obligation,
    ObligationFulfilment,
    ObligationOccurrence,
    Opd,
    Partner,
    Region,
)
from kerjasama.models.obligations import OPEN_STATUSES

Occ = ObligationOccurrence


@dataclass(frozen=True)
class ObligationRow:
    """An obligation with what its summary shows from other tables."""

    obligation: Obligation
    agreement_number: str
    agreement_title: str
    agreement_category: str
    party_name: str | None
    opd_abbreviation: str | None
    opd_name: str | None
    next_due_date: date | None


def next_due_column(today: date) -> Any:
    """Earliest due date, today or later, of an open occurrence: a correlated subquery (sortable)."""
    return (
        select(func.min(Occ.due_date))
        .where(Occ.obligation_id == Obligation.id, Occ.status.in_(OPEN_STATUSES), Occ.due_date >= today)
        .correlate(Obligation)
        .scalar_subquery()
    )


def _base(today: date, home_region: str) -> Select[Any]:
    home_name = select(Region.name).where(Region.code == home_region).scalar_subquery()
    return (
        select(
            Obligation,
            Agreement.number,
            Agreement.title,
            Agreement.category,
            func.coalesce(Partner.name, home_name),
            Opd.abbreviation,
            Opd.name,
            next_due_column(today).label("next_due_date"),
        )
        .join(Agreement, Agreement.id == Obligation.agreement_id)
        .outerjoin(Partner, Partner.id == Obligation.partner_id)
        .outerjoin(Opd, Opd.id == Obligation.responsible_opd_id)
    )


def _row(r: Any) -> ObligationRow:
    return ObligationRow(*r)


def effective_status_clause(status: str, today: date) -> ColumnElement[bool]:
    """Occurrence condition for an effective status: `late` is derived, pending/in_progress exclude it."""
    if status == "late":
        return Occ.status.in_(OPEN_STATUSES) & (Occ.due_date < today)
    if status in OPEN_STATUSES:
        return (Occ.status == status) & (Occ.due_date >= today)
    return Occ.status == status


def filtered(
    scope: Select[Any],
    today: date,
    home_region: str,
    *,
    party: str | None = None,
    opd_id: uuid.UUID | None = None,
    status: str | None = None,
    due_after: date | None = None,
    due_before: date | None = None,
    agreement_id: uuid.UUID | None = None,
    category: str | None = None,
    kind: str | None = None,
    q: str | None = None,
) -> Select[Any]:
    stmt = _base(today, home_region).where(Obligation.agreement_id.in_(scope))
    if party == "home":
        stmt = stmt.where(Obligation.partner_id.is_(None))
    elif party is not None:
        stmt = stmt.where(Obligation.partner_id == uuid.UUID(party))
    for column, value in (
        (Obligation.responsible_opd_id, opd_id),
        (Obligation.agreement_id, agreement_id),
        (Agreement.category, category),
        (Obligation.kind, kind),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    # Status and due dates describe the same occurrence: "a late occurrence due before X".
    occurrence: list[ColumnElement[bool]] = []
    if status is not None:
        occurrence.append(effective_status_clause(status, today))
    if due_after is not None:
        occurrence.append(Occ.due_date >= due_after)
    if due_before is not None:
        occurrence.append(Occ.due_date <= due_before)
    if occurrence:
        # Occ stays inside the EXISTS even when the outer query joins it too (the export does).
        matching = exists().where(Occ.obligation_id == Obligation.id, *occurrence).correlate_except(Occ)
        stmt = stmt.where(matching)
    if q:
        stmt = stmt.where(
            or_(
                contains(Obligation.description, q),
                contains(Obligation.clause_reference, q),
                contains(Obligation.indicator, q),
                contains(Agreement.number, q),
                contains(Agreement.title, q),
            )
        )
    return stmt


def page(
    session: Session, stmt: Select[Any], spec: SortSpec, after: tuple[Any, Any] | None, limit: int
) -> tuple[list[ObligationRow], int]:
    total = session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0
    rows = session.execute(apply_keyset(stmt, spec, Obligation.id, after).limit(limit + 1)).all()
    return [_row(r) for r in rows], total


def export_select(filtered_stmt: Select[Any], home_region: str) -> Select[Any]:
    """The filtered list (its scope and filters) as plain columns, one row per occurrence (obligations
    without occurrences keep one row), ordered by agreement number, obligation and due date."""
    home_name = select(Region.name).where(Region.code == home_region).scalar_subquery()
    columns: Select[Any] = filtered_stmt.with_only_columns(  # type: ignore[assignment]
        Obligation.id,
        Agreement.number,
        Agreement.title,
        Agreement.category,
        Obligation.kind,
        Obligation.description,
        Obligation.clause_reference,
        func.coalesce(Partner.name, home_name).label("party_name"),
        Opd.abbreviation,
        Obligation.schedule_type,
        Obligation.indicator,
        Obligation.target,
        Obligation.unit,
        Occ.id.label("occurrence_id"),
        Occ.seq,
        Occ.period_start,
        Occ.due_date,
        Occ.status,
        Occ.fulfilled_on,
        maintain_column_froms=True,
    )
    return columns.outerjoin(Occ, Occ.obligation_id == Obligation.id).order_by(
        Agreement.number, Obligation.created_at, Obligation.id, Occ.due_date
    )


@dataclass
class FulfilmentTotals:
    """What was recorded for one occurrence: how many records, the realised value, the last date,
    the notes, the evidence documents."""

    records: int = 0
    value: Decimal | None = None
    last_realised_on: date | None = None
    notes: list[str] = field(default_factory=list)
    evidence: int = 0


def fulfilment_totals(
    session: Session, occurrence_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, FulfilmentTotals]:
    """Fulfilment per occurrence for a batch of occurrences: two queries whatever the batch size."""
    ids = {i for i in occurrence_ids if i is not None}
    out: dict[uuid.UUID, FulfilmentTotals] = {}
    if not ids:
        return out
    rows = session.execute(
        select(
            ObligationFulfilment.occurrence_id,
            ObligationFulfilment.realised_on,
            ObligationFulfilment.value_realised,
            ObligationFulfilment.note,
        )
        .where(ObligationFulfilment.occurrence_id.in_(ids))
        .order_by(
            ObligationFulfilment.occurrence_id, ObligationFulfilment.realised_on, ObligationFulfilment.id
        )
    ).all()
    for occurrence_id, realised_on, value, note in rows:
        t = out.setdefault(occurrence_id, FulfilmentTotals())
        t.records += 1
        if value is not None:
            t.value = (t.value or Decimal(0)) + value
        t.last_realised_on = (
            realised_on if t.last_realised_on is None else max(t.last_realised_on, realised_on)
        )
        if note:
            t.notes.append(note)
    evidence = session.execute(
        select(ObligationFulfilment.occurrence_id, func.count())
        .join(FulfilmentDocument, FulfilmentDocument.fulfilment_id == ObligationFulfilment.id)
        .where(ObligationFulfilment.occurrence_id.in_(ids))
        .group_by(ObligationFulfilment.occurrence_id)
    ).all()
    for occurrence_id, n in evidence:
        out.setdefault(occurrence_id, FulfilmentTotals()).evidence = int(n)
    return out


def for_agreement(
    session: Session, agreement_id: uuid.UUID, today: date, home_region: str
) -> list[ObligationRow]:
    stmt = _base(today, home_region).where(Obligation.agreement_id == agreement_id)
    return [_row(r) for r in session.execute(stmt.order_by(Obligation.created_at, Obligation.id))]


def row(session: Session, obligation_id: uuid.UUID, today: date, home_region: str) -> ObligationRow | None:
    found = session.execute(_base(today, home_region).where(Obligation.id == obligation_id)).first()
    return _row(found) if found else None


def status_counts(
    session: Session, obligation_ids: Sequence[uuid.UUID], today: date
) -> dict[uuid.UUID, dict[str, int]]:
    """Occurrences per obligation and effective status, in one GROUP BY."""
    if not obligation_ids:
        return {}
    effective = case(
        (Occ.status.in_(OPEN_STATUSES) & (Occ.due_date < today), "late"), else_=Occ.status
    ).label("effective")
    rows = session.execute(
        select(Occ.obligation_id, effective, func.count())
        .where(Occ.obligation_id.in_(set(obligation_ids)))
        .group_by(Occ.obligation_id, effective)
    ).all()
    out: dict[uuid.UUID, dict[str, int]] = defaultdict(dict)
    for obligation_id, status, n in rows:
        out[obligation_id][str(status)] = int(n)
    return out


def get(session: Session, obligation_id: uuid.UUID) -> Obligation | None:
    return session.get(Obligation, obligation_id)


def get_occurrence(session: Session, occurrence_id: uuid.UUID) -> ObligationOccurrence | None:
    return session.get(ObligationOccurrence, occurrence_id)


def occurrences(session: Session, obligation_id: uuid.UUID) -> list[ObligationOccurrence]:
    return list(session.scalars(select(Occ).where(Occ.obligation_id == obligation_id).order_by(Occ.due_date)))


def fulfilments(
    session: Session, occurrence_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[ObligationFulfilment]]:
    out: dict[uuid.UUID, list[ObligationFulfilment]] = defaultdict(list)
    if not occurrence_ids:
        return out
    for f in session.scalars(
        select(ObligationFulfilment)
        .where(ObligationFulfilment.occurrence_id.in_(set(occurrence_ids)))
        .order_by(ObligationFulfilment.recorded_at, ObligationFulfilment.id)
    ):
        out[f.occurrence_id].append(f)
    return out


def evidence(session: Session, fulfilment_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, list[uuid.UUID]]:
    out: dict[uuid.UUID, list[uuid.UUID]] = defaultdict(list)
    if not fulfilment_ids:
        return out
    for fulfilment_id, document_id in session.execute(
        select(FulfilmentDocument.fulfilment_id, FulfilmentDocument.document_id)
        .where(FulfilmentDocument.fulfilment_id.in_(set(fulfilment_ids)))
        .order_by(FulfilmentDocument.document_id)
    ):
        out[fulfilment_id].append(document_id)
    return out


def occurrences_with_fulfilments(session: Session, obligation_id: uuid.UUID) -> set[uuid.UUID]:
    """Ids of the obligation's occurrences that have at least one fulfilment record."""
    return set(
        session.scalars(
            select(ObligationFulfilment.occurrence_id)
            .join(Occ, Occ.id == ObligationFulfilment.occurrence_id)
            .where(Occ.obligation_id == obligation_id)
        )
    )


def occurrences_in_period(
    session: Session, agreement_id: uuid.UUID, start: date, end: date
) -> list[tuple[ObligationOccurrence, Obligation]]:
    rows = session.execute(
        select(Occ, Obligation)
        .join(Obligation, Obligation.id == Occ.obligation_id)
        .where(Obligation.agreement_id == agreement_id, Occ.due_date >= start, Occ.due_date <= end)
        .order_by(Occ.due_date, Obligation.created_at, Occ.id)
    ).all()
    return [(occ, obligation) for occ, obligation in rows]


def open_ended_recurring(session: Session) -> list[tuple[Obligation, Agreement, date | None]]:
    """Recurring obligations of agreements without an end date that are not ended (their horizon
    moves), each with its last occurrence's due date, in one statement."""
    last_due = (
        select(func.max(ObligationOccurrence.due_date))
        .where(ObligationOccurrence.obligation_id == Obligation.id)
        .scalar_subquery()
    )
    rows = session.execute(
        select(Obligation, Agreement, last_due)
        .join(Agreement, Agreement.id == Obligation.agreement_id)
        .where(
            Obligation.schedule_type == "recurring",
            Agreement.end_date.is_(None),
            Agreement.status.not_in(("ended", "cancelled", "rejected")),
        )
        .order_by(Obligation.created_at, Obligation.id)
    )
    return [(o, a, last) for o, a, last in rows]


def obligations_of(session: Session, agreement_id: uuid.UUID) -> list[Obligation]:
    return list(
        session.scalars(
            select(Obligation).where(Obligation.agreement_id == agreement_id).order_by(Obligation.created_at)
        )
    )


def force_majeure_events(session: Session, agreement_id: uuid.UUID) -> list[ForceMajeureEvent]:
    return list(
        session.scalars(
            select(ForceMajeureEvent)
            .where(ForceMajeureEvent.agreement_id == agreement_id)
            .order_by(ForceMajeureEvent.start_date, ForceMajeureEvent.created_at)
        )
    )


def get_force_majeure(session: Session, event_id: uuid.UUID) -> ForceMajeureEvent | None:
    return session.get(ForceMajeureEvent, event_id)
