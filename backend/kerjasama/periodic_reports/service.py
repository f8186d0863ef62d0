"""Business rules of the periodic report: preview, finalize (once, immutably), sendings, deadlines."""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from kerjasama.core import audit
from kerjasama.core.auth import Principal
from kerjasama.core.config import Settings
from kerjasama.core.errors import Conflict, Invalid, NotFound, field_error
from kerjasama.core.pagination import Page, decode_cursor, encode_cursor, parse_sort
from kerjasama.models import PeriodicReport, PeriodicReportSending
from kerjasama.periodic_reports import policy, reads, render_pdf, render_xlsx
from kerjasama.periodic_reports import repository as repo
from kerjasama.periodic_reports.periods import FOREIGN_CATEGORIES, PERIOD_CODES, PeriodCode, ReportPeriod
from kerjasama.periodic_reports.schemas import (
    FinalizedReportRead,
    PeriodicReportRead,
    ReportFormat,
    SendingCreate,
    SendingRead,
)

JSON_MEDIA_TYPE = "application/json"
MEDIA_TYPES: dict[str, str] = {
    "json": JSON_MEDIA_TYPE,
    "pdf": render_pdf.MEDIA_TYPE,
    "xlsx": render_xlsx.MEDIA_TYPE,
}
SORTS = {"period_end": (PeriodicReport.period_end, "date")}


@dataclass(frozen=True)
class Rendered:
    """One format of a report, ready to send."""

    body: bytes
    media_type: str
    sha256: str
    filename: str
    finalized: bool


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def filename(home_region: str, period: ReportPeriod, fmt: str) -> str:
    return f"laporan-kerja-sama-{home_region}-{period.key}.{fmt}"


def _not_found() -> NotFound:
    return NotFound("No finalized periodic report for this period.", code="periodic_report_not_found")


def compile_now(
    session: Session, settings: Settings, period: ReportPeriod, today: date, now: datetime
) -> PeriodicReportRead:
    return reads.compile_report(session, settings.home_region, period, today, now)


def render(report: PeriodicReportRead, fmt: ReportFormat, settings: Settings) -> bytes:
    if fmt == "pdf":
        return render_pdf.render(report, settings.timezone)
    if fmt == "xlsx":
        return render_xlsx.render(report)
    return report.model_dump_json().encode()


def _stored(row: PeriodicReport, fmt: ReportFormat, home_region: str) -> Rendered:
    body, digest = {
        "json": (row.content_json, row.json_sha256),
        "pdf": (row.pdf, row.pdf_sha256),
        "xlsx": (row.xlsx, row.xlsx_sha256),
    }[fmt]
    period = ReportPeriod(row.year, _code(row.period))
    return Rendered(body, MEDIA_TYPES[fmt], digest, filename(home_region, period, fmt), True)


def _code(value: str) -> PeriodCode:
    for code in PERIOD_CODES:
        if code == value:
            return code
    raise ValueError(value)


def current(
    session: Session,
    settings: Settings,
    principal: Principal,
    period: ReportPeriod,
    fmt: ReportFormat,
    today: date,
    now: datetime,
) -> Rendered:
    """The finalized snapshot when there is one, else (for the roles that may preview) the live report."""
    policy.check_read(principal)
    row = repo.finalized(session, period.year, period.code)
    if row is not None:
        return _stored(row, fmt, settings.home_region)
    if not policy.may_preview(principal):
        raise _not_found()
    body = render(compile_now(session, settings, period, today, now), fmt, settings)
    return Rendered(body, MEDIA_TYPES[fmt], sha256(body), filename(settings.home_region, period, fmt), False)


def finalize(
    session: Session,
    settings: Settings,
    principal: Principal,
    period: ReportPeriod,
    today: date,
    now: datetime,
) -> PeriodicReport:
    """Compile, render the three formats once and store them with their SHA-256: the snapshot."""
    policy.check_finalize(principal)
    if repo.finalized(session, period.year, period.code) is not None:
        raise Conflict(f"{period.label} is already finalized.", code="period_already_finalized")
    if today <= period.end:
        raise Conflict(
            f"{period.label} ends on {period.end.isoformat()}: a period is finalized after it has ended.",
            code="period_not_ended",
        )
    report = compile_now(session, settings, period, today, now)
    report = report.model_copy(update={"status": "finalized", "finalized_at": now.replace(microsecond=0)})
    content = render(report, "json", settings)
    pdf = render(report, "pdf", settings)
    xlsx = render(report, "xlsx", settings)
    row = PeriodicReport(
        year=period.year,
        period=period.code,
        period_start=period.start,
        period_end=period.end,
        generated_at=report.generated_at,
        finalized_at=report.finalized_at,
        finalized_by=principal.user_id,
        finalized_by_username=principal.username,
        content_json=content,
        json_sha256=sha256(content),
        pdf=pdf,
        pdf_sha256=sha256(pdf),
        xlsx=xlsx,
        xlsx_sha256=sha256(xlsx),
    )
    try:
        with session.begin_nested():  # a concurrent finalize of the same period loses on the unique key
            session.add(row)
            session.flush()
    except IntegrityError as exc:
        raise Conflict(f"{period.label} is already finalized.", code="period_already_finalized") from exc
    audit.record(
        session,
        principal.actor,
        "periodic_report",
        row.id,
        "finalize",
        after={
            "year": row.year,
            "period": row.period,
            "json_sha256": row.json_sha256,
            "pdf_sha256": row.pdf_sha256,
            "xlsx_sha256": row.xlsx_sha256,
            "agreements": report.summary.total,
        },
    )
    return row


