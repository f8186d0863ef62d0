"""The audit log: written on every change, hash-chained, tamper-evident."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from kerjasama.core import audit
from kerjasama.models import AuditAnchor, AuditEntry
from tests.conftest import BACKEND
from tests.fixtures.factories import create_agreement
from tests.test_cli import run as run_cli


def test_create_update_delete_are_audited_with_before_after(
    secretariat: TestClient, session: Session
) -> None:
    created = create_agreement(secretariat, session, title="KB untuk audit")
    aid = created["id"]
    r = secretariat.patch(
        f"/api/v1/agreements/{aid}", json={"title": "KB untuk audit (revisi)"}, headers={"If-Match": '"1"'}
    )
    assert r.status_code == 200, r.text
    assert (
        secretariat.delete(f"/api/v1/agreements/{aid}", headers={"If-Match": r.headers["etag"]}).status_code
        == 204
    )
    entries = secretariat.get("/api/v1/audit", params={"entity_id": aid}).json()["items"]
    assert [e["action"] for e in entries] == ["delete", "update", "create"]
    update_entry = entries[1]
    assert update_entry["actor_username"] == "sekretariat"
    assert update_entry["actor_role"] == "secretariat"
    assert update_entry["before"] == {"title": "KB untuk audit"}
    assert update_entry["after"] == {"title": "KB untuk audit (revisi)"}
    assert entries[0]["after"] is None
    assert entries[0]["before"]["title"] == "KB untuk audit (revisi)"


def test_chain_verifies_and_detects_modification(session: Session, secretariat: TestClient) -> None:
    create_agreement(secretariat, session)
    assert audit.verify(session).ok
    target = session.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq).offset(3).limit(1))
    session.execute(update(AuditEntry).where(AuditEntry.seq == target).values(actor_username="mallory"))
    result = audit.verify(session)
    assert not result.ok
    assert result.seq == target
    assert "modified" in (result.problem or "")


def test_chain_detects_deletion(session: Session) -> None:
    target = session.scalar(select(AuditEntry.seq).order_by(AuditEntry.seq).offset(5).limit(1))
    session.execute(delete(AuditEntry).where(AuditEntry.seq == target))
    result = audit.verify(session)
    assert not result.ok
    assert result.seq == target
    assert "missing" in (result.problem or "")


def test_chain_detects_a_rehashed_entry(session: Session) -> None:
    """Recomputing one entry's own hash after editing it still breaks the link to the next one."""
    entries = session.scalars(select(AuditEntry).order_by(AuditEntry.seq).limit(3)).all()
    victim = entries[1]
    victim.actor_username = "mallory"
    victim.hash = audit._entry_hash(victim.prev_hash, audit._payload(victim))
    session.flush()
    result = audit.verify(session)
    assert not result.ok
    assert result.seq == entries[2].seq


def test_audit_is_readable_only_by_admin_secretariat_viewer(client_for: Callable[[str], TestClient]) -> None:
    for role, expected in [
        ("admin", 200),
        ("secretariat", 200),
        ("viewer", 200),
        ("tkksd", 403),
        ("opd_head", 403),
        ("opd_operator", 403),
    ]:
        assert client_for(role).get("/api/v1/audit").status_code == expected, role


def test_audit_pages_backwards_with_cursor(admin: TestClient) -> None:
    first = admin.get("/api/v1/audit", params={"limit": 5}).json()
    second = admin.get("/api/v1/audit", params={"limit": 5, "cursor": first["next_cursor"]}).json()
    seqs = [e["seq"] for e in first["items"] + second["items"]]
    assert seqs == sorted(seqs, reverse=True)
    assert len(set(seqs)) == 10
    assert admin.get("/api/v1/audit", params={"cursor": "abc"}).status_code == 422


def _newest(session: Session, n: int) -> list[int]:
    return list(session.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq.desc()).limit(n)))


def test_deleting_the_newest_entries_is_detected(session: Session) -> None:
    assert audit.verify(session).ok
    newest = _newest(session, 3)
    session.execute(delete(AuditEntry).where(AuditEntry.seq.in_(newest)))
    result = audit.verify(session)
    assert [b.kind for b in result.breaks] == ["truncated"]
    assert result.breaks[0].seq == min(newest)
    assert f"the chain ends at entry {max(newest)}" in result.breaks[0].message


def test_moving_the_anchor_back_without_the_key_is_detected(session: Session) -> None:
    newest = _newest(session, 2)
    session.execute(delete(AuditEntry).where(AuditEntry.seq.in_(newest)))
    tail = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).one()
    session.execute(update(AuditAnchor).values(seq=tail.seq, hash=tail.hash))
    result = audit.verify(session)
    assert [b.kind for b in result.breaks] == ["anchor_forged"]
    session.execute(delete(AuditAnchor))
    assert [b.kind for b in audit.verify(session).breaks] == ["anchor_missing"]


