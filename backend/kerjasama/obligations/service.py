"""Obligations (hak dan kewajiban): schedules → occurrences, status, fulfilment, force majeure.

Who may do what:
- Read: whoever can read the agreement (OPD users only within their agreement scope; others 404).
- Write: admin, secretariat, opd_head, opd_operator; tkksd and viewer get 403. An OPD user writes only
  the obligations their own OPD is responsible for (a record without a responsible OPD belongs to the
  agreement's lead OPD); another OPD's obligation answers 404 to writes even when the agreement is in
  the caller's scope and the obligation readable (issue 4: "touching another OPD's obligation is 404").

The signed text (R31): an obligation recorded on a signed text is the registry's copy of one of its
clauses. It can be added (texts imported after signing are transcribed afterwards) and its
administrative fields (responsible OPD, indicator, target, unit) changed, but its substance (party,
kind, description, clause, schedule, value) is not rewritten and it is not deleted: changes come
through an ADENDUM, whose own obligations are recorded on the adendum. Occurrence statuses and
fulfilment records stay writable in every stage: recording what was done is the point of a text in force.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from kerjasama.agreements import service as agreements_service
from kerjasama.core import audit
from kerjasama.core.auth import Principal
from kerjasama.core.config import Settings
from kerjasama.core.errors import Conflict, FieldError, Forbidden, Invalid, NotFound, field_error
from kerjasama.core.pagination import SortSpec
from kerjasama.documents import service as documents_service
from kerjasama.models import (
    Agreement,
    ForceMajeureEvent,
    FulfilmentDocument,
    Obligation,
    ObligationFulfilment,
    ObligationOccurrence,
)
from kerjasama.models.base import utcnow
from kerjasama.models.obligations import OPEN_STATUSES
from kerjasama.obligations import policy
from kerjasama.obligations import repository as repo
from kerjasama.obligations import schedule as sched
from kerjasama.obligations.schemas import (
    AgreementRef,
    ForceMajeureCreate,
    FulfilmentCreate,
    FulfilmentRead,
    ObligationCreate,
    ObligationFilters,
    ObligationRead,
    ObligationSummary,
    ObligationUpdate,
    OccurrenceCounts,
    OccurrenceRead,
    OccurrenceUpdate,
    OpdRef,
)
from kerjasama.rules.catalogue import RULES, SIGNED_STAGES, Finding

# Fields of an obligation that do not rewrite the signed text (see the module docstring).
EDITABLE_AFTER_SIGNING = ("responsible_opd_id", "indicator", "target", "unit")
SCHEDULE_COLUMNS = ("schedule_type", *sched.SCHEDULE_FIELDS)
HOME_FALLBACK_NAME = "Daerah sendiri"
_FIELDS = (
    "partner_id",
    "kind",
    "description",
    "clause_reference",
    "responsible_opd_id",
    *SCHEDULE_COLUMNS,
    "indicator",
    "target",
    "unit",
    "value",
)
CENTS = Decimal("0.01")
_AMOUNTS = ("target", "value")
_NOT_NULL = ("kind", "description", "clause_reference", "responsible_opd_id", "schedule_type")


# --- access --------------------------------------------------------------------------------------


def check_write_role(principal: Principal) -> None:
    if not policy.may_write(principal):
        raise Forbidden(
            f"Role '{principal.role}' may read obligations but not change them.", code="role_forbidden"
        )


def _responsible(obligation: Obligation, agreement: Agreement) -> uuid.UUID:
    return obligation.responsible_opd_id or agreement.lead_opd_id


def get_for_read(
    session: Session, principal: Principal, obligation_id: uuid.UUID
) -> tuple[Obligation, Agreement]:
    """The obligation and its agreement; 404 when either is missing or the agreement is out of scope."""
    obligation = repo.get(session, obligation_id)
    if obligation is None:
        raise NotFound("No obligation with this id.")
    try:
        agreement = agreements_service.get(session, principal, obligation.agreement_id)
    except NotFound:
        raise NotFound("No obligation with this id.") from None
    return obligation, agreement


def get_for_write(
    session: Session, principal: Principal, obligation_id: uuid.UUID
) -> tuple[Obligation, Agreement]:
    """As get_for_read, then the role (403) and, for OPD users, their OPD's responsibility (404)."""
    obligation, agreement = get_for_read(session, principal, obligation_id)
    check_write_role(principal)
    if principal.is_opd_scoped and _responsible(obligation, agreement) != principal.scoped_opd_id:
        raise NotFound("No obligation with this id.")
    return obligation, agreement


