"""Agreement rules applied on create, update and delete.

Shape is checked by the schemas; here live the checks that need the database (parents, OPD scope,
reference codes, number uniqueness). The regulation checks (R1…R53) belong to `rules/` and are
applied at procedure transitions, so that a draft can be saved incomplete and fixed step by step.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kerjasama.agreements import policy, repository
from kerjasama.agreements.schemas import AgreementCreate, AgreementUpdate, PartyIn
from kerjasama.core import audit
from kerjasama.core.auth import Principal
from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.core.errors import Conflict, FieldError, Forbidden, Invalid, NotFound, field_error
from kerjasama.core.scope import scoped_agreement_ids
from kerjasama.models import Agreement, AgreementParty
from kerjasama.models.base import utcnow
from kerjasama.partners import service as partners_service
from kerjasama.reference import repository as reference_repo
from kerjasama.rules import catalogue as rules
from kerjasama.rules.context import RuleContext
from kerjasama.rules.findings import finding_json

# Which kinds of text each category uses (PP 28/2018; docs/domain.md#text-kinds).
KINDS_BY_CATEGORY: dict[str, set[str]] = {
    "KSDD": {"KB", "PKS", "ADENDUM"},
    "KSDPK": {"KB", "PKS", "ADENDUM"},
    "KSDPL": {"LOI", "NASKAH_LN", "ADENDUM"},
    "KSDLL": {"LOI", "NASKAH_LN", "ADENDUM"},
    "SINERGI": {"NK", "RK", "ADENDUM"},
}
# Which kinds may be the parent of each kind. None means "no parent allowed".
PARENT_KINDS: dict[str, set[str] | None] = {
    "KB": None,
    "NK": None,
    "LOI": None,
    "PKS": {"KB"},
    "RK": {"NK"},
    "NASKAH_LN": {"LOI"},
    "ADENDUM": {"KB", "PKS", "NK", "RK", "NASKAH_LN"},
}


def snapshot(a: Agreement) -> dict[str, Any]:
    return {
        "kind": a.kind,
        "category": a.category,
        "nature": a.nature,
        "number": a.number,
        "title": a.title,
        "object": a.object,
        "scope": a.scope,
        "purpose": a.purpose,
        "parent_id": a.parent_id,
        "predecessor_id": a.predecessor_id,
        "lead_opd_id": a.lead_opd_id,
        "related_opd_ids": sorted(str(o.id) for o in a.related_opds),
        "affair_codes": sorted(x.code for x in a.affairs),
        "parties": [
            {
                "partner_id": p.partner_id,
                "role": p.role,
                "signatory_name": p.signatory_name,
                "signatory_title": p.signatory_title,
                "document_number": p.document_number,
                "power_of_attorney_ref": p.power_of_attorney_ref,
            }
            for p in a.parties
        ],
        "planning_reference": a.planning_reference,
        "out_of_plan_reason": a.out_of_plan_reason,
        "funding_sources": list(a.funding_sources or []),
        "apbd_value": a.apbd_value,
        "burdens_community_and_region": a.burdens_community_and_region,
        "budgeted_in_current_apbd": a.budgeted_in_current_apbd,
        "signed_date": a.signed_date,
        "start_date": a.start_date,
        "end_date": a.end_date,
        "status": a.status,
        "stage": a.stage,
        "end_reason": a.end_reason,
        "is_demo": a.is_demo,
        "is_legacy_import": a.is_legacy_import,
        "public": a.public,
        "kak": dict(a.kak or {}),
        "feasibility_study_ref": a.feasibility_study_ref,
        "initiated_by_partner": a.initiated_by_partner,
        "declarations": dict(a.declarations or {}),
        "clauses": list(a.clauses or []),
        "amendment": dict(a.amendment or {}),
        "ended_date": a.ended_date,
    }


def get(
    session: Session, principal: Principal, agreement_id: uuid.UUID, *, reload: bool = False
) -> Agreement:
    agreement = repository.get(session, principal, agreement_id, reload=reload)
    if agreement is None:
        raise NotFound("No agreement with this id.")
    return agreement


def get_many(
    session: Session, principal: Principal, agreement_ids: Sequence[uuid.UUID], *, load: str = "detail"
) -> dict[uuid.UUID, Agreement]:
    """The agreements among these ids that the caller may read (`get` for a batch; a missing id is one
    `get` would answer 404). `load`: "detail", "summary" (lead OPD, parties, partners) or "row"."""
    return repository.get_many(session, principal, agreement_ids, load=load)


def check_publish(principal: Principal) -> None:
    """403 naming `public` unless the caller decides what the public register shows."""
    if not policy.may_publish(principal):
        raise Forbidden(
            "Only the secretariat and admin put texts on the public register.",
            code="role_forbidden",
            errors=[field_error("public", "only the secretariat and admin publish", "role_forbidden")],
        )


def check_write_role(principal: Principal, category: str, kind: str) -> None:
    denial = policy.write_denial(principal, category, kind)
    if denial is not None:
        raise Forbidden(denial, code="role_forbidden")


def _check_opds(
    session: Session,
    principal: Principal,
    lead_opd_id: uuid.UUID,
    related: list[uuid.UUID],
    errors: list[FieldError],
) -> None:
    lead = reference_repo.get_opd(session, lead_opd_id)
    if lead is None or not lead.is_active:
        errors.append(field_error("lead_opd_id", "no active OPD with this id", "opd_unknown"))
    if lead_opd_id in related:
        errors.append(
            field_error("related_opd_ids", "the lead OPD is not also a related OPD", "opd_duplicate")
        )
    if len(set(related)) != len(related):
        errors.append(field_error("related_opd_ids", "listed twice", "opd_duplicate"))
    found = {o.id for o in reference_repo.opds_by_id(session, related)}
    for i, opd_id in enumerate(related):
        if opd_id not in found:
            errors.append(field_error(f"related_opd_ids.{i}", "no OPD with this id", "opd_unknown"))
    scope = principal.scoped_opd_id
    if principal.is_opd_scoped and scope != lead_opd_id and scope not in related:
        errors.append(
            field_error(
                "lead_opd_id",
                "your OPD must lead the agreement or be one of the related OPDs",
                "opd_out_of_scope",
            )
        )


def _check_affairs(session: Session, codes: list[str], errors: list[FieldError]) -> list[Any]:
    affairs = reference_repo.affairs_by_code(session, codes)
    known = {a.code for a in affairs}
    for i, code in enumerate(codes):
        if code not in known:
            errors.append(
                field_error(
                    f"affair_codes.{i}", f"'{code}' is not a known affair (urusan) code", "affair_unknown"
                )
            )
    if len(set(codes)) != len(codes):
        errors.append(field_error("affair_codes", "a code is listed twice", "affair_duplicate"))
    return affairs


def _build_parties(
    session: Session, parties: list[PartyIn], errors: list[FieldError]
) -> list[AgreementParty]:
    partner_ids = [p.partner_id for p in parties if p.partner_id]
    known = partners_service.by_ids(session, partner_ids)
    if len(set(partner_ids)) != len(partner_ids):
        errors.append(field_error("parties", "a partner is listed twice", "party_duplicate"))
    if sum(1 for p in parties if p.partner_id is None) > 1:
        errors.append(field_error("parties", "the home region is listed twice", "party_duplicate"))
    if not partner_ids:
        errors.append(
            field_error(
                "parties",
                "at least one partner besides the home region (PP 28/2018 Pasal 1)",
                "party_partner_missing",
            )
        )
    for i, p in enumerate(parties):
        if p.partner_id and p.partner_id not in known:
            errors.append(
                field_error(f"parties.{i}.partner_id", "no partner with this id", "partner_unknown")
            )
    ordered = sorted(parties, key=lambda p: p.partner_id is not None)  # home region first
    if not ordered or ordered[0].partner_id is not None:
        ordered.insert(0, PartyIn())
    return [
        AgreementParty(
            partner_id=p.partner_id,
            role=p.role or ("HOME" if p.partner_id is None else "PARTNER"),
            position=i,
            signatory_name=p.signatory_name,
            signatory_title=p.signatory_title,
            document_number=p.document_number,
            power_of_attorney_ref=p.power_of_attorney_ref,
        )
        for i, p in enumerate(ordered)
    ]


def _check_parent(
    session: Session,
    principal: Principal,
    kind: str,
    category: str,
    parent_id: uuid.UUID | None,
    errors: list[FieldError],
    self_id: uuid.UUID | None = None,
    inherited: bool = False,
) -> None:
    allowed = PARENT_KINDS[kind]
    if parent_id is None:
        if kind in ("RK", "ADENDUM"):
            errors.append(
                field_error("parent_id", f"an {kind} needs the text it belongs to", "parent_required")
            )
        return
    if allowed is None:
        errors.append(field_error("parent_id", f"a {kind} has no parent text", "parent_not_allowed"))
        return
    # A renewal inherits its predecessor's parent, which may sit outside an OPD user's scope.
    parent = (
        repository.get_unscoped(session, parent_id)
        if inherited
        else repository.get(session, principal, parent_id, detail=False)
    )
    if parent is None or parent.id == self_id:
        errors.append(field_error("parent_id", "no agreement with this id", "parent_unknown"))
        return
    if parent.kind not in allowed:
        errors.append(
            field_error(
                "parent_id",
                f"the parent of a {kind} must be a {' or '.join(sorted(allowed))}, not a {parent.kind}",
                "parent_kind",
            )
        )
    if parent.category != category:
        errors.append(
            field_error(
                "parent_id",
                f"the parent is {parent.category}; this text is {category}",
                "parent_category_mismatch",
            )
        )


def _check_kind(kind: str, category: str, errors: list[FieldError]) -> None:
    if kind not in KINDS_BY_CATEGORY[category]:
        errors.append(
            field_error(
                "kind",
                f"{category} uses {', '.join(sorted(KINDS_BY_CATEGORY[category]))}, not {kind}",
                "kind_category_mismatch",
            )
        )


def _raise_if(errors: list[FieldError]) -> None:
    if errors:
        raise Invalid("; ".join(f"{'.'.join(map(str, e.loc[1:]))}: {e.msg}" for e in errors), errors=errors)


def _generate_number(session: Session, settings: Settings, on: date) -> str:
    while True:
        value = repository.next_number_value(session, settings.home_region, on.year)
        number = f"KSD/{settings.home_region}/{on.year}/{value:04d}"
        if not repository.number_taken(
            session, number
        ):  # a hand-entered number may sit in the sequence's way
            return number


def create(
    session: Session,
    settings: Settings,
    principal: Principal,
    data: AgreementCreate,
    *,
    renewal_of: Agreement | None = None,
) -> Agreement:
    check_write_role(principal, data.category, data.kind)
    if data.is_legacy_import and not policy.may_import_legacy(principal):
        raise Forbidden("Only the secretariat imports existing (legacy) texts.", code="role_forbidden")
    if data.public:
        check_publish(principal)
    errors: list[FieldError] = []
    _check_kind(data.kind, data.category, errors)
    inherited = renewal_of is not None and data.parent_id == renewal_of.parent_id
    _check_parent(session, principal, data.kind, data.category, data.parent_id, errors, inherited=inherited)
    if data.predecessor_id and repository.get(session, principal, data.predecessor_id, detail=False) is None:
        errors.append(field_error("predecessor_id", "no agreement with this id", "predecessor_unknown"))
    related = data.related_opd_ids or []
    _check_opds(session, principal, data.lead_opd_id, related, errors)
    affairs = _check_affairs(session, data.affair_codes, errors)
    parties = _build_parties(session, data.parties, errors)
    if data.number and repository.number_taken(session, data.number):
        raise Conflict(
            f"The number '{data.number}' is already registered.",
            code="number_taken",
            errors=[field_error("number", "already registered", "unique")],
        )
    if data.amendment is not None and data.kind != "ADENDUM":
        errors.append(field_error("amendment", "only an ADENDUM carries amendments", "amendment_not_adendum"))
    _raise_if(errors)
    status = data.status or "draft"
    agreement = Agreement(
        kind=data.kind,
        category=data.category,
        nature=data.nature,
        title=data.title,
        object=data.object or "",
        scope=data.scope or "",
        purpose=data.purpose or "",
        parent_id=data.parent_id,
        predecessor_id=data.predecessor_id,
        lead_opd_id=data.lead_opd_id,
        planning_reference=data.planning_reference,
        out_of_plan_reason=data.out_of_plan_reason,
        funding_sources=list(data.funding_sources or []),
        apbd_value=data.apbd_value,
        burdens_community_and_region=bool(data.burdens_community_and_region),
        budgeted_in_current_apbd=True
        if data.budgeted_in_current_apbd is None
        else data.budgeted_in_current_apbd,
        signed_date=data.signed_date,
        start_date=data.start_date,
        end_date=data.end_date,
        status=status,
        stage=status,
        end_reason=data.end_reason,
        is_demo=data.is_demo,
        is_legacy_import=data.is_legacy_import,
        public=bool(data.public),
        kak=data.kak.model_dump() if data.kak else {},
        feasibility_study_ref=data.feasibility_study_ref,
        initiated_by_partner=bool(data.initiated_by_partner),
        declarations={str(k): v for k, v in (data.declarations or {}).items()},
        clauses=list(dict.fromkeys(data.clauses or [])),
        amendment=data.amendment.model_dump(mode="json", exclude_none=True) if data.amendment else {},
        ended_date=data.end_date if status == "ended" else None,
        created_by=principal.user_id,
        number=data.number
        or _generate_number(session, settings, data.signed_date or today_in_region(settings)),
        parties=parties,
        affairs=affairs,
        related_opds=reference_repo.opds_by_id(session, related),
    )
    session.add(agreement)
    try:
        session.flush()
    except IntegrityError as exc:
        raise Conflict("The number was registered at the same moment; retry.", code="number_taken") from exc
    audit.record(session, principal.actor, "agreement", agreement.id, "create", None, snapshot(agreement))
    return agreement


def update(
    session: Session, principal: Principal, agreement: Agreement, data: AgreementUpdate, ctx: RuleContext
) -> Agreement:
    """Apply a PATCH. `ctx` is the rule context of the stored agreement (R31 needs its stage)."""
    check_write_role(principal, agreement.category, agreement.kind)
    changes = data.model_dump(exclude_unset=True)
    if changes.get("public") is not None and changes["public"] != agreement.public:
        check_publish(principal)
    ctx.action, ctx.changed_fields = (
        "update",
        sorted(f for f in changes if _differs(agreement, f, changes[f])),
    )
    blocking = rules.evaluate(ctx, ("R31",))
    if blocking:
        raise Conflict(
            blocking[0].message_en,
            code="rule_blocked",
            extra={"findings": [finding_json(f) for f in blocking]},
            errors=[field_error(f, blocking[0].message_en, "R31") for f in blocking[0].fields],
        )
    errors: list[FieldError] = []
    for field in (
        "title",
        "parties",
        "affair_codes",
        "lead_opd_id",
        "related_opd_ids",
        "funding_sources",
        "burdens_community_and_region",
        "budgeted_in_current_apbd",
        "public",
        "object",
        "scope",
        "purpose",
    ):
        if field in changes and changes[field] is None:
            errors.append(field_error(field, "may not be null", "not_null"))
    _raise_if(errors)
    if "nature" in changes:
        if agreement.category != "KSDD" and changes["nature"] is not None:
            errors.append(field_error("nature", "nature applies only to KSDD", "nature_only_ksdd"))
        if agreement.category == "KSDD" and changes["nature"] is None:
            errors.append(field_error("nature", "required for KSDD", "nature_required"))
    start = changes.get("start_date", agreement.start_date)
    end = changes.get("end_date", agreement.end_date)
    if start and end and end <= start:
        errors.append(field_error("end_date", "must be after start_date", "term_order"))
    if changes.get("amendment") is not None and agreement.kind != "ADENDUM":
        errors.append(field_error("amendment", "only an ADENDUM carries amendments", "amendment_not_adendum"))
    lead = changes.get("lead_opd_id", agreement.lead_opd_id)
    related = (
        changes["related_opd_ids"] if "related_opd_ids" in changes else [o.id for o in agreement.related_opds]
    )
    if "lead_opd_id" in changes or "related_opd_ids" in changes:
        _check_opds(session, principal, lead, related, errors)
    affairs = _check_affairs(session, changes["affair_codes"], errors) if "affair_codes" in changes else None
    parties = _build_parties(session, data.parties, errors) if data.parties is not None else None
    _raise_if(errors)

    before = snapshot(agreement)
    simple = (
        "nature",
        "title",
        "object",
        "scope",
        "purpose",
        "planning_reference",
        "out_of_plan_reason",
        "funding_sources",
        "apbd_value",
        "burdens_community_and_region",
        "budgeted_in_current_apbd",
        "signed_date",
        "start_date",
        "end_date",
        "public",
        "lead_opd_id",
    )
    for field in simple:
        if field in changes:
            value = changes[field]
            setattr(
                agreement,
                field,
                value if value is not None or field not in ("object", "scope", "purpose") else "",
            )
    if affairs is not None:
        agreement.affairs = affairs
    if "related_opd_ids" in changes:
        agreement.related_opds = reference_repo.opds_by_id(session, related)
    if parties is not None:
        # Delete the old rows before inserting the new ones: the unit of work would insert first
        # and trip the (agreement, partner) unique constraint when a partner stays.
        agreement.parties.clear()
        session.flush()
        agreement.parties = parties
    if "kak" in changes:
        agreement.kak = data.kak.model_dump() if data.kak else {}
    if "feasibility_study_ref" in changes:
        agreement.feasibility_study_ref = data.feasibility_study_ref
    if "initiated_by_partner" in changes:
        agreement.initiated_by_partner = bool(data.initiated_by_partner)
    if "declarations" in changes:
        agreement.declarations = {str(k): v for k, v in (data.declarations or {}).items()}
    if "clauses" in changes:
        agreement.clauses = list(dict.fromkeys(data.clauses or []))
    if affairs is not None or parties is not None or "related_opd_ids" in changes:
        # Lists live in their own tables; touch the row so the version (ETag) moves and a stale
        # writer gets 412 instead of silently overwriting.
        agreement.updated_at = utcnow()
    if "amendment" in changes:
        agreement.amendment = (
            data.amendment.model_dump(mode="json", exclude_none=True) if data.amendment else {}
        )
    session.flush()
    b, a = audit.diff(before, snapshot(agreement))
    if a:
        audit.record(session, principal.actor, "agreement", agreement.id, "update", b, a)
    return agreement


def delete(session: Session, principal: Principal, agreement: Agreement) -> None:
    check_write_role(principal, agreement.category, agreement.kind)
    if agreement.status != "draft":
        raise Conflict(
            f"Only drafts can be deleted; this one is {agreement.status}. End or cancel it instead.",
            code="agreement_not_draft",
        )
    if repository.has_children(session, agreement.id):
        raise Conflict(
            "Texts depend on this one (children or renewals); delete them first.",
            code="agreement_has_children",
        )
    audit.record(session, principal.actor, "agreement", agreement.id, "delete", snapshot(agreement), None)
    session.delete(agreement)
    session.flush()


def scoped_ids(principal: Principal) -> Select[Any]:
    """SELECT of the ids of the agreements in the caller's scope, for other domains' aggregates."""
    return scoped_agreement_ids(principal)


_LIST_VIEWS: dict[str, Any] = {
    "affair_codes": lambda a: sorted(x.code for x in a.affairs),
    "related_opd_ids": lambda a: sorted(str(o.id) for o in a.related_opds),
}


def _differs(agreement: Agreement, field: str, value: Any) -> bool:
    """Whether a PATCH value really changes the stored one (a form may send unchanged fields back)."""
    if field in _LIST_VIEWS:
        return bool(_LIST_VIEWS[field](agreement) != sorted(str(v) for v in (value or [])))
    if field == "parties":
        stored = [
            (
                str(p.partner_id) if p.partner_id else None,
                p.signatory_name,
                p.signatory_title,
                p.document_number,
                p.power_of_attorney_ref,
            )
            for p in agreement.parties
        ]
        given = [
            (
                str(p["partner_id"]) if p.get("partner_id") else None,
                p.get("signatory_name", ""),
                p.get("signatory_title", ""),
                p.get("document_number", ""),
                p.get("power_of_attorney_ref"),
            )
            for p in sorted(value or [], key=lambda p: p.get("partner_id") is not None)
        ]
        return stored != given
    if field == "declarations":
        return dict(agreement.declarations or {}) != dict(value or {})
    if field in ("kak", "amendment"):
        current = getattr(agreement, field) or {}
        return bool(
            current
            != {k: v for k, v in (value or {}).items() if v is not None and (field == "kak" or v != "")}
        )
    stored_value = getattr(agreement, field, None)
    if field == "clauses":
        return sorted(stored_value or []) != sorted(value or [])
    if field in ("object", "scope", "purpose") and value is None:
        value = ""
    return bool(stored_value != value)
