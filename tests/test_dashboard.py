"""Dashboard figures: checked against the list endpoint (same scope) and a hand-built dataset."""

from __future__ import annotations

import uuid
from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import Connection, event
from sqlalchemy.orm import Session

from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.models import ForceMajeureEvent, MonitoringReport, Obligation, ObligationOccurrence
from kerjasama.monitoring.periods import reporting_period
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
    assert d["late_obligations"] == 0


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
        before = client.get("/api/v1/dashboard").json()
        cached = len(statements)
        for i in range(10):
            sec = client_for("secretariat")
            body = agreement_body(session, lead_opd_id=opd_id(session, "DLH"), title=f"Tambahan {i}")
            assert sec.post("/api/v1/agreements", json=body).status_code == 201
        statements.clear()
        after = client.get("/api/v1/dashboard").json()
        computed = len(statements)
        statements.clear()
        again = client.get("/api/v1/dashboard").json()
    finally:
        event.remove(connection, "before_cursor_execute", count)
    # The writes changed the data version: the figures are computed afresh and count the new texts.
    assert after["total"] == before["total"] + 10 and again == after
    # Unchanged data is answered from the read cache: auth lookup + the data version.
    assert cached == 2 and len(statements) == 2
    # Computed: auth lookup + data version + headline + 5 group-bys + reports owed per lead OPD +
    # obligation occurrences per OPD, whatever the number of agreements.
    assert computed <= 10


def test_the_dashboard_follows_every_kind_of_write(
    client_for: Callable[[str], TestClient], session: Session
) -> None:
    """The cached figures never outlive a write: a new text, a cancelled one, a cadence change."""
    sec = client_for("secretariat")
    first = sec.get("/api/v1/dashboard").json()
    body = agreement_body(session, lead_opd_id=opd_id(session, "DLH"), title="Dihitung segera")
    created = sec.post("/api/v1/agreements", json=body)
    assert created.status_code == 201, created.text
    second = sec.get("/api/v1/dashboard").json()
    assert second["total"] == first["total"] + 1
    drafts = {c["key"]: c["count"] for c in second["by_status"]}["draft"]
    assert drafts == {c["key"]: c["count"] for c in first["by_status"]}.get("draft", 0) + 1
    # An OPD-scoped caller's own cache entry follows the same write.
    dlh = client_for("kadis.dlh").get("/api/v1/dashboard").json()
    deleted = sec.delete(
        f"/api/v1/agreements/{created.json()['id']}", headers={"If-Match": created.headers["ETag"]}
    )
    assert deleted.status_code == 204, deleted.text
    assert sec.get("/api/v1/dashboard").json()["total"] == first["total"]
    assert client_for("kadis.dlh").get("/api/v1/dashboard").json()["total"] == dlh["total"] - 1


