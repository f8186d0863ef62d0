"""Substring search that treats the user's text literally (no LIKE wildcards from input)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, func

ESCAPE = "\\"


def contains(column: Any, text: str) -> ColumnElement[bool]:
    """Case-insensitive `column contains text`, with % _ and \\ in `text` matching themselves."""
    escaped = text.lower().replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    result: ColumnElement[bool] = func.lower(column).like(f"%{escaped}%", escape=ESCAPE)
    return result


def starts_with(column: Any, text: str) -> ColumnElement[bool]:
    escaped = text.replace(ESCAPE, ESCAPE * 2).replace("%", ESCAPE + "%").replace("_", ESCAPE + "_")
    result: ColumnElement[bool] = column.like(f"{escaped}%", escape=ESCAPE)
    return result
