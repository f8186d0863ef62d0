"""The report workflow: draft → submitted (opd_head) → verified (secretariat) → reviewed (TKKSD) → final.

From each review step a report can be returned, with a reason, by whoever holds the next step. A final
report is frozen. Every step writes a MonitoringReportEvent and an audit entry.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy.orm import Session

from kerjasama.core import audit
from kerjasama.core.auth import Principal
from kerjasama.core.errors import Conflict, Forbidden, Invalid, field_error
from kerjasama.models import Agreement, MonitoringReport, MonitoringReportEvent
from kerjasama.models.base import utcnow
from kerjasama.monitoring import policy
from kerjasama.monitoring.periods import is_foreign, parse_period
from kerjasama.monitoring.reports import build_realisation
from kerjasama.monitoring.schemas import ReportTransitionIn

# The three minimum items of P22 Pasal 17/39 that cannot be copied from the agreement. Other items
# (title, form, parties, purpose, object, term) are read from the agreement; the questionnaire is optional.
REQUIRED_TO_SUBMIT = ("problems", "solutions", "other_matters")
# Foreign cooperation (KSDPL/KSDLL): the contents of Permendagri 25/2020 Pasal 37 not copied from the
# agreement (judul, maksud dan tujuan and ruang lingkup are): latar belakang, perkembangan dan hasil,
# penerima manfaat, pembiayaan, kendala, analisis dan tindak lanjut.
REQUIRED_TO_SUBMIT_FOREIGN = (
    "background",
    "progress_results",
    "beneficiaries",
    "funding",
    "problems",
    "analysis",
    "follow_up",
)


def required_to_submit(agreement: Agreement) -> tuple[str, ...]:
    return REQUIRED_TO_SUBMIT_FOREIGN if is_foreign(agreement.category) else REQUIRED_TO_SUBMIT


@dataclass(frozen=True)
class Step:
    action: str
    from_status: str
    to_status: str
    roles: tuple[str, ...]


# draft → submitted (opd_head) → verified (secretariat) → reviewed (TKKSD) → final (secretariat).
# A report can be returned from each review step by whoever holds the next step; admin may do all.
STEPS: tuple[Step, ...] = (
    Step("submit", "draft", "submitted", policy.SUBMITTERS),
    Step("submit", "returned", "submitted", policy.SUBMITTERS),
    Step("verify", "submitted", "verified", policy.VERIFIERS),
    Step("return", "submitted", "returned", policy.VERIFIERS),
    Step("review", "verified", "reviewed", policy.REVIEWERS),
    Step("return", "verified", "returned", policy.REVIEWERS),
    Step("finalise", "reviewed", "final", policy.FINALISERS),
    Step("return", "reviewed", "returned", policy.FINALISERS),
)


def allowed_actions(status: str) -> list[str]:
    """The actions possible from this status, whoever takes them (the 409 `action_not_allowed` list)."""
    return list(dict.fromkeys(s.action for s in STEPS if s.from_status == status))


def actions_for(principal: Principal, status: str) -> list[str]:
    """The actions this caller may take now: possible from the status and open to the caller's role."""
    return list(
        dict.fromkeys(
            s.action for s in STEPS if s.from_status == status and policy.may_take_step(principal, s.roles)
        )
    )


def check_workflow_role(principal: Principal) -> None:
    if not policy.takes_workflow_steps(principal):
        raise Forbidden(
            f"Role '{principal.role}' takes no step of the report workflow.", code="role_forbidden"
        )


def transition(
    session: Session,
    principal: Principal,
    agreement: Agreement,
    report: MonitoringReport,
    data: ReportTransitionIn,
    today: date,
    now: datetime | None = None,
) -> MonitoringReportEvent:
    """Move the report one workflow step; `now` lets the demo data date its history."""
    now = now or utcnow()
    step = next((s for s in STEPS if s.action == data.action and s.from_status == report.status), None)
    if step is None:
        raise Conflict(
            f"'{data.action}' is not possible while the report is {report.status}.",
            code="action_not_allowed",
            extra={"allowed_actions": allowed_actions(report.status)},
        )
    if not policy.may_take_step(principal, step.roles):
        raise Forbidden(
            f"Role '{principal.role}' may not '{step.action}' a {report.status} report; "
            f"allowed: {', '.join(step.roles)}.",
            code="role_forbidden",
        )
    reason = (data.reason or "").strip() or None
    if step.action == "return" and reason is None:
        raise Invalid(
            "Say why the report goes back.",
            errors=[field_error("reason", "required to return a report", "reason_required")],
        )
    if step.action == "submit":
        missing = [f for f in required_to_submit(agreement) if not getattr(report, f).strip()]
        if missing:
            raise Invalid(
                "Fill in before submitting: " + ", ".join(missing),
                code="report_incomplete",
                errors=[field_error(f, "required before submitting", "required", "report") for f in missing],
            )
        # The submitted report shows the fulfilment records as they stand when it is submitted.
        report.realisation = build_realisation(session, agreement.id, parse_period(report.period), today)
        report.return_reason = None
        # On-time is judged by the first submission: a report returned for corrections after an
        # on-time submission was still delivered on time.
        report.submitted_at = report.submitted_at or now
    if step.action == "return":
        report.return_reason = reason
    if step.action == "finalise":
        report.finalised_at = now
    from_status = report.status
    report.status = step.to_status
    event = MonitoringReportEvent(
        report_id=report.id,
        action=step.action,
        from_status=from_status,
        to_status=step.to_status,
        actor_id=principal.user_id,
        actor_username=principal.username,
        actor_role=principal.role,
        reason=reason,
        at=now,
    )
    session.add(event)
    session.flush()
    audit.record(
        session,
        principal.actor,
        "monitoring_report",
        report.id,
        step.action,
        {"status": from_status},
        {"status": report.status, "reason": reason},
    )
    return event
