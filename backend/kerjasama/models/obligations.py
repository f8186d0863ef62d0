"""Schedules of obligations: occurrences, fulfilment records with evidence, force-majeure events.

The Obligation row itself lives in models/procedure.py (R27 needs it); its schedule columns are there too.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, ForeignKey, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kerjasama.models.base import Base, new_id, utcnow

# Stored statuses. `late` is never stored: it is derived (past due_date and pending/in_progress).
OCCURRENCE_STATUSES = ("pending", "in_progress", "fulfilled", "not_fulfilled", "suspended_force_majeure")
# An occurrence is `late` when its due_date is before today (region's zone) and its stored status is one of these.
OPEN_STATUSES = ("pending", "in_progress")


class ForceMajeureEvent(Base):
    """A recorded keadaan kahar; occurrences may be suspended only with a reference to one."""

    __tablename__ = "force_majeure_event"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    description: Mapped[str] = mapped_column(Text)
    start_date: Mapped[date]
    end_date: Mapped[date | None]
    document_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("document.id"))
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class ObligationOccurrence(Base):
    """One due instance generated from an obligation's schedule."""

    __tablename__ = "obligation_occurrence"
    __table_args__ = (
        CheckConstraint(f"status IN {OCCURRENCE_STATUSES!r}", name="status"),
        CheckConstraint(
            "status <> 'suspended_force_majeure' OR force_majeure_event_id IS NOT NULL",
            name="force_majeure_needs_event",
        ),
        UniqueConstraint("obligation_id", "due_date"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    obligation_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("obligation.id", ondelete="CASCADE"), index=True
    )
    seq: Mapped[int]
    period_start: Mapped[date]
    due_date: Mapped[date] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(30), default="pending")
    force_majeure_event_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("force_majeure_event.id"))
    fulfilled_on: Mapped[date | None]
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class ObligationFulfilment(Base):
    """What was realised for one occurrence: value, note and evidence documents."""

    __tablename__ = "obligation_fulfilment"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    occurrence_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("obligation_occurrence.id", ondelete="CASCADE"), index=True
    )
    realised_on: Mapped[date]
    value_realised: Mapped[Decimal | None] = mapped_column(Numeric(20, 2))
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    recorded_at: Mapped[datetime] = mapped_column(default=utcnow)


class FulfilmentDocument(Base):
    __tablename__ = "fulfilment_document"

    fulfilment_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("obligation_fulfilment.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("document.id"), primary_key=True, index=True)
