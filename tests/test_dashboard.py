"""Dashboard figures: checked against the list endpoint (same scope) and a hand-built dataset."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Connection, event
from sqlalchemy.orm import Session

from kerjasama.core.config import Settings
from tests.fixtures.factories import agreement_body, opd_id, region_partner_id


def _all(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    return client.get("/api/v1/agreements", params={"limit": 500, **params}).json()["items"]


def _as_map(counts: list[dict[str, Any]]) -> dict[str, int]:
    return {c["key"]: c["count"] for c in counts}


def test_figures_match_the_lists_for_each_scope(client_for: Callable[[str], TestClient]) -> None:
    for role in ("secretariat", "opd_operator", "opd_head"):
        c = client_for(role)
        d = c.get("/api/v1/dashboard").json()
        items = _all(c)
        assert d["total"] == len(items), role
        assert d["in_force"] == sum(1 for a in items if a["status"] == "in_force")
        assert d["expired"] == sum(1 for a in items if a["expired"])
        assert _as_map(d["by_category"]) == dict(Counter(a["category"] for a in items))
        assert _as_map(d["by_status"]) == dict(Counter(a["status"] for a in items))
        assert _as_map(d["by_kind"]) == dict(Counter(a["kind"] for a in items))
        assert _as_map(d["by_lead_opd"]) == dict(Counter(a["lead_opd"]["id"] for a in items))
        for days in (30, 90, 180):
            assert d["expiring"][f"within_{days}"] == len(_all(c, expiring_within_days=days)), (role, days)
        for affair in d["by_affair"]:
            assert affair["count"] == len(_all(c, affair_code=affair["key"])), affair
    # OPD scoping reaches the figures: the operator sees fewer agreements than the secretariat.
    assert (
        client_for("opd_operator").get("/api/v1/dashboard").json()["total"]
        < client_for("secretariat").get("/api/v1/dashboard").json()["total"]
    )


def test_hand_built_dataset(
    client_for: Callable[[str], TestClient], session: Session, settings: Settings
) -> None:
    """New legacy texts for a fresh OPD: exact, hand-computed figures for that OPD's user."""
    admin = client_for("admin")
    opd = admin.post(
        "/api/v1/opds", json={"code": "DISPAR", "name": "Dinas Pariwisata", "abbreviation": "Dispar"}
    ).json()
    user = {
        "username": "op.dispar",
        "password": "rahasia-dispar-1",
        "role": "opd_operator",
        "opd_id": opd["id"],
    }
    assert admin.post("/api/v1/users", json=user).status_code == 201
    today = date.today()
    sec = client_for("secretariat")
    partner = region_partner_id(session, "32.73")

    def legacy(title: str, end: date | None, affairs: list[str], status: str = "in_force") -> None:
        body = agreement_body(
            session,
            title=title,
            lead_opd_id=opd["id"],
            affair_codes=affairs,
            is_legacy_import=True,
            status=status,
            parties=[{"partner_id": partner}],
            start_date=(today - timedelta(days=400)).isoformat(),
            end_date=end.isoformat() if end else None,
            signed_date=(today - timedelta(days=400)).isoformat(),
        )
        r = sec.post("/api/v1/agreements", json=body)
        assert r.status_code == 201, r.text

    legacy("KB A", today + timedelta(days=10), ["3.26"])  # expiring ≤30
    legacy("KB B", today + timedelta(days=60), ["3.26", "2.22"])  # ≤90
    legacy("KB C", today + timedelta(days=150), ["2.22"])  # ≤180
    legacy("KB D", today - timedelta(days=5), ["3.26"])  # expired
    legacy("KB E", today - timedelta(days=30), ["3.26"], status="ended")  # ended: neither
    r = client_for("op.dispar").get("/api/v1/dashboard")
    d = r.json()
    assert d["total"] == 5
    assert d["in_force"] == 4
    assert d["expired"] == 1
    assert d["expiring"] == {"within_30": 1, "within_90": 2, "within_180": 3}
    assert _as_map(d["by_status"]) == {"in_force": 4, "ended": 1}
    assert _as_map(d["by_affair"]) == {"3.26": 4, "2.22": 2}
    assert [x["label"] for x in d["by_affair"]] == ["Pariwisata", "Kebudayaan"]
    assert d["by_lead_opd"] == [{"key": opd["id"], "label": "Dispar", "count": 5}]
    assert d["late_obligations"] is None


def test_dashboard_is_a_fixed_handful_of_queries(
    client_for: Callable[[str], TestClient], connection: Connection, session: Session
) -> None:
    client = client_for("secretariat")
    client.get("/api/v1/dashboard")  # warm caches (reflection, first-use queries)
    statements: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not statement.lstrip().upper().startswith(("SAVEPOINT", "RELEASE")):
            statements.append(statement)

    event.listen(connection, "before_cursor_execute", count)
    try:
        assert client.get("/api/v1/dashboard").status_code == 200
        first = len(statements)
        for i in range(10):
            sec = client_for("secretariat")
            body = agreement_body(session, lead_opd_id=opd_id(session, "DLH"), title=f"Tambahan {i}")
            sec.post("/api/v1/agreements", json=body)
        statements.clear()
        assert client.get("/api/v1/dashboard").status_code == 200
    finally:
        event.remove(connection, "before_cursor_execute", count)
    assert len(statements) == first  # independent of the number of agreements
    assert first <= 8  # auth lookup + headline + 5 group-bys
