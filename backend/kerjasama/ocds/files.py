"""The OCDS schemas, codelists and our extension, read from the repository (never from the internet)."""

from __future__ import annotations

import copy
import csv
import json
from functools import cache
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SCHEMA_DIR = HERE / "schema"
EXTENSION_DIR = HERE / "extension"
EXTENSION_FILES = ("extension.json", "release-schema.json")


def load(path: Path) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON Merge Patch, the way OCDS extensions patch the release schema."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    out = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            out.pop(key, None)
        else:
            out[key] = merge_patch(out.get(key), value)
    return out


@cache
def release_schema() -> dict[str, Any]:
    """The official 1.1.5 release schema patched with our extension (what ocdsmerge merges by)."""
    return merge_patch(load(SCHEMA_DIR / "release-schema.json"), load(EXTENSION_DIR / "release-schema.json"))  # type: ignore[no-any-return]


@cache
def codelist(name: str) -> frozenset[str]:
    """The codes of an official codelist (`partyRole` → the Code column of codelists/partyRole.csv)."""
    with (SCHEMA_DIR / "codelists" / f"{name}.csv").open(encoding="utf-8") as f:
        return frozenset(row["Code"] for row in csv.DictReader(f))


def extension_file(name: str) -> dict[str, Any]:
    if name not in EXTENSION_FILES:
        raise KeyError(name)
    return load(EXTENSION_DIR / name)
