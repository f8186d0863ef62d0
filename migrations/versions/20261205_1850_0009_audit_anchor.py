"""Audit anchor: the signed head of the audit chain, so deleting the newest entries is detected.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 18:50:00
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

from kerjasama.core.audit import anchor_key, sign_head

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    anchor = op.create_table(
        "audit_anchor",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("hmac", sa.String(length=64), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_anchor")),
    )
    # An existing chain is anchored at its current head (with this installation's key).
    head = (
        op.get_bind().execute(sa.text("SELECT seq, hash FROM audit_entry ORDER BY seq DESC LIMIT 1")).first()
    )
    if head is not None:
        op.bulk_insert(
            anchor,
            [
                {
                    "id": 1,
                    "seq": head[0],
                    "hash": head[1],
                    "hmac": sign_head(anchor_key(), head[0], head[1]),
                    "at": datetime.now(UTC),
                }
            ],
        )


def downgrade() -> None:
    op.drop_table("audit_anchor")
