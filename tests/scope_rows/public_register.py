"""Scope-matrix rows for the public register: the one place where an anonymous caller gets 200.

Every principal, signed in or not, reads the same thing (a bearer token changes nothing). A text that
is a draft or not marked public is 404 for everyone, and so is a document not marked public. Marking a
document public is the secretariat's and admin's: 403 for the other roles that can see it.
"""

from __future__ import annotations

from typing import Any

from kerjasama.models import Document
from tests.fixtures.scope import KABBDG, KBB, RUJUKAN, Ctx, Req, Row, exp
from tests.scope_rows.documents import upload_as_admin

P = "/api/v1/public"
ONE = f"{P}/agreements/{{agreement_id}}"
FILE = f"{P}/documents/{{document_id}}/file"
BJB_QRIS = "DEMO/PKS/2024/BJB-QRIS"  # signed and in force, not marked public


def _list(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        numbers = {a["number"] for a in r.json()["items"]}
        assert KBB in numbers and BJB_QRIS not in numbers, numbers

    return Req(f"{P}/agreements", {"params": {"limit": 500}}, check)


def _one(number: str) -> Any:
    def build(ctx: Ctx, who: str) -> Req:
        return Req(f"{P}/agreements/{ctx.agreement(number)}")

    return build


def _public_draft(ctx: Ctx, who: str) -> Req:
    aid, etag = ctx.draft()
    r = ctx.admin.patch(f"/api/v1/agreements/{aid}", json={"public": True}, headers={"If-Match": etag})
    assert r.status_code == 200 and r.json()["public"] is True, r.text
    return Req(f"{P}/agreements/{aid}")


def _stats(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        body = r.json()
        assert body["total"] > 0 and sum(c["count"] for c in body["by_category"]) == body["total"], body

    return Req(f"{P}/stats", {}, check)


def _file(number: str, public: bool) -> Any:
    def build(ctx: Ctx, who: str) -> Req:
        doc, etag = upload_as_admin(ctx, number)
        if public:
            r = ctx.admin.patch(f"/api/v1/documents/{doc}", json={"public": True}, headers={"If-Match": etag})
            assert r.status_code == 200 and r.json()["public"] is True, r.text
        return Req(f"{P}/documents/{doc}/file")

    return build


def _mark_public(number: str) -> Any:
    def build(ctx: Ctx, who: str) -> Req:
        doc, etag = upload_as_admin(ctx, number, "SIGNED_TEXT")

        def check(ctx: Ctx, who: str, r: Any) -> None:
            assert ctx.column(Document.public, doc) is (r.status_code == 200)

        return Req(
            f"/api/v1/documents/{doc}", {"json": {"public": True}, "headers": {"If-Match": etag}}, check
        )

    return build


ROWS = [
    Row("GET", f"{P}/agreements", "register", exp(200, anonymous=200), _list),
    Row("GET", ONE, "public-kb-kbb", exp(200, anonymous=200), _one(KBB)),
    Row("GET", ONE, "not-public-bjb-qris", exp(404, anonymous=404), _one(BJB_QRIS)),
    Row("GET", ONE, "draft-marked-public", exp(404, anonymous=404), _public_draft),
    Row("GET", f"{P}/stats", "counts", exp(200, anonymous=200), _stats),
    Row("GET", FILE, "public-doc-of-rujukan", exp(200, anonymous=200), _file(RUJUKAN, True)),
    Row("GET", FILE, "unmarked-doc-of-rujukan", exp(404, anonymous=404), _file(RUJUKAN, False)),
    # the secretariat publishes; KABBDG (related DLH) is in kadis.dlh's scope, not operator.dinkes's
    Row(
        "PATCH",
        "/api/v1/documents/{document_id}",
        "publish-signed-text-of-kabbdg",
        exp(200, tkksd=403, opd_head=403, opd_operator=404, viewer=403, province=404),
        _mark_public(KABBDG),
    ),
]


# ---------------------------------------------------------------- OCDS open data (same rule as above)

OCDS = "/api/v1/ocds"


def _ocid(number: str) -> Any:
    def build(ctx: Ctx, who: str) -> Req:
        from kerjasama.models import Agreement

        ocid = ctx.column(Agreement.ocid, ctx.agreement(number))
        return Req(f"{OCDS}/records/{ocid}")

    return build


def _releases(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        assert r.json()["releases"] and BJB_QRIS not in r.text

    return Req(f"{OCDS}/releases", {"params": {"limit": 200}}, check)


ROWS += [
    Row("GET", f"{OCDS}/releases", "release-package", exp(200, anonymous=200), _releases),
    Row("GET", f"{OCDS}/records/{{ocid}}", "record-of-public-kbb", exp(200, anonymous=200), _ocid(KBB)),
    Row(
        "GET",
        f"{OCDS}/records/{{ocid}}",
        "record-of-non-public-bjb-qris",
        exp(404, anonymous=404),
        _ocid(BJB_QRIS),
    ),
    Row(
        "GET",
        f"{OCDS}/extension/{{name}}",
        "extension-json",
        exp(200, anonymous=200),
        lambda ctx, who: Req(f"{OCDS}/extension/extension.json"),
    ),
]
