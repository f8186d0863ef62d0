"""The task queue and the request to submit, as the API shows them."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kerjasama.core.schemas import InputModel

TaskKind = Literal[
    "draft_to_complete",
    "draft_to_submit",
    "submission_to_review",
    "telaahan_to_give",
    "offer_awaiting_answer",
    "dprd_deadline",
    "report_to_fill",
    "report_to_sign_off",
    "report_to_verify",
    "report_to_review",
    "report_to_finalise",
    "obligation_due",
    "periodic_report_due",
]
RecordType = Literal[
    "agreement", "monitoring_report", "obligation_occurrence", "dprd_approval", "periodic_report"
]

_KINDS_DOC = (
    "What is to be done. draft_to_complete (an OPD operator completes a draft of the OPD), draft_to_submit "
    "(the OPD head submits a draft, or starts drafting a PKS/adendum), submission_to_review (the secretariat "
    "starts the TKKSD review), telaahan_to_give (the TKKSD appraises: approve with its telaahan), "
    "offer_awaiting_answer (the partner's answer to an offer is awaited, P22 Pasal 8), dprd_deadline (a DPRD "
    "decision is pending; silence by the deadline counts as approval), report_to_fill / report_to_sign_off / "
    "report_to_verify / report_to_review / report_to_finalise (the monitoring report's steps), "
    "obligation_due (an obligation occurrence of the OPD due within 30 days or overdue), "
    "periodic_report_due (a semester or annual report of the TKKSD not finalized yet)"
)


class SubmissionRequestBrief(BaseModel):
    requested_by: str = Field(description="Full name of the operator who asked the head to submit")
    requested_at: datetime = Field(description="When they asked (UTC); the latest request if several")


class TaskRead(BaseModel):
    kind: TaskKind = Field(description=_KINDS_DOC)
    record_type: RecordType = Field(description="What the task is about")
    record_id: str = Field(
        description="The record's id (a UUID; for periodic_report the period key, e.g. '2026-S1')"
    )
    agreement_id: uuid.UUID | None = Field(description="The agreement the record belongs to (null: none)")
    number: str | None = Field(description="The agreement's registration number (null: no agreement)")
    title: str = Field(description="The agreement's title, or the report period's label")
    detail: str | None = Field(
        description="What within the record: the obligation, the report period, the stage (Indonesian)"
    )
    stage: str | None = Field(description="The agreement's procedure stage, where the task is a stage step")
    period: str | None = Field(
        description="The report period, where the task is about a report: '2026-S1', '2026' (a monitoring "
        "report of a yearly cadence), '2026-annual' (the TKKSD's annual report)"
    )
    due_date: date | None = Field(description="When the work is due, where there is a deadline")
    overdue: bool = Field(description="The due date has passed")
    basis: str | None = Field(description="The Pasal the task follows, where one applies")
    href: str = Field(description="Where the web app does the work, e.g. /agreements/{id}")
    action: str = Field(
        description="The step to take there: a procedure action (submit, start_review, approve …), a report "
        "step (submit, verify, review, finalise), or edit / fill / fulfil / record_answer / record_decision / "
        "finalize"
    )
    submission_request: SubmissionRequestBrief | None = Field(
        None, description="draft_to_submit only: the operator asked the head to submit (else null)"
    )


class TaskList(BaseModel):
    as_of: date = Field(description="The day the queue was computed for (the region's date)")
    items: list[TaskRead] = Field(
        description="Tasks, overdue and soonest due first, then those without a date"
    )
    total: int = Field(description="How many items")

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "as_of": "2026-07-01",
                    "total": 1,
                    "items": [
                        {
                            "kind": "draft_to_submit",
                            "record_type": "agreement",
                            "record_id": "0d9f7a8e-3c1b-4c5e-9a37-5f3f1a2b6c70",
                            "agreement_id": "0d9f7a8e-3c1b-4c5e-9a37-5f3f1a2b6c70",
                            "number": "DRAFT/DLH/2026/001",
                            "title": "Pengelolaan sampah regional",
                            "detail": "Draf",
                            "stage": "draft",
                            "period": None,
                            "due_date": None,
                            "overdue": False,
                            "basis": "PP 28/2018 Pasal 6 ayat (1) huruf a; Permendagri 22/2020 Pasal 7",
                            "href": "/agreements/0d9f7a8e-3c1b-4c5e-9a37-5f3f1a2b6c70",
                            "action": "submit",
                            "submission_request": {
                                "requested_by": "Operator Dinas Lingkungan Hidup",
                                "requested_at": "2026-06-30T03:12:00Z",
                            },
                        }
                    ],
                }
            ]
        }
    )


class SubmissionRequestCreate(InputModel):
    message: str | None = Field(
        None, max_length=1000, description="A note to the head (optional), shown in the notification"
    )

    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"message": "Draf sudah lengkap, mohon diajukan."}]}
    )


class RecipientBrief(BaseModel):
    user_id: uuid.UUID = Field(description="The head's user id")
    full_name: str = Field(description="The head's display name")


class SubmissionRequestRead(BaseModel):
    agreement_id: uuid.UUID = Field(description="The draft the head is asked to submit")
    recipients: list[RecipientBrief] = Field(description="The OPD heads notified")
    created_at: datetime = Field(description="When the request was made (UTC)")