def test_reports_obligations_and_compliance_on_a_hand_built_dataset(
    client_for: Callable[[str], TestClient], session: Session, settings: Settings
) -> None:
    """A fresh OPD's texts, reports and obligation occurrences: every monitoring figure checked exactly.

    Reports are counted for the reporting period P (the latest semester that has ended). With due_days 0
    a report is due on P's last day, which is always past, so the states do not depend on the run date.
    """
    admin, sec = client_for("admin"), client_for("secretariat")
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
    today = today_in_region(settings)
    period = reporting_period(today)

    def text(status: str = "in_force") -> uuid.UUID:
        body = agreement_body(
            session,
            lead_opd_id=opd["id"],
            start_date="2020-01-01",
            end_date="2035-12-31",
            signed_date="2020-01-01",
        )
        if status != "draft":
            body |= {"is_legacy_import": True, "status": status}
        r = sec.post("/api/v1/agreements", json=body)
        assert r.status_code == 201, r.text
        return uuid.UUID(r.json()["id"])

    def due_on_period_end(aid: uuid.UUID) -> None:
        r = sec.patch(
            f"/api/v1/agreements/{aid}/monitoring-settings", json={"due_days": 0}, headers={"If-Match": '"0"'}
        )
        assert r.status_code == 200, r.text

    def report(aid: uuid.UUID, status: str, due: date, submitted_on: date | None = None) -> None:
        # 10:00 WIB on the given day (03:00 UTC)
        at = datetime.combine(submitted_on, time(3), tzinfo=UTC) if submitted_on else None
        session.add(
            MonitoringReport(
                agreement_id=aid,
                period=period.code,
                period_start=period.start,
                period_end=period.end,
                due_date=due,
                status=status,
                submitted_at=at,
                ratings={},
                realisation=[],
            )
        )
        session.flush()

    on_time, late, missing, owed, overdue = (text() for _ in range(5))
    text("draft")  # a draft owes nothing
    for aid in (on_time, late, missing, overdue):
        due_on_period_end(aid)
    report(on_time, "submitted", period.end, submitted_on=period.end)
    report(late, "final", period.end, submitted_on=period.end + timedelta(days=1))
    report(owed, "draft", today + timedelta(days=10))
    report(overdue, "returned", period.end)

    def obligation(aid: uuid.UUID, responsible: str | None) -> uuid.UUID:
        row = Obligation(
            agreement_id=aid,
            kind="KEWAJIBAN",
            description="Kewajiban uji",
            responsible_opd_id=uuid.UUID(responsible) if responsible else None,
        )
        session.add(row)
        session.flush()
        return row.id

    force_majeure = ForceMajeureEvent(
        agreement_id=on_time, description="Banjir", start_date=today - timedelta(days=9)
    )
    session.add(force_majeure)
    session.flush()
    dispar, dinkes = obligation(on_time, opd["id"]), obligation(on_time, opd_id(session, "DINKES"))
    unassigned = obligation(late, None)  # no responsible OPD: counted for the lead OPD
    seq = iter(range(1, 100))

    def occurrence(obl: uuid.UUID, days: int, status: str, fulfilled: int | None = None) -> None:
        due = today + timedelta(days=days)
        session.add(
            ObligationOccurrence(
                obligation_id=obl,
                seq=next(seq),
                period_start=due,
                due_date=due,
                status=status,
                fulfilled_on=today + timedelta(days=fulfilled) if fulfilled is not None else None,
                force_majeure_event_id=force_majeure.id if status == "suspended_force_majeure" else None,
            )
        )
        session.flush()

    occurrence(dispar, -10, "fulfilled", -11)  # on time
    occurrence(dispar, -20, "fulfilled", -17)  # fulfilled late
    occurrence(dispar, -5, "pending")  # late
    occurrence(dispar, -3, "in_progress")  # late
    occurrence(dispar, 5, "pending")  # not due yet
    occurrence(dispar, 0, "pending")  # due today: not late yet, not counted as due
    occurrence(dispar, -7, "suspended_force_majeure")  # excused
    occurrence(dispar, -8, "not_fulfilled")
    occurrence(unassigned, -2, "fulfilled", -2)  # on time, on the due day itself
    occurrence(dinkes, -4, "fulfilled", -6)  # on time, for Dinkes

    d = client_for("op.dispar").get("/api/v1/dashboard").json()
    assert d["late_obligations"] == 2
    assert d["reports"] == {
        "periods": [period.code, reporting_period(today, "year").code],
        "expected": 5,
        "owed": 1,
        "submitted": 2,
        "overdue": 1,
        "missing": 1,
    }
    assert d["reports_overdue"] == 2
    assert d["compliance"] == [
        {
            "opd_id": opd_id(session, "DINKES"),
            "label": "Dinkes",
            "reports_due": 0,
            "reports_on_time": 0,
            "reports_on_time_rate": None,
            "obligations_due": 1,
            "obligations_on_time": 1,
            "obligations_on_time_rate": 1.0,
        },
        {
            "opd_id": opd["id"],
            "label": "Dispar",
            "reports_due": 4,
            "reports_on_time": 1,
            "reports_on_time_rate": 0.25,
            "obligations_due": 6,
            "obligations_on_time": 2,
            "obligations_on_time_rate": 0.3333,
        },
    ]
    # the due list of the same user tells the same story, item by item
    due = client_for("op.dispar").get("/api/v1/monitoring/due").json()
    assert due["counts"] == {k: v for k, v in d["reports"].items() if k != "periods"}
    states = {i["agreement_id"]: (i["state"], i["on_time"]) for g in due["opds"] for i in g["items"]}
    assert states == {
        str(on_time): ("submitted", True),
        str(late): ("submitted", False),
        str(missing): ("missing", None),
        str(owed): ("owed", None),
        str(overdue): ("overdue", None),
    }
    # the secretariat sees these and more
    wide = sec.get("/api/v1/dashboard").json()
    assert wide["late_obligations"] >= 2 and wide["reports"]["expected"] > 5
