"""The periodic report (Laporan Pelaksanaan Kerja Sama Daerah): contents against the demo data, the
XLSX and PDF opened as their readers would, finalize once and immutably, sendings, who sees what,
and the reminder before the report is due.

The demo's reports for Semester I 2026: KB Kabupaten Bandung's is final, PKS Legok Nangka's only
submitted, PKS Rujukan KBB's a draft (monitoring/demo.py). Obligations: the Garut chili supply is due
monthly, the Rujukan referral report quarterly (obligations/demo.py).
"""

from __future__ import annotations

import hashlib
import io
import shutil
import subprocess
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import delete, select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from kerjasama.core.config import Settings
from kerjasama.core.db import Database
from kerjasama.models import (
    Agreement,
    AgreementParty,
    AuditEntry,
    Notification,
    Opd,
    Partner,
    PeriodicReport,
    Reminder,
    UserAccount,
)
from kerjasama.periodic_reports.periods import ReportPeriod
from kerjasama.reminders import job
from tests.fixtures.factories import agreement_id

URL = "/api/v1/reports/periodic"
S1 = {"year": 2026, "period": "S1"}
KABBDG = "DEMO/KB/2021/KABBDG"
LEGOK = "DEMO/PKS/2019/LEGOKNANGKA"
RUJUKAN = "DEMO/PKS/2021/RUJUKAN-KBB"
CABAI = "DEMO/PKS/2024/CABAI"
KITAKYUSHU_TITLE = "Naskah Kerja Sama Kota Kembar Cimahi – Kitakyūshū tentang Pengelolaan Lingkungan"


def _get(client: TestClient, fmt: str = "json", **params: Any) -> Any:
    r = client.get(URL, params={**S1, **params, "format": fmt})
    assert r.status_code == 200, r.text
    return r


def _text_of_pdf(data: bytes) -> tuple[str, int]:
    reader = PdfReader(io.BytesIO(data))
    whole = " ".join(page.extract_text() or "" for page in reader.pages)
    return " ".join(whole.split()), len(reader.pages)


def _foreign_agreement(
    session: Session, signed: date = date(2025, 3, 1), status: str = "in_force"
) -> Agreement:
    """A KSDPL sister-city text with a Japanese partner, written straight to the tables."""
    partner = Partner(
        type="FOREIGN_GOVERNMENT",
        name="City of Kitakyūshū",
        name_normalized="city of kitakyushu",
        country_code="JP",
    )
    session.add(partner)
    session.flush()
    opd = session.scalar(select(Opd).where(Opd.code == "DLH"))
    assert opd is not None
    a = Agreement(
        kind="NASKAH_LN",
        category="KSDPL",
        number=f"TEST/LN/{uuid.uuid4().hex[:6]}",
        title=KITAKYUSHU_TITLE,
        object="Pengelolaan sampah dan kualitas udara",
        scope="Pertukaran tenaga ahli, pelatihan pengelolaan sampah",
        purpose="Meningkatkan kapasitas pengelolaan lingkungan hidup",
        lead_opd_id=opd.id,
        kak={
            "background": "Kitakyūshū berpengalaman memulihkan lingkungan kota industri.",
            "benefits": "Warga Kota Cimahi",
        },
        funding_sources=["apbd", "partner"],
        apbd_value=Decimal("250000000"),
        signed_date=signed,
        start_date=signed,
        end_date=signed + timedelta(days=5 * 365 - 2),
        status=status,
        stage=status if status in ("in_force", "ended") else "draft",
        is_legacy_import=True,
    )
    session.add(a)
    session.flush()
    session.add_all(
        [
            AgreementParty(
                agreement_id=a.id,
                partner_id=None,
                role="HOME",
                position=0,
                signatory_title="Wali Kota Cimahi",
            ),
            AgreementParty(
                agreement_id=a.id, partner_id=partner.id, role="PARTNER", position=1, signatory_title="Mayor"
            ),
        ]
    )
    session.flush()
    return a


# ---------------------------------------------------------------- periods


