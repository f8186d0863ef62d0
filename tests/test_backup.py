"""Backup and restore drill, on the selected backend: seed, upload, back up, change, restore, compare.

The commands run as real subprocesses (`kerjasama backup`, `kerjasama restore`) against their own
databases (a new PostgreSQL database or SQLite file per installation), never the shared test database.
"""

from __future__ import annotations

import contextlib
import io
import json
import tarfile
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from fastapi.testclient import TestClient
from sqlalchemy import Engine, MetaData, Table, delete, select, text
from sqlalchemy.orm import Session

from kerjasama import demo
from kerjasama.cli import alembic_config
from kerjasama.core import audit
from kerjasama.core.config import Settings
from kerjasama.core.db import Database, make_engine
from kerjasama.core.roles import ADMIN
from kerjasama.main import create_app
from kerjasama.models import AuditAnchor, AuditEntry, Base, Document
from kerjasama.operations import backup
from tests.conftest import BACKEND, TEST_SECRET, fresh_database_url, token_for
from tests.fixtures.factories import agreement_id
from tests.scope_rows.documents import pdf
from tests.test_cli import run

RUJUKAN = "DEMO/PKS/2021/RUJUKAN-KBB"


@contextlib.contextmanager
def installation(tmp: Path, name: str) -> Iterator[Settings]:
    """Settings for a new, empty installation: its own database and data directory."""
    (tmp / name).mkdir()
    with contextlib.contextmanager(fresh_database_url)(tmp / name) as url:
        yield Settings(env="test", database_url=url, secret_key=TEST_SECRET, data_dir=tmp / name / "data")


def env_of(settings: Settings) -> dict[str, str]:
    return {"KERJASAMA_DATABASE_URL": settings.effective_database_url}


def migrate(settings: Settings, *, seed: bool = True) -> Engine:
    engine = make_engine(settings.effective_database_url)
    with engine.connect() as conn:
        cfg = alembic_config(settings.effective_database_url)
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
        conn.commit()
    if seed:
        with Session(engine) as session, session.begin():
            demo.seed(session, settings)
    return engine


