"""Reminder kind `offer_answer_due`: the partner's answer to an offer letter (P22 Pasal 8(3)-(5)).

The offer stage's due date (`agreement.offer_due_date`, revision 0012) is reminded to the secretariat and
the lead OPD before it comes: seeded 7 days and 1 day ahead.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06 00:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_KINDS = (
    "('agreement_expiry', 'obligation_due', 'obligation_overdue', 'report_due', 'report_overdue', "
    "'dprd_deadline', 'periodic_report_due')"
)
NEW_KINDS = (
    "('agreement_expiry', 'obligation_due', 'obligation_overdue', 'report_due', 'report_overdue', "
    "'dprd_deadline', 'periodic_report_due', 'offer_answer_due')"
)


def upgrade() -> None:
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
    op.bulk_insert(
        rules,
        [{"kind": "offer_answer_due", "offsets_days": [7, 1], "enabled": True, "email": True, "version": 1}],
    )


def downgrade() -> None:
    op.execute("DELETE FROM reminder WHERE kind = 'offer_answer_due'")
    op.execute("DELETE FROM reminder_rule WHERE kind = 'offer_answer_due'")
    with op.batch_alter_table("reminder_rule", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_reminder_rule_kind"), type_="check")
        batch_op.create_check_constraint("kind", f"kind IN {OLD_KINDS}")
