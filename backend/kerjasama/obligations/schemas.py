"""Request and response bodies of the obligations domain."""

from __future__ import annotations

import re
import uuid
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from kerjasama.core.schemas import Day, InputModel

ObligationKind = Literal["HAK", "KEWAJIBAN"]
ScheduleType = Literal["one_off", "recurring", "continuous"]
Frequency = Literal["monthly", "quarterly", "semester", "yearly"]
StoredStatus = Literal["pending", "in_progress", "fulfilled", "not_fulfilled", "suspended_force_majeure"]
EffectiveStatus = Literal[
    "pending", "in_progress", "fulfilled", "late", "not_fulfilled", "suspended_force_majeure"
]
ObligationSort = Literal[
    "next_due_date", "-next_due_date", "agreement_number", "-agreement_number", "description", "-description"
]

_SCHEDULE_DOC = (
    "one_off: one occurrence due on due_date. recurring: from anchor_date (the first due date) every "
    "month, quarter, semester or year while within the agreement's term; the anchor's day is kept and "
    "clamped to short months (31 Jan → 28/29 Feb, 31 Mar …); an open-ended agreement gets five years "
    "past the later of the anchor and today. continuous: owed throughout the term, one occurrence due on "
    "the agreement's end date (none while the agreement has no end date)."
)


class ObligationFields(InputModel):
    """Fields shared by create and update (documented once)."""

    description: str = Field(min_length=3, max_length=4000, description="What is owed or due")
    clause_reference: str = Field(
        "", max_length=120, description="Clause of the text, e.g. 'Pasal 5 ayat (1)'"
    )
    indicator: str | None = Field(
        None, max_length=300, description="Performance indicator, e.g. 'Volume cabai rawit diterima'"
    )
    target: Decimal | None = Field(
        None, ge=0, max_digits=20, decimal_places=2, description="Target per occurrence, in `unit`"
    )
    unit: str | None = Field(
        None, max_length=60, description="Unit of target and realised values, e.g. 'ton'"
    )
    value: Decimal | None = Field(
        None, ge=0, max_digits=20, decimal_places=2, description="Money value of the obligation (rupiah)"
    )


class ObligationCreate(ObligationFields):
    partner_id: uuid.UUID | None = Field(
        None, description="The party: a partner of the agreement, or null for the home region"
    )
    kind: ObligationKind = Field(description="HAK (right) or KEWAJIBAN (obligation)")
    responsible_opd_id: uuid.UUID | None = Field(
        None,
        description="Home-side OPD responsible: the agreement's lead or a related OPD. Default: the "
        "caller's OPD for OPD users, otherwise the agreement's lead OPD",
    )
    schedule_type: ScheduleType = Field("continuous", description=_SCHEDULE_DOC)
    due_date: Day | None = Field(None, description="one_off only: the due date, within the agreement's term")
    frequency: Frequency | None = Field(
        None, description="recurring only: monthly, quarterly, semester or yearly"
    )
    anchor_date: Day | None = Field(
        None, description="recurring only: the first due date, within the agreement's term"
    )


class ObligationUpdate(InputModel):
    """Fields given replace the stored ones. Changing the schedule regenerates the occurrences, keeping
    every occurrence with recorded work; when schedule_type changes, schedule fields of the old type
    that are not given are cleared."""

    partner_id: uuid.UUID | None = Field(None, description="The party (null = home region)")
    kind: ObligationKind | None = Field(None, description="HAK or KEWAJIBAN")
    description: str | None = Field(None, min_length=3, max_length=4000, description="What is owed or due")
    clause_reference: str | None = Field(None, max_length=120, description="Clause of the text")
    responsible_opd_id: uuid.UUID | None = Field(None, description="Home-side OPD responsible")
    schedule_type: ScheduleType | None = Field(None, description=_SCHEDULE_DOC)
    due_date: Day | None = Field(None, description="one_off only: the due date")
    frequency: Frequency | None = Field(None, description="recurring only: the frequency")
    anchor_date: Day | None = Field(None, description="recurring only: the first due date")
    indicator: str | None = Field(None, max_length=300, description="Performance indicator")
    target: Decimal | None = Field(
        None, ge=0, max_digits=20, decimal_places=2, description="Target per occurrence, in `unit`"
    )
    unit: str | None = Field(None, max_length=60, description="Unit of target and realised values")
    value: Decimal | None = Field(
        None, ge=0, max_digits=20, decimal_places=2, description="Money value (rupiah)"
    )