def record_sending(
    session: Session, principal: Principal, period: ReportPeriod, data: SendingCreate, today: date
) -> PeriodicReportSending:
    """Record that the finalized report went to the Wali Kota or the Gubernur (date, letter number)."""
    policy.check_finalize(principal)
    row = repo.finalized(session, period.year, period.code)
    if row is None:
        raise Conflict(
            f"{period.label} is not finalized: finalize it before recording a sending.",
            code="period_not_finalized",
        )
    letter = data.letter_number.strip()
    if not letter:
        raise Invalid(
            "letter_number is empty.",
            errors=[field_error("letter_number", "must not be blank", "letter_number_blank")],
        )
    if data.sent_date > today:
        raise Invalid(
            "sent_date lies in the future.",
            errors=[field_error("sent_date", "must be today or earlier", "sent_date_in_future")],
        )
    sending = PeriodicReportSending(
        report_id=row.id,
        recipient=data.recipient,
        sent_date=data.sent_date,
        letter_number=letter,
        created_by=principal.user_id,
    )
    session.add(sending)
    session.flush()
    audit.record(
        session,
        principal.actor,
        "periodic_report",
        row.id,
        "record_sending",
        after={
            "sending_id": sending.id,
            "recipient": sending.recipient,
            "sent_date": sending.sent_date,
            "letter_number": letter,
        },
    )
    return sending


def sending_read(s: PeriodicReportSending) -> SendingRead:
    return SendingRead.model_validate(s, from_attributes=True)


def _meta_read(principal: Principal, row: Any, sendings: list[PeriodicReportSending]) -> FinalizedReportRead:
    """`row`: a row of repository.LIST_COLUMNS."""
    period = ReportPeriod(row.year, _code(row.period))
    return FinalizedReportRead(
        id=row.id,
        year=period.year,
        period=period.code,
        period_label=period.label,
        period_start=period.start,
        period_end=period.end,
        generated_at=row.generated_at,
        finalized_at=row.finalized_at,
        finalized_by=row.finalized_by_username if policy.sees_user_names(principal) else None,
        json_sha256=row.json_sha256,
        pdf_sha256=row.pdf_sha256,
        xlsx_sha256=row.xlsx_sha256,
        sendings=[sending_read(s) for s in sendings],
    )


def finalized_meta(session: Session, principal: Principal, report_id: uuid.UUID) -> FinalizedReportRead:
    policy.check_read(principal)
    row = repo.meta_row(session, report_id)
    if row is None:
        raise _not_found()
    return _meta_read(principal, row, repo.sendings(session, [report_id]).get(report_id, []))


def list_finalized(
    session: Session,
    principal: Principal,
    *,
    year: int | None,
    period: str | None,
    limit: int,
    cursor: str | None,
    sort: str | None,
) -> Page[FinalizedReportRead]:
    policy.check_read(principal)
    sort_value, spec = parse_sort(sort, SORTS, "-period_end")
    after = decode_cursor(cursor, sort_value, spec) if cursor else None
    stmt = repo.listing(year, period)
    total = repo.count(session, stmt)
    rows = repo.page(session, stmt, spec, after, limit)
    more = len(rows) > limit
    rows = rows[:limit]
    by_report = repo.sendings(session, [r.id for r in rows])
    items = [_meta_read(principal, r, by_report.get(r.id, [])) for r in rows]
    next_cursor = encode_cursor(sort_value, rows[-1].period_end, rows[-1].id) if more and rows else None
    return Page[FinalizedReportRead](items=items, next_cursor=next_cursor, total=total)


def finalized_file(
    session: Session, settings: Settings, principal: Principal, report_id: uuid.UUID, fmt: ReportFormat
) -> Rendered:
    policy.check_read(principal)
    row = repo.finalized_by_id(session, report_id)
    if row is None:
        raise _not_found()
    return _stored(row, fmt, settings.home_region)


# --- deadlines, for the reminder job ---------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """A report still to finalize and when it is due. `foreign`: the annual report's foreign part."""

    period: ReportPeriod
    due_date: date
    foreign: bool


def deadlines(session: Session, years: list[int]) -> list[Deadline]:
    """Every deadline of the given years' reports that are not finalized yet. The foreign part of an
    annual report (due 7 January) counts only when KSDPL/KSDLL texts were active that year."""
    done = repo.finalized_periods(session, years)
    out: list[Deadline] = []
    for year in years:
        for code in PERIOD_CODES:
            if (year, code) in done:
                continue
            period = ReportPeriod(year, code)
            out.append(Deadline(period, period.due_date, False))
            foreign_due = period.foreign_due_date
            if foreign_due is not None and repo.has_foreign(
                session, period.start, period.end, FOREIGN_CATEGORIES
            ):
                out.append(Deadline(period, foreign_due, True))
    return out
