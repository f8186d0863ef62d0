"""Demo data of the obligations domain, loaded by kerjasama.demo.seed after the demo agreements."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kerjasama.core.auth import Principal


def seed(session: Session, system: Principal) -> None:
    """Nothing yet: the obligations work adds its demo records here."""