def test_every_break_is_listed(session: Session) -> None:
    seqs = list(session.scalars(select(AuditEntry.seq).order_by(AuditEntry.seq).limit(12)))
    first, second, gone = seqs[2], seqs[8], seqs[5]
    for seq in (first, second):
        session.execute(update(AuditEntry).where(AuditEntry.seq == seq).values(actor_username="mallory"))
    session.execute(delete(AuditEntry).where(AuditEntry.seq == gone))
    session.execute(delete(AuditEntry).where(AuditEntry.seq.in_(_newest(session, 1))))
    result = audit.verify(session)
    assert [(b.kind, b.seq) for b in result.breaks] == [
        ("modified", first),
        ("missing", gone),
        ("modified", second),
        ("truncated", result.breaks[-1].seq),
    ]
    assert result.problem == f"entry {first} was modified"


def test_entries_added_outside_the_application_are_reported(session: Session) -> None:
    tail = session.scalars(select(AuditEntry).order_by(AuditEntry.seq.desc()).limit(1)).one()
    forged = AuditEntry(
        seq=tail.seq + 1,
        at=tail.at,
        actor_id=None,
        actor_username="mallory",
        actor_role="admin",
        entity_type="user",
        entity_id="x",
        action="create",
        before=None,
        after=None,
        prev_hash=tail.hash,
        hash="",
    )
    forged.hash = audit._entry_hash(tail.hash, audit._payload(forged))
    session.add(forged)  # an INSERT that bypasses audit.record, as a hand-written SQL one would
    session.flush()
    result = audit.verify(session)
    assert [(b.kind, b.seq) for b in result.breaks] == [("unanchored", tail.seq + 1)]


def test_the_anchor_file_catches_a_truncation_by_someone_holding_the_key(
    session: Session, tmp_path: Path
) -> None:
    log = tmp_path / "audit-anchor.log"
    key = audit.anchor_key()
    line = audit.anchor_head(session, log)
    assert line is not None
    assert audit.verify(session, anchor_file=log).ok
    # Someone with database access and the key deletes the newest entries and re-signs the anchor row.
    newest = _newest(session, 4)
    session.execute(delete(AuditEntry).where(AuditEntry.seq.in_(newest)))
    tail = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).one()
    session.execute(
        update(AuditAnchor).values(
            seq=tail.seq, hash=tail.hash, hmac=audit.sign_head(key, tail.seq, tail.hash)
        )
    )
    assert audit.verify(session).ok  # the database alone cannot tell
    result = audit.verify(session, anchor_file=log)
    assert [(b.kind, b.seq) for b in result.breaks] == [("truncated", min(newest))]
    assert "anchor file" in result.breaks[0].message


def test_a_tampered_anchor_file_is_reported(session: Session, tmp_path: Path) -> None:
    log = tmp_path / "audit-anchor.log"
    assert audit.anchor_head(session, log) is not None
    data = json.loads(log.read_text())
    data["seq"] += 5
    log.write_text(json.dumps(data) + "\n" + "not json\n")
    result = audit.verify(session, anchor_file=log)
    assert [b.kind for b in result.breaks] == ["anchor_file", "anchor_file"]
    assert "line 1: signature does not match" in result.breaks[0].message
    assert "line 2 is unreadable" in result.breaks[1].message


def test_a_restore_marker_starts_a_new_history(session: Session, tmp_path: Path) -> None:
    log = tmp_path / "audit-anchor.log"
    key = audit.anchor_key()
    head = session.execute(
        select(AuditEntry.seq, AuditEntry.hash).order_by(AuditEntry.seq.desc()).limit(1)
    ).one()
    audit.append_anchor_line(
        log, key, head.seq + 10, "f" * 64
    )  # anchored before a restore of an older backup
    assert [b.kind for b in audit.verify(session, anchor_file=log).breaks] == ["truncated"]
    assert audit.anchor_head(session, log, event="restore") is not None
    assert audit.verify(session, anchor_file=log).ok


@pytest.mark.skipif(BACKEND != "sqlite", reason="CLI runs once, on its own SQLite file")
def test_audit_verify_command_lists_every_break_and_anchors_the_head(tmp_path: Path) -> None:
    assert run_cli(tmp_path, "db", "upgrade").returncode == 0
    assert run_cli(tmp_path, "seed-demo").returncode == 0
    r = run_cli(tmp_path, "audit", "verify")
    assert r.returncode == 0, r.stderr
    assert "anchored in" in r.stdout
    anchored = json.loads((tmp_path / "audit-anchor.log").read_text().splitlines()[-1])
    with sqlite3.connect(tmp_path / "kerjasama.db") as conn:
        conn.execute("UPDATE audit_entry SET actor_username = 'mallory' WHERE seq IN (2, 4)")
        conn.execute("DELETE FROM audit_entry WHERE seq > ?", (anchored["seq"] - 3,))
    r = run_cli(tmp_path, "audit", "verify", "--json")
    assert r.returncode == 1
    report = json.loads(r.stdout)
    assert [(b["kind"], b["seq"]) for b in report["breaks"]] == [
        ("modified", 2),
        ("modified", 4),
        ("truncated", anchored["seq"] - 2),
        ("truncated", anchored["seq"] - 2),  # once from the anchor row, once from the anchor file
    ]
    r = run_cli(tmp_path, "audit", "verify")
    assert r.returncode == 1
    assert "4 problem(s)" in r.stderr
    assert "[truncated]" in r.stderr
