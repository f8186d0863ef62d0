"""Procedure engine: transitions, TKKSD reviews, DPRD approvals, obligations, holidays, agreement procedure fields.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-28 04:08:52.840629
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "holiday",
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.PrimaryKeyConstraint("day", name=op.f("pk_holiday")),
    )
    op.create_table(
        "dprd_approval",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("agreement_id", sa.Uuid(), nullable=False),
        sa.Column("request_date", sa.Date(), nullable=False),
        sa.Column("received_date", sa.Date(), nullable=True),
        sa.Column("deadline_date", sa.Date(), nullable=True),
        sa.Column("decision", sa.String(length=20), nullable=False),
        sa.Column("decision_date", sa.Date(), nullable=True),
        sa.Column("decree_number", sa.String(length=120), nullable=True),
        sa.Column("document_ref", sa.String(length=200), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "decision IN ('pending', 'approved', 'rejected')", name=op.f("ck_dprd_approval_decision")
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_dprd_approval_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["user_account.id"], name=op.f("fk_dprd_approval_created_by_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_dprd_approval")),
    )
    with op.batch_alter_table("dprd_approval", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_dprd_approval_agreement_id"), ["agreement_id"], unique=False)

    op.create_table(
        "obligation",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("agreement_id", sa.Uuid(), nullable=False),
        sa.Column("partner_id", sa.Uuid(), nullable=True),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("clause_reference", sa.String(length=120), nullable=False),
        sa.Column("responsible_opd_id", sa.Uuid(), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('HAK', 'KEWAJIBAN')", name=op.f("ck_obligation_kind")),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_obligation_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["user_account.id"], name=op.f("fk_obligation_created_by_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["partner.id"], name=op.f("fk_obligation_partner_id_partner")
        ),
        sa.ForeignKeyConstraint(
            ["responsible_opd_id"], ["opd.id"], name=op.f("fk_obligation_responsible_opd_id_opd")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_obligation")),
    )
    with op.batch_alter_table("obligation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_obligation_agreement_id"), ["agreement_id"], unique=False)

    op.create_table(
        "status_transition",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("agreement_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(length=40), nullable=False),
        sa.Column("from_stage", sa.String(length=40), nullable=False),
        sa.Column("to_stage", sa.String(length=40), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("actor_username", sa.String(length=80), nullable=False),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("justification", sa.Text(), nullable=True),
        sa.Column("effective_date", sa.Date(), nullable=True),
        sa.Column("document_ids", sa.JSON(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["user_account.id"], name=op.f("fk_status_transition_actor_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_status_transition_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_status_transition")),
    )
    with op.batch_alter_table("status_transition", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_status_transition_agreement_id"), ["agreement_id"], unique=False)

    op.create_table(
        "tkksd_review",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("agreement_id", sa.Uuid(), nullable=False),
        sa.Column("meeting_date", sa.Date(), nullable=False),
        sa.Column("outcome", sa.String(length=30), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("minutes_ref", sa.String(length=200), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('layak', 'layak_dengan_perbaikan', 'tidak_layak')",
            name=op.f("ck_tkksd_review_outcome"),
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_tkksd_review_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["user_account.id"], name=op.f("fk_tkksd_review_created_by_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tkksd_review")),
    )
    with op.batch_alter_table("tkksd_review", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tkksd_review_agreement_id"), ["agreement_id"], unique=False)

    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.add_column(sa.Column("kak", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
        batch_op.add_column(sa.Column("feasibility_study_ref", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("clauses", sa.JSON(), nullable=False, server_default=sa.text("'[]'")))
        batch_op.add_column(sa.Column("amendment", sa.JSON(), nullable=False, server_default=sa.text("'{}'")))
        batch_op.add_column(sa.Column("stage_before_dispute", sa.String(length=30), nullable=True))
        batch_op.add_column(sa.Column("ended_date", sa.Date(), nullable=True))


def downgrade() -> None:

    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_column("ended_date")
        batch_op.drop_column("stage_before_dispute")
        batch_op.drop_column("amendment")
        batch_op.drop_column("clauses")
        batch_op.drop_column("feasibility_study_ref")
        batch_op.drop_column("kak")

    with op.batch_alter_table("tkksd_review", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tkksd_review_agreement_id"))

    op.drop_table("tkksd_review")
    with op.batch_alter_table("status_transition", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_status_transition_agreement_id"))

    op.drop_table("status_transition")
    with op.batch_alter_table("obligation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_obligation_agreement_id"))

    op.drop_table("obligation")
    with op.batch_alter_table("dprd_approval", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_dprd_approval_agreement_id"))

    op.drop_table("dprd_approval")
    op.drop_table("holiday")
