"""Transitions, approvals, obligations, renewal and history. Rules are applied here."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy.orm import Session

from kerjasama.agreements import service as agreements_service
from kerjasama.core import audit
from kerjasama.core.auth import Principal
from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.core.errors import Conflict, Forbidden, Invalid, NotFound, field_error
from kerjasama.documents import service as documents_service
from kerjasama.models import Agreement, DprdApproval, Holiday, StatusTransition, TkksdReview
from kerjasama.procedure import calendar, policy
from kerjasama.procedure import repository as repo
from kerjasama.procedure.machines import Machine, Transition, machine_for, status_of
from kerjasama.procedure.schemas import (
    ActionRead,
    ApprovalReviewIn,
    DprdApprovalCreate,
    DprdApprovalUpdate,
    FindingRead,
    HolidayIn,
    TkksdReviewCreate,
    TransitionIn,
)
from kerjasama.rules import catalogue as rules
from kerjasama.rules.context import RuleContext
from kerjasama.rules.findings import finding_json

# R19: the telaahan may come with the `approve` request itself.
INPUT_RULES = ("R19", "R39", "R40", "R41", "R52")
FOREIGN_DPRD_WORKING_DAYS = 45  # PP 28/2018 Pasal 30 ayat (4)
OFFER_ANSWER_WORKING_DAYS = 30  # Permendagri 22/2020 Pasal 8 ayat (3), Pasal 54 ayat (3)
SECOND_REQUEST_WORKING_DAYS = 15  # Permendagri 22/2020 Pasal 8 ayat (4), Pasal 54 ayat (4)


def finding_read(f: rules.Finding) -> FindingRead:
    return FindingRead(**finding_json(f))


def context(session: Session, settings: Settings, agreement: Agreement) -> RuleContext:
    return repo.build_context(session, settings.home_region, agreement)


def checks(session: Session, settings: Settings, agreement: Agreement) -> list[rules.Finding]:
    ctx = context(session, settings, agreement)
    ctx.effective_date = today_in_region(settings)
    return rules.evaluate(ctx)


def _machine(agreement: Agreement) -> Machine | None:
    return machine_for(agreement.kind, agreement.category)


def available_actions(
    session: Session, settings: Settings, principal: Principal, agreement: Agreement
) -> tuple[Machine | None, list[ActionRead]]:
    machine = _machine(agreement)
    if machine is None:
        return None, []
    ctx = context(session, settings, agreement)
    ctx.effective_date = today_in_region(settings)
    out = []
    for t in machine.allowed_from(agreement.stage):
        ctx.action = t.action
        # Rules about what the caller will send (the ending reason, the attached documents) cannot
        # be judged before the request; POST /transitions applies them.
        findings = rules.evaluate(ctx, tuple(r for r in t.rules if r not in INPUT_RULES))
        out.append(
            ActionRead(
                action=t.action,
                to_stage=t.to_stage,
                label_id=t.label_id,
                label_en=t.label_en,
                allowed_for_role=policy.may_take(principal, t.roles),
                taken_by=policy.working_roles(t.roles),
                blocked=any(f.severity == "BLOCK" for f in findings),
                needs_reason=t.needs_reason,
                needs_date=t.needs_date,
                findings=[finding_read(f) for f in findings],
            )
        )
    return machine, out


def _check_dates(
    session: Session, settings: Settings, agreement: Agreement, t: Transition, when: date
) -> None:
    today = today_in_region(settings)
    if when > today:
        raise Invalid(
            "The date of the act cannot be in the future.",
            errors=[
                field_error("effective_date", f"must be on or before {today.isoformat()}", "date_in_future")
            ],
        )
    if t.action == "sign" and agreement.parent_id:
        parent = session.get(Agreement, agreement.parent_id)
        if parent is not None and parent.signed_date and when < parent.signed_date:
            raise Invalid(
                "A text cannot be signed before the text it belongs to.",
                errors=[
                    field_error(
                        "effective_date",
                        f"must be on or after the parent's signing ({parent.signed_date})",
                        "before_parent",
                    )
                ],
            )


def transition(
    session: Session, settings: Settings, principal: Principal, agreement: Agreement, body: TransitionIn
) -> StatusTransition:
    machine = _machine(agreement)
    allowed = machine.allowed_from(agreement.stage) if machine else []
    t = next((x for x in allowed if x.action == body.action), None)
    if t is None:
        raise Conflict(
            f"'{body.action}' is not possible from stage '{agreement.stage}'.",
            code="action_not_allowed",
            extra={"allowed_actions": [x.action for x in allowed]},
        )
    if not policy.may_take(principal, t.roles):
        raise Forbidden(
            f"Role '{principal.role}' may not '{t.action}'; allowed: {', '.join(t.roles)}.",
            code="role_forbidden",
        )
    if t.needs_reason and not (body.reason or "").strip():
        raise Invalid(
            f"'{t.action}' needs a reason.",
            errors=[field_error("reason", "required for this action", "reason_required")],
        )
    when = body.effective_date or today_in_region(settings)
    _check_dates(session, settings, agreement, t, when)
    documents_service.require_documents(session, agreement.id, body.document_ids, "document_ids")
    document_ids = [str(d) for d in body.document_ids]  # stored and judged as JSON strings
    if body.review is not None:
        _review_with_approval(session, settings, principal, agreement, t, body.review)

    ctx = context(session, settings, agreement)
    ctx.action, ctx.effective_date, ctx.document_ids = t.action, when, document_ids
    ctx.end_reason = (body.reason or "").strip() if t.action == "end" else None
    findings = rules.evaluate(ctx, t.rules)
    blocks = [f for f in findings if f.severity == "BLOCK"]
    if blocks:
        raise Conflict(
            f"'{t.action}' is blocked: " + "; ".join(f"{f.rule_id} {f.message_en}" for f in blocks),
            code="rule_blocked",
            extra={"findings": [finding_json(f) for f in findings]},
        )
    warns = [f for f in findings if f.severity == "WARN"]
    if warns and not (body.justification or "").strip():
        raise Invalid(
            "Warnings need a written justification: "
            + "; ".join(f"{f.rule_id} {f.message_en}" for f in warns),
            code="justification_required",
            errors=[
                field_error(
                    "justification", "explain why the warnings are accepted", "justification_required"
                )
            ],
            extra={"findings": [finding_json(f) for f in warns]},
        )

    before = {"stage": agreement.stage, "status": agreement.status}
    from_stage = agreement.stage
    to_stage = t.to_stage
    if t.action == "open_dispute":
        agreement.stage_before_dispute = agreement.stage
    if t.action == "close_dispute":
        to_stage = agreement.stage_before_dispute or "in_force"
        agreement.stage_before_dispute = None
    agreement.stage, agreement.status = to_stage, status_of(to_stage)
    if t.action == "sign":
        agreement.signed_date = when  # R28 already requires the start date before signing
    if t.action == "end":
        agreement.end_reason, agreement.ended_date = ctx.end_reason, when
    if t.action == "end_after_dprd":
        agreement.end_reason, agreement.ended_date = "dprd_rejected", when
    if t.action == "revise_after_dprd":
        agreement.signed_date = None  # the revised text is signed again
    _offer_clock(session, agreement, t.action, when)
    if t.action == "report_to_minister":
        agreement.minister_reported_date = when
    row = StatusTransition(
        agreement_id=agreement.id,
        action=t.action,
        from_stage=from_stage,
        to_stage=to_stage,
        actor_id=principal.user_id,
        actor_username=principal.username,
        actor_role=principal.role,
        reason=body.reason,
        justification=body.justification,
        effective_date=when,
        document_ids=document_ids,
        warnings=[finding_json(f) for f in warns],
    )
    session.add(row)
    session.flush()
    audit.record(
        session,
        principal.actor,
        "agreement",
        agreement.id,
        t.action,
        before,
        {"stage": agreement.stage, "status": agreement.status},
    )
    return row


def _review_with_approval(
    session: Session,
    settings: Settings,
    principal: Principal,
    agreement: Agreement,
    t: Transition,
    review: ApprovalReviewIn,
) -> None:
    """`approve` records the telaahan in the same request: 'layak' and the telaahan are one act."""
    if t.action != "approve":
        raise Invalid(
            "A telaahan comes with the 'approve' action only.",
            errors=[field_error("review", "only with action 'approve'", "review_not_expected")],
        )
    if review.outcome not in ("layak", "layak_dengan_perbaikan"):
        raise Invalid(
            "'approve' records a telaahan that finds the proposal feasible; use 'return' or 'reject' otherwise.",
            errors=[field_error("review.outcome", "layak or layak_dengan_perbaikan", "outcome_not_feasible")],
        )
    base = TkksdReviewCreate(**review.model_dump(exclude={"no_conflict"}))
    add_review(session, principal, agreement, base, today_in_region(settings))
    if review.no_conflict:
        agreement.declarations = {**(agreement.declarations or {}), "no_conflict": True}


def _offer_clock(session: Session, agreement: Agreement, action: str, when: date) -> None:
    """The partner answers within 30 working days; after a second request, 15 more (P22 Pasal 8(3)-(5))."""
    if action == "send_offer":
        agreement.offer_due_date = calendar.add_working_days(session, when, OFFER_ANSWER_WORKING_DAYS)
        agreement.offer_second_request_date = None
        agreement.offer_non_answer_reported_date = None
    elif action == "second_request":
        agreement.offer_second_request_date = when
        agreement.offer_due_date = calendar.add_working_days(session, when, SECOND_REQUEST_WORKING_DAYS)
    elif action == "report_non_answer":
        agreement.offer_non_answer_reported_date = when


_AMENDABLE = ("title", "object", "scope", "purpose", "end_date", "apbd_value")


def apply_amendment(session: Session, principal: Principal, adendum: Agreement) -> Agreement | None:
    """A signed adendum changes its parent; the parent's history names the adendum (R31: the only way).

    Returns the parent when its term moved (its obligations must follow: procedure.flows), else None.
    """
    parent = session.get(Agreement, adendum.parent_id) if adendum.parent_id else None
    if parent is None or not adendum.amendment:
        return None
    before: dict[str, Any] = {}
    after: dict[str, Any] = {}
    for field, raw in adendum.amendment.items():
        if field not in _AMENDABLE:
            continue
        value: Any = raw
        if field == "end_date":
            value = date.fromisoformat(raw)
        elif field == "apbd_value":
            value = Decimal(str(raw))
        before[field], after[field] = getattr(parent, field), value
        setattr(parent, field, value)
    if parent.start_date and parent.end_date and parent.end_date <= parent.start_date:
        raise Invalid(
            "The adendum would end the parent before it starts.",
            errors=[field_error("amendment.end_date", "after the parent's start_date", "term_order")],
        )
    limit = rules.term_limit(parent.kind, parent.start_date) if parent.start_date else None
    if limit is not None and parent.end_date is not None and parent.end_date >= limit:
        # R29 on the amended values (the sign step checks it first; this keeps every path honest).
        raise Invalid(
            f"The adendum would take the {parent.kind} past its longest term (R29).",
            code="rule_blocked",
            errors=[field_error("amendment.end_date", f"before {limit.isoformat()}", "R29")],
        )
    session.flush()
    after["amended_by"] = {"id": str(adendum.id), "number": adendum.number}
    audit.record(session, principal.actor, "agreement", parent.id, "amended_by", before, after)
    return parent if "end_date" in after and before["end_date"] != after["end_date"] else None


def renew(session: Session, settings: Settings, principal: Principal, old: Agreement) -> Agreement:
    """Renewal is a new agreement through the full procedure, linked to its predecessor (R38)."""
    agreements_service.check_write_role(principal, old.category, old.kind)
    if old.stage not in ("in_force", "ended"):
        raise Conflict("Only a text in force or ended can be renewed.", code="renew_not_allowed")
    if old.category == "KSDD" and old.nature is None:
        # A text signed under PP 50/2007 has no WAJIB/SUKARELA, but its renewal is a new text under
        # PP 28/2018 (Pasal 3), which needs one; nothing here can choose it for the region.
        raise Invalid(
            "The text being renewed was signed before PP 28/2018 and has no nature (WAJIB or SUKARELA); "
            "its renewal needs one. Create the renewal with POST /agreements, giving nature and "
            f"predecessor_id {old.id}.",
            errors=[field_error("nature", "required for KSDD: WAJIB or SUKARELA", "nature_required")],
        )
    from kerjasama.agreements.schemas import AgreementCreate, PartyIn

    data = AgreementCreate(
        kind=old.kind,
        category=old.category,
        nature=old.nature,
        title=old.title,
        object=old.object,
        scope=old.scope,
        purpose=old.purpose,
        parent_id=old.parent_id,
        predecessor_id=old.id,
        lead_opd_id=old.lead_opd_id,
        related_opd_ids=[o.id for o in old.related_opds],
        affair_codes=[a.code for a in old.affairs],
        parties=[PartyIn(partner_id=p.partner_id, signatory_title=p.signatory_title) for p in old.parties],
        planning_reference=old.planning_reference,
        out_of_plan_reason=old.out_of_plan_reason,
        funding_sources=list(old.funding_sources or []),
        burdens_community_and_region=old.burdens_community_and_region,
        budgeted_in_current_apbd=old.budgeted_in_current_apbd,
        is_demo=old.is_demo,
    )
    return agreements_service.create(session, settings, principal, data, renewal_of=old)


# --- approvals -------------------------------------------------------------------------------


def add_review(
    session: Session, principal: Principal, agreement: Agreement, data: TkksdReviewCreate, today: date
) -> TkksdReview:
    if not policy.may_appraise(principal):
        raise Forbidden("Only the TKKSD and its secretariat record appraisals.", code="role_forbidden")
    if data.meeting_date > today:
        raise Invalid(
            "The meeting date is in the future.",
            errors=[field_error("meeting_date", "not after today", "date_in_future")],
        )
    review = TkksdReview(agreement_id=agreement.id, created_by=principal.user_id, **data.model_dump())
    session.add(review)
    session.flush()
    audit.record(
        session,
        principal.actor,
        "tkksd_review",
        review.id,
        "create",
        None,
        {"agreement_id": agreement.id, **data.model_dump()},
    )
    return review


def _dprd_days(settings: Settings, agreement: Agreement) -> int:
    if agreement.category in ("KSDPL", "KSDLL"):
        return FOREIGN_DPRD_WORKING_DAYS
    return settings.dprd_domestic_deadline_working_days


def _set_deadline(session: Session, settings: Settings, agreement: Agreement, approval: DprdApproval) -> None:
    days = _dprd_days(settings, agreement)
    approval.deadline_date = (
        calendar.add_working_days(session, approval.received_date, days)
        if approval.received_date and days > 0
        else None
    )


def add_dprd(
    session: Session, settings: Settings, principal: Principal, agreement: Agreement, data: DprdApprovalCreate
) -> DprdApproval:
    if not policy.may_record_dprd(principal):
        raise Forbidden("Only the secretariat records DPRD requests.", code="role_forbidden")
    if data.received_date and data.received_date < data.request_date:
        raise Invalid(
            "Received before it was sent.",
            errors=[field_error("received_date", "on or after request_date", "date_order")],
        )
    approval = DprdApproval(agreement_id=agreement.id, created_by=principal.user_id, **data.model_dump())
    _set_deadline(session, settings, agreement, approval)
    session.add(approval)
    session.flush()
    audit.record(
        session,
        principal.actor,
        "dprd_approval",
        approval.id,
        "create",
        None,
        {"agreement_id": agreement.id, **data.model_dump(), "deadline_date": approval.deadline_date},
    )
    return approval


def update_dprd(
    session: Session,
    settings: Settings,
    principal: Principal,
    agreement: Agreement,
    approval: DprdApproval,
    data: DprdApprovalUpdate,
) -> DprdApproval:
    if not policy.may_record_dprd(principal):
        raise Forbidden("Only the secretariat records DPRD decisions.", code="role_forbidden")
    changes = data.model_dump(exclude_unset=True)
    before = {k: getattr(approval, k) for k in changes}
    for k, v in changes.items():
        setattr(approval, k, v)
    if approval.received_date and approval.received_date < approval.request_date:
        raise Invalid(
            "Received before it was sent.",
            errors=[field_error("received_date", "on or after request_date", "date_order")],
        )
    if approval.decision in ("approved", "rejected") and approval.decision_date is None:
        raise Invalid(
            "Give the decision date.",
            errors=[field_error("decision_date", "required with a decision", "missing")],
        )
    if "received_date" in changes:
        _set_deadline(session, settings, agreement, approval)
    session.flush()
    audit.record(session, principal.actor, "dprd_approval", approval.id, "update", before, changes)
    return approval


def get_dprd(session: Session, approval_id: uuid.UUID) -> DprdApproval:
    approval = session.get(DprdApproval, approval_id)
    if approval is None:
        raise NotFound("No DPRD approval with this id.")
    return approval


# --- holidays ---------------------------------------------------------------------------------


def add_holiday(session: Session, principal: Principal, data: HolidayIn) -> Holiday:
    if session.get(Holiday, data.day) is not None:
        raise Conflict(f"{data.day} is already listed.", code="holiday_exists")
    row = Holiday(day=data.day, name=data.name, kind=data.kind)
    session.add(row)
    session.flush()
    audit.record(session, principal.actor, "holiday", data.day.isoformat(), "create", None, data.model_dump())
    return row


def delete_holiday(session: Session, principal: Principal, day: date) -> None:
    row = session.get(Holiday, day)
    if row is None:
        raise NotFound("No managed holiday on this day.")
    audit.record(
        session,
        principal.actor,
        "holiday",
        day.isoformat(),
        "delete",
        {"name": row.name, "kind": row.kind},
        None,
    )
    session.delete(row)
    session.flush()
