"""Import existing agreements from the template's rows: all or nothing.

Every row goes through what a single legacy import goes through (`agreements.service.create` with
`is_legacy_import`, then the rule checks of `procedure.service.checks`), each in its own savepoint so
that a refused row leaves the others usable; the whole import runs in one outer savepoint that is
rolled back for a dry run or when any row has an error. Partners are matched by kode wilayah, or found
by the partners' own duplicate check (same normalised name, NIB or NPWP), or created.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from pydantic import ValidationError
from sqlalchemy.orm import Session

from kerjasama.agreements import service as agreements_service
from kerjasama.agreements.schemas import AgreementCreate
from kerjasama.core.auth import Principal
from kerjasama.core.config import Settings
from kerjasama.core.errors import AppError, Conflict, Forbidden
from kerjasama.imports import policy, repository
from kerjasama.imports.columns import BY_KEY, FIELD_COLUMN, PARTNER_TYPES, THIRD_PARTY_KINDS
from kerjasama.imports.reader import SheetRow, as_date
from kerjasama.imports.schemas import ImportCellError, ImportPartner, ImportReport, ImportRowReport
from kerjasama.partners import service as partners_service
from kerjasama.partners.schemas import PartnerCreate
from kerjasama.procedure import service as procedure_service

Progress = Callable[[int, int], None]


class _RowErrors(Exception):
    def __init__(self, errors: list[ImportCellError]) -> None:
        super().__init__("row invalid")
        self.errors = errors


def _error(row: int, key: str, rule: str, message: str) -> ImportCellError:
    column = BY_KEY[key]
    field = {"lead_opd": "lead_opd_id", "partner_type": "parties"}.get(key, key)
    return ImportCellError(
        row=row, column=column.letter, header=column.header, field=field, rule=rule, message=message
    )


def _loc_key(loc: Sequence[Any], default: str) -> str:
    for part in loc:
        if isinstance(part, str) and part in FIELD_COLUMN:
            return FIELD_COLUMN[part]
    return default


def _text(value: Any) -> str | None:
    """A cell as text; a formula stays the literal text it was typed as ("=1+1"), never evaluated."""
    if value is None:
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _check_cells(r: SheetRow) -> list[ImportCellError]:
    errors = []
    for key in (
        "kind",
        "category",
        "title",
        "affair_codes",
        "lead_opd",
        "partner_type",
        "signed_date",
        "start_date",
    ):
        if r.cells.get(key) in (None, ""):
            errors.append(_error(r.row, key, "required", f"{BY_KEY[key].header} is required"))
    for key in ("signed_date", "start_date", "end_date"):
        try:
            as_date(r.cells.get(key))
        except ValueError:
            errors.append(_error(r.row, key, "date_format", "a date cell, or a date written 15/07/2026"))
    ptype = _text(r.cells.get("partner_type"))
    if ptype is not None and ptype not in PARTNER_TYPES:
        errors.append(_error(r.row, "partner_type", "code_unknown", f"one of {', '.join(PARTNER_TYPES)}"))
    if ptype == "REGION" and not r.cells.get("partner_region_code"):
        errors.append(
            _error(r.row, "partner_region_code", "required", "a REGION partner needs its kode wilayah")
        )
    if ptype not in (None, "REGION") and not r.cells.get("partner_name"):
        errors.append(
            _error(r.row, "partner_name", "required", "a partner other than a region needs its name")
        )
    kind = _text(r.cells.get("partner_kind"))
    if kind is not None and kind not in THIRD_PARTY_KINDS:
        errors.append(_error(r.row, "partner_kind", "code_unknown", f"one of {', '.join(THIRD_PARTY_KINDS)}"))
    return errors


def _partner(
    session: Session, principal: Principal, r: SheetRow, created_here: set[uuid.UUID]
) -> tuple[uuid.UUID, ImportPartner]:
    ptype = _text(r.cells["partner_type"]) or ""
    region_code = _text(r.cells.get("partner_region_code"))
    if ptype == "REGION" and region_code:
        found = repository.region_partner(session, region_code)
        if found is not None:
            by = "created_by_earlier_row" if found.id in created_here else "region_code"
            return found.id, ImportPartner(
                action="match", matched_by=by, partner_id=found.id, name=found.name
            )
    body: dict[str, Any] = {"type": ptype}
    if ptype == "REGION":
        body["region_code"] = region_code
    else:
        body["name"] = _text(r.cells.get("partner_name"))
        if r.cells.get("partner_nib") is not None:
            body["nib"] = _text(r.cells.get("partner_nib"))
        if ptype == "THIRD_PARTY":
            body["third_party_kind"] = _text(r.cells.get("partner_kind")) or "business_entity"
            if r.cells.get("partner_form") is not None:
                body["business_form"] = _text(r.cells.get("partner_form"))
    try:
        data = PartnerCreate.model_validate(body)
    except ValidationError as exc:
        raise _RowErrors(
            [
                _error(r.row, _loc_key(e["loc"], "partner_name"), str(e["type"]), str(e["msg"]))
                for e in exc.errors()
            ]
        ) from exc
    try:
        created = partners_service.create(session, principal, data, force=False)
    except Conflict as exc:
        existing = exc.extra.get("existing_id")
        if existing is None:
            raise
        found = repository.partner(session, uuid.UUID(str(existing)))
        assert found is not None
        by = "created_by_earlier_row" if found.id in created_here else "duplicate_check"
        return found.id, ImportPartner(action="match", matched_by=by, partner_id=found.id, name=found.name)
    created_here.add(created.id)
    return created.id, ImportPartner(
        action="create", matched_by=None, partner_id=created.id, name=created.name
    )


def _body(r: SheetRow, partner_id: uuid.UUID, opd_id: uuid.UUID, today: date) -> dict[str, Any]:
    end = as_date(r.cells.get("end_date"))
    ended = end is not None and end < today
    affairs = [
        a.strip()
        for a in (_text(r.cells.get("affair_codes")) or "").replace(";", ",").split(",")
        if a.strip()
    ]
    body: dict[str, Any] = {
        "kind": _text(r.cells.get("kind")),
        "category": _text(r.cells.get("category")),
        "nature": _text(r.cells.get("nature")),
        "title": _text(r.cells.get("title")),
        "object": _text(r.cells.get("object")) or "",
        "scope": _text(r.cells.get("scope")) or "",
        "affair_codes": affairs,
        "lead_opd_id": opd_id,
        "parties": [
            {"partner_id": partner_id, "signatory_title": _text(r.cells.get("partner_signatory_title")) or ""}
        ],
        "signed_date": as_date(r.cells.get("signed_date")),
        "start_date": as_date(r.cells.get("start_date")),
        "end_date": end,
        "is_legacy_import": True,
        "status": "ended" if ended else "in_force",
    }
    if ended:
        body["end_reason"] = "term_expired"
    if r.cells.get("number") is not None:
        body["number"] = _text(r.cells.get("number"))
    return body


def _import_row(
    session: Session,
    settings: Settings,
    principal: Principal,
    r: SheetRow,
    opds: dict[str, uuid.UUID],
    created_here: set[uuid.UUID],
    today: date,
) -> ImportRowReport:
    report = ImportRowReport(
        row=r.row,
        valid=False,
        number=_text(r.cells.get("number")),
        title=_text(r.cells.get("title")),
        status=None,
        stage=None,
        agreement_id=None,
        partner=None,
        findings=[],
        errors=[],
    )
    errors = _check_cells(r)
    opd_code = _text(r.cells.get("lead_opd"))
    opd_id = opds.get(opd_code or "")
    if opd_code and opd_id is None:
        errors.append(_error(r.row, "lead_opd", "opd_unknown", f"no active OPD with code '{opd_code}'"))
    if errors:
        report.errors = errors
        return report
    assert opd_id is not None
    savepoint = session.begin_nested()
    try:
        partner_id, report.partner = _partner(session, principal, r, created_here)
        try:
            data = AgreementCreate.model_validate(_body(r, partner_id, opd_id, today))
        except ValidationError as exc:
            raise _RowErrors(
                [
                    _error(
                        r.row,
                        _loc_key([*e["loc"], str((e.get("ctx") or {}).get("field", ""))], "title"),
                        str(e["type"]),
                        str(e["msg"]),
                    )
                    for e in exc.errors()
                ]
            ) from exc
        created = agreements_service.create(session, settings, principal, data)
        agreement = agreements_service.get(session, principal, created.id, reload=True)
        report.findings = [
            procedure_service.finding_read(f) for f in procedure_service.checks(session, settings, agreement)
        ]
        report.number, report.status, report.stage = agreement.number, agreement.status, agreement.stage
        report.agreement_id = agreement.id
        report.valid = True
        savepoint.commit()
    except _RowErrors as exc:
        savepoint.rollback()
        report.partner, report.errors = None, exc.errors
    except Forbidden:
        savepoint.rollback()
        raise
    except AppError as exc:
        savepoint.rollback()
        report.partner = None
        report.errors = [_error(r.row, _loc_key(e.loc, "title"), e.code, e.msg) for e in exc.errors] or [
            _error(r.row, "title", exc.code, exc.detail or exc.title)
        ]
    return report


def run(
    session: Session,
    settings: Settings,
    principal: Principal,
    rows: Sequence[SheetRow],
    *,
    dry_run: bool,
    today: date,
    progress: Progress | None = None,
) -> ImportReport:
    """Check (and, when every row is valid and it is not a dry run, write) the rows; one outer savepoint."""
    if not policy.may_import(principal):
        raise Forbidden(
            "Only the administrator imports agreements from a spreadsheet.", code="role_forbidden"
        )
    opds = {o.code: o.id for o in repository.opds(session)}
    created_here: set[uuid.UUID] = set()
    outer = session.begin_nested()
    reports: list[ImportRowReport] = []
    try:
        for i, r in enumerate(rows, start=1):
            reports.append(_import_row(session, settings, principal, r, opds, created_here, today))
            if progress is not None:
                progress(i, len(rows))
    except BaseException:
        outer.rollback()
        raise
    valid = sum(1 for x in reports if x.valid)
    commit = not dry_run and valid == len(reports) and bool(reports)
    if commit:
        outer.commit()
    else:
        outer.rollback()
        for x in reports:  # nothing of it stays
            x.agreement_id = None
            if x.partner is not None and x.partner.action == "create":
                x.partner.partner_id = None
    return ImportReport(
        dry_run=dry_run,
        committed=commit,
        rows_total=len(reports),
        rows_valid=valid,
        rows_invalid=len(reports) - valid,
        partners_created=sum(1 for x in reports if x.partner and x.partner.action == "create"),
        partners_matched=sum(1 for x in reports if x.partner and x.partner.action == "match"),
        rows=reports,
    )
