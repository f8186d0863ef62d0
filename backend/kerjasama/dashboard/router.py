"""HTTP for the dashboard figures (Beranda)."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Depends
from sqlalchemy.orm import Session

from kerjasama.core.auth import CurrentPrincipal, Principal
from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.core.db import Database
from kerjasama.core.deps import AppSettings, DbSession, get_database
from kerjasama.core.errors import problems
from kerjasama.core.scope import is_limited, scope_key, scoped_agreement_ids
from kerjasama.dashboard import repository
from kerjasama.dashboard.schemas import Count, DashboardRead, ExpiringCounts, OpdCompliance, ReportFigures
from kerjasama.models import Agreement
from kerjasama.monitoring import service as monitoring_service

router = APIRouter(tags=["dashboard"], responses=problems(401))


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@router.get("/dashboard", response_model=DashboardRead, operation_id="dashboard_get")
def dashboard(
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    database: Annotated[Database, Depends(get_database)],
) -> DashboardRead:
    """Counts for the dashboard, over the agreements in the caller's scope.

    Reports are counted for the reporting period (the latest semester, or year, that has ended; see
    GET /monitoring/due). Compliance per OPD: reports submitted on or before their due date out of those
    whose due date has passed, and obligation occurrences fulfilled on or before their due date out of
    those whose due date has passed.
    """
    today = today_in_region(settings)
    # The same scope, day and data give the same figures: computed once, until a write changes the data.
    return database.read_cache.get_or_compute(
        session,
        ("dashboard", scope_key(principal), today, settings.timezone),
        lambda: _compute(session, settings, principal, today),
    )


def _compute(session: Session, settings: Settings, principal: Principal, today: date) -> DashboardRead:
    scope = scoped_agreement_ids(principal) if is_limited(principal) else None  # None: no IN (SELECT …)
    head = repository.headline(session, scope, today)

    def plain(column: object) -> list[Count]:
        return [Count(key=k, label=k, count=n) for k, n in repository.counts_by(session, scope, column)]

    periods, reports = monitoring_service.report_counts_by_opd(session, scope, today, settings.timezone)
    obligations = repository.obligation_counts_by_opd(session, scope, today)
    labels = {r.opd_id: r.label for r in reports} | {row[0]: row[1] for row in obligations}
    report_by_opd = {r.opd_id: r for r in reports}
    obligation_by_opd = {row[0]: row for row in obligations}
    compliance = []
    for opd_id in sorted(labels, key=lambda i: (labels[i], str(i))):
        rep = report_by_opd.get(opd_id)
        reports_due, reports_on_time = (rep.due_passed, rep.on_time) if rep else (0, 0)
        _, _, _, obligations_due, obligations_on_time = obligation_by_opd.get(opd_id, (None, "", 0, 0, 0))
        if not (rep and rep.expected) and not obligations_due:
            continue  # no report owed and no occurrence due yet: nothing to rate
        compliance.append(
            OpdCompliance(
                opd_id=str(opd_id),
                label=labels[opd_id],
                reports_due=reports_due,
                reports_on_time=reports_on_time,
                reports_on_time_rate=_rate(reports_on_time, reports_due),
                obligations_due=obligations_due,
                obligations_on_time=obligations_on_time,
                obligations_on_time_rate=_rate(obligations_on_time, obligations_due),
            )
        )
    figures = ReportFigures(
        periods=[p.code for p in periods],
        expected=sum(r.expected for r in reports),
        owed=sum(r.owed for r in reports),
        submitted=sum(r.submitted for r in reports),
        overdue=sum(r.overdue for r in reports),
        missing=sum(r.missing for r in reports),
    )
    return DashboardRead(
        as_of=today,
        total=head["total"],
        in_force=head["in_force"],
        expired=head["expired"],
        expiring=ExpiringCounts(
            within_30=head["within_30"], within_90=head["within_90"], within_180=head["within_180"]
        ),
        by_status=plain(repository.status_on(today)),
        by_category=plain(Agreement.category),
        by_kind=plain(Agreement.kind),
        by_affair=[Count(key=c, label=n, count=k) for c, n, k in repository.counts_by_affair(session, scope)],
        by_lead_opd=[
            Count(key=i, label=a, count=k) for i, a, k in repository.counts_by_lead_opd(session, scope)
        ],
        late_obligations=sum(row[2] for row in obligations),
        reports_overdue=figures.overdue + figures.missing,
        reports=figures,
        compliance=compliance,
    )
