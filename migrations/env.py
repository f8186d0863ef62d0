"""Alembic environment: the URL and the connection come from the application, not alembic.ini."""

from __future__ import annotations

import warnings

from alembic import context
from sqlalchemy import Connection
from sqlalchemy.exc import SAWarning

from kerjasama.core.config import get_settings
from kerjasama.core.db import make_engine
from kerjasama.models import Base

config = context.config
target_metadata = Base.metadata

# SQLite's reflection skips expression indexes (the list's sort keys, revision 0016) with a warning,
# and alembic then leaves them out of the comparison; their migration makes them, EXPLAIN tests prove them.
warnings.filterwarnings("ignore", "Skipped unsupported reflection of expression-based index", SAWarning)
warnings.filterwarnings("ignore", "autogenerate skipping metadata-specified expression-based index")


def _compared(obj: object, name: str | None, type_: str, reflected: bool, compare_to: object) -> bool:
    """Leave out the PostgreSQL-only trigram search indexes of revision 0016 (not in the models)."""
    return not (type_ == "index" and (name or "").endswith("_trgm"))


def _reflected(name: str | None, type_: str, parent_names: object) -> bool:
    """Leave out SQLite's FTS5 search tables of revision 0018 and their shadow tables (`agreement_fts`,
    `agreement_fts_data` …): not in the models, and not tables SQLAlchemy can reflect."""
    return not (type_ == "table" and ((name or "").endswith("_fts") or "_fts_" in (name or "")))


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite needs table rebuilds for ALTER
        compare_type=True,
        include_object=_compared,
        include_name=_reflected,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:  # tests and the CLI hand over an open connection
        _run(connection)
        return
    url = config.get_main_option("sqlalchemy.url") or get_settings().effective_database_url
    engine = make_engine(url)
    with engine.connect() as conn:
        _run(conn)
    engine.dispose()


if context.is_offline_mode():
    context.configure(
        url=get_settings().effective_database_url, target_metadata=target_metadata, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()
else:
    run_migrations_online()
