from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from kerjasama.core.roles import RoleName
from kerjasama.core.schemas import Day, InputModel


class FindingRead(BaseModel):
    rule_id: str = Field(description="Rule id, e.g. 'R10'")
    severity: Literal["BLOCK", "WARN"] = Field(
        description="BLOCK refuses the action; WARN needs a justification"
    )
    message_id: str = Field(description="Message in Bahasa Indonesia")
    message_en: str = Field(description="Message in English")
    basis: str = Field(description="Legal basis, e.g. 'PP 28/2018 Pasal 6 ayat (2)'")
    fields: list[str] = Field(description="Fields or records to fix")


class RuleRead(BaseModel):
    id: str = Field(description="Rule id")
    severity: Literal["BLOCK", "WARN"] = Field(description="BLOCK or WARN")
    title_id: str = Field(description="Title in Bahasa Indonesia")
    title_en: str = Field(description="Title in English")
    basis: str = Field(description="Legal basis")
    fields: list[str] = Field(description="Fields the rule concerns")
    enforced_in: list[str] = Field(
        description="Where it is enforced: the procedure actions that apply it ('<machine>.<action>'), or, for "
        "a rule that guards no transition, the job or layer that does"
    )


class ChecksRead(BaseModel):
    agreement_id: uuid.UUID = Field(description="The agreement checked")
    stage: str = Field(description="Its current stage")
    findings: list[FindingRead] = Field(description="What the rules found now; empty when all pass")


class DraftChecksRead(BaseModel):
    findings: list[FindingRead] = Field(description="What the rules would find if this text were saved")


class TransitionSpec(BaseModel):
    action: str = Field(description="Action name to POST to /transitions")
    from_stages: list[str] = Field(description="Stages the action starts from")
    to_stage: str = Field(description="Stage it leads to")
    roles: list[str] = Field(description="Roles allowed to take it")
    rules: list[str] = Field(description="Rules that guard it")
    needs_reason: bool = Field(description="A reason is required")
    needs_date: bool = Field(description="effective_date is used (defaults to today)")
    label_id: str = Field(description="Label in Bahasa Indonesia")
    label_en: str = Field(description="Label in English")


class MachineRead(BaseModel):
    id: str = Field(description="Machine id")
    title_id: str = Field(description="Title in Bahasa Indonesia")
    title_en: str = Field(description="Title in English")
    kinds: list[str] = Field(description="Kinds of text it governs")
    categories: list[str] = Field(description="Categories it governs")
    stages: list[str] = Field(description="The main path, in order (for a stepper)")
    optional_stages: list[str] = Field(
        description="Stages of the main path passed only when required (DPRD approval)"
    )
    transitions: list[TransitionSpec] = Field(description="All actions")


class DisputePath(BaseModel):
    category: str = Field(description="Category")
    path_id: str = Field(description="Escalation path in Bahasa Indonesia")
    path_en: str = Field(description="Escalation path in English")
    basis: str = Field(description="Legal basis")


class ProceduresRead(BaseModel):
    machines: list[MachineRead] = Field(description="Stage machines per kind and category")
    legacy_import: str = Field(description="How existing texts enter the registry")
    dispute_paths: list[DisputePath] = Field(description="Dispute escalation per category")


class ActionRead(BaseModel):
    action: str = Field(description="Action name")
    to_stage: str = Field(description="Resulting stage")
    label_id: str = Field(description="Label in Bahasa Indonesia")
    label_en: str = Field(description="Label in English")
    allowed_for_role: bool = Field(description="The caller's role may take it")
    taken_by: list[RoleName] = Field(
        description="The roles whose step this is, to tell a caller who may not take it who can (the "
        "administrator, who may take every step, is not listed)"
    )
    blocked: bool = Field(description="A BLOCK finding stops it now")
    needs_reason: bool = Field(description="A reason is required")
    needs_date: bool = Field(description="effective_date is used")
    findings: list[FindingRead] = Field(
        description="BLOCK findings stop it; WARN findings need a justification"
    )


class ActionsRead(BaseModel):
    stage: str = Field(description="Current stage")
    machine: str | None = Field(description="Machine id; null for texts without a procedure (legacy)")
    actions: list[ActionRead] = Field(description="Actions from this stage")


class TransitionIn(InputModel):
    action: str = Field(min_length=1, max_length=40, description="One of the actions of GET /actions")
    reason: str | None = Field(
        None, max_length=4000, description="Why; for `end`, the legal ending reason code"
    )
    justification: str | None = Field(
        None, max_length=4000, description="Written justification for WARN findings"
    )
    effective_date: Day | None = Field(
        None, description="Date of the act (signing, ending, letter); default today"
    )
    document_ids: list[uuid.UUID] = Field(
        default_factory=list,
        max_length=20,
        description="Documents of this agreement supporting the step (ids from POST /agreements/{id}/documents)",
    )
    review: ApprovalReviewIn | None = Field(
        None,
        description="With `approve`: the TKKSD's telaahan (meeting date, outcome, notes, berita acara), recorded "
        "in the same request. Without it, `approve` needs a telaahan recorded before (R19).",
    )


class TransitionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="Transition id")
    action: str = Field(description="Action taken")
    from_stage: str = Field(description="Stage before")
    to_stage: str = Field(description="Stage after")
    actor_username: str = Field(description="Who")
    actor_role: str = Field(description="In which role")
    reason: str | None = Field(description="Reason given")
    justification: str | None = Field(description="Justification of WARN findings")
    effective_date: date | None = Field(description="Date of the act")
    document_ids: list[str] = Field(description="Supporting documents")
    warnings: list[dict[str, Any]] = Field(description="WARN findings accepted with the justification")
    at: datetime = Field(description="When (UTC)")


class HistoryEntry(BaseModel):
    kind: Literal["transition", "change"] = Field(description="A stage transition or a field-level change")
    at: datetime = Field(description="When (UTC)")
    actor_username: str = Field(description="Who")
    actor_role: str = Field(description="Role")
    action: str = Field(description="Action (transition) or create/update/amended_by (change)")
    from_stage: str | None = Field(None, description="Transition: stage before")
    to_stage: str | None = Field(None, description="Transition: stage after")
    reason: str | None = Field(None, description="Transition: reason")
    justification: str | None = Field(None, description="Transition: justification")
    document_ids: list[str] = Field(
        default_factory=list,
        description="Transition: its supporting documents (ids of the agreement's documents)",
    )
    before: dict[str, Any] | None = Field(None, description="Change: fields before")
    after: dict[str, Any] | None = Field(None, description="Change: fields after")


TkksdOutcome = Literal["layak", "layak_dengan_perbaikan", "tidak_layak"]


class TkksdReviewCreate(InputModel):
    meeting_date: Day = Field(description="Date of the TKKSD meeting")
    outcome: TkksdOutcome = Field(description="layak, layak_dengan_perbaikan or tidak_layak")
    notes: str = Field("", max_length=10000, description="The telaahan: findings and recommendations")
    minutes_ref: str | None = Field(
        None, max_length=200, description="Reference of the berita acara (minutes)"
    )


class ApprovalReviewIn(TkksdReviewCreate):
    no_conflict: bool = Field(
        False,
        description="The TKKSD declares that the object and its implementation do not conflict with morality, "
        "public order, the national interest or the law (R9, PP 28/2018 Pasal 4(4), 16(4))",
    )


class TkksdReviewRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="Review id")
    agreement_id: uuid.UUID = Field(description="Agreement reviewed")
    meeting_date: date = Field(description="Meeting date")
    outcome: TkksdOutcome = Field(description="Outcome")
    notes: str = Field(description="Telaahan")
    minutes_ref: str | None = Field(description="Minutes reference")
    created_at: datetime = Field(description="Recorded (UTC)")


DprdDecision = Literal["pending", "approved", "rejected"]


class DprdApprovalCreate(InputModel):
    request_date: Day = Field(description="Date the request letter was sent")
    received_date: Day | None = Field(
        None, description="Date the DPRD received it; starts the working-day count"
    )
    document_ref: str | None = Field(None, max_length=200, description="Reference of the request letter")


class DprdApprovalUpdate(InputModel):
    received_date: Day | None = Field(None, description="Date the DPRD received the request")
    decision: DprdDecision | None = Field(None, description="pending, approved or rejected")
    decision_date: Day | None = Field(None, description="Date of the decision")
    decree_number: str | None = Field(None, max_length=120, description="Number of the DPRD decree")
    document_ref: str | None = Field(None, max_length=200, description="Reference of the decision document")


class DprdApprovalRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="Approval id")
    agreement_id: uuid.UUID = Field(description="Agreement")
    request_date: date = Field(description="Request sent")
    received_date: date | None = Field(description="Received by the DPRD")
    deadline_date: date | None = Field(
        description="Last day of the working-day period (derived from received_date)"
    )
    decision: DprdDecision = Field(description="Decision")
    decision_date: date | None = Field(description="Decision date")
    decree_number: str | None = Field(description="Decree number")
    document_ref: str | None = Field(description="Document reference")
    deemed_approved: bool = Field(
        description="Silence past the deadline counts as approval (Pasal 12(4), 34(6)) (derived)"
    )
    version: int = Field(description="Optimistic-lock version; also the ETag")


class HolidayIn(InputModel):
    day: Day = Field(description="The non-working day")
    name: str = Field(min_length=2, max_length=200, description="Name, e.g. 'Cuti bersama Idulfitri'")
    kind: Literal["cuti_bersama", "regional"] = Field("cuti_bersama", description="cuti_bersama or regional")


class HolidayRead(BaseModel):
    day: date = Field(description="Date")
    name: str = Field(description="Name")
    kind: Literal["national", "cuti_bersama", "regional"] = Field(
        description="What the day is: national holiday, cuti bersama or regional holiday"
    )
    source: Literal["national_calendar", "local"] = Field(
        description="Where it comes from: national_calendar = the national list (hari libur nasional and "
        "the cuti bersama of the SKB 3 Menteri, from the `holidays` package); local = added here by the "
        "administrator (regional days, late cuti bersama)"
    )
