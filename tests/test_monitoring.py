"""Monitoring & evaluation reports: periods, what is owed, the report form, its workflow and its scope."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.core.auth import Principal
from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.core.formatting import indonesian_date
from kerjasama.models import (
    AuditEntry,
    Document,
    FulfilmentDocument,
    MonitoringReport,
    Obligation,
    ObligationFulfilment,
    ObligationOccurrence,
    UserAccount,
)
from kerjasama.monitoring import service
from kerjasama.monitoring.periods import (
    next_period,
    parse_period,
    period_containing,
    period_label,
    previous_period,
    reporting_period,
)
from tests.fixtures.factories import agreement_body, agreement_id, opd_id

Client = Callable[[str], TestClient]
RUJUKAN = "DEMO/PKS/2021/RUJUKAN-KBB"  # lead DINKES
LEGOK = "DEMO/PKS/2019/LEGOKNANGKA"  # lead DLH
KABBDG = "DEMO/KB/2021/KABBDG"  # lead PEM, related DLH
LEGOK_ADD = "DEMO/ADD/2021/LEGOKNANGKA"


def legacy(
    client: TestClient,
    session: Session,
    *,
    lead: str = "DINKES",
    start: str = "2024-01-01",
    end: str | None = "2030-12-31",
    status: str = "in_force",
    **overrides: Any,
) -> str:
    """A text entered after the fact (legacy import), in force (or ended) over the given term."""
    body = agreement_body(
        session,
        lead_opd_id=opd_id(session, lead),
        is_legacy_import=True,
        status=status,
        start_date=start,
        end_date=end,
        signed_date=start,
        **overrides,
    )
    r = client.post("/api/v1/agreements", json=body)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def new_report(client: TestClient, agreement: str, period: str) -> dict[str, Any]:
    r = client.post(f"/api/v1/agreements/{agreement}/monitoring-reports", json={"period": period})
    assert r.status_code == 201, r.text
    assert r.headers["location"] == f"/api/v1/monitoring-reports/{r.json()['id']}"
    assert r.headers["etag"] == f'"{r.json()["version"]}"'
    body: dict[str, Any] = r.json()
    return body


def patch(client: TestClient, report: dict[str, Any], **changes: Any) -> Any:
    return client.patch(
        f"/api/v1/monitoring-reports/{report['id']}",
        json=changes,
        headers={"If-Match": f'"{report["version"]}"'},
    )


def act(client: TestClient, report: dict[str, Any], action: str, reason: str | None = None) -> Any:
    body: dict[str, Any] = {"action": action}
    if reason is not None:
        body["reason"] = reason
    return client.post(
        f"/api/v1/monitoring-reports/{report['id']}/transitions",
        json=body,
        headers={"If-Match": f'"{report["version"]}"'},
    )


def filled(client: TestClient, report: dict[str, Any]) -> dict[str, Any]:
    r = patch(
        client,
        report,
        problems="Data belum terintegrasi",
        solutions="Rapat koordinasi bulanan",
        other_matters="Tidak ada",
    )
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def principal(session: Session, username: str) -> Principal:
    user = session.scalar(select(UserAccount).where(UserAccount.username == username))
    assert user is not None
    return Principal(user.id, user.username, user.role, user.opd_id, user.full_name)


# ---------------------------------------------------------------- periods


def test_periods_and_default_due_dates() -> None:
    s1, s2, year = parse_period("2026-S1"), parse_period("2026-S2"), parse_period("2026")
    assert (s1.start, s1.end, s1.due_date()) == (date(2026, 1, 1), date(2026, 6, 30), date(2026, 7, 15))
    assert (s2.start, s2.end, s2.due_date()) == (date(2026, 7, 1), date(2026, 12, 31), date(2027, 1, 15))
    assert (year.start, year.end, year.due_date()) == (
        date(2026, 1, 1),
        date(2026, 12, 31),
        date(2027, 1, 15),
    )
    assert (s1.cadence, s2.cadence, year.cadence) == ("semester", "semester", "year")
    assert s1.due_date(30) == date(2026, 7, 30)
    assert s2.due_date(0) == date(2026, 12, 31)
    assert s2.due_date(90) == date(2027, 3, 31)
    assert parse_period("2024-S1").due_date(45) == date(2024, 8, 14)  # leap year: July has 31 days anyway
    assert indonesian_date(s1.due_date()) == "15 Juli 2026"
    assert indonesian_date(s2.due_date()) == "15 Januari 2027"
    assert (period_label(s1), period_label(s2), period_label(year)) == (
        "Semester I 2026",
        "Semester II 2026",
        "Tahun 2026",
    )


@pytest.mark.parametrize("code", ["2026-S3", "2026S1", "26-S1", "2026-s1", "", "0000-S1", "9999", "2026-S1 "])
def test_malformed_periods_are_refused(code: str) -> None:
    with pytest.raises(ValueError, match="period"):
        parse_period(code)


def test_period_navigation_and_reporting_period() -> None:
    assert period_containing(date(2026, 6, 30)).code == "2026-S1"
    assert period_containing(date(2026, 7, 1)).code == "2026-S2"
    assert period_containing(date(2026, 7, 1), "year").code == "2026"
    assert previous_period(parse_period("2026-S1")).code == "2025-S2"
    assert next_period(parse_period("2026-S2")).code == "2027-S1"
    assert previous_period(parse_period("2026")).code == "2025"
    # the reporting period is the latest that has ended: it stays until the next one ends
    assert reporting_period(date(2026, 7, 1)).code == "2026-S1"
    assert reporting_period(date(2026, 11, 28)).code == "2026-S1"
    assert reporting_period(date(2026, 12, 31)).code == "2026-S1"
    assert reporting_period(date(2027, 1, 1)).code == "2026-S2"
    assert reporting_period(date(2027, 1, 1), "year").code == "2026"
    assert reporting_period(date(2026, 12, 31), "year").code == "2025"


# ---------------------------------------------------------------- what is owed


def _states(session: Session, period: str, today: date, ids: set[str]) -> dict[str, str]:
    return {
        str(o.agreement_id): o.state
        for o in service.owed_reports(session, None, period, today)
        if str(o.agreement_id) in ids
    }


def test_who_owes_a_report_for_a_period(secretariat: TestClient, session: Session) -> None:
    whole = legacy(secretariat, session, start="2024-01-01", end="2030-12-31")
    starts_inside = legacy(secretariat, session, start="2026-03-15", end="2030-12-31")
    starts_after = legacy(secretariat, session, start="2026-07-01", end="2030-12-31")
    ended_before = legacy(secretariat, session, start="2020-01-01", end="2025-12-31", status="ended")
    ended_inside = legacy(secretariat, session, start="2020-01-01", end="2026-02-01", status="ended")
    expired_inside = legacy(secretariat, session, start="2020-01-01", end="2026-05-31")  # not ended yet
    open_ended = legacy(secretariat, session, start="2019-01-01", end=None)
    draft = secretariat.post(
        "/api/v1/agreements", json=agreement_body(session, start_date="2024-01-01", end_date="2030-12-31")
    ).json()["id"]
    adendum = legacy(
        secretariat, session, start="2025-01-01", end=None, kind="ADENDUM", parent_id=whole, nature="WAJIB"
    )
    ids = {
        whole,
        starts_inside,
        starts_after,
        ended_before,
        ended_inside,
        expired_inside,
        open_ended,
        draft,
        adendum,
    }
    owing = _states(session, "2026-S1", date(2026, 7, 1), ids)
    assert set(owing) == {whole, starts_inside, ended_inside, expired_inside, open_ended}
    assert set(owing.values()) == {"owed"}
    # yearly period codes concern only agreements reporting yearly
    assert _states(session, "2026", date(2027, 2, 1), ids) == {}


def test_states_follow_the_due_date(secretariat: TestClient, client_for: Client, session: Session) -> None:
    nothing, drafted, sent = (legacy(secretariat, session) for _ in range(3))
    new_report(secretariat, drafted, "2026-S1")
    report = filled(secretariat, new_report(secretariat, sent, "2026-S1"))
    dinkes_head = _opd_head(client_for, session, "DINKES")
    assert act(dinkes_head, report, "submit").status_code == 200
    ids = {nothing, drafted, sent}
    # due 15 July 2026: on the due day nothing is late yet; the day after it is
    assert _states(session, "2026-S1", date(2026, 7, 15), ids) == {
        nothing: "owed",
        drafted: "owed",
        sent: "submitted",
    }
    assert _states(session, "2026-S1", date(2026, 7, 16), ids) == {
        nothing: "missing",
        drafted: "overdue",
        sent: "submitted",
    }
    owed = {str(o.agreement_id): o for o in service.owed_reports(session, None, "2026-S1", date(2026, 7, 16))}
    assert owed[nothing].due_date == date(2026, 7, 15) and owed[nothing].report_id is None
    assert owed[drafted].report_status == "draft" and owed[sent].report_status == "submitted"
    assert owed[sent].on_time is None  # no zone given: not judged


def test_custom_due_days_and_cadence(secretariat: TestClient, session: Session) -> None:
    aid = legacy(secretariat, session)
    url = f"/api/v1/agreements/{aid}/monitoring-settings"
    r = secretariat.get(url)
    assert r.status_code == 200 and r.headers["etag"] == '"0"'
    assert r.json() == {
        "agreement_id": aid,
        "cadence": "semester",
        "due_days": 15,
        "is_default": True,
        "version": 0,
    }
    draft = new_report(secretariat, aid, "2026-S1")
    assert draft["due_date"] == "2026-07-15"
    assert secretariat.patch(url, json={"due_days": 30}).status_code == 428
    assert secretariat.patch(url, json={"due_days": 30}, headers={"If-Match": '"3"'}).status_code == 412
    for bad in (
        {"due_days": 91},
        {"due_days": -1},
        {"due_days": "30"},
        {"cadence": "monthly"},
        {"due_days": None},
    ):
        r = secretariat.patch(url, json=bad, headers={"If-Match": '"0"'})
        assert r.status_code == 422, (bad, r.text)
        assert r.json()["errors"][0]["loc"][:2] == ["body", next(iter(bad))], r.json()
    r = secretariat.patch(url, json={"due_days": 30}, headers={"If-Match": '"0"'})
    assert r.status_code == 200, r.text
    assert r.json() == {
        "agreement_id": aid,
        "cadence": "semester",
        "due_days": 30,
        "is_default": False,
        "version": 1,
    }
    assert r.headers["etag"] == '"1"'
    # the draft follows the new due day
    assert secretariat.get(f"/api/v1/monitoring-reports/{draft['id']}").json()["due_date"] == "2026-07-30"
    assert _states(session, "2026-S1", date(2026, 7, 20), {aid}) == {aid: "owed"}
    assert _states(session, "2026-S1", date(2026, 7, 31), {aid}) == {aid: "overdue"}
    # yearly: the agreement now owes "2026", not semesters
    r = secretariat.patch(url, json={"cadence": "year"}, headers={"If-Match": '"1"'})
    assert r.status_code == 200 and r.json()["cadence"] == "year"
    assert _states(session, "2026-S1", date(2026, 7, 20), {aid}) == {}
    assert _states(session, "2026", date(2027, 1, 30), {aid}) == {aid: "owed"}
    assert _states(session, "2026", date(2027, 1, 31), {aid}) == {aid: "missing"}
    r = secretariat.post(f"/api/v1/agreements/{aid}/monitoring-reports", json={"period": "2026-S2"})
    assert r.status_code == 422 and r.json()["errors"][0]["loc"] == ["body", "period"], r.text
    assert r.json()["errors"][0]["code"] == "period_cadence"
    entries = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity_type == "monitoring_setting", AuditEntry.entity_id == aid)
        .order_by(AuditEntry.seq)
    ).all()
    assert [(e.before, e.after) for e in entries] == [
        ({"due_days": 15}, {"due_days": 30}),
        ({"cadence": "semester"}, {"cadence": "year"}),
    ]


def test_foreign_cooperation_reports_yearly(secretariat: TestClient, session: Session) -> None:
    partner = secretariat.post(
        "/api/v1/partners",
        json={"type": "FOREIGN_GOVERNMENT", "name": "Kota Uji Luar Negeri", "country_code": "JP"},
    )
    assert partner.status_code == 201, partner.text
    aid = legacy(
        secretariat,
        session,
        kind="NASKAH_LN",
        category="KSDPL",
        nature=None,
        parties=[{"partner_id": partner.json()["id"]}],
    )
    setting = secretariat.get(f"/api/v1/agreements/{aid}/monitoring-settings").json()
    # P25 Pasal 35–38: the yearly report reaches the Gubernur in the first week of January (7 January).
    assert (setting["cadence"], setting["due_days"], setting["is_default"]) == ("year", 7, True)
    assert _states(session, "2025", date(2026, 1, 7), {aid}) == {aid: "owed"}
    assert _states(session, "2025", date(2026, 1, 8), {aid}) == {aid: "missing"}
    assert _states(session, "2025-S2", date(2026, 1, 10), {aid}) == {}
    # by default each agreement appears for the reporting period of its own cadence
    default = service.owed_reports(session, None, None, date(2026, 11, 28))
    assert {o.period for o in default if str(o.agreement_id) == aid} == {"2025"}
    assert "2026-S1" in {o.period for o in default}


def test_due_list_groups_per_opd_and_honours_scope(
    client_for: Client, session: Session, settings: Settings
) -> None:
    today = today_in_region(settings)
    sec = client_for("secretariat")
    r = sec.get("/api/v1/monitoring/due", params={"period": "2026-S1"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert [p["code"] for p in body["periods"]] == ["2026-S1"]
    assert body["periods"][0]["default_due_date"] == "2026-07-15"
    items = {i["agreement_number"]: i for g in body["opds"] for i in g["items"]}
    late = today > date(2026, 7, 15)
    assert items[KABBDG]["state"] == "submitted" and items[KABBDG]["report_status"] == "final"
    assert items[LEGOK]["state"] == "submitted" and items[LEGOK]["on_time"] is True  # demo: 14 July
    assert items[RUJUKAN]["state"] == ("overdue" if late else "owed")
    assert items["DEMO/KB/2023/GARUT"]["state"] == ("missing" if late else "owed")
    assert LEGOK_ADD not in items  # an adendum reports through its parent
    assert "DEMO/KB/2020/KBB" not in items  # ended on 11 February 2025
    for group in body["opds"]:
        counts = group["counts"]
        assert counts["expected"] == len(group["items"])
        assert counts["expected"] == sum(counts[s] for s in ("owed", "submitted", "overdue", "missing"))
        assert {i["lead_opd_id"] for i in group["items"]} == {group["opd"]["id"]}
    assert body["counts"]["expected"] == len(items)
    assert [g["opd"]["abbreviation"] for g in body["opds"]] == sorted(
        g["opd"]["abbreviation"] for g in body["opds"]
    )
    # OPD users see the agreements of their OPD only (lead or related)
    for role in ("opd_operator", "opd_head"):
        c = client_for(role)
        visible = {a["id"] for a in c.get("/api/v1/agreements", params={"limit": 500}).json()["items"]}
        listed = {
            i["agreement_id"]
            for g in c.get("/api/v1/monitoring/due", params={"period": "2026-S1"}).json()["opds"]
            for i in g["items"]
        }
        assert listed and listed <= visible, role
    dinkes = client_for("opd_operator").get("/api/v1/monitoring/due", params={"period": "2026-S1"}).json()
    assert {i["agreement_number"] for g in dinkes["opds"] for i in g["items"]} == {RUJUKAN}
    # the default lists each cadence's reporting period
    default = sec.get("/api/v1/monitoring/due").json()
    assert [p["code"] for p in default["periods"]] == [
        reporting_period(today, "semester").code,
        reporting_period(today, "year").code,
    ]


@pytest.mark.parametrize("period", ["2026-S3", "0000-S1", "2026-1", "x"])
def test_due_list_refuses_a_malformed_period(secretariat: TestClient, period: str) -> None:
    r = secretariat.get("/api/v1/monitoring/due", params={"period": period})
    assert r.status_code == 422, r.text
    assert r.json()["errors"][0]["loc"] == ["query", "period"]


def test_on_time_is_judged_in_the_regions_calendar(
    secretariat: TestClient, client_for: Client, session: Session, settings: Settings
) -> None:
    """Due 15 July: 23:30 WIB on the 15th is on time, 00:30 WIB on the 16th is late (both backends)."""
    on_time, late = legacy(secretariat, session), legacy(secretariat, session)
    for aid, at in (
        (on_time, datetime(2026, 7, 15, 16, 30, tzinfo=UTC)),
        (late, datetime(2026, 7, 15, 17, 30, tzinfo=UTC)),
    ):
        report = filled(secretariat, new_report(secretariat, aid, "2026-S1"))
        assert act(_opd_head(client_for, session, "DINKES"), report, "submit").status_code == 200
        row = session.get(MonitoringReport, uuid.UUID(report["id"]))
        assert row is not None
        session.refresh(row)
        row.submitted_at = at
        session.flush()
    owed = service.owed_reports(session, None, "2026-S1", date(2026, 8, 1), timezone=settings.timezone)
    judged = {str(o.agreement_id): o.on_time for o in owed if str(o.agreement_id) in (on_time, late)}
    assert judged == {on_time: True, late: False}


# ---------------------------------------------------------------- creating a report


def test_create_refuses_bad_periods_and_duplicates(secretariat: TestClient, session: Session) -> None:
    aid = legacy(secretariat, session, start="2024-03-01", end="2026-03-31", status="ended")
    url = f"/api/v1/agreements/{aid}/monitoring-reports"
    cases = {
        "2023-S2": "not_in_force",  # before the term
        "2026-S2": "not_in_force",  # after it ended
        "2199-S1": "period_not_started",
        "2026": "period_cadence",
    }
    for period, code in cases.items():
        r = secretariat.post(url, json={"period": period})
        assert r.status_code == 422, (period, r.text)
        assert r.json()["errors"] == [
            {"loc": ["body", "period"], "msg": r.json()["errors"][0]["msg"], "code": code}
        ]
    for malformed in ("2026-S3", "26-S1", 2026, "1900-S1"):
        r = secretariat.post(url, json={"period": malformed})
        assert r.status_code == 422, (malformed, r.text)
        assert r.json()["errors"][0]["loc"] == ["body", "period"]
    first = new_report(secretariat, aid, "2026-S1")  # in force until 31 March 2026: owes S1
    assert first["period_start"] == "2026-01-01" and first["period_end"] == "2026-06-30"
    assert first["status"] == "draft" and first["period_label"] == "Semester I 2026"
    again = secretariat.post(url, json={"period": "2026-S1"})
    assert again.status_code == 409
    assert again.json()["code"] == "report_exists" and again.json()["existing_id"] == first["id"]
    assert again.json()["errors"][0]["loc"] == ["body", "period"]
    assert [r["id"] for r in secretariat.get(url).json()] == [first["id"]]
    adendum = agreement_id(session, LEGOK_ADD)
    r = secretariat.post(f"/api/v1/agreements/{adendum}/monitoring-reports", json={"period": "2025-S1"})
    assert r.status_code == 409 and r.json()["code"] == "report_not_owed"
    draft = secretariat.post("/api/v1/agreements", json=agreement_body(session)).json()["id"]
    r = secretariat.post(f"/api/v1/agreements/{draft}/monitoring-reports", json={"period": "2026-S1"})
    assert r.status_code == 422 and r.json()["errors"][0]["code"] == "not_in_force"
    assert (
        session.scalar(select(MonitoringReport).where(MonitoringReport.agreement_id == uuid.UUID(draft)))
        is None
    )


def test_read_model_carries_the_minimum_items(secretariat: TestClient, session: Session) -> None:
    aid = agreement_id(session, "DEMO/KB/2023/GARUT")
    report = new_report(secretariat, aid, "2025-S2")
    items = report["agreement"]
    assert items["number"] == "DEMO/KB/2023/GARUT" and items["kind"] == "KB"
    assert items["title"].startswith("Kesepakatan Bersama Kota Cimahi dan Kabupaten Garut")
    assert items["purpose"] == "Menjaga ketersediaan dan stabilitas harga pangan pokok"
    assert items["object"].startswith("Pasokan cabai")
    assert (items["start_date"], items["end_date"]) == ("2023-11-30", "2028-11-29")
    assert [(p["role"], p["name"]) for p in items["parties"]] == [
        ("HOME", None),
        ("PARTNER", "Kabupaten Garut"),
    ]
    assert items["lead_opd"]["code"] == "EKO"
    assert (report["problems"], report["solutions"], report["other_matters"]) == ("", "", "")
    # allowed_actions are the caller's: the OPD head submits a draft, the secretariat does not
    assert report["allowed_actions"] == [] and report["events"] == []
    got = secretariat.get(f"/api/v1/monitoring-reports/{report['id']}")
    assert got.status_code == 200 and got.headers["etag"] == f'"{report["version"]}"'
    assert got.json() == report


def _document(session: Session, agreement: str, title: str) -> Document:
    doc = Document(
        agreement_id=uuid.UUID(agreement),
        doc_type="BUKTI_PEMENUHAN",
        title=title,
        doc_date=date(2026, 3, 1),
        original_filename=f"{title}.pdf",
        content_type="application/pdf",
        size_bytes=10,
        sha256=hashlib.sha256(title.encode()).hexdigest(),
        storage_key=uuid.uuid4().hex,
    )
    session.add(doc)
    session.flush()
    return doc


def test_realisation_is_prefilled_from_fulfilment_records(
    secretariat: TestClient, session: Session, settings: Settings
) -> None:
    aid = legacy(secretariat, session)
    obligation = Obligation(
        agreement_id=uuid.UUID(aid),
        kind="KEWAJIBAN",
        description="Laporan triwulanan rujukan",
        clause_reference="Pasal 5",
        schedule_type="recurring",
        frequency="quarterly",
        anchor_date=date(2026, 3, 31),
        target=Decimal("100"),
        unit="pasien",
    )
    session.add(obligation)
    session.flush()

    def occurrence(
        seq: int, due: date, status: str, fulfilled_on: date | None = None
    ) -> ObligationOccurrence:
        occ = ObligationOccurrence(
            obligation_id=obligation.id,
            seq=seq,
            period_start=due,
            due_date=due,
            status=status,
            fulfilled_on=fulfilled_on,
        )
        session.add(occ)
        session.flush()
        return occ

    done = occurrence(1, date(2026, 3, 31), "fulfilled", date(2026, 3, 30))
    pending = occurrence(2, date(2026, 6, 30), "pending")
    occurrence(3, date(2026, 9, 30), "pending")  # due in S2: not in the S1 report
    evidence = _document(session, aid, "bukti-rujukan")
    for value, note in ((Decimal("60"), "Januari–Februari"), (Decimal("45.5"), "Maret")):
        rec = ObligationFulfilment(
            occurrence_id=done.id, realised_on=date(2026, 3, 30), value_realised=value, note=note
        )
        session.add(rec)
        session.flush()
    session.add(FulfilmentDocument(fulfilment_id=rec.id, document_id=evidence.id))
    session.flush()
    report = new_report(secretariat, aid, "2026-S1")
    assert [i["occurrence_id"] for i in report["realisation"]] == [str(done.id), str(pending.id)]
    first, second = report["realisation"]
    assert first["status"] == "fulfilled" and first["fulfilled_on"] == "2026-03-30"
    assert Decimal(first["value_realised"]) == Decimal("105.5")
    assert first["notes"] == ["Januari–Februari", "Maret"]
    assert first["document_ids"] == [str(evidence.id)]
    assert (first["kind"], first["description"], first["clause_reference"], first["unit"]) == (
        "KEWAJIBAN",
        "Laporan triwulanan rujukan",
        "Pasal 5",
        "pasien",
    )
    assert Decimal(first["target"]) == 100 and first["partner_id"] is None
    # past due and still pending: late as of today
    late = today_in_region(settings) > date(2026, 6, 30)
    assert second["status"] == ("late" if late else "pending")
    assert second["value_realised"] is None and second["notes"] == [] and second["document_ids"] == []
    # a fulfilment recorded later shows after a refresh
    pending_row = session.get(ObligationOccurrence, pending.id)
    assert pending_row is not None
    pending_row.status, pending_row.fulfilled_on = "fulfilled", date(2026, 7, 2)
    session.flush()
    r = patch(secretariat, report, refresh_realisation=True)
    assert r.status_code == 200, r.text
    assert r.json()["realisation"][1]["status"] == "fulfilled"


# ---------------------------------------------------------------- editing


def test_patch_validates_and_merges(secretariat: TestClient, session: Session) -> None:
    aid = legacy(secretariat, session)
    report = new_report(secretariat, aid, "2026-S1")
    r = patch(secretariat, report, ratings={"conformity": 4, "timeliness": 2}, recommendation="expand")
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["ratings"]["conformity"] == 4 and report["ratings"]["timeliness"] == 2
    r = patch(secretariat, report, ratings={"timeliness": None, "coordination": 5})
    assert r.status_code == 200, r.text
    report = r.json()
    assert {k: v for k, v in report["ratings"].items() if v is not None} == {
        "conformity": 4,
        "coordination": 5,
    }
    for bad in (
        {"ratings": {"conformity": 6}},
        {"ratings": {"conformity": 0}},
        {"ratings": {"conformity": 3.5}},
        {"ratings": {"conformity": "3"}},
        {"ratings": {"conformity": True}},
        {"ratings": {"satisfaction": 3}},
        {"recommendation": "pause"},
        {"problems": None},
        {"document_ids": None},
        {"status": "final"},
        {"realisation": []},
    ):
        r = patch(secretariat, report, **bad)
        assert r.status_code == 422, (bad, r.text)
        assert r.json()["errors"][0]["loc"][:2] == ["body", next(iter(bad))], (bad, r.json())
    other = legacy(secretariat, session)
    foreign = _document(session, other, "dokumen-lain")
    r = patch(secretariat, report, document_ids=[str(uuid.uuid4()), str(foreign.id)])
    assert r.status_code == 422
    assert [e["loc"] for e in r.json()["errors"]] == [
        ["body", "document_ids", 0],
        ["body", "document_ids", 1],
    ]
    mine = _document(session, aid, "notulen-rapat")
    r = patch(secretariat, report, document_ids=[str(mine.id), str(mine.id)])
    assert r.status_code == 200, r.text
    assert r.json()["document_ids"] == [str(mine.id)]
    assert r.json()["version"] == report["version"] + 1  # a documents-only change moves the ETag
    unchanged = secretariat.get(f"/api/v1/monitoring-reports/{report['id']}").json()
    assert unchanged["ratings"]["conformity"] == 4 and unchanged["recommendation"] == "expand"


def test_concurrent_patch_is_412(secretariat: TestClient, client_for: Client, session: Session) -> None:
    aid = legacy(secretariat, session)
    report = new_report(secretariat, aid, "2026-S1")
    url = f"/api/v1/monitoring-reports/{report['id']}"
    assert secretariat.patch(url, json={"problems": "x"}).status_code == 428
    first = patch(secretariat, report, problems="Versi sekretariat")
    assert first.status_code == 200 and first.headers["etag"] == f'"{report["version"] + 1}"'
    stale = patch(client_for("opd_operator"), report, problems="Versi operator")
    assert stale.status_code == 412
    assert stale.json()["current_version"] == first.json()["version"]
    assert secretariat.get(url).json()["problems"] == "Versi sekretariat"


# ---------------------------------------------------------------- workflow


def _opd_head(client_for: Client, session: Session, opd: str) -> TestClient:
    """An opd_head of `opd` (the demo has one only for DLH)."""
    if opd == "DLH":
        return client_for("opd_head")
    username = f"kadis.{opd.lower()}"
    if session.scalar(select(UserAccount).where(UserAccount.username == username)) is None:
        body = {
            "username": username,
            "password": "rahasia-kepala-1",
            "role": "opd_head",
            "opd_id": opd_id(session, opd),
        }
        assert client_for("admin").post("/api/v1/users", json=body).status_code == 201
    return client_for(username)


def test_the_tkksd_review_keeps_its_notes(client_for: Client, session: Session) -> None:
    sec, tkksd, head = client_for("secretariat"), client_for("tkksd"), client_for("opd_head")
    aid = legacy(sec, session, lead="DLH")
    report = filled(head, new_report(head, aid, "2026-S1"))
    report = act(head, report, "submit").json()
    report = act(sec, report, "verify").json()
    r = act(tkksd, report, "review", reason="  Indikator kinerja perlu dipertajam.  ")
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["status"] == "reviewed"
    assert report["events"][-1]["action"] == "review"
    assert report["events"][-1]["reason"] == "Indikator kinerja perlu dipertajam."
    assert report["return_reason"] is None  # notes of a review are not a return reason
    # Notes are optional on the review: none is recorded as none.
    other = filled(head, new_report(head, aid, "2026-S2"))
    other = act(sec, act(head, other, "submit").json(), "verify").json()
    assert act(tkksd, other, "review").json()["events"][-1]["reason"] is None


def test_full_workflow_with_each_role(client_for: Client, session: Session) -> None:
    sec, tkksd, head = client_for("secretariat"), client_for("tkksd"), client_for("opd_head")
    aid = legacy(sec, session, lead="DLH")
    report = new_report(head, aid, "2026-S1")

    incomplete = act(head, patch(head, report, problems="Armada kurang").json(), "submit")
    assert incomplete.status_code == 422 and incomplete.json()["code"] == "report_incomplete"
    assert [e["loc"] for e in incomplete.json()["errors"]] == [
        ["report", "solutions"],
        ["report", "other_matters"],
    ]
    report = filled(head, reread(head, report))
    assert act(client_for("viewer"), report, "submit").status_code == 403
    assert act(client_for("opd_operator"), report, "submit").status_code == 404  # DINKES: not in scope
    assert act(sec, report, "submit").status_code == 403  # the OPD head submits
    assert act(head, report, "verify").json()["allowed_actions"] == ["submit"]

    r = act(head, report, "submit")
    assert r.status_code == 200, r.text
    report = r.json()
    assert report["status"] == "submitted" and report["state"] == "submitted" and report["submitted_at"]
    first_submission = report["submitted_at"]
    skip = act(sec, report, "review")
    assert skip.status_code == 409 and skip.json()["code"] == "action_not_allowed"
    assert skip.json()["allowed_actions"] == ["verify", "return"]
    assert act(tkksd, report, "verify").status_code == 403
    assert act(head, report, "verify").status_code == 403
    assert patch(head, report, problems="ubah").status_code == 409  # under review: not editable
    report = act(sec, report, "verify").json()
    assert report["status"] == "verified"

    no_reason = act(tkksd, report, "return", reason="  ")
    assert no_reason.status_code == 422 and no_reason.json()["errors"][0]["loc"] == ["body", "reason"]
    assert act(sec, report, "return", reason="bukan tahap Anda").status_code == 403
    report = act(tkksd, report, "return", reason="Lampirkan notulen rapat").json()
    assert report["status"] == "returned" and report["return_reason"] == "Lampirkan notulen rapat"
    assert report["state"] in ("owed", "overdue") and report["allowed_actions"] == []  # tkksd's view
    assert reread(head, report)["allowed_actions"] == ["submit"]

    r = patch(head, report, follow_up="Notulen dilampirkan")
    assert r.status_code == 200, r.text
    report = act(head, r.json(), "submit").json()
    assert report["status"] == "submitted" and report["return_reason"] is None
    assert report["submitted_at"] == first_submission  # on time is judged by the first submission
    report = act(sec, report, "verify").json()
    report = act(tkksd, report, "review").json()
    assert report["status"] == "reviewed"
    assert act(tkksd, report, "finalise").status_code == 403
    report = act(sec, report, "finalise").json()
    assert report["status"] == "final" and report["finalised_at"] and report["allowed_actions"] == []

    frozen = patch(sec, report, problems="ubah")
    assert frozen.status_code == 409 and frozen.json()["code"] == "report_not_editable"
    assert patch(client_for("admin"), report, ratings={"conformity": 5}).status_code == 409
    again = act(client_for("admin"), report, "return", reason="buka lagi")
    assert again.status_code == 409 and again.json()["allowed_actions"] == []
    assert [(e["action"], e["from_status"], e["to_status"], e["actor_role"]) for e in report["events"]] == [
        ("submit", "draft", "submitted", "opd_head"),
        ("verify", "submitted", "verified", "secretariat"),
        ("return", "verified", "returned", "tkksd"),
        ("submit", "returned", "submitted", "opd_head"),
        ("verify", "submitted", "verified", "secretariat"),
        ("review", "verified", "reviewed", "tkksd"),
        ("finalise", "reviewed", "final", "secretariat"),
    ]
    assert report["events"][2]["reason"] == "Lampirkan notulen rapat"
    actions = session.scalars(
        select(AuditEntry.action)
        .where(AuditEntry.entity_type == "monitoring_report", AuditEntry.entity_id == report["id"])
        .order_by(AuditEntry.seq)
    ).all()
    assert actions[0] == "create"
    assert [a for a in actions if a != "update"] == [
        "create",
        "submit",
        "verify",
        "return",
        "submit",
        "verify",
        "review",
        "finalise",
    ]


def reread(client: TestClient, report: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = client.get(f"/api/v1/monitoring-reports/{report['id']}").json()
    return body


def test_allowed_actions_are_the_callers_next_steps(client_for: Client, session: Session) -> None:
    """`allowed_actions` lists what the caller may take now: the status and the caller's role decide."""
    sec, tkksd, head, admin = (client_for(r) for r in ("secretariat", "tkksd", "opd_head", "admin"))
    viewer, operator = client_for("viewer"), client_for("opd_operator")
    aid = legacy(sec, session, lead="DLH")
    report = filled(head, new_report(head, aid, "2026-S1"))

    def seen() -> dict[str, list[str]]:
        return {
            name: reread(c, report)["allowed_actions"]
            for name, c in (
                ("admin", admin),
                ("sec", sec),
                ("tkksd", tkksd),
                ("head", head),
                ("viewer", viewer),
            )
        }

    assert seen() == {"admin": ["submit"], "sec": [], "tkksd": [], "head": ["submit"], "viewer": []}
    report = act(head, report, "submit").json()
    assert report["allowed_actions"] == []  # the head's own view, right after submitting
    assert seen() == {
        "admin": ["verify", "return"],
        "sec": ["verify", "return"],
        "tkksd": [],
        "head": [],
        "viewer": [],
    }
    report = act(sec, report, "verify").json()
    assert seen() == {
        "admin": ["review", "return"],
        "sec": [],
        "tkksd": ["review", "return"],
        "head": [],
        "viewer": [],
    }
    report = act(tkksd, report, "review").json()
    assert seen() == {
        "admin": ["finalise", "return"],
        "sec": ["finalise", "return"],
        "tkksd": [],
        "head": [],
        "viewer": [],
    }
    report = act(sec, report, "finalise").json()
    assert set(map(tuple, seen().values())) == {()}
    province = reread(client_for("province"), report)
    assert province["status"] == "final" and province["allowed_actions"] == []
    # the operator drafts reports of their OPD (DINKES) but takes no workflow step
    draft = new_report(operator, legacy(sec, session, lead="DINKES"), "2026-S1")
    assert draft["allowed_actions"] == [] and reread(admin, draft)["allowed_actions"] == ["submit"]


