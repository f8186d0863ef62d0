"""Procedure records: stage transitions, TKKSD reviews, DPRD approvals, obligations (minimal) and holidays."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, Numeric, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from kerjasama.models.base import Base, new_id, utcnow

TKKSD_OUTCOMES = ("layak", "layak_dengan_perbaikan", "tidak_layak")
DPRD_DECISIONS = ("pending", "approved", "rejected")
OBLIGATION_KINDS = ("HAK", "KEWAJIBAN")
SCHEDULE_TYPES = ("one_off", "recurring", "continuous")
FREQUENCIES = ("monthly", "quarterly", "semester", "yearly")


class StatusTransition(Base):
    """Every stage change: who, in which role, why, with which justification for WARN findings."""

    __tablename__ = "status_transition"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(40))
    from_stage: Mapped[str] = mapped_column(String(40))
    to_stage: Mapped[str] = mapped_column(String(40))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    actor_username: Mapped[str] = mapped_column(String(80))
    actor_role: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    justification: Mapped[str | None] = mapped_column(Text)
    effective_date: Mapped[date | None]
    document_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    warnings: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    at: Mapped[datetime] = mapped_column(default=utcnow)


class TkksdReview(Base):
    """The TKKSD's appraisal (telaahan) of a proposal, Permendagri 22/2020 Pasal 7 and 29."""

    __tablename__ = "tkksd_review"
    __table_args__ = (CheckConstraint(f"outcome IN {TKKSD_OUTCOMES!r}", name="outcome"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    meeting_date: Mapped[date]
    outcome: Mapped[str] = mapped_column(String(30))
    notes: Mapped[str] = mapped_column(Text, default="")
    minutes_ref: Mapped[str | None] = mapped_column(String(200))
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class DprdApproval(Base):
    """A request for DPRD approval (persetujuan DPRD) and its outcome, PP 28/2018 Pasal 6(2), 30."""

    __tablename__ = "dprd_approval"
    __table_args__ = (CheckConstraint(f"decision IN {DPRD_DECISIONS!r}", name="decision"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    request_date: Mapped[date]
    received_date: Mapped[date | None]
    deadline_date: Mapped[date | None]
    decision: Mapped[str] = mapped_column(String(20), default="pending")
    decision_date: Mapped[date | None]
    decree_number: Mapped[str | None] = mapped_column(String(120))
    document_ref: Mapped[str | None] = mapped_column(String(200))
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Obligation(Base):
    """Rights and obligations (hak dan kewajiban) of one party, with the schedule its occurrences follow."""

    __tablename__ = "obligation"
    __table_args__ = (
        CheckConstraint(f"kind IN {OBLIGATION_KINDS!r}", name="kind"),
        CheckConstraint(f"schedule_type IN {SCHEDULE_TYPES!r}", name="schedule_type"),
        CheckConstraint(f"frequency IS NULL OR frequency IN {FREQUENCIES!r}", name="frequency"),
        # The obligations list's default sort (next_due_date, NULLs last: core/pagination.py) and the
        # lookup of stored dates that the passing of days made stale (revision 0017).
        Index("ix_obligation_next_due_date_asc_key", text("coalesce(next_due_date, '9999-12-31')"), "id"),
        Index("ix_obligation_next_due_date_desc_key", text("coalesce(next_due_date, '0001-01-01')"), "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    # NULL = the home region; otherwise one of the agreement's partners.
    partner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("partner.id"))
    kind: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(Text)
    clause_reference: Mapped[str] = mapped_column(String(120), default="")
    responsible_opd_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("opd.id"), index=True)
    # one_off: due_date; recurring: frequency from anchor_date until the agreement's end_date;
    # continuous: owed throughout the term (rows from before schedules existed are continuous).
    schedule_type: Mapped[str] = mapped_column(String(20), default="one_off", server_default="continuous")
    due_date: Mapped[date | None]
    frequency: Mapped[str | None] = mapped_column(String(20))
    anchor_date: Mapped[date | None]
    indicator: Mapped[str | None] = mapped_column(String(300))
    target: Mapped[Decimal | None] = mapped_column(Numeric(20, 2))
    unit: Mapped[str | None] = mapped_column(String(60))
    value: Mapped[Decimal | None] = mapped_column(Numeric(20, 2))
    # Derived, stored so that the list can sort by it through an index: the earliest due date, on or
    # after the day it was computed, of an open (pending/in_progress) occurrence; NULL when none.
    # Kept by obligations/repository.py (every write of occurrences, and the daily job for the passing of
    # days); a value before today is stale and is recomputed by the reads (obligations/repository.py).
    next_due_date: Mapped[date | None]
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class Holiday(Base):
    """Admin-managed non-working days beyond the national list: cuti bersama and regional holidays."""

    __tablename__ = "holiday"

    day: Mapped[date] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default="cuti_bersama")
