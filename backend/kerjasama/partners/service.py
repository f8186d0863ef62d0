"""Partner rules: fields per type, one partner per region, duplicate detection, safe delete."""

from __future__ import annotations

import re
import unicodedata
import uuid
from collections.abc import Sequence
from typing import Any

from pydantic_core import PydanticCustomError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kerjasama.core import audit
from kerjasama.core.auth import Principal
from kerjasama.core.errors import Conflict, Forbidden, Invalid, NotFound, field_error
from kerjasama.models import Partner, PartnerContact
from kerjasama.models.base import utcnow
from kerjasama.partners import policy, repository
from kerjasama.partners.schemas import (
    ContactIn,
    DuplicateRef,
    PartnerCreate,
    PartnerUpdate,
    check_type_fields,
)
from kerjasama.reference import repository as reference_repo

# Legal-form words that do not distinguish one partner from another ("PT Bank X Tbk" = "Bank X").
_NOISE_WORDS = {
    "pt",
    "cv",
    "tbk",
    "persero",
    "perseroda",
    "perum",
    "ud",
    "pd",
    "the",
}  # not "kota"/"kabupaten": Kota Cirebon and Kabupaten Cirebon are different regions


def normalise_name(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    words = re.findall(r"[a-z0-9]+", text)
    kept = [w for w in words if w not in _NOISE_WORDS]
    return " ".join(kept or words)


def snapshot(p: Partner) -> dict[str, Any]:
    return {
        "type": p.type,
        "name": p.name,
        "region_code": p.region_code,
        "third_party_kind": p.third_party_kind,
        "business_form": p.business_form,
        "nib": p.nib,
        "npwp": p.npwp,
        "country_code": p.country_code,
        "is_bankrupt": p.is_bankrupt,
        "address": p.address,
        "notes": p.notes,
        "contacts": [
            {"name": c.name, "title": c.title, "email": c.email, "phone": c.phone} for c in p.contacts
        ],
    }


def _contacts(items: list[ContactIn]) -> list[PartnerContact]:
    return [
        PartnerContact(
            position=i, name=c.name, title=c.title, email=str(c.email) if c.email else None, phone=c.phone
        )
        for i, c in enumerate(items)
    ]


def _duplicate_conflict(matches: list[tuple[Partner, str]]) -> Conflict:
    refs = [DuplicateRef(id=p.id, name=p.name, matched_on=label) for p, label in matches]
    return Conflict(
        f"This looks like an existing partner: {refs[0].name}. Use it, or send ?force=true to create anyway.",
        code="partner_duplicate",
        extra={"existing_id": str(refs[0].id), "duplicates": [r.model_dump(mode="json") for r in refs]},
    )


def get(session: Session, partner_id: uuid.UUID) -> Partner:
    partner = repository.get(session, partner_id)
    if partner is None:
        raise NotFound("No partner with this id.")
    return partner


def get_many(session: Session, partner_ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Partner]:
    """The partners among these ids (`get` for a batch; a missing id is one `get` would answer 404)."""
    return repository.get_many(session, partner_ids)


def create(session: Session, principal: Principal, data: PartnerCreate, *, force: bool) -> Partner:
    if not policy.may_create(principal):
        raise Forbidden(f"Role '{principal.role}' cannot create partners.", code="role_forbidden")
    name = data.name
    if data.type == "REGION":
        region = reference_repo.get_region(session, data.region_code or "")
        if region is None:
            raise Invalid(
                f"Region code '{data.region_code}' is not in the reference list.",
                errors=[field_error("region_code", "not a known kode wilayah", "region_unknown")],
            )
        name = name or region.name
    assert name
    normalised = normalise_name(name)
    matches = repository.find_duplicates(
        session, name_normalized=normalised, nib=data.nib, npwp=data.npwp, region_code=data.region_code
    )
    region_taken = [m for m in matches if m[1] == "region_code"]
    if region_taken:  # one partner per region is an invariant, not a hint: force does not override it
        raise Conflict(
            f"{region_taken[0][0].name} is already a partner.",
            code="partner_region_exists",
            extra={"existing_id": str(region_taken[0][0].id)},
            errors=[field_error("region_code", "this region already has a partner record", "unique")],
        )
    if matches and not force:
        raise _duplicate_conflict(matches)
    partner = Partner(
        type=data.type,
        name=name,
        name_normalized=normalised,
        region_code=data.region_code,
        third_party_kind=data.third_party_kind,
        business_form=data.business_form,
        nib=data.nib,
        npwp=data.npwp,
        country_code=data.country_code
        or ("ID" if data.type not in ("FOREIGN_GOVERNMENT", "FOREIGN_INSTITUTION") else None),
        is_bankrupt=bool(data.is_bankrupt),
        address=data.address or "",
        notes=data.notes or "",
        created_by=principal.user_id,
        contacts=_contacts(data.contacts or []),
    )
    session.add(partner)
    try:
        session.flush()
    except IntegrityError as exc:
        raise Conflict(
            "A partner for this region was created at the same moment.", code="partner_region_exists"
        ) from exc
    audit.record(session, principal.actor, "partner", partner.id, "create", None, snapshot(partner))
    return partner


def update(
    session: Session, principal: Principal, partner: Partner, data: PartnerUpdate, *, force: bool
) -> Partner:
    if not policy.may_edit(principal, partner):
        raise Forbidden(
            "Only the secretariat, the TKKSD or the partner's creator may change it.", code="role_forbidden"
        )
    changes = data.model_dump(exclude_unset=True)
    for field in ("name", "is_bankrupt", "address", "notes", "contacts"):
        if field in changes and changes[field] is None:
            raise Invalid(
                f"{field} may not be null", errors=[field_error(field, "may not be null", "not_null")]
            )
    merged = {**snapshot(partner), **{k: v for k, v in changes.items() if k != "contacts"}}
    try:
        check_type_fields(
            partner.type,
            merged["region_code"],
            merged["third_party_kind"],
            merged["business_form"],
            merged["country_code"],
            merged["nib"],
            merged["npwp"],
        )
    except PydanticCustomError as exc:
        field = str((exc.context or {}).get("field", "type"))
        raise Invalid(exc.message(), errors=[field_error(field, exc.message(), exc.type)]) from exc
    if "region_code" in changes and changes["region_code"] != partner.region_code:
        raise Invalid(
            "A REGION partner's region cannot change; create a partner for the other region.",
            errors=[field_error("region_code", "cannot change", "immutable")],
        )
    before = snapshot(partner)
    if "name" in changes:
        normalised = normalise_name(changes["name"])
        matches = repository.find_duplicates(
            session, name_normalized=normalised, nib=None, npwp=None, region_code=None, exclude_id=partner.id
        )
        if matches and not force:
            raise _duplicate_conflict(matches)
        partner.name, partner.name_normalized = changes["name"], normalised
    for field in (
        "third_party_kind",
        "business_form",
        "nib",
        "npwp",
        "country_code",
        "is_bankrupt",
        "address",
        "notes",
    ):
        if field in changes:
            setattr(partner, field, changes[field])
    if data.contacts is not None:
        partner.contacts = _contacts(data.contacts)
        partner.updated_at = utcnow()  # contacts live in their own table; bump the partner's version too
    session.flush()
    b, a = audit.diff(before, snapshot(partner))
    if a:
        audit.record(session, principal.actor, "partner", partner.id, "update", b, a)
    return partner


def delete(session: Session, principal: Principal, partner: Partner) -> None:
    if not policy.may_delete(principal, partner):
        raise Forbidden("Only the secretariat may delete partners.", code="role_forbidden")
    if repository.is_referenced(session, partner.id):
        raise Conflict(
            "This partner is a party to at least one agreement and cannot be deleted.", code="partner_in_use"
        )
    audit.record(session, principal.actor, "partner", partner.id, "delete", snapshot(partner), None)
    session.delete(partner)
    session.flush()


def by_ids(session: Session, ids: Sequence[uuid.UUID]) -> dict[uuid.UUID, Partner]:
    """The partners with these ids (unknown ids are left out), for other domains' checks."""
    return repository.by_ids(session, ids)
