"""Document logic: upload, replace, delete, locks. Other domains attach evidence through `require_documents`."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import IO, Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kerjasama.core import audit
from kerjasama.core.auth import Principal
from kerjasama.core.config import Settings
from kerjasama.core.errors import Conflict, Forbidden, Invalid, NotFound, field_error
from kerjasama.core.policy import sees_signed_only
from kerjasama.documents import names, policy, repository, storage
from kerjasama.documents.repository import AgreementFacts, DocumentRow
from kerjasama.documents.schemas import LockReason
from kerjasama.models import Document
from kerjasama.models.base import utcnow
from kerjasama.rules.catalogue import SIGNED_STAGES

SIGNED_TEXT = "SIGNED_TEXT"
LOCK_MESSAGES: dict[LockReason, str] = {
    "signed_text": "This is the signed text of a signed agreement: it cannot be deleted or replaced. "
    "A signed text changes only through an ADENDUM.",
    "final_report_evidence": "This document is evidence of a final monitoring report, and a final report "
    "is frozen: the document cannot be deleted or replaced.",
}

IN_USE_MESSAGE = (
    "The document is evidence of an obligation's fulfilment, a monitoring report or a force-majeure "
    "event; remove it there first."
)


@dataclass(frozen=True)
class UploadIn:
    """A received multipart upload: the file stream, its claimed name and the form fields."""

    stream: IO[bytes]
    filename: str | None
    doc_type: str
    title: str
    doc_date: date
    shared: bool = False


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


def is_signed(agreement: AgreementFacts) -> bool:
    """At or after signing: R31's signed stages. A foreign text passes `dprd_approval` *before*
    signing (PP 28/2018 Pasal 30), so there the signing date decides."""
    if agreement.stage not in SIGNED_STAGES:
        return False
    return agreement.stage != "dprd_approval" or agreement.signed_date is not None


def lock_reason(row: DocumentRow) -> LockReason | None:
    if row.document.doc_type == SIGNED_TEXT and is_signed(row.agreement):
        return "signed_text"
    if row.final_report_evidence:
        return "final_report_evidence"
    return None


def _snapshot(d: Document) -> dict[str, Any]:
    return {
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
    }


def agreement(session: Session, principal: Principal, agreement_id: uuid.UUID) -> AgreementFacts:
    found = repository.agreement_facts(session, principal, agreement_id)
    if found is None:
        raise NotFound("No agreement with this id.")
    return found


def get(session: Session, principal: Principal, document_id: uuid.UUID) -> DocumentRow:
    row = repository.get(session, principal, document_id)
    if row is None:
        raise NotFound("No document with this id.")
    return row


def list_for(
    session: Session, principal: Principal, agreement_id: uuid.UUID, doc_type: str | None
) -> list[DocumentRow]:
    facts = agreement(session, principal, agreement_id)
    rows = repository.for_agreement(session, facts.id, doc_type)
    # The province sees only the documents marked for sharing with it.
    return [r for r in rows if r.document.shared] if sees_signed_only(principal) else rows


def check_write_role(principal: Principal) -> None:
    if not policy.may_upload(principal):
        raise Forbidden(f"Role '{principal.role}' may only read documents.", code="role_forbidden")


def get_for_write(session: Session, principal: Principal, document_id: uuid.UUID) -> DocumentRow:
    """The document for a change: 404 outside scope first, then 403 for read-only roles."""
    row = get(session, principal, document_id)
    check_write_role(principal)
    return row


def upload(
    session: Session, settings: Settings, principal: Principal, agreement_id: uuid.UUID, data: UploadIn
) -> uuid.UUID:
    facts = agreement(session, principal, agreement_id)
    check_write_role(principal)
    target = storage.directory(settings)
    received = storage.receive(data.stream, target, storage.max_bytes(settings))
    key = storage.place(session, received, target)
    doc = Document(
        agreement_id=facts.id,
        doc_type=data.doc_type,
        title=data.title,
        doc_date=data.doc_date,
        original_filename=names.sanitise(data.filename),
        content_type=received.content_type,
        size_bytes=received.size,
        sha256=received.sha256,
        storage_key=key,
        uploaded_by=principal.user_id,
        uploaded_at=utcnow(),
        shared=data.shared,
    )
    session.add(doc)
    session.flush()
    audit.record(session, principal.actor, "document", doc.id, "create", None, _snapshot(doc))
    return doc.id


def set_flags(
    session: Session, principal: Principal, row: DocumentRow, shared: bool | None, public: bool | None
) -> None:
    """Share with the province and/or mark for the public register; allowed on locked documents too (who
    may read the file changes, never the file). Marking public is the secretariat's (403 otherwise)."""
    if public is not None and public != row.document.public and not policy.may_publish(principal):
        raise Forbidden(
            f"Role '{principal.role}' may not publish documents.",
            code="role_forbidden",
            errors=[
                field_error("public", "only the secretariat and admin publish documents", "role_forbidden")
            ],
        )
    if shared is not None:
        set_shared(session, principal, row, shared)
    doc = row.document
    if public is not None and doc.public != public:
        doc.public = public
        session.flush()
        audit.record(
            session, principal.actor, "document", doc.id, "update", {"public": not public}, {"public": public}
        )


