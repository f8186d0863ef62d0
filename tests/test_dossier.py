"""The audit dossier (ZIP) and the kartu kerja sama (PDF): contents, file names, the manifest checked
against every entry, what the province gets, and the card's text."""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable
from typing import Any

from fastapi.testclient import TestClient
from pypdf import PdfReader
from sqlalchemy.orm import Session

from tests.fixtures.factories import agreement_id, create_agreement
from tests.scope_rows.dossier import check_manifest
from tests.test_obligations import pdf_bytes

A = "/api/v1/agreements"


def _upload(client: TestClient, aid: str, doc_type: str, title: str, day: str) -> dict[str, Any]:
    r = client.post(
        f"{A}/{aid}/documents",
        files={"file": ("scan.pdf", pdf_bytes(title), "application/pdf")},
        data={"doc_type": doc_type, "title": title, "doc_date": day},
    )
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    return data


def test_dossier_holds_everything_with_a_manifest(admin: TestClient, session: Session) -> None:
    aid = create_agreement(
        admin,
        session,
        title="Pengelolaan sampah “Bersama” – uji berkas",
        start_date="2026-01-01",
        end_date="2026-12-31",
    )["id"]
    kak = _upload(admin, aid, "KAK", "Kerangka Acuan Kerja", "2026-01-10")
    _upload(admin, aid, "KAK", "Kerangka Acuan Kerja", "2026-01-10")  # same type, date and title
    ob = admin.post(
        f"{A}/{aid}/obligations",
        json={
            "kind": "KEWAJIBAN",
            "description": "Menyediakan lahan TPS",
            "schedule_type": "one_off",
            "due_date": "2026-03-01",
        },
    ).json()
    occ = ob["occurrences"][0]
    r = admin.post(
        f"/api/v1/obligation-occurrences/{occ['id']}/fulfilments",
        json={"realised_on": "2026-02-20", "note": "Lahan diserahkan", "complete": True},
    )
    assert r.status_code == 201, r.text

    r = admin.get(f"{A}/{aid}/dossier")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"] == "application/zip"
    assert re.match(r'attachment; filename="berkas-.*\.zip"', r.headers["content-disposition"])
    manifest = check_manifest(r.content)
    assert manifest["agreement_id"] == aid and manifest["algorithm"] == "SHA-256"
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        names = zf.namelist()
        docs = sorted(n for n in names if n.startswith("dokumen/"))
        assert docs == [
            "dokumen/2026-01-10_KAK_kerangka-acuan-kerja-2.pdf",
            "dokumen/2026-01-10_KAK_kerangka-acuan-kerja.pdf",
        ]
        listed = json.loads(zf.read("06-dokumen.json"))
        by_file = {d["file"]: d for d in listed}
        assert by_file["dokumen/2026-01-10_KAK_kerangka-acuan-kerja.pdf"]["id"] == kak["id"]
        for d in listed:  # the file in the ZIP is the one the record's SHA-256 names
            entry = next(f for f in manifest["files"] if f["path"] == d["file"])
            assert entry["sha256"] == d["sha256"]
        meta = json.loads(zf.read("01-metadata.json"))
        assert meta["id"] == aid and meta["title"].startswith("Pengelolaan sampah")
        history = json.loads(zf.read("02-riwayat.json"))
        assert any(h["kind"] == "change" and h["action"] == "create" for h in history)
        obligations = json.loads(zf.read("04-hak-kewajiban.json"))
        assert obligations[0]["occurrences"][0]["fulfilments"][0]["note"] == "Lahan diserahkan"
        approvals = json.loads(zf.read("03-persetujuan.json"))
        assert approvals == {"tkksd_reviews": [], "dprd_approvals": []}
        card = PdfReader(io.BytesIO(zf.read("00-kartu-kerja-sama.pdf")))
        text = "\n".join(p.extract_text() for p in card.pages)
    assert "KARTU KERJA SAMA DAERAH" in text
    assert "Pengelolaan sampah “Bersama” – uji berkas" in text.replace("\n", " ")
    assert "Menyediakan lahan TPS" in text and "Terpenuhi 1" in text


def test_card_alone_and_a_signed_text(secretariat: TestClient, session: Session) -> None:
    aid = agreement_id(session, "DEMO/PKS/2019/LEGOKNANGKA")
    r = secretariat.get(f"{A}/{aid}/card.pdf")
    assert r.status_code == 200 and r.headers["content-type"] == "application/pdf"
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(r.content)).pages)
    assert "DEMO/PKS/2019/LEGOKNANGKA" in text and "Para pihak" in text and "Halaman 1" in text
    z = secretariat.get(f"{A}/{aid}/dossier")
    with zipfile.ZipFile(io.BytesIO(z.content)) as zf:
        reports = json.loads(zf.read("05-laporan-monev.json"))
    assert reports and all(r["agreement_id"] == aid for r in reports)


def test_province_reads_final_reports_only_and_not_drafts(
    client_for: Callable[[str], TestClient], session: Session
) -> None:
    province = client_for("province")
    aid = agreement_id(session, "DEMO/PKS/2019/LEGOKNANGKA")
    r = province.get(f"{A}/{aid}/dossier")
    assert r.status_code == 200
    check_manifest(r.content)
    with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
        reports = json.loads(zf.read("05-laporan-monev.json"))
    assert all(x["status"] == "final" for x in reports)
    draft = create_agreement(client_for("admin"), session)["id"]
    assert province.get(f"{A}/{draft}/dossier").status_code == 404
    assert province.get(f"{A}/{draft}/card.pdf").status_code == 404
    assert client_for("opd_operator").get(f"{A}/{aid}/dossier").status_code == 404
