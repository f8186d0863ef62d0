"""The task queue, built from the domains' own reads and policies, and the request to submit.

Each source is one query (repository.py or the owning domain's read), so the queue costs a constant
number of statements whatever its length. Who may take each step is asked of the domain that owns it.
"""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from sqlalchemy.orm import Session

from kerjasama.agreements import policy as agreements_policy
from kerjasama.core import audit
from kerjasama.core.auth import Principal
from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.core.errors import Conflict, Forbidden
from kerjasama.models import Agreement, Notification
from kerjasama.models.base import utcnow
from kerjasama.monitoring import policy as monitoring_policy
from kerjasama.monitoring import service as monitoring_service
from kerjasama.monitoring import workflow
from kerjasama.obligations import policy as obligations_policy
from kerjasama.periodic_reports import policy as periodic_reports_policy
from kerjasama.periodic_reports import service as periodic_reports_service
from kerjasama.procedure import policy as procedure_policy
from kerjasama.procedure.machines import Transition, machine_for
from kerjasama.tasks import policy
from kerjasama.tasks import repository as repo
from kerjasama.tasks.schemas import (
    RecipientBrief,
    SubmissionRequestBrief,
    SubmissionRequestCreate,
    SubmissionRequestRead,
    TaskList,
    TaskRead,
)

OBLIGATION_HORIZON_DAYS = 30
"""An OPD head sees the OPD's open obligation occurrences due within this many days, and those overdue."""
NOTIFICATION_KIND = "submission_request"

# Transitions that send a text back or stop it: open to the caller, but not the work that moves it on.
_SIDE_STEPS = ("cancel", "return", "reject")

# kind → the stage it waits at
_STAGE_OF = {
    "draft_to_complete": "draft",
    "draft_to_submit": "draft",
    "submission_to_review": "submitted",
    "telaahan_to_give": "tkksd_review",
    "offer_awaiting_answer": "offer",
}
# kind → the report workflow step it waits for (workflow.STEPS)
_REPORT_STEP = {
    "report_to_sign_off": "submit",
    "report_to_verify": "verify",
    "report_to_review": "review",
    "report_to_finalise": "finalise",
}
_FILLABLE = ("draft", "returned")  # a report still being written (monitoring.workflow: before `submit`)

PREPARATION = "PP 28/2018 Pasal 6 ayat (1) huruf a; Permendagri 22/2020 Pasal 7"
APPRAISAL = "Permendagri 22/2020 Pasal 7 dan 29"
OFFER = "Permendagri 22/2020 Pasal 8 ayat (3)-(5)"
DPRD = "PP 28/2018 Pasal 6 ayat (2); Permendagri 22/2020 Pasal 12 ayat (4) dan 34 ayat (6)"
MONEV = "Permendagri 22/2020 Pasal 17 dan 39"
PERIODIC = "Permendagri 22/2020 Pasal 46"
PERIODIC_FOREIGN = "Permendagri 25/2020 Pasal 35-38"


def agreement_href(agreement_id: uuid.UUID) -> str:
    return f"/agreements/{agreement_id}"


def _forward_steps(principal: Principal, kind: str, category: str, stage: str) -> list[Transition]:
    """The stage machine's transitions from `stage` that move the text on and that the caller takes."""
    machine = machine_for(kind, category)
    if machine is None:
        return []
    return [
        t
        for t in machine.allowed_from(stage)
        if t.action not in _SIDE_STEPS and procedure_policy.may_take(principal, t.roles)
    ]


def _stage_tasks(
    session: Session, principal: Principal, kinds: frozenset[str], today: date
) -> list[TaskRead]:
    wanted = {k: s for k, s in _STAGE_OF.items() if k in kinds}
    rows = repo.agreements_at(session, principal, set(wanted.values()))
    drafts = [r.id for r in rows if r.stage == "draft"] if "draft_to_submit" in kinds else []
    requests = repo.submission_requests(session, drafts)
    out = []
    for r in rows:
        for kind, stage in wanted.items():
            if r.stage != stage:
                continue
            steps = _forward_steps(principal, r.kind, r.category, r.stage)
            due: date | None = None
            request = None
            basis: str | None = PREPARATION
            if kind == "draft_to_complete":
                if not agreements_policy.may_write(principal, r.category, r.kind):
                    continue
                action = steps[0].action if steps else "edit"
            elif kind == "draft_to_submit":
                if not steps:
                    continue
                action = steps[0].action
                asked = requests.get(str(r.id))
                if asked is not None:
                    request = SubmissionRequestBrief(requested_by=asked[0], requested_at=asked[1])
            elif kind == "offer_awaiting_answer":
                if not steps or r.offer_non_answer_reported_date is not None:
                    continue  # a non-answer reported to the Gubernur waits for nothing more
                action, due, basis = "record_answer", r.offer_due_date, OFFER
            else:  # submission_to_review, telaahan_to_give
                if not steps:
                    continue
                action, basis = steps[0].action, APPRAISAL
            out.append(
                TaskRead(
                    kind=kind,
                    record_type="agreement",
                    record_id=str(r.id),
                    agreement_id=r.id,
                    number=r.number,
                    title=r.title,
                    detail=None,
                    stage=r.stage,
                    period=None,
                    due_date=due,
                    overdue=due is not None and due < today,
                    basis=basis,
                    href=agreement_href(r.id),
                    action=action,
                    submission_request=request,
                )
            )
    return out


