"""Append-only, hash-chained audit log.

Each entry's hash covers its content and the previous entry's hash, so editing or deleting any
entry breaks every hash after it; `kerjasama audit verify` walks the chain and reports the first break.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import uuid
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from kerjasama.core.config import Settings, get_settings
from kerjasama.models import AuditEntry
from kerjasama.models.base import utcnow

GENESIS_HASH = "0" * 64
# Arbitrary constant naming "the audit chain" for PostgreSQL's advisory lock.
AUDIT_LOCK_KEY = 0x4B534441


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


def _payload(entry: AuditEntry) -> dict[str, Any]:
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
    session.flush()
    return entry


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    checked: int
    problem: str | None = None
    seq: int | None = None


def verify(session: Session, batch: int = 1000) -> VerifyResult:
    prev_hash, expected_seq, checked = GENESIS_HASH, 1, 0
    while True:
        rows = session.scalars(
            select(AuditEntry).where(AuditEntry.seq >= expected_seq).order_by(AuditEntry.seq).limit(batch)
        ).all()
        if not rows:
            return VerifyResult(True, checked)
        for entry in rows:
            if entry.seq != expected_seq:
                return VerifyResult(
                    False, checked, f"entry {expected_seq} is missing (deleted)", expected_seq
                )
            if entry.prev_hash != prev_hash:
                return VerifyResult(
                    False, checked, f"entry {entry.seq} does not chain to its predecessor", entry.seq
                )
            if _entry_hash(prev_hash, _payload(entry)) != entry.hash:
                return VerifyResult(False, checked, f"entry {entry.seq} was modified", entry.seq)
            prev_hash, expected_seq, checked = entry.hash, expected_seq + 1, checked + 1
