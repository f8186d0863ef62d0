"""Read models of agreements, built from ORM rows: one function per shape.

Every builder takes the principal it renders for: what a role sees of an agreement (the province's
redaction) is decided here, in one place, for the list, the detail, the change feed and the exports.
"""

from __future__ import annotations

from datetime import date

from kerjasama.agreements.schemas import (
    AffairBrief,
    AgreementRead,
    AgreementSummary,
    EscalationPath,
    OpdBrief,
    PartnerBrief,
    PartyRead,
)
from kerjasama.core.auth import Principal
from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.models import Agreement
from kerjasama.rules.context import dprd_required
from kerjasama.rules.disputes import dispute_path
from kerjasama.rules.status import in_force_on, not_yet_in_force_on


def _derived(a: Agreement, settings: Settings, today: date) -> dict[str, object]:
    days = (a.end_date - today).days if a.end_date else None
    in_force = in_force_on(a, today)
    return {
        "in_force_now": in_force,
        "not_yet_in_force": not_yet_in_force_on(a, today),
        "expiring": bool(in_force and days is not None and 0 <= days <= settings.expiring_window_days),
        "expired": bool(in_force and days is not None and days < 0),
        "days_to_end": days,
    }


def _summary_fields(a: Agreement, settings: Settings, today: date) -> dict[str, object]:
    """The list row's fields, shared by the summary and the detail, so that the detail is validated
    once (it dumped and re-validated a whole summary before: issue 16)."""
    return {
        "id": a.id,
        "number": a.number,
        "kind": a.kind,
        "category": a.category,
        "nature": a.nature,
        "title": a.title,
        "status": a.status,
        "stage": a.stage,
        "parent_id": a.parent_id,
        "lead_opd": OpdBrief.model_validate(a.lead_opd),
        "partners": [PartnerBrief.model_validate(p.partner) for p in a.parties if p.partner is not None],
        "signed_date": a.signed_date,
        "start_date": a.start_date,
        "end_date": a.end_date,
        "is_demo": a.is_demo,
        "is_legacy_import": a.is_legacy_import,
        "version": a.version,
        **_derived(a, settings, today),
    }


def summary(a: Agreement, settings: Settings, today: date, principal: Principal) -> AgreementSummary:
    """A row of the agreement list (and of the children list)."""
    return AgreementSummary(**_summary_fields(a, settings, today))


def _escalation(a: Agreement) -> EscalationPath | None:
    if a.stage != "dispute":
        return None
    path_id, path_en, basis = dispute_path(a.category)
    return EscalationPath(path_id=path_id, path_en=path_en, basis=basis)


def detail(a: Agreement, settings: Settings, principal: Principal) -> AgreementRead:
    """One agreement with its parties, affairs, OPDs and derived figures (GET /agreements/{id})."""
    return AgreementRead(
        **_summary_fields(a, settings, today_in_region(settings)),
        predecessor_id=a.predecessor_id,
        object=a.object,
        scope=a.scope,
        purpose=a.purpose,
        parties=[PartyRead.model_validate(p) for p in a.parties],
        affairs=[AffairBrief.model_validate(x) for x in sorted(a.affairs, key=lambda x: x.code)],
        affair_codes=sorted(x.code for x in a.affairs),
        related_opds=[OpdBrief.model_validate(o) for o in a.related_opds],
        related_opd_ids=[o.id for o in a.related_opds],
        planning_reference=a.planning_reference,
        out_of_plan_reason=a.out_of_plan_reason,
        funding_sources=a.funding_sources,
        apbd_value=a.apbd_value,
        burdens_community_and_region=a.burdens_community_and_region,
        budgeted_in_current_apbd=a.budgeted_in_current_apbd,
        end_reason=a.end_reason,
        public=a.public,
        kak=a.kak or {},
        feasibility_study_ref=a.feasibility_study_ref,
        clauses=list(a.clauses or []),
        amendment=a.amendment or {},
        initiated_by_partner=a.initiated_by_partner,
        declarations=dict(a.declarations or {}),
        offer_due_date=a.offer_due_date,
        offer_second_request_date=a.offer_second_request_date,
        offer_non_answer_reported_date=a.offer_non_answer_reported_date,
        minister_reported_date=a.minister_reported_date,
        dprd_required=dprd_required(a),
        ended_date=a.ended_date,
        dispute_path=_escalation(a),
        created_at=a.created_at,
        updated_at=a.updated_at,
    )
