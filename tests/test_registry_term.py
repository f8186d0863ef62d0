"""One term for the registry number, "Nomor registri" (en "Registry number"), in every file the
backend writes and in the import template; a workbook made from an earlier template, whose first
header was "Nomor registrasi", is still read. Periods are written as labels ("Semester I 2026")."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from fastapi.testclient import TestClient
from httpx import Response
from openpyxl import Workbook, load_workbook

from kerjasama.imports.columns import COLUMNS, SHEET
from tests.test_imports import URL as IMPORT_URL
from tests.test_imports import row

BACKEND = Path(__file__).resolve().parents[1] / "backend" / "kerjasama"


def _header(r: Response) -> list[str]:
    assert r.status_code == 200, r.text
    return next(csv.reader(io.StringIO(r.content.decode("utf-8-sig"))))


def test_the_agreement_export_names_the_registry_number_in_both_languages(secretariat: TestClient) -> None:
    assert _header(secretariat.get("/api/v1/exports/agreements"))[0] == "Nomor registri"
    assert (
        _header(secretariat.get("/api/v1/exports/agreements", params={"lang": "en"}))[0] == "Registry number"
    )
    x = secretariat.get("/api/v1/exports/agreements", params={"format": "xlsx"})
    ws = load_workbook(io.BytesIO(x.content)).active
    assert ws is not None and ws["A1"].value == "Nomor registri"


def test_the_import_template_uses_the_term_and_an_earlier_template_still_reads(admin: TestClient) -> None:
    wb = load_workbook(io.BytesIO(admin.get("/api/v1/imports/agreements/template").content))
    assert str(wb[SHEET]["A1"].value).rstrip(" *") == "Nomor registri"
    # A workbook filled in on the earlier template (first header "Nomor registrasi").
    old = Workbook()
    ws = old.active
    assert ws is not None
    ws.title = SHEET
    headers = [c.header + (" *" if c.required else "") for c in COLUMNS]
    headers[0] = "Nomor registrasi"
    ws.append(headers)
    ws.append([row().get(c.key) for c in COLUMNS])
    buf = io.BytesIO()
    old.save(buf)
    r = admin.post(
        IMPORT_URL,
        params={"dry_run": "true"},
        files={"file": ("lama.xlsx", buf.getvalue(), "application/octet-stream")},
    )
    assert r.status_code == 200, r.text
    assert r.json()["rows_valid"] == 1


def test_no_module_writes_the_other_term() -> None:
    # Only the reader's note on former headers may name it.
    offenders = [
        str(p.relative_to(BACKEND))
        for p in BACKEND.rglob("*.py")
        if "registrasi" in p.read_text(encoding="utf-8").lower() and p.name != "reader.py"
    ]
    assert offenders == []


def test_periods_are_written_as_labels_in_the_periodic_report(secretariat: TestClient) -> None:
    x = secretariat.get("/api/v1/reports/periodic", params={"year": 2026, "period": "S1", "format": "xlsx"})
    assert x.status_code == 200, x.text
    wb = load_workbook(io.BytesIO(x.content))
    cells = [str(c.value) for ws in wb.worksheets for r in ws.iter_rows() for c in r if c.value is not None]
    assert any("Semester I 2026" in c for c in cells)
    assert not any(c.strip() == "2026-S1" for c in cells)
    assert "Nomor registri" in cells and "Nomor registrasi" not in cells
