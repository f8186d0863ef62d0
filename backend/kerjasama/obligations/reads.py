"""Read models of obligations, built from rows: one function per shape.

ObligationSummary (`summaries`), ObligationRead (`detail`) and OccurrenceRead (`occurrence_reads`) take
the principal they render for: what a role sees of an obligation is decided here, in one place.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from kerjasama.core.auth import Principal
from kerjasama.core.config import Settings
from kerjasama.core.errors import NotFound
from kerjasama.core.pagination import SortSpec
from kerjasama.core.read_cache import ReadCache
from kerjasama.core.scope import is_limited, scope_key, scoped_agreement_ids
from kerjasama.models import Agreement, Obligation, ObligationFulfilment, ObligationOccurrence
from kerjasama.models.obligations import OPEN_STATUSES
from kerjasama.obligations import repository as repo
from kerjasama.obligations.schemas import (
    AgreementRef,
    FulfilmentRead,
    ObligationFilters,
    ObligationRead,
    ObligationSummary,
    OccurrenceCounts,
    OccurrenceRead,
    OpdRef,
)

HOME_FALLBACK_NAME = "Daerah sendiri"


def is_late(occurrence: ObligationOccurrence, today: date) -> bool:
    """`late` is derived, never stored: past due (region's calendar) and still pending or in progress."""
    return occurrence.due_date < today and occurrence.status in OPEN_STATUSES


def _counts(raw: dict[str, int]) -> OccurrenceCounts:
    keys = ("pending", "in_progress", "fulfilled", "late", "not_fulfilled", "suspended_force_majeure")
    return OccurrenceCounts(**{k: raw.get(k, 0) for k in keys}, total=sum(raw.values()))


def _summary(row: repo.ObligationRow, counts: dict[str, int]) -> ObligationSummary:
    o = row.obligation
    return ObligationSummary(
        id=o.id,
        agreement_id=o.agreement_id,
        agreement=AgreementRef(
            id=o.agreement_id,
            number=row.agreement_number,
            title=row.agreement_title,
            category=row.agreement_category,
        ),
        partner_id=o.partner_id,
        party_name=row.party_name or HOME_FALLBACK_NAME,
        kind=o.kind,
        description=o.description,
        clause_reference=o.clause_reference,
        responsible_opd_id=o.responsible_opd_id,
        responsible_opd=OpdRef(id=o.responsible_opd_id, abbreviation=row.opd_abbreviation, name=row.opd_name)
        if o.responsible_opd_id and row.opd_abbreviation is not None and row.opd_name is not None
        else None,
        schedule_type=o.schedule_type,
        due_date=o.due_date,
        frequency=o.frequency,
        anchor_date=o.anchor_date,
        indicator=o.indicator,
        target=o.target,
        unit=o.unit,
        value=o.value,
        next_due_date=row.next_due_date,
        late_count=counts.get("late", 0),
        occurrence_counts=_counts(counts),
        version=o.version,
    )


def summaries(
    session: Session, rows: list[repo.ObligationRow], today: date, principal: Principal
) -> list[ObligationSummary]:
    """The list shape (ObligationSummary) of some obligations, with their occurrence counts."""
    counts = repo.status_counts(session, [r.obligation.id for r in rows], today)
    return [_summary(r, counts.get(r.obligation.id, {})) for r in rows]


def list_for_agreement(
    session: Session, settings: Settings, agreement: Agreement, today: date, principal: Principal
) -> list[ObligationSummary]:
    rows = repo.for_agreement(session, agreement.id, today, settings.home_region)
    return summaries(session, rows, today, principal)


def list_page(
    session: Session,
    settings: Settings,
    principal: Principal,
    filters: ObligationFilters,
    spec: SortSpec,
    after: tuple[Any, Any] | None,
    limit: int,
    today: date,
    cache: ReadCache | None = None,
) -> tuple[list[repo.ObligationRow], list[ObligationSummary], int]:
    """One page of the cross-agreement list, in the caller's agreement scope: (rows, items, total).

    With `cache`, the total is counted once per scope, filters and day, and again after any write
    (core/read_cache.py): a count of 157 000 obligations cost more than the page itself (issue 16)."""
    criteria = filters.model_dump()
    scope = scoped_agreement_ids(principal) if is_limited(principal) else None
    stmt = repo.filtered(scope, today, settings.home_region, **criteria)
    if cache is None:
        total = repo.count(session, stmt)
    else:
        key = ("obligations_total", scope_key(principal), today, tuple(sorted(criteria.items())))
        total = cache.get_or_compute(session, key, lambda: repo.count(session, stmt))
    rows = repo.page(session, stmt, spec, after, limit, today, settings.home_region)
    return rows, summaries(session, rows[:limit], today, principal), total


def _occurrence_read(
    occ: ObligationOccurrence,
    fulfilments: list[ObligationFulfilment],
    evidence: dict[uuid.UUID, list[uuid.UUID]],
    today: date,
) -> OccurrenceRead:
    late = is_late(occ, today)
    return OccurrenceRead(
        id=occ.id,
        obligation_id=occ.obligation_id,
        seq=occ.seq,
        period_start=occ.period_start,
        due_date=occ.due_date,
        status=occ.status,
        late=late,
        effective_status="late" if late else occ.status,
        force_majeure_event_id=occ.force_majeure_event_id,
        fulfilled_on=occ.fulfilled_on,
        fulfilments=[
            FulfilmentRead(
                id=f.id,
                realised_on=f.realised_on,
                value_realised=f.value_realised,
                note=f.note,
                document_ids=evidence.get(f.id, []),
                recorded_at=f.recorded_at,
            )
            for f in fulfilments
        ],
        version=occ.version,
    )


def occurrence_reads(
    session: Session, occurrences: list[ObligationOccurrence], today: date, principal: Principal
) -> list[OccurrenceRead]:
    """The shape of occurrences (OccurrenceRead), each with its fulfilment records and evidence ids."""
    fulfilments = repo.fulfilments(session, [o.id for o in occurrences])
    evidence = repo.evidence(session, [f.id for fs in fulfilments.values() for f in fs])
    return [_occurrence_read(o, fulfilments.get(o.id, []), evidence, today) for o in occurrences]


def detail(
    session: Session, settings: Settings, obligation_id: uuid.UUID, today: date, principal: Principal
) -> ObligationRead:
    """One obligation with its occurrences (GET /obligations/{id})."""
    row = repo.row(session, obligation_id, today, settings.home_region)
    if row is None:
        raise NotFound("No obligation with this id.")
    summary = summaries(session, [row], today, principal)[0]
    occurrences = occurrence_reads(session, repo.occurrences(session, obligation_id), today, principal)
    return ObligationRead(**summary.model_dump(), occurrences=occurrences)


def details(
    session: Session,
    settings: Settings,
    obligation_ids: list[uuid.UUID],
    today: date,
    principal: Principal,
) -> dict[uuid.UUID, ObligationRead]:
    """`detail` for many obligations (the change feed's pages): five statements whatever their number,
    the same answers. Ids without an obligation are left out."""
    rows = repo.rows(session, obligation_ids, today, settings.home_region)
    ordered = [rows[i] for i in dict.fromkeys(obligation_ids) if i in rows]
    summaries_by_id = {s.id: s for s in summaries(session, ordered, today, principal)}
    occurrences = repo.occurrences_of_many(session, list(rows))
    all_occurrences = [o for occs in occurrences.values() for o in occs]
    reads = {o.id: o for o in occurrence_reads(session, all_occurrences, today, principal)}
    return {
        oid: ObligationRead(
            **summary.model_dump(), occurrences=[reads[o.id] for o in occurrences.get(oid, [])]
        )
        for oid, summary in summaries_by_id.items()
    }


@dataclass
class FulfilmentWithEvidence:
    fulfilment: ObligationFulfilment
    document_ids: list[uuid.UUID]


@dataclass
class PeriodOccurrence:
    """An occurrence due in a period, with its obligation and its fulfilment records (oldest first)."""

    occurrence: ObligationOccurrence
    obligation: Obligation
    fulfilments: list[FulfilmentWithEvidence] = field(default_factory=list)


def occurrences_in_period(
    session: Session, agreement_id: uuid.UUID, start: date, end: date
) -> list[PeriodOccurrence]:
    """Occurrences of the agreement's obligations due within [start, end] (inclusive), in due-date
    order, each with its Obligation row and its fulfilments with evidence document ids. Three queries
    whatever the number of rows. No scope check: the caller has already read the agreement. Use
    `is_late(occurrence, today)` for the derived `late`."""
    pairs = repo.occurrences_in_period(session, agreement_id, start, end)
    fulfilments = repo.fulfilments(session, [occ.id for occ, _ in pairs])
    evidence = repo.evidence(session, [f.id for fs in fulfilments.values() for f in fs])
    return [
        PeriodOccurrence(
            occ,
            obligation,
            [FulfilmentWithEvidence(f, evidence.get(f.id, [])) for f in fulfilments.get(occ.id, [])],
        )
        for occ, obligation in pairs
    ]