class AgreementRef(BaseModel):
    id: uuid.UUID = Field(description="Agreement id")
    number: str = Field(description="Registry number")
    title: str = Field(description="Title")
    category: str = Field(description="Category of the agreement")


class OpdRef(BaseModel):
    id: uuid.UUID = Field(description="OPD id")
    abbreviation: str = Field(description="Abbreviation")
    name: str = Field(description="Full name")


class OccurrenceCounts(BaseModel):
    pending: int = Field(description="Pending and not yet due")
    in_progress: int = Field(description="In progress and not yet due")
    fulfilled: int = Field(description="Fulfilled")
    late: int = Field(description="Past due and still pending or in progress (derived)")
    not_fulfilled: int = Field(description="Recorded as not fulfilled")
    suspended_force_majeure: int = Field(description="Suspended by a force-majeure event")
    total: int = Field(description="All occurrences")


class ObligationSummary(BaseModel):
    id: uuid.UUID = Field(description="Obligation id")
    agreement_id: uuid.UUID = Field(description="Agreement")
    agreement: AgreementRef = Field(description="The agreement, briefly")
    partner_id: uuid.UUID | None = Field(description="Party (null = home region)")
    party_name: str = Field(description="Name of the party (the home region's name when partner_id is null)")
    kind: ObligationKind = Field(description="HAK or KEWAJIBAN")
    description: str = Field(description="Description")
    clause_reference: str = Field(description="Clause")
    responsible_opd_id: uuid.UUID | None = Field(description="Responsible OPD")
    responsible_opd: OpdRef | None = Field(description="Responsible OPD, briefly")
    schedule_type: ScheduleType = Field(description=_SCHEDULE_DOC)
    due_date: date | None = Field(description="one_off: due date")
    frequency: Frequency | None = Field(description="recurring: frequency")
    anchor_date: date | None = Field(description="recurring: first due date")
    indicator: str | None = Field(description="Performance indicator")
    target: Decimal | None = Field(description="Target per occurrence")
    unit: str | None = Field(description="Unit")
    value: Decimal | None = Field(description="Money value (rupiah)")
    next_due_date: date | None = Field(
        description="Earliest due date, today or later, of a pending or in-progress occurrence (derived)"
    )
    late_count: int = Field(description="Occurrences past due and still open (derived)")
    occurrence_counts: OccurrenceCounts = Field(description="Occurrences per effective status (derived)")
    version: int = Field(description="Optimistic-lock version; also the ETag")


class FulfilmentRead(BaseModel):
    id: uuid.UUID = Field(description="Fulfilment record id")
    realised_on: date = Field(description="Date the realisation happened")
    value_realised: Decimal | None = Field(description="Value realised, in the obligation's unit")
    note: str = Field(description="Note")
    document_ids: list[uuid.UUID] = Field(description="Evidence documents (of the same agreement)")
    recorded_at: datetime = Field(description="When it was recorded (UTC)")


class OccurrenceRead(BaseModel):
    id: uuid.UUID = Field(description="Occurrence id")
    obligation_id: uuid.UUID = Field(description="Obligation")
    seq: int = Field(description="Position in the schedule, from 1")
    period_start: date = Field(description="First day of the period this occurrence covers")
    due_date: date = Field(description="Due date")
    status: StoredStatus = Field(description="Stored status")
    late: bool = Field(description="Past due (region's calendar) while pending or in progress (derived)")
    effective_status: EffectiveStatus = Field(description="'late' when late, otherwise the stored status")
    force_majeure_event_id: uuid.UUID | None = Field(description="suspended_force_majeure: the event")
    fulfilled_on: date | None = Field(description="fulfilled: the date")
    fulfilments: list[FulfilmentRead] = Field(description="Fulfilment records, oldest first")
    version: int = Field(description="Optimistic-lock version; also the ETag")