def table_rows(engine: Engine) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table (all models, plus alembic_version), in a stable order."""
    metadata = MetaData()
    tables = [*Base.metadata.sorted_tables, Table("alembic_version", metadata, autoload_with=engine)]
    out = {}
    with engine.connect() as conn:
        for table in tables:
            rows = [tuple(row) for row in conn.execute(select(table))]
            out[table.name] = sorted(rows, key=repr)
    return out


def files(settings: Settings) -> dict[str, bytes]:
    root = settings.data_dir / "documents"
    return {p.name: p.read_bytes() for p in sorted(root.iterdir()) if p.is_file()} if root.is_dir() else {}


class Api:
    def __init__(self, settings: Settings, engine: Engine) -> None:
        self.client = TestClient(
            create_app(settings, Database(settings, engine=engine), spa_dir=Path("/nonexistent")),
            base_url="https://testserver",
        )
        with Session(engine) as session:
            self.client.headers["Authorization"] = f"Bearer {token_for(session, settings, 'sekretariat')}"
            self.rujukan = agreement_id(session, RUJUKAN)

    def upload(self, label: str) -> dict[str, Any]:
        r = self.client.post(
            f"/api/v1/agreements/{self.rujukan}/documents",
            files={"file": (f"{label}.pdf", pdf(label), "application/pdf")},
            data={"doc_type": "KAK", "title": f"Dokumen {label}", "doc_date": "2026-01-15"},
        )
        assert r.status_code == 201, r.text
        body: dict[str, Any] = r.json()
        return body


def test_backup_restore_drill(tmp_path: Path) -> None:
    with installation(tmp_path, "live") as live, installation(tmp_path, "spare") as spare:
        engine = migrate(live)
        api = Api(live, engine)
        first, second = api.upload("naskah-satu"), api.upload("naskah-dua")
        archive = tmp_path / "kerjasama-backup.tar.gz"
        r = run(live.data_dir, "backup", "--to", str(archive), env=env_of(live))
        assert r.returncode == 0, r.stderr
        assert "2 files" in r.stdout
        at_backup, files_at_backup = table_rows(engine), files(live)
        assert len(files_at_backup) == 2
        assert at_backup["document"] and at_backup["audit_anchor"] and at_backup["alembic_version"]

        with tarfile.open(archive) as tar:
            raw = tar.extractfile("manifest.json")
            assert raw is not None
            manifest = json.loads(raw.read())
        assert manifest["format_version"] == 1
        assert manifest["database_kind"] == ("sqlite" if BACKEND == "sqlite" else "postgresql")
        assert manifest["alembic_revision"] == at_backup["alembic_version"][0][0]
        assert manifest["app_version"] and manifest["created_at"]
        assert {m["name"] for m in manifest["members"]} == {
            "database/kerjasama.sqlite3" if BACKEND == "sqlite" else "database/kerjasama.pgdump",
            *(f"files/documents/{name}" for name in files_at_backup),
        }
        assert all(len(m["sha256"]) == 64 and m["size"] > 0 for m in manifest["members"])
        with pytest.raises(backup.Refused, match="exists"):
            backup.backup(live, archive)

        # Change everything: a new upload, a deleted document, a file gone from disk, rows deleted.
        api.upload("naskah-tiga")
        r = api.client.delete(f"/api/v1/documents/{first['id']}", headers={"If-Match": '"1"'})
        assert r.status_code == 204, r.text
        (live.data_dir / "documents" / _storage_key(engine, second["id"])).unlink()
        with engine.begin() as conn:
            conn.execute(text("DELETE FROM notification"))
            top = conn.execute(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(1)).scalar_one()
            conn.execute(delete(AuditEntry).where(AuditEntry.seq > top - 3))
        assert table_rows(engine) != at_backup
        assert files(live) != files_at_backup

        # Over existing data: refused unless --force.
        r = run(live.data_dir, "restore", str(archive), env=env_of(live))
        assert r.returncode == 2
        assert "refusing to restore over existing data" in r.stderr
        assert table_rows(engine) != at_backup
        engine.dispose()
        r = run(live.data_dir, "restore", str(archive), "--force", env=env_of(live))
        assert r.returncode == 0, r.stderr
        assert "audit chain intact" in r.stdout
        assert table_rows(engine) == at_backup
        assert files(live) == files_at_backup
        engine.dispose()

        # Into a new, empty installation.
        r = run(spare.data_dir, "restore", str(archive), env=env_of(spare))
        assert r.returncode == 0, r.stderr
        spare_engine = make_engine(spare.effective_database_url)
        try:
            assert table_rows(spare_engine) == at_backup
        finally:
            spare_engine.dispose()
        assert files(spare) == files_at_backup
        r = run(spare.data_dir, "audit", "verify", env=env_of(spare))
        assert r.returncode == 0, r.stderr


def _storage_key(engine: Engine, document_id: str) -> str:
    with Session(engine) as session:
        doc = session.get(Document, uuid.UUID(document_id))
        assert doc is not None
        return doc.storage_key


def test_a_damaged_or_foreign_archive_is_refused_before_anything_changes(tmp_path: Path) -> None:
    with installation(tmp_path, "live") as live, installation(tmp_path, "spare") as spare:
        engine = migrate(live, seed=False)
        (live.data_dir / "documents").mkdir(parents=True)
        (live.data_dir / "documents" / "berkas-1").write_bytes(pdf("periksa"))
        archive = tmp_path / "backup.tar"
        backup.backup(live, archive)
        engine.dispose()

        damaged = tmp_path / "damaged.tar"
        with tarfile.open(archive) as src, tarfile.open(damaged, "w") as dst:
            for member in src.getmembers():
                data = src.extractfile(member).read()  # type: ignore[union-attr]
                if member.name.startswith("files/"):
                    data = data[:-1] + bytes([data[-1] ^ 1])
                dst.addfile(member, io.BytesIO(data))
        with pytest.raises(backup.BackupError, match="damaged"):
            backup.restore(spare, damaged)
        assert not (spare.data_dir / "documents").exists()

        other_kind = "postgresql" if BACKEND == "sqlite" else "sqlite"
        foreign = tmp_path / "foreign.tar"
        manifest = json.dumps({"format_version": 1, "database_kind": other_kind, "members": []}).encode()
        with tarfile.open(foreign, "w") as dst:
            info = tarfile.TarInfo("manifest.json")
            info.size = len(manifest)
            dst.addfile(info, io.BytesIO(manifest))
        with pytest.raises(backup.Refused, match="same kind of database") as refused:
            backup.restore(spare, foreign)
        assert refused.value.exit_code == 2

        kind = "sqlite" if BACKEND == "sqlite" else "postgresql"
        newer = json.dumps(
            {"format_version": 1, "database_kind": kind, "alembic_revision": "9999", "members": []}
        ).encode()
        with tarfile.open(foreign, "w") as dst:
            info = tarfile.TarInfo("manifest.json")
            info.size = len(newer)
            dst.addfile(info, io.BytesIO(newer))
        with pytest.raises(backup.Refused, match="revision 9999"):
            backup.restore(spare, foreign)


def test_backup_while_a_writer_appends_is_consistent(tmp_path: Path) -> None:
    """A writer keeps appending audit entries during the backup; the copy is one consistent moment."""
    with installation(tmp_path, "live") as live, installation(tmp_path, "spare") as spare:
        engine = migrate(live, seed=False)
        database = Database(live, engine=engine)
        stop, started, written = threading.Event(), threading.Event(), [0]
        failures: list[BaseException] = []

        def writer() -> None:
            try:
                while not stop.is_set():
                    with database.session() as session, session.begin():
                        audit.record(session, audit.Actor(None, "writer", ADMIN), "test", "x", "update")
                    written[0] += 1
                    if written[0] >= 5:
                        started.set()
            except BaseException as exc:  # reported by the test below
                failures.append(exc)
                started.set()

        thread = threading.Thread(target=writer)
        thread.start()
        try:
            assert started.wait(120)
            backup.backup(live, tmp_path / "busy.tar")
        finally:
            stop.set()
            thread.join(120)
        assert not failures
        engine.dispose()

        backup.restore(spare, tmp_path / "busy.tar")
        spare_engine = make_engine(spare.effective_database_url)
        try:
            with Session(spare_engine) as session:
                result = audit.verify(session)
                anchor = session.get(AuditAnchor, audit.ANCHOR_ID)
            assert result.ok, result.breaks
            assert anchor is not None
            assert anchor.seq == result.head_seq  # entries and anchor from the same moment
        finally:
            spare_engine.dispose()
