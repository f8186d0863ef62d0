"""What "in force" means, in one place (issue 13, item 5): a signed text whose start date is still ahead is
"signed, not yet in force" and is not counted as in force on the dashboard, in the lists or in the reports
until its start date. The stored status stays `in_force` (the procedure stage); these derive the truth of a
given day, in Python for one row and in SQL for counts and filters.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, or_

from kerjasama.models import Agreement


def in_force_on(a: Agreement, day: date) -> bool:
    """Signed and in force on `day`: its start date has come (or was never recorded, as for old imports)."""
    return a.status == "in_force" and (a.start_date is None or a.start_date <= day)


def not_yet_in_force_on(a: Agreement, day: date) -> bool:
    """Signed, but its start date is after `day`."""
    return a.status == "in_force" and a.start_date is not None and a.start_date > day


def in_force_clause(day: date) -> Any:
    """SQL: in force on `day` (the same definition as in_force_on)."""
    return and_(
        Agreement.status == "in_force", or_(Agreement.start_date.is_(None), Agreement.start_date <= day)
    )


def not_yet_in_force_clause(day: date) -> Any:
    """SQL: signed with the start date after `day`."""
    return and_(Agreement.status == "in_force", Agreement.start_date > day)
