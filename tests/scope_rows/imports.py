"""Scope-matrix rows for the spreadsheet import (kerjasama/imports/policy.py): the administrator only.

The POST row is a dry run of a one-row file, so no cell writes anything.
"""

from __future__ import annotations

from typing import Any

from tests.fixtures.scope import Ctx, Req, Row, exp
from tests.test_imports import row, workbook

ADMIN_ONLY = exp(403, admin=200)


def b_template(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        if r.status_code == 200:
            assert r.content.startswith(b"PK")

    return Req("/api/v1/imports/agreements/template", check=check)


def b_dry_run(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        if r.status_code != 200:
            return
        body = r.json()
        assert body["dry_run"] and not body["committed"] and body["rows_total"] == 1

    files = {"file": ("impor.xlsx", workbook([row()]), "application/octet-stream")}
    return Req("/api/v1/imports/agreements", {"params": {"dry_run": "true"}, "files": files}, check)


ROWS = [
    Row("GET", "/api/v1/imports/agreements/template", "admin-only", ADMIN_ONLY, b_template),
    Row("POST", "/api/v1/imports/agreements", "dry-run-admin-only", ADMIN_ONLY, b_dry_run),
]
