"""Request and response bodies of the reminders domain."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from kerjasama.core.pagination import Page
from kerjasama.core.schemas import InputModel

ReminderKind = Literal[
    "agreement_expiry",
    "obligation_due",
    "obligation_overdue",
    "report_due",
    "report_overdue",
    "dprd_deadline",
    "periodic_report_due",
    "offer_answer_due",
]
NotificationKind = Literal[ReminderKind, "webhook_disabled", "submission_request"]
"""A reminder's kind, or an event: webhook_disabled (a subscription failed too often), submission_request
(an OPD operator asks the OPD head to submit a draft)."""
DeliveryStatus = Literal["queued", "sent", "failed"]

MAX_OFFSETS = 5
MAX_OFFSET_DAYS = 365
_OFFSETS_DOC = (
    "Days that trigger a reminder. For agreement_expiry, obligation_due, report_due, dprd_deadline, "
    "periodic_report_due and offer_answer_due: "
    "days *before* the date (e.g. [180, 90, 30]); for obligation_overdue and report_overdue: days *after* "
    "it (e.g. [1]). 0 = on the day. 1 to 5 distinct whole numbers from 0 to 365. When several are "
    "crossed at once (a missed run), only the most urgent one is sent."
)

Offset = Annotated[int, Field(ge=0, le=MAX_OFFSET_DAYS, strict=True)]


class ReminderRuleRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    kind: ReminderKind = Field(description="What the rule reminds of")
    offsets_days: list[int] = Field(description=_OFFSETS_DOC)
    enabled: bool = Field(description="false: the rule creates no reminders")
    email: bool = Field(
        description="Also send e-mail (when SMTP is configured), not only in-app notifications"
    )
    version: int = Field(description="Optimistic-lock version; also the ETag")


class ReminderRuleUpdate(InputModel):
    offsets_days: list[Offset] | None = Field(
        None, min_length=1, max_length=MAX_OFFSETS, description=_OFFSETS_DOC
    )
    enabled: bool | None = Field(None, description="Switch the rule on or off")
    email: bool | None = Field(None, description="Send e-mail for this rule (in-app notifications always)")

    @field_validator("offsets_days")
    @classmethod
    def _distinct(cls, value: list[int] | None) -> list[int] | None:
        if value is None:
            return None
        if len(set(value)) != len(value):
            raise PydanticCustomError("offsets_duplicate", "each number of days may appear only once")
        return sorted(value, reverse=True)


class NotificationRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="Notification id")
    kind: NotificationKind = Field(
        description="The reminder rule that produced it, webhook_disabled (a webhook subscription was "
        "disabled after repeated failed deliveries) or submission_request (an OPD operator asks the OPD head "
        "to submit a draft)"
    )
    title: str = Field(description="Short text in Indonesian, e.g. 'Pengingat: … berakhir dalam 30 hari'")
    body: str = Field(description="The full reminder text in Indonesian")
    link: str = Field(description="Path of the record in the web app, e.g. /agreements/{id}")
    created_at: datetime = Field(description="When the reminder was created (UTC)")
    read_at: datetime | None = Field(description="When the user marked it read; null while unread")


class NotificationPage(Page[NotificationRead]):
    unread: int = Field(
        description="How many of the caller's notifications are unread (all pages, any filter)"
    )


class ReadAllResult(BaseModel):
    marked: int = Field(description="How many notifications were unread and are now marked read")


class DeliveryRecipient(BaseModel):
    user_id: uuid.UUID = Field(description="The recipient's user id")
    username: str = Field(description="The recipient's login name")
    full_name: str = Field(description="The recipient's display name")
    address: str = Field(description="The e-mail address the message is (or was) sent to")


class DeliveryReminder(BaseModel):
    id: uuid.UUID = Field(description="Reminder id")
    kind: ReminderKind = Field(description="The rule that produced the reminder")
    title: str = Field(description="The reminder's title, also the e-mail subject")
    due_date: date = Field(description="The date the reminder is about (expiry, due date, deadline)")
    agreement_id: uuid.UUID | None = Field(description="The agreement the reminder concerns")
    link: str = Field(description="Path of the record in the web app (as in the notification and e-mail)")


class DeliveryRead(BaseModel):
    id: uuid.UUID = Field(description="Delivery id")
    channel: str = Field(description="'email'")
    status: DeliveryStatus = Field(
        description="queued (waiting or to be retried), sent (the SMTP server accepted it) or failed "
        "(given up after KERJASAMA_EMAIL_MAX_ATTEMPTS tries, or refused permanently)"
    )
    attempts: int = Field(description="How many times sending was tried")
    last_error: str | None = Field(description="The error of the last failed try, if any")
    next_attempt_at: datetime = Field(description="When a queued message is tried next (UTC)")
    sent_at: datetime | None = Field(description="When the SMTP server accepted the message (UTC)")
    created_at: datetime = Field(description="When the message was queued (UTC)")
    message_id: str = Field(description="The Message-ID header, fixed when queued so retries keep it")
    recipient: DeliveryRecipient = Field(description="Who the message is for")
    reminder: DeliveryReminder = Field(description="What the message is about")


class CalendarFeedStatus(BaseModel):
    active: bool = Field(description="Whether the caller has a working calendar URL")
    created_at: datetime | None = Field(description="When the active URL was created (UTC); null if none")


class CalendarFeedCreated(BaseModel):
    url: str = Field(
        description="The secret calendar URL (…/api/v1/calendar/{token}.ics). Shown only now: store it in "
        "your calendar app. Creating a new one revokes the previous URL."
    )
    created_at: datetime = Field(description="When the URL was created (UTC)")
