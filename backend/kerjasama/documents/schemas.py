"""Shapes of the documents API. The upload itself is multipart form data (see the router)."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from kerjasama.core.schemas import InputModel

# models.documents.DOCUMENT_TYPES, spelled out for the type checker (a test keeps them equal).
DocType = Literal[
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
]
ContentType = Literal[
    "application/pdf",
    "image/png",
    "image/jpeg",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
]
LockReason = Literal["signed_text", "final_report_evidence"]


class DocumentUpdate(InputModel):
    shared: bool | None = Field(
        None, description="true: the province may read this document; false: it may not; absent: unchanged"
    )
    public: bool | None = Field(
        None,
        description="true: anyone may download it from the public register once its agreement is public "
        "(admin and secretariat only); absent: unchanged",
    )


class DocumentRead(BaseModel):
    id: uuid.UUID = Field(description="Document id")
    agreement_id: uuid.UUID = Field(description="The agreement the document belongs to")
    doc_type: DocType = Field(
        description="KAK, STUDI_KELAYAKAN, SURAT_PENAWARAN, BERITA_ACARA_TKKSD, PERSETUJUAN_DPRD, "
        "SURAT_KUASA, SIGNED_TEXT, LAPORAN_MONEV, BUKTI_PEMENUHAN or LAINNYA"
    )
    title: str = Field(description="Title, e.g. 'Naskah KB ditandatangani'")
    doc_date: date = Field(description="Date of the document itself (not of the upload)")
    original_filename: str = Field(
        description="The uploaded file's name, cleaned (no folders or control characters); a label only"
    )
    content_type: ContentType = Field(description="Media type detected from the file's bytes")
    size_bytes: int = Field(description="Size of the file in bytes")
    sha256: str = Field(description="SHA-256 of the file's bytes, lowercase hex")
    shared: bool = Field(
        description="Marked for sharing with the province: only shared documents reach the `province` role"
    )
    public: bool = Field(
        description="Marked for the public register: downloadable without sign-in while its agreement is public"
    )
    uploaded_by_username: str | None = Field(description="Who uploaded the current file")
    uploaded_at: datetime = Field(description="When the current file was uploaded (UTC)")
    version: int = Field(description="Optimistic-lock version; also the ETag")
    locked: bool = Field(description="The document can be neither deleted nor replaced")
    locked_reason: LockReason | None = Field(
        description="signed_text: the signed text of a signed agreement (changes go through an ADENDUM); "
        "final_report_evidence: evidence of a final monitoring report; null when not locked"
    )
    file_url: str = Field(description="Where to download the file")
