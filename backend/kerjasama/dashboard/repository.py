"""Aggregate queries for the dashboard: a few GROUP BYs over the caller's scope, never a loop."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, and_, case, func, select, true
from sqlalchemy.orm import Session

from kerjasama.models import Affair, Agreement, AgreementAffair, Obligation, ObligationOccurrence, Opd
from kerjasama.models.obligations import OPEN_STATUSES
from kerjasama.rules.status import in_force_clause, not_yet_in_force_clause

# `scope` below is the SELECT of the caller's agreement ids (core/scope.scoped_agreement_ids), or None
# for a role that sees every agreement: no `id IN (SELECT id FROM agreement)` to plan and run (issue 16).
Scope = Select[Any] | None


def _within(column: Any, scope: Scope) -> Any:
    return column.in_(scope) if scope is not None else true()


def headline(session: Session, scope: Scope, today: date) -> dict[str, int]:
    in_force = in_force_clause(today)  # signed texts whose start date is ahead are not counted

    def ending_within(days: int) -> Any:
        return func.sum(
            case(
                (
                    in_force
                    & (Agreement.end_date >= today)
                    & (Agreement.end_date <= today + timedelta(days=days)),
                    1,
                ),
                else_=0,
            )
        )

    row = session.execute(
        select(
            func.count(),
            func.sum(case((in_force, 1), else_=0)),
            func.sum(case((in_force & (Agreement.end_date < today), 1), else_=0)),
            ending_within(30),
            ending_within(90),
            ending_within(180),
        ).where(_within(Agreement.id, scope))
    ).one()
    keys = ("total", "in_force", "expired", "within_30", "within_90", "within_180")
    return {k: int(v or 0) for k, v in zip(keys, row, strict=True)}


def status_on(today: date) -> Any:
    """The lifecycle status of `today`: a signed text whose start date is ahead is not_yet_in_force."""
    return case((not_yet_in_force_clause(today), "not_yet_in_force"), else_=Agreement.status)


def counts_by(session: Session, scope: Scope, column: Any) -> list[tuple[str, int]]:
    rows = session.execute(
        select(column, func.count()).where(_within(Agreement.id, scope)).group_by(column).order_by(column)
    ).all()
    return [(str(k), int(n)) for k, n in rows]


def counts_by_affair(session: Session, scope: Scope) -> list[tuple[str, str, int]]:
    rows = session.execute(
        select(Affair.code, Affair.name, func.count())
        .join(AgreementAffair, AgreementAffair.affair_code == Affair.code)
        .where(_within(AgreementAffair.agreement_id, scope))
        .group_by(Affair.code, Affair.name)
        .order_by(func.count().desc(), Affair.code)
    ).all()
    return [(c, n, int(k)) for c, n, k in rows]


def counts_by_lead_opd(session: Session, scope: Scope) -> list[tuple[str, str, int]]:
    rows = session.execute(
        select(Opd.id, Opd.abbreviation, func.count())
        .join(Agreement, Agreement.lead_opd_id == Opd.id)
        .where(_within(Agreement.id, scope))
        .group_by(Opd.id, Opd.abbreviation)
        .order_by(func.count().desc(), Opd.abbreviation)
    ).all()
    return [(str(i), a, int(k)) for i, a, k in rows]


def obligation_counts_by_opd(session: Session, scope: Scope, today: date) -> list[tuple[Any, ...]]:
    """Per OPD (the obligation's responsible OPD, else the agreement's lead OPD): late occurrences,
    occurrences due so far and those fulfilled on time. One statement.

    Due so far: due date before today (the deadline has passed), force majeure suspensions left out
    (they are excused). On time: fulfilled, on or before the due date. Late: past due, still open.

    The occurrences are counted per obligation first, and only then joined to their obligation,
    agreement and OPD: one join per obligation instead of three per occurrence (at 10 000 agreements on
    SQLite, 110 000 occurrences: 350 → 100 ms, issue 16). Occurrences not yet due count nowhere, so
    they are left out before the count; an OPD with none due gets no row (the dashboard skips it).
    """
    occ = ObligationOccurrence
    due = occ.status != "suspended_force_majeure"
    on_time = and_(due, occ.status == "fulfilled", occ.fulfilled_on <= occ.due_date)
    late = occ.status.in_(OPEN_STATUSES)

    def count(condition: Any) -> Any:
        return func.sum(case((condition, 1), else_=0))

    per_obligation = select(
        occ.obligation_id.label("obligation_id"),
        count(late).label("late"),
        count(due).label("due"),
        count(on_time).label("on_time"),
    ).where(occ.due_date < today)
    if scope is not None:  # an OPD's obligations: lookups by obligation, not a pass over every occurrence
        per_obligation = per_obligation.where(
            occ.obligation_id.in_(select(Obligation.id).where(Obligation.agreement_id.in_(scope)))
        )
    per = per_obligation.group_by(occ.obligation_id).subquery("per_obligation")
    opd_id = func.coalesce(Obligation.responsible_opd_id, Agreement.lead_opd_id)
    rows = session.execute(
        select(Opd.id, Opd.abbreviation, func.sum(per.c.late), func.sum(per.c.due), func.sum(per.c.on_time))
        .select_from(per)
        .join(Obligation, Obligation.id == per.c.obligation_id)
        .join(Agreement, Agreement.id == Obligation.agreement_id)
        .join(Opd, Opd.id == opd_id)
        .group_by(Opd.id, Opd.abbreviation)
    ).all()
    return [(i, a, int(late_n or 0), int(due_n or 0), int(ok or 0)) for i, a, late_n, due_n, ok in rows]
