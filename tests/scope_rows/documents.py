"""Scope-matrix rows for the documents endpoints.

A document's scope is its agreement's: KABBDG (related DLH) is open to kadis.dlh only, RUJUKAN (lead
DINKES) to operator.dinkes only, DRAINASE (DPUPR/BPBD) to neither. All three are legacy texts in force,
so a SIGNED_TEXT of theirs is locked (409 for whoever may write and can see it).
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from typing import Any

from kerjasama.core.config import Settings
from kerjasama.models import Document
from tests.fixtures.scope import DRAINASE, KABBDG, RUJUKAN, Ctx, Req, Row, exp

A = "/api/v1/agreements"
AID_DOCS = "/api/v1/agreements/{agreement_id}/documents"
DOC = "/api/v1/documents/{document_id}"
DOC_FILE = "/api/v1/documents/{document_id}/file"


def pdf(label: str) -> bytes:
    """A small well-formed one-page PDF; `label` makes its bytes (and SHA-256) unique."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = bytearray(b"%PDF-1.4\n% " + label.encode() + b"\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def form(content: bytes, *, doc_type: str = "KAK", title: str | None = None) -> dict[str, Any]:
    return {
        "files": {"file": ("dokumen-uji.pdf", content, "application/pdf")},
        "data": {
            "doc_type": doc_type,
            "title": title or f"Dokumen uji {uuid.uuid4().hex[:8]}",
            "doc_date": "2026-01-15",
        },
    }


