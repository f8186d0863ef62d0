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


class ReportFigures(BaseModel):
    periods: list[str] = Field(
        description="The reporting period of each cadence: the latest semester and year that have ended"
    )
    expected: int = Field(description="Reports owed for those periods (the sum of the four states)")
    owed: int = Field(description="Not submitted yet, due date not passed")
    submitted: int = Field(description="Submitted, verified, reviewed or final")
    overdue: int = Field(description="Due date passed; the report is a draft or was returned")
    missing: int = Field(description="Due date passed; no report started")


class OpdCompliance(BaseModel):
    opd_id: str = Field(description="OPD id")
    label: str = Field(description="OPD abbreviation")
    reports_due: int = Field(
        description="Reports of the reporting period (lead OPD) whose due date has passed"
    )
    reports_on_time: int = Field(description="Of those, submitted (or beyond) on or before the due date")
    reports_on_time_rate: float | None = Field(
        description="reports_on_time / reports_due, 0–1 rounded to 4 places; null when nothing was due"
    )
    obligations_due: int = Field(
        description="Obligation occurrences (responsible OPD, else lead OPD) whose due date has passed, "
        "force majeure suspensions left out"
    )
    obligations_on_time: int = Field(description="Of those, fulfilled on or before the due date")
    obligations_on_time_rate: float | None = Field(
        description="obligations_on_time / obligations_due, 0–1 rounded to 4 places; null when nothing was due"
    )


class DashboardRead(BaseModel):
    as_of: date = Field(description="Today in the region's calendar")
    total: int = Field(description="Agreements in the caller's scope")
    in_force: int = Field(
        description="Agreements in force today (a signed text whose start date is ahead is not counted)"
    )
    expired: int = Field(description="In force but past the end date: awaiting the secretariat's action")
    expiring: ExpiringCounts = Field(description="Agreements in force ending soon")
    by_status: list[Count] = Field(
        description="Counts by lifecycle status; signed texts whose start date is ahead count as not_yet_in_force"
    )
    by_category: list[Count] = Field(description="Counts by category")
    by_kind: list[Count] = Field(description="Counts by kind of text")
    by_affair: list[Count] = Field(
        description="Counts by affair (an agreement with two affairs counts in both)"
    )
    by_lead_opd: list[Count] = Field(description="Counts by lead OPD")
    late_obligations: int = Field(
        description="Obligation occurrences past their due date and still pending or in progress"
    )
    reports_overdue: int = Field(
        description="Reports of the reporting period past their due date and not submitted: "
        "reports.overdue + reports.missing"
    )
    reports: ReportFigures = Field(description="Monitoring reports of the reporting period")
    compliance: list[OpdCompliance] = Field(
        description="Per OPD: reports and obligations on time; OPDs with nothing owed are left out"
    )
