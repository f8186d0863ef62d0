"""Periodic reports (Laporan Pelaksanaan Kerja Sama Daerah): finalized snapshots and sendings.

A finalized report is immutable: a trigger refuses UPDATE and DELETE of `periodic_report` rows on both
SQLite and PostgreSQL, so not even a script bypassing the API can change a report sent to the Gubernur.
The reminder rules gain the kind `periodic_report_due` (seeded: 14 and 3 days before the due date).

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 13:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = (
    "('agreement_expiry', 'obligation_due', 'obligation_overdue', 'report_due', 'report_overdue', "
    "'dprd_deadline')"
)
NEW_KINDS = (
    "('agreement_expiry', 'obligation_due', 'obligation_overdue', 'report_due', 'report_overdue', "
    "'dprd_deadline', 'periodic_report_due')"
)
IMMUTABLE_MESSAGE = "periodic_report is immutable: a finalized report is never changed or deleted"


def upgrade() -> None:
    op.create_table(
        "periodic_report",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("generated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finalized_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finalized_by", sa.Uuid(), nullable=True),
        sa.Column("finalized_by_username", sa.String(length=80), nullable=False),
        sa.Column("content_json", sa.LargeBinary(), nullable=False),
        sa.Column("json_sha256", sa.String(length=64), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("pdf_sha256", sa.String(length=64), nullable=False),
        sa.Column("xlsx", sa.LargeBinary(), nullable=False),
        sa.Column("xlsx_sha256", sa.String(length=64), nullable=False),
        sa.CheckConstraint("period IN ('S1', 'S2', 'annual')", name=op.f("ck_periodic_report_period")),
        sa.ForeignKeyConstraint(
            ["finalized_by"], ["user_account.id"], name=op.f("fk_periodic_report_finalized_by_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_periodic_report")),
        sa.UniqueConstraint("year", "period", name=op.f("uq_periodic_report_year_period")),
    )
    with op.batch_alter_table("periodic_report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_periodic_report_period_end"), ["period_end"], unique=False)

    op.create_table(
        "periodic_report_sending",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("recipient", sa.String(length=20), nullable=False),
        sa.Column("sent_date", sa.Date(), nullable=False),
        sa.Column("letter_number", sa.String(length=120), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "recipient IN ('wali_kota', 'gubernur')", name=op.f("ck_periodic_report_sending_recipient")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["user_account.id"],
            name=op.f("fk_periodic_report_sending_created_by_user_account"),
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["periodic_report.id"],
            name=op.f("fk_periodic_report_sending_report_id_periodic_report"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_periodic_report_sending")),
    )
    with op.batch_alter_table("periodic_report_sending", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_periodic_report_sending_report_id"), ["report_id"], unique=False)

    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION periodic_report_immutable() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{IMMUTABLE_MESSAGE}'; END $$"
        )
        op.execute(
            "CREATE TRIGGER periodic_report_immutable BEFORE UPDATE OR DELETE ON periodic_report "
            "FOR EACH ROW EXECUTE FUNCTION periodic_report_immutable()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER periodic_report_no_{event.lower()} BEFORE {event} ON periodic_report "
                f"BEGIN SELECT RAISE(ABORT, '{IMMUTABLE_MESSAGE}'); END"
            )

    with op.batch_alter_table("reminder_rule", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_reminder_rule_kind"), type_="check")
        batch_op.create_check_constraint("kind", f"kind IN {NEW_KINDS}")
    rules = sa.table(
        "reminder_rule",
        sa.column("kind", sa.String),
        sa.column("offsets_days", sa.JSON),
        sa.column("enabled", sa.Boolean),
        sa.column("email", sa.Boolean),
        sa.column("version", sa.Integer),
    )
    # S1 is due by the end of July, S2 and the annual report by the end of January, the foreign-cooperation
    # part of the annual report by 7 January (Permendagri 25/2020 Pasal 35–38): reminded 14 and 3 days ahead.
    op.bulk_insert(
        rules,
        [
            {
                "kind": "periodic_report_due",
                "offsets_days": [14, 3],
                "enabled": True,
                "email": True,
                "version": 1,
            }
        ],
    )


def downgrade() -> None:
    op.execute("DELETE FROM reminder WHERE kind = 'periodic_report_due'")
    op.execute("DELETE FROM reminder_rule WHERE kind = 'periodic_report_due'")
    with op.batch_alter_table("reminder_rule", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_reminder_rule_kind"), type_="check")
        batch_op.create_check_constraint("kind", f"kind IN {OLD_KINDS}")

    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS periodic_report_immutable ON periodic_report")
        op.execute("DROP FUNCTION IF EXISTS periodic_report_immutable()")
    else:
        op.execute("DROP TRIGGER IF EXISTS periodic_report_no_update")
        op.execute("DROP TRIGGER IF EXISTS periodic_report_no_delete")

    with op.batch_alter_table("periodic_report_sending", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_periodic_report_sending_report_id"))

    op.drop_table("periodic_report_sending")
    with op.batch_alter_table("periodic_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_periodic_report_period_end"))

    op.drop_table("periodic_report")
