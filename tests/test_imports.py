"""Spreadsheet import of existing agreements: the template, all or nothing with a bad row, formulas
stored as text, malformed / encrypted / oversized / unsafe files refused with a 4xx, partner matching,
admin only, and the command line."""

from __future__ import annotations

import io
import uuid
import zipfile
from collections.abc import Callable
from datetime import date
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kerjasama.imports.columns import COLUMNS, SHEET
from kerjasama.models import Agreement, Partner

URL = "/api/v1/imports/agreements"
TEMPLATE = "/api/v1/imports/agreements/template"


def row(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "kind": "KB",
        "category": "KSDD",
        "nature": "SUKARELA",
        "title": "KB impor data lama",
        "object": "Pengelolaan sampah",
        "affair_codes": "2.11",
        "lead_opd": "DLH",
        "partner_type": "REGION",
        "partner_region_code": "32.73",
        "partner_signatory_title": "Wali Kota Bandung",
        "signed_date": date(2019, 12, 1),
        "start_date": date(2019, 12, 1),
        "end_date": date(2024, 11, 30),
    }
    base.update(overrides)
    return base


def workbook(rows: list[dict[str, Any]], *, example: bool = True) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = SHEET
    ws.append([c.header + (" *" if c.required else "") for c in COLUMNS])
    if example:
        ws.append(["CONTOH/KB/2019/01", "KB"])
    for r in rows:
        ws.append([r.get(c.key) for c in COLUMNS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def post(client: TestClient, data: bytes, dry_run: bool, name: str = "impor.xlsx") -> Any:
    return client.post(
        URL,
        params={"dry_run": str(dry_run).lower()},
        files={"file": (name, data, "application/octet-stream")},
    )


def count(session: Session, model: Any, *where: Any) -> int:
    return int(session.scalar(select(func.count()).select_from(model).where(*where)) or 0)


def test_template_has_instructions_lists_and_an_example(admin: TestClient) -> None:
    r = admin.get(TEMPLATE)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/vnd.openxmlformats")
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == ["Petunjuk", "Naskah", "Kode"]
    ws = wb["Naskah"]
    assert ws["E1"].value == "Judul *" and ws["A2"].value.startswith("CONTOH")
    lists = {str(dv.sqref)[0]: dv.formula1 for dv in ws.data_validations.dataValidation}
    assert set(lists) >= {"B", "C", "D", "H", "I", "J", "N", "S"}
    codes = wb["Kode"]
    column_of = {codes.cell(1, c).value: c for c in range(1, codes.max_column + 1)}
    opd_col = column_of["OPD: kode"]
    opds = {codes.cell(r, opd_col).value for r in range(2, codes.max_row + 1)}
    assert {"DLH", "DINKES"} <= opds
    assert "Petunjuk pengisian" in wb["Petunjuk"]["A1"].value


def test_template_survives_names_a_worksheet_cannot_hold(admin: TestClient) -> None:
    """An OPD name with a control character (openpyxl refuses those) or a formula start still gives a
    template: the character is dropped (the name is not at the start of its cell, so no quote)."""
    r = admin.post("/api/v1/opds", json={"code": "DISX", "name": "=Dinas\x07 Uji", "abbreviation": "Disx"})
    assert r.status_code == 201, r.text
    r = admin.get(TEMPLATE)
    assert r.status_code == 200, r.text
    codes = load_workbook(io.BytesIO(r.content))["Kode"]
    texts = {c.value for line in codes.iter_rows(min_row=2) for c in line}
    assert "Disx — =Dinas Uji" in texts


def test_dry_run_then_commit_matches_and_creates_partners(admin: TestClient, session: Session) -> None:
    before = count(session, Agreement)
    data = workbook(
        [
            row(title="KB impor dengan Kota Bandung"),
            row(
                kind="PKS",
                category="KSDPK",
                nature=None,
                title="PKS impor dengan badan usaha baru",
                partner_type="THIRD_PARTY",
                partner_region_code=None,
                partner_name="PT Impor Data Lama Sejahtera",
                partner_nib="1234567890123",
                partner_kind="business_entity",
                partner_form="pt",
                end_date=date(2031, 1, 1),
            ),
            row(
                kind="PKS",
                category="KSDPK",
                nature=None,
                title="PKS kedua impor dengan mitra yang sama",
                partner_type="THIRD_PARTY",
                partner_region_code=None,
                partner_name="PT Impor Data Lama Sejahtera",
                partner_kind="business_entity",
                partner_form="pt",
                end_date=None,
            ),
        ]
    )
    dry = post(admin, data, True)
    assert dry.status_code == 200, dry.text
    report = dry.json()
    assert report["dry_run"] and not report["committed"] and report["rows_valid"] == 3, report["rows"]
    assert [x["row"] for x in report["rows"]] == [3, 4, 5]  # header, example, then the data rows
    first, second, third = report["rows"]
    assert first["partner"]["action"] == "match" and first["partner"]["matched_by"] == "region_code"
    assert second["partner"]["action"] == "create"
    assert third["partner"] == {**third["partner"], "action": "match", "matched_by": "created_by_earlier_row"}
    assert first["status"] == "ended" and first["stage"] == "ended"
    assert second["status"] == "in_force" and second["stage"] == "in_force"
    assert all(isinstance(x["findings"], list) for x in report["rows"])
    assert count(session, Agreement) == before  # a dry run writes nothing
    assert count(session, Partner, Partner.name == "PT Impor Data Lama Sejahtera") == 0

    done = post(admin, data, False).json()
    assert done["committed"] and done["rows_valid"] == 3
    assert count(session, Agreement) == before + 3
    imported = session.scalars(select(Agreement).where(Agreement.title.like("%impor%"))).all()
    assert len(imported) == 3 and all(a.is_legacy_import for a in imported)
    assert count(session, Partner, Partner.name == "PT Impor Data Lama Sejahtera") == 1
    # the same file again: the partner is now found by the partners' duplicate check
    again = post(
        admin,
        workbook(
            [
                row(
                    kind="PKS",
                    category="KSDPK",
                    nature=None,
                    title="PKS ketiga",
                    partner_type="THIRD_PARTY",
                    partner_region_code=None,
                    partner_name="PT  impor data lama sejahtera",
                    partner_kind="business_entity",
                    partner_form="pt",
                )
            ]
        ),
        True,
    ).json()
    assert again["rows"][0]["partner"]["matched_by"] == "duplicate_check"


def test_one_bad_row_writes_nothing_and_names_row_column_rule(admin: TestClient, session: Session) -> None:
    before_agreements, before_partners = count(session, Agreement), count(session, Partner)
    data = workbook(
        [
            row(
                title="Baris baik pertama",
                partner_type="THIRD_PARTY",
                partner_region_code=None,
                category="KSDPK",
                nature=None,
                kind="PKS",
                partner_name="CV Baris Baik",
                partner_kind="business_entity",
                partner_form="pt",
            ),
            row(title="Baris dengan tanggal salah", signed_date="31/02/2019"),
            row(title="Baris dengan OPD asing", lead_opd="TIDAKADA"),
        ]
    )
    r = post(admin, data, False)
    # Refused: problem+json naming each bad cell, with the whole report as extension members.
    assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json"), r.text
    report = r.json()
    assert report["code"] == "import_rejected"
    assert [(e["loc"], e["code"]) for e in report["errors"]] == [
        (["file", "rows", 4, "signed_date"], "date_format"),
        (["file", "rows", 5, "lead_opd_id"], "opd_unknown"),
    ]
    assert not report["committed"] and report["rows_valid"] == 1 and report["rows_invalid"] == 2
    bad_date = report["rows"][1]["errors"]
    assert {"row": 4, "column": "P", "field": "signed_date", "rule": "date_format"}.items() <= bad_date[
        0
    ].items()
    bad_opd = report["rows"][2]["errors"][0]
    assert (bad_opd["row"], bad_opd["column"], bad_opd["rule"]) == (5, "I", "opd_unknown")
    assert count(session, Agreement) == before_agreements
    assert count(session, Partner) == before_partners  # the good row's new partner is gone too


def test_service_rules_are_reported_with_their_column(admin: TestClient, session: Session) -> None:
    # nature is required for a KSDD signed since 2018 (the agreement schema's own rule)
    r = post(
        admin, workbook([row(nature=None, signed_date=date(2020, 1, 1), start_date=date(2020, 1, 1))]), True
    ).json()
    err = r["rows"][0]["errors"][0]
    assert (err["column"], err["field"], err["rule"]) == ("D", "nature", "nature_required")
    # an unknown region code: the partners' rule
    r = post(admin, workbook([row(partner_region_code="99.99")]), True).json()
    err = r["rows"][0]["errors"][0]
    assert (err["column"], err["rule"]) == ("K", "region_unknown")


def test_formula_is_stored_as_text(admin: TestClient, session: Session) -> None:
    data = workbook([row(title="=1+1", object='=HYPERLINK("http://evil.example","x")')])
    r = post(admin, data, False).json()
    assert r["committed"], r
    stored = session.get(Agreement, uuid.UUID(r["rows"][0]["agreement_id"]))
    assert stored is not None and stored.title == "=1+1" and stored.object.startswith("=HYPERLINK(")
    # and the export neutralises it again
    csv_text = admin.get("/api/v1/exports/agreements", params={"q": "=1+1"}).content.decode("utf-8-sig")
    assert "'=1+1" in csv_text


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, content in members.items():
            zf.writestr(name, content)
    return buf.getvalue()


def test_bad_files_are_4xx_with_the_reason(admin: TestClient) -> None:
    cases = {
        "binary": (b"\x00\x01\x02 not a workbook" * 10, 415, "not_xlsx"),
        "encrypted": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, 415, "spreadsheet_encrypted"),
        "zip-not-xlsx": (_zip({"hello.txt": b"hi"}), 415, "not_xlsx"),
        "truncated": (workbook([row()])[:400], 415, "not_xlsx"),
        "oversized": (b"PK\x03\x04" + b"\x00" * (5 * 1024 * 1024 + 10), 413, "spreadsheet_too_large"),
    }
    xxe = (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&x;</workbook>'
    )
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b"<workbook>&lol2;</workbook>"
    )
    for label, payload in (("xxe", xxe), ("bomb", bomb)):
        cases[label] = (
            _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": payload}),
            422,
            "spreadsheet_unsafe_xml",
        )
    cases["garbage-xml"] = (
        _zip({"[Content_Types].xml": b"<Types", "xl/workbook.xml": b"<<<"}),
        422,
        "spreadsheet_malformed",
    )
    other = Workbook()
    assert other.active is not None
    other.active.title = "Lain"
    buf = io.BytesIO()
    other.save(buf)
    cases["not-the-template"] = (buf.getvalue(), 422, "template_mismatch")
    for label, (payload, status, code) in cases.items():
        r = post(admin, payload, True)
        assert r.status_code == status, (label, r.text)
        body = r.json()
        assert body["code"] == code, (label, body)
        assert r.headers["content-type"].startswith("application/problem+json")


