"""Document files: the bytes live under KERJASAMA_DATA_DIR with a random name; the row holds the facts."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from sqlalchemy import BigInteger, CheckConstraint, ForeignKey, String
from sqlalchemy import false as sa_false
from sqlalchemy.orm import Mapped, mapped_column

from kerjasama.models.base import Base, new_id, utcnow

# docs/domain.md#document-types; LAINNYA keeps an upload possible when no type fits.
DOCUMENT_TYPES = (
    "KAK",
    "STUDI_KELAYAKAN",
    "SURAT_PENAWARAN",
    "BERITA_ACARA_TKKSD",
    "PERSETUJUAN_DPRD",
    "SURAT_KUASA",
    "SIGNED_TEXT",
    "RANCANGAN_PKS",
    "PROFIL_MITRA",
    "LAPORAN_MONEV",
    "BUKTI_PEMENUHAN",
    "LAINNYA",
)


class Document(Base):
    __tablename__ = "document"
    __table_args__ = (CheckConstraint(f"doc_type IN {DOCUMENT_TYPES!r}", name="doc_type"),)

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    doc_type: Mapped[str] = mapped_column(String(30))
    title: Mapped[str] = mapped_column(String(300))
    doc_date: Mapped[date]
    original_filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(100))
    # Marked for sharing with the province (docs/domain.md#opd-scoping-and-the-province-r49: the province sees no unshared document).
    shared: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    # Marked for the public register: anyone may download it once its agreement is public (docs/open-data.md).
    public: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    # Random file name under data_dir/documents; never derived from the uploaded name.
    storage_key: Mapped[str] = mapped_column(String(80), unique=True)
    uploaded_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