def set_shared(session: Session, principal: Principal, row: DocumentRow, shared: bool) -> None:
    """Mark the document for sharing with the province, or withdraw it. Allowed on locked documents too:
    sharing changes who may read the file, never the file itself."""
    doc = row.document
    if doc.shared == shared:
        return
    doc.shared = shared
    session.flush()
    audit.record(
        session, principal.actor, "document", doc.id, "update", {"shared": not shared}, {"shared": shared}
    )


def _refuse_if_locked(row: DocumentRow) -> None:
    reason = lock_reason(row)
    if reason is not None:
        raise Conflict(LOCK_MESSAGES[reason], code="document_locked")


def replace_file(
    session: Session,
    settings: Settings,
    principal: Principal,
    row: DocumentRow,
    stream: IO[bytes],
    filename: str | None,
) -> None:
    """New bytes for the same document (a corrected scan); the metadata stays, the old file goes."""
    _refuse_if_locked(row)
    doc = row.document
    target = storage.directory(settings)
    received = storage.receive(stream, target, storage.max_bytes(settings))
    old_path = storage.path_of(settings, doc.storage_key)
    before = _snapshot(doc)
    doc.storage_key = storage.place(session, received, target)
    doc.original_filename = names.sanitise(filename)
    doc.content_type = received.content_type
    doc.size_bytes = received.size
    doc.sha256 = received.sha256
    doc.uploaded_by = principal.user_id
    doc.uploaded_at = utcnow()
    session.flush()
    storage.discard_after_commit(session, old_path)
    b, a = audit.diff(before, _snapshot(doc))
    audit.record(session, principal.actor, "document", doc.id, "replace_file", b, a)


def delete(session: Session, settings: Settings, principal: Principal, row: DocumentRow) -> None:
    _refuse_if_locked(row)
    doc = row.document
    if repository.is_evidence(session, doc.id):
        raise Conflict(IN_USE_MESSAGE, code="document_in_use")
    if repository.supports_transition(session, doc.agreement_id, doc.id):
        raise Conflict(
            "The document supports a recorded procedure step; the agreement's history keeps it.",
            code="document_in_use",
        )
    path = storage.path_of(settings, doc.storage_key)
    audit.record(session, principal.actor, "document", doc.id, "delete", _snapshot(doc), None)
    session.delete(doc)
    try:
        session.flush()
    except IntegrityError as exc:  # evidence attached by a concurrent request since the check above
        raise Conflict(IN_USE_MESSAGE, code="document_in_use") from exc
    storage.discard_after_commit(session, path)


def discard_files_of_agreement(session: Session, settings: Settings, agreement_id: uuid.UUID) -> None:
    """The agreement (a draft) is being deleted and its document rows go with it (ON DELETE CASCADE):
    remove their files once that commits, never before (a rollback keeps them)."""
    for key in repository.storage_keys_of(session, agreement_id):
        storage.discard_after_commit(session, storage.path_of(settings, key))
