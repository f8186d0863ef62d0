"""PostgreSQL plans of the obligations list (issue 16): its default order is served by an index.

The list sorts by the next due date. It was a correlated subquery over every obligation's occurrences,
computed for all of them on each page (6–23 s at 157 000 obligations / 1.09 M occurrences). It is now
stored (revision 0017) and the page is one statement: the candidates whose stored date is good, read
in order off ix_obligation_next_due_date_{asc,desc}_key, and the few whose stored date has passed,
found with a range of the same ascending index (obligations/repository.py). As in test_list_plans.py,
sequential scans and sorts are switched off for the EXPLAIN: the test database is small. A sort
remains on top, over the two candidate sets (at most twice the page), never over the table.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Connection

from tests.conftest import BACKEND
from tests.test_list_plans import Statements, plan, statements  # noqa: F401 (a fixture)

pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="PostgreSQL plans")


def get(client: TestClient, statements: Statements, **params: Any) -> dict[str, Any]:  # noqa: F811
    statements.seen.clear()
    r = client.get("/api/v1/obligations", params=params)
    assert r.status_code == 200, r.text
    body: dict[str, Any] = r.json()
    return body


def page_plan(connection: Connection, statements: Statements) -> str:  # noqa: F811
    return plan(connection, statements.find("UNION ALL", "LIMIT"))


def no_table_work(text: str) -> None:
    assert not re.search(r"Seq Scan on obligation\b", text), text
    # At most two sorts: the stale candidates' (few rows, their date computed) and the merged page's.
    assert text.count("Sort Key") <= 2, text
    # The fresh candidates come in index order, under a Limit: no sort between the index and the limit.
    fresh = text.split("Subquery Scan")[1]
    assert "Sort" not in fresh, text


@pytest.mark.parametrize(
    ("sort", "index"),
    [
        ("next_due_date", "ix_obligation_next_due_date_asc_key"),
        ("-next_due_date", "ix_obligation_next_due_date_desc_key"),
    ],
)
def test_a_page_and_a_deep_page_read_the_next_due_index(
    client_for: Callable[[str], TestClient],
    statements: Statements,  # noqa: F811
    connection: Connection,
    sort: str,
    index: str,
) -> None:
    client = client_for("sekretariat")
    first = get(client, statements, sort=sort, limit=2)
    first_plan = page_plan(connection, statements)
    assert index in first_plan, first_plan
    # The stale rows come off the ascending key with a range (`< today`), not by a scan.
    assert re.search(
        r"Index Cond: \(COALESCE\((obligation_\d\.)?next_due_date, '9999-12-31'::date\) < ", first_plan
    ), first_plan
    no_table_work(first_plan)
    assert first["next_cursor"]
    get(client, statements, sort=sort, limit=2, cursor=first["next_cursor"])
    deep_plan = page_plan(connection, statements)
    assert index in deep_plan and "Index Cond" in deep_plan, deep_plan
    no_table_work(deep_plan)


def test_filtered_and_scoped_pages_keep_the_index(
    client_for: Callable[[str], TestClient],
    statements: Statements,  # noqa: F811
    connection: Connection,
) -> None:
    for who, params in (
        ("sekretariat", {"status": "late"}),
        ("sekretariat", {"status": "pending", "due_before": "2030-12-31", "category": "KSDD"}),
        ("kadis.dlh", {}),
    ):
        get(client_for(who), statements, **params)
        text = page_plan(connection, statements)
        assert "ix_obligation_next_due_date_asc_key" in text, (who, params, text)
        no_table_work(text)
