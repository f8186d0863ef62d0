"""docker-compose.yml cannot be run here (no Docker engine), so its structure is validated instead."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import threading
import urllib.error
import urllib.request
from pathlib import Path

import pytest
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


def _spa_locations(conf: str) -> dict[str, str]:
    """The body of each `location` block of the nginx config, by its match."""
    return {
        match.group(1).strip(): match.group(2)
        for match in re.finditer(r"^    location\s+([^{\n]+)\{(.*?)\n    \}", conf, flags=re.S | re.M)
    }


def test_nginx_sends_the_api_security_headers_for_the_spa() -> None:
    """nginx drops the server-level add_header in a location that has its own: every SPA location must
    carry the whole set, with the API's own values (core/middleware.py)."""
    from kerjasama.core.middleware import SECURITY_HEADERS

    conf = (ROOT / "deploy" / "nginx.conf").read_text()
    locations = _spa_locations(conf)
    assert {"/", "/assets/"} <= set(locations)
    for match in ("/", "/assets/"):
        body = locations[match]
        for name, value in SECURITY_HEADERS:
            header = re.search(rf'add_header\s+{re.escape(name.decode())}\s+"([^"]*)"\s+always;', body, re.I)
            assert header, (match, name)
            assert header.group(1) == value.decode(), (match, name)
    for match, body in locations.items():
        if "add_header" in body and "proxy_pass" not in body and "return 404" not in body:
            assert body.count("add_header") >= len(SECURITY_HEADERS) + 1, match
    assert "return 404" in locations["= /metrics"]


def _nginx_config(tmp_path: Path, port: int | None = None) -> Path:
    """deploy/nginx.conf inside a minimal main config; the api host becomes 127.0.0.1 (no Docker DNS)."""
    site = (ROOT / "deploy" / "nginx.conf").read_text().replace("http://api:8000", "http://127.0.0.1:9")
    if port is not None:
        site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    site = site.replace("root /usr/share/nginx/html;", f"root {tmp_path / 'html'};")
    (tmp_path / "site.conf").write_text(site)
    main = tmp_path / "nginx.conf"
    main.write_text(
        f"pid {tmp_path / 'nginx.pid'};\nerror_log stderr;\nevents {{}}\n"
        f"http {{\n    access_log off;\n    include {tmp_path / 'site.conf'};\n}}\n"
    )
    return main


def _tool(name: str, package: str) -> str:
    """The binary's path; skipped where it is not installed, except in CI (.ci/run installs it)."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is missing: .ci/run installs Debian's {package}")
        pytest.skip(f"{name} is not installed (apt-get install {package})")
    return path


def test_nginx_accepts_the_config_and_serves_the_headers(tmp_path: Path) -> None:
    from kerjasama.core.middleware import SECURITY_HEADERS

    nginx = _tool("nginx", "nginx-light")
    html = tmp_path / "html"
    (html / "assets").mkdir(parents=True)
    (html / "index.html").write_text("<!doctype html><title>t</title>")
    (html / "assets" / "app.js").write_text("console.log(1)")
    checked = subprocess.run(
        [nginx, "-t", "-c", str(_nginx_config(tmp_path)), "-p", str(tmp_path)], capture_output=True, text=True
    )
    assert checked.returncode == 0, checked.stderr
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = _nginx_config(tmp_path, port)
    server = subprocess.Popen(
        [nginx, "-c", str(config), "-p", str(tmp_path), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        responses = {}
        for path in ("/", "/agreements/some-deep-link", "/assets/app.js", "/assets/missing.js", "/metrics"):
            for _ in range(600):  # until nginx listens (up to 30 s)
                try:
                    responses[path] = urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5)
                    break
                except urllib.error.HTTPError as error:
                    responses[path] = error
                    break
                except OSError:
                    server.poll()
                    assert server.returncode is None, server.stderr.read() if server.stderr else ""
                    threading.Event().wait(0.05)
        assert responses["/metrics"].status == 404
        assert responses["/assets/missing.js"].status == 404
        for path in ("/", "/agreements/some-deep-link", "/assets/app.js", "/assets/missing.js"):
            headers = responses[path].headers
            for name, value in SECURITY_HEADERS:
                assert headers.get(name.decode()) == value.decode(), (path, name)
        assert "immutable" in responses["/assets/app.js"].headers["Cache-Control"]
        assert responses["/agreements/some-deep-link"].headers["Cache-Control"] == "no-cache"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_docker_build_context_and_pins() -> None:
    ignored = (ROOT / ".dockerignore").read_text().split()
    for entry in (
        "node_modules",
        "**/node_modules",
        ".venv",
        "var",
        "frontend/dist",
        ".git",
        ".pytest_cache",
    ):
        assert entry in ignored, entry
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert re.search(r"pip install --no-cache-dir uv==\d+\.\d+\.\d+\n", dockerfile)
    # The SPA's sources are copied after `npm ci`: the local node_modules must not come along.
    assert dockerfile.index("RUN npm ci") < dockerfile.index("COPY frontend ./")


def test_docker_compose_config_is_valid(tmp_path: Path) -> None:
    """Debian's docker-compose (v1) validates the file with the required variables set; without them it
    refuses, naming the variable."""
    command = [
        _tool("docker-compose", "docker-compose"),
        "--env-file",
        str(tmp_path / "none.env"),
        "-f",
        "docker-compose.yml",
    ]
    (tmp_path / "none.env").write_text("")
    base = {"PATH": os.environ.get("PATH", ""), "HOME": str(tmp_path)}
    env = {**base, "POSTGRES_PASSWORD": "example-password", "KERJASAMA_SECRET_KEY": "x" * 48}
    done = subprocess.run([*command, "config", "-q"], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    missing = subprocess.run([*command, "config", "-q"], cwd=ROOT, env=base, capture_output=True, text=True)
    assert missing.returncode != 0 and "POSTGRES_PASSWORD" in missing.stderr
