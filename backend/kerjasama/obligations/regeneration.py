"""Occurrences follow schedules: generating, regenerating and extending them.

An obligation's occurrences are derived from its schedule and its agreement's term. They are
regenerated when the schedule changes (obligations.service), when the term changes (agreements.flows,
procedure.flows after a signed adendum) and when the open-ended horizon moves (the daily job).
"""

from __future__ import annotations

import uuid
from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy.orm import Session

from kerjasama.core import audit
from kerjasama.core.errors import Conflict, FieldError, Invalid, field_error
from kerjasama.models import Agreement, Obligation, ObligationOccurrence
from kerjasama.obligations import repository as repo
from kerjasama.obligations import schedule as sched

SCHEDULE_COLUMNS = ("schedule_type", *sched.SCHEDULE_FIELDS)


def schedule_of(values: dict[str, Any]) -> sched.Schedule:
    """The schedule described by an obligation's columns (stored, or as a request would set them)."""
    return sched.Schedule(
        values["schedule_type"], values.get("due_date"), values.get("frequency"), values.get("anchor_date")
    )


def _stored_schedule(obligation: Obligation) -> sched.Schedule:
    return schedule_of({c: getattr(obligation, c) for c in SCHEDULE_COLUMNS})


def _slots(s: sched.Schedule, agreement: Agreement, today: date) -> list[sched.Slot]:
    horizon = sched.open_ended_horizon(s.anchor_date or today, today)
    slots = sched.slots(s, agreement.start_date, agreement.end_date, horizon)
    if len(slots) > sched.MAX_OCCURRENCES:
        raise Invalid(
            f"The schedule would create more than {sched.MAX_OCCURRENCES} occurrences.",
            errors=[field_error("frequency", "too many occurrences for this term", "schedule_too_long")],
        )
    return slots


def schedule_errors(s: sched.Schedule, agreement: Agreement) -> list[FieldError]:
    """What is wrong with a schedule for this agreement's term, as field errors."""
    return [
        field_error(p.field, p.message, p.code)
        for p in sched.problems(s, agreement.start_date, agreement.end_date)
    ]


@dataclass
class Regeneration:
    added: list[date]
    removed: list[date]


def regenerate(
    session: Session, obligation: Obligation, agreement: Agreement, today: date, keep_recorded: bool = False
) -> Regeneration:
    """Bring the occurrences in line with the schedule and the agreement's term.

    Occurrences whose due date stays are kept (renumbered); new due dates are added; those that no
    longer fit are removed when untouched (pending, no fulfilment), kept when they carry a status
    (recorded work is never lost) and refused (409) when they hold fulfilment records, unless
    `keep_recorded`, which keeps them too (a signed adendum is a legal fact and must not be refused).
    """
    slots = _slots(_stored_schedule(obligation), agreement, today)
    wanted = {s.due_date: s for s in slots}
    existing = repo.occurrences(session, obligation.id)
    with_fulfilment = repo.occurrences_with_fulfilments(session, obligation.id)
    dropped = [o for o in existing if o.due_date not in wanted]
    blocked = sorted(o.due_date for o in dropped if o.id in with_fulfilment)
    if keep_recorded:
        dropped = [o for o in dropped if o.id not in with_fulfilment]
    elif blocked:
        raise Conflict(
            "The new schedule would drop occurrences that have fulfilment records: "
            + ", ".join(d.isoformat() for d in blocked)
            + ". Keep those due dates in the schedule.",
            code="schedule_drops_fulfilment",
        )
    removed = [o for o in dropped if o.status == "pending"]
    for o in removed:
        session.delete(o)
    kept = {o.due_date: o for o in existing if o not in removed}
    added = [s for s in slots if s.due_date not in kept]
    session.flush()
    rows = [
        *kept.values(),
        *(
            ObligationOccurrence(
                obligation_id=obligation.id, seq=0, period_start=s.period_start, due_date=s.due_date
            )
            for s in added
        ),
    ]
    for seq, occ in enumerate(sorted(rows, key=lambda o: o.due_date), start=1):
        slot = wanted.get(occ.due_date)
        if occ.seq != seq:
            occ.seq = seq
        if slot is not None and occ.period_start != slot.period_start:
            occ.period_start = slot.period_start
        if occ.id is None:
            session.add(occ)
    session.flush()
    repo.refresh_next_due(session, [obligation.id], today)
    return Regeneration([s.due_date for s in added], sorted(o.due_date for o in removed))


