"""Why an uploaded spreadsheet is refused (4xx, never 500)."""

from __future__ import annotations

from kerjasama.core.errors import AppError


class SpreadsheetTooLarge(AppError):
    status, code, title = 413, "spreadsheet_too_large", "Spreadsheet too large"


class NotASpreadsheet(AppError):
    status, code, title = 415, "not_xlsx", "Not an XLSX workbook"


class SpreadsheetUnreadable(AppError):
    status, code, title = 422, "spreadsheet_malformed", "Spreadsheet cannot be read"