def get_occurrence_for_write(
    session: Session, principal: Principal, occurrence_id: uuid.UUID
) -> tuple[ObligationOccurrence, Obligation, Agreement]:
    occurrence = repo.get_occurrence(session, occurrence_id)
    if occurrence is None:
        raise NotFound("No occurrence with this id.")
    try:
        obligation, agreement = get_for_write(session, principal, occurrence.obligation_id)
    except NotFound:
        raise NotFound("No occurrence with this id.") from None
    return occurrence, obligation, agreement


# --- reading -------------------------------------------------------------------------------------


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


def summaries(session: Session, rows: list[repo.ObligationRow], today: date) -> list[ObligationSummary]:
    counts = repo.status_counts(session, [r.obligation.id for r in rows], today)
    return [_summary(r, counts.get(r.obligation.id, {})) for r in rows]


def list_for_agreement(
    session: Session, settings: Settings, agreement: Agreement, today: date
) -> list[ObligationSummary]:
    return summaries(session, repo.for_agreement(session, agreement.id, today, settings.home_region), today)


def list_page(
    session: Session,
    settings: Settings,
    principal: Principal,
    filters: ObligationFilters,
    spec: SortSpec,
    after: tuple[Any, Any] | None,
    limit: int,
    today: date,
) -> tuple[list[repo.ObligationRow], list[ObligationSummary], int]:
    """One page of the cross-agreement list, in the caller's agreement scope: (rows, items, total)."""
    stmt = repo.filtered(
        agreements_service.scoped_ids(principal), today, settings.home_region, **filters.model_dump()
    )
    rows, total = repo.page(session, stmt, spec, after, limit)
    return rows, summaries(session, rows[:limit], today), total


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
    session: Session, occurrences: list[ObligationOccurrence], today: date
) -> list[OccurrenceRead]:
    fulfilments = repo.fulfilments(session, [o.id for o in occurrences])
    evidence = repo.evidence(session, [f.id for fs in fulfilments.values() for f in fs])
    return [_occurrence_read(o, fulfilments.get(o.id, []), evidence, today) for o in occurrences]


def detail(session: Session, settings: Settings, obligation_id: uuid.UUID, today: date) -> ObligationRead:
    row = repo.row(session, obligation_id, today, settings.home_region)
    if row is None:
        raise NotFound("No obligation with this id.")
    summary = summaries(session, [row], today)[0]
    occurrences = occurrence_reads(session, repo.occurrences(session, obligation_id), today)
    return ObligationRead(**summary.model_dump(), occurrences=occurrences)


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


# --- schedule ------------------------------------------------------------------------------------


def _schedule_of(values: dict[str, Any]) -> sched.Schedule:
    return sched.Schedule(
        values["schedule_type"], values.get("due_date"), values.get("frequency"), values.get("anchor_date")
    )


def _stored_schedule(obligation: Obligation) -> sched.Schedule:
    return _schedule_of({c: getattr(obligation, c) for c in SCHEDULE_COLUMNS})


def _slots(s: sched.Schedule, agreement: Agreement, today: date) -> list[sched.Slot]:
    horizon = sched.open_ended_horizon(s.anchor_date or today, today)
    slots = sched.slots(s, agreement.start_date, agreement.end_date, horizon)
    if len(slots) > sched.MAX_OCCURRENCES:
        raise Invalid(
            f"The schedule would create more than {sched.MAX_OCCURRENCES} occurrences.",
            errors=[field_error("frequency", "too many occurrences for this term", "schedule_too_long")],
        )
    return slots


def _schedule_errors(s: sched.Schedule, agreement: Agreement) -> list[FieldError]:
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


