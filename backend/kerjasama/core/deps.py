"""The request-scoped database session: one transaction per request."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.exc import ResourceClosedError
from sqlalchemy.orm import Session

from kerjasama.core.config import Settings
from kerjasama.core.db import Database, begin_write

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Where the Idempotency-Key middleware leaves the transaction it opened for this request
# (core/middleware.py): the request's writes and the key's record then commit together.
SHARED_SESSION = "kerjasama.idempotency_session"


def get_database(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _session(request: Request) -> Iterator[Session]:
    shared = request.scope.get(SHARED_SESSION)
    if isinstance(shared, Session):
        yield from _inside(shared)
        return
    database = get_database(request)
    session = database.session()
    try:
        if request.method not in SAFE_METHODS:
            # Take SQLite's write lock up front (BEGIN IMMEDIATE): two writers then queue on
            # busy_timeout instead of one failing mid-transaction with "database is locked".
            begin_write(session)
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def _inside(session: Session) -> Iterator[Session]:
    """The request's work inside the Idempotency-Key transaction, as a savepoint: an error undoes the
    work but keeps the transaction, so the middleware can still record the error answer in it. The
    middleware commits (or rolls back) and closes the session after the answer is complete."""
    nested = session.begin_nested()
    try:
        yield session
        if nested.is_active:
            nested.commit()
    except BaseException:
        # A savepoint whose release failed is inactive but must still be rolled back; one closed by a
        # handler's own commit() cannot be.
        with suppress(ResourceClosedError):
            nested.rollback()
        raise


# scope="function": commit happens when the handler returns, *before* the response is sent,
# so a failed commit becomes an error response instead of a silent loss after a 200.
DbSession = Annotated[Session, Depends(_session, scope="function")]


def get_settings_dep(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


AppSettings = Annotated[Settings, Depends(get_settings_dep)]
