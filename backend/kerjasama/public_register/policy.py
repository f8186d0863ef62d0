"""What the public may see: agreements marked `public` that are signed, in force or ended, with no
personal data, and only the documents marked `public` of those agreements.

The same decisions serve the public register (`/api/v1/public/…`) and the OCDS open data
(`/api/v1/ocds/…`), so that the two never show different things. Anonymous callers have no principal:
nothing here asks for a role.
"""

from __future__ import annotations

from typing import Literal

from sqlalchemy import ColumnElement, and_

from kerjasama.core.scope import signed_clause
from kerjasama.models import Agreement, Document, Partner

PublicStatus = Literal["signed", "in_force", "ended"]
"""The public's view of the lifecycle: `signed` is a signed text not yet in force (status in_progress)."""

PUBLIC_STATUSES: tuple[PublicStatus, ...] = ("signed", "in_force", "ended")

INDIVIDUAL = "individual"
"""A third party who is a natural person (perseorangan): the name is personal data."""


def visible_clause() -> ColumnElement[bool]:
    """The agreements the public may see: marked public, and signed, in force or ended (never a draft,
    a text in preparation, a cancelled or a rejected one)."""
    return and_(Agreement.public.is_(True), signed_clause())


def status_clause(status: PublicStatus) -> ColumnElement[bool]:
    """Agreements whose public status is `status` (within `visible_clause`)."""
    if status == "signed":
        return Agreement.status == "in_progress"
    return Agreement.status == status


def public_status(agreement_status: str) -> PublicStatus:
    """The public status of a visible agreement."""
    if agreement_status == "in_force":
        return "in_force"
    if agreement_status == "ended":
        return "ended"
    return "signed"


def document_clause() -> ColumnElement[bool]:
    """Documents the public may download (of a visible agreement: the caller joins that)."""
    return Document.public.is_(True)


def partner_name(partner: Partner) -> str | None:
    """A partner's name as the public sees it: none for a natural person (personal data)."""
    return None if partner.third_party_kind == INDIVIDUAL else partner.name


def partner_searchable() -> ColumnElement[bool]:
    """Partners whose name a public search may match (a search must not reveal a person's name)."""
    return Partner.third_party_kind.is_distinct_from(INDIVIDUAL)


# Signatories: the public sees the office (jabatan) a party signed in, never the person's name;
# contacts (names, e-mails, phones), users and the people who recorded steps never appear.
SHOWS_SIGNATORY_NAME = False
