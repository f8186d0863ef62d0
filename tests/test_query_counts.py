"""Statement counts: the list and detail endpoints must not issue a query per row (no N+1).

Statements are counted with SQLAlchemy's `before_cursor_execute` event on the test's connection, which
every request session is bound to (see conftest: sessions join the test transaction). The counts include
the principal lookup of `get_principal` (one SELECT per request, by design: a disabled user's token must
stop working at once), so the bounds below are the whole cost of a request.

Left out: SAVEPOINT / RELEASE SAVEPOINT / ROLLBACK TO SAVEPOINT. They come from the test harness
(`join_transaction_mode="create_savepoint"` turns each request's transaction into a savepoint); in
production the request's BEGIN/COMMIT do not go through the cursor at all.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection, event, func, select
from sqlalchemy.orm import Session

from kerjasama.core.auth import Principal
from kerjasama.integration.changes import cursor as feed_cursor
from kerjasama.models import Agreement, MonitoringReport, Obligation, Partner, UserAccount
from kerjasama.models.integration import ChangeEvent
from tests.fixtures.factories import agreement_body, agreement_id, opd_id, region_partner_id, third_party_body

HARNESS_PREFIXES = ("SAVEPOINT", "RELEASE SAVEPOINT", "ROLLBACK TO SAVEPOINT")

# auth lookup + data version + page + lead OPDs + parties + their partners; the total is counted once
# per scope, filters and data version (core/read_cache.py): one statement more on the first page asked.
LIST_BOUND = 6
LIST_COUNTED_BOUND = LIST_BOUND + 1
# auth lookup + agreement + lead OPD + parties + partners + affairs + related OPDs
DETAIL_BOUND = 7
# auth lookup + count + page + contacts
PARTNER_LIST_BOUND = 4


class Recorder:
    def __init__(self) -> None:
        self.statements: list[str] = []

    def __call__(
        self, conn: Any, cursor: Any, statement: str, params: Any, context: Any, executemany: bool
    ) -> None:
        if not statement.lstrip().upper().startswith(HARNESS_PREFIXES):
            self.statements.append(statement)


@pytest.fixture
def recorder(connection: Connection) -> Iterator[Recorder]:
    rec = Recorder()
    event.listen(connection, "before_cursor_execute", rec)
    yield rec
    event.remove(connection, "before_cursor_execute", rec)


def count(rec: Recorder, client: TestClient, url: str, **params: Any) -> tuple[int, Any]:
    rec.statements.clear()
    r = client.get(url, params=params)
    assert r.status_code == 200, r.text
    return len(rec.statements), r.json()


def counted_list(rec: Recorder, client: TestClient, **params: Any) -> tuple[int, Any]:
    """An agreement list page with its total already counted (the count is checked on its own)."""
    client.get("/api/v1/agreements", params={**params, "limit": 1})
    return count(rec, client, "/api/v1/agreements", **params)


def rich_body(session: Session, **overrides: Any) -> dict[str, Any]:
    """An agreement with several parties, affairs and related OPDs: what an N+1 would multiply."""
    return agreement_body(
        session,
        parties=[
            {"partner_id": region_partner_id(session, code), "signatory_title": "Kepala Daerah"}
            for code in ("32.73", "32.04", "32.17", "32.05")
        ],
        affair_codes=["1.02", "1.03", "2.11"],
        related_opd_ids=[opd_id(session, c) for c in ("DPUPR", "DLH", "BPBD")],
        signed_date="2025-03-01",
        **overrides,
    )


@pytest.fixture
def many_agreements(client_for: Callable[[str], TestClient], session: Session) -> list[str]:
    admin = client_for("admin")
    ids = []
    for i in range(40):
        r = admin.post("/api/v1/agreements", json=rich_body(session, title=f"KB beban kueri {i:02d}"))
        assert r.status_code == 201, r.text
        ids.append(r.json()["id"])
    return ids


def test_agreement_list_count_does_not_grow_with_rows(
    recorder: Recorder, client_for: Callable[[str], TestClient], many_agreements: list[str]
) -> None:
    admin = client_for("admin")
    first, _ = count(recorder, admin, "/api/v1/agreements", limit=5)
    assert first <= LIST_COUNTED_BOUND and any(
        "count(" in s and "FROM agreement" in s for s in recorder.statements
    ), recorder.statements
    n5, page5 = counted_list(recorder, admin, limit=5)
    assert not any("count(" in s and "FROM agreement" in s for s in recorder.statements), recorder.statements
    n50, page50 = counted_list(recorder, admin, limit=50)
    assert len(page5["items"]) == 5 and len(page50["items"]) == 50
    assert page50["total"] >= 53
    # the rows really carry their relations (so the loader did run)
    assert any(len(a["partners"]) == 4 for a in page50["items"])
    assert n5 == n50, recorder.statements
    assert n50 <= LIST_BOUND, recorder.statements


FILTERED_PARAMS: list[dict[str, Any]] = [
    {"sort": "-end_date"},
    {"sort": "title", "q": "beban"},
    {"category": "KSDD", "affair_code": "1.02", "partner_region_code": "32.73", "opd_id": "DLH"},
    {"expired": "false", "signed_year": 2025, "sort": "-signed_date"},
]


def test_agreement_list_count_with_filters_cursor_and_scope(
    recorder: Recorder, client_for: Callable[[str], TestClient], many_agreements: list[str], session: Session
) -> None:
    admin = client_for("admin")
    for raw in FILTERED_PARAMS:
        params = {k: (opd_id(session, v) if k == "opd_id" else v) for k, v in raw.items()}
        n_small, first = counted_list(recorder, admin, limit=3, **params)
        assert first["next_cursor"], (raw, first)
        n_next, nxt = counted_list(recorder, admin, limit=30, cursor=first["next_cursor"], **params)
        assert len(nxt["items"]) == 30, raw
        assert n_small == n_next, (raw, recorder.statements)
        assert n_next <= LIST_BOUND, (raw, recorder.statements)
    operator = client_for("opd_operator")  # the 40 extra texts are led by DINKES: in its scope
    n5, _ = counted_list(recorder, operator, limit=5)
    n40, page = counted_list(recorder, operator, limit=40)
    assert len(page["items"]) == 40
    assert n5 == n40 <= LIST_BOUND, recorder.statements


def test_agreement_detail_count_is_fixed(
    recorder: Recorder, client_for: Callable[[str], TestClient], session: Session
) -> None:
    admin = client_for("admin")
    rich = admin.post("/api/v1/agreements", json=rich_body(session))
    assert rich.status_code == 201, rich.text
    small = agreement_id(session, "DEMO/PKS/2021/RUJUKAN-KBB")  # 2 parties, 1 affair, no related OPD
    n_small, _ = count(recorder, admin, f"/api/v1/agreements/{small}")
    n_rich, body = count(recorder, admin, f"/api/v1/agreements/{rich.json()['id']}")
    assert len(body["parties"]) == 5 and len(body["affairs"]) == 3 and len(body["related_opds"]) == 3
    assert n_small == n_rich, recorder.statements
    assert n_rich <= DETAIL_BOUND, recorder.statements


def test_children_count_does_not_grow_with_children(
    recorder: Recorder, client_for: Callable[[str], TestClient], session: Session
) -> None:
    admin = client_for("admin")
    few = agreement_id(session, "DEMO/KB/2020/KBB")  # one PKS under it
    many = admin.post("/api/v1/agreements", json=rich_body(session)).json()["id"]
    for i in range(12):
        r = admin.post(
            "/api/v1/agreements", json=rich_body(session, kind="PKS", parent_id=many, title=f"PKS anak {i}")
        )
        assert r.status_code == 201, r.text
    n_few, kids_few = count(recorder, admin, f"/api/v1/agreements/{few}/children")
    n_many, kids_many = count(recorder, admin, f"/api/v1/agreements/{many}/children")
    assert len(kids_few) == 1 and len(kids_many) == 12
    assert n_few == n_many, recorder.statements
    # the parent's scoped read (as in the detail) + children + their lead OPDs, parties and partners
    assert n_many <= DETAIL_BOUND + 4, recorder.statements


def test_partner_list_count_does_not_grow_with_rows(
    recorder: Recorder, client_for: Callable[[str], TestClient]
) -> None:
    admin = client_for("admin")
    for i in range(30):
        contacts = [{"name": f"Kontak {i}-{j}", "email": f"k{i}{j}@contoh.id"} for j in range(3)]
        body = third_party_body(name=f"PT Beban Kueri {uuid.uuid4().hex[:10]}", contacts=contacts)
        r = admin.post("/api/v1/partners", json=body)
        assert r.status_code == 201, r.text
    n5, p5 = count(recorder, admin, "/api/v1/partners", limit=5)
    n50, p50 = count(recorder, admin, "/api/v1/partners", limit=50, q="beban")
    assert len(p5["items"]) == 5 and len(p50["items"]) == 30
    assert all(len(p["contacts"]) == 3 for p in p50["items"])
    assert n5 == n50, recorder.statements
    assert n50 <= PARTNER_LIST_BOUND, recorder.statements


# auth lookup + data version + page (obligation, agreement, party, OPD, next due date in one SELECT) +
# occurrence counts; the total is counted once per scope, filters and data version (core/read_cache.py):
# one statement more on the first page asked.
OBLIGATION_LIST_BOUND = 4


def counted_obligations(rec: Recorder, client: TestClient, **params: Any) -> tuple[int, Any]:
    """An obligations page with its total already counted (the count is checked on its own)."""
    client.get("/api/v1/obligations", params={**params, "limit": 1})
    return count(rec, client, "/api/v1/obligations", **params)


@pytest.fixture
def many_obligations(client_for: Callable[[str], TestClient], session: Session) -> list[str]:
    """36 obligations on three agreements, home and partner parties, each with 12 monthly occurrences
    in mixed states: what an N+1 over obligations, occurrences or parties would multiply."""
    admin = client_for("admin")
    partners = [region_partner_id(session, code) for code in ("32.73", "32.04", "32.17", "32.05")]
    ids = []
    for a in range(3):
        body = rich_body(
            session, title=f"KB kewajiban beban {a}", start_date="2026-01-01", end_date="2026-12-31"
        )
        r = admin.post("/api/v1/agreements", json=body)
        assert r.status_code == 201, r.text
        aid = r.json()["id"]
        for i in range(12):
            r = admin.post(
                f"/api/v1/agreements/{aid}/obligations",
                json={
                    "partner_id": None if i % 3 == 0 else partners[i % 4],
                    "kind": "KEWAJIBAN" if i % 2 else "HAK",
                    "description": f"Kewajiban beban kueri {a}-{i:02d}",
                    "responsible_opd_id": opd_id(session, ("DINKES", "DLH", "DPUPR")[i % 3]),
                    "schedule_type": "recurring",
                    "frequency": "monthly",
                    "anchor_date": "2026-01-31",
                },
            )
            assert r.status_code == 201, r.text
            occurrences = r.json()["occurrences"]
            for occ in occurrences[: i % 4]:
                done = admin.patch(
                    f"/api/v1/obligation-occurrences/{occ['id']}",
                    json={"status": "not_fulfilled"},
                    headers={"If-Match": f'"{occ["version"]}"'},
                )
                assert done.status_code == 200, done.text
            ids.append(r.json()["id"])
    return ids


OBLIGATION_PARAMS: list[dict[str, Any]] = [
    {"q": "beban kueri"},
    {"q": "beban kueri", "sort": "-description", "kind": "KEWAJIBAN"},
    {"q": "beban kueri", "sort": "agreement_number", "status": "not_fulfilled", "due_after": "2026-01-01"},
    {"q": "beban", "party": "home", "category": "KSDD", "sort": "-next_due_date"},
]


def test_obligation_list_count_does_not_grow_with_rows(
    recorder: Recorder, client_for: Callable[[str], TestClient], many_obligations: list[str]
) -> None:
    admin = client_for("admin")
    n_first, _ = count(recorder, admin, "/api/v1/obligations", limit=5, q="beban kueri")
    n5, page5 = count(recorder, admin, "/api/v1/obligations", limit=5, q="beban kueri")
    n36, page36 = count(recorder, admin, "/api/v1/obligations", limit=36, q="beban kueri")
    assert n_first == n5 + 1, recorder.statements  # the total, counted once
    assert len(page5["items"]) == 5 and len(page36["items"]) == 36 and page36["total"] == 36
    # the rows really carry their summaries (so every loader ran)
    assert {o["party_name"] for o in page36["items"]} >= {"Kota Cimahi", "Kota Bandung"}
    assert {o["responsible_opd"]["abbreviation"] for o in page36["items"]} == {"Dinkes", "DLH", "DPUPR"}
    assert {o["occurrence_counts"]["not_fulfilled"] for o in page36["items"]} == {0, 1, 2, 3}
    assert all(o["occurrence_counts"]["total"] == 12 for o in page36["items"])
    assert n5 == n36, recorder.statements
    assert n36 <= OBLIGATION_LIST_BOUND, recorder.statements


def test_obligation_list_count_with_filters_cursor_and_scope(
    recorder: Recorder, client_for: Callable[[str], TestClient], many_obligations: list[str]
) -> None:
    admin = client_for("admin")
    for params in OBLIGATION_PARAMS:
        n_small, first = counted_obligations(recorder, admin, limit=2, **params)
        assert first["next_cursor"], (params, first)
        n_next, nxt = count(
            recorder, admin, "/api/v1/obligations", limit=20, cursor=first["next_cursor"], **params
        )
        assert len(nxt["items"]) >= 5, params
        assert n_small == n_next <= OBLIGATION_LIST_BOUND, (params, recorder.statements)
    operator = client_for("opd_operator")  # the agreements are led by DINKES: in its scope
    n5, _ = counted_obligations(recorder, operator, limit=5, q="beban kueri")
    n36, page = count(recorder, operator, "/api/v1/obligations", limit=36, q="beban kueri")
    assert len(page["items"]) == 36
    assert n5 == n36 <= OBLIGATION_LIST_BOUND, recorder.statements


def test_obligation_detail_and_agreement_list_counts_are_fixed(
    recorder: Recorder, client_for: Callable[[str], TestClient], many_obligations: list[str], session: Session
) -> None:
    admin = client_for("admin")

    def fulfil(obligation_id: str, positions: range) -> None:
        occurrences = admin.get(f"/api/v1/obligations/{obligation_id}").json()["occurrences"]
        for i in positions:
            url = f"/api/v1/obligation-occurrences/{occurrences[i]['id']}/fulfilments"
            r = admin.post(url, json={"realised_on": "2026-06-30", "note": f"tahap {i}"})
            assert r.status_code == 201, r.text

    busy = many_obligations[3]  # 12 occurrences, 3 of them not fulfilled
    fulfil(busy, range(4, 10))
    aid = admin.get(f"/api/v1/obligations/{busy}").json()["agreement_id"]
    body = {"kind": "HAK", "description": "Satu saja", "schedule_type": "one_off", "due_date": "2026-03-01"}
    quiet = admin.post(f"/api/v1/agreements/{aid}/obligations", json=body).json()["id"]
    fulfil(quiet, range(1))
    n_busy, detail = count(recorder, admin, f"/api/v1/obligations/{busy}")
    n_quiet, _ = count(recorder, admin, f"/api/v1/obligations/{quiet}")
    assert len(detail["occurrences"]) == 12
    assert sum(len(o["fulfilments"]) for o in detail["occurrences"]) == 6
    assert n_busy == n_quiet, recorder.statements
    small = agreement_id(session, "DEMO/PKS/2024/CABAI")  # two demo obligations
    n_small, _ = count(recorder, admin, f"/api/v1/agreements/{small}/obligations")
    n_big, items = count(recorder, admin, f"/api/v1/agreements/{aid}/obligations")
    assert len(items) == 13
    assert n_small == n_big, recorder.statements


# auth lookup + one statement per source of the queue: texts at the stages, requests to submit (audit),
# reports in the workflow, reports owed, obligation occurrences, DPRD requests, finalized periods and
# the foreign part of two annual reports (periodic_reports.service.deadlines)
TASKS_BOUND = 8


def test_task_queue_count_does_not_grow_with_tasks(
    recorder: Recorder, client_for: Callable[[str], TestClient], session: Session
) -> None:
    """Each role's queue costs the same number of statements with 1 draft of each OPD as with 9."""
    head, op = client_for("opd_head"), client_for("opd_operator")

    def drafts(n: int) -> None:
        for i in range(n):
            for c, opd in ((head, "DLH"), (op, "DINKES")):
                body = agreement_body(
                    session, lead_opd_id=opd_id(session, opd), title=f"Antrean tugas {opd} {i}"
                )
                r = c.post("/api/v1/agreements", json=body)
                assert r.status_code == 201, r.text

    roles = ("opd_operator", "opd_head", "secretariat", "tkksd")
    drafts(1)
    small = {who: count(recorder, client_for(who), "/api/v1/me/tasks") for who in roles}
    drafts(8)
    big = {who: count(recorder, client_for(who), "/api/v1/me/tasks") for who in roles}
    for who in roles:
        assert small[who][0] == big[who][0] <= TASKS_BOUND, (who, recorder.statements)
    assert big["opd_head"][1]["total"] > small["opd_head"][1]["total"]
    assert big["opd_operator"][1]["total"] == small["opd_operator"][1]["total"] + 8


