"""CSV and XLSX exports of agreement lists. Cells that a spreadsheet would run as a formula are
neutralised (CWE-1236): a leading = + - @ tab or CR gets a quote prefix."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import Any, Literal

from openpyxl import Workbook
from openpyxl.styles import Font

from kerjasama.core.spreadsheet import formula_safe as safe
from kerjasama.models import Agreement

ExportFormat = Literal["csv", "xlsx"]
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAX_ROWS = 10_000
HEADERS = (
    "Nomor registrasi",
    "Jenis naskah",
    "Kategori",
    "Sifat",
    "Judul",
    "Mitra",
    "OPD pemrakarsa",
    "Tanggal penandatanganan",
    "Mulai berlaku",
    "Berakhir",
    "Status",
    "Tahap",
    "Akan berakhir",
    "Lewat masa berlaku",
    "Data demo",
)


def rows(agreements: Sequence[Agreement], today: date, window_days: int) -> list[list[Any]]:
    out = []
    for a in agreements:
        days = (a.end_date - today).days if a.end_date else None
        in_force = a.status == "in_force"
        out.append(
            [
                a.number,
                a.kind,
                a.category,
                a.nature or "",
                a.title,
                "; ".join(p.partner.name for p in a.parties if p.partner is not None),
                a.lead_opd.abbreviation,
                a.signed_date,
                a.start_date,
                a.end_date,
                a.status,
                a.stage,
                "ya" if in_force and days is not None and 0 <= days <= window_days else "",
                "ya" if in_force and days is not None and days < 0 else "",
                "ya" if a.is_demo else "",
            ]
        )
    return out


def to_csv(table: list[list[Any]]) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(HEADERS)
    for row in table:
        writer.writerow(
            [safe(v.isoformat() if isinstance(v, date) else ("" if v is None else v)) for v in row]
        )
    # BOM so that Excel opens the UTF-8 file with the right characters.
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(table: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Kerja sama"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in table:
        ws.append([safe(v) for v in row])
    for col, width in zip(
        "ABCDEFGHIJKLMNO", (26, 10, 10, 10, 60, 40, 18, 14, 14, 14, 12, 16, 10, 10, 8), strict=True
    ):
        ws.column_dimensions[col].width = width
    for row_cells in ws.iter_rows(min_row=2, min_col=8, max_col=10):
        for cell in row_cells:
            cell.number_format = "DD/MM/YYYY"
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
