"""Query parameters of the exports that have no list of their own."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, Field

from kerjasama.monitoring.periods import PERIOD_PATTERN


class ReportExportFilters(BaseModel):
    """Filters of the monitoring-report export (query parameters)."""

    period: str | None = Field(
        None, pattern=PERIOD_PATTERN, max_length=7, description="2026-S1, 2026-S2 or 2026, as on the due list"
    )
    status: Literal["draft", "submitted", "verified", "reviewed", "final", "returned"] | None = Field(
        None, description="Report status"
    )
    lead_opd_id: uuid.UUID | None = Field(None, description="Reports of agreements led by this OPD")
    agreement_id: uuid.UUID | None = Field(None, description="Reports of this agreement")
