from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field


class Count(BaseModel):
    key: str = Field(description="Code or id of the group")
    label: str = Field(
        description="Human label of the group (Indonesian name for affairs, abbreviation for OPDs)"
    )
    count: int = Field(description="Agreements in the group")


class ExpiringCounts(BaseModel):
    within_30: int = Field(description="In force and ending within 30 days")
    within_90: int = Field(description="In force and ending within 90 days")
    within_180: int = Field(description="In force and ending within 180 days")


class DashboardRead(BaseModel):
    as_of: date = Field(description="Today in the region's calendar")
    total: int = Field(description="Agreements in the caller's scope")
    in_force: int = Field(description="Agreements in force")
    expired: int = Field(description="In force but past the end date: awaiting the secretariat's action")
    expiring: ExpiringCounts = Field(description="Agreements in force ending soon")
    by_status: list[Count] = Field(description="Counts by lifecycle status")
    by_category: list[Count] = Field(description="Counts by category")
    by_kind: list[Count] = Field(description="Counts by kind of text")
    by_affair: list[Count] = Field(
        description="Counts by affair (an agreement with two affairs counts in both)"
    )
    by_lead_opd: list[Count] = Field(description="Counts by lead OPD")
    late_obligations: int | None = Field(
        description="Late obligation occurrences; null until obligation schedules exist"
    )
    reports_overdue: int | None = Field(
        description="Overdue monitoring reports; null until monitoring exists"
    )
