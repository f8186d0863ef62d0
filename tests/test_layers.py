"""The backend's import layers (CONTRIBUTING.md#layers), read from the source with `ast`.

    app (main, cli, demo, openapi_dump)      may import anything
    entry: <domain>/router.py, flows.py      HTTP and the work that spans domains
    domains: agreements, partners, …         service, repository, reads, policy, schemas, deps …
    shared: rules/, reference/               regulation checks; master data (regions, affairs, OPDs)
    base: core/, models/                     imported by everyone, importing no domain

- core/ and models/ import only core/ and models/;
- rules/ and reference/ import no domain;
- no module imports another domain's router, flows or repository (reference's repository excepted:
  reference is the master-data layer every domain looks up, and it imports no domain);
- outside their router.py and flows.py, domains import each other one way only (no cycle), so what
  two domains both need moves down (core/, rules/) and what coordinates them moves up (a flows.py).
"""

from __future__ import annotations

import ast
from collections import defaultdict
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "backend" / "kerjasama"
BASE = {"core", "models"}
SHARED = {"rules", "reference"}
ENTRY = {"router", "flows"}
UPWARD = {"router", "flows", "repository"}
# Modules of another domain that may be imported although UPWARD names them, each with its reason.
ALLOWED: dict[str, str] = {
    "kerjasama.reference.repository": "reference is the shared master-data layer (regions, affairs, "
    "OPDs): every domain looks it up, and it imports no domain",
}


def _modules(root: Path = PACKAGE) -> Iterator[tuple[str, Path]]:
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        yield ".".join(parts), path


def _imports(path: Path) -> set[str]:
    """Every kerjasama module a file imports, at any depth (imports inside functions count too)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name.startswith("kerjasama.")}


def layer_violations(root: Path = PACKAGE) -> list[str]:
    """What breaks the layers, one line each (empty when the code keeps them)."""
    problems: list[str] = []
    graph: dict[str, set[str]] = defaultdict(set)
    edges: dict[tuple[str, str], str] = {}
    for name, path in _modules(root):
        parts = name.split(".")
        if len(parts) < 3:  # kerjasama.main, kerjasama.cli …: the app layer
            continue
        package, module = parts[1], parts[-1]
        for target in sorted(_imports(path)):
            target_parts = target.split(".")
            if len(target_parts) < 2 or target_parts[1] == package:
                continue
            other = target_parts[1]
            if package in BASE and other not in BASE:
                problems.append(f"{name} imports {target}: core/ and models/ import no higher layer")
            elif package in SHARED and other not in BASE | SHARED:
                problems.append(f"{name} imports {target}: rules/ and reference/ import no domain")
            if (
                len(target_parts) >= 3
                and target_parts[2] in UPWARD
                and ".".join(target_parts[:3]) not in ALLOWED
            ):
                problems.append(f"{name} imports {target}: another domain's {target_parts[2]}")
            if package not in BASE | SHARED and other not in BASE | SHARED and module not in ENTRY:
                graph[package].add(other)
                edges.setdefault((package, other), f"{name} → {target}")
    for a in sorted(graph):
        for b in sorted(graph[a]):
            if a < b and a in graph.get(b, set()):
                problems.append(f"{a} and {b} import each other: {edges[(a, b)]}; {edges[(b, a)]}")
    problems += _cycles(graph, edges)
    return sorted(set(problems))


def _cycles(graph: dict[str, set[str]], edges: dict[tuple[str, str], str]) -> list[str]:
    """Longer cycles among domains (a → b → c → a), found by depth-first search."""
    out: list[str] = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                loop = [*trail[trail.index(nxt) :], nxt] if nxt in trail else [node, nxt]
                if len(loop) > 3:
                    out.append("domain cycle: " + " → ".join(loop))
            elif nxt not in state:
                visit(nxt, [*trail, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return out


def test_the_backend_keeps_its_layers() -> None:
    assert layer_violations() == []


@pytest.mark.parametrize(
    ("where", "line", "expected"),
    [
        (
            "core/clock.py",
            "from kerjasama.agreements import service",
            "core/ and models/ import no higher layer",
        ),
        ("models/base.py", "import kerjasama.obligations.reads", "core/ and models/ import no higher layer"),
        (
            "rules/findings.py",
            "from kerjasama.procedure import machines",
            "rules/ and reference/ import no domain",
        ),
        ("monitoring/reads.py", "from kerjasama.agreements.router import router", "another domain's router"),
        (
            "documents/service.py",
            "from kerjasama.obligations import repository",
            "another domain's repository",
        ),
        ("agreements/service.py", "from kerjasama.obligations import service", "import each other"),
    ],
)
def test_an_upward_import_is_caught(tmp_path: Path, where: str, line: str, expected: str) -> None:
    """The checker itself: a copy of the package with one bad import added fails it."""
    copy = tmp_path / "kerjasama"
    for _, path in _modules():
        target = copy / path.relative_to(PACKAGE)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    bad = copy / where
    bad.write_text(bad.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")
    found = layer_violations(copy)
    assert any(expected in problem for problem in found), found
