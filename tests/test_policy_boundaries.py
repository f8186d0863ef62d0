"""Role policy lives in one place per domain (issue 10): role names only in core/roles.py and the
policy modules; `GET /auth/me` reports the capabilities each role holds."""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from kerjasama.auth import capabilities
from kerjasama.core import roles
from kerjasama.core.policy import allowed_roles
from kerjasama.models.users import UserAccount
from kerjasama.reference import policy as reference_policy
from tests.conftest import USERS

PACKAGE = Path(__file__).resolve().parents[1] / "backend" / "kerjasama"
DOC_KEYWORDS = {"examples", "openapi_examples", "json_schema_extra"}

# The exact capabilities of each demo login (the SPA's menus and buttons follow them).
EXPECTED: dict[str, set[str]] = {
    "admin": {
        "agreements:write",
        "agreements:import_legacy",
        "imports:agreements",
        "agreements:publish",
        "documents:publish",
        "partners:write",
        "partners:manage",
        "obligations:write",
        "documents:upload",
        "monitoring:edit",
        "monitoring:settings",
        "procedure:record_tkksd_review",
        "procedure:record_dprd_approval",
        "reminders:oversee",
        "reminders:manage",
        "users:manage",
        "opds:manage",
        "holidays:manage",
        "audit:read",
        "changes:read",
        "reports:read",
        "reports:finalize",
        "service_accounts:manage",
        "webhooks:manage",
    },
    "secretariat": {
        "agreements:write",
        "agreements:import_legacy",
        "agreements:publish",
        "documents:publish",
        "partners:write",
        "partners:manage",
        "obligations:write",
        "documents:upload",
        "monitoring:edit",
        "monitoring:settings",
        "procedure:record_tkksd_review",
        "procedure:record_dprd_approval",
        "reminders:oversee",
        "audit:read",
        "changes:read",
        "reports:read",
        "reports:finalize",
        "tasks:queue",
    },
    "tkksd": {
        "agreements:write",
        "partners:write",
        "partners:manage",
        "documents:upload",
        "procedure:record_tkksd_review",
        "changes:read",
        "reports:read",
        "tasks:queue",
    },
    "opd_head": {
        "agreements:write",
        "partners:write",
        "obligations:write",
        "documents:upload",
        "monitoring:edit",
        "tasks:queue",
    },
    "opd_operator": {
        "agreements:write",
        "partners:write",
        "obligations:write",
        "documents:upload",
        "monitoring:edit",
        "tasks:queue",
        "tasks:request_submission",
    },
    "viewer": {"audit:read", "changes:read", "reports:read"},
    "province": {"changes:read", "reports:read"},
}


@pytest.mark.parametrize("role", sorted(USERS))
def test_me_reports_the_exact_capabilities_of_each_demo_login(
    role: str, client_for: Callable[[str], TestClient]
) -> None:
    r = client_for(role).get("/api/v1/auth/me")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["role"] == role
    assert body["capabilities"] == sorted(EXPECTED[role])


def test_every_capability_is_named_in_the_me_schema(client_for: Callable[[str], TestClient]) -> None:
    held = set().union(*EXPECTED.values())
    assert set(capabilities.CATALOGUE) == held
    spec = client_for("viewer").get("/openapi.json").json()
    description = spec["components"]["schemas"]["MeRead"]["properties"]["capabilities"]["description"]
    for name in held:
        assert f"{name}:" in description


def test_the_role_names_are_the_check_constraint_values() -> None:
    constants = [v for k, v in vars(roles).items() if k.isupper() and isinstance(v, str)]
    assert list(roles.ROLES) == constants
    # Plain str, no Enum: a database driver stores the value, never a member name.
    assert all(type(name) is str for name in roles.ROLES)
    checks = [str(c.sqltext) for c in UserAccount.__table__.constraints if hasattr(c, "sqltext")]
    assert any(repr(roles.ROLES) in text for text in checks), checks


def test_the_gate_names_the_roles_a_predicate_lets_through() -> None:
    assert allowed_roles(reference_policy.may_manage_opds) == (roles.ADMIN,)


def test_a_gated_route_answers_role_forbidden_with_the_allowed_roles(
    client_for: Callable[[str], TestClient],
) -> None:
    r = client_for("viewer").get("/api/v1/reminder-deliveries")
    assert r.status_code == 403, r.text
    assert r.json()["code"] == "role_forbidden"
    assert r.json()["detail"] == "Role 'viewer' may not do this; allowed: admin, secretariat."


# --- role names appear only where policy lives ----------------------------------------------------


def _allowed_to_name_roles(path: Path) -> bool:
    rel = path.relative_to(PACKAGE).as_posix()
    return (
        rel == "core/roles.py"
        or path.name == "policy.py"  # core/policy.py and every <domain>/policy.py
        or rel.startswith("models/")  # the CHECK constraint imports the names; kept for the migrations
        or path.name == "demo.py"  # seed data: the demo logins and the records they made
    )


def _docstrings(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
        # attribute docstrings: a string expression right after an assignment
        for field in ("body", "orelse"):
            stmts = getattr(node, field, None)
            if isinstance(stmts, list):
                for stmt in stmts:
                    if isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant):
                        ids.add(id(stmt.value))
    return ids


def _examples(tree: ast.AST) -> set[int]:
    """Constants inside OpenAPI examples (`examples=…`, `json_schema_extra=…`): documentation too."""
    return {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.keyword) and node.arg in DOC_KEYWORDS
        for inner in ast.walk(node.value)
    }


def role_literals(source: str) -> Iterator[tuple[int, str]]:
    """(line, name) of every string constant equal to a role name, docstrings left out."""
    tree = ast.parse(source)
    skip = _docstrings(tree) | _examples(tree)
    names = set(roles.ROLES)
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and node.value in names and id(node) not in skip:
            yield node.lineno, str(node.value)


def test_role_names_appear_only_in_the_policy_modules() -> None:
    offenders = [
        f"{path.relative_to(PACKAGE)}:{line}: {name!r}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if not _allowed_to_name_roles(path)
        for line, name in role_literals(path.read_text(encoding="utf-8"))
    ]
    assert not offenders, "role names outside core/roles.py and */policy.py:\n" + "\n".join(offenders)


def test_the_boundary_check_finds_a_role_literal_but_not_a_docstring() -> None:
    source = (
        '"""Only the secretariat: "secretariat"."""\n'
        "def f(p):\n"
        '    """admin"""\n'
        '    return p.role == "admin"\n'
        'X = Field(examples=["viewer"])\n'
    )
    assert list(role_literals(source)) == [(4, "admin")]
