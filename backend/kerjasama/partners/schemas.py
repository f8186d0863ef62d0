from __future__ import annotations

import re
import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator, model_validator

from kerjasama.core.schemas import InputModel, field_problem

PartnerType = Literal[
    "REGION", "THIRD_PARTY", "FOREIGN_GOVERNMENT", "FOREIGN_INSTITUTION", "CENTRAL_GOVERNMENT"
]
# PP 28/2018 Pasal 14: a third party is an individual, an incorporated business, or a civil organisation.
ThirdPartyKind = Literal["individual", "business_entity", "civil_organisation"]
BusinessForm = Literal[
    "bumn",
    "bumd",
    "koperasi",
    "pt",
    "other_business",
    "yayasan",
    "perkumpulan",
    "unincorporated_organisation",
]
BUSINESS_FORMS_BY_KIND: dict[str, set[str]] = {
    "individual": set(),
    "business_entity": {"bumn", "bumd", "koperasi", "pt", "other_business"},
    "civil_organisation": {"yayasan", "perkumpulan", "unincorporated_organisation"},
}


def _digits(value: str | None) -> str | None:
    return re.sub(r"\D", "", value) if value else None


class ContactIn(InputModel):
    name: str = Field(min_length=1, max_length=200, description="Contact person's name")
    title: str = Field("", max_length=200, description="Position, e.g. 'Kepala Bagian Pemerintahan'")
    email: EmailStr | None = Field(None, description="E-mail address")
    phone: str | None = Field(None, max_length=40, pattern=r"^[0-9+()\- ]{5,40}$", description="Phone number")


class ContactRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="Contact id")
    name: str = Field(description="Contact person's name")
    title: str = Field(description="Position")
    email: str | None = Field(description="E-mail address")
    phone: str | None = Field(description="Phone number")


class _PartnerFields(InputModel):
    name: str | None = Field(
        None,
        min_length=2,
        max_length=300,
        description="Official name; for REGION defaults to the region's name",
    )
    region_code: str | None = Field(
        None, max_length=13, description="REGION only: kode wilayah, e.g. '32.73'"
    )
    third_party_kind: ThirdPartyKind | None = Field(
        None,
        description="THIRD_PARTY only: individual, business_entity or civil_organisation (PP 28/2018 Pasal 14)",
    )
    business_form: BusinessForm | None = Field(
        None, description="THIRD_PARTY only: legal form matching the kind"
    )
    nib: str | None = Field(None, description="Nomor Induk Berusaha: 13 digits")
    npwp: str | None = Field(None, description="Tax number: 15 or 16 digits (punctuation allowed)")
    country_code: str | None = Field(None, description="FOREIGN_* only: ISO 3166-1 alpha-2 country code")
    is_bankrupt: bool | None = Field(
        None, description="THIRD_PARTY: declared bankrupt (ends a KSDPK, Pasal 22)"
    )
    address: str | None = Field(None, max_length=1000, description="Postal address")
    notes: str | None = Field(None, max_length=4000, description="Free notes")
    contacts: list[ContactIn] | None = Field(
        None, max_length=50, description="Contact people; replaces the list on update"
    )

    @field_validator("nib")
    @classmethod
    def _nib(cls, v: str | None) -> str | None:
        d = _digits(v)
        if v is not None and (d is None or len(d) != 13):
            raise ValueError("NIB has 13 digits")
        return d

    @field_validator("npwp")
    @classmethod
    def _npwp(cls, v: str | None) -> str | None:
        d = _digits(v)
        if v is not None and (d is None or len(d) not in (15, 16)):
            raise ValueError("NPWP has 15 or 16 digits")
        return d

    @field_validator("country_code")
    @classmethod
    def _country(cls, v: str | None) -> str | None:
        if v is not None and not re.fullmatch(r"[A-Za-z]{2}", v):
            raise ValueError("use an ISO 3166-1 alpha-2 code such as 'JP'")
        return v.upper() if v else None


