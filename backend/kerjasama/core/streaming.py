"""Rows of a SELECT in batches from a server-side cursor, for exports that have no row cap."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from sqlalchemy import Row, Select
from sqlalchemy.orm import Session

BATCH = 1000


def stream(session: Session, stmt: Select[Any], batch: int = BATCH) -> Iterator[Sequence[Row[Any]]]:
    """Batches of plain rows (select the columns, not ORM entities). On PostgreSQL `yield_per` opens a
    server-side cursor, so the driver holds one batch at a time and memory stays flat."""
    result = session.execute(stmt.execution_options(yield_per=batch))
    yield from result.partitions()