def extend_open_ended(session: Session, actor: audit.Actor, today: date) -> int:
    """Move the horizon of recurring obligations of open-ended agreements (occurrences are generated
    five years ahead of today); the daily reminder job calls this so they never run out. Returns the
    number of occurrences added."""
    added = 0
    for obligation, agreement, last_due in repo.open_ended_recurring(session):
        s = _stored_schedule(obligation)
        assert s.frequency is not None
        horizon = sched.open_ended_horizon(s.anchor_date or today, today)
        # The next slot is never earlier than one step after the last one (month ends only clamp
        # later slots forward), so most days no obligation needs regenerating at all.
        if last_due is not None and sched.add_months(last_due, sched.MONTHS_PER_STEP[s.frequency]) > horizon:
            continue
        added += len(_regenerate_audited(session, actor, obligation, agreement, today, True).added)
    return added


# --- obligations ---------------------------------------------------------------------------------


def _cents(value: Decimal | None) -> Decimal | None:
    """Amounts are stored with two decimals; answering them the same way before and after a reload."""
    return None if value is None else value.quantize(CENTS)


def _snapshot(o: Obligation) -> dict[str, Any]:
    return {f: getattr(o, f) for f in _FIELDS}


def _check_party(agreement: Agreement, partner_id: uuid.UUID | None, errors: list[FieldError]) -> None:
    if partner_id not in {p.partner_id for p in agreement.parties}:
        errors.append(
            field_error(
                "partner_id",
                "must be one of the agreement's partners, or null for the home region",
                "party_unknown",
            )
        )


def _check_opd(
    principal: Principal, agreement: Agreement, opd_id: uuid.UUID, errors: list[FieldError]
) -> None:
    involved = {agreement.lead_opd_id, *(o.id for o in agreement.related_opds)}
    if opd_id not in involved:
        errors.append(
            field_error(
                "responsible_opd_id",
                "must be the agreement's lead OPD or one of its related OPDs",
                "opd_not_involved",
            )
        )
    elif principal.is_opd_scoped and opd_id != principal.scoped_opd_id:
        errors.append(field_error("responsible_opd_id", "must be your own OPD", "opd_out_of_scope"))


def _raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise Invalid("; ".join(f"{'.'.join(map(str, e.loc[1:]))}: {e.msg}" for e in errors), errors=errors)


def create(
    session: Session, principal: Principal, agreement: Agreement, data: ObligationCreate, today: date
) -> Obligation:
    check_write_role(principal)
    values = data.model_dump()
    for name in _AMOUNTS:
        values[name] = _cents(values[name])
    if values["responsible_opd_id"] is None:
        values["responsible_opd_id"] = principal.scoped_opd_id or agreement.lead_opd_id
    errors: list[FieldError] = []
    _check_party(agreement, values["partner_id"], errors)
    _check_opd(principal, agreement, values["responsible_opd_id"], errors)
    errors += _schedule_errors(_schedule_of(values), agreement)
    _raise_if(errors)
    row = Obligation(agreement_id=agreement.id, created_by=principal.user_id, **values)
    session.add(row)
    session.flush()
    change = regenerate(session, row, agreement, today)
    audit.record(
        session,
        principal.actor,
        "obligation",
        row.id,
        "create",
        None,
        {"agreement_id": agreement.id, **_snapshot(row), "occurrence_due_dates": change.added},
    )
    return row


def _r31_conflict(locked: list[str]) -> Conflict:
    r31 = RULES["R31"]
    finding = Finding(
        r31.id,
        r31.severity,
        "Naskah sudah ditandatangani; kewajiban diubah melalui adendum. Kolom terkunci: "
        + ", ".join(locked)
        + ".",
        "The text is signed; its obligations change through an adendum. Locked fields: "
        + ", ".join(locked)
        + ".",
        r31.basis,
        tuple(locked),
    )
    return Conflict(
        finding.message_en,
        code="rule_blocked",
        extra={"findings": [agreements_service.finding_json(finding)]},
        errors=[field_error(f, finding.message_en, "R31") for f in locked],
    )


