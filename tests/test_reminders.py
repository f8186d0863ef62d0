"""Reminders: thresholds, recipients, once-only runs (twice and concurrently), real SMTP delivery with
aiosmtpd, an SMTP server that is down, rules edited through the API, the CLI and the daily thread.

The demo data also produces reminders on the days these tests pick; assertions look at the records
each test creates (OPD DISDIK leads no demo agreement) and at every e-mail the server received.
"""

from __future__ import annotations

import email
import logging
import os
import socket
import sqlite3
import subprocess
import sys
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email import policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session, sessionmaker

from kerjasama import demo
from kerjasama.cli import alembic_config
from kerjasama.core.config import Settings
from kerjasama.core.db import Database, make_engine
from kerjasama.main import create_app
from kerjasama.models import (
    Agreement,
    AuditEntry,
    Delivery,
    DprdApproval,
    MonitoringReport,
    Notification,
    Obligation,
    ObligationOccurrence,
    Reminder,
    UserAccount,
)
from kerjasama.reminders import job, texts
from kerjasama.reminders.due import after_threshold, before_threshold
from kerjasama.reminders.scheduler import DailyReminders, seconds_until_daily
from tests.conftest import BACKEND, TEST_SECRET, fresh_database_url
from tests.fixtures.factories import agreement_body, opd_id

BASE_URL = "https://kerjasama.cimahikota.go.id"
HOME_OPD = "DISDIK"  # leads no demo agreement


# ---------------------------------------------------------------- helpers shared with the other reminder tests


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class Sink:
    """An aiosmtpd handler keeping every message it accepted; refuses RCPT for `refuse` with 550."""

    refuse: set[str] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address in self.refuse:
            return "550 5.1.1 Mailbox unavailable"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        assert isinstance(message, EmailMessage)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def about(self, link: str) -> list[Received]:
        return [r for r in self.received if link in body_of(r.message)]


def body_of(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())  # type: ignore[attr-defined]


