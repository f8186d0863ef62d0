"""Document files end to end: upload typed by bytes, SHA-256, storage on disk, scoped download,
locks (signed text, final report), evidence in use, size cap, and the procedure's document_ids.

Files land in the session's temporary data_dir (tests/conftest.py `settings`), never in the repository.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import uuid
import zipfile
import zlib
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any, get_args
from urllib.parse import unquote

import openpyxl
import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import select, text, update
from sqlalchemy.orm import Session

from kerjasama.core.config import Settings
from kerjasama.core.db import Database
from kerjasama.documents import names, storage
from kerjasama.documents.errors import FileTooLarge
from kerjasama.documents.repository import AgreementFacts
from kerjasama.documents.schemas import DocType
from kerjasama.documents.service import is_signed
from kerjasama.main import create_app
from kerjasama.models import (
    Agreement,
    AuditEntry,
    Document,
    FulfilmentDocument,
    MonitoringReport,
    MonitoringReportDocument,
    Obligation,
    ObligationFulfilment,
    ObligationOccurrence,
    StatusTransition,
)
from kerjasama.models.documents import DOCUMENT_TYPES
from tests.conftest import USERS, token_for
from tests.fixtures.factories import agreement_body, agreement_id, opd_id
from tests.scope_rows.documents import pdf

A = "/api/v1/agreements"
D = "/api/v1/documents"
RUJUKAN = "DEMO/PKS/2021/RUJUKAN-KBB"  # in force, lead DINKES
DRAINASE = "DEMO/PKS/2022/DRAINASE"  # in force, DPUPR/BPBD: outside both OPD users
KABBDG = "DEMO/KB/2021/KABBDG"  # in force, related DLH
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# ---------------------------------------------------------------- real small files


def png() -> bytes:
    """A 1×1 RGB PNG built chunk by chunk."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x2e\x7d\x32")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


# A 1×1 greyscale JPEG (SOI, quantisation table, SOF9, DAC, scan, EOI): 125 bytes.
JPEG = bytes.fromhex(
    "ffd8ffdb004300030202020203020202030303030406040404040408060605060908"
    "0a0a090809090a0c0f0c0a0b0e0b09090d110d0e0f101011100a0c12131210130f"
    "101010ffc9000b080001000101011100ffcc000600101005ffda0008010100003f"
    "00d2cf20ffd9"
)


