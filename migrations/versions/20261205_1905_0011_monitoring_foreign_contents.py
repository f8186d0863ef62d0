"""Monitoring reports of foreign cooperation (issue 13): the contents of Permendagri 25/2020 Pasal 37
not copied from the agreement — background, progress_results, beneficiaries, funding, analysis.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05 19:05:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("background", "progress_results", "beneficiaries", "funding", "analysis")


def upgrade() -> None:
    with op.batch_alter_table("monitoring_report", schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Text(), server_default="", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("monitoring_report", schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
