"""Scope-matrix rows for service accounts (admin only) and the change feed (read-all roles and the province).

OPD roles do not read the feed: their view follows OPD membership, which tombstones would not track.
"""

from __future__ import annotations

from typing import Any

from tests.fixtures.scope import Ctx, Req, Row, _admin_only, exp

SA = "/api/v1/service-accounts"


def _account(ctx: Ctx) -> tuple[str, str]:
    r = ctx.admin.post(SA, json={"name": "Biro Otonomi Daerah (matriks)", "role": "province"})
    assert r.status_code == 201, r.text
    return str(r.json()["id"]), r.headers["etag"]


def b_sa_list(ctx: Ctx, who: str) -> Req:
    return Req(SA)


def b_sa_create(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        names = {a["name"] for a in ctx.admin.get(SA, params={"limit": 500}).json()["items"]}
        assert (f"Akun matriks {who}" in names) == (r.status_code == 201)
        if r.status_code == 201:
            assert r.json()["client_secret"]

    return Req(SA, {"json": {"name": f"Akun matriks {who}", "role": "viewer", "scopes": ["read"]}}, check)


def b_sa_get(ctx: Ctx, who: str) -> Req:
    account, _ = _account(ctx)
    return Req(f"{SA}/{account}")


def b_sa_patch(ctx: Ctx, who: str) -> Req:
    account, etag = _account(ctx)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        active = ctx.admin.get(f"{SA}/{account}").json()["is_active"]
        assert active == (r.status_code != 200)

    return Req(f"{SA}/{account}", {"json": {"is_active": False}, "headers": {"If-Match": etag}}, check)


def b_sa_rotate(ctx: Ctx, who: str) -> Req:
    account, etag = _account(ctx)

    def check(ctx: Ctx, who: str, r: Any) -> None:
        generation = ctx.admin.get(f"{SA}/{account}").json()["secret_generation"]
        assert generation == (2 if r.status_code == 200 else 1)

    return Req(f"{SA}/{account}/rotate-secret", {"headers": {"If-Match": etag}}, check)


def b_changes(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        body = r.json()
        assert body["next_cursor"] and isinstance(body["items"], list)
        if who == "province":
            assert all(i["entity"] is None or i["entity"].get("status") != "draft" for i in body["items"])

    return Req("/api/v1/changes", {"params": {"limit": 500}}, check)


ROWS = [
    Row("GET", SA, "list", _admin_only(200), b_sa_list),
    Row("POST", SA, "create", _admin_only(201), b_sa_create),
    Row("GET", SA + "/{account_id}", "get", _admin_only(200), b_sa_get),
    Row("PATCH", SA + "/{account_id}", "disable", _admin_only(200), b_sa_patch),
    Row("POST", SA + "/{account_id}/rotate-secret", "rotate", _admin_only(200), b_sa_rotate),
    Row("GET", "/api/v1/changes", "feed", exp(200, opd_head=403, opd_operator=403), b_changes),
]
