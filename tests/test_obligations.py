"""Obligations over HTTP: schedules and their refusals, late derivation, status and force majeure,
fulfilment with evidence, schedule changes that keep recorded work, R31 on signed texts, OPD scope,
the cross-agreement list with each filter, sorting and paging, and concurrent edits."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.models import AuditEntry, Obligation, ObligationOccurrence
from kerjasama.obligations import reads as obligations_reads
from tests.fixtures.factories import agreement_id, create_agreement, opd_id, region_partner_id

A = "/api/v1/agreements"
OB = "/api/v1/obligations"
OCC = "/api/v1/obligation-occurrences"
RUJUKAN = "DEMO/PKS/2021/RUJUKAN-KBB"
CABAI = "DEMO/PKS/2024/CABAI"


@pytest.fixture
def today(settings: Settings) -> date:
    return today_in_region(settings)


def iso(d: date) -> str:
    return d.isoformat()


def draft(client: TestClient, session: Session, start: date, end: date | None, **overrides: Any) -> str:
    body = {"start_date": iso(start), "end_date": iso(end) if end else None, **overrides}
    return str(create_agreement(client, session, **body)["id"])


def add(client: TestClient, aid: str, expect: int = 201, **body: Any) -> dict[str, Any]:
    body.setdefault("kind", "KEWAJIBAN")
    body.setdefault("description", f"Kewajiban uji {uuid.uuid4().hex[:6]}")
    r = client.post(f"{A}/{aid}/obligations", json=body)
    assert r.status_code == expect, r.text
    data: dict[str, Any] = r.json()
    return data


def get(client: TestClient, obligation_id: str) -> dict[str, Any]:
    r = client.get(f"{OB}/{obligation_id}")
    assert r.status_code == 200, r.text
    data: dict[str, Any] = r.json()
    return data


def etag(obj: dict[str, Any]) -> dict[str, str]:
    return {"If-Match": f'"{obj["version"]}"'}


def set_status(client: TestClient, occ: dict[str, Any], expect: int = 200, **body: Any) -> dict[str, Any]:
    r = client.patch(f"{OCC}/{occ['id']}", json=body, headers=etag(occ))
    assert r.status_code == expect, r.text
    data: dict[str, Any] = r.json()
    return data


def fulfil(client: TestClient, occ: dict[str, Any], expect: int = 201, **body: Any) -> dict[str, Any]:
    r = client.post(f"{OCC}/{occ['id']}/fulfilments", json=body)
    assert r.status_code == expect, r.text
    data: dict[str, Any] = r.json()
    return data


def problem(r: Any, status: int) -> dict[str, Any]:
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    data: dict[str, Any] = r.json()
    return data


def dues(obligation: dict[str, Any]) -> list[str]:
    return [o["due_date"] for o in obligation["occurrences"]]


def pdf_bytes(label: str) -> bytes:
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
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def upload(client: TestClient, aid: str) -> str:
    r = client.post(
        f"{A}/{aid}/documents",
        files={"file": ("bukti.pdf", pdf_bytes(uuid.uuid4().hex), "application/pdf")},
        data={"doc_type": "BUKTI_PEMENUHAN", "title": "Berita acara serah terima", "doc_date": "2026-01-15"},
    )
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


# ---------------------------------------------------------------- creating and schedules


def test_recurring_schedule_generates_occurrences(admin: TestClient, session: Session) -> None:
    aid = draft(admin, session, date(2026, 1, 10), date(2026, 6, 15))
    kota_bdg = region_partner_id(session, "32.73")
    r = admin.post(
        f"{A}/{aid}/obligations",
        json={
            "partner_id": kota_bdg,
            "kind": "KEWAJIBAN",
            "description": "Memasok air baku",
            "clause_reference": "Pasal 3",
            "schedule_type": "recurring",
            "frequency": "monthly",
            "anchor_date": "2026-01-31",
            "indicator": "Volume air baku",
            "target": "5",
            "unit": "ribu m3",
        },
    )
    assert r.status_code == 201, r.text
    body = r.json()
    assert r.headers["etag"] == f'"{body["version"]}"'
    assert r.headers["location"] == f"{OB}/{body['id']}"
    assert dues(body) == ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-05-31"]
    assert [o["period_start"] for o in body["occurrences"]][:2] == ["2026-01-10", "2026-02-01"]
    assert [o["seq"] for o in body["occurrences"]] == [1, 2, 3, 4, 5]
    assert body["party_name"] == admin.get(f"/api/v1/partners/{kota_bdg}").json()["name"]
    assert body["responsible_opd"]["id"] == opd_id(session, "DINKES")  # the lead OPD by default
    assert body["agreement"]["id"] == aid and body["target"] == "5.00" and body["unit"] == "ribu m3"
    assert body["occurrence_counts"]["total"] == 5
    again = admin.get(f"{OB}/{body['id']}")
    assert again.headers["etag"] == r.headers["etag"] and dues(again.json()) == dues(body)


def test_old_bodies_default_to_continuous(admin: TestClient, session: Session) -> None:
    aid = draft(admin, session, date(2026, 1, 1), date(2028, 12, 31))
    body = add(admin, aid, partner_id=None)
    assert body["schedule_type"] == "continuous" and body["party_name"] == "Kota Cimahi"
    assert [(o["period_start"], o["due_date"]) for o in body["occurrences"]] == [("2026-01-01", "2028-12-31")]
    open_ended = draft(admin, session, date(2026, 1, 1), None)
    assert add(admin, open_ended)["occurrences"] == []  # no end date: nothing falls due


def test_one_off_and_open_ended_recurring(admin: TestClient, session: Session, today: date) -> None:
    aid = draft(admin, session, date(2026, 1, 1), date(2026, 12, 31))
    one = add(admin, aid, schedule_type="one_off", due_date="2026-07-15")
    assert [(o["period_start"], o["due_date"]) for o in one["occurrences"]] == [("2026-01-01", "2026-07-15")]
    open_ended = draft(admin, session, date(2020, 1, 1), None)
    yearly = add(admin, open_ended, schedule_type="recurring", frequency="yearly", anchor_date="2020-03-01")
    last = date.fromisoformat(dues(yearly)[-1])
    # up to five years past today (the horizon), never beyond
    assert today + timedelta(days=4 * 365) < last <= today.replace(year=today.year + 5) + timedelta(days=1)


@pytest.mark.parametrize(
    ("schedule", "field", "code"),
    [
        ({"schedule_type": "one_off", "due_date": "2025-12-31"}, "due_date", "outside_term"),
        ({"schedule_type": "one_off", "due_date": "2027-01-01"}, "due_date", "outside_term"),
        (
            {"schedule_type": "recurring", "frequency": "monthly", "anchor_date": "2027-02-01"},
            "anchor_date",
            "outside_term",
        ),
        ({"schedule_type": "recurring", "frequency": "monthly"}, "anchor_date", "required"),
        ({"schedule_type": "recurring", "anchor_date": "2026-02-01"}, "frequency", "required"),
        ({"schedule_type": "one_off"}, "due_date", "required"),
        (
            {"schedule_type": "one_off", "due_date": "2026-05-01", "frequency": "monthly"},
            "frequency",
            "not_for_schedule_type",
        ),
        ({"schedule_type": "continuous", "due_date": "2026-05-01"}, "due_date", "not_for_schedule_type"),
    ],
)
def test_bad_schedules_are_refused_naming_the_field(
    admin: TestClient, session: Session, schedule: dict[str, Any], field: str, code: str
) -> None:
    aid = draft(admin, session, date(2026, 1, 1), date(2026, 12, 31))
    r = admin.post(f"{A}/{aid}/obligations", json={"kind": "HAK", "description": "Hak uji", **schedule})
    body = problem(r, 422)
    assert {"loc": ["body", field], "code": code} in [
        {"loc": e["loc"], "code": e["code"]} for e in body["errors"]
    ]
    assert (
        session.scalar(
            select(func.count()).select_from(Obligation).where(Obligation.agreement_id == uuid.UUID(aid))
        )
        == 0
    )


def test_too_long_schedule_is_refused(admin: TestClient, session: Session) -> None:
    aid = draft(admin, session, date(2026, 1, 1), date(2100, 12, 31))  # the latest end date accepted
    r = admin.post(
        f"{A}/{aid}/obligations",
        json={
            "kind": "HAK",
            "description": "Hak uji",
            "schedule_type": "recurring",
            "frequency": "monthly",
            "anchor_date": "2026-01-31",
        },
    )
    assert problem(r, 422)["errors"][0]["code"] == "schedule_too_long"


def test_party_and_responsible_opd_are_checked(
    admin: TestClient, client_for: Callable[[str], TestClient], session: Session
) -> None:
    aid = draft(
        admin, session, date(2026, 1, 1), date(2026, 12, 31), related_opd_ids=[opd_id(session, "DLH")]
    )
    r = admin.post(
        f"{A}/{aid}/obligations",
        json={"kind": "HAK", "description": "Bukan pihak", "partner_id": region_partner_id(session, "32.05")},
    )
    assert problem(r, 422)["errors"][0]["loc"] == ["body", "partner_id"]
    r = admin.post(
        f"{A}/{aid}/obligations",
        json={"kind": "HAK", "description": "OPD lain", "responsible_opd_id": opd_id(session, "DISHUB")},
    )
    assert problem(r, 422)["errors"][0]["code"] == "opd_not_involved"
    assert (
        add(admin, aid, responsible_opd_id=opd_id(session, "DLH"))["responsible_opd"]["abbreviation"] == "DLH"
    )
    operator = client_for("opd_operator")  # DINKES leads: in scope, may not hand work to DLH
    r = operator.post(
        f"{A}/{aid}/obligations",
        json={"kind": "HAK", "description": "Untuk DLH", "responsible_opd_id": opd_id(session, "DLH")},
    )
    assert problem(r, 422)["errors"][0]["code"] == "opd_out_of_scope"
    head = client_for("opd_head")  # DLH, a related OPD: its own obligations by default
    assert add(head, aid)["responsible_opd_id"] == opd_id(session, "DLH")


# ---------------------------------------------------------------- late, status, force majeure


def test_late_is_derived_from_due_date_and_open_status(
    admin: TestClient, session: Session, today: date
) -> None:
    aid = draft(admin, session, today - timedelta(days=100), today + timedelta(days=100))
    yesterday = add(admin, aid, schedule_type="one_off", due_date=iso(today - timedelta(days=1)))
    due_today = add(admin, aid, schedule_type="one_off", due_date=iso(today))
    occ = yesterday["occurrences"][0]
    assert (occ["status"], occ["late"], occ["effective_status"]) == ("pending", True, "late")
    assert yesterday["late_count"] == 1 and yesterday["occurrence_counts"]["late"] == 1
    assert yesterday["next_due_date"] is None  # nothing open from today on
    assert due_today["occurrences"][0]["late"] is False and due_today["next_due_date"] == iso(today)
    occ = set_status(admin, occ, status="in_progress")
    assert occ["late"] is True and occ["effective_status"] == "late"  # still open, still late
    occ = set_status(admin, occ, status="not_fulfilled")
    assert occ["late"] is False and occ["effective_status"] == "not_fulfilled"
    listed = {o["id"]: o for o in admin.get(f"{A}/{aid}/obligations").json()}
    assert listed[yesterday["id"]]["late_count"] == 0
    assert listed[yesterday["id"]]["occurrence_counts"]["not_fulfilled"] == 1


def test_occurrence_status_rules(admin: TestClient, session: Session, today: date) -> None:
    aid = draft(admin, session, today - timedelta(days=100), today + timedelta(days=100))
    occ = add(admin, aid, schedule_type="one_off", due_date=iso(today))["occurrences"][0]
    url = f"{OCC}/{occ['id']}"
    assert problem(admin.patch(url, json={"status": "fulfilled"}), 428)["code"] == "precondition_required"
    late = problem(admin.patch(url, json={"status": "late"}, headers=etag(occ)), 422)
    assert late["errors"][0]["loc"] == ["body", "status"] and late["errors"][0]["code"] == "status_derived"
    future = iso(today + timedelta(days=1))
    r = admin.patch(url, json={"status": "fulfilled", "fulfilled_on": future}, headers=etag(occ))
    assert problem(r, 422)["errors"][0]["code"] == "date_in_future"
    r = admin.patch(url, json={"status": "pending", "fulfilled_on": iso(today)}, headers=etag(occ))
    assert problem(r, 422)["errors"][0]["loc"] == ["body", "fulfilled_on"]
    done = set_status(admin, occ, status="fulfilled")
    assert done["fulfilled_on"] == iso(today) and done["version"] > occ["version"]
    assert set_status(admin, done, status="pending")["fulfilled_on"] is None


def test_force_majeure_suspension_needs_a_covering_event(
    admin: TestClient, session: Session, today: date
) -> None:
    aid = draft(admin, session, today - timedelta(days=200), today + timedelta(days=200))
    other = draft(admin, session, today - timedelta(days=200), today + timedelta(days=200))
    occ = add(admin, aid, schedule_type="one_off", due_date=iso(today - timedelta(days=30)))["occurrences"][0]

    def event(target: str, start: date, end: date | None, expect: int = 201) -> dict[str, Any]:
        body = {
            "description": "Banjir bandang",
            "start_date": iso(start),
            "end_date": iso(end) if end else None,
        }
        r = admin.post(f"{A}/{target}/force-majeure-events", json=body)
        assert r.status_code == expect, r.text
        data: dict[str, Any] = r.json()
        return data

    assert (
        problem(
            admin.patch(f"{OCC}/{occ['id']}", json={"status": "suspended_force_majeure"}, headers=etag(occ)),
            422,
        )["errors"][0]["code"]
        == "force_majeure_required"
    )
    elsewhere = event(other, today - timedelta(days=60), None)
    too_early = event(aid, today - timedelta(days=90), today - timedelta(days=31))
    assert event(aid, today, today - timedelta(days=1), 422)["errors"][0]["code"] == "date_order"
    assert event(aid, today + timedelta(days=1), None, 422)["errors"][0]["code"] == "date_in_future"
    for ev, code in ((elsewhere, "force_majeure_unknown"), (too_early, "force_majeure_not_covering")):
        r = admin.patch(
            f"{OCC}/{occ['id']}",
            json={"status": "suspended_force_majeure", "force_majeure_event_id": ev["id"]},
            headers=etag(occ),
        )
        assert problem(r, 422)["errors"][0] == {
            "loc": ["body", "force_majeure_event_id"],
            "msg": problem(r, 422)["errors"][0]["msg"],
            "code": code,
        }
    r = admin.patch(
        f"{OCC}/{occ['id']}",
        json={"status": "pending", "force_majeure_event_id": too_early["id"]},
        headers=etag(occ),
    )
    assert problem(r, 422)["errors"][0]["code"] == "not_for_status"
    covering = event(aid, today - timedelta(days=40), None)  # still ongoing
    suspended = set_status(
        admin, occ, status="suspended_force_majeure", force_majeure_event_id=covering["id"]
    )
    assert suspended["effective_status"] == "suspended_force_majeure" and suspended["late"] is False
    assert suspended["force_majeure_event_id"] == covering["id"]
    events = admin.get(f"{A}/{aid}/force-majeure-events").json()
    assert [e["id"] for e in events] == [too_early["id"], covering["id"]]
    assert set_status(admin, suspended, status="pending")["force_majeure_event_id"] is None


# ---------------------------------------------------------------- fulfilment


def test_fulfilment_with_evidence(admin: TestClient, session: Session, today: date) -> None:
    aid = draft(admin, session, today - timedelta(days=100), today + timedelta(days=100))
    other = draft(admin, session, today - timedelta(days=100), today + timedelta(days=100))
    doc, foreign = upload(admin, aid), upload(admin, other)
    occ = add(admin, aid, schedule_type="one_off", due_date=iso(today), unit="ton")["occurrences"][0]
    r = admin.post(
        f"{OCC}/{occ['id']}/fulfilments", json={"realised_on": iso(today), "document_ids": [foreign]}
    )
    assert problem(r, 422)["errors"][0]["loc"] == ["body", "document_ids", 0]
    r = admin.post(f"{OCC}/{occ['id']}/fulfilments", json={"realised_on": iso(today + timedelta(days=1))})
    assert problem(r, 422)["errors"][0]["code"] == "date_in_future"
    part = fulfil(
        admin,
        occ,
        realised_on=iso(today - timedelta(days=2)),
        value_realised="2.5",
        note="Tahap 1",
        document_ids=[doc, doc],
    )
    assert part["status"] == "in_progress" and part["version"] > occ["version"]
    assert (
        part["fulfilments"][0]["document_ids"] == [doc] and part["fulfilments"][0]["value_realised"] == "2.50"
    )
    done = fulfil(admin, part, realised_on=iso(today), value_realised="2.5", note="Tahap 2", complete=True)
    assert done["status"] == "fulfilled" and done["fulfilled_on"] == iso(today)
    assert [f["note"] for f in done["fulfilments"]] == ["Tahap 1", "Tahap 2"]
    detail = get(admin, occ["obligation_id"])
    assert detail["occurrences"][0]["fulfilments"][0]["document_ids"] == [doc]
    assert detail["occurrence_counts"]["fulfilled"] == 1
    # the evidence is this agreement's document; downloading it needs the agreement's scope as usual
    assert admin.get(f"/api/v1/documents/{doc}").json()["agreement_id"] == aid


def test_occurrences_in_period_for_monitoring(admin: TestClient, session: Session) -> None:
    aid = draft(admin, session, date(2026, 1, 1), date(2026, 12, 31))
    doc = upload(admin, aid)
    monthly = add(admin, aid, schedule_type="recurring", frequency="monthly", anchor_date="2026-01-31")
    add(admin, aid, schedule_type="one_off", due_date="2026-07-15")
    march = monthly["occurrences"][2]
    fulfil(admin, march, realised_on="2026-03-30", value_realised="5", document_ids=[doc], complete=True)
    got = obligations_reads.occurrences_in_period(
        session, uuid.UUID(aid), date(2026, 1, 1), date(2026, 6, 30)
    )
    assert [p.occurrence.due_date for p in got] == [
        date(2026, m, d) for m, d in ((1, 31), (2, 28), (3, 31), (4, 30), (5, 31), (6, 30))
    ]
    assert all(p.obligation.id == uuid.UUID(monthly["id"]) for p in got)
    third = got[2]
    assert [f.fulfilment.value_realised for f in third.fulfilments] == [5]
    assert third.fulfilments[0].document_ids == [uuid.UUID(doc)]
    assert all(p.fulfilments == [] for p in got if p is not third)


# ---------------------------------------------------------------- schedule changes


def test_schedule_change_regenerates_and_never_loses_recorded_work(
    admin: TestClient, session: Session
) -> None:
    aid = draft(admin, session, date(2026, 1, 1), date(2026, 12, 31))
    ob = add(admin, aid, schedule_type="recurring", frequency="monthly", anchor_date="2026-01-31")
    assert len(ob["occurrences"]) == 12
    jan, feb, mar = ob["occurrences"][:3]
    fulfil(admin, jan, realised_on="2026-01-30", complete=True)  # due date stays under quarterly
    set_status(admin, feb, status="not_fulfilled")  # a status, no fulfilment: kept although off-schedule
    fulfil(admin, mar, realised_on="2026-03-30")  # fulfilment on a date quarterly would drop
    ob = get(admin, ob["id"])
    r = admin.patch(f"{OB}/{ob['id']}", json={"frequency": "quarterly"}, headers=etag(ob))
    conflict = problem(r, 409)
    assert conflict["code"] == "schedule_drops_fulfilment" and "2026-03-31" in conflict["detail"]
    assert dues(get(admin, ob["id"])) == dues(ob)  # nothing changed
    # anchored on 31 March, quarterly would keep March but drop January's fulfilment record
    r = admin.patch(
        f"{OB}/{ob['id']}", json={"anchor_date": "2026-03-31", "frequency": "quarterly"}, headers=etag(ob)
    )
    detail = problem(r, 409)["detail"]
    assert "2026-01-31" in detail and "2026-03-31" not in detail
    assert get(admin, ob["id"])["version"] == ob["version"]


def test_schedule_change_keeps_statuses_and_renumbers(admin: TestClient, session: Session) -> None:
    aid = draft(admin, session, date(2026, 1, 1), date(2026, 12, 31))
    ob = add(admin, aid, schedule_type="recurring", frequency="monthly", anchor_date="2026-01-31")
    jan, feb = ob["occurrences"][:2]
    fulfil(admin, jan, realised_on="2026-01-30", complete=True)
    set_status(admin, feb, status="not_fulfilled")
    ob = get(admin, ob["id"])
    r = admin.patch(f"{OB}/{ob['id']}", json={"frequency": "quarterly"}, headers=etag(ob))
    assert r.status_code == 200, r.text
    body = r.json()
    assert r.headers["etag"] == f'"{body["version"]}"' and body["version"] > ob["version"]
    assert dues(body) == ["2026-01-31", "2026-02-28", "2026-04-30", "2026-07-31", "2026-10-31"]
    assert [o["seq"] for o in body["occurrences"]] == [1, 2, 3, 4, 5]
    kept = {o["due_date"]: o for o in body["occurrences"]}
    assert kept["2026-01-31"]["id"] == jan["id"] and kept["2026-01-31"]["status"] == "fulfilled"
    assert kept["2026-02-28"]["id"] == feb["id"] and kept["2026-02-28"]["status"] == "not_fulfilled"
    assert kept["2026-04-30"]["period_start"] == "2026-02-01"  # the day after January's due date
    entry = session.scalars(
        select(AuditEntry).where(AuditEntry.entity_id == ob["id"], AuditEntry.action == "update")
    ).one()
    assert entry.after is not None and entry.after["frequency"] == "quarterly"
    assert "2026-03-31" in entry.after["occurrences_removed"]
    # switching type clears the old type's fields that were not given
    r = admin.patch(
        f"{OB}/{ob['id']}", json={"schedule_type": "one_off", "due_date": "2026-01-31"}, headers=etag(body)
    )
    assert r.status_code == 200, r.text
    one = r.json()
    assert (one["frequency"], one["anchor_date"], one["due_date"]) == (None, None, "2026-01-31")
    assert dues(one) == ["2026-01-31", "2026-02-28"]  # February's recorded status stays
    r = admin.patch(f"{OB}/{ob['id']}", json={"due_date": "2027-01-31"}, headers=etag(one))
    assert problem(r, 422)["errors"][0] == {
        "loc": ["body", "due_date"],
        "msg": problem(r, 422)["errors"][0]["msg"],
        "code": "outside_term",
    }
    r = admin.patch(f"{OB}/{ob['id']}", json={"frequency": "monthly"}, headers=etag(one))
    assert problem(r, 422)["errors"][0]["code"] == "not_for_schedule_type"
    assert (
        problem(admin.patch(f"{OB}/{ob['id']}", json={"kind": None}, headers=etag(one)), 422)["errors"][0][
            "code"
        ]
        == "not_null"
    )


def test_concurrent_edits_get_412(admin: TestClient, secretariat: TestClient, session: Session) -> None:
    aid = draft(admin, session, date(2026, 1, 1), date(2026, 12, 31))
    ob = add(admin, aid, schedule_type="one_off", due_date="2026-06-30")
    first = admin.patch(f"{OB}/{ob['id']}", json={"indicator": "A"}, headers=etag(ob))
    assert first.status_code == 200, first.text
    stale = problem(secretariat.patch(f"{OB}/{ob['id']}", json={"indicator": "B"}, headers=etag(ob)), 412)
    assert stale["current_version"] == first.json()["version"]
    assert problem(secretariat.patch(f"{OB}/{ob['id']}", json={"indicator": "B"}), 428)
    occ = ob["occurrences"][0]
    set_status(admin, occ, status="in_progress")
    assert problem(
        secretariat.patch(f"{OCC}/{occ['id']}", json={"status": "fulfilled"}, headers=etag(occ)), 412
    )
    assert get(admin, ob["id"])["indicator"] == "A"
    assert problem(secretariat.delete(f"{OB}/{ob['id']}", headers=etag(ob)), 412)


# ---------------------------------------------------------------- delete and the signed text (R31)


def test_delete_obligation(admin: TestClient, session: Session) -> None:
    aid = draft(admin, session, date(2026, 1, 1), date(2026, 12, 31))
    gone = add(admin, aid, schedule_type="recurring", frequency="monthly", anchor_date="2026-01-31")
    r = admin.delete(f"{OB}/{gone['id']}", headers=etag(gone))
    assert r.status_code == 204, r.text
    assert admin.get(f"{OB}/{gone['id']}").status_code == 404
    occurrences = select(func.count()).select_from(ObligationOccurrence)
    assert session.scalar(occurrences.where(ObligationOccurrence.obligation_id == uuid.UUID(gone["id"]))) == 0
    kept = add(admin, aid, schedule_type="one_off", due_date="2026-01-31")
    fulfil(admin, kept["occurrences"][0], realised_on="2026-01-31")
    r = admin.delete(f"{OB}/{kept['id']}", headers=etag(get(admin, kept["id"])))
    assert problem(r, 409)["code"] == "obligation_has_fulfilments"
    actions = set(session.scalars(select(AuditEntry.action).where(AuditEntry.entity_id == gone["id"])))
    assert actions == {"create", "delete"}


def test_signed_text_locks_obligations_but_not_fulfilment(
    admin: TestClient, session: Session, today: date
) -> None:
    aid = agreement_id(session, RUJUKAN)  # a legacy PKS in force, with demo obligations
    listed = admin.get(f"{A}/{aid}/obligations").json()
    report = next(o for o in listed if o["schedule_type"] == "recurring")
    r = admin.patch(f"{OB}/{report['id']}", json={"description": "Ditulis ulang"}, headers=etag(report))
    blocked = problem(r, 409)
    assert blocked["code"] == "rule_blocked" and blocked["findings"][0]["rule_id"] == "R31"
    assert blocked["errors"][0]["loc"] == ["body", "description"]
    assert problem(admin.delete(f"{OB}/{report['id']}", headers=etag(report)), 409)["code"] == "rule_blocked"
    r = admin.patch(
        f"{OB}/{report['id']}",
        json={"indicator": "Laporan diterima tepat waktu", "unit": "dokumen"},
        headers=etag(report),
    )
    assert r.status_code == 200, r.text
    # transcribing a further clause of a text imported after signing is allowed
    added = add(
        admin, aid, kind="HAK", description="Memperoleh data rujukan", clause_reference="Pasal 6 ayat (4)"
    )
    assert added["schedule_type"] == "continuous" and dues(added) == ["2027-02-28"]
    pending = added["occurrences"][0]
    assert fulfil(admin, pending, realised_on=iso(today), complete=True)["status"] == "fulfilled"
    assert (
        set_status(admin, get(admin, added["id"])["occurrences"][0], status="in_progress")["status"]
        == "in_progress"
    )


# ---------------------------------------------------------------- roles and OPD scope


def test_roles_and_opd_scope(
    client_for: Callable[[str], TestClient], admin: TestClient, session: Session
) -> None:
    dlh, dinkes = opd_id(session, "DLH"), opd_id(session, "DINKES")
    aid = draft(admin, session, date(2026, 1, 1), date(2026, 12, 31), related_opd_ids=[dlh])  # lead DINKES
    of_dlh = add(admin, aid, schedule_type="one_off", due_date="2026-05-01", responsible_opd_id=dlh)
    of_dinkes = add(admin, aid, schedule_type="one_off", due_date="2026-05-01", responsible_opd_id=dinkes)
    operator, head = client_for("opd_operator"), client_for("opd_head")
    # reading follows the agreement: both OPDs read both obligations
    for c in (operator, head):
        assert {o["id"] for o in c.get(f"{A}/{aid}/obligations").json()} == {of_dlh["id"], of_dinkes["id"]}
        assert c.get(f"{OB}/{of_dlh['id']}").status_code == 200
    # writing follows the responsible OPD: another OPD's obligation is 404
    for c, foreign, own in ((operator, of_dlh, of_dinkes), (head, of_dinkes, of_dlh)):
        assert problem(c.patch(f"{OB}/{foreign['id']}", json={"indicator": "x"}, headers=etag(foreign)), 404)
        assert problem(c.delete(f"{OB}/{foreign['id']}", headers=etag(foreign)), 404)
        occ = foreign["occurrences"][0]
        assert problem(c.patch(f"{OCC}/{occ['id']}", json={"status": "in_progress"}, headers=etag(occ)), 404)
        assert problem(c.post(f"{OCC}/{occ['id']}/fulfilments", json={"realised_on": "2026-01-05"}), 404)
        r = c.patch(f"{OB}/{own['id']}", json={"indicator": "milik sendiri"}, headers=etag(own))
        assert r.status_code == 200, r.text
    # read-only roles: 403
    for role in ("tkksd", "viewer"):
        c = client_for(role)
        assert c.get(f"{OB}/{of_dlh['id']}").status_code == 200
        assert (
            problem(c.patch(f"{OB}/{of_dlh['id']}", json={"indicator": "x"}, headers=etag(of_dlh)), 403)[
                "code"
            ]
            == "role_forbidden"
        )
        assert problem(c.post(f"{A}/{aid}/obligations", json={"kind": "HAK", "description": "Hak"}), 403)
    # an agreement outside the OPD's scope: everything 404, like a missing id
    drainase = agreement_id(session, "DEMO/PKS/2022/DRAINASE")
    foreign_ob = add(admin, drainase, kind="HAK", description="Hak drainase")
    for url in (
        f"{A}/{drainase}/obligations",
        f"{OB}/{foreign_ob['id']}",
        f"{OB}/{uuid.uuid4()}",
        f"{A}/{drainase}/force-majeure-events",
    ):
        assert problem(operator.get(url), 404)["code"] == "not_found"


# ---------------------------------------------------------------- the cross-agreement list


@pytest.fixture
def dataset(admin: TestClient, session: Session, today: date) -> dict[str, Any]:
    """Two agreements, six obligations, one of each effective status; `marker` isolates them."""
    marker = f"uji{uuid.uuid4().hex[:8]}"
    dlh, dinkes = opd_id(session, "DLH"), opd_id(session, "DINKES")
    kota_bdg, kbb = region_partner_id(session, "32.73"), region_partner_id(session, "32.17")
    start, end = iso(today - timedelta(days=400)), iso(today + timedelta(days=800))
    a = create_agreement(
        admin, session, start_date=start, end_date=end, related_opd_ids=[dlh], title=f"KB {marker} satu"
    )
    b = create_agreement(
        admin,
        session,
        kind="NK",
        category="SINERGI",
        nature=None,
        lead_opd_id=dlh,
        start_date=start,
        end_date=end,
        parties=[{"partner_id": kbb}],
        title=f"NK {marker} dua",
    )

    def one(agreement: dict[str, Any], days: int, label: str, **kw: Any) -> dict[str, Any]:
        return add(
            admin,
            agreement["id"],
            schedule_type="one_off",
            due_date=iso(today + timedelta(days=days)),
            description=f"{label} {marker}",
            **kw,
        )

    ob = {
        "late": one(a, -10, "Terlambat", partner_id=None, responsible_opd_id=dinkes),
        "pending": one(a, 10, "Menunggu", kind="HAK", partner_id=kota_bdg, responsible_opd_id=dlh),
        "in_progress": one(b, 20, "Berjalan", partner_id=None, indicator=f"Indikator 100% {marker}"),
        "fulfilled": one(b, -5, "Terpenuhi", partner_id=kbb, clause_reference=f"Pasal 99 {marker}"),
        "not_fulfilled": one(a, 30, "Gagal", kind="HAK", partner_id=None, responsible_opd_id=dinkes),
        "suspended": one(a, -20, "Ditangguhkan", partner_id=None, responsible_opd_id=dinkes),
    }
    set_status(admin, ob["in_progress"]["occurrences"][0], status="in_progress")
    fulfil(
        admin, ob["fulfilled"]["occurrences"][0], realised_on=iso(today - timedelta(days=5)), complete=True
    )
    set_status(admin, ob["not_fulfilled"]["occurrences"][0], status="not_fulfilled")
    event = admin.post(
        f"{A}/{a['id']}/force-majeure-events",
        json={"description": "Gempa", "start_date": iso(today - timedelta(days=25))},
    ).json()
    set_status(
        admin,
        ob["suspended"]["occurrences"][0],
        status="suspended_force_majeure",
        force_majeure_event_id=event["id"],
    )
    return {
        "marker": marker,
        "a": a,
        "b": b,
        "ids": {k: v["id"] for k, v in ob.items()},
        "kota_bdg": kota_bdg,
        "kbb": kbb,
    }


def listed(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    r = client.get(OB, params={"limit": 500, **params})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["items"]) and body["next_cursor"] is None
    items: list[dict[str, Any]] = body["items"]
    return items


def names(ds: dict[str, Any], client: TestClient, **params: Any) -> set[str]:
    by_id = {v: k for k, v in ds["ids"].items()}
    return {by_id[o["id"]] for o in listed(client, q=ds["marker"], **params)}


def test_list_filters_each(admin: TestClient, session: Session, today: date, dataset: dict[str, Any]) -> None:
    ds = dataset
    everything = set(ds["ids"])
    assert names(ds, admin) == everything
    assert names(ds, admin, party="home") == {"late", "in_progress", "not_fulfilled", "suspended"}
    assert names(ds, admin, party=ds["kota_bdg"]) == {"pending"}
    assert names(ds, admin, party=ds["kbb"]) == {"fulfilled"}
    assert names(ds, admin, opd_id=opd_id(session, "DLH")) == {"pending", "in_progress", "fulfilled"}
    assert names(ds, admin, opd_id=opd_id(session, "DINKES")) == {"late", "not_fulfilled", "suspended"}
    for status, expected in (
        ("late", "late"),
        ("pending", "pending"),
        ("in_progress", "in_progress"),
        ("fulfilled", "fulfilled"),
        ("not_fulfilled", "not_fulfilled"),
        ("suspended_force_majeure", "suspended"),
    ):
        assert names(ds, admin, status=status) == {expected}, status
    assert names(ds, admin, due_before=iso(today)) == {"late", "fulfilled", "suspended"}
    assert names(ds, admin, due_after=iso(today + timedelta(days=15))) == {"in_progress", "not_fulfilled"}
    window = {"due_after": iso(today - timedelta(days=15)), "due_before": iso(today)}
    assert names(ds, admin, **window) == {"late", "fulfilled"}
    # status and dates describe the same occurrence
    assert names(ds, admin, status="late", due_after=iso(today)) == set()
    assert names(ds, admin, agreement_id=ds["b"]["id"]) == {"in_progress", "fulfilled"}
    assert names(ds, admin, category="SINERGI") == {"in_progress", "fulfilled"}
    assert names(ds, admin, category="KSDPL") == set()
    assert names(ds, admin, kind="HAK") == {"pending", "not_fulfilled"}
    # the summary columns of a row
    late = next(o for o in listed(admin, q=ds["marker"], status="late"))
    assert late["late_count"] == 1 and late["party_name"] == "Kota Cimahi"
    assert late["agreement"]["number"] == ds["a"]["number"] and late["agreement"]["category"] == "KSDD"


def test_list_search(admin: TestClient, dataset: dict[str, Any]) -> None:
    ds = dataset
    by_id = {v: k for k, v in ds["ids"].items()}

    def search(q: str) -> set[str]:
        return {by_id[o["id"]] for o in listed(admin, q=q) if o["id"] in by_id}

    assert search(f"Pasal 99 {ds['marker']}") == {"fulfilled"}  # clause
    assert search(f"indikator 100% {ds['marker']}".upper()) == {
        "in_progress"
    }  # indicator, case and % literal
    assert search("100%%") == set()  # % is not a wildcard
    assert search(ds["a"]["number"]) == {"late", "pending", "not_fulfilled", "suspended"}  # agreement number
    assert search(f"NK {ds['marker']} dua") == {"in_progress", "fulfilled"}  # agreement title
    assert search(f"Gagal {ds['marker']}") == {"not_fulfilled"}  # description


def test_list_sort_and_cursor(admin: TestClient, today: date, dataset: dict[str, Any]) -> None:
    ds = dataset
    by_id = {v: k for k, v in ds["ids"].items()}

    def walk(sort: str, limit: int) -> list[str]:
        out: list[str] = []
        cursor = None
        while True:
            params: dict[str, Any] = {"q": ds["marker"], "sort": sort, "limit": limit}
            if cursor:
                params["cursor"] = cursor
            r = admin.get(OB, params=params)
            assert r.status_code == 200, r.text
            body = r.json()
            assert body["total"] == 6
            out += [by_id[o["id"]] for o in body["items"]]
            cursor = body["next_cursor"]
            if not cursor:
                return out

    ordered = walk("next_due_date", 2)
    assert ordered == walk("next_due_date", 500)
    assert ordered[:2] == ["pending", "in_progress"]  # open and upcoming first; nothing-due rows last
    assert set(ordered[2:]) == {"late", "fulfilled", "not_fulfilled", "suspended"}
    assert walk("-next_due_date", 4)[:2] == ["in_progress", "pending"]
    described = walk("description", 4)
    assert described == walk("description", 500) and len(set(described)) == 6
    numbers = walk("-agreement_number", 1)
    assert numbers == walk("-agreement_number", 500)
    a_first = ds["a"]["number"] > ds["b"]["number"]
    b_names, a_names = {"in_progress", "fulfilled"}, {"late", "pending", "not_fulfilled", "suspended"}
    assert set(numbers[:4] if a_first else numbers[2:]) == a_names
    assert set(numbers[4:] if a_first else numbers[:2]) == b_names
    assert problem(admin.get(OB, params={"sort": "kind"}), 422)["errors"][0]["loc"][:2] == ["query", "sort"]
    assert problem(admin.get(OB, params={"cursor": "bm9wZQ"}), 422)["errors"][0]["code"] == "cursor_invalid"
    assert problem(admin.get(OB, params={"party": "rumah"}), 422)["errors"][0]["loc"] == ["query", "party"]


def test_list_scope(client_for: Callable[[str], TestClient], dataset: dict[str, Any]) -> None:
    ds = dataset
    # DINKES leads A only; DLH is related to A and leads B
    assert names(ds, client_for("opd_operator")) == {"late", "pending", "not_fulfilled", "suspended"}
    assert names(ds, client_for("opd_head")) == set(ds["ids"])
    assert names(ds, client_for("viewer")) == set(ds["ids"])
    # a filter naming an agreement outside the scope does not widen it
    assert names(ds, client_for("opd_operator"), agreement_id=ds["b"]["id"]) == set()


# ---------------------------------------------------------------- demo data and audit


def test_demo_obligations_tell_their_story(admin: TestClient, session: Session) -> None:
    cabai = admin.get(f"{A}/{agreement_id(session, CABAI)}/obligations").json()
    supply = next(o for o in cabai if o["schedule_type"] == "recurring")
    assert supply["late_count"] == 1 and supply["unit"] == "ton"
    counts = supply["occurrence_counts"]
    assert (
        counts["fulfilled"] >= 1
        and counts["fulfilled"] + counts["late"] + counts["pending"] == counts["total"]
    )
    late = listed(admin, status="late")
    assert supply["id"] in {o["id"] for o in late}
    rujukan = admin.get(f"{A}/{agreement_id(session, RUJUKAN)}/obligations").json()
    report = get(admin, next(o for o in rujukan if o["schedule_type"] == "recurring")["id"])
    suspended = [o for o in report["occurrences"] if o["status"] == "suspended_force_majeure"]
    assert [o["due_date"] for o in suspended] == ["2021-09-30"]
    assert session.scalar(
        select(func.count()).select_from(AuditEntry).where(AuditEntry.entity_type == "obligation_fulfilment")
    )


def test_every_change_is_audited(admin: TestClient, session: Session, today: date) -> None:
    aid = draft(admin, session, today - timedelta(days=10), today + timedelta(days=100))
    ob = add(admin, aid, schedule_type="one_off", due_date=iso(today))
    occ = ob["occurrences"][0]
    occ = set_status(admin, occ, status="in_progress")
    fulfil(admin, occ, realised_on=iso(today), note="Selesai", complete=True)
    admin.post(f"{A}/{aid}/force-majeure-events", json={"description": "Banjir", "start_date": iso(today)})
    kinds = {
        (e.entity_type, e.action)
        for e in session.scalars(
            select(AuditEntry).where(AuditEntry.seq > 0).order_by(AuditEntry.seq.desc()).limit(10)
        )
    }
    assert {
        ("obligation", "create"),
        ("obligation_occurrence", "update"),
        ("obligation_fulfilment", "create"),
        ("force_majeure_event", "create"),
    } <= kinds


def test_list_refuses_dates_that_are_not_calendar_dates(admin: TestClient) -> None:
    for raw in ("0", "20260101", "2026-13-01"):
        assert problem(admin.get(OB, params={"due_before": raw}), 422)["errors"][0]["loc"] == [
            "query",
            "due_before",
        ]
    assert admin.get(OB, params={"due_after": "2026-01-01", "limit": 1}).status_code == 200


# ---------------------------------------------------------------- the term moves: occurrences follow


def patch_agreement(client: TestClient, aid: str, **fields: Any) -> Any:
    current = client.get(f"{A}/{aid}")
    return client.patch(f"{A}/{aid}", json=fields, headers={"If-Match": current.headers["etag"]})


def test_agreement_term_change_regenerates_occurrences(admin: TestClient, session: Session) -> None:
    aid = draft(admin, session, date(2026, 1, 1), date(2026, 6, 30))
    monthly = add(admin, aid, schedule_type="recurring", frequency="monthly", anchor_date="2026-01-31")
    continuous = add(admin, aid, schedule_type="continuous")
    assert dues(monthly)[-1] == "2026-06-30" and dues(continuous) == ["2026-06-30"]
    fulfil(admin, monthly["occurrences"][0], realised_on="2026-01-30", complete=True)

    r = patch_agreement(admin, aid, end_date="2026-09-30")
    assert r.status_code == 200, r.text
    assert dues(get(admin, monthly["id"]))[-3:] == ["2026-07-31", "2026-08-31", "2026-09-30"]
    assert dues(get(admin, continuous["id"])) == ["2026-09-30"]  # the untouched old end date went
    assert get(admin, monthly["id"])["occurrences"][0]["status"] == "fulfilled"  # recorded work kept

    r = patch_agreement(admin, aid, end_date="2026-04-30")
    assert r.status_code == 200, r.text
    assert dues(get(admin, monthly["id"])) == ["2026-01-31", "2026-02-28", "2026-03-31", "2026-04-30"]
    regen = session.scalars(
        select(AuditEntry)
        .where(AuditEntry.entity_id == monthly["id"], AuditEntry.action == "regenerate")
        .order_by(AuditEntry.seq)  # without it PostgreSQL may return them in either order
    ).all()
    assert len(regen) == 2 and regen[-1].after is not None
    assert "2026-09-30" in regen[-1].after["occurrences_removed"]


def test_term_change_that_leaves_a_schedule_outside_is_refused_and_changes_nothing(
    admin: TestClient, session: Session
) -> None:
    aid = draft(admin, session, date(2026, 1, 1), date(2026, 12, 31))
    one = add(admin, aid, schedule_type="one_off", due_date="2026-10-15", description="Laporan akhir")
    before = admin.get(f"{A}/{aid}")
    r = patch_agreement(admin, aid, end_date="2026-09-30", title="Judul baru")
    body = problem(r, 409)
    assert body["code"] == "obligations_outside_term" and body["obligation_ids"] == [one["id"]]
    assert {"loc": ["body", "end_date"], "code": "obligations_outside_term"} in [
        {"loc": e["loc"], "code": e["code"]} for e in body["errors"]
    ]
    assert "Laporan akhir" in body["detail"] and "2026-10-15" in body["detail"]
    after = admin.get(f"{A}/{aid}")
    assert after.headers["etag"] == before.headers["etag"]  # the PATCH was rolled back whole
    assert after.json()["title"] == before.json()["title"] and after.json()["end_date"] == "2026-12-31"
    # moving the start past a recurring anchor is refused the same way, naming start_date
    add(admin, aid, schedule_type="recurring", frequency="quarterly", anchor_date="2026-03-31")
    r = patch_agreement(admin, aid, start_date="2026-04-01")
    assert problem(r, 409)["errors"][0]["loc"] == ["body", "start_date"]


def test_term_change_that_would_drop_a_fulfilment_is_refused(admin: TestClient, session: Session) -> None:
    aid = draft(admin, session, date(2026, 1, 1), date(2026, 12, 31))
    ob = add(admin, aid, schedule_type="recurring", frequency="quarterly", anchor_date="2026-03-31")
    fulfil(admin, ob["occurrences"][-1], realised_on="2026-01-20")  # the December occurrence, early
    r = patch_agreement(admin, aid, end_date="2026-10-31")
    assert problem(r, 409)["code"] == "schedule_drops_fulfilment"
    assert admin.get(f"{A}/{aid}").json()["end_date"] == "2026-12-31"
    assert dues(get(admin, ob["id"]))[-1] == "2026-12-31"


def test_open_ended_horizon_moves_with_the_daily_job(
    admin: TestClient, session: Session, database: Any, settings: Settings, today: date
) -> None:
    from kerjasama.reminders import job

    aid = draft(admin, session, date(2020, 1, 1), None)
    yearly = add(admin, aid, schedule_type="recurring", frequency="yearly", anchor_date="2020-03-01")
    last = date.fromisoformat(dues(yearly)[-1])
    later = today.replace(year=today.year + 2)
    summary = job.run(database, settings, today=later)
    assert summary.occurrences_added >= 2
    session.expire_all()
    extended = dues(get(admin, yearly["id"]))
    assert date.fromisoformat(extended[-1]).year == last.year + 2
    assert extended[: len(dues(yearly))] == dues(yearly)  # nothing before the old horizon moved
    assert job.run(database, settings, today=later).occurrences_added == 0  # once only


def test_a_passed_next_due_date_is_never_shown_and_the_daily_job_stores_it_again(
    client_for: Callable[[str], TestClient], session: Session, settings: Settings, database: Any, today: date
) -> None:
    """The stored next due date (revision 0017) goes stale when days pass; the list answers as if it
    were fresh (same items, same order, same cursors), and `kerjasama remind` stores the new dates."""
    from sqlalchemy import update

    from kerjasama.reminders import job

    client = client_for("secretariat")

    def pages(sort: str) -> list[Any]:
        out, cursor = [], None
        while True:
            params: dict[str, Any] = {"limit": 7, "sort": sort, **({"cursor": cursor} if cursor else {})}
            body = client.get("/api/v1/obligations", params=params).json()
            out += body["items"]
            if not (cursor := body["next_cursor"]):
                return out

    fresh = {sort: pages(sort) for sort in ("next_due_date", "-next_due_date")}
    assert any(i["next_due_date"] for i in fresh["next_due_date"])
    session.execute(update(Obligation).values(next_due_date=today - timedelta(days=400)))
    session.flush()
    assert {sort: pages(sort) for sort in fresh} == fresh
    detail = fresh["next_due_date"][0]
    assert (
        client.get(f"/api/v1/obligations/{detail['id']}").json()["next_due_date"] == detail["next_due_date"]
    )
    summary = job.run(database, settings, today=today)
    assert summary.next_due_refreshed == session.scalar(select(func.count()).select_from(Obligation))
    stored = {k: v for k, v in session.execute(select(Obligation.id, Obligation.next_due_date)).all()}  # noqa: C416
    assert {i["id"]: i["next_due_date"] for i in fresh["next_due_date"]} == {
        str(k): (v.isoformat() if v else None)
        for k, v in stored.items()
        if str(k) in {i["id"] for i in fresh["next_due_date"]}
    }


def test_occurrence_writes_keep_the_stored_next_due_date(
    client_for: Callable[[str], TestClient], session: Session, today: date
) -> None:
    """Recording a fulfilment, a status, a schedule change: the stored date follows at once."""
    client = client_for("secretariat")
    aid = draft(client, session, today - timedelta(days=30), today + timedelta(days=400))

    def stored(oid: str) -> date | None:
        session.expire_all()
        value: date | None = session.scalar(
            select(Obligation.next_due_date).where(Obligation.id == uuid.UUID(oid))
        )
        return value

    obligation = add(
        client,
        aid,
        schedule_type="recurring",
        frequency="monthly",
        anchor_date=iso(today + timedelta(days=3)),
    )
    oid = obligation["id"]
    occurrences = obligation["occurrences"]
    assert (
        stored(oid)
        == date.fromisoformat(obligation["next_due_date"])
        == date.fromisoformat(occurrences[0]["due_date"])
    )
    first = occurrences[0]
    r = client.patch(
        f"/api/v1/obligation-occurrences/{first['id']}",
        json={"status": "not_fulfilled"},
        headers={"If-Match": f'"{first["version"]}"'},
    )
    assert r.status_code == 200, r.text
    assert stored(oid) == date.fromisoformat(occurrences[1]["due_date"])
    second = occurrences[1]
    r = client.post(
        f"/api/v1/obligation-occurrences/{second['id']}/fulfilments",
        json={"realised_on": iso(today), "complete": True},
    )
    assert r.status_code == 201, r.text
    assert stored(oid) == date.fromisoformat(occurrences[2]["due_date"])
    listed = client.get("/api/v1/obligations", params={"agreement_id": aid, "limit": 500}).json()["items"]
    assert next(i for i in listed if i["id"] == oid)["next_due_date"] == occurrences[2]["due_date"]
