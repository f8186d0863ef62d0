"""Widen audit_entry.action to 40 characters: procedure action names such as request_mendagri_consideration.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-28 05:23:19.809977
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.alter_column(
            "action", existing_type=sa.VARCHAR(length=20), type_=sa.String(length=40), existing_nullable=False
        )


def downgrade() -> None:

    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.alter_column(
            "action", existing_type=sa.String(length=40), type_=sa.VARCHAR(length=20), existing_nullable=False
        )
