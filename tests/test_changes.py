"""The change feed: conformance (feed applied to an empty store == a full read of the API), cursors, scope.

The conformance test is the integrator's contract: whatever happened in between, a client that applied
every page in order holds exactly what the read API shows to the same caller.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.models import Agreement, MonitoringReport, Partner
from tests.fixtures.factories import agreement_body, agreement_id

Store = dict[tuple[str, str], dict[str, Any]]
DETAIL = {
    "agreement": "/api/v1/agreements/{}",
    "partner": "/api/v1/partners/{}",
    "obligation": "/api/v1/obligations/{}",
    "monitoring_report": "/api/v1/monitoring-reports/{}",
}


def pull(client: TestClient, store: Store, cursor: str | None) -> str:
    """Apply every change after `cursor` to `store`; return the cursor to save."""
    while True:
        params: dict[str, Any] = {"limit": 37}
        if cursor:
            params["cursor"] = cursor
        r = client.get("/api/v1/changes", params=params)
        assert r.status_code == 200, r.text
        page = r.json()
        for item in page["items"]:
            key = (item["entity_type"], item["entity_id"])
            if item["op"] == "upsert":
                store[key] = item["entity"]
            else:
                store.pop(key, None)
        cursor = page["next_cursor"]
        if not page["has_more"]:
            return str(cursor)


def _all_pages(client: TestClient, url: str, **params: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    cursor = None
    while True:
        r = client.get(url, params={**params, "limit": 500, **({"cursor": cursor} if cursor else {})})
        assert r.status_code == 200, r.text
        body = r.json()
        items.extend(body["items"] if isinstance(body, dict) else body)
        cursor = body.get("next_cursor") if isinstance(body, dict) else None
        if not cursor:
            return items


def full_read(client: TestClient) -> Store:
    """Everything the caller can read through the ordinary API, keyed like the feed."""
    store: Store = {}
    for a in _all_pages(client, "/api/v1/agreements"):
        store[("agreement", a["id"])] = client.get(DETAIL["agreement"].format(a["id"])).json()
        for o in _all_pages(client, f"/api/v1/agreements/{a['id']}/obligations"):
            store[("obligation", o["id"])] = client.get(DETAIL["obligation"].format(o["id"])).json()
        for rep in _all_pages(client, f"/api/v1/agreements/{a['id']}/monitoring-reports"):
            store[("monitoring_report", rep["id"])] = client.get(
                DETAIL["monitoring_report"].format(rep["id"])
            ).json()
    for p in _all_pages(client, "/api/v1/partners"):
        store[("partner", p["id"])] = client.get(DETAIL["partner"].format(p["id"])).json()
    return store


def assert_same(feed: Store, api: Store) -> None:
    missing = sorted(set(api) - set(feed))
    extra = sorted(set(feed) - set(api))
    assert not missing and not extra, f"missing from feed: {missing[:5]}; only in feed: {extra[:5]}"
    for key, value in api.items():
        assert feed[key] == value, key


@pytest.mark.parametrize("who", ["province", "viewer", "secretariat"])
def test_feed_applied_to_empty_store_equals_full_read(
    client_for: Callable[[str], TestClient], who: str
) -> None:
    client = client_for(who)
    store: Store = {}
    pull(client, store, None)
    assert_same(store, full_read(client))


def _province_visible(store: Store) -> set[str]:
    return {eid for (t, eid) in store if t == "agreement"}


def test_feed_follows_updates_deletes_and_scope_changes(
    client_for: Callable[[str], TestClient], session: Session
) -> None:
    province, viewer, sec = client_for("province"), client_for("viewer"), client_for("secretariat")
    p_store: Store = {}
    v_store: Store = {}
    p_cursor = pull(province, p_store, None)
    v_cursor = pull(viewer, v_store, None)
    assert p_store and v_store

    # A draft appears for the viewer, never for the province; then it is deleted (a tombstone).
    r = sec.post("/api/v1/agreements", json=agreement_body(session, title="Draf uji umpan perubahan"))
    assert r.status_code == 201, r.text
    draft_id, etag = r.json()["id"], r.headers["etag"]
    v_cursor = pull(viewer, v_store, v_cursor)
    p_cursor = pull(province, p_store, p_cursor)
    assert ("agreement", draft_id) in v_store
    assert ("agreement", draft_id) not in p_store
    assert sec.delete(f"/api/v1/agreements/{draft_id}", headers={"If-Match": etag}).status_code == 204

    # An update of a partner reaches both.
    partner = session.scalars(select(Partner).order_by(Partner.name)).first()
    assert partner is not None
    url = f"/api/v1/partners/{partner.id}"
    r = sec.patch(
        url, json={"name": partner.name + " (ubah)"}, headers={"If-Match": sec.get(url).headers["etag"]}
    )
    assert r.status_code == 200, r.text

    # A scope change: an agreement in force leaves the province's view (and its children with it).
    leaving = session.get(Agreement, uuid.UUID(agreement_id(session, "DEMO/KB/2021/KABBDG")))
    assert leaving is not None and ("agreement", str(leaving.id)) in p_store
    leaving.status = "cancelled"
    session.commit()

    p_cursor = pull(province, p_store, p_cursor)
    v_cursor = pull(viewer, v_store, v_cursor)
    assert ("agreement", draft_id) not in v_store
    assert ("agreement", str(leaving.id)) not in p_store
    assert p_store[("partner", str(partner.id))]["name"].endswith("(ubah)")
    assert_same(p_store, full_read(province))
    assert_same(v_store, full_read(viewer))

    # Nothing new: the same cursor comes back with no items.
    r = province.get("/api/v1/changes", params={"cursor": p_cursor})
    assert r.json()["items"] == [] and r.json()["next_cursor"] == p_cursor and r.json()["has_more"] is False


def test_monitoring_report_reaches_province_only_when_final(
    client_for: Callable[[str], TestClient], session: Session
) -> None:
    province = client_for("province")
    store: Store = {}
    pull(province, store, None)
    reports = session.scalars(select(MonitoringReport)).all()
    for rep in reports:
        assert (("monitoring_report", str(rep.id)) in store) == (rep.status == "final"), rep.status


def test_forged_or_foreign_cursor_is_422(client_for: Callable[[str], TestClient]) -> None:
    province, viewer = client_for("province"), client_for("viewer")
    cursor = province.get("/api/v1/changes", params={"limit": 1}).json()["next_cursor"]
    foreign = viewer.get("/api/v1/changes", params={"cursor": cursor})
    assert foreign.status_code == 422, foreign.text
    assert foreign.json()["errors"][0]["loc"] == ["query", "cursor"]
    body, mac = cursor.split(".")
    forged = body[:-2] + ("AA" if body[-2:] != "AA" else "BB")
    for bad in (f"{forged}.{mac}", "not-a-cursor", "e30." + mac, cursor + "x"):
        r = province.get("/api/v1/changes", params={"cursor": bad})
        assert r.status_code == 422, (bad, r.text)
        assert r.headers["content-type"].startswith("application/problem+json")


@pytest.mark.parametrize("who", ["opd_head", "opd_operator"])
def test_opd_roles_do_not_read_the_feed(client_for: Callable[[str], TestClient], who: str) -> None:
    r = client_for(who).get("/api/v1/changes")
    assert r.status_code == 403 and r.json()["code"] == "role_forbidden"


def test_a_recorded_fulfilment_changes_its_obligation_in_the_feed(
    client_for: Callable[[str], TestClient], session: Session
) -> None:
    """A fulfilment row names only its occurrence: the recorder must still find the obligation."""
    from datetime import date

    from kerjasama.models import Obligation, ObligationOccurrence

    province, sec = client_for("province"), client_for("secretariat")
    store: Store = {}
    cursor = pull(province, store, None)
    row = session.execute(
        select(ObligationOccurrence.id, Obligation.id)
        .join(Obligation, Obligation.id == ObligationOccurrence.obligation_id)
        .where(ObligationOccurrence.due_date <= date.today())
        .order_by(ObligationOccurrence.due_date)
    ).first()
    assert row is not None
    occurrence_id, obligation_id = row
    assert ("obligation", str(obligation_id)) in store
    r = sec.post(
        f"/api/v1/obligation-occurrences/{occurrence_id}/fulfilments",
        json={"realised_on": date.today().isoformat(), "note": "Terealisasi (uji umpan)"},
    )
    assert r.status_code == 201, r.text
    page = province.get("/api/v1/changes", params={"cursor": cursor}).json()
    assert ("obligation", str(obligation_id)) in {(i["entity_type"], i["entity_id"]) for i in page["items"]}
    pull(province, store, cursor)
    assert_same(store, full_read(province))
