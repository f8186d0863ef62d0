"""The `code`s the backend can put in a problem+json answer, for the SPA's translations.

The SPA shows every server message through one mapping from `code` to an i18n key
(`frontend/src/lib/problem-text.ts`); `frontend/src/i18n/server-codes.test.ts` checks that every code
listed in `frontend/src/i18n/server-codes.json` has a text in both languages. This module reads the
codes from the backend's source with `ast` (no import, no server):

- `code = "…"` (and `status, code, title = …, "…", …`) in a class body: the `AppError` subclasses;
- a keyword `code="…"` in any call (`Conflict(…, code="…")`, `FieldError(code="…")`, `problem_response`);
- the third argument of `field_error(field, msg, code)` and the second of `field_problem(field, code, msg)`,
  and a constant ending in `_CODE` (a code held in a name);
- the pydantic error types the API's input models can raise (listed below: they are pydantic's, not ours).

Rule ids (`R31` …) are not listed: a field error coded with a rule id is shown with the finding's own
Indonesian or English message. `tests/test_problem_codes.py` fails when the JSON is stale; rewrite it with

    .venv/bin/python -m tests.problem_codes
"""

from __future__ import annotations

import ast
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BACKEND = ROOT / "backend" / "kerjasama"
TARGET = ROOT / "frontend" / "src" / "i18n" / "server-codes.json"
CODE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")

# What pydantic answers for the field types of our input models (loc + type): uuid, date, int,
# decimal, enum and literal fields, lengths and bounds, unknown fields.
PYDANTIC = (
    "missing",
    "extra_forbidden",
    "string_type",
    "string_too_short",
    "string_too_long",
    "string_pattern_mismatch",
    "uuid_parsing",
    "uuid_type",
    "date_parsing",
    "date_from_datetime_parsing",
    "date_type",
    "datetime_parsing",
    "int_parsing",
    "int_type",
    "decimal_parsing",
    "bool_parsing",
    "enum",
    "literal_error",
    "greater_than",
    "greater_than_equal",
    "less_than",
    "less_than_equal",
    "too_short",
    "too_long",
    "list_type",
    "value_error",
    "json_invalid",
    "model_attributes_type",
)


def _const(node: ast.AST | None) -> str | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(node.value):
        return node.value
    return None


def _call_name(node: ast.Call) -> str:
    f = node.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def _code_params(tree: ast.AST) -> dict[str, int]:
    """Functions and record classes that take a `code`, with its position: `_period_error(msg, code)`,
    `UrlRefused(message, code)`, a dataclass `Problem(field, message, code)`."""
    out: dict[str, int] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef):
            names = [a.arg for a in node.args.args if a.arg not in ("self", "cls")]
            if "code" in names:
                out[node.name] = names.index("code")
        elif isinstance(node, ast.ClassDef):
            fields = [
                s.target.id
                for s in node.body
                if isinstance(s, ast.AnnAssign) and isinstance(s.target, ast.Name)
            ]
            init = next(
                (s for s in node.body if isinstance(s, ast.FunctionDef) and s.name == "__init__"), None
            )
            if init is not None:
                fields = [a.arg for a in init.args.args if a.arg != "self"]
            if "code" in fields:
                out[node.name] = fields.index("code")
    return out


def _codes_in(tree: ast.AST, takes_code: dict[str, int]) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef):
            for stmt in node.body:
                if not isinstance(stmt, ast.Assign):
                    continue
                for target in stmt.targets:
                    if isinstance(target, ast.Name) and target.id == "code" and (c := _const(stmt.value)):
                        found.add(c)
                    if isinstance(target, ast.Tuple) and isinstance(stmt.value, ast.Tuple):
                        for name, value in zip(target.elts, stmt.value.elts, strict=False):
                            if isinstance(name, ast.Name) and name.id == "code" and (c := _const(value)):
                                found.add(c)
        elif isinstance(node, ast.Call):
            for kw in node.keywords:
                if kw.arg == "code" and (c := _const(kw.value)):
                    found.add(c)
            name = _call_name(node)
            if name == "field_error" and len(node.args) >= 3 and (c := _const(node.args[2])):
                found.add(c)
            if name == "field_problem" and len(node.args) >= 2 and (c := _const(node.args[1])):
                found.add(c)
            if name == "PydanticCustomError" and node.args and (c := _const(node.args[0])):
                found.add(c)
            at = takes_code.get(name)
            if at is not None and len(node.args) > at and (c := _const(node.args[at])):
                found.add(c)
        elif isinstance(node, ast.FunctionDef):
            # A `code` parameter's default value is a code too (`UrlRefused(msg, code="url_not_allowed")`).
            args = node.args.args
            for arg, default in zip(
                args[len(args) - len(node.args.defaults) :], node.args.defaults, strict=True
            ):
                if arg.arg == "code" and (c := _const(default)):
                    found.add(c)
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                if isinstance(target, ast.Name) and target.id.endswith("_CODE") and (c := _const(node.value)):
                    found.add(c)
    return found


def backend_codes() -> list[str]:
    """Every code the backend's source names, plus pydantic's, sorted."""
    codes: set[str] = set(PYDANTIC)
    trees = [ast.parse(p.read_text(encoding="utf-8"), filename=str(p)) for p in sorted(BACKEND.rglob("*.py"))]
    takes_code: dict[str, int] = {}
    for tree in trees:
        takes_code.update(_code_params(tree))
    for tree in trees:
        codes |= _codes_in(tree, takes_code)
    return sorted(codes)


def render() -> str:
    return json.dumps(backend_codes(), indent=2) + "\n"


if __name__ == "__main__":
    TARGET.write_text(render(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
