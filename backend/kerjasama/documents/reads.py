"""Read models of documents: one function per shape, given the principal it renders for."""

from __future__ import annotations

from kerjasama.core.auth import Principal
from kerjasama.core.http import API_PREFIX
from kerjasama.core.policy import redacts_personal_data
from kerjasama.documents import service
from kerjasama.documents.repository import DocumentRow
from kerjasama.documents.schemas import DocumentRead


def detail(row: DocumentRow, principal: Principal) -> DocumentRead:
    """A document's metadata, whether it is locked and where its file is (the list and the detail alike)."""
    d = row.document
    reason = service.lock_reason(row)
    return DocumentRead.model_validate(
        {
            "id": d.id,
            "agreement_id": d.agreement_id,
            "doc_type": d.doc_type,
            "title": d.title,
            "doc_date": d.doc_date,
            "original_filename": d.original_filename,
            "content_type": d.content_type,
            "size_bytes": d.size_bytes,
            "sha256": d.sha256,
            "shared": d.shared,
            "public": d.public,
            "uploaded_by_username": None if redacts_personal_data(principal) else row.uploaded_by_username,
            "uploaded_at": d.uploaded_at,
            "version": d.version,
            "locked": reason is not None,
            "locked_reason": reason,
            "file_url": f"{API_PREFIX}/documents/{d.id}/file",
        }
    )
