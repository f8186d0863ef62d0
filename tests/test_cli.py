"""The `kerjasama` console script, run as a real subprocess on its own database."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BACKEND

pytestmark = pytest.mark.skipif(BACKEND != "sqlite", reason="CLI runs once, on its own SQLite file")
KERJASAMA = str(Path(sys.executable).with_name("kerjasama"))


def run(data_dir: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full_env = {
        **os.environ,
        "KERJASAMA_DATA_DIR": str(data_dir),
        "KERJASAMA_DATABASE_URL": "",
        **(env or {}),
    }
    return subprocess.run(
        [KERJASAMA, *args], capture_output=True, text=True, env=full_env, timeout=120, check=False
    )


def test_cli_lifecycle(tmp_path: Path) -> None:
    assert run(tmp_path, "--help").returncode == 0
    for sub in ("serve", "db", "seed-demo", "users", "import-regions", "audit"):
        assert run(tmp_path, sub, "--help").returncode == 0, sub

    r = run(tmp_path, "db", "upgrade")
    assert r.returncode == 0, r.stderr
    r = run(tmp_path, "seed-demo", "--if-empty")
    assert r.returncode == 0, r.stderr
    assert "sekretariat" in r.stdout
    assert "cimahi-demo-2026" in r.stdout
    r = run(tmp_path, "seed-demo", "--if-empty")  # second start: nothing reloaded, logins still shown
    assert "not reloaded" in r.stdout
    assert "operator.dinkes" in r.stdout

    r = run(
        tmp_path,
        "users",
        "create",
        "--username",
        "budi",
        "--role",
        "opd_operator",
        "--opd",
        "DLH",
        env={"KERJASAMA_PASSWORD": "rahasia-budi-123"},
    )
    assert r.returncode == 0, r.stderr
    r = run(
        tmp_path,
        "users",
        "create",
        "--username",
        "budi",
        "--role",
        "viewer",
        "--password",
        "rahasia-budi-123",
    )
    assert r.returncode == 1
    assert "taken" in r.stderr
    r = run(
        tmp_path,
        "users",
        "create",
        "--username",
        "sri",
        "--role",
        "opd_operator",
        "--password",
        "rahasia-sri-123",
    )
    assert r.returncode == 1  # an OPD role without an OPD
    r = run(tmp_path, "users", "create", "--username", "x", "--role", "nope", "--password", "p")
    assert r.returncode == 2
    r = run(tmp_path, "users", "set-password", "--username", "budi", "--password", "baru-sekali-123")
    assert r.returncode == 0, r.stderr
    assert (
        run(
            tmp_path, "users", "set-password", "--username", "nobody", "--password", "baru-sekali-123"
        ).returncode
        == 1
    )

    r = run(tmp_path, "audit", "verify")
    assert r.returncode == 0, r.stderr
    assert "intact" in r.stdout
    with sqlite3.connect(tmp_path / "kerjasama.db") as conn:
        conn.execute("UPDATE audit_entry SET actor_username = 'mallory' WHERE seq = 3")
    r = run(tmp_path, "audit", "verify")
    assert r.returncode == 1
    assert "entry 3 was modified" in r.stderr


def test_import_regions_from_csv(tmp_path: Path) -> None:
    assert run(tmp_path, "db", "upgrade").returncode == 0
    csv = tmp_path / "wilayah.csv"
    csv.write_text(
        "code,name\n36,Provinsi Banten\n36.71,Kota Tangerang\n36.03,Kabupaten Tangerang\n", encoding="utf-8"
    )
    borders = tmp_path / "borders.csv"
    borders.write_text("code,neighbour_code\n36.71,36.03\n", encoding="utf-8")
    r = run(tmp_path, "import-regions", str(csv), "--borders", str(borders))
    assert r.returncode == 0, r.stderr
    assert "imported 3 regions and 1 borders" in r.stdout
    with sqlite3.connect(tmp_path / "kerjasama.db") as conn:
        assert conn.execute("SELECT type FROM region WHERE code='36.71'").fetchone() == ("kota",)
        assert conn.execute("SELECT type FROM region WHERE code='36.03'").fetchone() == ("kabupaten",)
        assert conn.execute("SELECT count(*) FROM region_border WHERE region_code='36.03'").fetchone() == (1,)
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name\n3X.1,Nowhere\n", encoding="utf-8")
    r = run(tmp_path, "import-regions", str(bad))
    assert r.returncode == 1
    assert "Line 2" in r.stderr


def test_prod_refuses_default_secret(tmp_path: Path) -> None:
    r = run(tmp_path, "db", "upgrade", env={"KERJASAMA_ENV": "prod"})
    assert r.returncode == 1
    assert "KERJASAMA_SECRET_KEY" in r.stderr
    r = run(tmp_path, "db", "upgrade", env={"KERJASAMA_ENV": "prod", "KERJASAMA_SECRET_KEY": "short"})
    assert r.returncode == 1
    r = run(tmp_path, "db", "upgrade", env={"KERJASAMA_ENV": "prod", "KERJASAMA_SECRET_KEY": "x" * 40})
    assert r.returncode == 0, r.stderr
    r = run(tmp_path, "seed-demo", env={"KERJASAMA_ENV": "prod", "KERJASAMA_SECRET_KEY": "x" * 40})
    assert r.returncode == 1
    assert "refusing" in r.stderr
