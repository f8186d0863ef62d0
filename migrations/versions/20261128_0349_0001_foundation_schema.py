"""Foundation schema: reference data, users, partners, agreements, audit log, idempotency.

Revision ID: 0001
Revises:
Create Date: 2026-11-28 03:49:04.732163
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "affair",
        sa.Column("code", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("group", sa.String(length=40), nullable=False),
        sa.Column("is_absolute_central", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_affair")),
    )
    op.create_table(
        "audit_entry",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor_id", sa.Uuid(), nullable=True),
        sa.Column("actor_username", sa.String(length=80), nullable=False),
        sa.Column("actor_role", sa.String(length=20), nullable=False),
        sa.Column("entity_type", sa.String(length=40), nullable=False),
        sa.Column("entity_id", sa.String(length=64), nullable=False),
        sa.Column("action", sa.String(length=20), nullable=False),
        sa.Column("before", sa.JSON(), nullable=True),
        sa.Column("after", sa.JSON(), nullable=True),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_entry")),
        sa.UniqueConstraint("hash", name=op.f("uq_audit_entry_hash")),
    )
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_audit_entry_entity_id"), ["entity_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_entry_entity_type"), ["entity_type"], unique=False)

    op.create_table(
        "login_failure",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("attempted_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_login_failure")),
    )
    with op.batch_alter_table("login_failure", schema=None) as batch_op:
        batch_op.create_index("ix_login_failure_key_at", ["key", "attempted_at"], unique=False)

    op.create_table(
        "number_sequence",
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("last_value", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("region_code", "year", name=op.f("pk_number_sequence")),
    )
    op.create_table(
        "opd",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("abbreviation", sa.String(length=40), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_opd")),
        sa.UniqueConstraint("code", name=op.f("uq_opd_code")),
    )
    op.create_table(
        "region",
        sa.Column("code", sa.String(length=13), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("type", sa.String(length=20), nullable=False),
        sa.Column("province_code", sa.String(length=2), nullable=False),
        sa.CheckConstraint("type IN ('provinsi', 'kabupaten', 'kota')", name=op.f("ck_region_type")),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_region")),
    )
    with op.batch_alter_table("region", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_region_province_code"), ["province_code"], unique=False)

    op.create_table(
        "region_border",
        sa.Column("region_code", sa.String(length=13), nullable=False),
        sa.Column("neighbour_code", sa.String(length=13), nullable=False),
        sa.ForeignKeyConstraint(
            ["neighbour_code"], ["region.code"], name=op.f("fk_region_border_neighbour_code_region")
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_region_border_region_code_region")
        ),
        sa.PrimaryKeyConstraint("region_code", "neighbour_code", name=op.f("pk_region_border")),
    )
    op.create_table(
        "user_account",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("username", sa.String(length=80), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("full_name", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("opd_id", sa.Uuid(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('admin', 'secretariat', 'tkksd', 'opd_head', 'opd_operator', 'viewer')",
            name=op.f("ck_user_account_role"),
        ),
        sa.CheckConstraint(
            "role NOT IN ('opd_head', 'opd_operator') OR opd_id IS NOT NULL",
            name=op.f("ck_user_account_opd_role_has_opd"),
        ),
        sa.ForeignKeyConstraint(["opd_id"], ["opd.id"], name=op.f("fk_user_account_opd_id_opd")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_user_account")),
        sa.UniqueConstraint("username", name=op.f("uq_user_account_username")),
    )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_account_opd_id"), ["opd_id"], unique=False)

    op.create_table(
        "agreement",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("parent_id", sa.Uuid(), nullable=True),
        sa.Column("predecessor_id", sa.Uuid(), nullable=True),
        sa.Column("category", sa.String(length=10), nullable=False),
        sa.Column("nature", sa.String(length=10), nullable=True),
        sa.Column("number", sa.String(length=80), nullable=False),
        sa.Column("title", sa.String(length=500), nullable=False),
        sa.Column("object", sa.Text(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("lead_opd_id", sa.Uuid(), nullable=False),
        sa.Column("planning_reference", sa.Text(), nullable=True),
        sa.Column("out_of_plan_reason", sa.String(length=30), nullable=True),
        sa.Column("funding_sources", sa.JSON(), nullable=False),
        sa.Column("apbd_value", sa.Numeric(precision=18, scale=2), nullable=True),
        sa.Column("burdens_community_and_region", sa.Boolean(), nullable=False),
        sa.Column("budgeted_in_current_apbd", sa.Boolean(), nullable=False),
        sa.Column("signed_date", sa.Date(), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("stage", sa.String(length=30), nullable=False),
        sa.Column("end_reason", sa.String(length=40), nullable=True),
        sa.Column("is_demo", sa.Boolean(), nullable=False),
        sa.Column("is_legacy_import", sa.Boolean(), nullable=False),
        sa.Column("public", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "category IN ('KSDD', 'KSDPK', 'KSDPL', 'KSDLL', 'SINERGI')", name=op.f("ck_agreement_category")
        ),
        sa.CheckConstraint(
            "kind IN ('KB', 'PKS', 'NK', 'RK', 'LOI', 'NASKAH_LN', 'ADENDUM')", name=op.f("ck_agreement_kind")
        ),
        sa.CheckConstraint("nature IS NULL OR category = 'KSDD'", name=op.f("ck_agreement_nature_only_ksdd")),
        sa.CheckConstraint(
            "status IN ('draft', 'in_progress', 'in_force', 'ended', 'cancelled', 'rejected')",
            name=op.f("ck_agreement_status"),
        ),
        sa.CheckConstraint(
            "apbd_value IS NULL OR apbd_value >= 0", name=op.f("ck_agreement_apbd_value_non_negative")
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR start_date IS NULL OR end_date > start_date", name=op.f("ck_agreement_term")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["user_account.id"], name=op.f("fk_agreement_created_by_user_account")
        ),
        sa.ForeignKeyConstraint(["lead_opd_id"], ["opd.id"], name=op.f("fk_agreement_lead_opd_id_opd")),
        sa.ForeignKeyConstraint(
            ["parent_id"], ["agreement.id"], name=op.f("fk_agreement_parent_id_agreement")
        ),
        sa.ForeignKeyConstraint(
            ["predecessor_id"], ["agreement.id"], name=op.f("fk_agreement_predecessor_id_agreement")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement")),
        sa.UniqueConstraint("number", name=op.f("uq_agreement_number")),
    )
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_category"), ["category"], unique=False)
        batch_op.create_index("ix_agreement_end_date_id", ["end_date", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_lead_opd_id"), ["lead_opd_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_parent_id"), ["parent_id"], unique=False)
        batch_op.create_index("ix_agreement_signed_date_id", ["signed_date", "id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_stage"), ["stage"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_status"), ["status"], unique=False)

    op.create_table(
        "idempotency_record",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("method", sa.String(length=10), nullable=False),
        sa.Column("path", sa.Text(), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("status_code", sa.Integer(), nullable=False),
        sa.Column("headers", sa.JSON(), nullable=False),
        sa.Column("body", sa.LargeBinary(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_idempotency_record_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_idempotency_record")),
        sa.UniqueConstraint("user_id", "key", name="uq_idempotency_record_user_key"),
    )
    op.create_table(
        "partner",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("name_normalized", sa.String(length=300), nullable=False),
        sa.Column("region_code", sa.String(length=13), nullable=True),
        sa.Column("third_party_kind", sa.String(length=30), nullable=True),
        sa.Column("business_form", sa.String(length=30), nullable=True),
        sa.Column("nib", sa.String(length=20), nullable=True),
        sa.Column("npwp", sa.String(length=20), nullable=True),
        sa.Column("country_code", sa.String(length=2), nullable=True),
        sa.Column("is_bankrupt", sa.Boolean(), nullable=False),
        sa.Column("address", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("created_by", sa.Uuid(), nullable=True),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "(type = 'REGION') = (region_code IS NOT NULL)", name=op.f("ck_partner_region_code_iff_region")
        ),
        sa.CheckConstraint(
            "type IN ('REGION', 'THIRD_PARTY', 'FOREIGN_GOVERNMENT', 'FOREIGN_INSTITUTION', 'CENTRAL_GOVERNMENT')",
            name=op.f("ck_partner_type"),
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["user_account.id"], name=op.f("fk_partner_created_by_user_account")
        ),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_partner_region_code_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner")),
        sa.UniqueConstraint("region_code", name=op.f("uq_partner_region_code")),
    )
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.create_index("ix_partner_name_normalized", ["name_normalized"], unique=False)
        batch_op.create_index(batch_op.f("ix_partner_nib"), ["nib"], unique=False)
        batch_op.create_index(batch_op.f("ix_partner_npwp"), ["npwp"], unique=False)

    op.create_table(
        "refresh_token",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("family_id", sa.Uuid(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"],
            ["user_account.id"],
            name=op.f("fk_refresh_token_user_id_user_account"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_refresh_token")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_refresh_token_token_hash")),
    )
    with op.batch_alter_table("refresh_token", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_refresh_token_family_id"), ["family_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_refresh_token_user_id"), ["user_id"], unique=False)

    op.create_table(
        "agreement_affair",
        sa.Column("agreement_id", sa.Uuid(), nullable=False),
        sa.Column("affair_code", sa.String(length=10), nullable=False),
        sa.ForeignKeyConstraint(
            ["affair_code"], ["affair.code"], name=op.f("fk_agreement_affair_affair_code_affair")
        ),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_affair_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("agreement_id", "affair_code", name=op.f("pk_agreement_affair")),
    )
    with op.batch_alter_table("agreement_affair", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_affair_affair_code"), ["affair_code"], unique=False)

    op.create_table(
        "agreement_party",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("agreement_id", sa.Uuid(), nullable=False),
        sa.Column("partner_id", sa.Uuid(), nullable=True),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("signatory_name", sa.String(length=200), nullable=False),
        sa.Column("signatory_title", sa.String(length=200), nullable=False),
        sa.Column("document_number", sa.String(length=120), nullable=False),
        sa.Column("power_of_attorney_ref", sa.String(length=200), nullable=True),
        sa.CheckConstraint(
            "(role = 'HOME') = (partner_id IS NULL)", name=op.f("ck_agreement_party_home_has_no_partner")
        ),
        sa.CheckConstraint("role IN ('HOME', 'PARTNER')", name=op.f("ck_agreement_party_role")),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_party_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["partner_id"], ["partner.id"], name=op.f("fk_agreement_party_partner_id_partner")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agreement_party")),
        sa.UniqueConstraint("agreement_id", "partner_id", name="uq_agreement_party_agreement_partner"),
    )
    with op.batch_alter_table("agreement_party", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_party_agreement_id"), ["agreement_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_agreement_party_partner_id"), ["partner_id"], unique=False)

    op.create_table(
        "agreement_related_opd",
        sa.Column("agreement_id", sa.Uuid(), nullable=False),
        sa.Column("opd_id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["agreement.id"],
            name=op.f("fk_agreement_related_opd_agreement_id_agreement"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(["opd_id"], ["opd.id"], name=op.f("fk_agreement_related_opd_opd_id_opd")),
        sa.PrimaryKeyConstraint("agreement_id", "opd_id", name=op.f("pk_agreement_related_opd")),
    )
    with op.batch_alter_table("agreement_related_opd", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_agreement_related_opd_opd_id"), ["opd_id"], unique=False)

    op.create_table(
        "partner_contact",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("partner_id", sa.Uuid(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("email", sa.String(length=254), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.ForeignKeyConstraint(
            ["partner_id"],
            ["partner.id"],
            name=op.f("fk_partner_contact_partner_id_partner"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_partner_contact")),
    )
    with op.batch_alter_table("partner_contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_partner_contact_partner_id"), ["partner_id"], unique=False)


def downgrade() -> None:

    with op.batch_alter_table("partner_contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partner_contact_partner_id"))

    op.drop_table("partner_contact")
    with op.batch_alter_table("agreement_related_opd", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_related_opd_opd_id"))

    op.drop_table("agreement_related_opd")
    with op.batch_alter_table("agreement_party", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_party_partner_id"))
        batch_op.drop_index(batch_op.f("ix_agreement_party_agreement_id"))

    op.drop_table("agreement_party")
    with op.batch_alter_table("agreement_affair", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_affair_affair_code"))

    op.drop_table("agreement_affair")
    with op.batch_alter_table("refresh_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_refresh_token_user_id"))
        batch_op.drop_index(batch_op.f("ix_refresh_token_family_id"))

    op.drop_table("refresh_token")
    with op.batch_alter_table("partner", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_partner_npwp"))
        batch_op.drop_index(batch_op.f("ix_partner_nib"))
        batch_op.drop_index("ix_partner_name_normalized")

    op.drop_table("partner")
    op.drop_table("idempotency_record")
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agreement_status"))
        batch_op.drop_index(batch_op.f("ix_agreement_stage"))
        batch_op.drop_index("ix_agreement_signed_date_id")
        batch_op.drop_index(batch_op.f("ix_agreement_parent_id"))
        batch_op.drop_index(batch_op.f("ix_agreement_lead_opd_id"))
        batch_op.drop_index("ix_agreement_end_date_id")
        batch_op.drop_index(batch_op.f("ix_agreement_category"))

    op.drop_table("agreement")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_account_opd_id"))

    op.drop_table("user_account")
    op.drop_table("region_border")
    with op.batch_alter_table("region", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_region_province_code"))

    op.drop_table("region")
    op.drop_table("opd")
    op.drop_table("number_sequence")
    with op.batch_alter_table("login_failure", schema=None) as batch_op:
        batch_op.drop_index("ix_login_failure_key_at")

    op.drop_table("login_failure")
    with op.batch_alter_table("audit_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_entry_entity_type"))
        batch_op.drop_index(batch_op.f("ix_audit_entry_entity_id"))

    op.drop_table("audit_entry")
    op.drop_table("affair")
