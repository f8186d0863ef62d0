"""Spreadsheet cells that never run as formulas (CWE-1236, CSV/formula injection).

Text a spreadsheet would evaluate — starting with = + - @, a tab or a carriage return — gets a quote
prefix, so a title like "=HYPERLINK(…)" typed into the registry shows as text in Excel or LibreOffice.
"""

from __future__ import annotations

from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> Any:
    """The value itself, or text with a leading quote when a spreadsheet would read it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value
