"""Append-only, hash-chained audit log with a signed head.

Each entry's hash covers its content and the previous entry's hash, so editing or deleting an entry
breaks the chain. Deleting the *newest* entries leaves a shorter chain that is still intact, so the head
is anchored too: every append rewrites the `audit_anchor` row, in the same transaction, with an HMAC over
the newest entry's (seq, hash) under a key the database does not hold (`anchor_key`). `kerjasama audit
verify` also appends the verified head to an anchor file (`<data_dir>/audit-anchor.log` by default, one
JSON line per anchor), which is meant to be copied off the database host: it catches a rollback of the
anchor row, or a truncation by someone who also holds the key, back to the last anchored head.
`verify` lists every break it finds, not only the first.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, Table, select, text
from sqlalchemy.orm import Session

from kerjasama.core.config import Settings, get_settings
from kerjasama.models import AuditAnchor, AuditEntry
from kerjasama.models.base import utcnow

GENESIS_HASH = "0" * 64
# Arbitrary constant naming "the audit chain" for PostgreSQL's advisory lock.
AUDIT_LOCK_KEY = 0x4B534441
ANCHOR_ID = 1


def anchor_key(settings: Settings | None = None) -> bytes:
    """The key that signs the chain's head: KERJASAMA_AUDIT_HMAC_KEY, or one derived from the secret key."""
    settings = settings or get_settings()
    explicit = settings.audit_hmac_key.get_secret_value()
    if explicit:
        return explicit.encode()
    return hmac.new(settings.secret_key.encode(), b"kerjasama audit anchor v1", hashlib.sha256).digest()


def sign_head(key: bytes, seq: int, head_hash: str, event: str = "anchor") -> str:
    """HMAC over the newest entry's (seq, hash); `event` tells an anchor from a restore marker."""
    message = f"kerjasama-audit-head\n{event}\n{seq}\n{head_hash}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class Actor:
    user_id: uuid.UUID | None
    username: str
    role: str


def jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, Decimal):
        return str(value)
    return value


def _entry_hash(prev_hash: str, payload: dict[str, Any]) -> str:
    canonical = json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256((prev_hash + canonical).encode()).hexdigest()


