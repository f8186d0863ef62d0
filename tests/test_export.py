"""CSV/XLSX export of the agreements list: same filters and scope, formulas neutralised."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy.orm import Session

from tests.fixtures.factories import create_agreement, opd_id

URL = "/api/v1/exports/agreements"


def _csv(r: object) -> list[dict[str, str]]:
    text = r.content.decode("utf-8-sig")  # type: ignore[attr-defined]
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_follows_filters_and_scope(client_for: Callable[[str], TestClient]) -> None:
    sec = client_for("secretariat")
    r = sec.get(URL, params={"category": "KSDD", "sort": "-signed_date"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/csv")
    assert r.headers["content-disposition"].startswith('attachment; filename="kerja-sama-')
    rows = _csv(r)
    listed = sec.get(
        "/api/v1/agreements", params={"category": "KSDD", "sort": "-signed_date", "limit": 500}
    ).json()
    assert [row["Nomor registri"] for row in rows] == [a["number"] for a in listed["items"]]
    operator_rows = _csv(client_for("opd_operator").get(URL))
    operator_list = (
        client_for("opd_operator").get("/api/v1/agreements", params={"limit": 500}).json()["items"]
    )
    assert {row["Nomor registri"] for row in operator_rows} == {a["number"] for a in operator_list}
    assert "DEMO/PKS/2022/DRAINASE" not in {row["Nomor registri"] for row in operator_rows}


def test_formulas_are_neutralised_in_csv_and_xlsx(secretariat: TestClient, session: Session) -> None:
    evil = '=HYPERLINK("http://evil.example","klik")'
    create_agreement(secretariat, session, title=evil, lead_opd_id=opd_id(session, "DLH"))
    rows = _csv(secretariat.get(URL, params={"q": "evil.example"}))
    assert [row["Judul"] for row in rows] == ["'" + evil]
    r = secretariat.get(URL, params={"q": "evil.example", "format": "xlsx"})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws is not None
    assert ws["A1"].value == "Nomor registri"
    assert ws["E2"].value == "'" + evil
    assert ws["E2"].data_type == "s"  # a string, not a formula


def test_xlsx_has_real_dates_and_all_rows(secretariat: TestClient) -> None:
    r = secretariat.get(URL, params={"format": "xlsx", "is_demo": True})
    ws = load_workbook(io.BytesIO(r.content)).active
    assert ws is not None
    total = secretariat.get("/api/v1/agreements", params={"is_demo": True, "limit": 1}).json()["total"]
    assert ws.max_row == total + 1
    signed = [row[7].value for row in ws.iter_rows(min_row=2) if row[7].value is not None]
    assert signed
    assert all(hasattr(v, "year") for v in signed)


def test_bad_format_is_422(secretariat: TestClient) -> None:
    r = secretariat.get(URL, params={"format": "pdf"})
    assert r.status_code == 422
    assert r.json()["errors"][0]["loc"] == ["query", "format"]
