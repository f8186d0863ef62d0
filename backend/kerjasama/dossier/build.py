"""The audit dossier of one agreement: what the caller may read of it, gathered from each domain's
read models (so the scope and the province's redaction are the ones the API applies), written as a
ZIP with a SHA-256 manifest.

Layout of the ZIP (names are ASCII; the Indonesian words are the file types):

    00-kartu-kerja-sama.pdf      the printable summary (also GET …/card.pdf)
    01-metadata.json             the agreement (AgreementRead)
    02-riwayat.json              stage transitions and audit entries (history)
    03-persetujuan.json          TKKSD reviews and DPRD approvals
    04-hak-kewajiban.json        obligations with occurrences and fulfilment
    05-laporan-monev.json        monitoring reports (detail)
    06-dokumen.json              the documents' metadata (type, date, SHA-256, file in the ZIP)
    dokumen/<date>_<TYPE>_<title>.<ext>   every file, named by type and date
    manifest.json                path, size and SHA-256 of every other entry
"""

from __future__ import annotations

import hashlib
import json
import re
import tempfile
import unicodedata
import zipfile
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.agreements import reads as agreements_reads
from kerjasama.agreements.schemas import AgreementRead
from kerjasama.core.auth import Principal
from kerjasama.core.config import Settings
from kerjasama.documents import reads as documents_reads
from kerjasama.documents import service as documents_service
from kerjasama.documents import storage
from kerjasama.documents.schemas import DocumentRead
from kerjasama.models import Agreement, DprdApproval, TkksdReview
from kerjasama.monitoring import reads as monitoring_reads
from kerjasama.monitoring import reports as monitoring_reports
from kerjasama.monitoring.schemas import ReportRead
from kerjasama.obligations import reads as obligations_reads
from kerjasama.obligations.schemas import ObligationRead
from kerjasama.procedure import reads as procedure_reads
from kerjasama.procedure.schemas import DprdApprovalRead, HistoryEntry, TkksdReviewRead

ZIP_MEDIA_TYPE = "application/zip"
CARD_NAME = "00-kartu-kerja-sama.pdf"
CHUNK = 1 << 16


@dataclass
class DossierDocument:
    read: DocumentRead
    storage_key: str
    path: str  # inside the ZIP


@dataclass
class Dossier:
    """Everything the dossier shows, as the caller may see it."""

    agreement: AgreementRead
    history: list[HistoryEntry]
    reviews: list[TkksdReviewRead]
    dprd: list[DprdApprovalRead]
    obligations: list[ObligationRead]
    reports: list[ReportRead]
    documents: list[DossierDocument] = field(default_factory=list)
    generated_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    today: date | None = None


def _slug(text: str, limit: int = 60) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_text).strip("-").lower()
    return slug[:limit].rstrip("-") or "dokumen"


def _extension(original: str, content_type: str) -> str:
    suffix = Path(original).suffix.lower()
    if re.fullmatch(r"\.[a-z0-9]{1,8}", suffix):
        return suffix
    return {"application/pdf": ".pdf", "image/png": ".png", "image/jpeg": ".jpg"}.get(content_type, ".bin")


