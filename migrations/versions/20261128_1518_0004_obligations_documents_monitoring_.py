"""Obligation schedules and occurrences, documents, monitoring reports, reminders.

Existing obligations become `continuous` (owed throughout the term). Default reminder rules are seeded.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-28 15:18:54.763696
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "reminder_rule",
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("offsets_days", sa.JSON(), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("email", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "kind IN ('agreement_expiry', 'obligation_due', 'obligation_overdue', 'report_due', 'report_overdue', 'dprd_deadline')",
            name=op.f("ck_reminder_rule_kind"),
        ),
        sa.PrimaryKeyConstraint("kind", name=op.f("pk_reminder_rule")),
    )
    op.create_table(
        "calendar_feed",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_calendar_feed_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_calendar_feed")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_calendar_feed_token_hash")),
    )
    with op.batch_alter_table("calendar_feed", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_calendar_feed_user_id"), ["user_id"], unique=False)

    op.create_table(
        "document",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("agreement_id", sa.Uuid(), nullable=False),
        sa.Column("doc_type", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("doc_date", sa.Date(), nullable=False),
        sa.Column("original_filename", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("storage_key", sa.String(length=80), nullable=False),
        sa.Column("uploaded_by", sa.Uuid(), nullable=True),
        sa.Column("uploaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "doc_type IN ('KAK', 'STUDI_KELAYAKAN', 'SURAT_PENAWARAN', 'BERITA_ACARA_TKKSD', 'PERSETUJUAN_DPRD', 'SURAT_KUASA', 'SIGNED_TEXT', 'LAPORAN_MONEV', 'BUKTI_PEMENUHAN', 'LAINNYA')",
            name=op.f("ck_document_doc_type"),
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_document_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["uploaded_by"], ["user_account.id"], name=op.f("fk_document_uploaded_by_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document")),
        sa.UniqueConstraint("storage_key", name=op.f("uq_document_storage_key")),
    )
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_document_agreement_id"), ["agreement_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_document_sha256"), ["sha256"], unique=False)

    op.create_table(
        "monitoring_report",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("agreement_id", sa.Uuid(), nullable=False),
        sa.Column("period", sa.String(length=10), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("period_end", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("problems", sa.Text(), nullable=False),
        sa.Column("solutions", sa.Text(), nullable=False),
        sa.Column("other_matters", sa.Text(), nullable=False),
        sa.Column("follow_up", sa.Text(), nullable=False),
        sa.Column("ratings", sa.JSON(), nullable=False),
        sa.Column("recommendation", sa.String(length=10), nullable=True),
        sa.Column("realisation", sa.JSON(), nullable=False),
        sa.Column("return_reason", sa.Text(), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finalised_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "recommendation IS NULL OR recommendation IN ('continue', 'expand', 'revise', 'stop')",
            name=op.f("ck_monitoring_report_recommendation"),
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'submitted', 'verified', 'reviewed', 'final', 'returned')",
            name=op.f("ck_monitoring_report_status"),
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_monitoring_report_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["user_account.id"], name=op.f("fk_monitoring_report_created_by_user_account")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitoring_report")),
        sa.UniqueConstraint("agreement_id", "period", name=op.f("uq_monitoring_report_agreement_id_period")),
    )
    with op.batch_alter_table("monitoring_report", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_monitoring_report_agreement_id"), ["agreement_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_monitoring_report_period"), ["period"], unique=False)

    op.create_table(
        "monitoring_setting",
        sa.Column("agreement_id", sa.Uuid(), nullable=False),
        sa.Column("cadence", sa.String(length=10), nullable=False),
        sa.Column("due_days", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint("cadence IN ('semester', 'year')", name=op.f("ck_monitoring_setting_cadence")),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_monitoring_setting_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("agreement_id", name=op.f("pk_monitoring_setting")),
    )
    op.create_table(
        "reminder",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("dedupe_key", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("entity_type", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.Uuid(), nullable=False),
        sa.Column("agreement_id", sa.Uuid(), nullable=True),
        sa.Column("opd_id", sa.Uuid(), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("link", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_reminder_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["opd_id"], ["opd.id"], name=op.f("fk_reminder_opd_id_opd")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder")),
        sa.UniqueConstraint("dedupe_key", name=op.f("uq_reminder_dedupe_key")),
    )
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminder_agreement_id"), ["agreement_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reminder_entity_id"), ["entity_id"], unique=False)

    op.create_table(
        "delivery",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("reminder_id", sa.Uuid(), nullable=False),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("address", sa.String(length=254), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("next_attempt_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("message_id", sa.String(length=200), nullable=False),
        sa.Column("meta", sa.JSON(), nullable=False),
        sa.CheckConstraint("status IN ('queued', 'sent', 'failed')", name=op.f("ck_delivery_status")),
        sa.ForeignKeyConstraint(
            ["reminder_id"],
            ["reminder.id"],
            name=op.f("fk_delivery_reminder_id_reminder"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_delivery_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_delivery")),
        sa.UniqueConstraint(
            "reminder_id", "channel", "user_id", name=op.f("uq_delivery_reminder_id_channel_user_id")
        ),
    )
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_delivery_reminder_id"), ["reminder_id"], unique=False)
        batch_op.create_index("ix_delivery_status_next", ["status", "next_attempt_at"], unique=False)

    op.create_table(
        "force_majeure_event",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("agreement_id", sa.Uuid(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("document_id", sa.Uuid(), nullable=True),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_force_majeure_event_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["user_account.id"], name=op.f("fk_force_majeure_event_created_by_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_force_majeure_event_document_id_document")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_force_majeure_event")),
    )
    with op.batch_alter_table("force_majeure_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_force_majeure_event_agreement_id"), ["agreement_id"], unique=False
        )

    op.create_table(
        "monitoring_report_document",
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_monitoring_report_document_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["monitoring_report.id"],
            name=op.f("fk_monitoring_report_document_report_id_monitoring_report"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("report_id", "document_id", name=op.f("pk_monitoring_report_document")),
    )
    with op.batch_alter_table("monitoring_report_document", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_monitoring_report_document_document_id"), ["document_id"], unique=False
        )

    op.create_table(
        "monitoring_report_event",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("from_status", sa.String(length=20), nullable=False),
        sa.Column("to_status", sa.String(length=20), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("actor_username", sa.String(length=80), nullable=False),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["user_account.id"], name=op.f("fk_monitoring_report_event_actor_id_user_account")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["monitoring_report.id"],
            name=op.f("fk_monitoring_report_event_report_id_monitoring_report"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitoring_report_event")),
    )
    with op.batch_alter_table("monitoring_report_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_monitoring_report_event_report_id"), ["report_id"], unique=False)

    op.create_table(
        "notification",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("reminder_id", sa.Uuid(), nullable=True),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("link", sa.String(length=500), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["reminder_id"],
            ["reminder.id"],
            name=op.f("fk_notification_reminder_id_reminder"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_notification_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_notification")),
        sa.UniqueConstraint("reminder_id", "user_id", name=op.f("uq_notification_reminder_id_user_id")),
    )
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.create_index("ix_notification_user_created", ["user_id", "created_at"], unique=False)

    op.create_table(
        "obligation_occurrence",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("obligation_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("period_start", sa.Date(), nullable=False),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=30), nullable=False),
        sa.Column("force_majeure_event_id", sa.Uuid(), nullable=True),
        sa.Column("fulfilled_on", sa.Date(), nullable=True),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "status <> 'suspended_force_majeure' OR force_majeure_event_id IS NOT NULL",
            name=op.f("ck_obligation_occurrence_force_majeure_needs_event"),
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'in_progress', 'fulfilled', 'not_fulfilled', 'suspended_force_majeure')",
            name=op.f("ck_obligation_occurrence_status"),
        ),
        sa.ForeignKeyConstraint(
            ["force_majeure_event_id"],
            ["force_majeure_event.id"],
            name=op.f("fk_obligation_occurrence_force_majeure_event_id_force_majeure_event"),
        ),
        sa.ForeignKeyConstraint(
            ["obligation_id"],
            ["obligation.id"],
            name=op.f("fk_obligation_occurrence_obligation_id_obligation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_obligation_occurrence")),
        sa.UniqueConstraint(
            "obligation_id", "due_date", name=op.f("uq_obligation_occurrence_obligation_id_due_date")
        ),
    )
    with op.batch_alter_table("obligation_occurrence", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_obligation_occurrence_due_date"), ["due_date"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_obligation_occurrence_obligation_id"), ["obligation_id"], unique=False
        )

    op.create_table(
        "obligation_fulfilment",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("occurrence_id", sa.Uuid(), nullable=False),
        sa.Column("realised_on", sa.Date(), nullable=False),
        sa.Column("value_realised", sa.Numeric(precision=20, scale=2), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Uuid(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["occurrence_id"],
            ["obligation_occurrence.id"],
            name=op.f("fk_obligation_fulfilment_occurrence_id_obligation_occurrence"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"],
            ["user_account.id"],
            name=op.f("fk_obligation_fulfilment_recorded_by_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_obligation_fulfilment")),
    )
    with op.batch_alter_table("obligation_fulfilment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_obligation_fulfilment_occurrence_id"), ["occurrence_id"], unique=False
        )

    op.create_table(
        "fulfilment_document",
        sa.Column("fulfilment_id", sa.Uuid(), nullable=False),
        sa.Column("document_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["document_id"], ["document.id"], name=op.f("fk_fulfilment_document_document_id_document")
        ),
        sa.ForeignKeyConstraint(
            ["fulfilment_id"],
            ["obligation_fulfilment.id"],
            name=op.f("fk_fulfilment_document_fulfilment_id_obligation_fulfilment"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("fulfilment_id", "document_id", name=op.f("pk_fulfilment_document")),
    )
    with op.batch_alter_table("fulfilment_document", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_fulfilment_document_document_id"), ["document_id"], unique=False)

    with op.batch_alter_table("obligation", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("schedule_type", sa.String(length=20), server_default="continuous", nullable=False)
        )
        batch_op.add_column(sa.Column("due_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("frequency", sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column("anchor_date", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("indicator", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("target", sa.Numeric(precision=20, scale=2), nullable=True))
        batch_op.add_column(sa.Column("unit", sa.String(length=60), nullable=True))
        batch_op.add_column(sa.Column("value", sa.Numeric(precision=20, scale=2), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_obligation_responsible_opd_id"), ["responsible_opd_id"], unique=False
        )
        batch_op.create_check_constraint(
            "schedule_type", "schedule_type IN ('one_off', 'recurring', 'continuous')"
        )
        batch_op.create_check_constraint(
            "frequency", "frequency IS NULL OR frequency IN ('monthly', 'quarterly', 'semester', 'yearly')"
        )

    # Defaults of issue 4: expiry 180/90/30 days before; occurrences 14 and 3 days before and overdue;
    # reports 14 days before and overdue; DPRD deadlines 5 days before. Admins change them later.
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
        [
            {"kind": kind, "offsets_days": offsets, "enabled": True, "email": True, "version": 1}
            for kind, offsets in (
                ("agreement_expiry", [180, 90, 30]),
                ("obligation_due", [14, 3]),
                ("obligation_overdue", [1]),
                ("report_due", [14]),
                ("report_overdue", [1]),
                ("dprd_deadline", [5]),
            )
        ],
    )


def downgrade() -> None:
    with op.batch_alter_table("obligation", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_obligation_frequency"), type_="check")
        batch_op.drop_constraint(op.f("ck_obligation_schedule_type"), type_="check")
        batch_op.drop_index(batch_op.f("ix_obligation_responsible_opd_id"))
        batch_op.drop_column("value")
        batch_op.drop_column("unit")
        batch_op.drop_column("target")
        batch_op.drop_column("indicator")
        batch_op.drop_column("anchor_date")
        batch_op.drop_column("frequency")
        batch_op.drop_column("due_date")
        batch_op.drop_column("schedule_type")

    with op.batch_alter_table("fulfilment_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_fulfilment_document_document_id"))

    op.drop_table("fulfilment_document")
    with op.batch_alter_table("obligation_fulfilment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_obligation_fulfilment_occurrence_id"))

    op.drop_table("obligation_fulfilment")
    with op.batch_alter_table("obligation_occurrence", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_obligation_occurrence_obligation_id"))
        batch_op.drop_index(batch_op.f("ix_obligation_occurrence_due_date"))

    op.drop_table("obligation_occurrence")
    with op.batch_alter_table("notification", schema=None) as batch_op:
        batch_op.drop_index("ix_notification_user_created")

    op.drop_table("notification")
    with op.batch_alter_table("monitoring_report_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_monitoring_report_event_report_id"))

    op.drop_table("monitoring_report_event")
    with op.batch_alter_table("monitoring_report_document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_monitoring_report_document_document_id"))

    op.drop_table("monitoring_report_document")
    with op.batch_alter_table("force_majeure_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_force_majeure_event_agreement_id"))

    op.drop_table("force_majeure_event")
    with op.batch_alter_table("delivery", schema=None) as batch_op:
        batch_op.drop_index("ix_delivery_status_next")
        batch_op.drop_index(batch_op.f("ix_delivery_reminder_id"))

    op.drop_table("delivery")
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminder_entity_id"))
        batch_op.drop_index(batch_op.f("ix_reminder_agreement_id"))

    op.drop_table("reminder")
    op.drop_table("monitoring_setting")
    with op.batch_alter_table("monitoring_report", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_monitoring_report_period"))
        batch_op.drop_index(batch_op.f("ix_monitoring_report_agreement_id"))

    op.drop_table("monitoring_report")
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_document_sha256"))
        batch_op.drop_index(batch_op.f("ix_document_agreement_id"))

    op.drop_table("document")
    with op.batch_alter_table("calendar_feed", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_calendar_feed_user_id"))

    op.drop_table("calendar_feed")
    op.drop_table("reminder_rule")
