"""Logs (JSON lines), X-Request-ID, the access line and the Prometheus /metrics endpoint."""

from __future__ import annotations

import io
import json
import logging
import os
import subprocess
import sys
import textwrap
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from pydantic import SecretStr
from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.core.config import Settings
from kerjasama.core.db import Database
from kerjasama.core.logging import configure_logging
from kerjasama.core.metrics import MULTIPROC_ENV, get_metrics
from kerjasama.integration.webhooks.job import WebhookLoop
from kerjasama.main import create_app
from kerjasama.models import UserAccount
from kerjasama.reminders.scheduler import DailyReminders

ROOT = Path(__file__).resolve().parents[1]
LOOPBACK = ("127.0.0.1", 50000)


@pytest.fixture
def log_lines() -> Iterator[Callable[[], list[dict[str, object]]]]:
    """The JSON lines the root handler writes while the test runs."""
    buffer = io.StringIO()
    configure_logging("INFO", buffer)
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    configure_logging("INFO", replace=True)


def _app(settings: Settings, database: Database, **changes: object) -> FastAPI:
    return create_app(settings.model_copy(update=changes), database, spa_dir=Path("/nonexistent"))


def _sample(text: str, name: str, **labels: str) -> float | None:
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            if sample.name == name and all(sample.labels.get(k) == v for k, v in labels.items()):
                return float(sample.value)
    return None


def test_one_json_access_line_per_request_without_secrets(
    app: FastAPI,
    admin: TestClient,
    anon: TestClient,
    session: Session,
    log_lines: Callable[[], list[dict[str, object]]],
) -> None:
    user = session.scalar(select(UserAccount).where(UserAccount.username == "admin"))
    assert user is not None
    token = admin.headers["Authorization"].removeprefix("Bearer ")
    agreement = admin.get("/api/v1/agreements", params={"limit": 1}).json()["items"][0]["id"]
    r = admin.get(f"/api/v1/agreements/{agreement}", params={"q": "query-secret"})
    assert r.status_code == 200
    anon.post(
        "/api/v1/auth/token",
        data={"grant_type": "password", "username": "admin", "password": "a-password-never-logged"},
    )
    lines = log_lines()
    access = [line for line in lines if line["logger"] == "kerjasama.access"]
    assert len(access) == 3
    read = access[1]
    assert read["level"] == "INFO" and read["msg"] == "request"
    assert read["method"] == "GET"
    assert read["route"] == "/api/v1/agreements/{agreement_id}"  # the template, not the id
    assert read["status"] == 200
    assert isinstance(read["duration_ms"], float) and read["duration_ms"] >= 0
    assert read["user_id"] == str(user.id)
    assert read["request_id"] == r.headers["x-request-id"]
    assert str(read["ts"]).endswith("+00:00")
    signin = access[2]
    assert signin["route"] == "/api/v1/auth/token" and signin["status"] == 401 and signin["user_id"] is None
    everything = "\n".join(json.dumps(line) for line in lines)
    for secret in (token, "a-password-never-logged", "query-secret", agreement):
        assert secret not in everything


def test_info_lines_of_our_loggers_are_written(log_lines: Callable[[], list[dict[str, object]]]) -> None:
    """Under uvicorn the root logger had no handler: INFO lines such as the reminder summary were lost."""
    logging.getLogger("kerjasama.reminders").info("reminders: %d new", 3, extra={"run": "daily"})
    logging.getLogger("kerjasama.reminders").debug("not at INFO")
    (line,) = [line for line in log_lines() if line["logger"] == "kerjasama.reminders"]
    assert line["level"] == "INFO" and line["msg"] == "reminders: 3 new" and line["run"] == "daily"
    assert "request_id" not in line  # not inside a request


def test_request_id_is_echoed_or_replaced(anon: TestClient) -> None:
    r = anon.get("/healthz", headers={"X-Request-ID": "proxy-4f2a:17"})
    assert r.headers["x-request-id"] == "proxy-4f2a:17"
    for bad in ("x" * 129, "has space", "tab\there", ""):
        r = anon.get("/healthz", headers={"X-Request-ID": bad})
        assert r.headers["x-request-id"] != bad
        assert uuid.UUID(r.headers["x-request-id"])
    # A new id per request when none is sent, also on problem+json errors.
    first = anon.get("/api/v1/agreements")
    second = anon.get("/api/v1/no-such-thing")
    assert first.status_code == 401 and second.status_code == 404
    assert first.headers["content-type"] == "application/problem+json"
    ids = {first.headers["x-request-id"], second.headers["x-request-id"]}
    assert len(ids) == 2 and all(uuid.UUID(i) for i in ids)


def test_request_id_on_an_unhandled_error(
    settings: Settings, database: Database, log_lines: Callable[[], list[dict[str, object]]]
) -> None:
    app = _app(settings, database)

    def boom() -> None:
        raise RuntimeError("boom")

    app.add_api_route("/boom-for-test", boom)
    with TestClient(app, raise_server_exceptions=False) as client:
        r = client.get("/boom-for-test", headers={"X-Request-ID": "trace-500"})
    assert r.status_code == 500
    assert r.headers["content-type"] == "application/problem+json"
    assert r.headers["x-request-id"] == "trace-500"
    lines = [line for line in log_lines() if line.get("request_id") == "trace-500"]
    assert {str(line["logger"]) for line in lines} >= {"kerjasama.errors", "kerjasama.access"}
    assert [line["status"] for line in lines if line["logger"] == "kerjasama.access"] == [500]


