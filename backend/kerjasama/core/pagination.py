"""Keyset pagination: opaque cursors that carry the last row's sort key and id."""

from __future__ import annotations

import base64
import json
import uuid
from dataclasses import dataclass
from datetime import date
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, Field
from sqlalchemy import ColumnElement, Select, and_, func, literal, literal_column, or_, tuple_
from sqlalchemy.orm import InstrumentedAttribute

from kerjasama.core.errors import Invalid, field_error

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class Page(BaseModel, Generic[T]):
    items: list[T] = Field(description="This page's records")
    next_cursor: str | None = Field(description="Pass as ?cursor= for the next page; null on the last page")
    total: int = Field(description="Number of records matching the filters, over all pages")


@dataclass(frozen=True)
class SortSpec:
    column: InstrumentedAttribute[Any]
    descending: bool
    kind: str  # "str", "date", "uuid", "int": how the key is serialised in the cursor


def parse_sort(
    raw: str | None, allowed: dict[str, tuple[InstrumentedAttribute[Any], str]], default: str
) -> tuple[str, SortSpec]:
    value = raw or default
    name = value.lstrip("-")
    if name not in allowed:
        raise Invalid(
            f"Cannot sort by '{name}'.",
            errors=[field_error("sort", f"allowed: {', '.join(sorted(allowed))}", "sort_unknown", "query")],
        )
    column, kind = allowed[name]
    return value, SortSpec(column, value.startswith("-"), kind)


def _encode_value(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def _decode_value(value: Any, kind: str) -> Any:
    if value is None:
        return None
    if kind == "date":
        return date.fromisoformat(value)
    if kind == "uuid":
        return uuid.UUID(value)
    if kind == "int":
        return int(value)
    if not isinstance(value, str):
        raise ValueError("bad cursor value")
    return value


def encode_cursor(sort: str, key: Any, row_id: uuid.UUID | str) -> str:
    raw = json.dumps({"s": sort, "k": _encode_value(key), "i": str(row_id)}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, sort: str, spec: SortSpec, id_kind: str = "uuid") -> tuple[Any, Any]:
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        data = json.loads(base64.urlsafe_b64decode(padded.encode()))
        if data["s"] != sort:
            raise ValueError("cursor belongs to another sort order")
        return _decode_value(data["k"], spec.kind), _decode_value(data["i"], id_kind)
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise Invalid(
            "The cursor is not valid for this list and sort order.",
            errors=[field_error("cursor", "use next_cursor exactly as returned", "cursor_invalid", "query")],
        ) from exc


# A nullable date column sorts by COALESCE(column, sentinel): the lowest date when descending, the
# highest when ascending, so NULLs come last either way and the order is one plain key. An index on
# (COALESCE(column, sentinel), id) then serves both the ORDER BY and the seek (PostgreSQL and SQLite),
# where `column IS NULL, column DESC` forced a scan and sort of every row (issue 16). The sentinel is
# written inline, not bound, so that the planner can match the expression index also in a prepared plan.
_NULLS_LAST_SENTINEL = {False: date(9999, 12, 31), True: date(1, 1, 1)}


def _nullable(column: Any) -> bool | None:
    """Whether a mapped column may be NULL; None for an expression (a label, a subquery)."""
    try:
        cols = column.property.columns
    except AttributeError:
        return None
    return bool(cols[0].nullable) if cols else None


def sort_expression(spec: SortSpec) -> ColumnElement[Any] | None:
    """The index-servable key of a nullable date sort (None: the column is sorted as it is)."""
    if spec.kind != "date" or _nullable(spec.column) is not True:
        return None
    sentinel = _NULLS_LAST_SENTINEL[spec.descending]
    return func.coalesce(spec.column, literal_column(f"'{sentinel.isoformat()}'"))


def apply_keyset(
    stmt: Select[Any], spec: SortSpec, id_column: InstrumentedAttribute[Any], after: tuple[Any, Any] | None
) -> Select[Any]:
    """Order by (key, id) with NULL keys last in both directions, and seek past `after`."""
    col, desc = spec.column, spec.descending
    keyed = sort_expression(spec)
    if keyed is not None or _nullable(col) is False:
        key_expr: Any = keyed if keyed is not None else col
        stmt = stmt.order_by(
            key_expr.desc() if desc else key_expr.asc(), id_column.desc() if desc else id_column.asc()
        )
        if after is None:
            return stmt
        key, last_id = after
        if keyed is not None and key is None:
            key = _NULLS_LAST_SENTINEL[desc]
        seek = tuple_(key_expr, id_column)
        bound = tuple_(literal(key, col.type), literal(last_id, id_column.type))
        return stmt.where(seek < bound if desc else seek > bound)
    # A nullable column of another kind: NULLs last by an explicit IS NULL key (no index serves this).
    key_order = col.desc() if desc else col.asc()
    id_order = id_column.desc() if desc else id_column.asc()
    stmt = stmt.order_by(col.is_(None).asc(), key_order, id_order)
    if after is None:
        return stmt
    key, last_id = after
    id_past: ColumnElement[bool] = id_column < last_id if desc else id_column > last_id
    if key is None:
        # Already in the NULL tail: only rows with NULL key and a later id remain.
        return stmt.where(and_(col.is_(None), id_past))
    key_past: ColumnElement[bool] = col < key if desc else col > key
    return stmt.where(or_(col.is_(None), key_past, and_(col == key, id_past)))