def test_admin_takes_every_step_and_transitions_need_if_match(admin: TestClient, session: Session) -> None:
    aid = legacy(admin, session)
    report = filled(admin, new_report(admin, aid, "2026-S1"))
    url = f"/api/v1/monitoring-reports/{report['id']}/transitions"
    assert admin.post(url, json={"action": "submit"}).status_code == 428
    assert admin.post(url, json={"action": "publish"}, headers={"If-Match": "*"}).status_code == 422
    stale = admin.post(url, json={"action": "submit"}, headers={"If-Match": f'"{report["version"] - 1}"'})
    assert stale.status_code == 412
    for action in ("submit", "verify", "return", "submit", "verify", "review", "return", "submit"):
        r = act(admin, report, action, reason="periksa lagi" if action == "return" else None)
        assert r.status_code == 200, (action, r.text)
        report = r.json()
    for action in ("verify", "review", "finalise"):
        report = act(admin, report, action).json()
    assert report["status"] == "final"


def test_opd_users_get_404_outside_their_scope(client_for: Client, session: Session) -> None:
    sec = client_for("secretariat")
    dlh_agreement = legacy(sec, session, lead="DLH")
    report = filled(sec, new_report(sec, dlh_agreement, "2026-S1"))
    dinkes = client_for("opd_operator")
    for r in (
        dinkes.get(f"/api/v1/monitoring-reports/{report['id']}"),
        patch(dinkes, report, problems="bukan milik saya"),
        act(dinkes, report, "submit"),
        dinkes.get(f"/api/v1/agreements/{dlh_agreement}/monitoring-reports"),
        dinkes.post(f"/api/v1/agreements/{dlh_agreement}/monitoring-reports", json={"period": "2025-S2"}),
        dinkes.get(f"/api/v1/agreements/{dlh_agreement}/monitoring-settings"),
    ):
        assert r.status_code == 404, r.text
        assert r.json()["code"] == "not_found"
    assert client_for("opd_head").get(f"/api/v1/monitoring-reports/{report['id']}").status_code == 200
    assert client_for("viewer").get(f"/api/v1/monitoring-reports/{report['id']}").status_code == 200
    assert patch(client_for("viewer"), report, problems="x").status_code == 403
    assert (
        client_for("tkksd")
        .post(f"/api/v1/agreements/{dlh_agreement}/monitoring-reports", json={"period": "2025-S2"})
        .status_code
        == 403
    )
    assert client_for("opd_head").get(f"/api/v1/monitoring-reports/{uuid.uuid4()}").status_code == 404


