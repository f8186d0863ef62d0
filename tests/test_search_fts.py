"""SQLite's `q` search through FTS5 trigram indexes (revision 0018, issue 16): the same answers as the
LIKE scan it replaced, and indexes that follow every write (triggers) and start full (backfill)."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from fastapi.testclient import TestClient
from sqlalchemy import Connection, event, select, text
from sqlalchemy.orm import Session

from kerjasama import demo
from kerjasama.agreements import repository
from kerjasama.cli import alembic_config
from kerjasama.core.config import Settings
from kerjasama.core.db import make_engine
from kerjasama.models import Agreement
from tests.conftest import BACKEND
from tests.fixtures.factories import agreement_body, third_party_body

pytestmark = pytest.mark.skipif(BACKEND != "sqlite", reason="FTS5 is SQLite's search index")

A = "/api/v1/agreements"
TRIGGERS = {
    f"{fts}_{op}" for fts in ("agreement_fts", "partner_fts") for op in ("insert", "update", "delete")
}

# Accents in both cases, ASCII case, LIKE wildcards, quotes, terms under three characters, and words
# that only a partner's name holds.
QUERIES = (
    "école",
    "ÉCOLE",
    "Ecole",
    "ecole",
    "française",
    "FRANÇAISE",
    "Ünïcode",
    "ünïcode",
    "ωmega",
    "ΩMEGA",
    "air bersih",
    "AIR BERSIH",
    "bandung",
    "BANDUNG",
    "kota bandung",
    "société",
    "SOCIÉTÉ",
    "générale",
    "100%",
    "%",
    "_",
    "i_u",
    'kutip"an',
    '"',
    "ba",
    "é",
    "ÉC",
    "xyz tidak ada",
    "DEMO/KB",
    "/20",
    "   ",
)


class Statements:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        self.seen.append(statement)


@pytest.fixture
def statements(connection: Connection) -> Iterator[Statements]:
    rec = Statements()
    event.listen(connection, "before_cursor_execute", rec)
    yield rec
    event.remove(connection, "before_cursor_execute", rec)


def ids(client: TestClient, q: str) -> set[str]:
    r = client.get(A, params={"limit": 500, "q": q})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["total"] == len(body["items"])
    return {a["id"] for a in body["items"]}


def scanned(session: Session, q: str) -> set[str]:
    """The answer of the LIKE scan alone (what SQLite ran before revision 0018)."""
    return {str(i) for i in session.scalars(select(Agreement.id).where(repository.matches_scan(q)))}


def create_partner(client: TestClient, name: str) -> str:
    r = client.post("/api/v1/partners", json=third_party_body(name=name))
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


def create(client: TestClient, session: Session, **overrides: Any) -> dict[str, Any]:
    r = client.post(A, json=agreement_body(session, **overrides))
    assert r.status_code == 201, r.text
    data: dict[str, Any] = r.json()
    return data


def fts_in_step(session: Session) -> None:
    """Every agreement and partner has exactly one FTS row, holding its current texts."""
    checks = {
        "agreement": """
            SELECT (SELECT count(*) FROM agreement) - (SELECT count(*) FROM agreement_fts),
                   (SELECT count(*) FROM agreement a WHERE NOT EXISTS (
                       SELECT 1 FROM agreement_fts f WHERE f.agreement_id = a.id AND f.title = a.title
                       AND f.object = a.object AND f.number IS a.number))""",
        "partner": """
            SELECT (SELECT count(*) FROM partner) - (SELECT count(*) FROM partner_fts),
                   (SELECT count(*) FROM partner p WHERE NOT EXISTS (
                       SELECT 1 FROM partner_fts f WHERE f.partner_id = p.id AND f.name = p.name))""",
    }
    for table, sql in checks.items():
        assert tuple(session.execute(text(sql)).one()) == (0, 0), table


def test_triggers_and_tables_exist_at_head(session: Session) -> None:
    """A later migration that rebuilds agreement or partner (batch mode) drops their triggers: this fails."""
    rows = session.execute(text("SELECT type, name FROM sqlite_master WHERE name LIKE '%fts%'")).all()
    assert {n for t, n in rows if t == "trigger"} == TRIGGERS
    assert {"agreement_fts", "partner_fts"} <= {n for t, n in rows if t == "table"}


def test_fts_answers_exactly_what_the_scan_answers(
    admin: TestClient, session: Session, statements: Statements
) -> None:
    partner = create_partner(admin, "Société Générale Indonésie")
    bodies = [
        {"title": "Kerja sama ÉCOLE Française de Bandung", "object": "Pertukaran guru"},
        {"title": "Kemitraan école de cimahi", "object": "AIR BERSIH untuk sekolah"},
        {"title": "Kolaborasi Ωmega Ünïcode", "object": "Capaian 100% imunisasi_dasar"},
        {"title": 'Naskah dengan kutip"an', "object": "Air bersih   tiga spasi"},
        {
            "title": "Kemitraan pelatihan",
            "object": "Pelatihan",
            "parties": [{"partner_id": partner, "signatory_title": "Direktur"}],
        },
    ]
    for body in bodies:
        create(admin, session, **body)
    session.expire_all()
    for q in QUERIES:
        statements.seen.clear()
        assert ids(admin, q) == scanned(session, q), q
        used_index = any("MATCH" in s for s in statements.seen)
        assert used_index == (len(q.lower()) >= 3), q
    # Non-ASCII case differs: the index alone would also find ÉCOLE for "école"; LIKE does not, and
    # neither does the search (the scan's answers are kept exactly).
    assert ids(admin, "Ecole") == ids(admin, "ecole")
    assert len(ids(admin, "société")) == 1


def test_scoped_search_uses_the_index_and_the_scope(
    client_for: Any, session: Session, statements: Statements
) -> None:
    opd_user = client_for("opd_operator")
    for q in ("bandung", "kerja sama", "ba"):
        statements.seen.clear()
        found = ids(opd_user, q)
        everything = ids(client_for("admin"), q)
        assert found <= everything, q
        all_ids = {a["id"] for a in opd_user.get(A, params={"limit": 500}).json()["items"]}
        assert found == everything & all_ids, q


def test_triggers_follow_inserts_updates_renames_and_deletes(admin: TestClient, session: Session) -> None:
    partner = create_partner(admin, "PT Sinar Fajar Nusantara")
    created = create(
        admin,
        session,
        title="Perjanjian zamrud khatulistiwa",
        parties=[{"partner_id": partner, "signatory_title": "Direktur"}],
    )
    aid = created["id"]
    assert ids(admin, "zamrud") == {aid}
    assert ids(admin, "sinar fajar") == {aid}
    fts_in_step(session)

    r = admin.patch(f"{A}/{aid}", json={"title": "Perjanjian safir biru"}, headers={"If-Match": '"1"'})
    assert r.status_code == 200, r.text
    assert ids(admin, "zamrud") == set()
    assert ids(admin, "safir") == {aid}

    etag = admin.get(f"/api/v1/partners/{partner}").headers["etag"]
    r = admin.patch(
        f"/api/v1/partners/{partner}", json={"name": "PT Rembulan Timur"}, headers={"If-Match": etag}
    )
    assert r.status_code == 200, r.text
    assert ids(admin, "sinar fajar") == set()  # the rename reaches the partner's agreements
    assert ids(admin, "rembulan") == {aid}
    fts_in_step(session)

    etag = admin.get(f"{A}/{aid}").headers["etag"]
    r = admin.delete(f"{A}/{aid}", headers={"If-Match": etag})
    assert r.status_code == 204, r.text
    assert ids(admin, "safir") == set()
    hexid = uuid.UUID(aid).hex
    left = session.execute(text("SELECT count(*) FROM agreement_fts WHERE agreement_id = :i"), {"i": hexid})
    assert left.scalar_one() == 0
    fts_in_step(session)


def test_backfill_indexes_existing_rows(tmp_path: Path) -> None:
    """Rows written before revision 0018 are in the index after it (a database upgraded in place)."""
    url = f"sqlite:///{tmp_path / 'backfill.db'}"
    cfg = alembic_config(url)
    before = ScriptDirectory.from_config(cfg).get_revision("0018").down_revision
    assert isinstance(before, str)
    command.upgrade(cfg, "head")
    engine = make_engine(url)
    try:
        with Session(engine) as s, s.begin():
            demo.seed(s, Settings(database_url=url, data_dir=tmp_path, env="test"))
        command.downgrade(cfg, before)
        with engine.connect() as c:
            assert not c.exec_driver_sql("SELECT name FROM sqlite_master WHERE name LIKE '%_fts%'").all()
        command.upgrade(cfg, "head")
        with Session(engine) as s:
            fts_in_step(s)
            n = s.execute(text("SELECT count(*) FROM agreement_fts")).scalar_one()
            assert n > 10
            found = s.execute(
                text("SELECT count(*) FROM partner_fts WHERE partner_fts MATCH :m"), {"m": 'name : "bandung"'}
            ).scalar_one()
            assert found >= 1
    finally:
        engine.dispose()