# auth lookup + events; agreements: rows + lead OPDs + parties + their partners + affairs + related OPDs;
# partners: rows with their region + contacts; monitoring reports: rows + their agreements (the six
# above) + documents + history; obligations: rows + their agreements (scope) + summaries + occurrence
# counts + occurrences + fulfilments + evidence (integration/changes/entities.py)
FEED_BOUND = 26


def test_change_feed_page_costs_the_same_whatever_its_size(
    recorder: Recorder,
    client_for: Callable[[str], TestClient],
    many_obligations: list[str],
    session: Session,
    settings: Any,
) -> None:
    """A page of 500 events over many agreements, partners, obligations and reports is rendered per
    kind in batches: the same statements as a page of 100, and each entity is its detail's JSON."""
    admin = client_for("admin")
    for obligation_id in many_obligations[:6]:  # fulfilments with evidence-less records to render
        occurrences = admin.get(f"/api/v1/obligations/{obligation_id}").json()["occurrences"]
        url = f"/api/v1/obligation-occurrences/{occurrences[-1]['id']}/fulfilments"
        assert admin.post(url, json={"realised_on": "2026-06-30", "note": "tahap"}).status_code == 201
    for i in range(40):  # many agreements, each with its parties, affairs and OPDs, and some partners
        r = admin.post("/api/v1/agreements", json=rich_body(session, title=f"KB umpan perubahan {i}"))
        assert r.status_code == 201, r.text
        if i % 2:
            contacts = [{"name": f"Kontak {i}", "email": f"u{i}@contoh.id"}]
            body = third_party_body(name=f"PT Umpan Perubahan {uuid.uuid4().hex[:10]}", contacts=contacts)
            assert admin.post("/api/v1/partners", json=body).status_code == 201
    start = session.scalar(select(func.max(ChangeEvent.seq))) or 0
    records: list[tuple[str, uuid.UUID, uuid.UUID | None]] = [
        *(("partner", i, None) for i in session.scalars(select(Partner.id).order_by(Partner.id).limit(120))),
        *(("agreement", i, i) for i in session.scalars(select(Agreement.id))),
        *(("obligation", i, a) for i, a in session.execute(select(Obligation.id, Obligation.agreement_id))),
        *(
            ("monitoring_report", i, a)
            for i, a in session.execute(select(MonitoringReport.id, MonitoringReport.agreement_id))
        ),
    ]
    records.sort(key=lambda r: str(r[1]))  # kinds interleaved, as commits interleave them
    assert len(records) >= 120, len(records)
    for _ in range(-(-600 // len(records))):  # repeated: a page of 500 over all of them
        session.add_all(
            ChangeEvent(entity_type=t, entity_id=i, agreement_id=a, op="upsert") for t, i, a in records
        )
    session.flush()
    admin_id = session.scalar(select(UserAccount.id).where(UserAccount.username == "admin"))
    assert admin_id is not None
    reader = Principal(admin_id, "admin", "admin", None, "")
    cursor = feed_cursor.encode(settings.secret_key, reader, start)
    n100, small = count(recorder, admin, "/api/v1/changes", limit=100, cursor=cursor)
    n500, big = count(recorder, admin, "/api/v1/changes", limit=500, cursor=cursor)
    assert len(small["items"]) == 100 and len(big["items"]) == 500
    assert {i["entity_type"] for i in small["items"]} == set(DETAIL_URLS)
    assert len({i["entity_id"] for i in big["items"] if i["entity_type"] == "agreement"}) >= 50
    assert n100 == n500 <= FEED_BOUND, recorder.statements
    for kind, url in DETAIL_URLS.items():  # each entity is what its detail endpoint answers
        item = next(i for i in big["items"] if i["entity_type"] == kind and i["op"] == "upsert")
        assert item["entity"] == admin.get(url.format(item["entity_id"])).json(), kind


DETAIL_URLS = {
    "agreement": "/api/v1/agreements/{}",
    "partner": "/api/v1/partners/{}",
    "obligation": "/api/v1/obligations/{}",
    "monitoring_report": "/api/v1/monitoring-reports/{}",
}
