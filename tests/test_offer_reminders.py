"""The offer stage's due date is reminded before it comes (P22 Pasal 8(3)-(5)), by the real reminder job.

The partner answers an offer letter within 30 working days; a second request gives 15 more; after that
the Wali Kota reports the non-answer to the Gubernur. Rule `offer_answer_due` (seeded 7 days and 1 day
ahead) reminds the secretariat and the lead OPD; a second request arms it again for the new due date; a
reported non-answer or an accepted offer ends it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from fastapi.testclient import TestClient
from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.core.clock import today_in_region
from kerjasama.core.config import Settings
from kerjasama.core.db import Database
from kerjasama.models import Notification, Reminder
from tests.fixtures.factories import opd_id, region_partner_id
from tests.test_procedure_api import FULL_KAK, HOME_SIGNATORY, act, create, review
from tests.test_reminders import HOME_OPD, add_people, keys_for, remind


def _offered(
    sec: TestClient, tk: TestClient, session: Session, today: date, sent: date, **overrides: object
) -> tuple[str, date]:
    """A KB of the home OPD (DISDIK) whose offer letter went out on `sent`: its id and answer due date."""
    kb = create(
        sec,
        session,
        nature="WAJIB",
        planning_reference="RPJMD 2025-2029",
        kak=FULL_KAK,
        lead_opd_id=opd_id(session, HOME_OPD),
        parties=[HOME_SIGNATORY, {"partner_id": region_partner_id(session, "32.73")}],
        **overrides,
    )
    aid = str(kb["id"])
    act(sec, aid, "submit")
    act(sec, aid, "start_review")
    act(tk, aid, "approve", review=review(today))
    offered = act(sec, aid, "send_offer", effective_date=str(sent))
    return aid, date.fromisoformat(offered["offer_due_date"])


def test_offer_answer_due_is_reminded_before_the_deadline_pasal_8(
    client_for: Callable[[str], TestClient], session: Session, database: Database, settings: Settings
) -> None:
    """P22 Pasal 8(3)-(5): 7 days and 1 day before the 30-working-day due date, then again before the
    15-working-day due date of the second request; nothing after the non-answer is reported."""
    sec, tk = client_for("secretariat"), client_for("tkksd")
    people = add_people(session)
    today = today_in_region(settings)
    aid, due = _offered(sec, tk, session, today, today - timedelta(days=90))
    assert due < today  # the whole clock lies in the past: the job runs on chosen days

    remind(database, settings, due - timedelta(days=8))
    assert keys_for(session, aid, "offer_answer_due") == []
    remind(database, settings, due - timedelta(days=7))
    remind(database, settings, due - timedelta(days=6))  # once only
    first = [f"offer_answer_due:{aid}:{due.isoformat()}:7"]
    assert keys_for(session, aid, "offer_answer_due") == first
    remind(database, settings, due - timedelta(days=1))
    first.append(f"offer_answer_due:{aid}:{due.isoformat()}:1")
    assert keys_for(session, aid, "offer_answer_due") == first
    remind(database, settings, due + timedelta(days=1))  # past: no advance reminder
    assert keys_for(session, aid, "offer_answer_due") == first

    reminder = session.scalar(select(Reminder).where(Reminder.dedupe_key == first[0]))
    assert reminder is not None
    assert reminder.title.startswith("Pengingat: batas jawaban penawaran untuk ")
    assert "Pasal 8 ayat (3)" in reminder.body and "permintaan kedua" in reminder.body
    assert reminder.link == f"/agreements/{aid}" and reminder.due_date == due
    # The secretariat and the lead OPD's users are reminded; another OPD's are not.
    notified = set(
        session.scalars(select(Notification.user_id).where(Notification.reminder_id == reminder.id))
    )
    assert {people.head.id, people.operator.id, people.secretariat.id} <= notified
    assert people.other_opd.id not in notified and people.inactive.id not in notified

    # Pasal 8(4): the second request gives 15 more working days; the reminders follow the new date.
    again = act(sec, aid, "second_request", effective_date=str(due + timedelta(days=1)))
    second_due = date.fromisoformat(again["offer_due_date"])
    assert second_due > due + timedelta(days=15)
    remind(database, settings, second_due - timedelta(days=7))
    second = f"offer_answer_due:{aid}:{second_due.isoformat()}:7"
    assert keys_for(session, aid, "offer_answer_due") == [*first, second]
    text = session.scalar(select(Reminder).where(Reminder.dedupe_key == second))
    assert text is not None and "Gubernur" in text.body

    # Pasal 8(5): once the non-answer is reported to the Gubernur nothing is awaited any more.
    assert second_due < today
    act(sec, aid, "report_non_answer", effective_date=str(second_due + timedelta(days=1)))
    remind(database, settings, second_due - timedelta(days=1))
    assert keys_for(session, aid, "offer_answer_due") == [*first, second]


def test_accepted_offer_and_disabled_rule_remind_nothing_pasal_8(
    client_for: Callable[[str], TestClient],
    admin: TestClient,
    session: Session,
    database: Database,
    settings: Settings,
) -> None:
    """P22 Pasal 8(3): an answered offer waits for nothing; the admin can switch the rule off."""
    sec, tk = client_for("secretariat"), client_for("tkksd")
    today = today_in_region(settings)
    answered, answered_due = _offered(sec, tk, session, today, today - timedelta(days=20))
    act(sec, answered, "accept_offer", effective_date=str(today))
    waiting, waiting_due = _offered(sec, tk, session, today, today - timedelta(days=20))

    url = "/api/v1/reminder-rules/offer_answer_due"
    rule = admin.get(url)
    assert rule.status_code == 200 and rule.json()["offsets_days"] == [7, 1]
    off = admin.patch(url, json={"enabled": False}, headers={"If-Match": rule.headers["etag"]})
    assert off.status_code == 200, off.text
    remind(database, settings, waiting_due - timedelta(days=1))
    assert keys_for(session, waiting, "offer_answer_due") == []
    on = admin.patch(url, json={"enabled": True}, headers={"If-Match": off.headers["etag"]})
    assert on.status_code == 200, on.text
    remind(database, settings, waiting_due - timedelta(days=1))
    assert keys_for(session, waiting, "offer_answer_due") == [
        f"offer_answer_due:{waiting}:{waiting_due.isoformat()}:1"
    ]
    remind(database, settings, answered_due - timedelta(days=1))
    assert keys_for(session, answered, "offer_answer_due") == []