class ObligationRead(ObligationSummary):
    occurrences: list[OccurrenceRead] = Field(description="Occurrences in due-date order")


class OccurrenceUpdate(InputModel):
    status: StoredStatus = Field(
        description="New status; 'late' is derived and cannot be set. suspended_force_majeure needs "
        "force_majeure_event_id"
    )
    force_majeure_event_id: uuid.UUID | None = Field(
        None,
        description="suspended_force_majeure only: an event recorded on the same agreement that covers "
        "the due date",
    )
    fulfilled_on: Day | None = Field(None, description="fulfilled only: the date (default today)")

    @field_validator("status", mode="before")
    @classmethod
    def _late_is_derived(cls, value: Any) -> Any:
        if value == "late":
            raise PydanticCustomError(
                "status_derived", "'late' is derived from the due date and cannot be set"
            )
        return value


class FulfilmentCreate(InputModel):
    realised_on: Day = Field(description="Date the realisation happened (not in the future)")
    value_realised: Decimal | None = Field(
        None, ge=0, max_digits=20, decimal_places=2, description="Value realised, in the obligation's unit"
    )
    note: str = Field("", max_length=4000, description="Note")
    document_ids: list[uuid.UUID] = Field(
        default_factory=list, max_length=20, description="Evidence: documents uploaded to the same agreement"
    )
    complete: bool = Field(
        False,
        description="true: the occurrence is now fulfilled (fulfilled_on = realised_on); false: a partial "
        "realisation, a pending occurrence becomes in_progress",
    )


class ForceMajeureCreate(InputModel):
    description: str = Field(min_length=3, max_length=4000, description="What happened (keadaan kahar)")
    start_date: Day = Field(description="First day of the event")
    end_date: Day | None = Field(None, description="Last day of the event; null while it lasts")
    document_id: uuid.UUID | None = Field(None, description="Supporting document of the same agreement")


class ForceMajeureRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="Event id")
    agreement_id: uuid.UUID = Field(description="Agreement")
    description: str = Field(description="What happened")
    start_date: date = Field(description="First day")
    end_date: date | None = Field(description="Last day (null: ongoing)")
    document_id: uuid.UUID | None = Field(description="Supporting document")
    created_at: datetime = Field(description="Recorded (UTC)")


class ObligationFilters(BaseModel):
    """Filters of the cross-agreement list (query parameters)."""

    party: str | None = Field(
        None, max_length=40, description="'home' for the home region's obligations, or a partner id"
    )
    opd_id: uuid.UUID | None = Field(None, description="Responsible OPD")
    status: EffectiveStatus | None = Field(
        None, description="Having an occurrence with this effective status (late is derived)"
    )
    due_after: Day | None = Field(None, description="Having an occurrence due on or after this date")
    due_before: Day | None = Field(None, description="Having an occurrence due on or before this date")
    agreement_id: uuid.UUID | None = Field(None, description="Of this agreement")
    category: Literal["KSDD", "KSDPK", "KSDPL", "KSDLL", "SINERGI"] | None = Field(
        None, description="Agreement category"
    )
    kind: ObligationKind | None = Field(None, description="HAK or KEWAJIBAN")
    q: str | None = Field(
        None, max_length=200, description="Search description, clause, indicator, agreement number and title"
    )

    @field_validator("due_after", "due_before", mode="before")
    @classmethod
    def _iso_date(cls, value: Any) -> Any:
        # Lax parsing would read "0" as a Unix timestamp; a calendar date is written YYYY-MM-DD.
        if isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            raise PydanticCustomError("date_format", "a date is written YYYY-MM-DD")
        return value

    @field_validator("party")
    @classmethod
    def _home_or_partner_id(cls, value: str | None) -> str | None:
        if value is None or value == "home":
            return value
        try:
            return str(uuid.UUID(value))
        except ValueError:
            raise PydanticCustomError("party_invalid", "'home' or a partner id (UUID)") from None
