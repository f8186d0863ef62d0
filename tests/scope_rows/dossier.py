"""Scope-matrix rows for the audit dossier and the card (kerjasama/dossier/).

Both follow the agreement's scope: DEMO/PKS/2019/LEGOKNANGKA (lead DLH, signed) is 404 for
operator.dinkes; a fresh draft led by DINKES is 404 for kadis.dlh and for the province (drafts are
outside its signed-only view). The ZIP's manifest is checked against its entries in every cell, and
the province's ZIP holds only documents shared with it.
"""

from __future__ import annotations

import hashlib
import io
import json
import uuid
import zipfile
from typing import Any

from sqlalchemy import select

from kerjasama.models import Document
from tests.fixtures.scope import LEGOK, Ctx, Req, Row, exp

A = "/api/v1/agreements"
DOSSIER = "/api/v1/agreements/{agreement_id}/dossier"
CARD = "/api/v1/agreements/{agreement_id}/card.pdf"


def check_manifest(content: bytes) -> dict[str, Any]:
    """The manifest names every other entry with its size and SHA-256; returns it."""
    with zipfile.ZipFile(io.BytesIO(content)) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        names = set(zf.namelist()) - {"manifest.json"}
        listed = {f["path"]: f for f in manifest["files"] if not f.get("missing")}
        assert set(listed) == names
        for name, entry in listed.items():
            data = zf.read(name)
            assert entry["size"] == len(data) and entry["sha256"] == hashlib.sha256(data).hexdigest(), name
    return dict(manifest)


def _dossier(number: str | None) -> Any:
    def build(ctx: Ctx, who: str) -> Req:
        aid = ctx.agreement(number) if number else ctx.create_draft(lead_opd_id=ctx.opd("DINKES"))

        def check(ctx: Ctx, who: str, r: Any) -> None:
            assert r.headers["content-type"] == "application/zip"
            manifest = check_manifest(r.content)
            assert manifest["agreement_id"] == aid
            if who == "province":
                shared = {
                    str(i)
                    for i in ctx.session.scalars(
                        select(Document.id).where(
                            Document.agreement_id == uuid.UUID(aid), Document.shared.is_(True)
                        )
                    )
                }
                with zipfile.ZipFile(io.BytesIO(r.content)) as zf:
                    docs = json.loads(zf.read("06-dokumen.json"))
                assert {d["id"] for d in docs} <= shared

        return Req(f"{A}/{aid}/dossier", check=check)

    return build


def _card(number: str | None) -> Any:
    def build(ctx: Ctx, who: str) -> Req:
        aid = ctx.agreement(number) if number else ctx.create_draft(lead_opd_id=ctx.opd("DINKES"))

        def check(ctx: Ctx, who: str, r: Any) -> None:
            assert r.headers["content-type"] == "application/pdf" and r.content.startswith(b"%PDF-")

        return Req(f"{A}/{aid}/card.pdf", check=check)

    return build


ROWS = [
    Row("GET", DOSSIER, "legok-dlh-signed", exp(200, opd_operator=404), _dossier(LEGOK)),
    Row("GET", DOSSIER, "draft-of-dinkes", exp(200, opd_head=404, province=404), _dossier(None)),
    Row("GET", CARD, "legok-dlh-signed", exp(200, opd_operator=404), _card(LEGOK)),
    Row("GET", CARD, "draft-of-dinkes", exp(200, opd_head=404, province=404), _card(None)),
]
