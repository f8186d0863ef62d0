"""Read models of the procedure engine: the rules, the machines, an agreement's history, DPRD approvals.

One function per shape; the ones about an agreement take the principal they render for, so that what a
role sees of them is decided here.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy.orm import Session

from kerjasama.core.auth import Principal
from kerjasama.core.http import API_PREFIX
from kerjasama.core.policy import person
from kerjasama.models import Agreement, DprdApproval, Holiday
from kerjasama.procedure import calendar
from kerjasama.procedure import repository as repo
from kerjasama.procedure.machines import MACHINES
from kerjasama.procedure.schemas import (
    DisputePath,
    DprdApprovalRead,
    HistoryEntry,
    HolidayRead,
    MachineRead,
    ProceduresRead,
    RuleRead,
    TransitionSpec,
)
from kerjasama.rules.catalogue import RULES
from kerjasama.rules.context import dprd_granted
from kerjasama.rules.disputes import DISPUTE_PATHS


def rules() -> list[RuleRead]:
    """The regulation checks, each with its legal basis and where it is enforced, in rule order."""
    guarded: dict[str, list[str]] = {}
    for m in MACHINES:
        for t in m.transitions:
            for rule_id in t.rules:
                guarded.setdefault(rule_id, []).append(f"{m.id}.{t.action}")
    return [
        RuleRead(
            id=r.id,
            severity=r.severity,
            title_id=r.title_id,
            title_en=r.title_en,
            basis=r.basis,
            fields=list(r.fields),
            enforced_in=[r.enforced_in] if r.enforced_in else guarded.get(r.id, []),
        )
        for r in sorted(RULES.values(), key=lambda r: int(r.id[1:]))
    ]


def procedures() -> ProceduresRead:
    """The stage machines per kind and category, the legacy import and the dispute paths."""
    machines = [
        MachineRead(
            id=m.id,
            title_id=m.title_id,
            title_en=m.title_en,
            kinds=list(m.kinds),
            categories=list(m.categories),
            stages=list(m.stages),
            optional_stages=list(m.optional_stages),
            transitions=[
                TransitionSpec(
                    action=t.action,
                    from_stages=list(t.from_stages),
                    to_stage=t.to_stage,
                    roles=list(t.roles),
                    rules=list(t.rules),
                    needs_reason=t.needs_reason,
                    needs_date=t.needs_date,
                    label_id=t.label_id,
                    label_en=t.label_en,
                )
                for t in m.transitions
            ],
        )
        for m in MACHINES
    ]
    return ProceduresRead(
        machines=machines,
        legacy_import=f"POST {API_PREFIX}/agreements with is_legacy_import=true and status in_force or ended (secretariat); "
        "PP 28/2018 Pasal 48 keeps earlier agreements valid.",
        dispute_paths=[
            DisputePath(category=c, path_id=p[0], path_en=p[1], basis=p[2]) for c, p in DISPUTE_PATHS.items()
        ],
    )


def history(session: Session, agreement: Agreement, principal: Principal) -> list[HistoryEntry]:
    """Stage transitions and field-level changes of an agreement, oldest first."""
    entries = [
        HistoryEntry(
            kind="transition",
            at=t.at,
            actor_username=person(principal, t.actor_username),
            actor_role=t.actor_role,
            action=t.action,
            from_stage=t.from_stage,
            to_stage=t.to_stage,
            reason=t.reason,
            justification=t.justification,
            document_ids=list(t.document_ids or []),
        )
        for t in repo.transitions_for(session, agreement.id)
    ]
    transition_actions = {e.action for e in entries}
    entries += [
        HistoryEntry(
            kind="change",
            at=a.at,
            actor_username=person(principal, a.actor_username),
            actor_role=a.actor_role,
            action=a.action,
            before=a.before,
            after=a.after,
        )
        for a in repo.audit_for(session, agreement.id)
        if a.action in ("create", "update", "amended_by") or a.action not in transition_actions
    ]
    return sorted(entries, key=lambda e: (e.at, e.kind != "change"))


def dprd_approval(approval: DprdApproval, today: date, principal: Principal) -> DprdApprovalRead:
    """A DPRD approval request with its deadline and whether it is deemed approved (silence)."""
    base = {k: getattr(approval, k) for k in DprdApprovalRead.model_fields if k != "deemed_approved"}
    deemed = approval.decision == "pending" and dprd_granted([approval], today)
    return DprdApprovalRead(**base, deemed_approved=deemed)


def managed_holiday(row: Holiday) -> HolidayRead:
    """A day the admin added (a regional day, or a cuti bersama the national calendar does not know)."""
    kind: calendar.Kind = "regional" if row.kind == "regional" else "cuti_bersama"
    return HolidayRead(day=row.day, name=row.name, kind=kind, source="local")


def holidays(session: Session, year: int) -> list[HolidayRead]:
    """The non-working days of a year, each with its kind and source; a managed day overrides the
    package's day of the same date."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    managed = {h.day: h for h in repo.managed_holidays(session, start, end)}
    out = [
        HolidayRead(day=d, name=n, kind=k, source="national_calendar")
        for d, (n, k) in calendar.package_days(range(year, year + 1)).items()
        if d not in managed
    ]
    out += [managed_holiday(h) for h in managed.values()]
    return sorted(out, key=lambda h: h.day)