def _report_tasks(
    session: Session, principal: Principal, kinds: frozenset[str], today: date
) -> list[TaskRead]:
    steps = {k: a for k, a in _REPORT_STEP.items() if k in kinds}
    fill = "report_to_fill" in kinds and monitoring_policy.may_edit(principal)
    statuses = {s.from_status for s in workflow.STEPS if s.action in steps.values()}
    if fill:
        statuses |= set(_FILLABLE)
    out = []
    for r in repo.reports_at(session, principal, statuses):
        mine = workflow.actions_for(principal, r.status)
        kind = next((k for k, a in steps.items() if a in mine), None)
        action = steps[kind] if kind else "fill"
        if kind is None:
            if not (fill and r.status in _FILLABLE):
                continue
            kind = "report_to_fill"
        out.append(
            _report_task(kind, action, r.id, r.agreement_id, r.number, r.title, r.period, r.due_date, today)
        )
    if fill:
        # Reports owed for the reporting period that nobody has started yet (monitoring's own definition).
        for o in monitoring_service.owed_reports(session, principal, None, today):
            if o.report_id is not None or o.state == "submitted":
                continue  # a started report is listed above
            if principal.is_opd_scoped and o.lead_opd_id != principal.scoped_opd_id:
                continue  # the lead OPD reports
            out.append(
                _report_task(
                    "report_to_fill",
                    "fill",
                    None,
                    o.agreement_id,
                    o.agreement_number,
                    o.agreement_title,
                    o.period,
                    o.due_date,
                    today,
                )
            )
    return out


def _report_task(
    kind: str,
    action: str,
    report_id: uuid.UUID | None,
    agreement_id: uuid.UUID,
    number: str,
    title: str,
    period: str,
    due: date,
    today: date,
) -> TaskRead:
    href = f"/monitoring-reports/{report_id}" if report_id else agreement_href(agreement_id)
    return TaskRead(
        kind=kind,
        record_type="monitoring_report" if report_id else "agreement",
        record_id=str(report_id or agreement_id),
        agreement_id=agreement_id,
        number=number,
        title=title,
        detail=None,
        stage=None,
        period=period,
        due_date=due,
        overdue=due < today,
        basis=MONEV,
        href=href,
        action=action,
    )


def _obligation_tasks(session: Session, principal: Principal, today: date) -> list[TaskRead]:
    if not obligations_policy.may_write(principal):
        return []
    rows = repo.open_occurrences_until(session, principal, today + timedelta(days=OBLIGATION_HORIZON_DAYS))
    return [
        TaskRead(
            kind="obligation_due",
            record_type="obligation_occurrence",
            record_id=str(o.id),
            agreement_id=o.agreement_id,
            number=o.number,
            title=o.title,
            detail=o.description,
            stage=None,
            period=None,
            due_date=o.due_date,
            overdue=o.due_date < today,
            basis=None,
            href=agreement_href(o.agreement_id),
            action="fulfil",
        )
        for o in rows
    ]


def _dprd_tasks(session: Session, principal: Principal, today: date) -> list[TaskRead]:
    if not procedure_policy.may_record_dprd(principal):
        return []
    return [
        TaskRead(
            kind="dprd_deadline",
            record_type="dprd_approval",
            record_id=str(d.id),
            agreement_id=d.agreement_id,
            number=d.number,
            title=d.title,
            detail=None,
            stage=None,
            period=None,
            due_date=d.deadline_date,
            overdue=d.deadline_date is not None and d.deadline_date < today,
            basis=DPRD,
            href=agreement_href(d.agreement_id),
            action="record_decision",
        )
        for d in repo.pending_dprd(session, principal)
    ]


