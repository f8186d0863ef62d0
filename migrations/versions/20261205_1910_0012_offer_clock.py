"""The offer stage's clock (P22 Pasal 8(3)-(5)) and the report of a signed NK to the Menteri (Pasal 57(3)).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 19:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = (
    "offer_due_date",
    "offer_second_request_date",
    "offer_non_answer_reported_date",
    "minister_reported_date",
)


def upgrade() -> None:
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        for name in COLUMNS:
            batch_op.add_column(sa.Column(name, sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
