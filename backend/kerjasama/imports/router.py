"""HTTP for the spreadsheet import of existing agreements (administrator only)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, File, Query, Response, UploadFile

from kerjasama.core.auth import Principal
from kerjasama.core.clock import today_in_region
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import Invalid, field_error, problems
from kerjasama.core.policy import require
from kerjasama.core.spreadsheet import XLSX_MEDIA_TYPE
from kerjasama.imports import policy, reader, service, template
from kerjasama.imports.errors import SpreadsheetTooLarge
from kerjasama.imports.schemas import ImportReport

router = APIRouter(prefix="/imports", tags=["imports"], responses=problems(401))
Importer = Annotated[Principal, Depends(require(policy.may_import))]


@router.get(
    "/agreements/template",
    response_class=Response,
    responses={
        200: {
            "description": "The XLSX template: sheets Petunjuk (instructions), Naskah (header, example row, "
            "data-validation lists) and Kode (the codes, from the reference data)",
            "content": {XLSX_MEDIA_TYPE: {"schema": {"type": "string", "format": "binary"}}},
        },
        **problems(403),
    },
    operation_id="imports_template",
)
def import_template(session: DbSession, principal: Importer) -> Response:
    """Download the import template (Bahasa Indonesia) with the current codes of categories, kinds, affairs and OPDs."""
    return Response(
        template.build(session),
        media_type=XLSX_MEDIA_TYPE,
        headers={"Content-Disposition": 'attachment; filename="templat-impor-kerja-sama.xlsx"'},
    )


@router.post(
    "/agreements",
    response_model=ImportReport,
    responses=problems(403, 413, 415, 422),
    operation_id="imports_agreements",
)
def import_agreements(
    session: DbSession,
    settings: AppSettings,
    principal: Importer,
    file: Annotated[UploadFile, File(description="The filled-in template (.xlsx, at most 5 MB, 2000 rows)")],
    dry_run: Annotated[
        bool, Query(description="true: check only and report; false: write when every row is valid")
    ] = True,
) -> ImportReport:
    """Import existing agreements from the filled-in template: a per-row report, all or nothing.

    Each row is checked as a legacy import (`is_legacy_import`, status in_force or ended from its end
    date) with the rule findings of the rules catalogue and the partner it matches (by kode wilayah, or
    by the partners' duplicate check on name and NIB) or would create. Nothing is written unless every
    row is valid and `dry_run=false`; the answer is then 200 with `committed: true`. A dry run answers
    200 with the report whatever it finds. An import (`dry_run=false`) with a bad row writes nothing
    and is refused: 422 `import_rejected`, whose `errors` name each bad cell (`loc` = ["file", "rows",
    row, field], `code` = the rule) and which carries the whole report as extension members
    (`committed: false`, `rows_invalid`, `rows`, …). A formula in a cell is stored as its text.
    A file that is too large (413), not an XLSX or password-protected (415), or unreadable, unsafe or
    not the template (422) is refused with the reason.
    """
    data = file.file.read(reader.MAX_BYTES + 1)
    if len(data) > reader.MAX_BYTES:
        raise SpreadsheetTooLarge(f"The file is larger than {reader.MAX_BYTES // (1024 * 1024)} MB.")
    rows = reader.read(data)
    report = service.run(session, settings, principal, rows, dry_run=dry_run, today=today_in_region(settings))
    if not dry_run and not report.committed:
        raise Invalid(
            f"Nothing was imported: {report.rows_invalid} of {report.rows_total} rows have errors."
            if report.rows_total
            else "Nothing was imported: the sheet has no data rows.",
            code="import_rejected",
            errors=[
                field_error(
                    f"rows.{e.row}.{e.field}", f"column {e.column} ({e.header}): {e.message}", e.rule, "file"
                )
                for r in report.rows
                for e in r.errors
            ],
            extra=report.model_dump(mode="json"),
        )
    return report
