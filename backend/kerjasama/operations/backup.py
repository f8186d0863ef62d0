"""Online backup and restore of a whole installation: the database and the uploaded files, one archive.

The archive is a tar file (gzip-compressed when its name ends in `.gz` or `.tgz`) holding

- `database/kerjasama.sqlite3`: a copy made with SQLite's online backup API (one step, so it is one
  consistent snapshot while writers go on), or `database/kerjasama.pgdump`: `pg_dump -Fc` (one
  transaction snapshot);
- `files/documents/<storage key>`: every uploaded file;
- `manifest.json` (last): format version, app version, Alembic revision, database kind, creation time,
  and the SHA-256 and size of every other member.

Files are copied before *and* after the database snapshot (files are never changed in place, only
added and removed), so every file the snapshot refers to is in the archive, even one deleted while
the backup ran; a file uploaded meanwhile may be there without its row, which is harmless.

`restore` checks every checksum before it touches anything, and writes only into an empty database and
an empty document directory unless `force` is given.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Engine, inspect, make_url, text
from sqlalchemy.orm import Session

from kerjasama.core import audit
from kerjasama.core.config import Settings
from kerjasama.core.db import make_engine
from kerjasama.documents import storage
from kerjasama.models.base import utcnow

FORMAT_VERSION = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database/kerjasama.sqlite3"
PG_MEMBER = "database/kerjasama.pgdump"
FILES_PREFIX = f"files/{storage.DIRECTORY}/"
CHUNK = 1024 * 1024
_SAFE_FILE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$")


class BackupError(Exception):
    """The backup or restore failed (exit status 1)."""

    exit_code = 1


class Refused(BackupError):
    """Refused before anything was changed: a non-empty target, another database kind (exit status 2)."""

    exit_code = 2


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    kind: str
    revision: str | None
    files: int
    size: int
    seconds: float
    anchored_seq: int | None


@dataclass(frozen=True)
class RestoreSummary:
    kind: str
    revision: str | None
    files: int
    seconds: float
    audit: audit.VerifyResult | None = None
    notes: list[str] = field(default_factory=list)


# --- helpers ---------------------------------------------------------------------------------


def database_kind(url: str) -> str:
    name = make_url(url).get_backend_name()
    if name in ("sqlite", "postgresql"):
        return name
    raise Refused(f"unsupported database {name!r}: back up SQLite or PostgreSQL")


def app_version() -> str:
    try:
        return metadata.version("kerjasama")
    except metadata.PackageNotFoundError:
        return "unknown"


def _engine(url: str) -> Engine:
    return make_engine(url)


def _alembic_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _pg_tool(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    if candidates:
        return str(candidates[0])
    raise BackupError(f"{name} not found: install the PostgreSQL client (same major version as the server)")


def _pg_env(url: str) -> dict[str, str]:
    """libpq variables for the URL, so that no password appears on a command line."""
    u = make_url(url)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    for var, value in (
        ("PGHOST", u.host),
        ("PGPORT", str(u.port) if u.port else None),
        ("PGUSER", u.username),
        ("PGPASSWORD", u.password),
        ("PGDATABASE", u.database),
    ):
        if value:
            env[var] = str(value)
    sslmode = u.query.get("sslmode")  # e.g. sslmode=require
    if isinstance(sslmode, str):
        env["PGSSLMODE"] = sslmode
    return env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        raise BackupError(f"{Path(cmd[0]).name} failed: {done.stderr.strip() or done.stdout.strip()}")


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class _Hashing:
    """A read-only file wrapper that hashes what tarfile reads through it."""

    def __init__(self, fh: IO[bytes]) -> None:
        self.fh, self.digest, self.size = fh, hashlib.sha256(), 0

    def read(self, n: int = -1) -> bytes:
        data = self.fh.read(n)
        self.digest.update(data)
        self.size += len(data)
        return data


class _Writer:
    def __init__(self, tar: tarfile.TarFile) -> None:
        self.tar = tar
        self.members: list[dict[str, Any]] = []
        self.names: set[str] = set()

    def add(self, name: str, path: Path) -> bool:
        """Add one file; False when it vanished before it could be opened."""
        try:
            fh = path.open("rb")
        except FileNotFoundError:
            return False
        with fh:
            info = tarfile.TarInfo(name)
            info.size = os.fstat(fh.fileno()).st_size
            info.mtime = int(time.time())
            info.mode = 0o600
            reader = _Hashing(fh)
            self.tar.addfile(info, reader)  # type: ignore[arg-type,unused-ignore]
        if reader.size != info.size:
            raise BackupError(f"{path} changed while it was copied")
        self.members.append({"name": name, "size": info.size, "sha256": reader.digest.hexdigest()})
        self.names.add(name)
        return True

    def add_bytes(self, name: str, data: bytes) -> None:
        info = tarfile.TarInfo(name)
        info.size, info.mtime, info.mode = len(data), int(time.time()), 0o600
        with tempfile.SpooledTemporaryFile() as buf:
            buf.write(data)
            buf.seek(0)
            self.tar.addfile(info, buf)


def _document_files(data_dir: Path) -> Iterator[tuple[str, Path]]:
    root = data_dir / storage.DIRECTORY
    if not root.is_dir():
        return
    for path in sorted(root.iterdir()):
        if path.is_file() and not path.name.startswith(".") and _SAFE_FILE.match(path.name):
            yield FILES_PREFIX + path.name, path


def _open_archive(path: Path) -> tarfile.TarFile:
    return tarfile.open(path, "r:*")


def _create_archive(path: Path, final: Path) -> tarfile.TarFile:
    """A new tar file at `path`, gzip-compressed when the final name ends in .gz or .tgz."""
    if final.name.endswith((".gz", ".tgz")):
        return tarfile.open(path, "w:gz")
    return tarfile.open(path, "w")


# --- backup ----------------------------------------------------------------------------------


def _snapshot_sqlite(url: str, out: Path) -> None:
    source = make_url(url).database
    if not source or source == ":memory:" or not Path(source).exists():
        raise BackupError(f"no SQLite database at {source!r}")
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=60)
    dst = sqlite3.connect(out)
    try:
        # pages=-1: one step under one read transaction, so a consistent snapshot; in WAL mode
        # writers are not blocked meanwhile.
        src.backup(dst, pages=-1)
    finally:
        dst.close()
        src.close()


def _snapshot_postgres(url: str, out: Path) -> None:
    _run([_pg_tool("pg_dump"), "-Fc", "--no-owner", "--no-privileges", "-f", str(out)], _pg_env(url))


def backup(settings: Settings, target: Path, *, overwrite: bool = False) -> BackupSummary:
    """Write a consistent archive of the database and the uploaded files to `target`."""
    started = time.monotonic()
    url = settings.effective_database_url
    kind = database_kind(url)
    if target.exists() and not overwrite:
        raise Refused(f"{target} exists; choose another name or pass --force to overwrite it")
    target.parent.mkdir(parents=True, exist_ok=True)
    engine = _engine(url)
    try:
        revision = _alembic_revision(engine)
        with tempfile.TemporaryDirectory(prefix=".backup-", dir=target.parent) as tmp:
            partial = Path(tmp) / "archive"
            with _create_archive(partial, target) as tar:
                writer = _Writer(tar)
                for name, path in _document_files(settings.data_dir):
                    writer.add(name, path)
                snapshot = Path(tmp) / "db"
                if kind == "sqlite":
                    _snapshot_sqlite(url, snapshot)
                    member = SQLITE_MEMBER
                else:
                    _snapshot_postgres(url, snapshot)
                    member = PG_MEMBER
                for name, path in _document_files(settings.data_dir):  # uploaded during the snapshot
                    if name not in writer.names:
                        writer.add(name, path)
                writer.add(member, snapshot)
                manifest = {
                    "format_version": FORMAT_VERSION,
                    "app": "kerjasama",
                    "app_version": app_version(),
                    "alembic_revision": revision,
                    "database_kind": kind,
                    "created_at": utcnow().isoformat(),
                    "members": writer.members,
                }
                writer.add_bytes(MANIFEST, json.dumps(manifest, indent=2).encode())
            with partial.open("rb") as fh:
                os.fsync(fh.fileno())
            os.replace(partial, target)
        files = sum(1 for m in writer.members if m["name"].startswith(FILES_PREFIX))
        anchored = _anchor(settings, engine, "anchor")
    finally:
        engine.dispose()
    return BackupSummary(
        target, kind, revision, files, target.stat().st_size, time.monotonic() - started, anchored
    )


def _anchor(settings: Settings, engine: Engine, event: str) -> int | None:
    """Append the signed audit head to the anchor file (see core/audit.py); None when there is none."""
    with Session(engine) as session:
        try:
            line = audit.anchor_head(session, audit.default_anchor_file(settings), event=event)
        except OSError:
            return None
    return line.seq if line is not None else None


# --- restore ---------------------------------------------------------------------------------


def read_manifest(archive: Path) -> dict[str, Any]:
    """Open the archive and check it completely: manifest, member names, every size and SHA-256."""
    if not archive.is_file():
        raise BackupError(f"{archive}: no such file")
    try:
        with _open_archive(archive) as tar:
            try:
                raw = tar.extractfile(MANIFEST)
            except KeyError:
                raise BackupError(f"{archive}: no {MANIFEST}; not a kerjasama backup") from None
            if raw is None:
                raise BackupError(f"{archive}: {MANIFEST} is not a file")
            manifest: dict[str, Any] = json.loads(raw.read())
            if manifest.get("format_version") != FORMAT_VERSION:
                raise BackupError(
                    f"{archive}: backup format {manifest.get('format_version')!r}; this version reads "
                    f"{FORMAT_VERSION}"
                )
            listed = {m["name"]: m for m in manifest["members"]}
            present = {m.name for m in tar.getmembers()} - {MANIFEST}
            if present != set(listed):
                raise BackupError(
                    f"{archive}: members differ from the manifest "
                    f"(extra: {sorted(present - set(listed))}, missing: {sorted(set(listed) - present)})"
                )
            for name, entry in listed.items():
                _check_member_name(name)
                info = tar.getmember(name)
                fh = tar.extractfile(info)
                if not info.isfile() or fh is None:
                    raise BackupError(f"{archive}: {name} is not a regular file")
                digest, size = hashlib.sha256(), 0
                while chunk := fh.read(CHUNK):
                    digest.update(chunk)
                    size += len(chunk)
                if size != entry["size"] or digest.hexdigest() != entry["sha256"]:
                    raise BackupError(
                        f"{archive}: {name} is damaged (size or SHA-256 differs from the manifest)"
                    )
    except (tarfile.TarError, OSError, ValueError, KeyError, TypeError) as exc:
        raise BackupError(f"{archive}: unreadable backup ({exc})") from exc
    return manifest


def _check_member_name(name: str) -> None:
    if name in (SQLITE_MEMBER, PG_MEMBER):
        return
    if name.startswith(FILES_PREFIX) and _SAFE_FILE.match(name.removeprefix(FILES_PREFIX)):
        return
    raise BackupError(f"unexpected member {name!r} in the backup")


def _database_tables(engine: Engine) -> list[str]:
    with engine.connect() as conn:
        return list(inspect(conn).get_table_names())


def _not_empty(settings: Settings, engine: Engine) -> list[str]:
    reasons = []
    tables = _database_tables(engine)
    if tables:
        reasons.append(f"the database has {len(tables)} tables")
    docs = settings.data_dir / storage.DIRECTORY
    if docs.is_dir() and any(docs.iterdir()):
        reasons.append(f"{docs} is not empty")
    return reasons


def _restore_sqlite(tar: tarfile.TarFile, url: str, scratch: Path) -> None:
    extracted = scratch / "db"
    _extract(tar, SQLITE_MEMBER, extracted)
    target = make_url(url).database
    if not target or target == ":memory:":
        raise BackupError("restore needs a SQLite file, not an in-memory database")
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    src = sqlite3.connect(extracted)
    dst = sqlite3.connect(target, timeout=60)
    try:
        src.backup(dst, pages=-1)  # replaces the whole target database, WAL included
    finally:
        dst.close()
        src.close()


def _restore_postgres(tar: tarfile.TarFile, url: str, scratch: Path, engine: Engine, force: bool) -> None:
    dump = scratch / "db"
    _extract(tar, PG_MEMBER, dump)
    if force:
        with engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()  # no connection of ours in the way of pg_restore
    _run(
        [
            _pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "-d",
            make_url(url).database or "",
            str(dump),
        ],
        _pg_env(url),
    )


def _extract(tar: tarfile.TarFile, name: str, out: Path) -> None:
    fh = tar.extractfile(name)
    if fh is None:
        raise BackupError(f"{name} is not a file")
    with out.open("wb") as dst:
        shutil.copyfileobj(fh, dst, CHUNK)
        dst.flush()
        os.fsync(dst.fileno())


def _restore_files(tar: tarfile.TarFile, manifest: dict[str, Any], data_dir: Path) -> int:
    """Write the documents into a fresh directory, then swap it in place of the old one."""
    data_dir.mkdir(parents=True, exist_ok=True)
    final = data_dir / storage.DIRECTORY
    fresh = Path(tempfile.mkdtemp(prefix=".documents-restore-", dir=data_dir))
    count = 0
    for entry in manifest["members"]:
        name = entry["name"]
        if name.startswith(FILES_PREFIX):
            _extract(tar, name, fresh / name.removeprefix(FILES_PREFIX))
            count += 1
    old = None
    if final.exists():
        old = data_dir / f".documents-old-{os.getpid()}-{int(time.time())}"
        final.rename(old)
    fresh.rename(final)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
    return count


def restore(settings: Settings, archive: Path, *, force: bool = False) -> RestoreSummary:
    """Restore `archive` into the configured database and data directory (both empty unless `force`)."""
    started = time.monotonic()
    manifest = read_manifest(archive)  # every checksum, before anything is touched
    url = settings.effective_database_url
    kind = database_kind(url)
    if manifest["database_kind"] != kind:
        raise Refused(
            f"this backup holds a {manifest['database_kind']} database and the target is {kind}; "
            "restore it into the same kind of database (a move between kinds is not supported)"
        )
    revision = manifest.get("alembic_revision")
    if revision is not None and revision not in _known_revisions():
        raise Refused(
            f"this backup is at schema revision {revision}, which this version of kerjasama does not know: "
            "restore it with the version that made it (then upgrade)"
        )
    notes = []
    engine = _engine(url)
    try:
        reasons = _not_empty(settings, engine)
        if reasons and not force:
            raise Refused(
                "refusing to restore over existing data ("
                + "; ".join(reasons)
                + "): restore into an empty database and data directory, or pass --force to replace them"
            )
        with (
            tempfile.TemporaryDirectory(prefix=".restore-", dir=_scratch_dir(settings)) as tmp,
            _open_archive(archive) as tar,
        ):
            if kind == "sqlite":
                _restore_sqlite(tar, url, Path(tmp))
            else:
                _restore_postgres(tar, url, Path(tmp), engine, force)
            files = _restore_files(tar, manifest, settings.data_dir)
        engine.dispose()
        result = None
        with Session(engine) as session:
            result = audit.verify(session)
        if _anchor(settings, engine, "restore") is None and result.head_seq:
            notes.append("the restored audit head is not signed with this installation's key")
    finally:
        engine.dispose()
    return RestoreSummary(
        kind, manifest.get("alembic_revision"), files, time.monotonic() - started, result, notes
    )


def _known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    from kerjasama.cli import alembic_config

    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    return {rev.revision for rev in scripts.walk_revisions()}


def _scratch_dir(settings: Settings) -> Path:
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    return settings.data_dir