def test_reminders_can_ask_unscoped(session: Session) -> None:
    """principal None: every agreement (the reminder job has no caller)."""
    everything = service.owed_reports(session, None, "2026-S1", date(2026, 8, 1))
    dinkes = service.owed_reports(session, principal(session, "operator.dinkes"), "2026-S1", date(2026, 8, 1))
    assert {o.agreement_number for o in dinkes} == {RUJUKAN}
    assert {o.agreement_number for o in dinkes} < {o.agreement_number for o in everything}
    by_number = {o.agreement_number: o for o in everything}
    assert by_number[RUJUKAN].state == "overdue" and by_number["DEMO/NK/2025/KEJARI"].state == "missing"
    assert by_number[KABBDG].state == "submitted" and by_number[KABBDG].report_status == "final"


def _foreign_agreement(client: TestClient, session: Session) -> str:
    partner = client.post(
        "/api/v1/partners",
        json={"type": "FOREIGN_GOVERNMENT", "name": "Kota Mitra Luar Negeri", "country_code": "JP"},
    )
    assert partner.status_code == 201, partner.text
    return legacy(
        client,
        session,
        lead="PEM",
        kind="NASKAH_LN",
        category="KSDPL",
        nature=None,
        start="2024-01-01",
        parties=[{"partner_id": partner.json()["id"]}],
    )


