"""Public register and OCDS: document.public, agreement.ocid (backfilled from KERJASAMA_OCDS_PREFIX).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 18:40:00
"""

import uuid
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from kerjasama.core.config import get_settings

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("public", sa.Boolean(), server_default=sa.false(), nullable=False))
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("ocid", sa.String(length=120), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_agreement_ocid"), ["ocid"])
    # Existing texts get their ocid once, here; new ones at insert (models/agreements.py).
    agreement = sa.table("agreement", sa.column("id", sa.Uuid()), sa.column("ocid", sa.String()))
    bind = op.get_bind()
    prefix = get_settings().ocds_prefix
    ids: list[uuid.UUID] = list(
        bind.execute(sa.select(agreement.c.id).where(agreement.c.ocid.is_(None))).scalars()
    )
    for agreement_id in ids:
        bind.execute(
            agreement.update().where(agreement.c.id == agreement_id).values(ocid=f"{prefix}-{agreement_id}")
        )


def downgrade() -> None:
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_agreement_ocid"), type_="unique")
        batch_op.drop_column("ocid")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_column("public")
