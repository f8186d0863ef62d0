"""Settings: every knob comes from a KERJASAMA_* environment variable or `.env`."""

from __future__ import annotations

import ipaddress
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

# Only ever used outside prod; prod refuses to start with it (see _refuse_weak_secret_in_prod).
DEV_SECRET_KEY = "dev-only-insecure-secret-change-me"
MIN_SECRET_LENGTH = 32


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="KERJASAMA_", env_file=".env", extra="ignore")

    env: Literal["dev", "test", "prod"] = Field("dev", description="dev, test or prod")
    database_url: str = Field("", description="SQLAlchemy URL; empty means SQLite under data_dir")
    secret_key: str = Field(DEV_SECRET_KEY, description="HMAC key for access tokens")
    audit_hmac_key: SecretStr = Field(
        SecretStr(""),
        description="HMAC key signing the audit chain's head (anchor); empty: derived from secret_key",
    )
    home_region: str = Field("32.77", description="kode wilayah of the region running this instance")
    data_dir: Path = Field(Path("var"), description="where the SQLite file and uploads live")
    timezone: str = Field("Asia/Jakarta", description="the region's own calendar zone")
    access_token_minutes: int = Field(15, ge=1, le=1440)
    refresh_token_days: int = Field(14, ge=1, le=365)
    max_request_mb: int = Field(2, ge=1, description="cap for JSON request bodies")
    max_upload_mb: int = Field(20, ge=1, description="cap for uploaded files")
    login_max_failures: int = Field(5, ge=1, description="failed sign-ins per account before throttling")
    login_max_failures_per_address: int = Field(
        50,
        ge=1,
        description="failed sign-ins from one address before its wrong passwords get 429; right passwords "
        "of accounts that are not throttled still sign in (many users share a NAT address)",
    )
    login_window_seconds: int = Field(300, ge=1)
    cors_origins: list[str] = Field(default_factory=list)
    expiring_window_days: int = Field(180, ge=1, description="window for the derived `expiring` flag")
    dprd_domestic_deadline_working_days: int = Field(
        45, ge=0, description="Working days of DPRD silence that count as approval for KSDD/KSDPK (0 = none)"
    )
    public_base_url: str = Field(
        "",
        description="public address, for links in e-mails and calendar feed URLs; empty: http://HOST:PORT, the "
        "address `kerjasama serve` listens on (see base_url)",
    )
    smtp_host: str = Field("", description="SMTP server for reminder e-mails; empty turns e-mail off")
    smtp_port: int = Field(587, ge=1, le=65535)
    smtp_security: Literal["none", "starttls", "ssl"] = Field(
        "starttls", description="none, starttls (port 587) or ssl (implicit TLS, port 465)"
    )
    smtp_ca_file: str = Field(
        "",
        description="PEM file of the CA that signed the SMTP server's certificate, when it is not a "
        "public one (an internal mail server); empty: the system's trusted CAs",
    )
    smtp_username: str = Field("", description="empty: no SMTP authentication")
    smtp_password: SecretStr = Field(SecretStr(""))
    smtp_from: str = Field("Kerja Sama Daerah <kerjasama@localhost>", description="From: of reminder e-mails")
    smtp_timeout_seconds: float = Field(10.0, gt=0)
    email_max_attempts: int = Field(8, ge=1, description="tries per e-mail before it is marked failed")
    reminders_in_process: bool = Field(
        True, description="run `kerjasama remind` daily inside `kerjasama serve` (single-process dev/prod)"
    )
    reminders_daily_at: str = Field(
        "07:00", pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$", description="local time of the daily run"
    )
    webhooks_in_process: bool = Field(
        True, description="send webhook deliveries from a loop inside `kerjasama serve` (beside reminders)"
    )
    webhook_interval_seconds: float = Field(
        10.0, gt=0, description="seconds between two runs of the webhook loop inside `kerjasama serve`"
    )
    webhook_timeout_seconds: float = Field(
        10.0, gt=0, le=120, description="per-request timeout of a delivery"
    )
    webhook_max_failures: int = Field(
        10, ge=1, description="consecutive failed deliveries after which a subscription is disabled"
    )
    webhook_max_attempts: int = Field(
        15, ge=1, description="tries of one delivery before it is given up (status dead)"
    )
    ocds_prefix: str = Field(
        "ocds-xxxxxx",
        pattern=r"^ocds-[a-z0-9]{6}$",
        description="OCDS ocid prefix; register a real one with the Open Contracting Partnership before "
        "publishing (the default is a placeholder). Changing it leaves issued ocids alone",
    )
    public_rate_per_minute: int = Field(
        120, ge=1, description="requests per minute per client address to the public register and OCDS API"
    )
    public_rate_burst: int = Field(60, ge=1, description="burst size of that token bucket")
    public_max_age_seconds: int = Field(
        300, ge=0, description="Cache-Control max-age of the public register and OCDS answers"
    )
    webhook_allowed_hosts: Annotated[list[str], NoDecode] = Field(
        default_factory=list,
        description="addresses (CIDRs, IPs) or host names that webhooks may reach although they are "
        "private, loopback or link-local (tests, intranets); comma-separated or a JSON list",
    )

    db_busy_timeout_seconds: float = Field(
        15.0,
        gt=0,
        le=600,
        description="SQLite: how long a writer (request, job, CLI command) waits for the database's write "
        "lock before giving up; a request that gives up is answered 503 with Retry-After",
    )
    db_lock_timeout_seconds: float = Field(
        10.0,
        gt=0,
        le=600,
        description="PostgreSQL: how long a statement (request, job, CLI command) waits for a row or table "
        "lock held by another transaction before giving up (lock_timeout); a request that gives up is "
        "answered 503 with Retry-After",
    )
    db_pool_size: int = Field(10, ge=1, description="database connections each worker process keeps open")
    db_pool_max_overflow: int = Field(
        30,
        ge=0,
        description="extra connections a worker may open under load; pool size + overflow = 40, the "
        "worker's thread pool (each thread running database work can hold one connection)",
    )
    db_pool_timeout_seconds: float = Field(
        5.0,
        gt=0,
        le=60,
        description="how long a request waits for a free connection before it is answered 503 with "
        "Retry-After",
    )
    worker_healthcheck_timeout_seconds: int = Field(
        60,
        ge=5,
        description="`kerjasama serve --workers N`: seconds a worker may take to start (import) and to "
        "answer uvicorn's health check before it is restarted",
    )

    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        "INFO", description="lowest level written to the JSON log on stderr"
    )
    metrics_token: SecretStr = Field(
        SecretStr(""), description="bearer token that may read /metrics from any address; empty: none"
    )
    metrics_allow: Annotated[list[str], NoDecode] = Field(
        default_factory=lambda: ["127.0.0.1/32", "::1/128"],
        description="client addresses (CIDRs) that may read /metrics without the token; comma-separated "
        "or a JSON list; empty: none (with no token either, /metrics answers 404)",
    )

    @field_validator("metrics_allow", mode="before")
    @classmethod
    def _split_networks(cls, value: Any) -> Any:
        return cls._split_hosts(value)

    @field_validator("metrics_allow")
    @classmethod
    def _valid_networks(cls, value: list[str]) -> list[str]:
        for cidr in value:
            ipaddress.ip_network(cidr, strict=False)  # ValueError names the bad entry
        return value

    @field_validator("webhook_allowed_hosts", mode="before")
    @classmethod
    def _split_hosts(cls, value: Any) -> Any:
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                return json.loads(text)
            return [part.strip() for part in text.split(",") if part.strip()]
        return value

    @model_validator(mode="after")
    def _refuse_weak_secret_in_prod(self) -> Settings:
        if self.env == "prod" and (
            self.secret_key == DEV_SECRET_KEY or len(self.secret_key) < MIN_SECRET_LENGTH
        ):
            raise ValueError(
                "KERJASAMA_SECRET_KEY must be set to a random value of at least "
                f"{MIN_SECRET_LENGTH} characters when KERJASAMA_ENV=prod"
            )
        return self

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'kerjasama.db').as_posix()}"

    @property
    def base_url(self) -> str:
        """The address links point at (e-mails, calendar feed URLs, the ICS events, OCDS): the configured
        public_base_url, else the address `kerjasama serve` listens on. serve puts its --host/--port into
        HOST/PORT (the Makefile's variables), so `PORT=8765 make run` shows feed URLs on port 8765; an
        instance behind a proxy must set KERJASAMA_PUBLIC_BASE_URL to the address users see."""
        if self.public_base_url:
            return self.public_base_url.rstrip("/")
        host = os.environ.get("HOST") or "127.0.0.1"
        if _unspecified(host):  # listening on every interface: this machine answers on its loopback
            host = "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{os.environ.get('PORT') or '8000'}"


def _unspecified(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_unspecified
    except ValueError:  # a name, not an address
        return False


@lru_cache
def get_settings() -> Settings:
    return Settings()
