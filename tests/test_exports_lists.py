"""Exports of obligations (one row per occurrence, with fulfilment) and monitoring reports: the lists'
filters and scope, labels in Bahasa Indonesia or English, readable dates, formulas neutralised."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

from fastapi.testclient import TestClient
from openpyxl import load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kerjasama.core import labels
from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.models import MonitoringReport, ObligationOccurrence
from tests.fixtures.factories import create_agreement

OBL = "/api/v1/exports/obligations"
MON = "/api/v1/exports/monitoring-reports"
AGR = "/api/v1/exports/agreements"


def _csv(r: Any) -> list[dict[str, str]]:
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))


def _all_obligations(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        q = {**params, "limit": 500, **({"cursor": cursor} if cursor else {})}
        page = client.get("/api/v1/obligations", params=q).json()
        items += page["items"]
        cursor = page["next_cursor"]
        if not cursor:
            return items


def test_obligations_follow_the_lists_filters_and_scope(
    client_for: Callable[[str], TestClient], session: Session
) -> None:
    for role, params in (
        ("secretariat", {}),
        ("opd_operator", {}),
        ("province", {}),
        ("secretariat", {"kind": "HAK"}),
        # An occurrence filter puts an EXISTS on the occurrences that the export also joins.
        ("secretariat", {"status": "late"}),
        ("secretariat", {"due_after": "2026-01-01", "due_before": "2027-12-31"}),
    ):
        client = client_for(role)
        rows = _csv(client.get(OBL, params=params))
        listed = _all_obligations(client, **params)
        assert {r["Uraian"] for r in rows} == {o["description"] for o in listed}, role
        ids = [uuid.UUID(o["id"]) for o in listed]
        occurrences = session.scalar(
            select(func.count())
            .select_from(ObligationOccurrence)
            .where(ObligationOccurrence.obligation_id.in_(ids))
        )
        without = sum(1 for o in listed if sum(o["occurrence_counts"].values()) == 0)
        assert len(rows) == (occurrences or 0) + without, role


def test_obligation_rows_carry_fulfilment_labels_and_dates(
    admin: TestClient, session: Session, settings: Settings
) -> None:
    today = today_in_region(settings)
    aid = create_agreement(
        admin,
        session,
        title="Uji ekspor kewajiban",
        start_date=(today - timedelta(days=60)).isoformat(),
        end_date=(today + timedelta(days=300)).isoformat(),
    )["id"]
    due_past, due_next = today - timedelta(days=10), today + timedelta(days=20)
    late = admin.post(
        f"/api/v1/agreements/{aid}/obligations",
        json={
            "kind": "KEWAJIBAN",
            "description": "=1+1 kewajiban lewat",
            "schedule_type": "one_off",
            "due_date": due_past.isoformat(),
        },
    ).json()
    done = admin.post(
        f"/api/v1/agreements/{aid}/obligations",
        json={
            "kind": "HAK",
            "description": "Hak yang dipenuhi",
            "schedule_type": "one_off",
            "due_date": due_next.isoformat(),
        },
    ).json()
    occ = done["occurrences"][0]
    r = admin.post(
        f"/api/v1/obligation-occurrences/{occ['id']}/fulfilments",
        json={
            "realised_on": today.isoformat(),
            "value_realised": "7.5",
            "note": "Serah terima",
            "complete": True,
        },
    )
    assert r.status_code == 201, r.text
    rows = {r["Uraian"]: r for r in _csv(admin.get(OBL, params={"agreement_id": aid}))}
    assert set(rows) == {"'=1+1 kewajiban lewat", "Hak yang dipenuhi"}
    first = rows["'=1+1 kewajiban lewat"]
    assert first["Status"] == "Terlambat" and first["Hak/Kewajiban"] == "Kewajiban"
    assert first["Jatuh tempo"] == due_past.strftime("%d/%m/%Y")
    second = rows["Hak yang dipenuhi"]
    assert second["Status"] == "Terpenuhi" and second["Nilai realisasi"] == "7.50"
    assert second["Catatan pemenuhan"] == "Serah terima" and second["Jumlah catatan pemenuhan"] == "1"
    assert second["Tanggal terpenuhi"] == today.strftime("%d/%m/%Y")
    # English on request, by the query or by Accept-Language; the query wins
    en = _csv(admin.get(OBL, params={"agreement_id": aid, "lang": "en"}))
    assert {r["Status"] for r in en} == {"Late", "Fulfilled"} and "Description" in en[0]
    en = _csv(admin.get(OBL, params={"agreement_id": aid}, headers={"Accept-Language": "en-GB,en;q=0.8"}))
    assert "Due date" in en[0]
    idn = _csv(admin.get(OBL, params={"agreement_id": aid, "lang": "id"}, headers={"Accept-Language": "en"}))
    assert "Jatuh tempo" in idn[0]
    # XLSX: the same rows, real dates, the formula kept as text
    x = admin.get(OBL, params={"agreement_id": aid, "format": "xlsx"})
    assert x.status_code == 200 and x.headers["content-type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(x.content)).active
    assert ws is not None
    values = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    assert len(values) == 2
    texts = {v[4] for v in values}
    assert "'=1+1 kewajiban lewat" in texts
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)
    dues = {v[14].date() if hasattr(v[14], "date") else v[14] for v in values}
    assert dues == {due_past, due_next}
    assert late["id"]


def test_monitoring_reports_export_period_labels_and_scope(
    client_for: Callable[[str], TestClient], session: Session
) -> None:
    sec = client_for("secretariat")
    rows = _csv(sec.get(MON, params={"period": "2026-S1"}))
    stored = session.scalar(
        select(func.count()).select_from(MonitoringReport).where(MonitoringReport.period == "2026-S1")
    )
    assert len(rows) == stored and stored
    assert {r["Periode"] for r in rows} == {"Semester I 2026"}
    assert {r["Status laporan"] for r in rows} <= {label[0] for label in labels.REPORT_STATUS.values()}
    en = _csv(sec.get(MON, params={"period": "2026-S1", "lang": "en"}))
    assert {r["Period"] for r in en} == {"Semester 1, 2026"}
    final = _csv(sec.get(MON, params={"status": "final"}))
    assert all(r["Status laporan"] == "Final" for r in final)
    # an OPD user sees only the reports of its agreements, as on the due list
    op = client_for("opd_operator")
    mine = {r["Nomor kerja sama"] for r in _csv(op.get(MON))}
    listed = {a["number"] for a in op.get("/api/v1/agreements", params={"limit": 500}).json()["items"]}
    assert mine <= listed
    assert mine != {r["Nomor kerja sama"] for r in rows} or len(rows) == len(mine)
    x = sec.get(MON, params={"format": "xlsx", "period": "2026-S1"})
    ws = load_workbook(io.BytesIO(x.content)).active
    assert ws is not None and ws.max_row == len(rows) + 1
    assert sec.get(MON, params={"period": "2026-S3"}).status_code == 422


def test_agreement_export_shows_labels_not_codes(secretariat: TestClient) -> None:
    rows = _csv(secretariat.get(AGR, params={"status": "in_force"}))
    assert rows and {r["Status"] for r in rows} == {"Berlaku"}
    assert "in_force" not in {r["Tahap"] for r in rows}
    en = _csv(secretariat.get(AGR, params={"status": "in_force", "lang": "en"}))
    assert {r["Status"] for r in en} == {"In force"}
    assert all(len(r["Tanggal penandatanganan"]) in (0, 10) for r in rows)
    assert any(r["Tanggal penandatanganan"][2] == "/" for r in rows if r["Tanggal penandatanganan"])


def test_labels() -> None:
    assert labels.period("2026-S2") == "Semester II 2026"
    assert labels.period("2027", "en") == "Year 2027"
    assert labels.long_date(date(2026, 7, 15)) == "15 Juli 2026"
    assert labels.pick_lang(None, "fr, en;q=0.5") == "en"
    assert labels.pick_lang(None, "id-ID,en") == "id"
    assert labels.pick_lang(None, None) == "id"