def update(
    session: Session,
    principal: Principal,
    agreement: Agreement,
    obligation: Obligation,
    data: ObligationUpdate,
    today: date,
) -> Obligation:
    changes = data.model_dump(exclude_unset=True)
    for name in _AMOUNTS:
        if name in changes:
            changes[name] = _cents(changes[name])
    errors = [
        field_error(f, "may not be null", "not_null")
        for f in _NOT_NULL
        if f in changes and changes[f] is None
    ]
    _raise_if(errors)
    new_type = changes.get("schedule_type", obligation.schedule_type)
    if new_type != obligation.schedule_type:
        # Switching type: the old type's fields go unless the caller sets them (then they are refused).
        for name in sched.SCHEDULE_FIELDS:
            if name not in sched.fields_for(new_type) and name not in changes:
                changes[name] = None
    changed = [f for f in _FIELDS if f in changes and changes[f] != getattr(obligation, f)]
    if agreement.stage in SIGNED_STAGES:
        locked = [f for f in changed if f not in EDITABLE_AFTER_SIGNING]
        if locked:
            raise _r31_conflict(locked)
    merged = {**_snapshot(obligation), **changes}
    if "partner_id" in changed:
        _check_party(agreement, merged["partner_id"], errors)
    if "responsible_opd_id" in changed:
        _check_opd(principal, agreement, merged["responsible_opd_id"], errors)
    schedule_changed = any(f in changed for f in SCHEDULE_COLUMNS)
    if schedule_changed:
        errors += _schedule_errors(_schedule_of(merged), agreement)
    _raise_if(errors)
    before = _snapshot(obligation)
    for f in changed:
        setattr(obligation, f, changes[f])
    session.flush()
    b, a = audit.diff(before, _snapshot(obligation))
    if schedule_changed:
        change = regenerate(session, obligation, agreement, today)
        a |= {"occurrences_added": change.added, "occurrences_removed": change.removed}
    if a:
        audit.record(session, principal.actor, "obligation", obligation.id, "update", b, a)
    return obligation


def delete_obligation(
    session: Session, principal: Principal, agreement: Agreement, obligation: Obligation
) -> None:
    if agreement.stage in SIGNED_STAGES:
        raise _r31_conflict(["obligation"])
    if repo.occurrences_with_fulfilments(session, obligation.id):
        raise Conflict(
            "Fulfilment has been recorded for this obligation; it cannot be deleted.",
            code="obligation_has_fulfilments",
        )
    audit.record(session, principal.actor, "obligation", obligation.id, "delete", _snapshot(obligation), None)
    session.execute(delete(ObligationOccurrence).where(ObligationOccurrence.obligation_id == obligation.id))
    session.delete(obligation)
    session.flush()


# --- occurrences and fulfilment ------------------------------------------------------------------


def _occurrence_snapshot(o: ObligationOccurrence) -> dict[str, Any]:
    return {
        "status": o.status,
        "force_majeure_event_id": o.force_majeure_event_id,
        "fulfilled_on": o.fulfilled_on,
    }


def _not_future(name: str, value: date, today: date) -> None:
    if value > today:
        raise Invalid(
            f"{name} cannot be in the future.",
            errors=[field_error(name, f"on or before {today.isoformat()}", "date_in_future")],
        )


def _force_majeure_for(
    session: Session, agreement: Agreement, occurrence: ObligationOccurrence, event_id: uuid.UUID | None
) -> ForceMajeureEvent:
    name = "force_majeure_event_id"
    if event_id is None:
        raise Invalid(
            "Suspension for force majeure needs a recorded force-majeure event.",
            errors=[field_error(name, "required with suspended_force_majeure", "force_majeure_required")],
        )
    event = repo.get_force_majeure(session, event_id)
    if event is None or event.agreement_id != agreement.id:
        raise Invalid(
            "No force-majeure event with this id is recorded on this agreement.",
            errors=[field_error(name, "record the event on this agreement first", "force_majeure_unknown")],
        )
    if event.start_date > occurrence.due_date or (event.end_date and event.end_date < occurrence.due_date):
        raise Invalid(
            "The force-majeure event does not cover the occurrence's due date.",
            errors=[
                field_error(
                    name,
                    f"the event ({event.start_date} – {event.end_date or 'ongoing'}) must cover "
                    f"the due date {occurrence.due_date}",
                    "force_majeure_not_covering",
                )
            ],
        )
    return event


