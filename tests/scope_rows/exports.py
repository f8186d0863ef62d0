"""Scope-matrix rows for the exports of obligations and monitoring reports (kerjasama/exports/).

Every signed-in role may export; what each gets is what its list shows: the rows are checked
against the caller's own list (obligations) or the agreements it may read (monitoring reports).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from tests.fixtures.scope import Ctx, Req, Row, exp


def _rows(r: Any) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))


def b_obligations(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        exported = {row["Uraian"] for row in _rows(r)}
        listed = ctx.client(who).get("/api/v1/obligations", params={"limit": 500}).json()["items"]
        assert exported == {o["description"] for o in listed}  # the list's scope, the province's too

    return Req("/api/v1/exports/obligations", check=check)


def b_monitoring(ctx: Ctx, who: str) -> Req:
    def check(ctx: Ctx, who: str, r: Any) -> None:
        exported = {row["Nomor kerja sama"] for row in _rows(r)}
        readable = ctx.client(who).get("/api/v1/agreements", params={"limit": 500}).json()["items"]
        assert exported <= {a["number"] for a in readable}

    return Req("/api/v1/exports/monitoring-reports", check=check)


ROWS = [
    Row("GET", "/api/v1/exports/obligations", "scoped-csv", exp(200), b_obligations),
    Row("GET", "/api/v1/exports/monitoring-reports", "scoped-csv", exp(200), b_monitoring),
]
