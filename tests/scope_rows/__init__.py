"""Scope-matrix rows per domain; each module exports ROWS. Add a module here for a new domain."""

from __future__ import annotations

from tests.fixtures.scope import Row
from tests.scope_rows import (
    documents,
    dossier,
    exports,
    imports,
    integration,
    monitoring,
    obligations,
    periodic_reports,
    public_register,
    reminders,
    tasks,
    webhooks,
)

EXTRA_ROWS: list[Row] = [
    *documents.ROWS,
    *dossier.ROWS,
    *exports.ROWS,
    *imports.ROWS,
    *obligations.ROWS,
    *monitoring.ROWS,
    *reminders.ROWS,
    *webhooks.ROWS,
    *periodic_reports.ROWS,
    *integration.ROWS,
    *public_register.ROWS,
    *tasks.ROWS,
]