def update_occurrence(
    session: Session,
    principal: Principal,
    agreement: Agreement,
    occurrence: ObligationOccurrence,
    data: OccurrenceUpdate,
    today: date,
) -> ObligationOccurrence:
    if data.status != "suspended_force_majeure" and data.force_majeure_event_id is not None:
        raise Invalid(
            "A force-majeure event applies only to suspended_force_majeure.",
            errors=[
                field_error("force_majeure_event_id", "only with suspended_force_majeure", "not_for_status")
            ],
        )
    if data.status != "fulfilled" and data.fulfilled_on is not None:
        raise Invalid(
            "fulfilled_on applies only to fulfilled.",
            errors=[field_error("fulfilled_on", "only with status fulfilled", "not_for_status")],
        )
    before = _occurrence_snapshot(occurrence)
    event_id = None
    if data.status == "suspended_force_majeure":
        event_id = _force_majeure_for(session, agreement, occurrence, data.force_majeure_event_id).id
    fulfilled_on = None
    if data.status == "fulfilled":
        fulfilled_on = data.fulfilled_on or occurrence.fulfilled_on or today
        _not_future("fulfilled_on", fulfilled_on, today)
    occurrence.status, occurrence.force_majeure_event_id, occurrence.fulfilled_on = (
        data.status,
        event_id,
        fulfilled_on,
    )
    session.flush()
    b, a = audit.diff(before, _occurrence_snapshot(occurrence))
    if a:
        audit.record(session, principal.actor, "obligation_occurrence", occurrence.id, "update", b, a)
    return occurrence


def add_fulfilment(
    session: Session,
    principal: Principal,
    agreement: Agreement,
    occurrence: ObligationOccurrence,
    data: FulfilmentCreate,
    today: date,
) -> ObligationFulfilment:
    """Record what was realised. `complete` marks the occurrence fulfilled on `realised_on`; otherwise a
    pending occurrence becomes in_progress and any other status stays as it is."""
    _not_future("realised_on", data.realised_on, today)
    document_ids = list(dict.fromkeys(data.document_ids))
    documents_service.require_documents(session, agreement.id, document_ids, "document_ids")
    before = _occurrence_snapshot(occurrence)
    row = ObligationFulfilment(
        occurrence_id=occurrence.id,
        realised_on=data.realised_on,
        value_realised=_cents(data.value_realised),
        note=data.note,
        recorded_by=principal.user_id,
    )
    session.add(row)
    session.flush()
    session.add_all(FulfilmentDocument(fulfilment_id=row.id, document_id=d) for d in document_ids)
    if data.complete:
        occurrence.status, occurrence.fulfilled_on, occurrence.force_majeure_event_id = (
            "fulfilled",
            data.realised_on,
            None,
        )
    elif occurrence.status == "pending":
        occurrence.status = "in_progress"
    occurrence.updated_at = utcnow()  # the occurrence's representation changed: move its ETag
    session.flush()
    audit.record(
        session,
        principal.actor,
        "obligation_fulfilment",
        row.id,
        "create",
        None,
        {
            "occurrence_id": occurrence.id,
            "realised_on": data.realised_on,
            "value_realised": data.value_realised,
            "note": data.note,
            "document_ids": document_ids,
            "complete": data.complete,
        },
    )
    b, a = audit.diff(before, _occurrence_snapshot(occurrence))
    if a:
        audit.record(session, principal.actor, "obligation_occurrence", occurrence.id, "update", b, a)
    return row


# --- force majeure -------------------------------------------------------------------------------


def add_force_majeure(
    session: Session, principal: Principal, agreement: Agreement, data: ForceMajeureCreate, today: date
) -> ForceMajeureEvent:
    check_write_role(principal)
    _not_future("start_date", data.start_date, today)
    if data.end_date is not None and data.end_date < data.start_date:
        raise Invalid(
            "The event ends before it starts.",
            errors=[field_error("end_date", "on or after start_date", "date_order")],
        )
    if data.document_id is not None:
        try:
            documents_service.require_documents(session, agreement.id, [data.document_id], "document_id")
        except Invalid:
            raise Invalid(
                "Unknown document.",
                errors=[
                    field_error(
                        "document_id",
                        "No document with this id is attached to this agreement.",
                        "unknown_document",
                    )
                ],
            ) from None
    row = ForceMajeureEvent(agreement_id=agreement.id, created_by=principal.user_id, **data.model_dump())
    session.add(row)
    session.flush()
    audit.record(
        session,
        principal.actor,
        "force_majeure_event",
        row.id,
        "create",
        None,
        {"agreement_id": agreement.id, **data.model_dump()},
    )
    return row


def force_majeure_events(session: Session, agreement: Agreement) -> list[ForceMajeureEvent]:
    return repo.force_majeure_events(session, agreement.id)