def test_period_boundaries_and_due_dates() -> None:
    s1, s2, annual = ReportPeriod(2026, "S1"), ReportPeriod(2026, "S2"), ReportPeriod(2026, "annual")
    assert (s1.start, s1.end, s1.due_date, s1.label) == (
        date(2026, 1, 1),
        date(2026, 6, 30),
        date(2026, 7, 31),
        "Semester I 2026",
    )
    assert (s2.start, s2.end, s2.due_date, s2.label) == (
        date(2026, 7, 1),
        date(2026, 12, 31),
        date(2027, 1, 31),
        "Semester II 2026",
    )
    assert (annual.start, annual.end, annual.due_date) == (
        date(2026, 1, 1),
        date(2026, 12, 31),
        date(2027, 1, 31),
    )
    assert annual.foreign_due_date == date(2027, 1, 7) and s1.foreign_due_date is None
    assert annual.monitoring_periods == ("2026-S1", "2026-S2", "2026")


# ---------------------------------------------------------------- contents


def test_preview_json_contents_against_demo_data(secretariat: TestClient, session: Session) -> None:
    r = _get(secretariat)
    assert r.headers["x-report-status"] == "preview"
    assert r.headers["etag"] == f'"{hashlib.sha256(r.content).hexdigest()}"'
    body = r.json()
    assert body["title"] == "Laporan Pelaksanaan Kerja Sama Daerah"
    assert body["region"] == {"code": "32.77", "name": "Kota Cimahi"}
    assert (body["period_label"], body["period_start"], body["period_end"]) == (
        "Semester I 2026",
        "2026-01-01",
        "2026-06-30",
    )
    assert body["status"] == "preview" and body["finalized_at"] is None

    numbers = {a["number"] for a in body["agreements"]}
    # every demo text signed by mid-2026 and not ended before 2026 is in; the KB with KBB ended in 2025
    assert {KABBDG, LEGOK, RUJUKAN, CABAI, "DEMO/NK/2025/KEJARI", "DEMO/KB/2024/BJB"} <= numbers
    assert "DEMO/KB/2020/KBB" not in numbers
    statuses = {a["status"] for a in body["agreements"]}
    assert "draft" not in statuses
    drafts = session.scalars(select(Agreement.number).where(Agreement.status == "draft")).all()
    assert drafts and not set(drafts) & numbers

    summary = body["summary"]
    assert summary["total"] == len(body["agreements"]) + len(body["foreign"]["agreements"])
    assert sum(c["count"] for c in summary["by_category"]) == summary["total"]
    assert {c["code"] for c in summary["by_category"]} == {"KSDD", "KSDPK", "KSDPL", "KSDLL", "SINERGI"}
    assert (
        sum(c["count"] for c in summary["by_kind"])
        == sum(c["count"] for c in summary["by_status"])
        == summary["total"]
    )

    kabbdg = next(a for a in body["agreements"] if a["number"] == KABBDG)
    nine = kabbdg["minimum_contents"]
    assert nine["form"] == "Kesepakatan Bersama (KB)"
    assert nine["parties"] == "Kota Cimahi; Kabupaten Bandung"
    assert nine["term"] == "25 Oktober 2021 s.d. 24 Oktober 2026"
    assert nine["problems"].startswith("Penanganan banjir") and nine["solutions"] and nine["other_matters"]
    assert nine["source_report_period"] == "2026-S1"
    assert kabbdg["lead_opd"]["code"] == "PEM" and kabbdg["stage"] == "in_force"
    # Legok Nangka's report is only submitted, Rujukan's a draft: neither feeds the report
    legok = next(a for a in body["agreements"] if a["number"] == LEGOK)
    assert (
        legok["minimum_contents"]["problems"] == ""
        and legok["minimum_contents"]["source_report_period"] is None
    )

    monitoring = body["monitoring"]
    assert [(m["agreement_number"], m["status"], m["recommendation"]) for m in monitoring["reports"]] == [
        (KABBDG, "final", "continue")
    ]
    assert monitoring["verified"] == 1 and monitoring["expected"] >= 3

    obligations = body["obligations"]
    by_number = {row["agreement_number"]: row["totals"] for row in obligations["by_agreement"]}
    assert by_number[CABAI]["due"] == 6  # 15 January … 15 June
    assert by_number[RUJUKAN]["due"] == 2  # 31 March, 30 June
    assert LEGOK not in by_number  # its yearly fee falls due on 1 December
    t = obligations["totals"]
    assert t["due"] == len(obligations["items"]) == sum(row["due"] for row in by_number.values())
    assert t["due"] == t["fulfilled"] + t["late"] + t["not_fulfilled"] + t["suspended"] + t["open"]
    assert all("2026-01-01" <= i["due_date"] <= "2026-06-30" for i in obligations["items"])

    assert [p["agreement_number"] for p in body["problems"] if p["problems"]] == [KABBDG]
    assert body["foreign"]["agreements"] == []
    assert "Permendagri Nomor 25 Tahun 2020" in body["foreign"]["legal_basis"]


