"""Document logic. Other domains attach evidence through `require_documents`."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.core.errors import Invalid, field_error
from kerjasama.models import Document


def require_documents(
    session: Session, agreement_id: uuid.UUID, ids: Sequence[uuid.UUID], field: str
) -> list[Document]:
    """The documents `ids`, which must all belong to `agreement_id`; 422 naming `field.N` otherwise.

    Evidence must be a document of the same agreement: that keeps OPD scope (a caller who can reach the
    agreement can reach its documents) and stops evidence from silently pointing at another text.
    """
    if not ids:
        return []
    found = {
        d.id: d
        for d in session.scalars(
            select(Document).where(Document.id.in_(set(ids)), Document.agreement_id == agreement_id)
        )
    }
    errors = [
        field_error(
            f"{field}.{i}", "No document with this id is attached to this agreement.", "unknown_document"
        )
        for i, doc_id in enumerate(ids)
        if doc_id not in found
    ]
    if errors:
        raise Invalid("Unknown document.", errors=errors)
    return [found[doc_id] for doc_id in ids]
