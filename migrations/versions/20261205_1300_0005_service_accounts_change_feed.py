"""Service accounts (province, viewer), the province role, documents shared with the province, the change feed.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_ROLES = "('admin', 'secretariat', 'tkksd', 'opd_head', 'opd_operator', 'viewer')"
NEW_ROLES = "('admin', 'secretariat', 'tkksd', 'opd_head', 'opd_operator', 'viewer', 'province')"


def upgrade() -> None:
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("is_service_account", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.drop_constraint(op.f("ck_user_account_role"), type_="check")
        batch_op.create_check_constraint("role", f"role IN {NEW_ROLES}")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.add_column(sa.Column("shared", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.create_table(
        "service_account",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("client_id", sa.String(length=80), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("scopes", sa.JSON(), nullable=False),
        sa.Column("secret_hash", sa.String(length=255), nullable=False),
        sa.Column("secret_generation", sa.Integer(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("last_used_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("role IN ('province', 'viewer')", name=op.f("ck_service_account_role")),
        sa.ForeignKeyConstraint(
            ["created_by"], ["user_account.id"], name=op.f("fk_service_account_created_by_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["user_account.id"], name=op.f("fk_service_account_user_id_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_account")),
        sa.UniqueConstraint("client_id", name=op.f("uq_service_account_client_id")),
        sa.UniqueConstraint("user_id", name=op.f("uq_service_account_user_id")),
    )
    op.create_table(
        "change_event",
        sa.Column(
            "seq", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("entity_type", sa.String(length=30), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("agreement_id", sa.Uuid(), nullable=True),
        sa.Column("op", sa.String(length=10), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "entity_type IN ('agreement', 'partner', 'obligation', 'monitoring_report')",
            name=op.f("ck_change_event_entity_type"),
        ),
        sa.CheckConstraint("op IN ('upsert', 'delete')", name=op.f("ck_change_event_op")),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_change_event")),
    )
    with op.batch_alter_table("change_event", schema=None) as batch_op:
        batch_op.create_index("ix_change_event_entity", ["entity_type", "entity_id"], unique=False)
    # The feed starts with what exists: one upsert per entity, so a first sync from an empty cursor
    # sees everything. (Ordered so that partners come before the agreements naming them.)
    for entity_type, table, agreement_col in (
        ("partner", "partner", "NULL"),
        ("agreement", "agreement", "id"),
        ("obligation", "obligation", "agreement_id"),
        ("monitoring_report", "monitoring_report", "agreement_id"),
    ):
        # Table and column names are the constants above, never input.
        op.execute(
            "INSERT INTO change_event (entity_type, entity_id, agreement_id, op, changed_at) "  # noqa: S608
            f"SELECT '{entity_type}', id, {agreement_col}, 'upsert', CURRENT_TIMESTAMP FROM {table} ORDER BY id"
        )


def downgrade() -> None:
    with op.batch_alter_table("change_event", schema=None) as batch_op:
        batch_op.drop_index("ix_change_event_entity")
    op.drop_table("change_event")
    op.drop_table("service_account")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_column("shared")
    op.execute("DELETE FROM user_account WHERE is_service_account")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_user_account_role"), type_="check")
        batch_op.create_check_constraint("role", f"role IN {OLD_ROLES}")
        batch_op.drop_column("is_service_account")
