"""HTTP for the dashboard figures (Beranda)."""

from __future__ import annotations

from fastapi import APIRouter

from kerjasama.agreements import service as agreements_service
from kerjasama.core.auth import CurrentPrincipal
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import Problem
from kerjasama.dashboard import repository
from kerjasama.dashboard.schemas import Count, DashboardRead, ExpiringCounts
from kerjasama.models import Agreement

router = APIRouter(prefix="/api/v1", tags=["dashboard"], responses={401: {"model": Problem}})


@router.get("/dashboard", response_model=DashboardRead)
def dashboard(session: DbSession, settings: AppSettings, principal: CurrentPrincipal) -> DashboardRead:
    """Counts for the dashboard, over the agreements in the caller's scope."""
    today = agreements_service.today_in_region(settings)
    scope = agreements_service.scoped_ids(principal)
    head = repository.headline(session, scope, today)

    def plain(column: object) -> list[Count]:
        return [Count(key=k, label=k, count=n) for k, n in repository.counts_by(session, scope, column)]

    return DashboardRead(
        as_of=today,
        total=head["total"],
        in_force=head["in_force"],
        expired=head["expired"],
        expiring=ExpiringCounts(
            within_30=head["within_30"], within_90=head["within_90"], within_180=head["within_180"]
        ),
        by_status=plain(Agreement.status),
        by_category=plain(Agreement.category),
        by_kind=plain(Agreement.kind),
        by_affair=[Count(key=c, label=n, count=k) for c, n, k in repository.counts_by_affair(session, scope)],
        by_lead_opd=[
            Count(key=i, label=a, count=k) for i, a, k in repository.counts_by_lead_opd(session, scope)
        ],
        late_obligations=None,
        reports_overdue=None,
    )
