"""docker-compose.yml cannot be run here (no Docker engine), so its structure is validated instead."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_compose_file_is_consistent() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert set(services) == {"db", "api", "web"}
    targets = set(re.findall(r"^FROM .+ AS (\w[\w-]*)$", (ROOT / "Dockerfile").read_text(), flags=re.M))
    for name in ("api", "web"):
        assert services[name]["build"]["target"] in targets
    env = services["api"]["environment"]
    assert env["KERJASAMA_ENV"] == "prod"
    assert env["KERJASAMA_DATABASE_URL"].startswith("postgresql+psycopg://")
    assert "@db:5432/" in env["KERJASAMA_DATABASE_URL"]
    assert services["api"]["depends_on"]["db"]["condition"] == "service_healthy"
    assert set(compose["volumes"]) == {"pgdata", "uploads"}
    nginx = (ROOT / "deploy" / "nginx.conf").read_text()
    assert "proxy_pass http://api:8000" in nginx
    assert "try_files $uri /index.html" in nginx


def test_env_example_documents_every_setting() -> None:
    from kerjasama.core.config import Settings

    example = (ROOT / ".env.example").read_text()
    for field in Settings.model_fields:
        assert f"KERJASAMA_{field.upper()}=" in example, field
