"""The bytes of documents on disk, under data_dir/documents, each under a random name.

An upload is streamed to a temporary file (hashed and size-capped on the way, never held in memory),
typed by its bytes, then renamed into place: a reader never sees half a file. Files follow the
database transaction: a file placed by a transaction that rolls back is removed, and a file a
committed transaction let go of (delete, replace) is removed after the commit, never before.
"""

from __future__ import annotations

import hashlib
import logging
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from sqlalchemy import event
from sqlalchemy.orm import Session, SessionTransaction

from kerjasama.core.config import Settings
from kerjasama.core.errors import Invalid, field_error
from kerjasama.documents import filetypes
from kerjasama.documents.errors import FileTooLarge

log = logging.getLogger("kerjasama.documents")

DIRECTORY = "documents"
CHUNK_BYTES = 1024 * 1024
TEMP_PREFIX = ".upload-"
_PENDING = "kerjasama.documents.pending_files"


@dataclass(frozen=True)
class Received:
    """An accepted upload, still under its temporary name."""

    temp: Path
    size: int
    sha256: str
    content_type: str


def directory(settings: Settings) -> Path:
    path = settings.data_dir / DIRECTORY
    path.mkdir(parents=True, exist_ok=True)
    return path


def path_of(settings: Settings, storage_key: str) -> Path:
    return settings.data_dir / DIRECTORY / storage_key


def max_bytes(settings: Settings) -> int:
    return settings.max_upload_mb * 1024 * 1024


def receive(stream: IO[bytes], target_dir: Path, limit: int) -> Received:
    """Copy `stream` to a temp file in `target_dir`: 413 past `limit` bytes, 422 when empty or not
    an accepted type. Nothing is left on disk when it raises."""
    temp = target_dir / f"{TEMP_PREFIX}{secrets.token_hex(16)}"
    digest = hashlib.sha256()
    size = 0
    head = b""
    try:
        with temp.open("xb") as out:
            while chunk := stream.read(CHUNK_BYTES):
                size += len(chunk)
                if size > limit:
                    raise FileTooLarge(
                        f"The file exceeds the limit of {limit // (1024 * 1024)} MB.",
                        errors=[field_error("file", f"at most {limit} bytes", "file_too_large")],
                    )
                if len(head) < filetypes.HEAD_BYTES:
                    head += chunk[: filetypes.HEAD_BYTES - len(head)]
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if size == 0:
            raise Invalid(
                "The file is empty.", errors=[field_error("file", "the file is empty", "empty_file")]
            )
        content_type = filetypes.sniff(head, temp)
        if content_type is None:
            raise Invalid(
                f"Only {filetypes.ACCEPTED_DESCRIPTION} files are accepted; the content of this file is none of them.",
                errors=[
                    field_error(
                        "file",
                        f"the file's content is not {filetypes.ACCEPTED_DESCRIPTION} (its name does not count)",
                        "unsupported_file_type",
                    )
                ],
            )
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return Received(temp, size, digest.hexdigest(), content_type)


def place(session: Session, received: Received, target_dir: Path) -> str:
    """Rename the temp file to a fresh random key; it is removed again if the transaction rolls back."""
    # 128 random bits: a collision (which os.replace would not notice) is not a practical concern,
    # and the unique storage_key column would refuse it anyway.
    key = secrets.token_hex(16)
    final = target_dir / key
    os.replace(received.temp, final)
    _pending(session).placed.append(final)
    return key


def discard_after_commit(session: Session, path: Path) -> None:
    """Remove `path` once the transaction that stopped using it has committed."""
    _pending(session).discarded.append(path)


@dataclass
class _Pending:
    placed: list[Path] = field(default_factory=list)
    discarded: list[Path] = field(default_factory=list)


def _pending(session: Session) -> _Pending:
    pending = session.info.get(_PENDING)
    if pending is None:
        pending = session.info[_PENDING] = _Pending()
        event.listen(session, "after_commit", _after_commit)
        event.listen(session, "after_soft_rollback", _after_rollback)
    assert isinstance(pending, _Pending)
    return pending


def _after_commit(session: Session) -> None:
    pending = session.info.get(_PENDING)
    if isinstance(pending, _Pending):
        _remove(pending.discarded)
        pending.placed.clear()


def _after_rollback(session: Session, previous: SessionTransaction) -> None:
    if previous.parent is not None:  # a savepoint: the outer transaction decides
        return
    pending = session.info.get(_PENDING)
    if isinstance(pending, _Pending):
        _remove(pending.placed)
        pending.discarded.clear()


def _remove(paths: list[Path]) -> None:
    for path in paths:
        try:
            path.unlink(missing_ok=True)
        except OSError:  # the row is already gone or never was: an orphan file is logged, not fatal
            log.exception("could not remove document file %s", path.name)
    paths.clear()