def regenerate_agreement(
    session: Session,
    actor: audit.Actor,
    agreement: Agreement,
    today: date,
    field: str = "end_date",
    strict: bool = True,
) -> None:
    """Regenerate every obligation of an agreement after its term changed.

    `strict` (an agreement PATCH of start_date/end_date, where the obligations are still editable): a
    schedule date (one-off due date, recurring anchor) outside the new term is refused with 409 naming
    `field` and the obligations, rather than silently leaving an obligation without occurrences; so is
    a change that would drop occurrences holding fulfilment records.

    Not strict (a signed adendum moved the end date: a legal fact, and R31 locks the parent's
    obligations): untouched occurrences past the new term go, recorded ones stay.
    """
    obligations = repo.obligations_of(session, agreement.id)
    outside = strict and [
        (o, p)
        for o in obligations
        for p in sched.problems(_stored_schedule(o), agreement.start_date, agreement.end_date)
        if p.code == "outside_term"
    ]
    if outside:
        raise Conflict(
            "The new term leaves obligation schedules outside it: "
            + "; ".join(f"'{o.description[:60]}' ({p.field} {getattr(o, p.field)})" for o, p in outside)
            + ". Change those obligations first.",
            code="obligations_outside_term",
            errors=[
                field_error(
                    field, "obligation schedules lie outside the new term", "obligations_outside_term"
                )
            ],
            extra={"obligation_ids": sorted({str(o.id) for o, _ in outside})},
        )
    for obligation in obligations:
        _regenerate_audited(session, actor, obligation, agreement, today, keep_recorded=not strict)


def _regenerate_audited(
    session: Session,
    actor: audit.Actor,
    obligation: Obligation,
    agreement: Agreement,
    today: date,
    keep_recorded: bool,
) -> Regeneration:
    """`regenerate`, with an audit entry when occurrences were added or removed (no user edited the
    obligation: its agreement's term or the horizon moved)."""
    change = regenerate(session, obligation, agreement, today, keep_recorded)
    if change.added or change.removed:
        audit.record(
            session,
            actor,
            "obligation",
            obligation.id,
            "regenerate",
            None,
            {"occurrences_added": change.added, "occurrences_removed": change.removed},
        )
    return change


def extend_open_ended(
    session: Session, actor: audit.Actor, today: date, only: Collection[uuid.UUID] | None = None
) -> int:
    """Move the horizon of recurring obligations of open-ended agreements (occurrences are generated
    five years ahead of today); the daily reminder job calls this so they never run out. Returns the
    number of occurrences added. `only` limits it to those obligations (the job works in small
    batches, each its own short transaction: see `open_ended_to_extend`)."""
    added = 0
    for obligation, agreement, last_due in repo.open_ended_recurring(session):
        if only is not None and obligation.id not in only:
            continue
        if not _needs_extension(obligation, last_due, today):
            continue
        added += len(_regenerate_audited(session, actor, obligation, agreement, today, True).added)
    return added


def open_ended_to_extend(session: Session, today: date) -> list[uuid.UUID]:
    """The obligations `extend_open_ended` would regenerate today (read only)."""
    return [
        obligation.id
        for obligation, _, last_due in repo.open_ended_recurring(session)
        if _needs_extension(obligation, last_due, today)
    ]


def _needs_extension(obligation: Obligation, last_due: date | None, today: date) -> bool:
    s = _stored_schedule(obligation)
    assert s.frequency is not None
    horizon = sched.open_ended_horizon(s.anchor_date or today, today)
    # The next slot is never earlier than one step after the last one (month ends only clamp
    # later slots forward), so most days no obligation needs regenerating at all.
    return last_due is None or sched.add_months(last_due, sched.MONTHS_PER_STEP[s.frequency]) <= horizon
