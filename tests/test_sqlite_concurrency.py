"""Concurrent writers on a real, committed database (both backends): no 500, ever.

- writers with and without Idempotency-Key, all at once: every answer 201, and a replay sent right
  after an answer returns that same answer (the record is committed before the answer leaves);
- duplicates of one key at once: one record; the others replay it (SQLite: they wait for the write
  lock) or get 409 idempotency_in_progress (PostgreSQL: the key's advisory lock is taken);
- SQLite's write lock held by someone else past the busy timeout: 503 problem+json with Retry-After,
  and the same key works once the lock is free (nothing stuck);
- PostgreSQL: a row lock held past the lock timeout (KERJASAMA_DB_LOCK_TIMEOUT_SECONDS): 503 with
  Retry-After, readers not blocked, the same writes work once the lock is free;
- no free pool connection within the pool timeout: 503 with Retry-After, not 500;
- a CLI command started while the write lock is held waits for it instead of failing;
- `If-Match: *` is 428 for 20 PATCHes at once; 20 PATCHes with the same ETag: one 200, 19 × 412.

Threads meet at barriers; nothing here measures time.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import sessionmaker

from kerjasama import cli, demo
from kerjasama.cli import alembic_config
from kerjasama.core.config import Settings, get_settings
from kerjasama.core.db import Database, make_engine
from kerjasama.core.middleware import advisory_key
from kerjasama.core.security import sha256_hex
from kerjasama.main import create_app
from kerjasama.models import IdempotencyRecord, Opd, Partner, UserAccount
from tests.conftest import BACKEND, TEST_SECRET, fresh_database_url, token_for

PARTNERS = "/api/v1/partners"


class Live:
    """A migrated, seeded database of its own, and apps on it with chosen settings."""

    def __init__(self, url: str, data_dir: Path) -> None:
        self.url, self.data_dir = url, data_dir
        self.settings = self.settings_with()
        self.engine = make_engine(url, self.settings)
        self.engines: list[Engine] = [self.engine]
        self._app: FastAPI | None = None

    def settings_with(self, **overrides: Any) -> Settings:
        return Settings(
            env="test", database_url=self.url, secret_key=TEST_SECRET, data_dir=self.data_dir, **overrides
        )

    def app(self, **overrides: Any) -> FastAPI:
        if not overrides and self._app is not None:
            return self._app
        settings = self.settings_with(**overrides)
        engine = make_engine(self.url, settings) if overrides else self.engine
        if overrides:
            self.engines.append(engine)
        app = create_app(settings, Database(settings, engine=engine), spa_dir=self.data_dir)
        app.openapi()  # built once here: FastAPI's schema generation is not safe from several threads
        if not overrides:
            self._app = app
        return app

    def token(self, username: str = "sekretariat") -> str:
        with sessionmaker(self.engine)() as s:
            return token_for(s, self.settings, username)


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Live]:
    tmp = tmp_path_factory.mktemp("live")
    for url in fresh_database_url(tmp):
        lv = Live(url, tmp)
        from alembic import command

        with lv.engine.connect() as conn:
            cfg = alembic_config(url)
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
        with sessionmaker(lv.engine)() as s, s.begin():
            demo.seed(s, lv.settings)
        yield lv
        for engine in lv.engines:
            engine.dispose()


def partner_body(tag: str) -> dict[str, Any]:
    return {"type": "CENTRAL_GOVERNMENT", "name": f"Lembaga Serentak {tag} {uuid.uuid4().hex}"}


def run_threads(n: int, work: Callable[[int, threading.Barrier], Any]) -> list[Any]:
    """Run work(i, barrier) in n threads; the answers in thread order (exceptions re-raised)."""
    barrier = threading.Barrier(n)
    results: list[Any] = [None] * n
    errors: list[BaseException] = []

    def target(i: int) -> None:
        try:
            results[i] = work(i, barrier)
        except BaseException as exc:  # surfaced below
            errors.append(exc)
            barrier.abort()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if errors:
        raise errors[0]
    return results


def test_concurrent_writers_with_and_without_keys_never_fail(live: Live) -> None:
    app, token = live.app(), live.token()
    auth = {"Authorization": f"Bearer {token}"}

    def write(i: int, barrier: threading.Barrier) -> list[tuple[int, Any, Any]]:
        out = []
        with TestClient(app) as c:
            barrier.wait()
            for round_ in range(3):
                body = partner_body(f"{i}-{round_}")
                if i % 2:  # every other writer sends a key, and replays right after the answer
                    key = {"Idempotency-Key": f"serentak-{i}-{round_}-{uuid.uuid4().hex}"}
                    first = c.post(PARTNERS, json=body, headers={**auth, **key})
                    again = c.post(PARTNERS, json=body, headers={**auth, **key})
                    out.append((first.status_code, first, again))
                else:
                    r = c.post(PARTNERS, json=body, headers=auth)
                    out.append((r.status_code, r, None))
        return out

    results = [row for rows in run_threads(8, write) for row in rows]
    assert [status for status, _, _ in results] == [201] * 24, [r.text for _, r, _ in results]
    replays = [(first, again) for _, first, again in results if again is not None]
    assert len(replays) == 12
    for first, again in replays:
        assert again.status_code == 201 and again.headers["idempotency-replayed"] == "true", again.text
        assert again.json() == first.json() and again.headers["etag"] == first.headers["etag"]
    with sessionmaker(live.engine)() as s:
        ids = {uuid.UUID(r.json()["id"]) for _, r, _ in results}
        assert len(ids) == 24
        assert len(s.scalars(select(Partner.id).where(Partner.id.in_(ids))).all()) == 24


def test_duplicates_of_one_key_at_once_create_one_record(live: Live) -> None:
    app, token = live.app(), live.token()
    body = partner_body("kunci-sama")
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": f"sama-{uuid.uuid4().hex}"}

    def write(_: int, barrier: threading.Barrier) -> Any:
        with TestClient(app) as c:
            barrier.wait()
            return c.post(PARTNERS, json=body, headers=headers)

    answers = run_threads(10, write)
    statuses = sorted(r.status_code for r in answers)
    assert set(statuses) <= {201, 409} and 201 in statuses, statuses
    assert len({r.json()["id"] for r in answers if r.status_code == 201}) == 1
    for r in answers:
        if r.status_code == 409:
            assert r.json()["code"] == "idempotency_in_progress" and r.headers["retry-after"]
    with sessionmaker(live.engine)() as s:
        assert len(s.scalars(select(Partner.id).where(Partner.name == body["name"])).all()) == 1


@pytest.mark.skipif(BACKEND != "postgres", reason="the advisory lock is PostgreSQL's")
def test_a_key_whose_request_is_running_answers_409_and_runs_after(live: Live) -> None:
    app, token = live.app(), live.token()
    with sessionmaker(live.engine)() as s:
        user_id = s.scalar(select(UserAccount.id).where(UserAccount.username == "sekretariat"))
    assert user_id is not None
    key = f"berjalan-{uuid.uuid4().hex}"
    headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": key}
    body = partner_body("berjalan")
    with live.engine.connect() as other, TestClient(app) as c:  # "another worker" holds the key
        other.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": advisory_key(user_id, key)})
        busy = c.post(PARTNERS, json=body, headers=headers)
        assert busy.status_code == 409 and busy.json()["code"] == "idempotency_in_progress"
        assert busy.headers["retry-after"] == "1"
        other.rollback()  # that worker died: its transaction (and the lock) went with it
        done = c.post(PARTNERS, json=body, headers=headers)
        assert done.status_code == 201, done.text
        again = c.post(PARTNERS, json=body, headers=headers)
        assert again.headers["idempotency-replayed"] == "true" and again.json() == done.json()


@pytest.mark.skipif(BACKEND != "sqlite", reason="SQLite's single write lock")
def test_write_lock_held_past_the_busy_timeout_is_503_then_the_key_works(live: Live) -> None:
    app, token = live.app(db_busy_timeout_seconds=0.05), live.token()
    auth = {"Authorization": f"Bearer {token}"}
    key = {"Idempotency-Key": f"terkunci-{uuid.uuid4().hex}"}
    body = partner_body("terkunci")
    holder = sqlite3.connect(live.url.removeprefix("sqlite:///"), isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # someone else is writing, and takes long
        with TestClient(app) as c:
            for headers in (auth, {**auth, **key}):
                r = c.post(PARTNERS, json=body, headers=headers)
                assert r.status_code == 503, r.text
                assert r.headers["content-type"] == "application/problem+json"
                assert r.json()["code"] == "service_busy" and r.headers["retry-after"] == "2"
            holder.execute("ROLLBACK")
            r = c.post(PARTNERS, json=body, headers={**auth, **key})
            assert r.status_code == 201, r.text  # the key was not left "in progress"
    finally:
        holder.close()


@pytest.mark.skipif(BACKEND != "postgres", reason="PostgreSQL's row locks and lock_timeout")
def test_a_row_lock_held_past_the_lock_timeout_is_503_then_the_write_works(live: Live) -> None:
    """A write that waits for a row lock another transaction holds gives up after
    KERJASAMA_DB_LOCK_TIMEOUT_SECONDS (SQLSTATE 55P03) and is answered 503 with Retry-After; readers
    are not blocked, the key is not left in progress, and the same writes work once the lock is free."""
    app, token = live.app(db_lock_timeout_seconds=0.05), live.token()
    engine: Engine = app.state.db.engine
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SHOW lock_timeout").scalar() == "50ms"
    auth = {"Authorization": f"Bearer {token}"}
    key = {"Idempotency-Key": f"baris-{uuid.uuid4().hex}"}
    with TestClient(app) as c:
        made = c.post(PARTNERS, json=partner_body("baris"), headers=auth)
        assert made.status_code == 201, made.text
        url = f"{PARTNERS}/{made.json()['id']}"
        patch = {"json": {"name": f"Lembaga Terkunci {uuid.uuid4().hex}"}}
        if_match = {**auth, "If-Match": made.headers["etag"]}
        with live.engine.connect() as holder:  # another writer, in the middle of its transaction
            holder.execute(text("UPDATE partner SET name = name WHERE id = :id"), {"id": made.json()["id"]})
            # A new partner's created_by points at the user: its foreign-key check waits for this lock.
            holder.execute(text("SELECT id FROM user_account WHERE username = 'sekretariat' FOR UPDATE"))
            for method, target, kwargs in (
                ("PATCH", url, {**patch, "headers": if_match}),
                ("POST", PARTNERS, {"json": partner_body("baris"), "headers": {**auth, **key}}),
            ):
                r = c.request(method, target, **kwargs)
                assert r.status_code == 503, (method, r.text)
                assert r.headers["content-type"] == "application/problem+json"
                assert r.json()["code"] == "service_busy" and r.headers["retry-after"] == "2"
            assert c.get(url, headers=auth).status_code == 200  # reading does not wait for row locks
            holder.rollback()
        r = c.patch(url, **patch, headers=if_match)
        assert r.status_code == 200, r.text
        r = c.post(PARTNERS, json=partner_body("baris"), headers={**auth, **key})
        assert r.status_code == 201, r.text  # the key was not left "in progress"


def test_no_free_connection_is_503_with_retry_after(live: Live) -> None:
    app = live.app(db_pool_size=1, db_pool_max_overflow=0, db_pool_timeout_seconds=0.1)
    token = live.token()
    engine: Engine = app.state.db.engine
    with TestClient(app) as c, engine.connect():  # the pool's only connection is taken
        for method, headers in (
            ("GET", {}),
            ("POST", {}),
            ("POST", {"Idempotency-Key": f"penuh-{uuid.uuid4().hex}"}),
        ):
            r = c.request(
                method,
                PARTNERS,
                json=partner_body("penuh") if method == "POST" else None,
                headers={"Authorization": f"Bearer {token}", **headers},
            )
            assert r.status_code == 503, (method, headers, r.text)
            assert r.headers["content-type"] == "application/problem+json"
            assert r.json()["code"] == "service_busy" and int(r.headers["retry-after"]) > 0
    with TestClient(app) as c:  # connection back: the same request works
        r = c.get(PARTNERS, headers={"Authorization": f"Bearer {token}"})
        assert r.status_code == 200


@pytest.mark.skipif(BACKEND != "sqlite", reason="SQLite's single write lock")
def test_cli_command_waits_for_the_write_lock(live: Live, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KERJASAMA_DATABASE_URL", live.url)
    monkeypatch.setenv("KERJASAMA_DATA_DIR", str(live.data_dir))
    monkeypatch.setenv("KERJASAMA_SECRET_KEY", TEST_SECRET)
    monkeypatch.setenv("KERJASAMA_PASSWORD", "rahasia-sekali-123")
    get_settings.cache_clear()
    holder = sqlite3.connect(live.url.removeprefix("sqlite:///"), isolation_level=None)
    result: list[int] = []
    try:
        holder.execute("BEGIN IMMEDIATE")
        worker = threading.Thread(
            target=lambda: result.append(
                cli.main(["users", "create", "--username", "sabar.menunggu", "--role", "viewer"])
            )
        )
        worker.start()
        worker.join(0.5)  # give it time to reach the lock; had it not waited, it would have failed
        holder.execute("ROLLBACK")
        worker.join()
    finally:
        holder.close()
        get_settings.cache_clear()
    assert result == [0]
    with sessionmaker(live.engine)() as s:
        assert s.scalar(select(UserAccount.id).where(UserAccount.username == "sabar.menunggu"))


def test_if_match_star_is_428_and_one_etag_wins_once(live: Live) -> None:
    app, token = live.app(), live.token("admin")
    with sessionmaker(live.engine)() as s:
        opd = s.scalar(select(Opd).where(Opd.code == "DISDIK"))
        assert opd is not None
    url = f"/api/v1/opds/{opd.id}"
    with TestClient(app) as c:
        etag = c.get(url, headers={"Authorization": f"Bearer {token}"}).headers["etag"]

    def patch(if_match: str) -> Callable[[int, threading.Barrier], int]:
        def work(i: int, barrier: threading.Barrier) -> int:
            with TestClient(app) as c:
                barrier.wait()
                r = c.patch(
                    url,
                    json={"name": f"Dinas Pendidikan {i}"},
                    headers={"Authorization": f"Bearer {token}", "If-Match": if_match},
                )
                return int(r.status_code)

        return work

    assert run_threads(20, patch("*")) == [428] * 20
    assert sorted(run_threads(20, patch(etag))) == [200] + [412] * 19


def test_idempotency_record_and_writes_commit_together(live: Live) -> None:
    """The stored answer is the one sent, and the record exists as soon as the answer is out."""
    app, token = live.app(), live.token()
    key = f"bersama-{uuid.uuid4().hex}"
    with TestClient(app) as c:
        r = c.post(
            PARTNERS,
            json=partner_body("bersama"),
            headers={"Authorization": f"Bearer {token}", "Idempotency-Key": key},
        )
    assert r.status_code == 201
    with sessionmaker(live.engine)() as s:
        record = s.scalar(select(IdempotencyRecord).where(IdempotencyRecord.key == key))
        assert record is not None and record.status_code == 201 and record.body == r.content
        assert record.headers["etag"] == r.headers["etag"]
        assert s.get(Partner, uuid.UUID(r.json()["id"])) is not None


def test_an_old_placeholder_does_not_block_its_key(live: Live) -> None:
    """Versions before the one-transaction design committed a placeholder (status -1) before running
    the request; one left behind by a crash must not answer 409 for ever."""
    app, token = live.app(), live.token()
    key = f"lama-{uuid.uuid4().hex}"
    raw = json.dumps(partner_body("lama")).encode()
    request_hash = sha256_hex(b"POST " + PARTNERS.encode() + b"\n" + raw)
    with sessionmaker(live.engine)() as s, s.begin():
        user_id = s.scalar(select(UserAccount.id).where(UserAccount.username == "sekretariat"))
        assert user_id is not None
        s.add(
            IdempotencyRecord(
                user_id=user_id,
                key=key,
                method="POST",
                path=PARTNERS,
                request_hash=request_hash,
                status_code=-1,
                headers={},
                body=b"",
            )
        )
    with TestClient(app) as c:
        r = c.post(
            PARTNERS,
            content=raw,
            headers={
                "Authorization": f"Bearer {token}",
                "Idempotency-Key": key,
                "Content-Type": "application/json",
            },
        )
    assert r.status_code == 201, r.text
    with sessionmaker(live.engine)() as s:
        record = s.scalar(select(IdempotencyRecord).where(IdempotencyRecord.key == key))
        assert record is not None and record.status_code == 201
