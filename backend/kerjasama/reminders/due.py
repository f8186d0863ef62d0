"""What is due today: one DueItem per dated thing whose rule threshold has been crossed.

Thresholds are crossed, not hit: a reminder fires when the date is *at most* N days ahead (or at least
N days past), so a run missed yesterday still sends today. Only the most urgent crossed threshold
fires: a first run 20 days before an expiry sends the 30-day reminder, not 180, 90 and 30 at once.
The dedupe key names the thing, its date and the threshold, so each fires once; a changed date
(an amended end date, a rescheduled occurrence) arms the reminders again.

An occurrence that went overdue long before its threshold was reached by any run (historic data
entered late, or a first run on an old register) is not reminded: more than OVERDUE_CATCH_UP_DAYS
past its last threshold it is history, listed in the app (late obligations, the dashboard), and a
first run would otherwise send the secretariat one e-mail per old item.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy.orm import Session

from kerjasama.models import ReminderRule
from kerjasama.monitoring import service as monitoring_service
from kerjasama.monitoring.periods import period_containing, reporting_period
from kerjasama.periodic_reports import service as periodic_reports_service
from kerjasama.reminders import repository as repo
from kerjasama.reminders import texts

OVERDUE_CATCH_UP_DAYS = 60


@dataclass(frozen=True)
class DueItem:
    kind: str
    dedupe_key: str
    entity_type: str
    entity_id: uuid.UUID
    agreement_id: uuid.UUID | None
    opd_id: uuid.UUID | None
    due_date: date
    title: str
    body: str
    link: str  # path in the web app

    def values(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "dedupe_key": self.dedupe_key,
            "entity_type": self.entity_type,
            "entity_id": self.entity_id,
            "agreement_id": self.agreement_id,
            "opd_id": self.opd_id,
            "due_date": self.due_date,
            "title": self.title[: texts.TITLE_MAX],
            "body": self.body,
            "link": self.link,
        }


def before_threshold(days_left: int, offsets: Iterable[int]) -> int | None:
    """The most urgent 'N days before' threshold crossed with `days_left` to go (None: none, or past)."""
    crossed = [n for n in offsets if 0 <= days_left <= n]
    return min(crossed) if crossed else None


def after_threshold(days_late: int, offsets: Iterable[int]) -> int | None:
    """The most urgent 'N days after' threshold crossed `days_late` days after the date."""
    crossed = [n for n in offsets if days_late >= n]
    return max(crossed) if crossed else None


def agreement_link(agreement_id: uuid.UUID) -> str:
    return f"/agreements/{agreement_id}"


def collect(session: Session, rules: dict[str, ReminderRule], today: date) -> list[DueItem]:
    """Every reminder due today under the enabled rules (already-sent ones included: the insert skips them)."""

    def offsets(kind: str) -> Sequence[int]:
        rule = rules.get(kind)
        return list(rule.offsets_days or []) if rule is not None and rule.enabled else []

    items: list[DueItem] = []
    items += _expiry(session, offsets("agreement_expiry"), today)
    items += _obligations_due(session, offsets("obligation_due"), today)
    items += _obligations_overdue(session, offsets("obligation_overdue"), today)
    report_due, report_overdue = offsets("report_due"), offsets("report_overdue")
    if report_due or report_overdue:
        items += _reports(session, report_due, report_overdue, today)
    items += _dprd(session, offsets("dprd_deadline"), today)
    items += _periodic_reports(session, offsets("periodic_report_due"), today)
    items += _offer_answers(session, offsets("offer_answer_due"), today)
    return items


def _expiry(session: Session, offsets: Sequence[int], today: date) -> list[DueItem]:
    if not offsets:
        return []
    out = []
    for a in repo.agreements_ending(session, today, today + timedelta(days=max(offsets))):
        days = (a.end_date - today).days
        n = before_threshold(days, offsets)
        if n is None:
            continue
        title, body = texts.expiry(a.number, a.title, a.end_date, days)
        out.append(
            DueItem(
                "agreement_expiry",
                f"agreement_expiry:{a.id}:{a.end_date.isoformat()}:{n}",
                "agreement",
                a.id,
                a.id,
                a.lead_opd_id,
                a.end_date,
                title,
                body,
                agreement_link(a.id),
            )
        )
    return out


def _obligations_due(session: Session, offsets: Sequence[int], today: date) -> list[DueItem]:
    if not offsets:
        return []
    out = []
    for o in repo.open_occurrences(session, today, today + timedelta(days=max(offsets))):
        days = (o.due_date - today).days
        n = before_threshold(days, offsets)
        if n is None:
            continue
        title, body = texts.obligation_due(o.number, o.title, o.description, o.due_date, days)
        out.append(_occurrence_item("obligation_due", o, n, title, body))
    return out


def _obligations_overdue(session: Session, offsets: Sequence[int], today: date) -> list[DueItem]:
    if not offsets:
        return []
    out = []
    oldest = today - timedelta(days=max(offsets) + OVERDUE_CATCH_UP_DAYS)
    for o in repo.open_occurrences(session, oldest, today - timedelta(days=min(offsets))):
        late = (today - o.due_date).days
        n = after_threshold(late, offsets)
        if n is None:
            continue
        title, body = texts.obligation_overdue(o.number, o.title, o.description, o.due_date, late)
        out.append(_occurrence_item("obligation_overdue", o, n, title, body))
    return out


def _occurrence_item(kind: str, o: Any, n: int, title: str, body: str) -> DueItem:
    """`o` is a row of repo.open_occurrences."""
    return DueItem(
        kind,
        f"{kind}:{o.id}:{o.due_date.isoformat()}:{n}",
        "obligation_occurrence",
        o.id,
        o.agreement_id,
        o.opd_id,
        o.due_date,
        title,
        body,
        agreement_link(o.agreement_id),
    )


def report_periods(today: date) -> list[str]:
    """The periods whose deadlines can be near: per cadence, the reporting period (ended, due soon or
    overdue) and the current one (its deadline may be within the lead time before it ends)."""
    codes: list[str] = []
    for cadence in ("semester", "year"):
        for period in (reporting_period(today, cadence), period_containing(today, cadence)):
            if period.code not in codes:
                codes.append(period.code)
    return codes


def _reports(session: Session, due: Sequence[int], overdue: Sequence[int], today: date) -> list[DueItem]:
    out = []
    seen: set[tuple[uuid.UUID, str]] = set()
    for code in report_periods(today):
        for r in monitoring_service.owed_reports(session, None, code, today):
            if (r.agreement_id, r.period) in seen or r.state == "submitted":
                continue
            seen.add((r.agreement_id, r.period))
            link = f"/monitoring-reports/{r.report_id}" if r.report_id else agreement_link(r.agreement_id)
            days = (r.due_date - today).days
            if days >= 0:
                kind, n = "report_due", before_threshold(days, due)
                if n is None:
                    continue
                title, body = texts.report_due(
                    r.agreement_number, r.agreement_title, r.period_label, r.due_date, days
                )
            else:
                kind, n = "report_overdue", after_threshold(-days, overdue)
                if n is None:
                    continue
                title, body = texts.report_overdue(
                    r.agreement_number, r.agreement_title, r.period_label, r.due_date, -days
                )
            out.append(
                DueItem(
                    kind,
                    f"{kind}:{r.agreement_id}:{r.period}:{r.due_date.isoformat()}:{n}",
                    "agreement",
                    r.agreement_id,
                    r.agreement_id,
                    r.lead_opd_id,
                    r.due_date,
                    title,
                    body,
                    link,
                )
            )
    return out


def _dprd(session: Session, offsets: Sequence[int], today: date) -> list[DueItem]:
    if not offsets:
        return []
    out = []
    for d in repo.pending_dprd(session, today, today + timedelta(days=max(offsets))):
        days = (d.deadline_date - today).days
        n = before_threshold(days, offsets)
        if n is None:
            continue
        title, body = texts.dprd_deadline(d.number, d.title, d.deadline_date, days)
        out.append(
            DueItem(
                "dprd_deadline",
                f"dprd_deadline:{d.id}:{d.deadline_date.isoformat()}:{n}",
                "dprd_approval",
                d.id,
                d.agreement_id,
                d.lead_opd_id,
                d.deadline_date,
                title,
                body,
                agreement_link(d.agreement_id),
            )
        )
    return out


def _offer_answers(session: Session, offsets: Sequence[int], today: date) -> list[DueItem]:
    """The partner's answer to an offer letter or a second request, ahead of its due date (P22 Pasal
    8(3)-(5)). A second request moves the due date, so its reminders fire again for the new date."""
    if not offsets:
        return []
    out = []
    for a in repo.offers_awaiting_answer(session, today, today + timedelta(days=max(offsets))):
        days = (a.offer_due_date - today).days
        n = before_threshold(days, offsets)
        if n is None:
            continue
        second = a.offer_second_request_date is not None
        title, body = texts.offer_answer_due(a.number, a.title, a.offer_due_date, days, second=second)
        out.append(
            DueItem(
                "offer_answer_due",
                f"offer_answer_due:{a.id}:{a.offer_due_date.isoformat()}:{n}",
                "agreement",
                a.id,
                a.id,
                a.lead_opd_id,
                a.offer_due_date,
                title,
                body,
                agreement_link(a.id),
            )
        )
    return out


def _periodic_reports(session: Session, offsets: Sequence[int], today: date) -> list[DueItem]:
    """The TKKSD's semester and annual reports not finalized yet, ahead of their due dates (S1: 31 July;
    S2 and annual: 31 January; the annual report's foreign part: 7 January). Reminded to the secretariat
    (opd_id None); a period finalized meanwhile is not reminded again."""
    if not offsets:
        return []
    out = []
    for d in periodic_reports_service.deadlines(session, [today.year - 1, today.year]):
        days = (d.due_date - today).days
        n = before_threshold(days, offsets)
        if n is None:
            continue
        title, body = texts.periodic_report_due(d.period.label, d.due_date, days, foreign=d.foreign)
        scope = f"{d.period.key}{'-foreign' if d.foreign else ''}"
        out.append(
            DueItem(
                "periodic_report_due",
                f"periodic_report_due:{scope}:{d.due_date.isoformat()}:{n}",
                "periodic_report",
                uuid.uuid5(uuid.NAMESPACE_URL, f"kerjasama:periodic-report:{d.period.key}"),
                None,
                None,
                d.due_date,
                title,
                body,
                f"/periodic-reports?year={d.period.year}&period={d.period.code}",
            )
        )
    return out
