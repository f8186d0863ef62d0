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


# FTS5's trigram tokenizer indexes three-character windows: a shorter phrase has none to look up.
TRIGRAM = 3


def trigram_phrase(text: str) -> str | None:
    """`text` as an FTS5 phrase for a trigram index (SQLite, revision 0018), or None when the index
    cannot answer it (under three characters, or a NUL, which ends an FTS5 query): scan instead.

    The phrase is the lowered text `contains()` matches, quoted, so the index finds every row that
    LIKE would (and, its case folding going beyond ASCII, a few more; callers keep the LIKE test).
    """
    lowered = text.lower()
    if len(lowered) < TRIGRAM or "\x00" in lowered:
        return None
    return '"' + lowered.replace('"', '""') + '"'