class PartnerCreate(_PartnerFields):
    type: PartnerType = Field(
        description="REGION, THIRD_PARTY, FOREIGN_GOVERNMENT, FOREIGN_INSTITUTION or CENTRAL_GOVERNMENT"
    )

    @model_validator(mode="after")
    def _fields_match_type(self) -> PartnerCreate:
        check_type_fields(
            self.type,
            self.region_code,
            self.third_party_kind,
            self.business_form,
            self.country_code,
            self.nib,
            self.npwp,
        )
        if self.type != "REGION" and not self.name:
            raise field_problem("name", "missing", "name is required")
        return self


def check_type_fields(
    type_: str,
    region_code: str | None,
    kind: str | None,
    form: str | None,
    country: str | None,
    nib: str | None,
    npwp: str | None,
) -> None:
    """Which fields belong to which partner type; raised as field problems so the 422 names the field."""
    if type_ == "REGION":
        if not region_code:
            raise field_problem(
                "region_code", "region_code_required", "region_code is required for a REGION partner"
            )
    elif region_code:
        raise field_problem(
            "region_code", "region_code_not_region", "region_code is only for REGION partners"
        )
    if type_ == "THIRD_PARTY":
        if not kind:
            raise field_problem(
                "third_party_kind",
                "third_party_kind_required",
                "third_party_kind is required for a THIRD_PARTY partner (PP 28/2018 Pasal 14)",
            )
        allowed = BUSINESS_FORMS_BY_KIND[kind]
        if allowed and form not in allowed:
            raise field_problem(
                "business_form",
                "business_form_kind",
                f"business_form for {kind} must be one of {', '.join(sorted(allowed))}",
            )
        if not allowed and form:
            raise field_problem(
                "business_form", "business_form_individual", "an individual has no business_form"
            )
    elif kind or form or nib or npwp:
        raise field_problem(
            "third_party_kind",
            "third_party_fields",
            "third_party_kind, business_form, nib and npwp are only for THIRD_PARTY partners",
        )
    if type_ in ("FOREIGN_GOVERNMENT", "FOREIGN_INSTITUTION"):
        if not country:
            raise field_problem(
                "country_code", "country_required", "country_code is required for a foreign partner"
            )
        if country == "ID":
            raise field_problem(
                "country_code", "country_foreign", "a foreign partner's country_code cannot be ID"
            )
    elif country and country != "ID":
        raise field_problem(
            "country_code", "country_not_foreign", "country_code other than ID is only for foreign partners"
        )


class PartnerUpdate(_PartnerFields):
    """All optional; the partner's type cannot change (create a new partner instead)."""


class PartnerRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="Partner id")
    type: PartnerType = Field(description="Partner type")
    name: str = Field(description="Official name")
    region_code: str | None = Field(description="REGION: kode wilayah")
    region_name: str | None = Field(None, description="REGION: name of the region (e.g. Kabupaten Bandung)")
    third_party_kind: ThirdPartyKind | None = Field(description="THIRD_PARTY: kind (Pasal 14)")
    business_form: BusinessForm | None = Field(description="THIRD_PARTY: legal form")
    nib: str | None = Field(description="NIB")
    npwp: str | None = Field(description="NPWP")
    country_code: str | None = Field(description="ISO 3166-1 alpha-2 country")
    is_bankrupt: bool = Field(description="Declared bankrupt")
    address: str = Field(description="Postal address")
    notes: str = Field(description="Free notes")
    contacts: list[ContactRead] = Field(description="Contact people")
    version: int = Field(description="Optimistic-lock version; also the ETag")
    created_at: datetime = Field(description="Created (UTC)")
    updated_at: datetime = Field(description="Last change (UTC)")


class DuplicateRef(BaseModel):
    id: uuid.UUID = Field(description="Existing partner's id")
    name: str = Field(description="Existing partner's name")
    matched_on: str = Field(description="name, nib, npwp or region_code")
