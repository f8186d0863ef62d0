"""Monitoring & evaluation reports (laporan monev, Permendagri 22/2020 Pasal 17 and 39)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kerjasama.models.base import Base, new_id, utcnow

CADENCES = ("semester", "year")
REPORT_STATUSES = ("draft", "submitted", "verified", "reviewed", "final", "returned")
RECOMMENDATIONS = ("continue", "expand", "revise", "stop")


class MonitoringSetting(Base):
    """Per-agreement override of the report cadence and due day; absent = semester, due 15 days after."""

    __tablename__ = "monitoring_setting"
    __table_args__ = (CheckConstraint(f"cadence IN {CADENCES!r}", name="cadence"),)

    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), primary_key=True
    )
    cadence: Mapped[str] = mapped_column(String(10), default="semester")
    # The report is due this many days after the period ends (15: 15 July and 15 January).
    due_days: Mapped[int] = mapped_column(default=15)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class MonitoringReport(Base):
    __tablename__ = "monitoring_report"
    __table_args__ = (
        CheckConstraint(f"status IN {REPORT_STATUSES!r}", name="status"),
        CheckConstraint(
            f"recommendation IS NULL OR recommendation IN {RECOMMENDATIONS!r}", name="recommendation"
        ),
        UniqueConstraint("agreement_id", "period"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    # "2026-S1", "2026-S2" or "2026" (yearly cadence)
    period: Mapped[str] = mapped_column(String(10), index=True)
    period_start: Mapped[date]
    period_end: Mapped[date]
    due_date: Mapped[date]
    status: Mapped[str] = mapped_column(String(20), default="draft")
    # The nine minimum items that are not copied from the agreement, plus free text.
    problems: Mapped[str] = mapped_column(Text, default="")
    solutions: Mapped[str] = mapped_column(Text, default="")
    other_matters: Mapped[str] = mapped_column(Text, default="")
    follow_up: Mapped[str] = mapped_column(Text, default="")
    # Foreign cooperation (KSDPL/KSDLL): the contents of Permendagri 25/2020 Pasal 37 that are not copied
    # from the agreement (latar belakang, perkembangan dan hasil, penerima manfaat, pembiayaan, analisis;
    # kendala is `problems`, tindak lanjut `follow_up`). Empty for domestic reports.
    background: Mapped[str] = mapped_column(Text, default="", server_default="")
    progress_results: Mapped[str] = mapped_column(Text, default="", server_default="")
    beneficiaries: Mapped[str] = mapped_column(Text, default="", server_default="")
    funding: Mapped[str] = mapped_column(Text, default="", server_default="")
    analysis: Mapped[str] = mapped_column(Text, default="", server_default="")
    # Questionnaire: {"conformity": 1..5, "timeliness": ..., ...}
    ratings: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    recommendation: Mapped[str | None] = mapped_column(String(10))
    # Per obligation occurrence: [{"occurrence_id", "obligation_id", "status", "value_realised", "note"}]
    realisation: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    return_reason: Mapped[str | None] = mapped_column(Text)
    submitted_at: Mapped[datetime | None]
    finalised_at: Mapped[datetime | None]
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


class MonitoringReportDocument(Base):
    __tablename__ = "monitoring_report_document"

    report_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("monitoring_report.id", ondelete="CASCADE"), primary_key=True
    )
    document_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("document.id"), primary_key=True, index=True)


class MonitoringReportEvent(Base):
    """The report's workflow history: who moved it, from where to where, and why."""

    __tablename__ = "monitoring_report_event"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    report_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("monitoring_report.id", ondelete="CASCADE"), index=True
    )
    action: Mapped[str] = mapped_column(String(20))
    from_status: Mapped[str] = mapped_column(String(20))
    to_status: Mapped[str] = mapped_column(String(20))
    actor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    actor_username: Mapped[str] = mapped_column(String(80))
    actor_role: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(default=utcnow)