def test_which_agreements_belong_to_the_period(
    admin: TestClient, secretariat: TestClient, session: Session
) -> None:
    """Signed by the period's end and not ended before its start; drafts never."""

    def numbers() -> set[str]:
        return {a["number"] for a in _get(secretariat).json()["agreements"]}

    before = numbers()
    kotabdg = session.get(Agreement, uuid.UUID(agreement_id(session, "DEMO/PKS/2014/KOTABDG")))
    garut = session.get(Agreement, uuid.UUID(agreement_id(session, "DEMO/KB/2023/GARUT")))
    bjb = session.get(Agreement, uuid.UUID(agreement_id(session, "DEMO/KB/2024/BJB")))
    assert kotabdg is not None and garut is not None and bjb is not None
    assert {kotabdg.number, garut.number, bjb.number} <= before
    kotabdg.status, kotabdg.ended_date = "ended", date(2025, 12, 31)  # ended before the period: out
    garut.status, garut.ended_date = "ended", date(2026, 3, 1)  # ended during the period: in
    bjb.signed_date = bjb.start_date = date(2026, 7, 1)  # signed after the period: out
    session.flush()
    after = numbers()
    assert kotabdg.number not in after and bjb.number not in after and garut.number in after
    summary = _get(secretariat).json()["summary"]
    assert summary["ended_in_period"] >= 1
    assert {"code": "ended", "label": "Berakhir", "count": 1} in summary["by_status"]


def test_foreign_cooperation_gets_its_own_section(secretariat: TestClient, session: Session) -> None:
    a = _foreign_agreement(session)
    body = _get(secretariat).json()
    assert a.number not in {x["number"] for x in body["agreements"]}
    [entry] = body["foreign"]["agreements"]
    assert entry["number"] == a.number and entry["category"] == "KSDPL"
    c = entry["contents"]
    assert c["title"] == KITAKYUSHU_TITLE
    assert c["background"].startswith("Kitakyūshū") and c["beneficiaries"] == "Warga Kota Cimahi"
    assert c["aims"] == a.purpose and c["scope"] == a.scope
    assert c["funding"] == "APBD; Mitra; nilai APBD Rp 250.000.000"
    assert c["progress_results"].startswith("Kewajiban jatuh tempo dalam periode: 0")
    assert [(p["name"], p["country_code"]) for p in entry["parties"]] == [
        ("Kota Cimahi", None),
        ("City of Kitakyūshū", "JP"),
    ]
    assert {
        "code": "KSDPL",
        "label": "Kerja sama daerah dengan pemerintah daerah di luar negeri (KSDPL)",
        "count": 1,
    } in body["summary"]["by_category"]


# ---------------------------------------------------------------- formats


