"""Reading an uploaded XLSX safely: size cap, a real Office Open XML zip (not an encrypted OLE file,
not a zip bomb, no DTD in any part), then openpyxl in read-only mode (which parses with defusedxml
when it is installed). Formulas are never evaluated: a formula cell is read as its text ("=1+1")."""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from openpyxl import load_workbook

from kerjasama.imports.columns import COLUMNS, EXAMPLE_PREFIX, SHEET
from kerjasama.imports.errors import NotASpreadsheet, SpreadsheetTooLarge, SpreadsheetUnreadable

# Headers of earlier templates, still read: the first column was "Nomor registrasi" before the
# registry settled on one term, "Nomor registri" (the UI, the user guide and the periodic reports).
FORMER_HEADERS = {"Nomor registrasi": "Nomor registri"}

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 2000
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_MEMBERS = 500
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
PROLOG_BYTES = 64 * 1024


@dataclass(frozen=True)
class SheetRow:
    """One data row: its row number in the sheet and the cells by column key (None when empty)."""

    row: int
    cells: dict[str, Any]


def _check_container(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise SpreadsheetTooLarge(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.")
    if data.startswith(OLE_MAGIC):
        raise NotASpreadsheet(
            "The file is password-protected (encrypted) or an old .xls workbook. Save it as .xlsx without a "
            "password and upload it again.",
            code="spreadsheet_encrypted",
        )
    if not data.startswith(ZIP_MAGIC):
        raise NotASpreadsheet("The file is not an XLSX workbook (Excel 2007 or later).")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            names = {i.filename for i in infos}
            if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
                raise NotASpreadsheet("The zip file is not an XLSX workbook (no xl/workbook.xml).")
            if len(infos) > MAX_MEMBERS or sum(i.file_size for i in infos) > MAX_UNCOMPRESSED:
                raise SpreadsheetTooLarge("The workbook unpacks to more than the import accepts.")
            for info in infos:
                if not info.filename.endswith((".xml", ".rels")):
                    continue
                with zf.open(info) as part:
                    prolog = part.read(PROLOG_BYTES)
                if b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog:
                    raise SpreadsheetUnreadable(
                        f"{info.filename} declares a DTD or entities, which a workbook never needs; refused.",
                        code="spreadsheet_unsafe_xml",
                    )
    except zipfile.BadZipFile as exc:
        raise NotASpreadsheet(f"The file is not a readable zip/XLSX: {exc}.") from exc


def _value(v: Any) -> Any:
    if isinstance(v, datetime):
        return v.date() if (v.hour, v.minute, v.second) == (0, 0, 0) else v
    if isinstance(v, str):
        v = v.strip()
        return v or None
    return v


def read(data: bytes) -> list[SheetRow]:
    """The data rows of the «Naskah» sheet (empty rows and the example row left out)."""
    _check_container(data)
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=False, keep_links=False)
    except Exception as exc:
        raise SpreadsheetUnreadable(f"The workbook cannot be read ({type(exc).__name__}).") from exc
    try:
        if SHEET not in wb.sheetnames:
            raise SpreadsheetUnreadable(
                f"The workbook has no sheet «{SHEET}»; use the template.", code="template_mismatch"
            )
        ws = wb[SHEET]
        rows: list[SheetRow] = []
        for number, values in enumerate(ws.iter_rows(values_only=True, max_col=len(COLUMNS)), start=1):
            cells = [_value(v) for v in values] + [None] * (len(COLUMNS) - len(values))
            if number == 1:
                headers = [FORMER_HEADERS.get(h, h) for h in (str(c or "").rstrip(" *") for c in cells)]
                expected = [c.header for c in COLUMNS]
                if headers != expected:
                    raise SpreadsheetUnreadable(
                        "The first row of «Naskah» is not the template's header row; use the template.",
                        code="template_mismatch",
                    )
                continue
            if all(c is None for c in cells):
                continue
            if isinstance(cells[0], str) and cells[0].upper().startswith(EXAMPLE_PREFIX):
                continue
            if len(rows) >= MAX_ROWS:
                raise SpreadsheetTooLarge(f"More than {MAX_ROWS} rows; split the file.", code="too_many_rows")
            rows.append(SheetRow(number, {c.key: v for c, v in zip(COLUMNS, cells, strict=True)}))
        return rows
    except (SpreadsheetUnreadable, SpreadsheetTooLarge):
        raise
    except Exception as exc:
        raise SpreadsheetUnreadable(f"The sheet cannot be read ({type(exc).__name__}).") from exc
    finally:
        wb.close()


def as_date(value: Any) -> date | None:
    """A cell as a date: a date cell, 15/07/2026 or 2026-07-15; ValueError otherwise."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(text)
