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
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import delete
from sqlalchemy.orm import Session

from kerjasama.agreements import service as agreements_service
from kerjasama.core import audit
from kerjasama.core.auth import Principal
from kerjasama.core.errors import Conflict, FieldError, Forbidden, Invalid, NotFound, field_error
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
from kerjasama.obligations import policy
from kerjasama.obligations import repository as repo
from kerjasama.obligations import schedule as sched
from kerjasama.obligations.regeneration import SCHEDULE_COLUMNS, regenerate, schedule_errors, schedule_of
from kerjasama.obligations.schemas import (
    ForceMajeureCreate,
    FulfilmentCreate,
    ObligationCreate,
    ObligationUpdate,
    OccurrenceUpdate,
)
from kerjasama.rules.catalogue import RULES, SIGNED_STAGES, Finding
from kerjasama.rules.findings import finding_json

# Fields of an obligation that do not rewrite the signed text (see the module docstring).
EDITABLE_AFTER_SIGNING = ("responsible_opd_id", "indicator", "target", "unit")
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


def get_many_for_read(
    session: Session, principal: Principal, obligation_ids: Sequence[uuid.UUID]
) -> list[Obligation]:
    """`get_for_read` for a batch: the obligations among these ids whose agreement the caller may read
    (a missing one is one `get_for_read` would answer 404), in a fixed number of statements."""
    obligations = repo.get_many(session, obligation_ids)
    readable = agreements_service.get_many(
        session, principal, [o.agreement_id for o in obligations], load="row"
    )
    return [o for o in obligations if o.agreement_id in readable]


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
    errors += schedule_errors(schedule_of(values), agreement)
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
        extra={"findings": [finding_json(finding)]},
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
        errors += schedule_errors(schedule_of(merged), agreement)
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
    repo.refresh_next_due(session, [occurrence.obligation_id], today)
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
    repo.refresh_next_due(session, [occurrence.obligation_id], today)
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


def refresh_stale_next_due(session: Session, today: date, limit: int) -> int:
    """Store again the next due dates that the passing of days made stale (an open occurrence's due
    date went by), at most `limit` obligations; returns how many. The daily job calls it until 0."""
    ids = repo.stale_next_due_ids(session, repo.as_of(today), limit)
    repo.refresh_next_due(session, ids, today)
    return len(ids)


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
