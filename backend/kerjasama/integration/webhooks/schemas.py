"""Shapes of webhook subscriptions and their deliveries. The secret appears in one answer: create."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from kerjasama.core.schemas import InputModel

EventType = Literal[
    "*",
    "agreement.*",
    "agreement.upsert",
    "agreement.delete",
    "partner.*",
    "partner.upsert",
    "partner.delete",
    "obligation.*",
    "obligation.upsert",
    "obligation.delete",
    "monitoring_report.*",
    "monitoring_report.upsert",
    "monitoring_report.delete",
]
DeliveryStatus = Literal["pending", "delivered", "failed", "dead"]

_EVENT_TYPES_DOC = (
    "Which events to receive: '<entity>.<op>' with entity agreement, partner, obligation or "
    "monitoring_report and op upsert or delete; '<entity>.*' for both ops; '*' for everything. The op is "
    "the one the owner sees: a record leaving the owner's view (e.g. back to draft for the province) "
    "arrives as a delete."
)
_URL_DOC = (
    "http or https URL that receives the POSTs. Its host must resolve to public addresses only "
    "(private, loopback, link-local and metadata addresses are refused unless allow-listed by the "
    "operator); redirects are not followed"
)
_SECRET_DOC = (
    "Signing secret in Standard Webhooks form: 'whsec_' + base64 of 24 to 64 random bytes. "
    "Leave it out to have one generated; it is shown only in the create answer"
)


def _unique(values: list[EventType]) -> list[EventType]:
    return list(dict.fromkeys(values))


class WebhookCreate(InputModel):
    url: str = Field(min_length=1, max_length=2000, description=_URL_DOC)
    event_types: list[EventType] = Field(min_length=1, max_length=20, description=_EVENT_TYPES_DOC)
    secret: str | None = Field(None, max_length=200, description=_SECRET_DOC)
    description: str = Field("", max_length=2000, description="What the subscription is for; who to call")
    is_active: bool = Field(True, description="false: created disabled, nothing is sent until enabled")
    service_account_id: uuid.UUID | None = Field(
        None,
        description="Administrators only: the service account that owns the subscription; deliveries are "
        "rendered as that account may see the records (province: redacted). Absent: the caller",
    )

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "url": "https://sikd.jabarprov.go.id/hooks/kerjasama",
                    "event_types": ["agreement.*", "monitoring_report.upsert"],
                    "description": "Biro Otonomi Daerah: sinkronisasi kerja sama Kota Cimahi",
                }
            ]
        },
    )

    @field_validator("event_types")
    @classmethod
    def _dedupe(cls, value: list[EventType]) -> list[EventType]:
        return _unique(value)


class WebhookUpdate(InputModel):
    url: str | None = Field(None, min_length=1, max_length=2000, description=_URL_DOC)
    event_types: list[EventType] | None = Field(
        None, min_length=1, max_length=20, description=_EVENT_TYPES_DOC
    )
    secret: str | None = Field(
        None, max_length=200, description="A new signing secret ('whsec_' + base64); the old one dies"
    )
    description: str | None = Field(None, max_length=2000, description="New description")
    is_active: bool | None = Field(
        None,
        description="false disables the subscription; true enables it again (the failure count restarts "
        "and the events missed while disabled are delivered)",
    )

    @field_validator("event_types")
    @classmethod
    def _dedupe(cls, value: list[EventType] | None) -> list[EventType] | None:
        return _unique(value) if value is not None else None


class WebhookOwner(BaseModel):
    user_id: uuid.UUID = Field(description="The owner's user id (service accounts have one too)")
    name: str = Field(description="The owner's display name")
    role: str = Field(description="The role the deliveries are rendered for, e.g. province or admin")
    service_account_id: uuid.UUID | None = Field(description="The owning service account, if any")


class WebhookRead(BaseModel):
    id: uuid.UUID = Field(description="Subscription id")
    url: str = Field(description="Where the deliveries are POSTed")
    event_types: list[EventType] = Field(description=_EVENT_TYPES_DOC)
    description: str = Field(description="What the subscription is for")
    is_active: bool = Field(description="Disabled subscriptions receive nothing")
    disabled_at: datetime | None = Field(description="When it was disabled (UTC); null while active")
    disabled_reason: str | None = Field(
        description="Why it was disabled, e.g. after too many consecutive failed deliveries"
    )
    consecutive_failures: int = Field(description="Failed deliveries since the last successful one")
    owner: WebhookOwner = Field(description="Whose view of the records the deliveries carry")
    created_at: datetime = Field(description="When it was created (UTC)")
    updated_at: datetime = Field(description="Last change (UTC)")
    version: int = Field(description="Optimistic-lock version; also the ETag")


class WebhookCreated(WebhookRead):
    secret: str = Field(
        description="The signing secret ('whsec_…'), shown only in this answer: store it now. Verify each "
        "delivery with it (Standard Webhooks)"
    )


class WebhookDeliveryRead(BaseModel):
    id: uuid.UUID = Field(description="Delivery id, sent as the webhook-id header (the same on every retry)")
    subscription_id: uuid.UUID = Field(description="The subscription it belongs to")
    seq: int = Field(description="Sequence number of the change event (as in GET /changes)")
    event_type: str = Field(description="e.g. agreement.upsert, as sent in the body's type")
    entity_id: uuid.UUID = Field(description="The changed record's id")
    status: DeliveryStatus = Field(
        description="pending: not tried yet (or queued again); failed: the last try failed, retried at "
        "next_attempt_at; delivered: the receiver answered 2xx; dead: given up after too many tries"
    )
    attempts: int = Field(description="Tries so far")
    next_attempt_at: datetime | None = Field(
        description="When it is tried next (UTC); null once delivered or dead"
    )
    last_attempt_at: datetime | None = Field(description="When it was last tried (UTC)")
    delivered_at: datetime | None = Field(description="When the receiver accepted it (UTC)")
    last_status_code: int | None = Field(description="HTTP status of the last answer; null without one")
    last_error: str | None = Field(description="What went wrong on the last try")
    last_response_ms: int | None = Field(description="How long the last try took, in milliseconds")
    created_at: datetime = Field(description="When the event was queued for this subscription (UTC)")
