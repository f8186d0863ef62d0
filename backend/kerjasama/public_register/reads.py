"""Public read models built from ORM rows: nothing personal (see policy.py)."""

from __future__ import annotations

from kerjasama.core.http import API_PREFIX
from kerjasama.models import Agreement, Document, Opd, Partner
from kerjasama.public_register import policy
from kerjasama.public_register.schemas import (
    PublicAffair,
    PublicAgreementBrief,
    PublicAgreementRead,
    PublicAgreementSummary,
    PublicDocument,
    PublicOpd,
    PublicPartner,
    PublicParty,
)


def opd(o: Opd) -> PublicOpd:
    return PublicOpd(code=o.code, abbreviation=o.abbreviation, name=o.name)


def partner(p: Partner) -> PublicPartner:
    return PublicPartner(id=p.id, type=p.type, name=policy.partner_name(p), region_code=p.region_code)


def summary(a: Agreement) -> PublicAgreementSummary:
    return PublicAgreementSummary(
        id=a.id,
        ocid=a.ocid,
        number=a.number,
        kind=a.kind,
        category=a.category,
        nature=a.nature,
        title=a.title,
        status=policy.public_status(a.status),
        lead_opd=opd(a.lead_opd),
        partners=[partner(p.partner) for p in a.parties if p.partner is not None],
        affairs=[PublicAffair(code=x.code, name=x.name) for x in sorted(a.affairs, key=lambda x: x.code)],
        signed_date=a.signed_date,
        start_date=a.start_date,
        end_date=a.end_date,
    )


def brief(a: Agreement) -> PublicAgreementBrief:
    return PublicAgreementBrief(id=a.id, number=a.number, kind=a.kind, title=a.title)


def document_url(d: Document) -> str:
    return f"{API_PREFIX}/public/documents/{d.id}/file"


def document(d: Document) -> PublicDocument:
    return PublicDocument(
        id=d.id,
        doc_type=d.doc_type,
        title=d.title,
        doc_date=d.doc_date,
        content_type=d.content_type,
        size_bytes=d.size_bytes,
        sha256=d.sha256,
        file_url=document_url(d),
    )


def detail(
    a: Agreement, parent: Agreement | None, children: list[Agreement], documents: list[Document]
) -> PublicAgreementRead:
    return PublicAgreementRead(
        **summary(a).model_dump(),
        object=a.object,
        scope=a.scope,
        purpose=a.purpose,
        parties=[
            PublicParty(
                role=p.role,
                partner=partner(p.partner) if p.partner is not None else None,
                signatory_title=p.signatory_title,
                document_number=p.document_number,
            )
            for p in a.parties
        ],
        related_opds=[opd(o) for o in sorted(a.related_opds, key=lambda o: o.code)],
        funding_sources=list(a.funding_sources),
        apbd_value=a.apbd_value,
        ended_date=a.ended_date,
        parent=brief(parent) if parent is not None else None,
        children=[brief(c) for c in children],
        documents=[document(d) for d in documents],
    )