P25_CONTENTS = {
    "background": "Kota kembar sejak 2024; pertukaran tenaga pendidik",
    "progress_results": "Dua guru mengikuti magang tiga bulan",
    "beneficiaries": "Guru SMP negeri",
    "funding": "APBD Dinas Pendidikan dan mitra",
    "problems": "Visa terlambat",
    "analysis": "Program berjalan; kendala administratif",
    "follow_up": "Jadwal magang disusun lebih awal",
}


def test_foreign_report_has_the_p25_pasal_37_contents_and_is_due_7_january(
    client_for: Client, session: Session
) -> None:
    """Permendagri 25/2020 Pasal 37: the yearly report on foreign cooperation has latar belakang,
    perkembangan dan hasil, penerima manfaat, pembiayaan, kendala, analisis dan tindak lanjut (judul,
    maksud dan tujuan, ruang lingkup come from the agreement); Pasal 35–38: due in the first week of
    January."""
    sec = client_for("secretariat")
    aid = _foreign_agreement(sec, session)
    report = new_report(sec, aid, "2025")
    assert report["due_date"] == "2026-01-07"
    assert report["foreign"] is True
    assert report["required_to_submit"] == [
        "background",
        "progress_results",
        "beneficiaries",
        "funding",
        "problems",
        "analysis",
        "follow_up",
    ]
    assert all(report[f] == "" for f in ("background", "progress_results", "beneficiaries", "funding"))
    # the P22 items alone do not make a foreign report complete
    report = filled(sec, report)
    head = client_for("admin")  # the admin takes every step
    incomplete = act(head, report, "submit")
    assert incomplete.status_code == 422 and incomplete.json()["code"] == "report_incomplete"
    assert [e["loc"][-1] for e in incomplete.json()["errors"]] == [
        "background",
        "progress_results",
        "beneficiaries",
        "funding",
        "analysis",
        "follow_up",
    ]
    r = patch(sec, report, **P25_CONTENTS)
    assert r.status_code == 200, r.text
    report = r.json()
    assert {k: report[k] for k in P25_CONTENTS} == P25_CONTENTS
    r = act(head, report, "submit")
    assert r.status_code == 200, r.text
    assert r.json()["status"] == "submitted"


def test_a_domestic_report_refuses_the_p25_fields(secretariat: TestClient, session: Session) -> None:
    """The P25 Pasal 37 contents belong to foreign cooperation; a KSDD report keeps the P22 form."""
    aid = legacy(secretariat, session)
    report = new_report(secretariat, aid, "2025-S1")
    assert report["due_date"] == "2025-07-15"
    assert report["foreign"] is False
    assert report["required_to_submit"] == ["problems", "solutions", "other_matters"]
    r = patch(secretariat, report, background="x", funding="y")
    assert r.status_code == 422, r.text
    assert {(e["loc"][-1], e["code"]) for e in r.json()["errors"]} == {
        ("background", "foreign_only"),
        ("funding", "foreign_only"),
    }