@contextmanager
def smtp_server(port: int | None = None, refuse: set[str] | None = None) -> Iterator[tuple[Sink, int]]:
    """A real SMTP server on 127.0.0.1 (aiosmtpd)."""
    port = port or free_port()
    sink = Sink(refuse or set())
    controller = Controller(sink, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield sink, port
    finally:
        controller.stop()


def mail_settings(settings: Settings, port: int, **changes: Any) -> Settings:
    return settings.model_copy(
        update={
            "smtp_host": "127.0.0.1",
            "smtp_port": port,
            "smtp_security": "none",
            "smtp_timeout_seconds": 5.0,
            "public_base_url": BASE_URL,
            "smtp_from": "Kerja Sama Daerah <kerjasama@cimahikota.go.id>",
            **changes,
        }
    )


def add_user(
    session: Session, username: str, role: str, opd: str | None, email_address: str | None, **kw: Any
) -> UserAccount:
    user = UserAccount(
        username=username,
        password_hash="not-a-login",
        full_name=kw.pop("full_name", username.replace(".", " ").title()),
        email=email_address,
        role=role,
        opd_id=uuid.UUID(opd_id(session, opd)) if opd else None,
        **kw,
    )
    session.add(user)
    session.flush()
    return user


@dataclass
class People:
    head: UserAccount
    operator: UserAccount
    no_email: UserAccount
    inactive: UserAccount
    secretariat: UserAccount
    other_opd: UserAccount

    @property
    def mailed(self) -> set[str]:
        return {str(u.email) for u in (self.head, self.operator, self.secretariat)}


def add_people(session: Session) -> People:
    """DISDIK's users, a secretariat user with e-mail and a DLH user; the demo users have no e-mail."""
    return People(
        head=add_user(session, "kepala.disdik", "opd_head", HOME_OPD, "kepala.disdik@cimahikota.go.id"),
        operator=add_user(
            session, "operator.disdik", "opd_operator", HOME_OPD, "operator.disdik@cimahikota.go.id"
        ),
        no_email=add_user(session, "staf.disdik", "opd_operator", HOME_OPD, None),
        inactive=add_user(
            session,
            "mantan.disdik",
            "opd_operator",
            HOME_OPD,
            "mantan.disdik@cimahikota.go.id",
            is_active=False,
        ),
        secretariat=add_user(
            session, "sek.pemerintahan", "secretariat", "PEM", "sek.pemerintahan@cimahikota.go.id"
        ),
        other_opd=add_user(session, "operator.dlh", "opd_operator", "DLH", "operator.dlh@cimahikota.go.id"),
    )


def in_force(
    client: TestClient,
    session: Session,
    *,
    lead: str = HOME_OPD,
    start: str = "2024-01-01",
    end: str | None = "2030-12-31",
    status: str = "in_force",
    **kw: Any,
) -> str:
    """A text entered after the fact (legacy import) and in force over the given term."""
    body = agreement_body(
        session,
        lead_opd_id=opd_id(session, lead),
        is_legacy_import=True,
        status=status,
        start_date=start,
        end_date=end,
        signed_date=start,
        **kw,
    )
    r = client.post("/api/v1/agreements", json=body)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


MAIL_DAY = date(2026, 12, 16)  # 30 days before 15 January 2027


def expiring_in_30_days(client: TestClient, session: Session, **kw: Any) -> str:
    """In force from 1 July 2026 to 15 January 2027: on MAIL_DAY only its 30-day expiry reminder is due
    (it owes no 2026-S1 report, and its 2026-S2 report is due on 15 January, beyond the 14-day lead)."""
    return in_force(client, session, start="2026-07-01", end="2027-01-15", **kw)


def add_occurrence(
    session: Session, agreement: str, due: date, *, responsible: str | None = None, status: str = "pending"
) -> ObligationOccurrence:
    ob = Obligation(
        agreement_id=uuid.UUID(agreement),
        kind="KEWAJIBAN",
        description="Menyerahkan data peserta didik penerima beasiswa",
        clause_reference="Pasal 5",
        responsible_opd_id=uuid.UUID(opd_id(session, responsible)) if responsible else None,
        schedule_type="one_off",
        due_date=due,
    )
    session.add(ob)
    session.flush()
    occ = ObligationOccurrence(obligation_id=ob.id, seq=1, period_start=due, due_date=due, status=status)
    session.add(occ)
    session.flush()
    return occ


def keys_for(session: Session, entity_id: Any, kind: str | None = None) -> list[str]:
    """Dedupe keys of the reminders about one record (of one kind), oldest first."""
    session.expire_all()
    stmt = select(Reminder.dedupe_key).where(Reminder.entity_id == uuid.UUID(str(entity_id)))
    if kind is not None:
        stmt = stmt.where(Reminder.kind == kind)
    return list(session.scalars(stmt.order_by(Reminder.created_at)))


def remind(database: Database, settings: Settings, today: date, **kw: Any) -> job.RunSummary:
    summary = job.run(database, settings, today=today, **kw)
    assert not summary.locked_out
    return summary


# ---------------------------------------------------------------- thresholds


def test_threshold_picks_the_most_urgent_crossed() -> None:
    offsets = [180, 90, 30]
    assert before_threshold(181, offsets) is None
    assert before_threshold(180, offsets) == 180
    assert before_threshold(91, offsets) == 180
    assert before_threshold(90, offsets) == 90
    assert before_threshold(20, offsets) == 30  # catch-up: only the 30-day one
    assert before_threshold(0, offsets) == 30
    assert before_threshold(-1, offsets) is None  # already past: not an advance reminder
    assert before_threshold(0, [0]) == 0
    assert after_threshold(0, [1]) is None
    assert after_threshold(1, [1]) == 1
    assert after_threshold(40, [1, 7, 30]) == 30
    assert after_threshold(8, [1, 7, 30]) == 7


def test_expiry_reminders_at_180_90_and_30_days(
    secretariat: TestClient, session: Session, database: Database, settings: Settings
) -> None:
    aid = in_force(secretariat, session, end="2031-06-30")
    end = date(2031, 6, 30)
    expected: list[str] = []
    for days_before, fires in (
        (181, None),
        (180, 180),
        (179, None),
        (91, None),
        (90, 90),
        (31, None),
        (30, 30),
        (1, None),
        (0, None),
    ):
        remind(database, settings, end - timedelta(days=days_before))
        if fires is not None:
            expected.append(f"agreement_expiry:{aid}:2031-06-30:{fires}")
        assert keys_for(session, aid, "agreement_expiry") == expected, days_before
    reminder = session.scalar(select(Reminder).where(Reminder.dedupe_key == expected[-1]))
    assert reminder is not None
    assert reminder.title.endswith("berakhir dalam 30 hari (30 Juni 2031)")
    assert reminder.title.startswith("Pengingat: KB uji")
    assert reminder.link == f"/agreements/{aid}"
    assert reminder.due_date == end and reminder.opd_id == uuid.UUID(opd_id(session, HOME_OPD))


def test_a_late_first_run_sends_only_the_most_urgent_threshold(
    secretariat: TestClient, session: Session, database: Database, settings: Settings
) -> None:
    aid = in_force(secretariat, session, end="2031-06-30")
    remind(database, settings, date(2031, 6, 10))  # 20 days before: 180, 90 and 30 all crossed
    assert keys_for(session, aid, "agreement_expiry") == [f"agreement_expiry:{aid}:2031-06-30:30"]
    remind(database, settings, date(2031, 6, 20))
    assert len(keys_for(session, aid, "agreement_expiry")) == 1


def test_ended_and_open_ended_agreements_get_no_expiry_reminder(
    secretariat: TestClient, session: Session, database: Database, settings: Settings
) -> None:
    open_ended = in_force(secretariat, session, end=None)
    ended = in_force(secretariat, session, end="2031-06-30", status="ended")
    remind(database, settings, date(2031, 6, 10))
    assert (
        keys_for(session, open_ended, "agreement_expiry") == []
        and keys_for(session, ended, "agreement_expiry") == []
    )


def test_obligation_due_in_14_and_3_days_then_overdue(
    secretariat: TestClient, session: Session, database: Database, settings: Settings
) -> None:
    aid = in_force(secretariat, session)
    due = date(2027, 3, 15)
    occ = add_occurrence(session, aid, due)
    done = add_occurrence(session, aid, due + timedelta(days=1), status="fulfilled")
    expected: list[str] = []
    for offset, fires in (
        (-15, None),
        (-14, "obligation_due:{}:2027-03-15:14"),
        (-5, None),
        (-3, "obligation_due:{}:2027-03-15:3"),
        (0, None),
        (1, "obligation_overdue:{}:2027-03-15:1"),
        (5, None),
    ):
        remind(database, settings, due + timedelta(days=offset))
        if fires:
            expected.append(fires.format(occ.id))
        assert keys_for(session, occ.id) == expected, offset
    assert keys_for(session, done.id) == []
    overdue = session.scalar(select(Reminder).where(Reminder.dedupe_key == expected[-1]))
    assert overdue is not None
    assert (
        overdue.title
        == f"Terlambat: kewajiban pada {agreement_number(session, aid)} lewat jatuh tempo (15 Maret 2027)"
    )
    assert "1 hari terlambat" in overdue.body and "Menyerahkan data peserta didik" in overdue.body


def test_long_overdue_history_is_not_reminded(
    secretariat: TestClient, session: Session, database: Database, settings: Settings
) -> None:
    """A first run over old data reminds what slipped recently, not every item late for years."""
    from kerjasama.reminders.due import OVERDUE_CATCH_UP_DAYS

    aid = in_force(secretariat, session, start="2020-01-01")
    today = date(2027, 3, 15)
    edge = add_occurrence(session, aid, today - timedelta(days=1 + OVERDUE_CATCH_UP_DAYS))
    old = add_occurrence(session, aid, today - timedelta(days=2 + OVERDUE_CATCH_UP_DAYS))
    remind(database, settings, today)
    assert keys_for(session, edge.id) == [f"obligation_overdue:{edge.id}:{edge.due_date.isoformat()}:1"]
    assert keys_for(session, old.id) == []


def agreement_number(session: Session, aid: str) -> str:
    number = session.scalar(select(Agreement.number).where(Agreement.id == uuid.UUID(aid)))
    assert number is not None
    return number


def test_recipients_are_the_responsible_opds_users_and_the_secretariat(
    secretariat: TestClient, session: Session, database: Database, settings: Settings
) -> None:
    people = add_people(session)
    aid = in_force(secretariat, session, lead="DLH", related_opd_ids=[opd_id(session, HOME_OPD)])
    occ = add_occurrence(session, aid, date(2027, 3, 15), responsible=HOME_OPD)  # not the lead OPD
    remind(database, settings, date(2027, 3, 12))
    session.expire_all()
    reminder = session.scalar(select(Reminder).where(Reminder.entity_id == occ.id))
    assert reminder is not None and reminder.opd_id == people.head.opd_id
    notified = set(
        session.scalars(select(Notification.user_id).where(Notification.reminder_id == reminder.id))
    )
    active_secretariat = set(
        session.scalars(
            select(UserAccount.id).where(UserAccount.role == "secretariat", UserAccount.is_active.is_(True))
        )
    )
    assert notified == {people.head.id, people.operator.id, people.no_email.id} | active_secretariat
    assert people.inactive.id not in notified and people.other_opd.id not in notified
    # e-mail is off (no KERJASAMA_SMTP_HOST): nothing queued
    assert (
        session.scalar(select(func.count()).select_from(Delivery).where(Delivery.reminder_id == reminder.id))
        == 0
    )


def test_reports_due_and_overdue(
    secretariat: TestClient, session: Session, database: Database, settings: Settings
) -> None:
    # in force from 2026: semester reports, the first (2026-S1) due 15 July 2026
    aid = in_force(secretariat, session, start="2026-01-01")
    reported = in_force(secretariat, session, start="2026-01-01")
    session.add(
        MonitoringReport(
            agreement_id=uuid.UUID(reported),
            period="2026-S1",
            period_start=date(2026, 1, 1),
            period_end=date(2026, 6, 30),
            due_date=date(2026, 7, 15),
            status="submitted",
        )
    )
    session.flush()
    remind(database, settings, date(2026, 6, 30))  # 15 days before: not yet
    assert keys_for(session, aid) == []
    remind(database, settings, date(2026, 7, 1))
    assert keys_for(session, aid) == [f"report_due:{aid}:2026-S1:2026-07-15:14"]
    remind(database, settings, date(2026, 7, 16))
    assert keys_for(session, aid)[-1] == f"report_overdue:{aid}:2026-S1:2026-07-15:1"
    assert keys_for(session, reported) == []
    overdue = session.scalar(select(Reminder).where(Reminder.dedupe_key.like(f"report_overdue:{aid}%")))
    assert overdue is not None
    assert overdue.title.startswith("Terlambat: laporan monev Semester I 2026 untuk ")
    assert "batas 15 Juli 2026" in overdue.title


def test_dprd_deadline(
    secretariat: TestClient, session: Session, database: Database, settings: Settings
) -> None:
    r = secretariat.post(
        "/api/v1/agreements", json=agreement_body(session, lead_opd_id=opd_id(session, HOME_OPD))
    )
    assert r.status_code == 201, r.text
    aid = uuid.UUID(r.json()["id"])
    pending = DprdApproval(agreement_id=aid, request_date=date(2027, 1, 4), deadline_date=date(2027, 3, 8))
    decided = DprdApproval(
        agreement_id=aid, request_date=date(2027, 1, 4), deadline_date=date(2027, 3, 8), decision="approved"
    )
    session.add_all([pending, decided])
    session.flush()
    remind(database, settings, date(2027, 3, 2))  # 6 days before
    assert keys_for(session, pending.id) == []
    remind(database, settings, date(2027, 3, 3))
    assert keys_for(session, pending.id) == [f"dprd_deadline:{pending.id}:2027-03-08:5"]
    assert keys_for(session, decided.id) == []
    reminder = session.scalar(select(Reminder).where(Reminder.entity_id == pending.id))
    assert reminder is not None and "dalam 5 hari (8 Maret 2027)" in reminder.title


# ---------------------------------------------------------------- rules through the API


def test_rule_edit_via_api_validates_audits_and_takes_effect(
    admin: TestClient,
    client_for: Callable[[str], TestClient],
    secretariat: TestClient,
    session: Session,
    database: Database,
    settings: Settings,
) -> None:
    url = "/api/v1/reminder-rules/agreement_expiry"
    r = admin.get(url)
    assert r.status_code == 200 and r.json()["offsets_days"] == [180, 90, 30]
    etag = r.headers["etag"]
    for bad, field_name in (
        ({"offsets_days": [400]}, "offsets_days"),
        ({"offsets_days": [-1]}, "offsets_days"),
        ({"offsets_days": [30, 30]}, "offsets_days"),
        ({"offsets_days": [1, 2, 3, 4, 5, 6]}, "offsets_days"),
        ({"offsets_days": []}, "offsets_days"),
        ({"offsets_days": ["30"]}, "offsets_days"),
        ({"offsets_days": [7.5]}, "offsets_days"),
        ({"enabled": None}, "enabled"),
        ({"frequency": "daily"}, "frequency"),
    ):
        bad_r = admin.patch(url, json=bad, headers={"If-Match": etag})
        assert bad_r.status_code == 422, (bad, bad_r.text)
        assert bad_r.headers["content-type"] == "application/problem+json"
        assert any(e["loc"][:2] == ["body", field_name] for e in bad_r.json()["errors"]), bad_r.json()
    twice = admin.patch(url, json={"offsets_days": [30, 30]}, headers={"If-Match": etag}).json()
    assert [e["code"] for e in twice["errors"]] == ["offsets_duplicate"]  # a code clients can map
    assert admin.patch(url, json={"offsets_days": [45]}).status_code == 428
    assert admin.patch(url, json={"offsets_days": [45]}, headers={"If-Match": '"99"'}).status_code == 412
    assert secretariat.patch(url, json={"offsets_days": [45]}, headers={"If-Match": etag}).status_code == 403
    assert (
        client_for("viewer").patch(url, json={"offsets_days": [45]}, headers={"If-Match": etag}).status_code
        == 403
    )
    assert admin.patch("/api/v1/reminder-rules/nope", json={}, headers={"If-Match": etag}).status_code == 404

    ok = admin.patch(url, json={"offsets_days": [7, 45]}, headers={"If-Match": etag})
    assert ok.status_code == 200, ok.text
    assert ok.json()["offsets_days"] == [45, 7] and ok.headers["etag"] != etag
    entry = session.scalar(
        select(AuditEntry)
        .where(AuditEntry.entity_type == "reminder_rule")
        .order_by(AuditEntry.seq.desc())
        .limit(1)
    )
    assert entry is not None and entry.entity_id == "agreement_expiry" and entry.actor_username == "admin"
    assert entry.before == {"offsets_days": [180, 90, 30]} and entry.after == {"offsets_days": [45, 7]}

    aid = in_force(secretariat, session, end="2031-06-30")
    remind(database, settings, date(2031, 5, 20))  # 41 days before
    assert keys_for(session, aid, "agreement_expiry") == [f"agreement_expiry:{aid}:2031-06-30:45"]


def test_disabled_rule_sends_nothing(
    admin: TestClient, secretariat: TestClient, session: Session, database: Database, settings: Settings
) -> None:
    url = "/api/v1/reminder-rules/obligation_due"
    r = admin.patch(url, json={"enabled": False}, headers={"If-Match": admin.get(url).headers["etag"]})
    assert r.status_code == 200 and r.json()["enabled"] is False
    occ = add_occurrence(session, in_force(secretariat, session), date(2027, 3, 15))
    remind(database, settings, date(2027, 3, 12))
    assert keys_for(session, occ.id) == []
    r = admin.patch(url, json={"enabled": True}, headers={"If-Match": r.headers["etag"]})
    remind(database, settings, date(2027, 3, 12))
    assert keys_for(session, occ.id) == [f"obligation_due:{occ.id}:2027-03-15:3"]


def test_rules_are_listed_for_every_role(client_for: Callable[[str], TestClient]) -> None:
    r = client_for("viewer").get("/api/v1/reminder-rules")
    assert r.status_code == 200
    assert {x["kind"]: x["offsets_days"] for x in r.json()} == {
        "agreement_expiry": [180, 90, 30],
        "dprd_deadline": [5],
        "obligation_due": [14, 3],
        "obligation_overdue": [1],
        "offer_answer_due": [7, 1],
        "periodic_report_due": [14, 3],
        "report_due": [14],
        "report_overdue": [1],
    }


# ---------------------------------------------------------------- e-mail over real SMTP


def test_real_smtp_delivery_one_message_per_recipient(
    secretariat: TestClient, session: Session, database: Database, settings: Settings
) -> None:
    people = add_people(session)
    aid = expiring_in_30_days(secretariat, session, title="KB uji – “Beasiswa” Cimahi–Bandung")
    link = f"{BASE_URL}/agreements/{aid}"
    with smtp_server() as (sink, port):
        summary = remind(database, mail_settings(settings, port), MAIL_DAY)
    assert summary.sent == len(sink.received) and summary.retry_later == summary.failed == 0
    mine = sink.about(link)
    assert sorted(a for r in mine for a in r.rcpt_tos) == sorted(people.mailed)  # one message per recipient
    assert all(len(r.rcpt_tos) == 1 for r in sink.received)
    message_ids = [r.message["Message-ID"] for r in sink.received]
    assert len(message_ids) == len(set(message_ids))
    number = agreement_number(session, aid)
    for r in mine:
        m = r.message
        assert r.mail_from == "kerjasama@cimahikota.go.id"
        assert m["From"] == "Kerja Sama Daerah <kerjasama@cimahikota.go.id>"
        assert r.rcpt_tos[0] in str(m["To"])
        assert m["Subject"].startswith("Pengingat: KB uji – “Beasiswa” Cimahi–Bandung berakhir")
        assert m["Subject"].endswith("berakhir dalam 30 hari (15 Januari 2027)")
        assert m.get_content_type() == "text/plain" and m.get_content_charset() == "utf-8"
        assert m["Auto-Submitted"] == "auto-generated"
        body = body_of(m)
        assert body.startswith("Yth. ")
        assert f"Kerja sama {number} — KB uji – “Beasiswa” Cimahi–Bandung berakhir" in body
        assert "berakhir pada 15 Januari 2027 (30 hari lagi)" in body
        assert f"Buka catatannya: {link}" in body.splitlines()
    session.expire_all()
    deliveries = session.scalars(
        select(Delivery)
        .join(Reminder, Reminder.id == Delivery.reminder_id)
        .where(Reminder.agreement_id == uuid.UUID(aid))
    ).all()
    assert {d.address for d in deliveries} == people.mailed
    assert all(d.status == "sent" and d.attempts == 1 and d.sent_at is not None for d in deliveries)
    assert {d.message_id for d in deliveries} == {r.message["Message-ID"] for r in mine}


def test_run_twice_creates_and_sends_nothing_the_second_time(
    secretariat: TestClient, session: Session, database: Database, settings: Settings
) -> None:
    add_people(session)
    expiring_in_30_days(secretariat, session)
    with smtp_server() as (sink, port):
        mailing = mail_settings(settings, port)
        first = remind(database, mailing, MAIL_DAY)
        counts = _counts(session)
        second = remind(database, mailing, MAIL_DAY)
        third = remind(database, mailing, date(2026, 12, 17))  # next day: only what crossed since
    assert first.reminders > 0 and first.sent == len(sink.received) - third.sent
    assert (second.reminders, second.notifications, second.emails_queued, second.sent) == (0, 0, 0, 0)
    assert _counts(session)[:3] == (
        counts[0] + third.reminders,
        counts[1] + third.notifications,
        counts[2] + third.emails_queued,
    )
    ids = [r.message["Message-ID"] for r in sink.received]
    assert len(ids) == len(set(ids))


def _counts(session: Session) -> tuple[int, int, int]:
    session.expire_all()
    return tuple(  # type: ignore[return-value]
        int(session.scalar(select(func.count()).select_from(m)) or 0)
        for m in (Reminder, Notification, Delivery)
    )


def test_smtp_down_keeps_mail_queued_then_sends_it_exactly_once(
    secretariat: TestClient, session: Session, database: Database, settings: Settings
) -> None:
    people = add_people(session)
    aid = expiring_in_30_days(secretariat, session)
    port = free_port()  # nothing listens here: connection refused
    mailing = mail_settings(settings, port)
    now = datetime(2026, 12, 16, 0, 30, tzinfo=UTC)
    down = remind(database, mailing, MAIL_DAY, now=now)
    assert down.sent == 0 and down.failed == 0 and down.retry_later == down.emails_queued > 0
    mine = _deliveries_of(session, aid)
    assert {d.address for d in mine} == people.mailed
    for d in mine:
        assert (d.status, d.attempts, d.sent_at) == ("queued", 1, None)
        assert d.last_error is not None and "ConnectionRefusedError" in d.last_error
        assert d.next_attempt_at == now + timedelta(minutes=5)

    with smtp_server(port) as (sink, _):
        early = remind(database, mailing, MAIL_DAY, now=now + timedelta(minutes=4))
        assert early.sent == 0 and sink.received == []  # not due again yet
        later = remind(database, mailing, MAIL_DAY, now=now + timedelta(minutes=6))
        again = remind(database, mailing, MAIL_DAY, now=now + timedelta(days=1))
    assert later.sent == down.emails_queued and later.reminders == 0 and again.sent == 0
    assert sorted(a for r in sink.about(f"/agreements/{aid}") for a in r.rcpt_tos) == sorted(people.mailed)
    for d in _deliveries_of(session, aid):
        assert (d.status, d.attempts) == ("sent", 2) and d.last_error is None
        assert d.sent_at == now + timedelta(minutes=6)


def _deliveries_of(session: Session, aid: str) -> list[Delivery]:
    session.expire_all()
    return list(
        session.scalars(
            select(Delivery)
            .join(Reminder, Reminder.id == Delivery.reminder_id)
            .where(Reminder.agreement_id == uuid.UUID(aid), Reminder.kind == "agreement_expiry")
        )
    )


def test_retries_back_off_and_give_up_after_max_attempts(
    secretariat: TestClient, session: Session, database: Database, settings: Settings
) -> None:
    add_people(session)
    aid = expiring_in_30_days(secretariat, session)
    mailing = mail_settings(settings, free_port(), email_max_attempts=3)
    now = datetime(2026, 12, 16, 0, 30, tzinfo=UTC)
    remind(database, mailing, MAIL_DAY, now=now)
    assert {d.next_attempt_at for d in _deliveries_of(session, aid)} == {now + timedelta(minutes=5)}
    second = now + timedelta(minutes=5)
    remind(database, mailing, MAIL_DAY, now=second)
    assert {(d.status, d.attempts, d.next_attempt_at) for d in _deliveries_of(session, aid)} == {
        ("queued", 2, second + timedelta(minutes=10))
    }
    last = remind(database, mailing, MAIL_DAY, now=second + timedelta(minutes=10))
    assert last.failed >= 3
    assert {(d.status, d.attempts) for d in _deliveries_of(session, aid)} == {("failed", 3)}
    with smtp_server(mailing.smtp_port) as (sink, _):
        remind(database, mailing, MAIL_DAY, now=second + timedelta(days=2))
    assert sink.received == []  # failed is final until an admin retries (tests/test_notifications.py)
    assert job.retry_delay(1) == timedelta(minutes=5) and job.retry_delay(4) == timedelta(minutes=40)
    assert job.retry_delay(20) == timedelta(hours=24)


def test_a_permanently_refused_recipient_fails_at_once(
    secretariat: TestClient, session: Session, database: Database, settings: Settings
) -> None:
    people = add_people(session)
    aid = expiring_in_30_days(secretariat, session)
    with smtp_server(refuse={str(people.operator.email)}) as (sink, port):
        remind(database, mail_settings(settings, port), MAIL_DAY)
    by_address = {d.address: d for d in _deliveries_of(session, aid)}
    refused = by_address.pop(str(people.operator.email))
    assert (refused.status, refused.attempts) == ("failed", 1)
    assert refused.last_error is not None and "550" in refused.last_error
    assert {d.status for d in by_address.values()} == {"sent"}
    assert sorted(a for r in sink.about(f"/agreements/{aid}") for a in r.rcpt_tos) == sorted(by_address)


def test_email_off_per_rule_keeps_in_app_notifications(
    admin: TestClient, secretariat: TestClient, session: Session, database: Database, settings: Settings
) -> None:
    people = add_people(session)
    url = "/api/v1/reminder-rules/agreement_expiry"
    assert (
        admin.patch(
            url, json={"email": False}, headers={"If-Match": admin.get(url).headers["etag"]}
        ).status_code
        == 200
    )
    aid = expiring_in_30_days(secretariat, session)
    with smtp_server() as (sink, port):
        remind(database, mail_settings(settings, port), MAIL_DAY)
    assert sink.about(f"/agreements/{aid}") == [] and _deliveries_of(session, aid) == []
    notified = session.scalars(
        select(Notification.user_id)
        .join(Reminder, Reminder.id == Notification.reminder_id)
        .where(Reminder.agreement_id == uuid.UUID(aid))
    )
    assert people.head.id in set(notified)


def test_dry_run_lists_and_changes_nothing(
    secretariat: TestClient, session: Session, database: Database, settings: Settings
) -> None:
    add_people(session)
    aid = expiring_in_30_days(secretariat, session)
    before = _counts(session)
    dry = job.run(database, settings, today=MAIL_DAY, dry_run=True)
    assert _counts(session) == before
    planned = [p for p in dry.planned if p.item.agreement_id == uuid.UUID(aid)]
    assert [p.item.dedupe_key for p in planned] == [f"agreement_expiry:{aid}:2027-01-15:30"]
    assert planned[0].recipients == 3 + session.scalar(
        select(func.count())
        .select_from(UserAccount)
        .where(UserAccount.role == "secretariat", UserAccount.is_active.is_(True))
    )
    real = remind(database, settings, MAIL_DAY)
    assert real.reminders == len(dry.planned)
    assert job.run(database, settings, today=MAIL_DAY, dry_run=True).planned == []


def test_format_tanggal() -> None:
    assert texts.format_tanggal(date(2027, 1, 15)) == "15 Januari 2027"
    assert texts.format_tanggal(date(2026, 8, 1)) == "1 Agustus 2026"
    assert texts.shorten("a " * 200, 20).endswith("…") and len(texts.shorten("a " * 200, 20)) <= 20


# ---------------------------------------------------------------- concurrency: real connections


@pytest.fixture
def live(tmp_path: Path) -> Iterator[tuple[Settings, Engine]]:
    """A separate, committed database with the demo data: concurrent runs need real connections."""
    for url in fresh_database_url(tmp_path):
        settings = Settings(env="test", database_url=url, secret_key=TEST_SECRET, data_dir=tmp_path)
        eng = make_engine(url)
        with eng.connect() as conn:
            cfg = alembic_config(url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
        with sessionmaker(eng)() as s, s.begin():
            demo.seed(s, settings)
        yield settings, eng
        eng.dispose()


def test_two_runs_at_once_send_each_reminder_and_mail_once(live: tuple[Settings, Engine]) -> None:
    settings, eng = live
    with sessionmaker(eng)() as s, s.begin():
        people = add_people(s)
        mailed = people.mailed | {str(people.other_opd.email)}
    with smtp_server() as (sink, port):
        mailing = mail_settings(settings, port)
        # 1 December 2026: demo expiries (KABBDG passed, DRAINASE in 61 days …), obligations, reports
        today = date(2026, 12, 1)
        barrier = threading.Barrier(2)
        summaries: list[job.RunSummary] = []
        errors: list[BaseException] = []

        def worker() -> None:
            try:
                database = Database(mailing, engine=eng)
                barrier.wait()
                summaries.append(job.run(database, mailing, today=today))
            except BaseException as exc:
                errors.append(exc)

        threads = [threading.Thread(target=worker) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    assert errors == [] and len(summaries) == 2
    with sessionmaker(eng)() as s:
        reminders = int(s.scalar(select(func.count()).select_from(Reminder)) or 0)
        notifications = int(s.scalar(select(func.count()).select_from(Notification)) or 0)
        sent = s.scalars(select(Delivery.message_id).where(Delivery.status == "sent")).all()
        statuses = set(s.scalars(select(Delivery.status)))
    assert reminders > 0 and notifications > 0
    # the runs split the work: nothing counted twice, nothing missing
    assert sum(x.reminders for x in summaries) == reminders
    assert sum(x.notifications for x in summaries) == notifications
    assert sum(x.sent for x in summaries) == len(sent) == len(sink.received)
    assert statuses == {"sent"}
    received_ids = [r.message["Message-ID"] for r in sink.received]
    assert sorted(received_ids) == sorted(sent)  # each mail exactly once
    assert {a for r in sink.received for a in r.rcpt_tos} <= mailed
    if BACKEND == "postgres":
        # the advisory lock lets one run do everything while it holds it
        assert any(x.locked_out for x in summaries) or min(x.reminders for x in summaries) == 0


@pytest.mark.skipif(BACKEND != "postgres", reason="the advisory lock exists on PostgreSQL only")
def test_locked_out_run_does_nothing_on_postgres(live: tuple[Settings, Engine]) -> None:
    settings, eng = live

    with eng.connect() as holder:
        assert holder.scalar(text("SELECT pg_try_advisory_lock(:k)"), {"k": job.REMIND_LOCK_KEY})
        summary = job.run(Database(settings, engine=eng), settings, today=date(2026, 12, 1))
        assert summary.locked_out and summary.reminders == 0
        holder.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": job.REMIND_LOCK_KEY})
    with sessionmaker(eng)() as s:
        assert s.scalar(select(func.count()).select_from(Reminder)) == 0
    assert job.run(Database(settings, engine=eng), settings, today=date(2026, 12, 1)).reminders > 0


# ---------------------------------------------------------------- the daily run inside `serve`


def test_seconds_until_daily_run() -> None:
    jakarta = "Asia/Jakarta"  # UTC+7
    at = datetime(2026, 12, 1, 23, 0, tzinfo=UTC)  # 06:00 on 2 December in Jakarta
    assert seconds_until_daily(at, "07:00", jakarta) == 3600
    assert seconds_until_daily(at, "06:00", jakarta) == 24 * 3600  # due this second: tomorrow
    assert seconds_until_daily(at, "05:30", jakarta) == 23.5 * 3600
    assert seconds_until_daily(datetime(2026, 12, 1, 0, 0, tzinfo=UTC), "07:00", "Asia/Jayapura") == 22 * 3600


def test_daily_thread_runs_after_start_and_stops(live: tuple[Settings, Engine]) -> None:
    settings, eng = live
    daily = DailyReminders(Database(settings, engine=eng), settings, startup_delay=0)
    done = threading.Event()
    original = daily.run_once

    def run_once() -> None:
        original()
        done.set()

    daily.run_once = run_once  # type: ignore[method-assign]
    daily.start()
    assert done.wait(60)
    daily.stop()
    assert not daily._thread.is_alive()
    with sessionmaker(eng)() as s:
        assert (s.scalar(select(func.count()).select_from(Reminder)) or 0) > 0


def test_a_failing_run_is_logged_and_does_not_escape(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings = Settings(env="test", database_url=f"sqlite:///{tmp_path / 'empty.db'}", data_dir=tmp_path)
    daily = DailyReminders(Database(settings), settings)
    with caplog.at_level(logging.ERROR, logger="kerjasama.reminders"):
        daily.run_once()  # no tables: the job raises, the thread must survive
    assert "daily reminder run failed" in caplog.text


def test_serve_starts_and_stops_the_daily_thread_tests_do_not(settings: Settings, database: Database) -> None:
    def reminder_threads() -> list[threading.Thread]:
        return [t for t in threading.enumerate() if t.name == "kerjasama-reminders"]

    with TestClient(create_app(settings, database, spa_dir=Path("/nonexistent"))):
        assert reminder_threads() == []
    served = create_app(settings, database, spa_dir=Path("/nonexistent"), run_reminders=True)
    with TestClient(served):  # the first run waits 30 s: it does not start within this block
        assert len(reminder_threads()) == 1
    assert reminder_threads() == []
    off = settings.model_copy(update={"reminders_in_process": False})
    with TestClient(create_app(off, database, spa_dir=Path("/nonexistent"), run_reminders=True)):
        assert reminder_threads() == []


# ---------------------------------------------------------------- the CLI


KERJASAMA = str(Path(sys.executable).with_name("kerjasama"))


def _cli(data_dir: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {
        **os.environ,
        "KERJASAMA_DATA_DIR": str(data_dir),
        "KERJASAMA_DATABASE_URL": "",
        **(env or {}),
    }
    return subprocess.run(
        [KERJASAMA, *args], capture_output=True, text=True, env=full_env, timeout=180, check=False
    )


@pytest.mark.skipif(BACKEND != "sqlite", reason="CLI runs once, on its own SQLite file")
def test_cli_remind(tmp_path: Path) -> None:
    # Set up in-process (each `kerjasama` start costs seconds); the commands under test run for real.
    url = f"sqlite:///{tmp_path / 'kerjasama.db'}"
    settings = Settings(env="test", database_url=url, data_dir=tmp_path)
    eng = make_engine(url)
    with eng.connect() as conn:
        cfg = alembic_config(url)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.commit()
    with sessionmaker(eng)() as s, s.begin():
        demo.seed(s, settings)
        add_user(s, "sek.email", "secretariat", "PEM", "sek.email@cimahikota.go.id")
    eng.dispose()

    bad = _cli(tmp_path, "remind", "--today", "1-12-2026")
    assert bad.returncode == 2 and "use YYYY-MM-DD" in bad.stderr
    with smtp_server() as (sink, port):
        env = {
            "KERJASAMA_SMTP_HOST": "127.0.0.1",
            "KERJASAMA_SMTP_PORT": str(port),
            "KERJASAMA_SMTP_SECURITY": "none",
            "KERJASAMA_PUBLIC_BASE_URL": BASE_URL,
        }
        dry = _cli(tmp_path, "remind", "--today", "2026-12-01", "--dry-run", env=env)
        assert dry.returncode == 0, dry.stderr
        assert "Nothing was changed" in dry.stdout and "report_overdue" in dry.stdout
        with sqlite3.connect(tmp_path / "kerjasama.db") as conn:
            assert conn.execute("SELECT count(*) FROM reminder").fetchone() == (0,)
        first = _cli(tmp_path, "remind", "--today", "2026-12-01", env=env)
        assert first.returncode == 0, first.stderr
        second = _cli(tmp_path, "remind", "--today", "2026-12-01", env=env)
        assert second.returncode == 0, second.stderr
    assert "new reminders:     0" in second.stdout and "e-mails sent:      0" in second.stdout
    with sqlite3.connect(tmp_path / "kerjasama.db") as conn:
        reminders = conn.execute("SELECT count(*) FROM reminder").fetchone()[0]
        sent = conn.execute("SELECT count(*) FROM delivery WHERE status = 'sent'").fetchone()[0]
    assert reminders > 0 and f"new reminders:     {reminders}" in first.stdout
    assert f"{reminders} new reminders would be created" in dry.stdout
    assert sent == len(sink.received) > 0 and f"e-mails sent:      {sent}" in first.stdout
    assert {a for r in sink.received for a in r.rcpt_tos} == {"sek.email@cimahikota.go.id"}
