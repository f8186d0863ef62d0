"""Search (`q`) of the agreements list on SQLite: FTS5 trigram indexes (issue 16).

PostgreSQL answers `q` from trigram GIN indexes (revision 0016); SQLite scanned every agreement with
LIKE '%…%' on title, object, number and, through the parties, every partner name. FTS5's `trigram`
tokenizer (SQLite ≥ 3.34) indexes every three-character window of a text, so a quoted phrase of three
or more characters matches exactly the texts that contain it: a substring index, like pg_trgm.

Two tables, one per searched table, each keyed by the row's id:
- `agreement_fts(agreement_id, title, object, number)`;
- `partner_fts(partner_id, name)`: a partner's agreements are found through agreement_party at query
  time, so renaming a partner changes the answers for all its agreements at once, and adding or
  removing a party needs no index work.

The id columns are indexed too (the tokenizer cannot skip a column that is not UNINDEXED, and an
UNINDEXED id could only be found by reading every row): the triggers find the row to update or delete
with a `<id column> : "<id>"` match, and searches name their columns. The tables hold their own copy of
the text (not `content=agreement`: that would tie the index to the agreement table's rowids, which
VACUUM may renumber in a table without an INTEGER PRIMARY KEY).

The repository (agreements/repository.py) uses the index to find candidates and keeps the LIKE test on
them: the tokenizer folds case beyond ASCII (É = é), SQLite's LIKE and lower() do not, and the answers
stay exactly those of the scan. Terms shorter than three characters have no trigram: they still scan.

A later migration that rebuilds `agreement` or `partner` on SQLite (Alembic's batch mode copies the
table, drops it and renames the copy) drops these triggers with the old table: it must create them
again (tests/test_search_fts.py checks that they exist at head).

The tables, their FTS5 shadow tables and the triggers are not in the models: migrations/env.py leaves
names ending in `_fts` or containing `_fts_` out of autogenerate. PostgreSQL: nothing to do.

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-06 10:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The row of OLD.id in the FTS table: an index lookup on the id column, then an exact check of the id.
UPGRADE = (
    "CREATE VIRTUAL TABLE agreement_fts USING fts5(agreement_id, title, object, number, tokenize = 'trigram')",
    "INSERT INTO agreement_fts (agreement_id, title, object, number) SELECT id, title, object, number FROM agreement",
    """CREATE TRIGGER agreement_fts_insert AFTER INSERT ON agreement BEGIN
        INSERT INTO agreement_fts (agreement_id, title, object, number)
        VALUES (NEW.id, NEW.title, NEW.object, NEW.number);
    END""",
    """CREATE TRIGGER agreement_fts_update AFTER UPDATE OF id, title, object, number ON agreement BEGIN
        UPDATE agreement_fts SET agreement_id = NEW.id, title = NEW.title, object = NEW.object, number = NEW.number
        WHERE agreement_fts MATCH 'agreement_id : "' || OLD.id || '"' AND agreement_id = OLD.id;
    END""",
    """CREATE TRIGGER agreement_fts_delete AFTER DELETE ON agreement BEGIN
        DELETE FROM agreement_fts
        WHERE agreement_fts MATCH 'agreement_id : "' || OLD.id || '"' AND agreement_id = OLD.id;
    END""",
    "CREATE VIRTUAL TABLE partner_fts USING fts5(partner_id, name, tokenize = 'trigram')",
    "INSERT INTO partner_fts (partner_id, name) SELECT id, name FROM partner",
    """CREATE TRIGGER partner_fts_insert AFTER INSERT ON partner BEGIN
        INSERT INTO partner_fts (partner_id, name) VALUES (NEW.id, NEW.name);
    END""",
    """CREATE TRIGGER partner_fts_update AFTER UPDATE OF id, name ON partner BEGIN
        UPDATE partner_fts SET partner_id = NEW.id, name = NEW.name
        WHERE partner_fts MATCH 'partner_id : "' || OLD.id || '"' AND partner_id = OLD.id;
    END""",
    """CREATE TRIGGER partner_fts_delete AFTER DELETE ON partner BEGIN
        DELETE FROM partner_fts WHERE partner_fts MATCH 'partner_id : "' || OLD.id || '"' AND partner_id = OLD.id;
    END""",
)
TRIGGERS = tuple(
    f"{fts}_{event}" for fts in ("agreement_fts", "partner_fts") for event in ("insert", "update", "delete")
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    version = tuple(
        int(p) for p in op.get_bind().exec_driver_sql("SELECT sqlite_version()").scalar_one().split(".")
    )
    if version < (3, 34):
        raise RuntimeError(
            f"SQLite {'.'.join(map(str, version))}: the search index needs FTS5's trigram tokenizer (3.34 or later)"
        )
    for statement in UPGRADE:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "sqlite":
        return
    for trigger in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {trigger}")
    op.execute("DROP TABLE IF EXISTS partner_fts")
    op.execute("DROP TABLE IF EXISTS agreement_fts")
