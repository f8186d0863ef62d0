"""Indexes that serve the agreements list's sort orders and its search (issue 16).

The list sorts a nullable date by COALESCE(column, sentinel), the lowest date when descending and the
highest when ascending, so NULLs come last (core/pagination.py). An index on that expression and the id
serves the ORDER BY and the keyset seek: a page is an index range scan, not a sort of every row. The
plain (signed_date, id) and (end_date, id) indexes served nothing the list asked for and go. The
number sort gets (number, id): the unique index on number alone cannot give the id tie-break order.

Search (`q`) on PostgreSQL: trigram GIN indexes (pg_trgm, a trusted extension a database owner may
create) on the lowered columns `contains()` matches with LIKE '%…%': agreement title, object and
number, and partner name. SQLite has none; at its sizes a scan answers in milliseconds. Their names end
in `_trgm`: autogenerate leaves them out (migrations/env.py), as the models do not declare them.

Revision ID: 0016
Revises: 0013
Create Date: 2026-12-06 03:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LOW, HIGH = "'0001-01-01'", "'9999-12-31'"
TRIGRAM = (("agreement", "title"), ("agreement", "object"), ("agreement", "number"), ("partner", "name"))


def upgrade() -> None:
    op.drop_index("ix_agreement_signed_date_id", table_name="agreement")
    op.drop_index("ix_agreement_end_date_id", table_name="agreement")
    for column in ("signed_date", "end_date"):
        op.create_index(
            f"ix_agreement_{column}_desc_key", "agreement", [sa.text(f"coalesce({column}, {LOW})"), "id"]
        )
        op.create_index(
            f"ix_agreement_{column}_asc_key", "agreement", [sa.text(f"coalesce({column}, {HIGH})"), "id"]
        )
    op.create_index("ix_agreement_number_id", "agreement", ["number", "id"])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for table, column in TRIGRAM:
            op.execute(
                f"CREATE INDEX ix_{table}_{column}_trgm ON {table} USING gin (lower({column}) gin_trgm_ops)"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table, column in TRIGRAM:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_{column}_trgm")
    op.drop_index("ix_agreement_number_id", table_name="agreement")
    for column in ("signed_date", "end_date"):
        op.drop_index(f"ix_agreement_{column}_asc_key", table_name="agreement")
        op.drop_index(f"ix_agreement_{column}_desc_key", table_name="agreement")
    op.create_index("ix_agreement_end_date_id", "agreement", ["end_date", "id"])
    op.create_index("ix_agreement_signed_date_id", "agreement", ["signed_date", "id"])
