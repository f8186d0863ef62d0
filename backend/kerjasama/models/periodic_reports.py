"""Finalized periodic reports (Laporan Pelaksanaan Kerja Sama Daerah) and their sendings.

The TKKSD compiles semester and annual reports for the head of region, which go up the chain to the
Gubernur (Permendagri 22/2020 Pasal 46(2)j, 46(3), 17(3)); foreign cooperation reports yearly to the
Gubernur in the first week of January (Permendagri 25/2020 Pasal 35–38). A finalized report is an
immutable snapshot: the JSON, PDF and XLSX bytes with their SHA-256, never updated or deleted (the
migration adds a database trigger that refuses both).
"""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import CheckConstraint, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kerjasama.models.base import Base, new_id, utcnow

PERIODS = ("S1", "S2", "annual")
SENDING_RECIPIENTS = ("wali_kota", "gubernur")


class PeriodicReport(Base):
    """One finalized period: written once, read many times."""

    __tablename__ = "periodic_report"
    __table_args__ = (
        CheckConstraint(f"period IN {PERIODS!r}", name="period"),
        UniqueConstraint("year", "period"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    year: Mapped[int]
    period: Mapped[str] = mapped_column(String(10))
    period_start: Mapped[date]
    period_end: Mapped[date] = mapped_column(index=True)
    # When the content was compiled (the JSON carries the same instant).
    generated_at: Mapped[datetime]
    finalized_at: Mapped[datetime] = mapped_column(default=utcnow)
    finalized_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    finalized_by_username: Mapped[str] = mapped_column(String(80))
    content_json: Mapped[bytes] = mapped_column(LargeBinary)
    json_sha256: Mapped[str] = mapped_column(String(64))
    pdf: Mapped[bytes] = mapped_column(LargeBinary)
    pdf_sha256: Mapped[str] = mapped_column(String(64))
    xlsx: Mapped[bytes] = mapped_column(LargeBinary)
    xlsx_sha256: Mapped[str] = mapped_column(String(64))


class PeriodicReportSending(Base):
    """The report sent to the Wali Kota or the Gubernur: date and letter number (surat pengantar)."""

    __tablename__ = "periodic_report_sending"
    __table_args__ = (CheckConstraint(f"recipient IN {SENDING_RECIPIENTS!r}", name="recipient"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    report_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("periodic_report.id"), index=True)
    recipient: Mapped[str] = mapped_column(String(20))
    sent_date: Mapped[date]
    letter_number: Mapped[str] = mapped_column(String(120))
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
