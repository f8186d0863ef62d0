"""The audit log: written on every change, hash-chained, tamper-evident."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from kerjasama.core import audit
from kerjasama.models import AuditEntry
from tests.fixtures.factories import create_agreement


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
