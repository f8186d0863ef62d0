"""Scope-matrix rows for the monitoring endpoints."""

from __future__ import annotations

from tests.fixtures.scope import Row

ROWS: list[Row] = []
