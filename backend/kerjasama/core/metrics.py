"""Prometheus metrics at GET /metrics (outside /api/v1, like /healthz; not in the OpenAPI document).

One `Metrics` per process (`get_metrics()`):

- `kerjasama_http_request_duration_seconds{method, route, status}`: a latency histogram per route
  *template* (`/api/v1/agreements/{agreement_id}`, never the raw path with its ids or secrets);
- `kerjasama_db_pool_connections_in_use` and `kerjasama_db_pool_overflow`: the SQLAlchemy pool of this
  process, updated on every checkout and checkin (with several workers, one series per `pid`);
- `kerjasama_job_runs_total{job}`, `kerjasama_job_failures_total{job}`, `kerjasama_job_items_total{job,
  outcome}` and `kerjasama_job_last_success_timestamp_seconds{job}` for the reminder run and the webhook
  loop inside `kerjasama serve`.

With several workers (`kerjasama serve --workers N`) the CLI sets PROMETHEUS_MULTIPROC_DIR to a fresh
temporary directory before the workers start, and removes it at exit: each worker writes its values
there and a scrape, answered by any worker, adds them up (prometheus-client's multiprocess mode). With
one process the values live in this process's own registry.

Access (`metrics_allowed`): a bearer token equal to KERJASAMA_METRICS_TOKEN, or a client address in
KERJASAMA_METRICS_ALLOW (CIDRs; by default only the loopback addresses). Anybody else gets 403; with
neither a token nor an address list configured the endpoint is off (404).
"""

from __future__ import annotations

import atexit
import hmac
import ipaddress
import os
import threading
import time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)
from sqlalchemy import Engine, event

from kerjasama.core.config import Settings
from kerjasama.core.errors import problem_response

MULTIPROC_ENV = "PROMETHEUS_MULTIPROC_DIR"
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# Requests no route matched (unknown paths, the SPA's files): one series, not one per path.
UNMATCHED_ROUTE = "<unmatched>"


def multiprocess_dir() -> str | None:
    return os.environ.get(MULTIPROC_ENV) or None


class Metrics:
    def __init__(self) -> None:
        self.multiprocess = multiprocess_dir() is not None
        # In multiprocess mode the values live in files; the metrics are not registered anywhere and a
        # scrape collects the files. Otherwise they live in this registry.
        self.registry: CollectorRegistry | None = None if self.multiprocess else CollectorRegistry()
        reg = self.registry
        self.http_duration = Histogram(
            "kerjasama_http_request_duration_seconds",
            "Time to answer an HTTP request, by route template, method and status",
            ["method", "route", "status"],
            buckets=LATENCY_BUCKETS,
            registry=reg,
        )
        self.pool_in_use = Gauge(
            "kerjasama_db_pool_connections_in_use",
            "Database connections checked out of this process's pool",
            registry=reg,
            multiprocess_mode="liveall",
        )
        self.pool_overflow = Gauge(
            "kerjasama_db_pool_overflow",
            "Connections open beyond the pool size in this process (negative: pool not yet full)",
            registry=reg,
            multiprocess_mode="liveall",
        )
        self.job_runs = Counter("kerjasama_job_runs", "Runs of a background job", ["job"], registry=reg)
        self.job_failures = Counter(
            "kerjasama_job_failures", "Runs of a background job that raised", ["job"], registry=reg
        )
        self.job_items = Counter(
            "kerjasama_job_items",
            "Items a background job handled, by outcome (e.g. reminders sent, webhooks delivered)",
            ["job", "outcome"],
            registry=reg,
        )
        self.job_last_success = Gauge(
            "kerjasama_job_last_success_timestamp_seconds",
            "Unix time of the job's last successful run",
            ["job"],
            registry=reg,
            multiprocess_mode="max",
        )
        self._watched: set[int] = set()
        self._lock = threading.Lock()
        if self.multiprocess:
            pid = os.getpid()
            # A worker that exits cleanly takes its live gauges (the pool) with it.
            atexit.register(lambda: multiprocess.mark_process_dead(pid))  # type: ignore[no-untyped-call]

    def observe_request(self, method: str, route: str, status: int, seconds: float) -> None:
        self.http_duration.labels(method, route, str(status)).observe(seconds)

    def job_succeeded(self, job: str, items: dict[str, int]) -> None:
        self.job_runs.labels(job).inc()
        for outcome, count in items.items():
            if count:
                self.job_items.labels(job, outcome).inc(count)
        self.job_last_success.labels(job).set(time.time())

    def job_failed(self, job: str) -> None:
        self.job_runs.labels(job).inc()
        self.job_failures.labels(job).inc()

    def watch_pool(self, engine: Engine) -> None:
        """Keep the pool gauges current from the engine's checkout and checkin events (once per engine)."""
        with self._lock:
            if id(engine) in self._watched:
                return
            self._watched.add(id(engine))

        def update(*_: Any) -> None:
            pool = engine.pool
            checked_out = getattr(pool, "checkedout", None)
            overflow = getattr(pool, "overflow", None)
            if callable(checked_out):
                self.pool_in_use.set(checked_out())
            if callable(overflow):
                self.pool_overflow.set(overflow())

        event.listen(engine, "checkout", update)
        event.listen(engine, "checkin", update)
        update()

    def render(self) -> bytes:
        if self.multiprocess:
            path = multiprocess_dir()
            registry = CollectorRegistry()
            multiprocess.MultiProcessCollector(registry, path=path)  # type: ignore[no-untyped-call]
            return generate_latest(registry)
        assert self.registry is not None
        return generate_latest(self.registry)


_metrics: Metrics | None = None
_metrics_lock = threading.Lock()


def get_metrics() -> Metrics:
    """This process's metrics, created on first use (after PROMETHEUS_MULTIPROC_DIR is known)."""
    global _metrics
    with _metrics_lock:
        if _metrics is None:
            _metrics = Metrics()
        return _metrics


def metrics_allowed(settings: Settings, client_host: str | None, authorization: str) -> bool | None:
    """True: answer. False: refuse (403). None: the endpoint is off (404)."""
    token = settings.metrics_token.get_secret_value()
    if not token and not settings.metrics_allow:
        return None
    bearer = authorization[7:].strip() if authorization.lower().startswith("bearer ") else ""
    if token and bearer and hmac.compare_digest(bearer.encode(), token.encode()):
        return True
    if client_host and settings.metrics_allow:
        try:
            address = ipaddress.ip_address(client_host)
        except ValueError:
            return False
        return any(address in ipaddress.ip_network(cidr, strict=False) for cidr in settings.metrics_allow)
    return False


router = APIRouter()


@router.get("/metrics", include_in_schema=False)
def metrics_endpoint(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    allowed = metrics_allowed(
        settings, request.client.host if request.client else None, request.headers.get("authorization", "")
    )
    if allowed is None:
        return problem_response(404, "Not found", "not_found", "No route /metrics.")
    if not allowed:
        return problem_response(
            403,
            "Forbidden",
            "metrics_forbidden",
            "Metrics are open to the addresses in KERJASAMA_METRICS_ALLOW or with the bearer token "
            "KERJASAMA_METRICS_TOKEN.",
        )
    return Response(
        get_metrics().render(), media_type=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"}
    )