def upload_as_admin(ctx: Ctx, number: str, doc_type: str = "KAK") -> tuple[str, str]:
    """A document of the agreement `number`, uploaded by admin: (id, ETag)."""
    r = ctx.admin.post(
        f"{A}/{ctx.agreement(number)}/documents", **form(pdf(uuid.uuid4().hex), doc_type=doc_type)
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"]), str(r.headers["etag"])


def _share(number: str) -> Callable[[Ctx, str], Req]:
    """Sharing with the province is allowed on a locked signed text: it changes who reads, not the file."""

    def build(ctx: Ctx, who: str) -> Req:
        doc, etag = upload_as_admin(ctx, number, "SIGNED_TEXT")

        def check(ctx: Ctx, who: str, r: Any) -> None:
            assert ctx.column(Document.shared, doc) is (r.status_code == 200)

        return Req(
            f"/api/v1/documents/{doc}", {"json": {"shared": True}, "headers": {"If-Match": etag}}, check
        )

    return build


def _get_shared(number: str) -> Callable[[Ctx, str], Req]:
    def build(ctx: Ctx, who: str) -> Req:
        aid = ctx.agreement(number)
        body = form(pdf(uuid.uuid4().hex))
        body["data"]["shared"] = "true"
        r = ctx.admin.post(f"{A}/{aid}/documents", **body)
        assert r.status_code == 201 and r.json()["shared"] is True, r.text

        def check(ctx: Ctx, who: str, r: Any) -> None:
            assert r.json()["shared"] is True

        return Req(f"/api/v1/documents/{r.json()['id']}", check=check)

    return build


def stored_file(settings: Settings, document_id: str, ctx: Ctx) -> bytes | None:
    key = ctx.column(Document.storage_key, document_id)
    if key is None:
        return None
    path = settings.data_dir / "documents" / key
    return path.read_bytes() if path.exists() else None


def _upload(number: str) -> Callable[[Ctx, str], Req]:
    def build(ctx: Ctx, who: str) -> Req:
        aid = ctx.agreement(number)
        content = pdf(f"{number} {who} {uuid.uuid4().hex}")
        kw = form(content)
        title = kw["data"]["title"]

        def check(ctx: Ctx, who: str, r: Any) -> None:
            assert ctx.count(Document, agreement_id=aid, title=title) == (1 if r.status_code == 201 else 0)
            if r.status_code == 201:
                body = r.json()
                assert body["sha256"] == hashlib.sha256(content).hexdigest() and body["agreement_id"] == aid
                assert r.headers["location"] == f"/api/v1/documents/{body['id']}"
                assert stored_file(ctx.settings, body["id"], ctx) == content

        return Req(f"{A}/{aid}/documents", kw, check)

    return build


def _list(number: str) -> Callable[[Ctx, str], Req]:
    def build(ctx: Ctx, who: str) -> Req:
        doc_id, _ = upload_as_admin(ctx, number)

        def check(ctx: Ctx, who: str, r: Any) -> None:
            assert doc_id in {d["id"] for d in r.json()}

        return Req(f"{A}/{ctx.agreement(number)}/documents", check=check)

    return build


def _get(number: str) -> Callable[[Ctx, str], Req]:
    def build(ctx: Ctx, who: str) -> Req:
        doc_id, etag = upload_as_admin(ctx, number)

        def check(ctx: Ctx, who: str, r: Any) -> None:
            assert r.json()["id"] == doc_id and r.headers["etag"] == etag

        return Req(f"/api/v1/documents/{doc_id}", check=check)

    return build


def _download(number: str) -> Callable[[Ctx, str], Req]:
    def build(ctx: Ctx, who: str) -> Req:
        doc_id, _ = upload_as_admin(ctx, number)

        def check(ctx: Ctx, who: str, r: Any) -> None:
            assert r.content == stored_file(ctx.settings, doc_id, ctx)
            assert r.headers["content-disposition"].startswith("attachment;")

        return Req(f"/api/v1/documents/{doc_id}/file", check=check)

    return build


def _replace(number: str, doc_type: str) -> Callable[[Ctx, str], Req]:
    def build(ctx: Ctx, who: str) -> Req:
        doc_id, etag = upload_as_admin(ctx, number, doc_type)
        before = ctx.column(Document.sha256, doc_id)
        content = pdf(f"pengganti {who} {uuid.uuid4().hex}")

        def check(ctx: Ctx, who: str, r: Any) -> None:
            after = ctx.column(Document.sha256, doc_id)
            assert after == (hashlib.sha256(content).hexdigest() if r.status_code == 200 else before)
            if r.status_code == 409:
                assert r.json()["code"] == "document_locked", r.json()

        kw = {"files": {"file": ("pengganti.pdf", content, "application/pdf")}, "headers": {"If-Match": etag}}
        return Req(f"/api/v1/documents/{doc_id}/file", kw, check)

    return build


def _delete(number: str, doc_type: str) -> Callable[[Ctx, str], Req]:
    def build(ctx: Ctx, who: str) -> Req:
        doc_id, etag = upload_as_admin(ctx, number, doc_type)

        def check(ctx: Ctx, who: str, r: Any) -> None:
            assert ctx.count(Document, id=doc_id) == (0 if r.status_code == 204 else 1)
            if r.status_code == 409:
                assert r.json()["code"] == "document_locked", r.json()

        return Req(f"/api/v1/documents/{doc_id}", {"headers": {"If-Match": etag}}, check)

    return build


ROWS: list[Row] = [
    # upload: every role but viewer, inside the agreement's OPD scope
    Row("POST", AID_DOCS, "kabbdg-related-dlh", exp(201, opd_operator=404, viewer=403), _upload(KABBDG)),
    Row("POST", AID_DOCS, "rujukan-dinkes", exp(201, opd_head=404, viewer=403), _upload(RUJUKAN)),
    Row(
        "POST",
        AID_DOCS,
        "drainase-dpupr",
        exp(201, opd_head=404, opd_operator=404, viewer=403),
        _upload(DRAINASE),
    ),
    # reading: every signed-in role, inside scope
    Row("GET", AID_DOCS, "rujukan-dinkes", exp(200, opd_head=404), _list(RUJUKAN)),
    Row("GET", AID_DOCS, "drainase-dpupr", exp(200, opd_head=404, opd_operator=404), _list(DRAINASE)),
    Row("GET", DOC, "of-kabbdg-related-dlh", exp(200, opd_operator=404), _get(KABBDG)),
    Row("GET", DOC, "of-drainase-dpupr", exp(200, opd_head=404, opd_operator=404), _get(DRAINASE)),
    Row("GET", DOC_FILE, "of-rujukan-dinkes", exp(200, opd_head=404), _download(RUJUKAN)),
    Row("GET", DOC_FILE, "of-drainase-dpupr", exp(200, opd_head=404, opd_operator=404), _download(DRAINASE)),
    # replace and delete: scope (404) first, then role (403), then the lock (409)
    Row("PUT", DOC_FILE, "kak-of-kabbdg", exp(200, opd_operator=404, viewer=403), _replace(KABBDG, "KAK")),
    Row(
        "PUT",
        DOC_FILE,
        "signed-text-of-rujukan-in-force",
        exp(409, opd_head=404, viewer=403),
        _replace(RUJUKAN, "SIGNED_TEXT"),
    ),
    Row("DELETE", DOC, "kak-of-rujukan", exp(204, opd_head=404, viewer=403), _delete(RUJUKAN, "KAK")),
    Row(
        "DELETE",
        DOC,
        "signed-text-of-kabbdg-in-force",
        exp(409, opd_operator=404, viewer=403),
        _delete(KABBDG, "SIGNED_TEXT"),
    ),
    Row("PATCH", DOC, "share-signed-text-of-kabbdg", exp(200, opd_operator=404, viewer=403), _share(KABBDG)),
    Row(
        "GET",
        DOC,
        "shared-of-drainase",
        exp(200, opd_head=404, opd_operator=404, province=200),
        _get_shared(DRAINASE),
    ),
    Row(
        "DELETE",
        DOC,
        "kak-of-drainase",
        exp(204, opd_head=404, opd_operator=404, viewer=403),
        _delete(DRAINASE, "KAK"),
    ),
]