def gather(
    session: Session, settings: Settings, principal: Principal, agreement: Agreement, today: date
) -> Dossier:
    """Read the agreement and what hangs off it through the domains' own read functions."""
    detail = agreements_reads.detail(agreement, settings, principal)
    history = procedure_reads.history(session, agreement, principal)
    reviews = [
        TkksdReviewRead.model_validate(r)
        for r in session.scalars(
            select(TkksdReview)
            .where(TkksdReview.agreement_id == agreement.id)
            .order_by(TkksdReview.meeting_date)
        )
    ]
    dprd = [
        procedure_reads.dprd_approval(a, today, principal)
        for a in session.scalars(
            select(DprdApproval)
            .where(DprdApproval.agreement_id == agreement.id)
            .order_by(DprdApproval.created_at)
        )
    ]
    obligations = [
        obligations_reads.detail(session, settings, o.id, today, principal)
        for o in obligations_reads.list_for_agreement(session, settings, agreement, today, principal)
    ]
    reports = []
    for summary in monitoring_reads.list_reports(session, agreement, today, principal):
        report, owner = monitoring_reports.get_report(session, principal, summary.id)
        reports.append(monitoring_reads.detail_read(session, report, owner, today, principal))
    documents = []
    used: set[str] = set()
    rows = documents_service.list_for(session, principal, agreement.id, None)
    # oldest upload first, so that a second file of the same type, date and title gets the "-2"
    rows.sort(
        key=lambda r: (r.document.doc_date, r.document.doc_type, r.document.uploaded_at, str(r.document.id))
    )
    for row in rows:
        doc = row.document
        stem = f"{doc.doc_date.isoformat()}_{doc.doc_type}_{_slug(doc.title)}"
        ext = _extension(doc.original_filename, doc.content_type)
        name, n = f"dokumen/{stem}{ext}", 2
        while name in used:
            name, n = f"dokumen/{stem}-{n}{ext}", n + 1
        used.add(name)
        documents.append(DossierDocument(documents_reads.detail(row, principal), doc.storage_key, name))
    documents.sort(key=lambda d: d.path)
    return Dossier(detail, history, reviews, dprd, obligations, reports, documents, today=today)


def _json(value: Any) -> bytes:
    def dump(v: Any) -> Any:
        if isinstance(v, BaseModel):
            return v.model_dump(mode="json")
        if isinstance(v, list):
            return [dump(x) for x in v]
        if isinstance(v, dict):
            return {k: dump(x) for k, x in v.items()}
        return v

    return json.dumps(dump(value), ensure_ascii=False, indent=2, sort_keys=False).encode("utf-8")


def write_zip(dossier: Dossier, settings: Settings, card_pdf: bytes) -> Path:
    """Write the dossier's ZIP to a temporary file (files copied in chunks) and return its path."""
    handle = tempfile.NamedTemporaryFile(prefix="kerjasama-dossier-", suffix=".zip", delete=False)  # noqa: SIM115
    handle.close()
    path = Path(handle.name)
    manifest: list[dict[str, Any]] = []
    try:
        with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:

            def put(name: str, data: bytes, media_type: str) -> None:
                zf.writestr(name, data)
                digest = hashlib.sha256(data).hexdigest()
                manifest.append({"path": name, "size": len(data), "sha256": digest, "media_type": media_type})

            put(CARD_NAME, card_pdf, "application/pdf")
            put("01-metadata.json", _json(dossier.agreement), "application/json")
            put("02-riwayat.json", _json(dossier.history), "application/json")
            put(
                "03-persetujuan.json",
                _json({"tkksd_reviews": dossier.reviews, "dprd_approvals": dossier.dprd}),
                "application/json",
            )
            put("04-hak-kewajiban.json", _json(dossier.obligations), "application/json")
            put("05-laporan-monev.json", _json(dossier.reports), "application/json")
            put(
                "06-dokumen.json",
                _json([{"file": d.path, **d.read.model_dump(mode="json")} for d in dossier.documents]),
                "application/json",
            )
            for d in dossier.documents:
                digest = hashlib.sha256()
                size = 0
                source = storage.path_of(settings, d.storage_key)
                entry: dict[str, Any] = {"path": d.path, "media_type": d.read.content_type}
                if not source.exists():
                    manifest.append({**entry, "missing": True})
                    continue
                with source.open("rb") as src, zf.open(d.path, "w") as dst:
                    while chunk := src.read(CHUNK):
                        digest.update(chunk)
                        size += len(chunk)
                        dst.write(chunk)
                entry.update(size=size, sha256=digest.hexdigest())
                if entry["sha256"] != d.read.sha256:
                    entry["stored_sha256"] = d.read.sha256  # the file on disk differs from the record
                manifest.append(entry)
            head = {
                "agreement_id": str(dossier.agreement.id),
                "number": dossier.agreement.number,
                "generated_at": dossier.generated_at.isoformat(),
                "algorithm": "SHA-256",
                "files": manifest,
            }
            zf.writestr("manifest.json", json.dumps(head, ensure_ascii=False, indent=2).encode("utf-8"))
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return path


def file_stem(agreement: AgreementRead, today: date) -> str:
    return f"berkas-{_slug(agreement.number or str(agreement.id), 50)}-{today.strftime('%Y%m%d')}"