def test_xlsx_has_a_sheet_per_section_with_indonesian_headers(
    secretariat: TestClient, session: Session
) -> None:
    kabbdg = session.get(Agreement, uuid.UUID(agreement_id(session, KABBDG)))
    assert kabbdg is not None
    kabbdg.purpose = '=HYPERLINK("http://evil.example","klik")'
    session.flush()
    r = _get(secretariat, "xlsx")
    assert r.headers["content-type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert r.headers["content-disposition"] == 'attachment; filename="laporan-kerja-sama-32.77-2026-S1.xlsx"'
    wb = load_workbook(io.BytesIO(r.content))
    assert wb.sheetnames == [
        "Ringkasan",
        "Kerja sama",
        "Hak dan kewajiban",
        "Monitoring dan evaluasi",
        "Permasalahan",
        "Kerja sama luar negeri",
    ]
    summary = wb["Ringkasan"]
    assert summary["A1"].value == "Laporan Pelaksanaan Kerja Sama Daerah"
    assert ["Periode", "Semester I 2026 (1 Januari 2026 – 30 Juni 2026)"] in [
        [c.value for c in row[:2]] for row in summary.iter_rows()
    ]
    ws = wb["Kerja sama"]
    headers = [c.value for c in ws[1]]
    assert headers[:4] == ["No.", "Nomor registri", "Judul", "Bentuk naskah"]
    assert "Permasalahan" in headers and "Hal lain yang disepakati" in headers
    assert ws["A1"].font.bold and ws.freeze_panes == "A2"
    rows = {row[1]: row for row in ws.iter_rows(min_row=2, values_only=True)}
    row = rows[KABBDG]
    assert row[2] == kabbdg.title
    assert row[headers.index("Maksud dan tujuan")] == "'" + kabbdg.purpose  # neutralised, never a formula
    assert not any(c.data_type == "f" for r_ in ws.iter_rows() for c in r_)
    assert row[headers.index("Tanggal penandatanganan")].date() == date(2021, 10, 25)
    obligations = wb["Hak dan kewajiban"]
    assert [c.value for c in obligations[1]][:3] == ["Nomor registri", "Hak/Kewajiban", "Uraian"]
    assert obligations.max_row - 1 == len(_get(secretariat).json()["obligations"]["items"])
    assert [r_[0] for r_ in wb["Monitoring dan evaluasi"].iter_rows(min_row=2, values_only=True)] == [KABBDG]


def test_pdf_has_title_page_contents_dates_page_numbers(secretariat: TestClient, session: Session) -> None:
    _foreign_agreement(session)
    r = _get(secretariat, "pdf")
    assert r.headers["content-type"] == "application/pdf"
    assert r.content.startswith(b"%PDF")
    words, pages = _text_of_pdf(r.content)
    assert words.startswith("PEMERINTAH KOTA CIMAHI LAPORAN PELAKSANAAN KERJA SAMA DAERAH SEMESTER I 2026")
    assert "1 Januari 2026 – 30 Juni 2026" in words
    assert "Tim Koordinasi Kerja Sama Daerah" in words and "DAFTAR ISI" in words
    assert "PRATINJAU — BELUM FINAL" in words
    assert "25 Oktober 2021 s.d. 24 Oktober 2026" in words  # an Indonesian date inside the body
    assert "Halaman 1 dari" not in words  # the title page carries no number
    assert all(f"Halaman {n} dari {pages}" in words for n in range(2, pages + 1))
    body = _get(secretariat).json()
    for a in body["agreements"]:
        assert " ".join(a["title"].split()) in words, a["title"]
    assert KITAKYUSHU_TITLE in words  # ū rendered by the bundled DejaVu font
    assert "7. Kerja Sama Luar Negeri" in words and "9. Analisis dan tindak lanjut" in words


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils not installed")
def test_pdftotext_finds_the_titles(secretariat: TestClient, tmp_path: Any) -> None:
    pdf = tmp_path / "laporan.pdf"
    pdf.write_bytes(_get(secretariat, "pdf").content)
    out = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    flat = " ".join(out.split())
    assert "Perjanjian Kerja Sama Kota Cimahi dan Kota Bandung tentang Sinergi Pembangunan" in flat
    assert "Halaman 2 dari" in flat


# ---------------------------------------------------------------- finalize


def test_finalize_stores_an_immutable_snapshot(
    secretariat: TestClient, session: Session, client_for: Callable[[str], TestClient]
) -> None:
    r = secretariat.post(f"{URL}/2026/S1/finalize")
    assert r.status_code == 201, r.text
    meta = r.json()
    assert (meta["year"], meta["period"], meta["period_label"]) == (2026, "S1", "Semester I 2026")
    assert meta["finalized_by"] == "sekretariat" and meta["sendings"] == []

    first = {fmt: _get(secretariat, fmt) for fmt in ("json", "pdf", "xlsx")}
    for fmt, resp in first.items():
        digest = hashlib.sha256(resp.content).hexdigest()
        assert meta[f"{fmt}_sha256"] == digest == resp.headers["x-content-sha256"], fmt
        assert resp.headers["etag"] == f'"{digest}"' and resp.headers["x-report-status"] == "finalized"
    snapshot = first["json"].json()
    assert snapshot["status"] == "finalized" and snapshot["finalized_at"] is not None
    assert "PRATINJAU" not in _text_of_pdf(first["pdf"].content)[0]
    assert "Final — ditetapkan" in _text_of_pdf(first["pdf"].content)[0]

    # later changes to the data do not reach the snapshot
    kabbdg = session.get(Agreement, uuid.UUID(agreement_id(session, KABBDG)))
    assert kabbdg is not None
    old_title = kabbdg.title
    kabbdg.title = "Judul yang diubah setelah laporan final"
    session.flush()
    for fmt, resp in first.items():
        again = _get(client_for("viewer"), fmt)
        assert again.content == resp.content, fmt
    by_id = secretariat.get(f"{URL}/finalized/{meta['id']}", params={"format": "pdf"})
    assert by_id.content == first["pdf"].content
    assert old_title in {a["title"] for a in _get(secretariat).json()["agreements"]}

    twice = secretariat.post(f"{URL}/2026/S1/finalize")
    assert twice.status_code == 409 and twice.json()["code"] == "period_already_finalized"

    # the database itself refuses to change or delete the snapshot
    for statement in (
        update(PeriodicReport).where(PeriodicReport.id == uuid.UUID(meta["id"])).values(pdf_sha256="0" * 64),
        delete(PeriodicReport).where(PeriodicReport.id == uuid.UUID(meta["id"])),
    ):
        with pytest.raises(DBAPIError, match="immutable"), session.begin_nested():
            session.execute(statement)

    entries = session.scalars(
        select(AuditEntry).where(
            AuditEntry.entity_type == "periodic_report", AuditEntry.entity_id == meta["id"]
        )
    ).all()
    assert [(e.action, e.actor_username) for e in entries] == [("finalize", "sekretariat")]
    assert entries[0].after is not None and entries[0].after["pdf_sha256"] == meta["pdf_sha256"]


def test_a_period_is_finalized_only_after_it_ends(secretariat: TestClient) -> None:
    r = secretariat.post(f"{URL}/2100/annual/finalize")
    assert r.status_code == 409 and r.json()["code"] == "period_not_ended"


def test_bad_period_and_year_are_422(secretariat: TestClient) -> None:
    for params in ({"year": 2026, "period": "S3"}, {"year": 1800, "period": "S1"}, {"year": 2026}):
        r = secretariat.get(URL, params=params)
        assert r.status_code == 422 and r.headers["content-type"].startswith("application/problem+json")
    assert secretariat.get(URL, params={**S1, "format": "docx"}).status_code == 422
    assert secretariat.post(f"{URL}/2026/Q1/finalize").status_code == 422


# ---------------------------------------------------------------- sendings


def test_sendings_are_recorded_on_a_finalized_report(secretariat: TestClient, session: Session) -> None:
    body = {"recipient": "wali_kota", "sent_date": "2026-07-20", "letter_number": "000.2.3/123-Pem"}
    early = secretariat.post(f"{URL}/2026/S1/sendings", json=body)
    assert early.status_code == 409 and early.json()["code"] == "period_not_finalized"

    assert secretariat.post(f"{URL}/2026/S1/finalize").status_code == 201
    r = secretariat.post(f"{URL}/2026/S1/sendings", json=body)
    assert r.status_code == 201, r.text
    assert (r.json()["recipient"], r.json()["sent_date"], r.json()["letter_number"]) == (
        "wali_kota",
        "2026-07-20",
        "000.2.3/123-Pem",
    )
    gub = {"recipient": "gubernur", "sent_date": "2026-07-25", "letter_number": "000.2.3/130-Pem"}
    assert secretariat.post(f"{URL}/2026/S1/sendings", json=gub).status_code == 201

    for bad, field in (
        ({**body, "recipient": "menteri"}, "recipient"),
        ({**body, "sent_date": (date.today() + timedelta(days=30)).isoformat()}, "sent_date"),
        ({**body, "letter_number": "   "}, "letter_number"),
        ({**body, "extra": 1}, "extra"),
    ):
        resp = secretariat.post(f"{URL}/2026/S1/sendings", json=bad)
        assert resp.status_code == 422, bad
        assert any(field in e["loc"] for e in resp.json()["errors"]), resp.json()

    listing = secretariat.get(f"{URL}/finalized", params={"year": 2026, "period": "S1"}).json()
    assert listing["total"] == 1
    assert [(s["recipient"], s["letter_number"]) for s in listing["items"][0]["sendings"]] == [
        ("wali_kota", "000.2.3/123-Pem"),
        ("gubernur", "000.2.3/130-Pem"),
    ]
    actions = session.scalars(
        select(AuditEntry.action).where(AuditEntry.entity_type == "periodic_report").order_by(AuditEntry.seq)
    ).all()
    assert actions == ["finalize", "record_sending", "record_sending"]


def test_finalized_list_pages_with_a_cursor(secretariat: TestClient, session: Session) -> None:
    for year in (2023, 2024, 2025):
        assert secretariat.post(f"{URL}/{year}/S1/finalize").status_code == 201
    first = secretariat.get(f"{URL}/finalized", params={"limit": 2}).json()
    assert first["total"] == 3 and [i["year"] for i in first["items"]] == [2025, 2024]
    second = secretariat.get(f"{URL}/finalized", params={"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [i["year"] for i in second["items"]] == [2023] and second["next_cursor"] is None
    bad = secretariat.get(f"{URL}/finalized", params={"cursor": "not-a-cursor"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["code"] == "cursor_invalid"
    assert secretariat.get(f"{URL}/finalized/{uuid.uuid4()}").json()["code"] == "periodic_report_not_found"


# ---------------------------------------------------------------- who sees what


def test_roles(client_for: Callable[[str], TestClient]) -> None:
    for role in ("tkksd", "viewer"):
        c = client_for(role)
        assert c.get(URL, params=S1).status_code == 200
        assert c.post(f"{URL}/2026/S1/finalize").json()["code"] == "role_forbidden"
    for role in ("opd_head", "opd_operator"):
        c = client_for(role)
        for r in (
            c.get(URL, params=S1),
            c.get(f"{URL}/finalized"),
            c.post(f"{URL}/2026/S1/finalize"),
            c.post(
                f"{URL}/2026/S1/sendings",
                json={"recipient": "gubernur", "sent_date": "2026-07-01", "letter_number": "1"},
            ),
        ):
            assert r.status_code == 403 and r.json()["code"] == "role_forbidden"
    for role, caps in (
        ("secretariat", {"reports:read", "reports:finalize"}),
        ("admin", {"reports:read", "reports:finalize"}),
        ("tkksd", {"reports:read"}),
        ("opd_head", set()),
    ):
        me = client_for(role).get("/api/v1/auth/me").json()
        assert {c for c in me.get("capabilities", []) if c.startswith("reports:")} == caps, role


def _province_user(session: Session) -> str | None:
    """A user with the province role (the demo's biro.otda), when the schema knows the role (issue 11 §1)."""
    existing = session.scalar(select(UserAccount.username).where(UserAccount.role == "province").limit(1))
    if existing is not None:
        return existing
    try:
        with session.begin_nested():
            session.add(
                UserAccount(username="prov.uji", password_hash="!", full_name="Provinsi", role="province")
            )
            session.flush()
    except DBAPIError:
        return None
    return "prov.uji"


def test_province_sees_finalized_reports_only(
    secretariat: TestClient, session: Session, client_for: Callable[[str], TestClient]
) -> None:
    username = _province_user(session)
    if username is None:
        pytest.skip("the province role does not exist in this schema yet")
    province = client_for(username)
    before = province.get(URL, params=S1)
    assert before.status_code == 404 and before.json()["code"] == "periodic_report_not_found"
    assert province.get(f"{URL}/finalized").json()["total"] == 0
    assert province.post(f"{URL}/2026/S1/finalize").json()["code"] == "role_forbidden"

    meta = secretariat.post(f"{URL}/2026/S1/finalize").json()
    listing = province.get(f"{URL}/finalized").json()
    assert [i["id"] for i in listing["items"]] == [meta["id"]]
    assert listing["items"][0]["finalized_by"] is None  # user names are personal data
    for fmt in ("json", "pdf", "xlsx"):
        got = province.get(f"{URL}/finalized/{meta['id']}", params={"format": fmt})
        assert got.status_code == 200 and hashlib.sha256(got.content).hexdigest() == meta[f"{fmt}_sha256"]
        assert b"sekretariat" not in got.content  # who finalized is not in the snapshot
    assert province.get(URL, params=S1).content == secretariat.get(URL, params=S1).content
    me = province.get("/api/v1/auth/me").json()
    assert "reports:read" in me["capabilities"] and "reports:finalize" not in me["capabilities"]


# ---------------------------------------------------------------- reminder


def _periodic_keys(session: Session) -> list[str]:
    session.expire_all()
    return sorted(session.scalars(select(Reminder.dedupe_key).where(Reminder.kind == "periodic_report_due")))


def test_reminder_before_the_report_is_due(
    database: Database, settings: Settings, session: Session, secretariat: TestClient
) -> None:
    # 17 July 2026: S1 is due on 31 July, 14 days ahead
    job.run(database, settings, today=date(2026, 7, 17))
    assert _periodic_keys(session) == ["periodic_report_due:2026-S1:2026-07-31:14"]
    reminder = session.scalar(select(Reminder).where(Reminder.kind == "periodic_report_due"))
    assert reminder is not None and reminder.link == "/periodic-reports?year=2026&period=S1"
    assert "Semester I 2026" in reminder.title and "31 Juli 2026" in reminder.title
    roles = set(
        session.scalars(
            select(UserAccount.role)
            .join(Notification, Notification.user_id == UserAccount.id)
            .where(Notification.reminder_id == reminder.id)
        )
    )
    assert roles == {"secretariat"}
    job.run(database, settings, today=date(2026, 7, 18))  # once only
    assert len(_periodic_keys(session)) == 1

    # finalized before the 3-day threshold: no second reminder
    assert secretariat.post(f"{URL}/2026/S1/finalize").status_code == 201
    job.run(database, settings, today=date(2026, 7, 28))
    assert _periodic_keys(session) == ["periodic_report_due:2026-S1:2026-07-31:14"]


def test_foreign_part_of_the_annual_report_is_reminded_for_7_january(
    database: Database, settings: Settings, session: Session
) -> None:
    job.run(database, settings, today=date(2026, 12, 24))
    assert _periodic_keys(session) == []  # no foreign cooperation in 2026: nothing due on 7 January
    _foreign_agreement(session)
    job.run(database, settings, today=date(2026, 12, 25))
    assert _periodic_keys(session) == ["periodic_report_due:2026-annual-foreign:2027-01-07:14"]
    job.run(database, settings, today=date(2027, 1, 28))
    assert _periodic_keys(session) == [
        "periodic_report_due:2026-S2:2027-01-31:3",
        "periodic_report_due:2026-annual-foreign:2027-01-07:14",
        "periodic_report_due:2026-annual:2027-01-31:3",
    ]


def test_the_rule_is_seeded_and_editable(admin: TestClient, session: Session) -> None:
    r = admin.get("/api/v1/reminder-rules/periodic_report_due")
    assert r.status_code == 200 and r.json()["offsets_days"] == [14, 3]
    off = admin.patch(
        "/api/v1/reminder-rules/periodic_report_due",
        json={"enabled": False},
        headers={"If-Match": r.headers["etag"]},
    )
    assert off.status_code == 200 and off.json()["enabled"] is False


def test_sqlite_trigger_names_are_stable(session: Session) -> None:
    """The immutability guard exists in the migrated schema (either dialect)."""
    if session.get_bind().dialect.name == "sqlite":
        names = set(session.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'")))
        assert {"periodic_report_no_update", "periodic_report_no_delete"} <= names
    else:
        names = set(session.scalars(text("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")))
        assert "periodic_report_immutable" in names
