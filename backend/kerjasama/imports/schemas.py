"""The import's per-row report."""

from __future__ import annotations

import uuid
from typing import Literal

from pydantic import BaseModel, Field

from kerjasama.procedure.schemas import FindingRead


class ImportCellError(BaseModel):
    """Why a row cannot be imported: where (row, column) and which rule."""

    row: int = Field(description="Row number in the sheet «Naskah» (1 is the header)")
    column: str = Field(description="Column letter, e.g. 'P'")
    header: str = Field(description="The column's header in the template")
    field: str = Field(description="The API field the column fills, e.g. 'signed_date'")
    rule: str = Field(
        description="Stable code of the failed rule, e.g. 'required', 'date_format', 'opd_unknown'"
    )
    message: str = Field(description="What is wrong, in English")


class ImportPartner(BaseModel):
    """The partner a row is linked to."""

    action: Literal["match", "create"] = Field(
        description="An existing partner is reused, or a new one created"
    )
    matched_by: Literal["region_code", "duplicate_check", "created_by_earlier_row"] | None = Field(
        description="How an existing partner was found: its kode wilayah, or the partners' duplicate check "
        "(same normalised name, NIB or NPWP)"
    )
    partner_id: uuid.UUID | None = Field(
        description="The partner (for a dry run, the id it would get is not kept)"
    )
    name: str = Field(description="Partner name")


class ImportRowReport(BaseModel):
    """The outcome of one row."""

    row: int = Field(description="Row number in the sheet")
    valid: bool = Field(description="The row can be imported")
    number: str | None = Field(description="Registry number (given or generated)")
    title: str | None = Field(description="Title")
    status: str | None = Field(description="in_force or ended, from the dates")
    stage: str | None = Field(description="The stage it lands in")
    agreement_id: uuid.UUID | None = Field(description="The created agreement (committed imports only)")
    partner: ImportPartner | None = Field(description="The partner matched or created")
    findings: list[FindingRead] = Field(description="Rule findings on the imported text (rules/ catalogue)")
    errors: list[ImportCellError] = Field(description="Why the row cannot be imported")


class ImportReport(BaseModel):
    """The result of an import: nothing is written unless every row is valid."""

    dry_run: bool = Field(description="Checked only; nothing written")
    committed: bool = Field(description="The agreements were written (every row valid, not a dry run)")
    rows_total: int = Field(description="Data rows read (the example row and empty rows left out)")
    rows_valid: int = Field(description="Rows that can be imported")
    rows_invalid: int = Field(description="Rows with errors")
    partners_created: int = Field(description="Partners created (or that would be)")
    partners_matched: int = Field(description="Rows linked to an existing partner")
    rows: list[ImportRowReport] = Field(description="Per row, in sheet order")
