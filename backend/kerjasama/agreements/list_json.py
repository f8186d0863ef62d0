"""The agreement list's page built as JSON by PostgreSQL, in one statement (issue 16).

The ORM path (repository.page + reads.summary) loads 51 agreements, their lead OPDs, parties and
partners in four statements, builds 50 pydantic models and dumps them: at 100 000 agreements that
Python work was most of a list request's time, several times the SQL. On PostgreSQL the page is now
one statement that returns each row's JSON text, as the raw-SQL ceiling of `bench/run.py` does.

The row is the same object as `reads.summary` makes (same keys, values and order of the partners);
the derived fields repeat `reads._derived` and `rules.status` in SQL. `tests/test_list_json.py`
compares both paths on every agreement of a varied data set, so a field added to AgreementSummary
without its SQL here fails the suite. SQLite keeps the ORM path.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Select,
    Text,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    literal_column,
    select,
)
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.orm import Session

from kerjasama.core.pagination import SortSpec, apply_keyset
from kerjasama.models import Agreement, AgreementParty, Opd, Partner
from kerjasama.rules.status import in_force_clause, not_yet_in_force_clause


def _derived(today: date, expiring_window_days: int) -> list[Any]:
    """reads._derived in SQL: the same five fields, never NULL where the model has a bool."""
    days = Agreement.end_date - literal(today)
    in_force = in_force_clause(today)
    return [
        "in_force_now",
        in_force,
        "not_yet_in_force",
        func.coalesce(not_yet_in_force_clause(today), false()),
        "expiring",
        func.coalesce(and_(in_force, days >= 0, days <= expiring_window_days), false()),
        "expired",
        func.coalesce(and_(in_force, days < 0), false()),
        "days_to_end",
        case((Agreement.end_date.is_not(None), days)),
    ]


def _lead_opd() -> Any:
    return (
        select(
            func.json_build_object(
                "id", Opd.id, "code", Opd.code, "abbreviation", Opd.abbreviation, "name", Opd.name
            )
        )
        .where(Opd.id == Agreement.lead_opd_id)
        .correlate(Agreement)
        .scalar_subquery()
    )


def _partners() -> Any:
    """The partners in signing order (the ORM relationship orders parties by position)."""
    brief = func.json_build_object(
        "id", Partner.id, "type", Partner.type, "name", Partner.name, "region_code", Partner.region_code
    )
    return (
        select(
            func.coalesce(
                func.json_agg(aggregate_order_by(brief, AgreementParty.position)),
                literal_column("'[]'::json"),
            )
        )
        .select_from(AgreementParty)
        .join(Partner, Partner.id == AgreementParty.partner_id)
        .where(AgreementParty.agreement_id == Agreement.id)
        .correlate(Agreement)
        .scalar_subquery()
    )


def summary_json(today: date, expiring_window_days: int) -> ColumnElement[str]:
    """One list row as JSON text, in AgreementSummary's field order."""
    fields: list[Any] = [
        *_derived(today, expiring_window_days),
        "id",
        Agreement.id,
        "number",
        Agreement.number,
        "kind",
        Agreement.kind,
        "category",
        Agreement.category,
        "nature",
        Agreement.nature,
        "title",
        Agreement.title,
        "status",
        Agreement.status,
        "stage",
        Agreement.stage,
        "parent_id",
        Agreement.parent_id,
        "lead_opd",
        _lead_opd(),
        "partners",
        _partners(),
        "signed_date",
        Agreement.signed_date,
        "start_date",
        Agreement.start_date,
        "end_date",
        Agreement.end_date,
        "is_demo",
        Agreement.is_demo,
        "is_legacy_import",
        Agreement.is_legacy_import,
        "version",
        Agreement.version,
    ]
    return cast(func.json_build_object(*fields), Text)


def page_rows(
    session: Session,
    stmt: Select[tuple[Agreement]],
    spec: SortSpec,
    after: tuple[Any, Any] | None,
    limit: int,
    *,
    today: date,
    expiring_window_days: int,
) -> Sequence[Any]:
    """limit + 1 rows of (json, sort key, id) in the list's order, past the cursor."""
    ordered = apply_keyset(stmt, spec, Agreement.id, after).limit(limit + 1)
    columns = ordered.with_only_columns(
        summary_json(today, expiring_window_days), spec.column, Agreement.id, maintain_column_froms=True
    )
    return session.execute(columns).all()
