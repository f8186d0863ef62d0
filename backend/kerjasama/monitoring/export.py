"""CSV and XLSX export of monitoring reports across the caller's agreements, no row cap.

Rows come as plain columns from a server-side cursor in batches; codes (status, recommendation,
category, period such as "Semester I 2026") are written as labels in the file's language.

The query lives here, beside the writer, as the export's only query.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlalchemy.orm import Session

from kerjasama.core import labels as lb
from kerjasama.core.auth import Principal
from kerjasama.core.scope import scoped_agreement_ids
from kerjasama.core.spreadsheet import Column, TableFormat, write_table
from kerjasama.core.streaming import stream
from kerjasama.models import Agreement, MonitoringReport, Opd

COLUMNS = (
    Column("Nomor kerja sama", "Agreement number", 26),
    Column("Judul kerja sama", "Agreement title", 40),
    Column("Kategori", "Category", 30),
    Column("OPD pemrakarsa", "Lead OPD", 18),
    Column("Periode", "Period", 18),
    Column("Awal periode", "Period start", 14, "date"),
    Column("Akhir periode", "Period end", 14, "date"),
    Column("Batas waktu", "Due date", 14, "date"),
    Column("Status laporan", "Report status", 18),
    Column("Rekomendasi", "Recommendation", 14),
    Column("Diajukan", "Submitted on", 14, "date"),
    Column("Final", "Finalised on", 14, "date"),
    Column("Permasalahan", "Problems", 40),
    Column("Pemecahan masalah", "Solutions", 40),
    Column("Tindak lanjut", "Follow-up", 40),
)


def export_select(
    scope: Select[Any],
    *,
    period: str | None = None,
    status: str | None = None,
    lead_opd_id: uuid.UUID | None = None,
    agreement_id: uuid.UUID | None = None,
) -> Select[Any]:
    """Reports of the agreements in scope as plain columns, for a streamed export: latest period first."""
    stmt: Select[Any] = (
        select(  # type: ignore[assignment]
            MonitoringReport.id,
            Agreement.number,
            Agreement.title,
            Agreement.category,
            Opd.abbreviation,
            MonitoringReport.period,
            MonitoringReport.period_start,
            MonitoringReport.period_end,
            MonitoringReport.due_date,
            MonitoringReport.status,
            MonitoringReport.recommendation,
            MonitoringReport.submitted_at,
            MonitoringReport.finalised_at,
            MonitoringReport.problems,
            MonitoringReport.solutions,
            MonitoringReport.follow_up,
        )
        .join(Agreement, Agreement.id == MonitoringReport.agreement_id)
        .join(Opd, Opd.id == Agreement.lead_opd_id)
        .where(MonitoringReport.agreement_id.in_(scope))
    )
    for column, value in (
        (MonitoringReport.period, period),
        (MonitoringReport.status, status),
        (Agreement.lead_opd_id, lead_opd_id),
        (MonitoringReport.agreement_id, agreement_id),
    ):
        if value is not None:
            stmt = stmt.where(column == value)
    return stmt.order_by(MonitoringReport.period_start.desc(), Agreement.number, MonitoringReport.id)


def _rows(session: Session, stmt: Select[Any], lang: lb.Lang) -> Iterator[list[Any]]:
    for batch in stream(session, stmt):
        for r in batch:
            yield [
                r.number,
                r.title,
                lb.label(lb.CATEGORY, r.category, lang),
                r.abbreviation,
                lb.period(r.period, lang),
                r.period_start,
                r.period_end,
                r.due_date,
                lb.label(lb.REPORT_STATUS, r.status, lang),
                lb.label(lb.RECOMMENDATION, r.recommendation, lang),
                r.submitted_at,
                r.finalised_at,
                r.problems,
                r.solutions,
                r.follow_up,
            ]


def write(
    session: Session,
    principal: Principal,
    fmt: TableFormat,
    *,
    lang: lb.Lang,
    period: str | None = None,
    status: str | None = None,
    lead_opd_id: uuid.UUID | None = None,
    agreement_id: uuid.UUID | None = None,
) -> Path:
    """Write the reports of the caller's agreements matching the filters to a temporary file."""
    stmt = export_select(
        scoped_agreement_ids(principal),
        period=period,
        status=status,
        lead_opd_id=lead_opd_id,
        agreement_id=agreement_id,
    )
    title = "Laporan monev" if lang == "id" else "Monitoring reports"
    return write_table(fmt, COLUMNS, _rows(session, stmt, lang), lang=lang, sheet_title=title)
