"""The change recorder: every committed change to a feed entity becomes a `change_event` row.

Province systems sync incrementally from `GET /api/v1/changes` and webhooks fan out from the same rows,
so the recorder must miss nothing and must order events in commit order:

- It listens to every ORM flush of every Session and notes which feed entity each new, changed or
  deleted row belongs to (a party row changes its agreement, a fulfilment its obligation …).
- At commit it takes one writer lock (PostgreSQL: the same advisory transaction lock the audit chain
  uses; SQLite: the database's single write lock, already held by `BEGIN IMMEDIATE`) and only then
  inserts the events. Their `seq` values are therefore handed out in commit order, and a reader that has
  seen `seq = n` can never later find a committed event with a smaller `seq` (no skipped changes).
- The payload is not stored: the feed renders the entity as it is now and as the caller may see it.

Code that changes feed rows with bulk statements (which bypass the ORM's unit of work) calls `touch()`.
"""

from __future__ import annotations

import uuid
from collections.abc import Collection, Iterable
from typing import Any

from sqlalchemy import event, insert, select, text
from sqlalchemy.orm import Session, UOWTransaction

from kerjasama.core.audit import AUDIT_LOCK_KEY
from kerjasama.models import (
    Agreement,
    AgreementAffair,
    AgreementParty,
    AgreementRelatedOpd,
    MonitoringReport,
    MonitoringReportDocument,
    MonitoringReportEvent,
    Obligation,
    ObligationFulfilment,
    ObligationOccurrence,
    Opd,
    Partner,
    PartnerContact,
)
from kerjasama.models.base import utcnow
from kerjasama.models.integration import ChangeEvent

# One lock for the audit chain and the change feed, so that their order can never deadlock.
CHANGE_LOCK_KEY = AUDIT_LOCK_KEY
_PENDING = "ksd_pending_changes"
_OCCURRENCES = "ksd_pending_occurrences"
_OPDS = "ksd_pending_opds"
_ORDER = {"partner": 0, "agreement": 1, "obligation": 2, "monitoring_report": 3}

Pending = dict[tuple[str, uuid.UUID], tuple[uuid.UUID | None, str]]


def _pending(session: Session) -> Pending:
    store: Pending = session.info.setdefault(_PENDING, {})
    return store


def touch(
    session: Session,
    entity_type: str,
    entity_id: uuid.UUID,
    agreement_id: uuid.UUID | None,
    *,
    deleted: bool = False,
) -> None:
    """Record a change that the ORM cannot see (a bulk UPDATE/DELETE)."""
    _note(session, entity_type, entity_id, agreement_id, "delete" if deleted else "upsert")


def _note(
    session: Session, entity_type: str, entity_id: uuid.UUID | None, agreement_id: uuid.UUID | None, op: str
) -> None:
    if entity_id is None:
        return
    pending = _pending(session)
    key = (entity_type, entity_id)
    known_agreement = agreement_id or (pending[key][0] if key in pending else None)
    # The last word wins: deleted then re-created is an upsert, changed then deleted is a delete.
    pending[key] = (known_agreement, op)


def _note_row(session: Session, obj: Any, *, deleted: bool) -> None:
    """Note the feed entity a row belongs to; a whole entity deleted is a delete, a part of it an upsert."""
    op = "delete" if deleted else "upsert"
    d = obj.__dict__
    if isinstance(obj, Agreement):
        _note(session, "agreement", obj.id, obj.id, op)
    elif isinstance(obj, AgreementParty | AgreementAffair | AgreementRelatedOpd):
        _note(session, "agreement", d.get("agreement_id"), d.get("agreement_id"), "upsert")
    elif isinstance(obj, Partner):
        _note(session, "partner", obj.id, None, op)
    elif isinstance(obj, PartnerContact):
        _note(session, "partner", d.get("partner_id"), None, "upsert")
    elif isinstance(obj, Obligation):
        _note(session, "obligation", obj.id, d.get("agreement_id"), op)
    elif isinstance(obj, ObligationOccurrence):
        _note(session, "obligation", d.get("obligation_id"), None, "upsert")
    elif isinstance(obj, ObligationFulfilment):
        occurrences: set[uuid.UUID] = session.info.setdefault(_OCCURRENCES, set())
        if d.get("occurrence_id"):
            occurrences.add(d["occurrence_id"])
    elif isinstance(obj, MonitoringReport):
        _note(session, "monitoring_report", obj.id, d.get("agreement_id"), op)
    elif isinstance(obj, MonitoringReportDocument | MonitoringReportEvent):
        _note(session, "monitoring_report", d.get("report_id"), None, "upsert")
    elif isinstance(obj, Opd):
        opds: set[uuid.UUID] = session.info.setdefault(_OPDS, set())
        opds.add(obj.id)


_TRACKED = (
    Agreement,
    AgreementParty,
    AgreementAffair,
    AgreementRelatedOpd,
    Partner,
    PartnerContact,
    Obligation,
    ObligationOccurrence,
    ObligationFulfilment,
    MonitoringReport,
    MonitoringReportDocument,
    MonitoringReportEvent,
    Opd,
)


