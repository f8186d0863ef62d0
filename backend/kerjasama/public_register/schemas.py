"""Shapes of the public register: no personal data, no internal workflow fields."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field

from kerjasama.public_register.policy import PublicStatus

PublicKind = Literal["KB", "PKS", "NK", "RK", "LOI", "NASKAH_LN", "ADENDUM"]
PublicCategory = Literal["KSDD", "KSDPK", "KSDPL", "KSDLL", "SINERGI"]
PublicSort = Literal[
    "number", "-number", "title", "-title", "signed_date", "-signed_date", "end_date", "-end_date"
]


class PublicOpd(BaseModel):
    code: str = Field(description="OPD code")
    abbreviation: str = Field(description="Abbreviation, e.g. DLH")
    name: str = Field(description="Full name of the regional government unit")


class PublicPartner(BaseModel):
    id: uuid.UUID = Field(description="Partner id (for the `partner_id` filter)")
    type: str = Field(
        description="REGION, THIRD_PARTY, FOREIGN_GOVERNMENT, FOREIGN_INSTITUTION or CENTRAL_GOVERNMENT"
    )
    name: str | None = Field(description="Partner name; null for a natural person (personal data)")
    region_code: str | None = Field(description="REGION: kode wilayah")


class PublicAffair(BaseModel):
    code: str = Field(description="Urusan code")
    name: str = Field(description="Urusan name")


class PublicParty(BaseModel):
    role: Literal["HOME", "PARTNER"] = Field(description="HOME (the region itself) or PARTNER")
    partner: PublicPartner | None = Field(description="The partner; null for the home region")
    signatory_title: str = Field(
        description="The office (jabatan) the party signed in; the signatory's name is not published"
    )
    document_number: str = Field(description="This party's own number for the text")


class PublicAgreementBrief(BaseModel):
    id: uuid.UUID = Field(description="Agreement id")
    number: str = Field(description="Registry number")
    kind: PublicKind = Field(description="Kind of text")
    title: str = Field(description="Title")


class PublicAgreementSummary(BaseModel):
    id: uuid.UUID = Field(description="Agreement id")
    ocid: str | None = Field(description="Open Contracting ID of the text (GET /api/v1/ocds/records/{ocid})")
    number: str = Field(description="Registry number")
    kind: PublicKind = Field(description="KB, PKS, NK, RK, LOI, NASKAH_LN or ADENDUM")
    category: PublicCategory = Field(description="KSDD, KSDPK, KSDPL, KSDLL or SINERGI")
    nature: Literal["WAJIB", "SUKARELA"] | None = Field(description="KSDD only: WAJIB or SUKARELA")
    title: str = Field(description="Title")
    status: PublicStatus = Field(description="signed (not yet in force), in_force or ended")
    lead_opd: PublicOpd = Field(description="The OPD that leads it")
    partners: list[PublicPartner] = Field(description="The partners")
    affairs: list[PublicAffair] = Field(description="Affairs (urusan) it covers")
    signed_date: date | None = Field(description="Date of signing")
    start_date: date | None = Field(description="First day in force")
    end_date: date | None = Field(description="Last day in force")


class PublicDocument(BaseModel):
    id: uuid.UUID = Field(description="Document id")
    doc_type: str = Field(description="Document type, e.g. SIGNED_TEXT")
    title: str = Field(description="Title")
    doc_date: date = Field(description="Date of the document itself")
    content_type: str = Field(description="Media type")
    size_bytes: int = Field(description="Size in bytes")
    sha256: str = Field(description="SHA-256 of the file, lowercase hex")
    file_url: str = Field(description="Public download address")


class PublicAgreementRead(PublicAgreementSummary):
    object: str = Field(description="Object of the cooperation")
    scope: str = Field(description="Scope")
    purpose: str = Field(description="Purpose")
    parties: list[PublicParty] = Field(description="Signing parties, home region first")
    related_opds: list[PublicOpd] = Field(description="Other OPDs involved")
    funding_sources: list[str] = Field(description="Sources of financing")
    apbd_value: Decimal | None = Field(description="Value charged to the APBD (rupiah)")
    ended_date: date | None = Field(description="When it ended")
    parent: PublicAgreementBrief | None = Field(
        description="The text it belongs to (a PKS's KB, what an ADENDUM amends); null when none or not public"
    )
    children: list[PublicAgreementBrief] = Field(description="Public texts under it (PKS, ADENDUM)")
    documents: list[PublicDocument] = Field(description="The documents marked public")


class PublicAgreementPage(BaseModel):
    items: list[PublicAgreementSummary] = Field(description="This page's records")
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null on the last page")
    total: int = Field(description="Number of records matching the filters, over all pages")


class PublicCount(BaseModel):
    key: str = Field(description="The value counted (a category, a status, a year; 'unknown' for no year)")
    count: int = Field(description="Number of public agreements with it")


class PublicPartnerCount(BaseModel):
    partner: PublicPartner = Field(description="The partner")
    count: int = Field(description="Number of public agreements with it")


class PublicAffairCount(BaseModel):
    affair: PublicAffair = Field(description="The affair (urusan)")
    count: int = Field(description="Number of public agreements covering it")


class PublicStats(BaseModel):
    total: int = Field(description="Number of public agreements")
    by_category: list[PublicCount] = Field(description="Counts per category")
    by_status: list[PublicCount] = Field(description="Counts per public status")
    by_year: list[PublicCount] = Field(description="Counts per year of signing, newest first")
    by_partner: list[PublicPartnerCount] = Field(description="Counts per named partner, by name")
    by_affair: list[PublicAffairCount] = Field(description="Counts per affair (urusan), by code")


class PublicFilters(BaseModel):
    """The public list's filters (query parameters): those of the internal list that make sense here."""

    q: str | None = Field(None, max_length=200, description="Search title, object, number and partner name")
    category: PublicCategory | None = Field(None, description="KSDD, KSDPK, KSDPL, KSDLL or SINERGI")
    kind: PublicKind | None = Field(None, description="Kind of text")
    status: PublicStatus | None = Field(None, description="signed, in_force or ended")
    partner_id: uuid.UUID | None = Field(None, description="With this partner")
    affair_code: str | None = Field(None, max_length=10, description="Covering this affair (urusan)")
    lead_opd_code: str | None = Field(None, max_length=40, description="Led by the OPD with this code")
    signed_year: int | None = Field(None, ge=1945, le=2200, description="Signed in this year")