def xlsx() -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.append(["Kewajiban", "Target", "Realisasi"])
    ws.append(["Layanan rujukan", 120, 118])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def zipped(entries: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as z:
        for name, data in entries.items():
            z.writestr(name, data)
    return out.getvalue()


def docx() -> bytes:
    return zipped({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>"})


def forged_size_xlsx() -> bytes:
    """The names of a workbook, but the central directory claims a 2 GiB part (never decompressed)."""
    data = bytearray(
        zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}, zipfile.ZIP_STORED)
    )
    central = data.rfind(b"PK\x01\x02")  # the last central-directory header: xl/workbook.xml
    struct.pack_into("<I", data, central + 24, 0x7FFF_FFFF)  # uncompressed size
    return bytes(data)


def bomb_ratio_xlsx() -> bytes:
    return zipped({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"\0" * (5 * 1024 * 1024)})


EXE = (
    b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"
    + b"\x00" * 48
    + b"This program cannot be run in DOS mode."
)


# ---------------------------------------------------------------- helpers


@pytest.fixture
def sec(client_for: Callable[[str], TestClient]) -> TestClient:
    return client_for("secretariat")


def upload(
    c: TestClient,
    aid: str,
    content: bytes,
    filename: str = "naskah.pdf",
    *,
    status: int = 201,
    client_type: str = "application/octet-stream",
    **fields: str,
) -> Any:
    data = {"doc_type": "KAK", "title": "Kerangka acuan kerja", "doc_date": "2026-01-15", **fields}
    r = c.post(f"{A}/{aid}/documents", files={"file": (filename, content, client_type)}, data=data)
    assert r.status_code == status, r.text
    return r


def docs_dir(settings: Settings) -> Path:
    return settings.data_dir / "documents"


def files_on_disk(settings: Settings) -> set[str]:
    path = docs_dir(settings)
    return {p.name for p in path.iterdir()} if path.exists() else set()


def stored_path(session: Session, settings: Settings, document_id: str) -> Path:
    key = session.scalar(select(Document.storage_key).where(Document.id == uuid.UUID(document_id)))
    assert key is not None
    return docs_dir(settings) / key


def document_count(session: Session) -> int:
    return len(session.scalars(select(Document.id)).all())


def field_codes(r: Any) -> list[tuple[list[Any], str]]:
    return [(e["loc"], e["code"]) for e in r.json()["errors"]]


def draft(c: TestClient, session: Session, **overrides: Any) -> tuple[str, str]:
    r = c.post(A, json=agreement_body(session, **overrides))
    assert r.status_code == 201, r.text
    return str(r.json()["id"]), str(r.headers["etag"])


# ---------------------------------------------------------------- upload and download


@pytest.mark.parametrize(
    ("name", "make", "filename", "content_type"),
    [
        ("pdf", lambda: pdf("naskah"), "Naskah PKS.pdf", "application/pdf"),
        ("png", png, "foto-lokasi.png", "image/png"),
        ("jpeg", lambda: JPEG, "foto.jpg", "image/jpeg"),
        ("xlsx", xlsx, "realisasi.xlsx", XLSX_TYPE),
    ],
)
def test_each_accepted_type_is_stored_hashed_and_served_back(
    name: str,
    make: Callable[[], bytes],
    filename: str,
    content_type: str,
    sec: TestClient,
    session: Session,
    settings: Settings,
) -> None:
    content = make()
    aid = agreement_id(session, RUJUKAN)
    before = files_on_disk(settings)
    r = upload(sec, aid, content, filename)  # the client claims application/octet-stream

    body = r.json()
    assert r.headers["location"] == f"{D}/{body['id']}"
    assert r.headers["etag"] == '"1"'
    assert body["content_type"] == content_type  # detected from the bytes
    assert body["sha256"] == hashlib.sha256(content).hexdigest()
    assert body["size_bytes"] == len(content)
    assert body["original_filename"] == filename
    assert body["uploaded_by_username"] == "sekretariat"
    assert body["locked"] is False and body["locked_reason"] is None
    assert body["file_url"] == f"{D}/{body['id']}/file"

    path = stored_path(session, settings, body["id"])
    assert files_on_disk(settings) - before == {path.name}
    assert re.fullmatch(r"[0-9a-f]{32}", path.name), path.name  # random, nothing of the uploaded name
    assert path.read_bytes() == content

    meta = sec.get(f"{D}/{body['id']}")
    assert meta.status_code == 200 and meta.json() == body and meta.headers["etag"] == '"1"'

    got = sec.get(f"{D}/{body['id']}/file")
    assert got.status_code == 200
    assert got.content == content
    assert got.headers["content-type"] == content_type
    assert got.headers["x-content-type-options"] == "nosniff"
    assert got.headers["etag"] == f'"sha256-{body["sha256"]}"'
    assert got.headers["content-length"] == str(len(content))
    assert got.headers["content-disposition"].startswith("attachment;")


def test_download_name_is_encoded_for_any_language(sec: TestClient, session: Session) -> None:
    title = "Berita Acara Rapat TKKSD — Kota Cimahi №1"
    filename = "Berita acara “TKKSD” – Cimahi.pdf"
    r = upload(
        sec, agreement_id(session, RUJUKAN), pdf("ba"), filename, doc_type="BERITA_ACARA_TKKSD", title=title
    )
    assert r.json()["title"] == title and r.json()["doc_type"] == "BERITA_ACARA_TKKSD"

    header = sec.get(f"{D}/{r.json()['id']}/file").headers["content-disposition"]
    fallback = re.search(r'filename="([^"]*)"', header)
    encoded = re.search(r"filename\*=UTF-8''(\S+)", header)
    assert fallback is not None and encoded is not None, header
    assert unquote(encoded.group(1)) == filename
    assert fallback.group(1) == "Berita acara TKKSD Cimahi.pdf"
    assert header.isascii()


def test_download_name_gets_the_extension_of_the_real_type(sec: TestClient, session: Session) -> None:
    r = upload(sec, agreement_id(session, RUJUKAN), png(), "scan dari kamera")
    header = sec.get(f"{D}/{r.json()['id']}/file").headers["content-disposition"]
    assert 'filename="scan dari kamera.png"' in header


def test_uploaded_name_is_cleaned(sec: TestClient, session: Session) -> None:
    r = upload(
        sec, agreement_id(session, RUJUKAN), pdf("x"), "..\\..\\C:\\arsip/rahasia/laporan\u202efdp.exe"
    )
    assert r.json()["original_filename"] == "laporanfdp.exe"


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\budi\\naskah.pdf", "naskah.pdf"),
        ("nama\x00dengan\x07kontrol.pdf", "namadengankontrol.pdf"),
        ("  . . ", "dokumen"),
        (None, "dokumen"),
        ("a" * 300 + ".pdf", "a" * 196 + ".pdf"),
    ],
)
def test_sanitise(raw: str | None, clean: str) -> None:
    assert names.sanitise(raw) == clean