def _payload(entry: Any) -> dict[str, Any]:
    """The hashed content of an entry (an AuditEntry or a row with the same columns)."""
    return {
        "seq": entry.seq,
        "at": entry.at.isoformat(),
        "actor_id": str(entry.actor_id) if entry.actor_id else None,
        "actor_username": entry.actor_username,
        "actor_role": entry.actor_role,
        "entity_type": entry.entity_type,
        "entity_id": entry.entity_id,
        "action": entry.action,
        "before": entry.before,
        "after": entry.after,
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Keep only the fields that changed, so an update entry reads as what was edited."""
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def record(
    session: Session,
    actor: Actor,
    entity_type: str,
    entity_id: uuid.UUID | str,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    if session.get_bind().dialect.name == "postgresql":
        # Serialise appenders until commit so two transactions never chain onto the same tail.
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": AUDIT_LOCK_KEY})
    last = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).first()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    entry = AuditEntry(
        seq=seq,
        at=utcnow(),
        actor_id=actor.user_id,
        actor_username=actor.username,
        actor_role=actor.role,
        entity_type=entity_type,
        entity_id=str(entity_id),
        action=action,
        before=jsonable(before) if before is not None else None,
        after=jsonable(after) if after is not None else None,
        prev_hash=prev_hash,
        hash="",
    )
    entry.hash = _entry_hash(prev_hash, _payload(entry))
    session.add(entry)
    _sign_anchor(session, seq, entry.hash, entry.at)
    session.flush()
    return entry


_ANCHOR = cast(Table, AuditAnchor.__table__)
_UPDATE_ANCHOR = _ANCHOR.update().where(_ANCHOR.c.id == ANCHOR_ID)


def _sign_anchor(session: Session, seq: int, head_hash: str, at: datetime) -> None:
    # A prepared Core UPDATE, not the ORM: one cheap statement per append (an unreferenced ORM row
    # would also leave the identity map and be loaded again every time).
    values = {"seq": seq, "hash": head_hash, "hmac": sign_head(anchor_key(), seq, head_hash), "at": at}
    if cast("CursorResult[Any]", session.execute(_UPDATE_ANCHOR, values)).rowcount == 0:
        session.execute(_ANCHOR.insert(), {"id": ANCHOR_ID, **values})


# --- verification -------------------------------------------------------------------------------

ANCHOR_FILE_NAME = "audit-anchor.log"


def default_anchor_file(settings: Settings) -> Path:
    return settings.data_dir / ANCHOR_FILE_NAME


@dataclass(frozen=True)
class Break:
    """One thing wrong with the chain. kind: modified, missing, broken_link, truncated, unanchored,
    anchor_missing, anchor_forged, anchor_mismatch, anchor_file."""

    kind: str
    seq: int | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "seq": self.seq, "message": self.message}


@dataclass(frozen=True)
class VerifyResult:
    checked: int
    breaks: list[Break] = field(default_factory=list)
    head_seq: int | None = None
    anchor_seq: int | None = None
    anchor_file_lines: int = 0

    @property
    def ok(self) -> bool:
        return not self.breaks

    @property
    def problem(self) -> str | None:
        return self.breaks[0].message if self.breaks else None

    @property
    def seq(self) -> int | None:
        return self.breaks[0].seq if self.breaks else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "ok": self.ok,
            "checked": self.checked,
            "head_seq": self.head_seq,
            "anchor_seq": self.anchor_seq,
            "anchor_file_lines": self.anchor_file_lines,
            "breaks": [b.as_dict() for b in self.breaks],
        }


@dataclass(frozen=True)
class AnchorLine:
    lineno: int
    at: str
    event: str
    seq: int
    hash: str
    hmac: str


def _entries(session: Session, batch: int) -> Iterator[Any]:
    """Every entry in seq order, as plain rows, a batch at a time (nothing kept in the session)."""
    table = AuditEntry.__table__
    last = 0
    while True:
        rows = session.execute(
            select(table).where(table.c.seq > last).order_by(table.c.seq).limit(batch)
        ).all()
        if not rows:
            return
        yield from rows
        last = rows[-1].seq


def _span(first: int, last: int) -> str:
    return f"entry {first}" if first == last else f"entries {first}–{last}"


def read_anchor_file(path: Path, key: bytes) -> tuple[list[AnchorLine], list[Break]]:
    """The valid lines of an anchor file, and a break for each line that is unreadable or badly signed."""
    lines: list[AnchorLine] = []
    breaks: list[Break] = []
    if not path.exists():
        return lines, breaks
    with path.open(encoding="utf-8") as fh:
        for lineno, raw in enumerate(fh, start=1):
            if not raw.strip():
                continue
            try:
                data = json.loads(raw)
                line = AnchorLine(
                    lineno,
                    str(data["at"]),
                    str(data["event"]),
                    int(data["seq"]),
                    str(data["hash"]),
                    str(data["hmac"]),
                )
            except (ValueError, KeyError, TypeError):
                breaks.append(Break("anchor_file", None, f"anchor file line {lineno} is unreadable"))
                continue
            if not hmac.compare_digest(line.hmac, sign_head(key, line.seq, line.hash, line.event)):
                breaks.append(
                    Break(
                        "anchor_file",
                        line.seq,
                        f"anchor file line {lineno}: signature does not match (edited)",
                    )
                )
                continue
            lines.append(line)
    return lines, breaks


def verify(
    session: Session, batch: int = 1000, anchor_file: Path | None = None, key: bytes | None = None
) -> VerifyResult:
    """Walk the whole chain and list every break; compare its head with the signed anchor (and file)."""
    key = key if key is not None else anchor_key()
    # The anchor is read first: appends commit the entry and the anchor together, so the chain read
    # afterwards (in the same snapshot on SQLite, or REPEATABLE READ, see the CLI) is never shorter.
    anchor = session.execute(select(AuditAnchor.__table__).where(AuditAnchor.id == ANCHOR_ID)).first()
    file_lines, breaks = read_anchor_file(anchor_file, key) if anchor_file is not None else ([], [])
    restores = [line for line in file_lines if line.event == "restore"]
    if restores:  # anchors from before the last restore describe a history the restore replaced
        file_lines = [line for line in file_lines if line.lineno >= restores[-1].lineno]
    wanted: dict[int, list[AnchorLine]] = {}
    for line in file_lines:
        wanted.setdefault(line.seq, []).append(line)

    chain: list[Break] = []
    prev_seq, prev_hash, checked, anchor_hash_seen = 0, GENESIS_HASH, 0, None
    for row in _entries(session, batch):
        if row.seq != prev_seq + 1:
            chain.append(
                Break("missing", prev_seq + 1, f"{_span(prev_seq + 1, row.seq - 1)} missing (deleted)")
            )
        elif row.prev_hash != prev_hash:
            chain.append(Break("broken_link", row.seq, f"entry {row.seq} does not chain to its predecessor"))
        if _entry_hash(row.prev_hash, _payload(row)) != row.hash:
            chain.append(Break("modified", row.seq, f"entry {row.seq} was modified"))
        for line in wanted.get(row.seq, ()):
            if line.hash != row.hash:
                chain.append(
                    Break(
                        "anchor_file",
                        row.seq,
                        f"entry {row.seq} differs from the one anchored at {line.at} "
                        f"(anchor file line {line.lineno}): the chain was rewritten",
                    )
                )
        if anchor is not None and row.seq == anchor.seq:
            anchor_hash_seen = row.hash
        prev_seq, prev_hash, checked = row.seq, row.hash, checked + 1
    head = prev_seq

    if anchor is None:
        if head:
            chain.append(Break("anchor_missing", None, "the signed anchor row is missing (deleted)"))
    elif not hmac.compare_digest(anchor.hmac, sign_head(key, anchor.seq, anchor.hash)):
        chain.append(
            Break(
                "anchor_forged",
                anchor.seq,
                "the anchor's signature does not match: the anchor row was edited, or "
                "KERJASAMA_AUDIT_HMAC_KEY / KERJASAMA_SECRET_KEY changed",
            )
        )
    elif head < anchor.seq:
        chain.append(
            Break(
                "truncated",
                head + 1,
                f"{_span(head + 1, anchor.seq)} at the end are missing (truncated): "
                f"the signed anchor says the chain ends at entry {anchor.seq}",
            )
        )
    else:
        if anchor_hash_seen is not None and anchor_hash_seen != anchor.hash:
            chain.append(
                Break("anchor_mismatch", anchor.seq, f"entry {anchor.seq} differs from the signed anchor")
            )
        if head > anchor.seq:
            chain.append(
                Break(
                    "unanchored",
                    anchor.seq + 1,
                    f"{_span(anchor.seq + 1, head)} after the signed anchor were not written by the application",
                )
            )
    newest_anchored = max(file_lines, key=lambda line: line.seq, default=None)
    if newest_anchored is not None and head < newest_anchored.seq:
        chain.append(
            Break(
                "truncated",
                head + 1,
                f"{_span(head + 1, newest_anchored.seq)} at the end are missing (truncated): the anchor file "
                f"(line {newest_anchored.lineno}, {newest_anchored.at}) recorded entry {newest_anchored.seq}",
            )
        )
    chain.sort(key=lambda b: (b.seq is None, b.seq or 0))
    return VerifyResult(
        checked,
        breaks + chain,
        head_seq=head or None,
        anchor_seq=anchor.seq if anchor is not None else None,
        anchor_file_lines=len(file_lines),
    )


def append_anchor_line(path: Path, key: bytes, seq: int, head_hash: str, event: str = "anchor") -> AnchorLine:
    """Append one signed line to the anchor file (created if needed) and sync it to disk."""
    at = utcnow().isoformat()
    line = AnchorLine(0, at, event, seq, head_hash, sign_head(key, seq, head_hash, event))
    data = {"at": line.at, "event": event, "seq": seq, "hash": head_hash, "hmac": line.hmac}
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        os.write(fd, (json.dumps(data, separators=(",", ":")) + "\n").encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    return line


def anchor_head(
    session: Session, path: Path, key: bytes | None = None, event: str = "anchor"
) -> AnchorLine | None:
    """Write the current signed head (the anchor row, when its signature holds) to the anchor file."""
    key = key if key is not None else anchor_key()
    anchor = session.execute(select(AuditAnchor.__table__).where(AuditAnchor.id == ANCHOR_ID)).first()
    if anchor is None or not hmac.compare_digest(anchor.hmac, sign_head(key, anchor.seq, anchor.hash)):
        return None
    return append_anchor_line(path, key, anchor.seq, anchor.hash, event)