def test_metrics_after_a_few_requests(app: FastAPI, admin: TestClient) -> None:
    for _ in range(2):
        assert admin.get("/api/v1/partners").status_code == 200
    assert admin.get("/api/v1/partners/not-a-uuid").status_code == 422
    with TestClient(app, client=LOOPBACK) as local:
        r = local.get("/metrics")
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/plain")
    text = r.text
    labels = {"method": "GET", "route": "/api/v1/partners", "status": "200"}
    count = _sample(text, "kerjasama_http_request_duration_seconds_count", **labels)
    assert count is not None and count >= 2
    assert _sample(text, "kerjasama_http_request_duration_seconds_bucket", le="+Inf", **labels) == count
    assert (
        _sample(
            text,
            "kerjasama_http_request_duration_seconds_count",
            route="/api/v1/partners/{partner_id}",
            status="422",
        )
        or 0
    ) >= 1
    assert "not-a-uuid" not in text
    assert _sample(text, "kerjasama_db_pool_connections_in_use") is not None
    assert _sample(text, "kerjasama_db_pool_overflow") is not None


def test_job_counters_and_last_success(settings: Settings, database: Database, tmp_path: Path) -> None:
    metrics = get_metrics()

    def value(name: str, **labels: str) -> float:
        return _sample(metrics.render().decode(), name, **labels) or 0.0

    runs = value("kerjasama_job_runs_total", job="webhooks")
    WebhookLoop(database, settings).run_once()
    assert value("kerjasama_job_runs_total", job="webhooks") == runs + 1
    assert value("kerjasama_job_last_success_timestamp_seconds", job="webhooks") > 0
    failures = value("kerjasama_job_failures_total", job="reminders")
    empty = Settings(env="test", database_url=f"sqlite:///{tmp_path / 'empty.db'}", data_dir=tmp_path)
    DailyReminders(Database(empty), empty).run_once()  # no tables: the run fails, the thread survives
    assert value("kerjasama_job_failures_total", job="reminders") == failures + 1


def test_metrics_are_protected(settings: Settings, database: Database) -> None:
    default = _app(settings, database)
    with TestClient(default) as outside, TestClient(default, client=LOOPBACK) as local:
        r = outside.get("/metrics")
        assert r.status_code == 403
        assert r.headers["content-type"] == "application/problem+json"
        assert r.json()["code"] == "metrics_forbidden"
        assert local.get("/metrics").status_code == 200
    token = "metrics-scrape-token-0123456789"
    with_token = _app(settings, database, metrics_token=SecretStr(token), metrics_allow=["10.0.0.0/8"])
    other = ("192.0.2.7", 40000)
    with TestClient(with_token, client=other) as far, TestClient(with_token, client=LOOPBACK) as local:
        assert far.get("/metrics", headers={"Authorization": f"Bearer {token}"}).status_code == 200
        assert far.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 403
        assert far.get("/metrics").status_code == 403
        assert local.get("/metrics").status_code == 403  # loopback is no longer in the list
    with TestClient(with_token, client=("10.20.30.40", 1)) as lan:
        assert lan.get("/metrics").status_code == 200
    off = _app(settings, database, metrics_allow=[])
    with TestClient(off, client=LOOPBACK) as local:
        r = local.get("/metrics")
        assert r.status_code == 404 and r.headers["content-type"] == "application/problem+json"


WORKER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from fastapi.testclient import TestClient
    from kerjasama.core.config import Settings
    from kerjasama.main import create_app

    data = Path(sys.argv[1])
    settings = Settings(env="test", database_url=f"sqlite:///{data / 'x.db'}", data_dir=data)
    with TestClient(create_app(settings, spa_dir=Path("/nonexistent")), client=("127.0.0.1", 1)) as c:
        for _ in range(int(sys.argv[2])):
            assert c.get("/healthz").status_code == 200
        if sys.argv[3] == "scrape":
            sys.stdout.write(c.get("/metrics").text)
    """
)


def test_multiprocess_mode_adds_up_the_workers(tmp_path: Path) -> None:
    """Like `kerjasama serve --workers N`: each process writes to PROMETHEUS_MULTIPROC_DIR and any of them
    answers the scrape with the sum (separate processes: the mode is fixed when a process starts)."""
    metrics_dir = tmp_path / "metrics"
    metrics_dir.mkdir()
    env = {**os.environ, MULTIPROC_ENV: str(metrics_dir), "PYTHONPATH": os.pathsep.join(sys.path)}

    def worker(requests: int, scrape: bool) -> str:
        done = subprocess.run(
            [sys.executable, "-c", WORKER, str(tmp_path), str(requests), "scrape" if scrape else "-"],
            env=env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr[-2000:]
        return done.stdout

    worker(3, scrape=False)
    text = worker(2, scrape=True)
    labels = {"method": "GET", "route": "/healthz", "status": "200"}
    assert _sample(text, "kerjasama_http_request_duration_seconds_count", **labels) == 5
    assert list(metrics_dir.glob("histogram_*.db"))
    # The pool gauges are per process (one series per pid).
    pids = {
        sample.labels.get("pid")
        for family in text_string_to_metric_families(text)
        for sample in family.samples
        if sample.name == "kerjasama_db_pool_connections_in_use"
    }
    assert pids and None not in pids


def test_routes_outside_the_api_keep_their_own_names(
    anon: TestClient, log_lines: Callable[[], list[dict[str, object]]]
) -> None:
    anon.get("/openapi.json")
    anon.get("/docs/assets/favicon.png")
    anon.get("/no/such/page/4f1c")
    routes = [line["route"] for line in log_lines() if line["logger"] == "kerjasama.access"]
    assert routes == ["/openapi.json", "/docs/assets/{name}", "<unmatched>"]