def _periodic_tasks(session: Session, principal: Principal, today: date) -> list[TaskRead]:
    """The TKKSD's semester and annual reports whose period has ended and that are not finalized."""
    if not periodic_reports_policy.may_finalize(principal):
        return []
    out = []
    for d in periodic_reports_service.deadlines(session, [today.year - 1, today.year]):
        if d.period.end >= today:
            continue  # the period is still running
        out.append(
            TaskRead(
                kind="periodic_report_due",
                record_type="periodic_report",
                record_id=d.period.key,
                agreement_id=None,
                number=None,
                title=d.period.label,
                detail="Bagian kerja sama luar negeri" if d.foreign else None,
                stage=None,
                period=d.period.key,
                due_date=d.due_date,
                overdue=d.due_date < today,
                basis=PERIODIC_FOREIGN if d.foreign else PERIODIC,
                href=f"/periodic-reports?year={d.period.year}&period={d.period.code}",
                action="finalize",
            )
        )
    return out


def queue(session: Session, settings: Settings, principal: Principal) -> TaskList:
    """The caller's tasks: overdue and soonest due first, then those without a date (by number)."""
    today = today_in_region(settings)
    kinds = policy.kinds(principal)
    items: list[TaskRead] = []
    if kinds:
        items += _stage_tasks(session, principal, kinds, today)
        if kinds & {"report_to_fill", *_REPORT_STEP}:
            items += _report_tasks(session, principal, kinds, today)
        if "obligation_due" in kinds:
            items += _obligation_tasks(session, principal, today)
        if "dprd_deadline" in kinds:
            items += _dprd_tasks(session, principal, today)
        if "periodic_report_due" in kinds:
            items += _periodic_tasks(session, principal, today)
    items.sort(
        key=lambda t: (
            t.submission_request is None,  # what the operator asked for first
            t.due_date is None,
            t.due_date or today,
            t.number or "",
            t.kind,
            t.record_id,
        )
    )
    return TaskList(as_of=today, items=items, total=len(items))


# --- the operator asks the head to submit ----------------------------------------------------------


def request_submission(
    session: Session, principal: Principal, agreement: Agreement, data: SubmissionRequestCreate
) -> SubmissionRequestRead:
    """Notify the lead OPD's active heads that a draft waits for them to submit it; audit it."""
    if agreement.stage != "draft":
        raise Conflict(
            f"Only a draft can be submitted; this text is at stage '{agreement.stage}'.", code="not_a_draft"
        )
    if principal.is_opd_scoped and agreement.lead_opd_id != principal.scoped_opd_id:
        raise Forbidden(
            "Only the lead OPD submits its draft; your OPD takes part in this text but does not lead it.",
            code="not_lead_opd",
        )
    machine = machine_for(agreement.kind, agreement.category)
    draft_steps = [t for t in machine.allowed_from("draft") if t.action not in _SIDE_STEPS] if machine else []
    if any(procedure_policy.may_take(principal, t.roles) for t in draft_steps):
        raise Conflict(
            f"You may take '{draft_steps[0].action}' on this draft yourself; no request is needed.",
            code="step_open_to_caller",
        )
    heads = repo.active_users(session, policy.SUBMISSION_REQUEST_RECIPIENTS, agreement.lead_opd_id)
    if not heads:
        raise Conflict("The lead OPD has no active head to ask.", code="no_recipient")
    now = utcnow()
    message = (data.message or "").strip()
    who = principal.full_name or principal.username
    body = f"{who} meminta Anda mengajukan draf kerja sama {agreement.number} — {agreement.title} ke Sekretariat TKKSD."
    if message:
        body += f"\n\nPesan: {message}"
    for head in heads:
        session.add(
            Notification(
                user_id=head.id,
                kind=NOTIFICATION_KIND,
                title=f"Mohon ajukan draf: {agreement.number}"[:300],
                body=body,
                link=agreement_href(agreement.id),
                created_at=now,
            )
        )
    session.flush()
    audit.record(
        session,
        principal.actor,
        "agreement",
        agreement.id,
        repo.REQUEST_ACTION,
        None,
        {"recipients": [str(h.id) for h in heads], "message": message or None},
    )
    return SubmissionRequestRead(
        agreement_id=agreement.id,
        recipients=[RecipientBrief(user_id=h.id, full_name=h.full_name or h.username) for h in heads],
        created_at=now,
    )
