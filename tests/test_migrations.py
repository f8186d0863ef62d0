"""The schema comes only from migrations: no drift from the models, and downgrade/upgrade both work."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from kerjasama.cli import alembic_config
from kerjasama.core.db import make_engine
from kerjasama.models import Base
from tests.conftest import fresh_database_url


@pytest.fixture
def empty_url(tmp_path: Path):  # type: ignore[no-untyped-def]
    yield from fresh_database_url(tmp_path)


def test_models_match_migrations(database_url: str, engine: object) -> None:
    """`alembic check` raises when autogenerate would produce operations (model/migration drift)."""
    command.check(alembic_config(database_url))


def test_downgrade_to_base_and_upgrade_again(empty_url: str) -> None:
    cfg = alembic_config(empty_url)
    command.upgrade(cfg, "head")
    eng = make_engine(empty_url)
    try:
        assert set(Base.metadata.tables) <= set(inspect(eng).get_table_names())
        command.downgrade(cfg, "base")
        assert set(inspect(eng).get_table_names()) <= {"alembic_version"}
        command.upgrade(cfg, "head")
        assert set(Base.metadata.tables) <= set(inspect(eng).get_table_names())
    finally:
        eng.dispose()


def test_migration_files_are_dated_and_linear() -> None:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    heads = script.get_heads()
    assert len(heads) == 1, f"more than one head: {heads}"
    for rev in script.walk_revisions():
        assert rev.path is not None
        assert Path(rev.path).name[:8].isdigit(), rev.path
