"""A stored next due date on obligation, so that the obligations list sorts through an index (issue 16).

The list's default order was a correlated subquery over every obligation's occurrences (6–23 s a page
at 157 000 obligations / 1.09 M occurrences). `obligation.next_due_date` now holds the earliest due
date, on or after the day it was computed, of an open (pending / in_progress) occurrence, or NULL. The
writes of occurrences keep it (obligations/repository.py: refresh_next_due), the daily job moves it past the days that
went by, and the reads recompute the few rows whose stored date is before today.

Its two keys follow revision 0016: COALESCE(next_due_date, sentinel) with the id, the high sentinel
for the ascending order (NULLs last; its range `< today` also finds the stale rows), the low one for
the descending order.

The backfill computes the dates for the region's today (KERJASAMA_TIMEZONE); a migration run late
leaves stale rows, which the reads and the next daily job handle.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 10:00:00
"""

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

from kerjasama.core.config import get_settings

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LOW, HIGH = "'0001-01-01'", "'9999-12-31'"


def upgrade() -> None:
    op.add_column("obligation", sa.Column("next_due_date", sa.Date(), nullable=True))
    today = datetime.now(ZoneInfo(get_settings().timezone)).date()
    op.get_bind().execute(
        sa.text(
            "UPDATE obligation SET next_due_date = ("
            " SELECT min(o.due_date) FROM obligation_occurrence o"
            " WHERE o.obligation_id = obligation.id AND o.status IN ('pending', 'in_progress')"
            " AND o.due_date >= :today)"
        ),
        {"today": today},
    )
    op.create_index(
        "ix_obligation_next_due_date_asc_key",
        "obligation",
        [sa.text(f"coalesce(next_due_date, {HIGH})"), "id"],
    )
    op.create_index(
        "ix_obligation_next_due_date_desc_key",
        "obligation",
        [sa.text(f"coalesce(next_due_date, {LOW})"), "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_obligation_next_due_date_desc_key", table_name="obligation")
    op.drop_index("ix_obligation_next_due_date_asc_key", table_name="obligation")
    with op.batch_alter_table("obligation", schema=None) as batch_op:
        batch_op.drop_column("next_due_date")
