"""Tables of the documentation that are generated from the code, never copied by hand.

- CONTRIBUTING.md, block `urls`: every /api/v1 path prefix and the package whose router serves it,
  read from the app (create_app) and its OpenAPI;
- docs/domain.md, block `rules`: the regulation rules of `rules/catalogue.py` with their legal basis;
- docs/domain.md, block `stages`: the stage machines of `procedure/machines.py`.

Each block sits between `<!-- generated: NAME … -->` and `<!-- end generated: NAME -->`.
`tests/test_docs_links.py` fails when a block is stale; rewrite them with

    .venv/bin/python -m tests.docs_tables
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from fastapi.routing import APIRoute

ROOT = Path(__file__).resolve().parents[1]
PREFIX = "/api/v1"
METHODS = ("get", "post", "put", "patch", "delete")


def _begin(name: str) -> str:
    return f"<!-- generated: {name} (python -m tests.docs_tables); edit the code, not this table -->"


def _end(name: str) -> str:
    return f"<!-- end generated: {name} -->"


# --- URL prefix → package -------------------------------------------------------------------------


def _routes(routes: list[Any]) -> Iterator[APIRoute]:
    """Every APIRoute of the app; FastAPI may keep included routers nested (`original_router`)."""
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        else:
            inner = getattr(route, "original_router", None)
            if inner is not None:
                yield from _routes(list(inner.routes))


def url_packages() -> dict[str, dict[str, int]]:
    """prefix → {package: number of operations}, for every /api/v1 operation of the OpenAPI.

    The prefix is the first path segment after /api/v1; a sub-resource of another package's record
    (`/agreements/{agreement_id}/obligations`) is a prefix of its own."""
    from kerjasama.main import create_app

    app = create_app()
    package_of = {
        route.operation_id: route.endpoint.__module__.removeprefix("kerjasama.").removesuffix(".router")
        for route in _routes(list(app.routes))
        if route.operation_id
    }
    per_path: list[tuple[list[str], str]] = []
    for path, item in app.openapi()["paths"].items():
        if not path.startswith(PREFIX + "/"):
            continue
        for method, operation in item.items():
            if method in METHODS:
                per_path.append(
                    (path.removeprefix(PREFIX + "/").split("/"), package_of[operation["operationId"]])
                )
    # The package that owns the bare collection (or most of its paths) owns the prefix.
    by_root: dict[str, list[str]] = defaultdict(list)
    for parts, package in per_path:
        by_root[parts[0]].append(package)
    owner = {root: max(set(pkgs), key=pkgs.count) for root, pkgs in by_root.items()}
    table: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for parts, package in per_path:
        key = f"{PREFIX}/{parts[0]}"
        if package != owner[parts[0]] and len(parts) >= 3 and parts[1].startswith("{"):
            key = f"{PREFIX}/{'/'.join(parts[:3])}"
        table[key][package] += 1
    return {k: dict(v) for k, v in sorted(table.items())}


def url_table() -> str:
    lines = ["| URL prefix | package (its `router.py`) | operations |", "|---|---|---|"]
    for prefix, packages in url_packages().items():
        where = ", ".join(f"`{p.replace('.', '/')}/`" for p in sorted(packages))
        lines.append(f"| `{prefix}` | {where} | {sum(packages.values())} |")
    return "\n".join(lines)


# --- rules ------------------------------------------------------------------------------------------


def rule_table() -> str:
    from kerjasama.rules.catalogue import RULES

    lines = [
        "| id | severity | rule | legal basis | fields |",
        "|---|---|---|---|---|",
    ]
    for rule in sorted(RULES.values(), key=lambda r: int(r.id[1:])):
        fields = ", ".join(f"`{f}`" for f in rule.fields) or "—"
        lines.append(
            f"| {rule.id} | {rule.severity} | {rule.title_en} (*{rule.title_id}*) | {rule.basis} | {fields} |"
        )
    return "\n".join(lines)


# --- stage machines -----------------------------------------------------------------------------------


def stage_tables() -> str:
    from kerjasama.procedure.machines import DATA_RULES, MACHINES, PRE_SIGNING

    def rules(ids: tuple[str, ...]) -> str:
        rest = sorted(set(ids) - set(DATA_RULES), key=lambda r: int(r[1:]))
        names = (["data rules"] if set(DATA_RULES) <= set(ids) else []) + rest
        return ", ".join(names) or "—"

    def stages(ids: tuple[str, ...]) -> str:
        return "any stage before signing" if ids == PRE_SIGNING else ", ".join(ids)

    out = [f"*Data rules* below are {', '.join(DATA_RULES)}.", ""]
    for m in MACHINES:
        path = " → ".join(f"`{s}`" + (" (when required)" if s in m.optional_stages else "") for s in m.stages)
        out += [
            f"#### `{m.id}`: {m.title_en}",
            "",
            f"*{m.title_id}*. Kinds {', '.join(m.kinds)}; categories {', '.join(m.categories)}.",
            "",
            f"Main path: {path}.",
            "",
            "| action | from | to | who | rules checked | the caller gives |",
            "|---|---|---|---|---|---|",
        ]
        for t in m.transitions:
            needs = [n for n, flag in (("reason", t.needs_reason), ("date", t.needs_date)) if flag]
            out.append(
                f"| `{t.action}` | {stages(t.from_stages)} | {t.to_stage} | {', '.join(t.roles)} | "
                f"{rules(t.rules)} | {', '.join(needs) or '—'} |"
            )
        out.append("")
    return "\n".join(out).rstrip()


# --- the blocks ---------------------------------------------------------------------------------------

BLOCKS: dict[str, tuple[Path, Callable[[], str]]] = {
    "urls": (ROOT / "CONTRIBUTING.md", url_table),
    "rules": (ROOT / "docs" / "domain.md", rule_table),
    "stages": (ROOT / "docs" / "domain.md", stage_tables),
}


def _pattern(name: str) -> re.Pattern[str]:
    return re.compile(re.escape(_begin(name)) + r"\n(?:.*?\n)?" + re.escape(_end(name)), re.DOTALL)


def current(name: str) -> str | None:
    """The block as the file holds it now (None when the markers are missing)."""
    path, _ = BLOCKS[name]
    found = _pattern(name).search(path.read_text(encoding="utf-8"))
    return found.group(0) if found else None


def fresh(name: str) -> str:
    """The block as the code makes it."""
    return f"{_begin(name)}\n{BLOCKS[name][1]()}\n{_end(name)}"


def write() -> list[str]:
    """Rewrite every stale block in place; the names of the blocks rewritten."""
    changed = []
    for name, (path, _) in BLOCKS.items():
        text = path.read_text(encoding="utf-8")
        block = fresh(name)
        new, count = _pattern(name).subn(lambda _, block=block: block, text)
        if count != 1:
            raise SystemExit(f"{path}: the markers of block {name!r} are missing")
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(name)
    return changed


if __name__ == "__main__":
    print("rewritten:", ", ".join(write()) or "nothing (all fresh)")