@pytest.mark.parametrize(
    ("content", "filename", "client_type"),
    [
        (EXE, "surat-penawaran.pdf", "application/pdf"),  # an .exe renamed .pdf
        (EXE + xlsx(), "realisasi.xlsx", XLSX_TYPE),  # a self-extracting archive carrying a workbook
        (docx(), "naskah.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
        (zipped({"catatan.txt": b"halo"}), "arsip.zip", "application/zip"),
        (forged_size_xlsx(), "besar.xlsx", XLSX_TYPE),
        (bomb_ratio_xlsx(), "bom.xlsx", XLSX_TYPE),
        (b"GIF89a\x01\x00\x01\x00", "animasi.png", "image/png"),
        (b"Teks biasa, bukan PDF", "catatan.pdf", "application/pdf"),
    ],
    ids=["exe-as-pdf", "sfx-exe", "docx", "plain-zip", "forged-size", "bomb-ratio", "gif", "text"],
)
def test_types_are_judged_by_bytes_and_refused(
    content: bytes, filename: str, client_type: str, sec: TestClient, session: Session, settings: Settings
) -> None:
    before_files, before_rows = files_on_disk(settings), document_count(session)
    r = upload(sec, agreement_id(session, RUJUKAN), content, filename, status=422, client_type=client_type)
    assert r.headers["content-type"] == "application/problem+json"
    assert field_codes(r) == [(["body", "file"], "unsupported_file_type")]
    assert files_on_disk(settings) == before_files and document_count(session) == before_rows


def test_empty_file_is_refused(sec: TestClient, session: Session, settings: Settings) -> None:
    before = files_on_disk(settings)
    r = upload(sec, agreement_id(session, RUJUKAN), b"", "kosong.pdf", status=422)
    assert field_codes(r) == [(["body", "file"], "empty_file")]
    assert files_on_disk(settings) == before


@pytest.mark.parametrize(
    ("fields", "loc"),
    [
        ({"doc_type": "SURAT_CINTA"}, ["body", "doc_type"]),
        ({"doc_date": "15-01-2026"}, ["body", "doc_date"]),
        ({"title": "   "}, ["body", "title"]),
        ({"title": "judul\x00"}, ["body", "title"]),
        ({"title": "x" * 301}, ["body", "title"]),
    ],
)
def test_form_fields_are_validated(
    fields: dict[str, str], loc: list[str], sec: TestClient, session: Session, settings: Settings
) -> None:
    before = files_on_disk(settings)
    r = upload(sec, agreement_id(session, RUJUKAN), pdf("f"), status=422, **fields)
    assert loc in [e["loc"] for e in r.json()["errors"]], r.json()
    assert files_on_disk(settings) == before


def test_missing_file_is_422(sec: TestClient, session: Session) -> None:
    r = sec.post(
        f"{A}/{agreement_id(session, RUJUKAN)}/documents",
        data={"doc_type": "KAK", "title": "Tanpa berkas", "doc_date": "2026-01-15"},
    )
    assert r.status_code == 422
    assert ["body", "file"] in [e["loc"] for e in r.json()["errors"]]


def test_list_filters_by_type(sec: TestClient, session: Session) -> None:
    aid, _ = draft(sec, session)
    assert sec.get(f"{A}/{aid}/documents").json() == []
    kak = upload(sec, aid, pdf("kak"), doc_date="2026-01-10").json()
    offer = upload(sec, aid, pdf("sp"), doc_type="SURAT_PENAWARAN", doc_date="2026-02-01").json()
    listed = sec.get(f"{A}/{aid}/documents").json()
    assert [d["id"] for d in listed] == [offer["id"], kak["id"]]  # newest document date first
    only = sec.get(f"{A}/{aid}/documents", params={"doc_type": "SURAT_PENAWARAN"}).json()
    assert [d["id"] for d in only] == [offer["id"]]
    assert sec.get(f"{A}/{aid}/documents", params={"doc_type": "BUKAN"}).status_code == 422


def test_retried_upload_with_idempotency_key_stores_one_file(
    sec: TestClient, session: Session, settings: Settings
) -> None:
    aid = agreement_id(session, RUJUKAN)
    before_files, before_rows = files_on_disk(settings), document_count(session)
    kw: dict[str, Any] = {
        "files": {"file": ("naskah.pdf", pdf("sekali"), "application/pdf")},
        "data": {"doc_type": "KAK", "title": "Sekali saja", "doc_date": "2026-01-15"},
        # httpx draws a new random boundary for every request, as real clients do on a retry.
        "headers": {"Idempotency-Key": "unggah-dokumen-0001"},
    }
    first = sec.post(f"{A}/{aid}/documents", **kw)
    again = sec.post(f"{A}/{aid}/documents", **kw)
    assert first.status_code == again.status_code == 201, first.text
    assert again.headers["idempotency-replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert document_count(session) == before_rows + 1
    assert len(files_on_disk(settings) - before_files) == 1
    # the same key with another file, or another title, is a different request
    for changed in (
        {**kw, "files": {"file": ("naskah.pdf", pdf("lain"), "application/pdf")}},
        {**kw, "data": {**kw["data"], "title": "Judul lain"}},
    ):
        reused = sec.post(f"{A}/{aid}/documents", **changed)
        assert reused.status_code == 422 and reused.json()["code"] == "idempotency_key_reused"
    assert document_count(session) == before_rows + 1


def test_doc_type_vocabulary_matches_the_model() -> None:
    assert get_args(DocType) == DOCUMENT_TYPES


# ---------------------------------------------------------------- size cap


@pytest.fixture
def small_cap_client(settings: Settings, database: Database, session: Session) -> Iterator[TestClient]:
    """The app with KERJASAMA_MAX_UPLOAD_MB=1, signed in as the secretariat."""
    small = settings.model_copy(update={"max_upload_mb": 1})
    app = create_app(small, database, spa_dir=Path("/nonexistent"))
    with TestClient(app, base_url="https://testserver", raise_server_exceptions=False) as c:
        c.headers["Authorization"] = f"Bearer {token_for(session, settings, 'sekretariat')}"
        yield c


def _multipart(content: bytes, boundary: str = "batas-uji-ksd") -> bytes:
    parts = [
        (b'Content-Disposition: form-data; name="doc_type"', b"KAK"),
        (b'Content-Disposition: form-data; name="title"', b"Terlalu besar"),
        (b'Content-Disposition: form-data; name="doc_date"', b"2026-01-15"),
        (
            b'Content-Disposition: form-data; name="file"; filename="besar.pdf"\r\nContent-Type: application/pdf',
            content,
        ),
    ]
    out = b""
    for headers, value in parts:
        out += b"--" + boundary.encode() + b"\r\n" + headers + b"\r\n\r\n" + value + b"\r\n"
    return out + b"--" + boundary.encode() + b"--\r\n"


def test_oversized_upload_is_413_and_stores_nothing(
    small_cap_client: TestClient, session: Session, settings: Settings
) -> None:
    url = f"{A}/{agreement_id(session, RUJUKAN)}/documents"
    big = pdf("besar") + b"0" * (1024 * 1024)
    before_files, before_rows = files_on_disk(settings), document_count(session)

    declared = small_cap_client.post(
        url,
        files={"file": ("besar.pdf", big, "application/pdf")},
        data={"doc_type": "KAK", "title": "Terlalu besar", "doc_date": "2026-01-15"},
    )
    # Without Content-Length (chunked) the cap is found while counting the stream.
    streamed = small_cap_client.post(
        url,
        content=iter([_multipart(big)]),
        headers={"Content-Type": "multipart/form-data; boundary=batas-uji-ksd"},
    )
    for r in (declared, streamed):
        assert r.status_code == 413, r.text
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["code"] == "payload_too_large"
    assert files_on_disk(settings) == before_files and document_count(session) == before_rows

    # Under the cap the same app takes it, streamed or not.
    small = pdf("klein") + b"0" * 1000
    ok = small_cap_client.post(
        url,
        content=iter([_multipart(small)]),
        headers={"Content-Type": "multipart/form-data; boundary=batas-uji-ksd"},
    )
    assert ok.status_code == 201, ok.text
    assert ok.json()["sha256"] == hashlib.sha256(small).hexdigest()


def test_storage_enforces_the_cap_while_streaming(tmp_path: Path) -> None:
    """The copy to disk stops at the cap whatever the transport let through, and leaves no temp file."""
    with pytest.raises(FileTooLarge) as caught:
        storage.receive(io.BytesIO(pdf("p") + b"0" * 4096), tmp_path, limit=2048)
    assert caught.value.status == 413
    assert list(tmp_path.iterdir()) == []
    got = storage.receive(io.BytesIO(pdf("p")), tmp_path, limit=2048)
    assert got.content_type == "application/pdf" and got.temp.read_bytes() == pdf("p")
    assert got.sha256 == hashlib.sha256(pdf("p")).hexdigest()


# ---------------------------------------------------------------- failed writes


def test_a_refused_database_write_leaves_no_file(app: FastAPI, session: Session, settings: Settings) -> None:
    """The database refuses the row (a trigger standing in for a constraint or an outage): the file
    already renamed into place is removed when the transaction rolls back."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(
            text(
                "CREATE FUNCTION refuse_document() RETURNS trigger LANGUAGE plpgsql AS "
                "$$ BEGIN RAISE EXCEPTION 'refused by test'; END $$"
            )
        )
        session.execute(
            text(
                "CREATE TRIGGER refuse_document BEFORE INSERT ON document "
                "FOR EACH ROW EXECUTE FUNCTION refuse_document()"
            )
        )
    else:
        session.execute(
            text(
                "CREATE TRIGGER refuse_document BEFORE INSERT ON document "
                "BEGIN SELECT RAISE(ABORT, 'refused by test'); END"
            )
        )
    before_files, before_rows = files_on_disk(settings), document_count(session)
    # The one client that must see the 500 answer instead of the exception behind it.
    client = TestClient(app, base_url="https://testserver", raise_server_exceptions=False)
    client.headers["Authorization"] = f"Bearer {token_for(session, settings, USERS['secretariat'])}"
    r = upload(client, agreement_id(session, RUJUKAN), pdf("gagal"), status=500)
    assert r.json()["code"] == "internal_error"
    assert files_on_disk(settings) == before_files
    assert document_count(session) == before_rows


# ---------------------------------------------------------------- replace, delete, concurrency


def test_replace_keeps_the_record_and_swaps_the_file(
    sec: TestClient, client_for: Callable[[str], TestClient], session: Session, settings: Settings
) -> None:
    first = upload(sec, agreement_id(session, RUJUKAN), pdf("v1"), "scan-lama.pdf").json()
    old_path = stored_path(session, settings, first["id"])
    url = f"{D}/{first['id']}/file"

    operator = client_for("opd_operator")  # DINKES leads RUJUKAN
    bad = operator.put(url, files={"file": ("x.pdf", EXE, "application/pdf")}, headers={"If-Match": '"1"'})
    assert bad.status_code == 422 and field_codes(bad) == [(["body", "file"], "unsupported_file_type")]
    assert old_path.read_bytes() == pdf("v1") and stored_path(session, settings, first["id"]) == old_path

    new = png()
    r = operator.put(url, files={"file": ("scan-baru.png", new, "image/png")}, headers={"If-Match": '"1"'})
    assert r.status_code == 200, r.text
    body = r.json()
    assert r.headers["etag"] == '"2"' and body["version"] == 2
    assert body["id"] == first["id"] and body["title"] == first["title"] and body["doc_type"] == "KAK"
    assert body["sha256"] == hashlib.sha256(new).hexdigest() and body["content_type"] == "image/png"
    assert body["original_filename"] == "scan-baru.png" and body["uploaded_by_username"] == "operator.dinkes"
    assert not old_path.exists()
    assert stored_path(session, settings, first["id"]).read_bytes() == new
    assert sec.get(url).content == new

    stale = operator.put(
        url, files={"file": ("a.pdf", pdf("v3"), "application/pdf")}, headers={"If-Match": '"1"'}
    )
    assert stale.status_code == 412
    missing = operator.put(url, files={"file": ("a.pdf", pdf("v3"), "application/pdf")})
    assert missing.status_code == 428
    assert sec.get(url).content == new

    actions = session.scalars(
        select(AuditEntry.action).where(
            AuditEntry.entity_type == "document", AuditEntry.entity_id == first["id"]
        )
    ).all()
    assert list(actions) == ["create", "replace_file"]


def test_delete_removes_row_and_file(sec: TestClient, session: Session, settings: Settings) -> None:
    doc = upload(sec, agreement_id(session, RUJUKAN), pdf("hapus")).json()
    path = stored_path(session, settings, doc["id"])
    url = f"{D}/{doc['id']}"

    assert sec.delete(url).status_code == 428
    assert sec.delete(url, headers={"If-Match": '"7"'}).status_code == 412
    assert path.exists()

    r = sec.delete(url, headers={"If-Match": '"1"'})
    assert r.status_code == 204
    assert not path.exists()
    assert sec.get(url).status_code == 404
    assert sec.get(f"{url}/file").status_code == 404
    audit = session.scalars(
        select(AuditEntry).where(AuditEntry.entity_type == "document", AuditEntry.entity_id == doc["id"])
    ).all()
    assert [a.action for a in audit] == ["create", "delete"]
    assert audit[1].before is not None and audit[1].before["sha256"] == doc["sha256"]


def test_delete_tolerates_a_file_already_gone(sec: TestClient, session: Session, settings: Settings) -> None:
    doc = upload(sec, agreement_id(session, RUJUKAN), pdf("hilang")).json()
    stored_path(session, settings, doc["id"]).unlink()
    got = sec.get(f"{D}/{doc['id']}/file")
    assert got.status_code == 404 and got.json()["code"] == "file_missing"
    assert sec.delete(f"{D}/{doc['id']}", headers={"If-Match": '"1"'}).status_code == 204


def test_deleting_a_draft_agreement_removes_its_files(
    sec: TestClient, session: Session, settings: Settings
) -> None:
    kb = sec.post(A, json=agreement_body(session, kind="KB"))
    assert kb.status_code == 201, kb.text
    kb_id = kb.json()["id"]
    paths = [
        stored_path(session, settings, upload(sec, kb_id, pdf(f"draf-{i}")).json()["id"]) for i in (1, 2)
    ]
    child = sec.post(A, json=agreement_body(session, kind="PKS", parent_id=kb_id))
    assert child.status_code == 201, child.text

    def delete(aid: str) -> Any:
        return sec.delete(f"{A}/{aid}", headers={"If-Match": sec.get(f"{A}/{aid}").headers["etag"]})

    refused = delete(kb_id)  # a PKS depends on it: 409, and the rollback keeps the files
    assert refused.status_code == 409 and all(p.exists() for p in paths)
    assert delete(child.json()["id"]).status_code == 204
    assert delete(kb_id).status_code == 204
    assert not any(p.exists() for p in paths)
    assert session.scalars(select(Document.id).where(Document.agreement_id == uuid.UUID(kb_id))).all() == []


# ---------------------------------------------------------------- locks and evidence


def test_signed_text_of_a_signed_agreement_is_locked(
    sec: TestClient, session: Session, settings: Settings
) -> None:
    doc = upload(
        sec, agreement_id(session, RUJUKAN), pdf("ttd"), doc_type="SIGNED_TEXT", title="Naskah PKS"
    ).json()
    assert doc["locked"] is True and doc["locked_reason"] == "signed_text"
    path = stored_path(session, settings, doc["id"])

    r = sec.delete(f"{D}/{doc['id']}", headers={"If-Match": '"1"'})
    assert r.status_code == 409 and r.json()["code"] == "document_locked"
    assert "ADENDUM" in r.json()["detail"]
    r = sec.put(
        f"{D}/{doc['id']}/file",
        files={"file": ("lain.pdf", pdf("lain"), "application/pdf")},
        headers={"If-Match": '"1"'},
    )
    assert r.status_code == 409 and r.json()["code"] == "document_locked"
    assert path.read_bytes() == pdf("ttd")
    assert sec.get(f"{D}/{doc['id']}").json()["sha256"] == doc["sha256"]


def test_signed_text_locks_when_the_agreement_is_signed(sec: TestClient, session: Session) -> None:
    aid, _ = draft(sec, session)
    doc = upload(sec, aid, pdf("rancangan"), doc_type="SIGNED_TEXT").json()
    assert doc["locked"] is False  # a draft: the text is not signed yet
    session.execute(
        update(Agreement)
        .where(Agreement.id == uuid.UUID(aid))
        .values(stage="signed", signed_date=date(2026, 1, 20))
    )
    assert sec.get(f"{D}/{doc['id']}").json()["locked_reason"] == "signed_text"
    listed = sec.get(f"{A}/{aid}/documents").json()
    assert [d["locked_reason"] for d in listed] == ["signed_text"]
    # Other documents of a signed agreement stay editable.
    kak = upload(sec, aid, pdf("kak")).json()
    assert kak["locked"] is False
    assert sec.delete(f"{D}/{kak['id']}", headers={"If-Match": '"1"'}).status_code == 204


@pytest.mark.parametrize(
    ("stage", "signed_date", "signed"),
    [
        ("draft", None, False),
        ("ready_to_sign", None, False),
        ("signed", date(2026, 1, 2), True),
        ("dprd_approval", date(2026, 1, 2), True),  # KB: DPRD approval after signing
        ("dprd_approval", None, False),  # foreign text: DPRD approval before signing (Pasal 30)
        ("in_force", None, True),  # legacy import without a recorded signing date
        ("dispute", date(2026, 1, 2), True),
        ("ended", date(2026, 1, 2), True),
        ("cancelled", None, False),
    ],
)
def test_what_counts_as_signed(stage: str, signed_date: date | None, signed: bool) -> None:
    assert is_signed(AgreementFacts(uuid.uuid4(), stage, signed_date)) is signed


def _report(session: Session, aid: str, status: str) -> MonitoringReport:
    report = MonitoringReport(
        agreement_id=uuid.UUID(aid),
        period="2025-S2",
        period_start=date(2025, 7, 1),
        period_end=date(2025, 12, 31),
        due_date=date(2026, 1, 15),
        status=status,
    )
    session.add(report)
    session.flush()
    return report


def test_report_evidence_is_in_use_and_locked_once_the_report_is_final(
    sec: TestClient, session: Session, settings: Settings
) -> None:
    aid = agreement_id(session, RUJUKAN)
    doc = upload(sec, aid, pdf("monev"), doc_type="LAPORAN_MONEV").json()
    report = _report(session, aid, "submitted")
    session.add(MonitoringReportDocument(report_id=report.id, document_id=uuid.UUID(doc["id"])))
    session.flush()

    r = sec.delete(f"{D}/{doc['id']}", headers={"If-Match": '"1"'})
    assert r.status_code == 409 and r.json()["code"] == "document_in_use"
    # A report under review can still get a corrected scan.
    r = sec.put(
        f"{D}/{doc['id']}/file",
        files={"file": ("v2.pdf", pdf("v2"), "application/pdf")},
        headers={"If-Match": '"1"'},
    )
    assert r.status_code == 200, r.text

    session.execute(update(MonitoringReport).where(MonitoringReport.id == report.id).values(status="final"))
    meta = sec.get(f"{D}/{doc['id']}").json()
    assert meta["locked"] is True and meta["locked_reason"] == "final_report_evidence"
    for r in (
        sec.delete(f"{D}/{doc['id']}", headers={"If-Match": '"2"'}),
        sec.put(
            f"{D}/{doc['id']}/file",
            files={"file": ("v3.pdf", pdf("v3"), "application/pdf")},
            headers={"If-Match": '"2"'},
        ),
    ):
        assert r.status_code == 409 and r.json()["code"] == "document_locked"
        assert "final monitoring report" in r.json()["detail"]
    assert stored_path(session, settings, doc["id"]).read_bytes() == pdf("v2")


def test_fulfilment_evidence_cannot_be_deleted(sec: TestClient, session: Session) -> None:
    aid = agreement_id(session, RUJUKAN)
    doc = upload(sec, aid, pdf("bukti"), doc_type="BUKTI_PEMENUHAN").json()
    obligation = Obligation(agreement_id=uuid.UUID(aid), kind="KEWAJIBAN", description="Menerima rujukan")
    session.add(obligation)
    session.flush()
    occurrence = ObligationOccurrence(
        obligation_id=obligation.id, seq=1, period_start=date(2026, 1, 1), due_date=date(2026, 3, 31)
    )
    session.add(occurrence)
    session.flush()
    fulfilment = ObligationFulfilment(occurrence_id=occurrence.id, realised_on=date(2026, 3, 30))
    session.add(fulfilment)
    session.flush()
    session.add(FulfilmentDocument(fulfilment_id=fulfilment.id, document_id=uuid.UUID(doc["id"])))
    session.flush()

    r = sec.delete(f"{D}/{doc['id']}", headers={"If-Match": '"1"'})
    assert r.status_code == 409 and r.json()["code"] == "document_in_use"
    assert sec.get(f"{D}/{doc['id']}").status_code == 200


# ---------------------------------------------------------------- scope


def test_scope_follows_the_agreement(
    client_for: Callable[[str], TestClient], sec: TestClient, session: Session, settings: Settings
) -> None:
    operator, head, viewer = client_for("opd_operator"), client_for("opd_head"), client_for("viewer")
    drainase = upload(sec, agreement_id(session, DRAINASE), pdf("drainase")).json()
    rujukan = upload(sec, agreement_id(session, RUJUKAN), pdf("rujukan")).json()

    missing = operator.get(f"{D}/{uuid.uuid4()}")
    for r in (
        operator.get(f"{D}/{drainase['id']}"),
        operator.get(f"{D}/{drainase['id']}/file"),
        operator.get(f"{A}/{agreement_id(session, DRAINASE)}/documents"),
        operator.delete(f"{D}/{drainase['id']}", headers={"If-Match": '"1"'}),
        upload(operator, agreement_id(session, DRAINASE), pdf("luar"), status=404),
        head.get(f"{D}/{rujukan['id']}/file"),
    ):
        assert r.status_code == 404 and r.json()["code"] == "not_found", r.text
    # Outside scope and non-existent look the same: no existence leak.
    assert operator.get(f"{D}/{drainase['id']}").json() == missing.json()
    assert operator.get(f"{D}/{rujukan['id']}/file").content == pdf("rujukan")

    assert (
        upload(head, agreement_id(session, KABBDG), pdf("dlh")).json()["uploaded_by_username"] == "kadis.dlh"
    )
    r = upload(viewer, agreement_id(session, RUJUKAN), pdf("pimpinan"), status=403)
    assert r.json()["code"] == "role_forbidden"
    assert viewer.get(f"{D}/{rujukan['id']}/file").content == pdf("rujukan")
    r = viewer.delete(f"{D}/{rujukan['id']}", headers={"If-Match": '"1"'})
    assert r.status_code == 403


def test_unknown_agreement_is_404(sec: TestClient) -> None:
    r = upload(sec, str(uuid.uuid4()), pdf("x"), status=404)
    assert r.json()["code"] == "not_found"
    assert sec.get(f"{A}/{uuid.uuid4()}/documents").status_code == 404


# ---------------------------------------------------------------- procedure document_ids


def test_procedure_document_ids_point_to_documents_of_the_agreement(
    sec: TestClient, session: Session
) -> None:
    aid, etag = draft(sec, session, lead_opd_id=opd_id(session, "DINKES"))
    other = upload(sec, agreement_id(session, RUJUKAN), pdf("lain")).json()
    own = upload(sec, aid, pdf("surat"), doc_type="LAINNYA", title="Surat pembatalan").json()
    url = f"{A}/{aid}/transitions"
    body = {"action": "cancel", "reason": "Tidak dilanjutkan"}

    for ids, code in (
        ([str(uuid.uuid4())], "unknown_document"),
        ([own["id"], other["id"]], "unknown_document"),  # a document of another agreement
        (["berkas-lama.pdf"], "uuid_parsing"),
    ):
        r = sec.post(url, json={**body, "document_ids": ids}, headers={"If-Match": etag})
        assert r.status_code == 422, r.text
        bad = len(ids) - 1
        assert (["body", "document_ids", bad], code) in field_codes(r), r.json()
        assert session.scalar(select(Agreement.stage).where(Agreement.id == uuid.UUID(aid))) == "draft"

    r = sec.post(url, json={**body, "document_ids": [own["id"]]}, headers={"If-Match": etag})
    assert r.status_code == 200, r.text
    stored = session.scalars(
        select(StatusTransition.document_ids).where(StatusTransition.agreement_id == uuid.UUID(aid))
    ).all()
    assert list(stored) == [[own["id"]]]
    history = sec.get(f"{A}/{aid}/history").json()
    assert [h["document_ids"] for h in history if h["kind"] == "transition"] == [[own["id"]]]

    # The step's supporting document stays: the history points at it.
    r = sec.delete(f"{D}/{own['id']}", headers={"If-Match": '"1"'})
    assert r.status_code == 409 and r.json()["code"] == "document_in_use"
