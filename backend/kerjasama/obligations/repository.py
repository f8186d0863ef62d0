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

from sqlalchemy import (
    ColumnElement,
    Select,
    case,
    exists,
    func,
    literal_column,
    or_,
    select,
    union_all,
    update,
)
from sqlalchemy.orm import Session

from kerjasama.core.clock import today_in_region
from kerjasama.core.config import get_settings
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
    """Earliest due date, today or later, of an open occurrence: a correlated subquery over occurrences.
    What `obligation.next_due_date` stores; used to (re)compute it, and for the rows whose stored
    value went stale."""
    return (
        select(func.min(Occ.due_date))
        .where(Occ.obligation_id == Obligation.id, Occ.status.in_(OPEN_STATUSES), Occ.due_date >= today)
        .correlate(Obligation)
        .scalar_subquery()
    )


# The stored next due date (revision 0017). It is computed for a day; it stays right on every later
# day until it passes: an open occurrence due on or after a later day was already one of those it
# was the minimum of. So a stored date is stale only when it is before today (an occurrence became
# late, or was due yesterday), and then only that row needs computing again. The high-sentinel key
# is the one the ascending index holds, so `key < today` finds the stale rows with an index range.
_HIGH: ColumnElement[Any] = literal_column("'9999-12-31'")


def _stored_key() -> ColumnElement[Any]:
    return func.coalesce(Obligation.next_due_date, _HIGH)


def stale_clause(today: date) -> ColumnElement[bool]:
    """The obligation's stored next due date has passed: it must be computed again."""
    return _stored_key() < today


def fresh_clause(today: date) -> ColumnElement[bool]:
    """The stored next due date is right today (NULL included: no open occurrence was still to come)."""
    return _stored_key() >= today


def next_due_value(today: date) -> Any:
    """The next due date for `today`: the stored one, computed again only where it went stale (the
    CASE evaluates the subquery for those rows alone)."""
    return case((stale_clause(today), next_due_column(today)), else_=Obligation.next_due_date)


def as_of(today: date) -> date:
    """The day a stored next due date is computed for: `today`, but never after the region's real
    today (a date computed for a later day could skip an occurrence due before it; tests and catch-up
    runs pass other days)."""
    return min(today, today_in_region(get_settings()))


def refresh_next_due(session: Session, obligation_ids: Sequence[uuid.UUID], today: date) -> None:
    """Store the next due date of these obligations (after their occurrences changed).

    A Core UPDATE: the date is derived, not an edit (no version or ETag moves, no change event)."""
    ids = set(obligation_ids)
    if ids:
        session.execute(
            update(Obligation)
            .where(Obligation.id.in_(ids))
            .values(next_due_date=next_due_column(as_of(today)))
            .execution_options(synchronize_session=False)
        )


def stale_next_due_ids(session: Session, as_of: date, limit: int) -> list[uuid.UUID]:
    """Obligations whose stored next due date is before `as_of` (index range), at most `limit`."""
    return list(
        session.scalars(
            select(Obligation.id)
            .where(stale_clause(as_of))
            .order_by(_stored_key(), Obligation.id)
            .limit(limit)
        )
    )


def _base(today: date, home_region: str, next_due: Any = None) -> Select[Any]:
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
            (next_due_value(today) if next_due is None else next_due).label("next_due_date"),
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
    scope: Select[Any] | None,
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
    stmt = _base(today, home_region)
    if scope is not None:  # None: the caller reads every agreement (no `IN (SELECT id FROM agreement)`)
        stmt = stmt.where(Obligation.agreement_id.in_(scope))
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
    if category is not None or q:
        # The next-due page reads its candidates without the agreement join unless a filter needs it.
        stmt = stmt.execution_options(ksd_filters_agreement=True)
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
    session: Session,
    stmt: Select[Any],
    spec: SortSpec,
    after: tuple[Any, Any] | None,
    limit: int,
    today: date,
    home_region: str,
) -> list[ObligationRow]:
    """A page of the filtered list (and one row more when there is a next page)."""
    if spec.column is Obligation.next_due_date:
        page_stmt = _next_due_page(stmt, spec, after, limit, today, home_region)
    else:
        page_stmt = apply_keyset(stmt, spec, Obligation.id, after).limit(limit + 1)
    return [_row(r) for r in session.execute(page_stmt).all()]