@event.listens_for(Session, "before_flush")
def _before_flush(session: Session, flush_context: UOWTransaction, instances: Iterable[Any] | None) -> None:
    for obj in session.deleted:
        if isinstance(obj, Agreement):
            # The database cascades the delete to obligations and reports: tombstone them now,
            # while they can still be found.
            _children(session, [obj.id], "delete")
        elif isinstance(obj, ObligationFulfilment):
            _note_row(session, obj, deleted=True)


@event.listens_for(Session, "after_flush")
def _after_flush(session: Session, flush_context: UOWTransaction) -> None:
    for obj in session.new:
        if isinstance(obj, _TRACKED):
            _note_row(session, obj, deleted=False)
    for obj in session.dirty:
        if isinstance(obj, _TRACKED) and session.is_modified(obj, include_collections=False):
            _note_row(session, obj, deleted=False)
    for obj in session.deleted:
        if isinstance(obj, _TRACKED):
            _note_row(session, obj, deleted=True)


def _children(session: Session, agreement_ids: Collection[uuid.UUID], op: str) -> None:
    """Obligations and monitoring reports embed their agreement (number, title, parties): they change with it."""
    if not agreement_ids:
        return
    conn = session.connection()
    pending = _pending(session)
    for model, entity_type in ((Obligation, "obligation"), (MonitoringReport, "monitoring_report")):
        rows = conn.execute(select(model.id, model.agreement_id).where(model.agreement_id.in_(agreement_ids)))
        for eid, aid in rows:
            if op == "upsert" and pending.get((entity_type, eid), (None, ""))[1] == "delete":
                continue
            _note(session, entity_type, eid, aid, op)


def _embedding_agreements(session: Session, pending: Pending) -> None:
    """Agreements embed their partners' and OPDs' names: a renamed partner or OPD changes them too."""
    conn = session.connection()
    partner_ids = [eid for (t, eid), (_, op) in pending.items() if t == "partner"]
    opd_ids: set[uuid.UUID] = session.info.pop(_OPDS, set())
    found: set[uuid.UUID] = set()
    if partner_ids:
        found |= set(
            conn.scalars(
                select(AgreementParty.agreement_id).where(AgreementParty.partner_id.in_(partner_ids))
            )
        )
    if opd_ids:
        found |= set(conn.scalars(select(Agreement.id).where(Agreement.lead_opd_id.in_(opd_ids))))
        found |= set(
            conn.scalars(
                select(AgreementRelatedOpd.agreement_id).where(AgreementRelatedOpd.opd_id.in_(opd_ids))
            )
        )
    for aid in found:
        if pending.get(("agreement", aid), (None, ""))[1] != "delete":
            _note(session, "agreement", aid, aid, "upsert")


def _resolve(session: Session, pending: Pending) -> None:
    """Find, in one query per kind, the obligation of each fulfilment and the agreement of each child."""
    conn = session.connection()
    occurrences: set[uuid.UUID] = session.info.pop(_OCCURRENCES, set())
    if occurrences:
        rows = conn.execute(
            select(ObligationOccurrence.obligation_id, Obligation.agreement_id)
            .join(Obligation, Obligation.id == ObligationOccurrence.obligation_id)
            .where(ObligationOccurrence.id.in_(occurrences))
        )
        for obligation_id, agreement_id in rows:
            pending.setdefault(("obligation", obligation_id), (agreement_id, "upsert"))
    for entity_type, model in (("obligation", Obligation), ("monitoring_report", MonitoringReport)):
        missing = [eid for (t, eid), (aid, _) in pending.items() if t == entity_type and aid is None]
        if missing:
            # (not dict(result): a Result has keys(), so dict() would index it by column name)
            rows = conn.execute(select(model.id, model.agreement_id).where(model.id.in_(missing)))
            found = {eid: aid for eid, aid in rows}  # noqa: C416 (see above)
            for eid in missing:
                _, op = pending[(entity_type, eid)]
                pending[(entity_type, eid)] = (found.get(eid), op)


@event.listens_for(Session, "before_commit")
def _before_commit(session: Session) -> None:
    if (
        not any(session.info.get(k) for k in (_PENDING, _OPDS, _OCCURRENCES))
        and not session.new
        and not (session.dirty or session.deleted)
    ):
        return
    session.flush()  # the unit of work may still hold changes; their marks come from after_flush
    pending = _pending(session)
    _embedding_agreements(session, pending)
    upserted = [eid for (t, eid), (_, op) in pending.items() if t == "agreement" and op == "upsert"]
    _children(session, upserted, "upsert")
    _resolve(session, pending)
    session.info.pop(_PENDING, None)
    if not pending:
        return
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": CHANGE_LOCK_KEY})
    # Deterministic order inside one transaction: partners, agreements, then their children.
    ordered = sorted(pending.items(), key=lambda kv: (_ORDER[kv[0][0]], str(kv[0][1])))
    now = utcnow()
    conn.execute(
        insert(ChangeEvent),
        [
            {"entity_type": t, "entity_id": eid, "agreement_id": aid, "op": op, "changed_at": now}
            for (t, eid), (aid, op) in ordered
        ],
    )


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    for key in (_PENDING, _OPDS, _OCCURRENCES):
        session.info.pop(key, None)
