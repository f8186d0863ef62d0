"""The public register's reads: list, one text, counts, one public file."""

from __future__ import annotations

import uuid

from sqlalchemy.orm import Session

from kerjasama.core.errors import NotFound
from kerjasama.models import Agreement, Document
from kerjasama.public_register import policy, reads, repository
from kerjasama.public_register.schemas import (
    PublicAffair,
    PublicAffairCount,
    PublicAgreementRead,
    PublicCount,
    PublicPartnerCount,
    PublicStats,
)

NOT_PUBLIC = "No public agreement with this id."


def get(session: Session, agreement_id: uuid.UUID) -> Agreement:
    found = repository.get(session, agreement_id)
    if found is None:  # a draft, a text not marked public and an unknown id look the same
        raise NotFound(NOT_PUBLIC)
    return found


def detail(session: Session, agreement_id: uuid.UUID) -> PublicAgreementRead:
    a = get(session, agreement_id)
    parent = repository.briefs(session, ids=[a.parent_id])[0:1] if a.parent_id else []
    children = repository.briefs(session, parent_id=a.id)
    return reads.detail(a, parent[0] if parent else None, children, repository.documents(session, a.id))


def document(session: Session, document_id: uuid.UUID) -> Document:
    found = repository.document(session, document_id)
    if found is None:
        raise NotFound("No public document with this id.")
    return found


def stats(session: Session) -> PublicStats:
    by_status: dict[str, int] = {}
    for status, n in repository.status_counts(session):
        key = policy.public_status(status)
        by_status[key] = by_status.get(key, 0) + n
    by_category = sorted(repository.counts(session, Agreement.category))
    years = sorted(repository.year_counts(session), key=lambda yn: (yn[0] is None, -(yn[0] or 0)))
    return PublicStats(
        total=sum(by_status.values()),
        by_category=[PublicCount(key=str(k), count=n) for k, n in by_category],
        by_status=[PublicCount(key=k, count=by_status[k]) for k in policy.PUBLIC_STATUSES if k in by_status],
        by_year=[PublicCount(key=str(y) if y is not None else "unknown", count=n) for y, n in years],
        by_partner=[
            PublicPartnerCount(partner=reads.partner(p), count=n)
            for p, n in repository.partner_counts(session)
            if policy.partner_name(p) is not None  # a person is not listed by name, nor as an entry
        ],
        by_affair=[
            PublicAffairCount(affair=PublicAffair(code=a.code, name=a.name), count=n)
            for a, n in repository.affair_counts(session)
        ],
    )
