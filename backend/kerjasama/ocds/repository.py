"""Every query of the OCDS open data. Agreements come only through the public register's rule
(`public_register.policy.visible_clause`): OCDS never shows more than the public register."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from kerjasama.models import (
    Agreement,
    AgreementParty,
    Document,
    Obligation,
    ObligationOccurrence,
    Region,
    StatusTransition,
)
from kerjasama.public_register import policy as public

ADENDUM = "ADENDUM"

_LOAD = (
    selectinload(Agreement.lead_opd),
    selectinload(Agreement.parties).selectinload(AgreementParty.partner),
    selectinload(Agreement.affairs),
    selectinload(Agreement.related_opds),
)


@dataclass
class Process:
    """One contracting process: a public text (not an ADENDUM) with what its releases are built from."""

    agreement: Agreement
    framework: Agreement | None = None  # the public KB a PKS works under
    amendments: list[Agreement] = field(default_factory=list)  # its public, signed ADENDUM texts
    transitions: list[StatusTransition] = field(default_factory=list)
    occurrences: list[tuple[ObligationOccurrence, Obligation]] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)


def processes(session: Session, *, after: uuid.UUID | None, limit: int) -> list[Process]:
    """A page of processes ordered by agreement id (keyset), with everything loaded in a fixed
    number of queries whatever the page size."""
    stmt = select(Agreement).where(public.visible_clause(), Agreement.kind != ADENDUM)
    if after is not None:
        stmt = stmt.where(Agreement.id > after)
    rows = list(session.scalars(stmt.order_by(Agreement.id).limit(limit).options(*_LOAD)))
    return _complete(session, rows)


def process_by_ocid(session: Session, ocid: str) -> Process | None:
    stmt = select(Agreement).where(public.visible_clause(), Agreement.kind != ADENDUM, Agreement.ocid == ocid)
    found = session.scalars(stmt.options(*_LOAD)).first()
    return _complete(session, [found])[0] if found is not None else None


def adendum_parent_ocid(session: Session, ocid: str) -> str | None:
    """The ocid of the public process a public ADENDUM with this ocid amends (it has no process of its own)."""
    adendum = session.scalars(
        select(Agreement).where(public.visible_clause(), Agreement.kind == ADENDUM, Agreement.ocid == ocid)
    ).first()
    if adendum is None or adendum.parent_id is None:
        return None
    parent: str | None = session.scalar(
        select(Agreement.ocid).where(public.visible_clause(), Agreement.id == adendum.parent_id)
    )
    return parent


def _complete(session: Session, rows: Sequence[Agreement]) -> list[Process]:
    if not rows:
        return []
    ids = [a.id for a in rows]
    by_id = {a.id: Process(a) for a in rows}
    # One query per kind of data, run even when empty: the statement count never depends on the page.
    parent_ids = {a.parent_id for a in rows if a.parent_id is not None}
    frameworks = {
        p.id: p
        for p in session.scalars(
            select(Agreement).where(
                public.visible_clause(), Agreement.id.in_(parent_ids), Agreement.kind == "KB"
            )
        )
    }
    for p in by_id.values():
        if p.agreement.parent_id is not None:
            p.framework = frameworks.get(p.agreement.parent_id)
    for adendum in session.scalars(
        select(Agreement)
        .where(public.visible_clause(), Agreement.kind == ADENDUM, Agreement.parent_id.in_(ids))
        .order_by(Agreement.signed_date, Agreement.id)
    ):
        assert adendum.parent_id is not None
        by_id[adendum.parent_id].amendments.append(adendum)
    for t in session.scalars(
        select(StatusTransition)
        .where(StatusTransition.agreement_id.in_(ids))
        .order_by(StatusTransition.at, StatusTransition.id)
    ):
        by_id[t.agreement_id].transitions.append(t)
    for occurrence, obligation in session.execute(
        select(ObligationOccurrence, Obligation)
        .join(Obligation, Obligation.id == ObligationOccurrence.obligation_id)
        .where(Obligation.agreement_id.in_(ids))
        .order_by(ObligationOccurrence.due_date, ObligationOccurrence.id)
    ).all():
        by_id[obligation.agreement_id].occurrences.append((occurrence, obligation))
    for d in session.scalars(
        select(Document)
        .where(Document.agreement_id.in_(ids), public.document_clause())
        .order_by(Document.doc_date, Document.id)
    ):
        by_id[d.agreement_id].documents.append(d)
    return [by_id[i] for i in ids]


def region_name(session: Session, code: str) -> str | None:
    name: str | None = session.scalar(select(Region.name).where(Region.code == code))
    return name


def latest_change(processes: Sequence[Process]) -> datetime | None:
    """When the newest thing in these processes changed (the package's publishedDate)."""
    moments: list[datetime] = []
    for p in processes:
        moments.append(p.agreement.updated_at)
        moments += [a.updated_at for a in p.amendments]
        moments += [t.at for t in p.transitions]
        moments += [o.updated_at for o, _ in p.occurrences]
        moments += [d.uploaded_at for d in p.documents]
    return max(moments) if moments else None