def count(session: Session, stmt: Select[Any]) -> int:
    return session.scalar(select(func.count()).select_from(stmt.order_by(None).subquery())) or 0


def _next_due_page(
    stmt: Select[Any],
    spec: SortSpec,
    after: tuple[Any, Any] | None,
    limit: int,
    today: date,
    home_region: str,
) -> Select[Any]:
    """The next-due-date page as one statement that an index serves (issue 16).

    Two keyed candidate sets, each at most a page long, are merged and the page's rows are loaded by id:
    - rows whose stored date is still good (`fresh_clause`, most of them): ordered and sought on
      COALESCE(next_due_date, sentinel), id — the index of revision 0017, so a page is an index range
      scan, however many obligations there are;
    - the few rows whose stored date has passed since the daily job last ran (`stale_clause`, found
      with the same index): their date is computed from the occurrences, then ordered.
    The reads therefore never show a stale date and never write (a GET must not take SQLite's write
    lock, and two readers refreshing the same rows could deadlock on PostgreSQL); the daily job
    (`kerjasama remind`) stores the new dates, so the second set is normally empty.
    """
    stored = SortSpec(Obligation.next_due_date, spec.descending, "date")
    fresh_keys = _candidates(stmt, Obligation.id, Obligation.next_due_date.label("key"))
    fresh = apply_keyset(
        fresh_keys.where(fresh_clause(today)),
        stored,
        Obligation.id,
        after,
    ).limit(limit + 1)
    computed = next_due_column(today)
    recomputed = SortSpec(computed, spec.descending, "date")
    stale = apply_keyset(
        _candidates(stmt, Obligation.id, computed.label("key")).where(stale_clause(today)),
        recomputed,
        Obligation.id,
        after,
    ).limit(limit + 1)
    both = union_all(select(fresh.subquery()), select(stale.subquery())).subquery("candidates")
    key_sort = SortSpec(both.c.key, spec.descending, "date")  # type: ignore[arg-type]
    ordered = _base(today, home_region, both.c.key).join(both, both.c.id == Obligation.id)
    return apply_keyset(ordered, key_sort, both.c.id, None).limit(limit + 1)  # type: ignore[arg-type]


def _candidates(stmt: Select[Any], *columns: Any) -> Select[Any]:
    """The filtered list's WHERE over obligation alone (joined to agreement only when a filter reads
    it): the page's other joins would make the planner join every obligation in scope before the
    LIMIT (an OPD's 10 000 obligations hashed against all agreements) instead of walking the index."""
    keys: Select[Any] = select(*columns).select_from(Obligation)
    if stmt.get_execution_options().get("ksd_filters_agreement"):
        keys = keys.join(Agreement, Agreement.id == Obligation.agreement_id)
    return keys.where(stmt.whereclause) if stmt.whereclause is not None else keys


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


def rows(
    session: Session, obligation_ids: Sequence[uuid.UUID], today: date, home_region: str
) -> dict[uuid.UUID, ObligationRow]:
    """`row` for many ids, in one statement."""
    ids = set(obligation_ids)
    if not ids:
        return {}
    found = session.execute(_base(today, home_region).where(Obligation.id.in_(ids))).all()
    return {r.obligation.id: r for r in map(_row, found)}


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


def get_many(session: Session, obligation_ids: Sequence[uuid.UUID]) -> list[Obligation]:
    ids = set(obligation_ids)
    return list(session.scalars(select(Obligation).where(Obligation.id.in_(ids)))) if ids else []


def occurrences_of_many(
    session: Session, obligation_ids: Sequence[uuid.UUID]
) -> dict[uuid.UUID, list[ObligationOccurrence]]:
    """`occurrences` for many obligations, in one statement (each list in due-date order)."""
    out: dict[uuid.UUID, list[ObligationOccurrence]] = defaultdict(list)
    ids = set(obligation_ids)
    if ids:
        stmt = select(Occ).where(Occ.obligation_id.in_(ids)).order_by(Occ.obligation_id, Occ.due_date)
        for occ in session.scalars(stmt):
            out[occ.obligation_id].append(occ)
    return out


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