def test_admin_only(client_for: Callable[[str], TestClient]) -> None:
    data = workbook([row()])
    for role in ("secretariat", "opd_head", "viewer", "province"):
        c = client_for(role)
        assert c.get(TEMPLATE).status_code == 403
        assert post(c, data, True).status_code == 403


def test_command_line_dry_run_then_import(tmp_path: Any, monkeypatch: Any, capsys: Any, request: Any) -> None:
    """`kerjasama import-agreements FILE [--dry-run]` on its own SQLite database (built by the CLI)."""
    from kerjasama import cli
    from kerjasama.core.config import get_settings

    db = tmp_path / "cli.db"
    for key, value in {
        "KERJASAMA_DATABASE_URL": f"sqlite:///{db}",
        "KERJASAMA_DATA_DIR": str(tmp_path),
        "KERJASAMA_ENV": "test",
    }.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()  # the CLI reads its settings from this environment
    request.addfinalizer(get_settings.cache_clear)
    assert cli.main(["db", "upgrade"]) == 0
    assert cli.main(["seed-demo"]) == 0
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(workbook([row(title="KB baris CLI"), row(title="Salah", lead_opd="XX")]))
    good = tmp_path / "good.xlsx"
    good.write_bytes(workbook([row(title="KB baris CLI")]))
    capsys.readouterr()
    assert cli.main(["import-agreements", str(bad)]) == 1
    out = capsys.readouterr()
    assert "column I (OPD pemrakarsa) rule opd_unknown" in out.out and "NOT imported" in out.out
    assert "2/2 rows" in out.err  # the progress bar
    assert cli.main(["import-agreements", str(good), "--dry-run"]) == 0
    assert "checked (dry run)" in capsys.readouterr().out
    assert cli.main(["import-agreements", str(good)]) == 0
    assert "1/1 rows valid; imported" in capsys.readouterr().out
    (tmp_path / "junk.xlsx").write_bytes(b"junk")
    assert cli.main(["import-agreements", str(tmp_path / "junk.xlsx")]) == 2


def test_openpyxl_parses_with_defusedxml() -> None:
    """Behind our own refusal of any DTD, openpyxl itself parses worksheets with defusedxml."""
    from defusedxml.common import EntitiesForbidden
    from openpyxl.xml import DEFUSEDXML
    from openpyxl.xml.functions import iterparse

    assert DEFUSEDXML is True
    bomb = b'<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><r>&b;</r>'
    try:
        list(iterparse(io.BytesIO(bomb)))
    except EntitiesForbidden:
        return
    raise AssertionError("openpyxl's iterparse expanded an entity")
