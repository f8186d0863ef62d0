"""Legal fidelity (issue 13): agreement.initiated_by_partner and agreement.declarations; document types
RANCANGAN_PKS and PROFIL_MITRA (the KSDPK DPRD request's attachments, P22 Pasal 34(3)).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 18:55:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OLD_TYPES = (
    "KAK",
    "STUDI_KELAYAKAN",
    "SURAT_PENAWARAN",
    "BERITA_ACARA_TKKSD",
    "PERSETUJUAN_DPRD",
    "SURAT_KUASA",
    "SIGNED_TEXT",
    "LAPORAN_MONEV",
    "BUKTI_PEMENUHAN",
    "LAINNYA",
)
NEW_TYPES = (*OLD_TYPES[:7], "RANCANGAN_PKS", "PROFIL_MITRA", *OLD_TYPES[7:])


def _doc_types(types: tuple[str, ...]) -> None:
    with op.batch_alter_table("document", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_document_doc_type"), type_="check")
        batch_op.create_check_constraint("doc_type", f"doc_type IN {types!r}")


def upgrade() -> None:
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("initiated_by_partner", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.add_column(sa.Column("declarations", sa.JSON(), server_default="{}", nullable=False))
    _doc_types(NEW_TYPES)


def downgrade() -> None:
    op.execute(sa.text("DELETE FROM document WHERE doc_type IN ('RANCANGAN_PKS', 'PROFIL_MITRA')"))
    _doc_types(OLD_TYPES)
    with op.batch_alter_table("agreement", schema=None) as batch_op:
        batch_op.drop_column("declarations")
        batch_op.drop_column("initiated_by_partner")
