"""CSV and XLSX export of the agreement list: every row the filters match, streamed, no cap.

The rows come as plain columns from a server-side cursor in batches (`repository.stream`), with one
extra query per batch for the partners' names, and are written to a temporary file as they come, so
memory does not grow with the row count. Codes are shown as labels in the file's language; cells a
spreadsheet would run as a formula are neutralised (`core.spreadsheet.formula_safe`). On PostgreSQL
the CSV is written by the database itself (`export_copy.py`, the same cells); XLSX and SQLite come here.

"In force" is the one definition of rules/status.py, as in the list, the reads and the dashboard: a signed
text whose start date is still ahead is shown as "not yet in force", neither ending soon nor past its end.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session

from kerjasama.agreements import repository
from kerjasama.core import labels as lb
from kerjasama.core.pagination import SortSpec
from kerjasama.core.spreadsheet import Column, TableFormat, write_table
from kerjasama.core.streaming import stream
from kerjasama.rules.status import in_force_on, not_yet_in_force_on

COLUMNS = (
    Column("Nomor registri", "Registry number", 26),
    Column("Jenis naskah", "Kind of text", 24, "label"),
    Column("Kategori", "Category", 30, "label"),
    Column("Sifat", "Nature", 12, "label"),
    Column("Judul", "Title", 60),
    Column("Mitra", "Partners", 40),
    Column("OPD pemrakarsa", "Lead OPD", 18),
    Column("Tanggal penandatanganan", "Signed on", 14, "date"),
    Column("Mulai berlaku", "In force from", 14, "date"),
    Column("Berakhir", "Ends on", 14, "date"),
    Column("Status", "Status", 14, "label"),
    Column("Tahap", "Stage", 20, "label"),
    Column("Akan berakhir", "Ending soon", 10, "label"),
    Column("Lewat masa berlaku", "Past its end date", 10, "label"),
    Column("Data demo", "Demo data", 8, "label"),
    Column("Impor data lama", "Legacy import", 8, "label"),
)


def _rows(
    session: Session, stmt: Select[Any], today: date, window_days: int, lang: lb.Lang
) -> Iterator[list[Any]]:
    in_row = session.get_bind().dialect.name == "postgresql"  # names already in the row (export_select)
    for batch in stream(session, stmt):
        names = {} if in_row else repository.party_names(session, [r.id for r in batch])
        for r in batch:
            days = (r.end_date - today).days if r.end_date else None
            row: Any = r  # has the status and start_date the in-force definition reads
            in_force = in_force_on(row, today)
            status = "not_yet_in_force" if not_yet_in_force_on(row, today) else r.status
            yield [
                r.number,
                lb.label(lb.KIND, r.kind, lang),
                lb.label(lb.CATEGORY, r.category, lang),
                lb.label(lb.NATURE, r.nature, lang),
                r.title,
                (r.partner_names or "") if in_row else "; ".join(names.get(r.id, ())),
                r.abbreviation,
                r.signed_date,
                r.start_date,
                r.end_date,
                lb.label(lb.STATUS, status, lang),
                lb.label(lb.STAGE, r.stage, lang),
                lb.yes(in_force and days is not None and 0 <= days <= window_days, lang),
                lb.yes(in_force and days is not None and days < 0, lang),
                lb.yes(r.is_demo, lang),
                lb.yes(r.is_legacy_import, lang),
            ]


def write(
    session: Session,
    filtered: Select[Any],
    spec: SortSpec,
    fmt: TableFormat,
    *,
    today: date,
    window_days: int,
    lang: lb.Lang,
) -> Path:
    """Write the filtered list (the list's own statement, so the same scope) to a temporary file."""
    stmt = repository.export_select(filtered, spec, dialect=session.get_bind().dialect.name)
    title = "Kerja sama" if lang == "id" else "Agreements"
    return write_table(
        fmt, COLUMNS, _rows(session, stmt, today, window_days, lang), lang=lang, sheet_title=title
    )
