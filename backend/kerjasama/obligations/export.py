"""CSV and XLSX export of obligations with their occurrences and fulfilment, no row cap.

One row per occurrence (an obligation without occurrences keeps one row), in the list's scope and
filters. Rows come as plain columns from a server-side cursor in batches; each batch adds two queries
for the fulfilment records. Codes are written as labels in the file's language.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session

from kerjasama.core import labels as lb
from kerjasama.core.auth import Principal
from kerjasama.core.scope import scoped_agreement_ids
from kerjasama.core.spreadsheet import Column, TableFormat, write_table
from kerjasama.core.streaming import stream
from kerjasama.models.obligations import OPEN_STATUSES
from kerjasama.obligations import repository
from kerjasama.obligations.schemas import ObligationFilters

COLUMNS = (
    Column("Nomor kerja sama", "Agreement number", 26),
    Column("Judul kerja sama", "Agreement title", 40),
    Column("Kategori", "Category", 30),
    Column("Hak/Kewajiban", "Right/Obligation", 12),
    Column("Uraian", "Description", 50),
    Column("Pasal", "Clause", 12),
    Column("Pihak", "Party", 30),
    Column("OPD penanggung jawab", "Responsible OPD", 18),
    Column("Jadwal", "Schedule", 18),
    Column("Indikator", "Indicator", 30),
    Column("Target", "Target", 12, "number"),
    Column("Satuan", "Unit", 12),
    Column("Ke-", "No.", 6, "number"),
    Column("Awal periode", "Period start", 14, "date"),
    Column("Jatuh tempo", "Due date", 14, "date"),
    Column("Status", "Status", 22),
    Column("Tanggal terpenuhi", "Fulfilled on", 14, "date"),
    Column("Jumlah catatan pemenuhan", "Fulfilment records", 10, "number"),
    Column("Nilai realisasi", "Value realised", 14, "number"),
    Column("Realisasi terakhir", "Last realised on", 14, "date"),
    Column("Catatan pemenuhan", "Fulfilment notes", 50),
    Column("Jumlah bukti", "Evidence documents", 10, "number"),
)


def _status(stored: str | None, due: date | None, today: date) -> str | None:
    if stored in OPEN_STATUSES and due is not None and due < today:
        return "late"
    return stored


def _rows(session: Session, stmt: Select[Any], today: date, lang: lb.Lang) -> Iterator[list[Any]]:
    for batch in stream(session, stmt):
        totals = repository.fulfilment_totals(session, [r.occurrence_id for r in batch])
        for r in batch:
            t = totals.get(r.occurrence_id) if r.occurrence_id is not None else None
            yield [
                r.number,
                r.title,
                lb.label(lb.CATEGORY, r.category, lang),
                lb.label(lb.OBLIGATION_KIND, r.kind, lang),
                r.description,
                r.clause_reference,
                r.party_name,
                r.abbreviation,
                lb.label(lb.SCHEDULE_TYPE, r.schedule_type, lang),
                r.indicator,
                r.target,
                r.unit,
                r.seq,
                r.period_start,
                r.due_date,
                lb.label(lb.OCCURRENCE_STATUS, _status(r.status, r.due_date, today), lang),
                r.fulfilled_on,
                t.records if t else 0,
                t.value if t else None,
                t.last_realised_on if t else None,
                " | ".join(t.notes) if t else "",
                t.evidence if t else 0,
            ]


def write(
    session: Session,
    principal: Principal,
    filters: ObligationFilters,
    fmt: TableFormat,
    *,
    home_region: str,
    today: date,
    lang: lb.Lang,
) -> Path:
    """Write what the list would show for these filters (its own statement and scope) to a temporary file."""
    filtered = repository.filtered(
        scoped_agreement_ids(principal), today, home_region, **filters.model_dump()
    )
    stmt = repository.export_select(filtered, home_region)
    title = "Hak dan kewajiban" if lang == "id" else "Obligations"
    return write_table(fmt, COLUMNS, _rows(session, stmt, today, lang), lang=lang, sheet_title=title)
