"""The request-scoped database session: one transaction per request."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from kerjasama.core.config import Settings
from kerjasama.core.db import Database

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def get_database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _session(request: Request) -> Iterator[Session]:
    database = get_database(request)
    session = database.session()
    try:
        if request.method not in SAFE_METHODS and database.engine.dialect.name == "sqlite":
            # Take SQLite's write lock up front (BEGIN IMMEDIATE): two writers then queue on
            # busy_timeout instead of one failing mid-transaction with "database is locked".
            session.connection(execution_options={"ksd_immediate": True})
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


# scope="function": commit happens when the handler returns, *before* the response is sent,
# so a failed commit becomes an error response instead of a silent loss after a 200.
DbSession = Annotated[Session, Depends(_session, scope="function")]


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


AppSettings = Annotated[Settings, Depends(get_settings_dep)]
