"""The documentation points only at what the repository holds, and its generated tables are current.

- No OpenAPI description names a file outside the repository: integrators read it without our
  working notes. Every `*.md` it mentions must exist in the repository.
- Every relative link of README.md, CONTRIBUTING.md and docs/*.md reaches a file, and its `#anchor`
  (when it has one) a heading of that file.
- Every `docs/….md#anchor` or `CONTRIBUTING.md#anchor` that code, comments and tests cite exists.
- The tables generated from the code (tests/docs_tables.py) match it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from kerjasama.openapi_dump import openapi_json
from tests import docs_tables

ROOT = Path(__file__).resolve().parents[1]
# Working notes that once lived beside the repository; nothing may point at them any more.
OUTSIDE = ("DOMAIN" + ".md", "DESIGN" + ".md")
DOCS = [ROOT / "README.md", ROOT / "CONTRIBUTING.md", *sorted((ROOT / "docs").glob("*.md"))]
CODE = [
    *sorted((ROOT / "backend" / "kerjasama").rglob("*.py")),
    *sorted((ROOT / "tests").rglob("*.py")),
    *sorted((ROOT / "migrations").rglob("*.py")),
    *sorted(p for p in (ROOT / "frontend" / "src").rglob("*.ts*") if p.suffix in {".ts", ".tsx"}),
]
LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")
MD_MENTION = re.compile(r"(?<![\w/.-])((?:[\w-]+/)*[\w.-]+\.md)(#[\w-]+)?")
CITED = re.compile(r"(?<![\w/.-])((?:docs/[\w-]+|CONTRIBUTING|README)\.md)(#[\w-]+)?")


def _lines_outside_code(text: str) -> Iterator[str]:
    fenced = False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        if not fenced:
            yield line


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", heading.strip().lower())
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    found: set[str] = set()
    seen: dict[str, int] = {}
    for line in _lines_outside_code(path.read_text(encoding="utf-8")):
        heading = re.match(r"#{1,6}\s+(.*)", line)
        if heading:
            base = slug(heading.group(1))
            n = seen.get(base, 0)
            seen[base] = n + 1
            found.add(base if n == 0 else f"{base}-{n}")
    return found


def _target_problem(target: Path, anchor: str, where: str) -> str | None:
    if not target.exists():
        return (
            f"{where}: {target.relative_to(ROOT) if target.is_relative_to(ROOT) else target} does not exist"
        )
    if anchor and target.suffix == ".md" and anchor not in anchors(target):
        return f"{where}: no heading #{anchor} in {target.relative_to(ROOT)}"
    return None


def test_the_openapi_names_no_file_outside_the_repository() -> None:
    text = openapi_json()
    for name in OUTSIDE:
        assert name not in text, f"the OpenAPI mentions {name}, which is not in the repository"
    problems = [
        problem
        for match in MD_MENTION.finditer(text)
        if (problem := _target_problem(ROOT / match.group(1), (match.group(2) or "#")[1:], "OpenAPI"))
    ]
    assert not problems, problems


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_reach_a_file_and_a_heading(doc: Path) -> None:
    problems = []
    for line in _lines_outside_code(doc.read_text(encoding="utf-8")):
        for match in LINK.finditer(line):
            link = match.group(1)
            if re.match(r"[a-z][a-z0-9+.-]*:", link):  # https:, mailto: …
                continue
            file_part, _, anchor = link.partition("#")
            target = (doc.parent / file_part).resolve() if file_part else doc
            problem = _target_problem(target, anchor, f"{doc.relative_to(ROOT)} → {link}")
            if problem:
                problems.append(problem)
    assert not problems, "\n".join(problems)


def test_code_cites_only_documents_and_headings_that_exist() -> None:
    problems = []
    for path in CODE:
        if path == Path(__file__).resolve():
            continue
        text = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT)
        problems += [
            f"{rel}: names {name}, which is not in the repository" for name in OUTSIDE if name in text
        ]
        for match in CITED.finditer(text):
            problem = _target_problem(ROOT / match.group(1), (match.group(2) or "#")[1:], str(rel))
            if problem:
                problems.append(problem)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", sorted(docs_tables.BLOCKS))
def test_generated_tables_are_current(name: str) -> None:
    path = docs_tables.BLOCKS[name][0].relative_to(ROOT)
    assert docs_tables.current(name) is not None, f"{path}: the markers of the {name!r} table are missing"
    assert docs_tables.current(name) == docs_tables.fresh(name), (
        f"{path}: the {name!r} table is stale; run `.venv/bin/python -m tests.docs_tables` and commit it"
    )


def test_the_link_checker_finds_a_missing_file_and_a_missing_heading(tmp_path: Path) -> None:
    """The checker itself, on a page with one good link and two broken ones."""
    assert slug("OPD scoping and the province (R49)") == "opd-scoping-and-the-province-r49"
    assert slug("Add a `policy.py` — step 1") == "add-a-policypy--step-1"
    assert "roles" in anchors(ROOT / "docs" / "domain.md")
    assert _target_problem(ROOT / "docs" / "domain.md", "roles", "x") is None
    assert "does not exist" in str(_target_problem(ROOT / "docs" / "nowhere.md", "", "x"))
    assert "no heading #nowhere" in str(_target_problem(ROOT / "docs" / "domain.md", "nowhere", "x"))
