"""OCDS release and record packages of the public register (docs/open-data.md)."""

from __future__ import annotations

import base64
import binascii
import uuid
from datetime import UTC, date, datetime, time
from functools import cache
from typing import Any
from urllib.parse import urlencode

import ocdsmerge  # type: ignore[import-untyped]
from sqlalchemy.orm import Session

from kerjasama.core.config import Settings
from kerjasama.core.errors import Invalid, NotFound, field_error
from kerjasama.core.http import API_PREFIX
from kerjasama.ocds import files, mapping, repository

VERSION = "1.1"
LICENSE = "https://creativecommons.org/licenses/by/4.0/"
"""The data's license (CC BY 4.0): public information under UU 14/2008, reusable with attribution."""


@cache
def merger() -> ocdsmerge.Merger:
    """ocdsmerge's merger with the merge rules of the repository's release schema (no download)."""
    return ocdsmerge.Merger(schema=files.release_schema())


def _context(session: Session, settings: Settings) -> mapping.Context:
    name = (
        repository.region_name(session, settings.home_region) or f"Pemerintah Daerah {settings.home_region}"
    )
    return mapping.Context(settings.home_region, name, settings.timezone, settings.base_url)


def _package(ctx: mapping.Context, uri: str, processes: list[repository.Process]) -> dict[str, Any]:
    newest = repository.latest_change(processes)
    return {
        "uri": uri,
        "version": VERSION,
        "extensions": [f"{ctx.base_url}{API_PREFIX}/ocds/extension/extension.json"],
        "publishedDate": mapping.Context.stamp(newest or datetime(2000, 1, 1, tzinfo=UTC)),
        "publisher": {"name": ctx.home_name, "uri": ctx.base_url},
        "license": LICENSE,
    }


def encode_cursor(last: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(last.bytes).decode().rstrip("=")


def decode_cursor(cursor: str) -> uuid.UUID:
    try:
        return uuid.UUID(bytes=base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error) as exc:
        raise Invalid(
            "The cursor is not valid.",
            errors=[field_error("cursor", "use links.next exactly as returned", "cursor_invalid", "query")],
        ) from exc


def release_package(
    session: Session,
    settings: Settings,
    *,
    date_from: date | None,
    date_to: date | None,
    cursor: str | None,
    limit: int,
) -> dict[str, Any]:
    """A page of processes (by agreement id) as a release package; releases outside the date range
    (release `date`, the region's calendar, both ends included) are left out."""
    if date_from and date_to and date_to < date_from:
        raise Invalid(
            "date_to is before date_from.",
            errors=[field_error("date_to", "must be on or after date_from", "date_range", "query")],
        )
    ctx = _context(session, settings)
    after = decode_cursor(cursor) if cursor else None
    rows = repository.processes(session, after=after, limit=limit + 1)
    page, more = rows[:limit], len(rows) > limit
    low = mapping.Context.stamp(datetime.combine(date_from, time(), ctx.zone)) if date_from else None
    high = mapping.Context.stamp(datetime.combine(date_to, time.max, ctx.zone)) if date_to else None
    releases = [
        r
        for p in page
        for r in mapping.releases(ctx, p)
        if (low is None or r["date"] >= low) and (high is None or r["date"] <= high)
    ]
    params: dict[str, str] = {"limit": str(limit)}
    if date_from:
        params["date_from"] = date_from.isoformat()
    if date_to:
        params["date_to"] = date_to.isoformat()
    here = dict(params, **({"cursor": cursor} if cursor else {}))
    base = f"{ctx.base_url}{API_PREFIX}/ocds/releases"
    package = _package(ctx, f"{base}?{urlencode(here)}", page)
    package["releases"] = releases
    package["links"] = (
        {"next": f"{base}?{urlencode(dict(params, cursor=encode_cursor(page[-1].agreement.id)))}"}
        if more
        else {}
    )
    return package


def record_package(session: Session, settings: Settings, ocid: str) -> dict[str, Any]:
    """The record of one process: its releases and the release compiled from them by ocdsmerge."""
    process = repository.process_by_ocid(session, ocid)
    if process is None:
        parent = repository.adendum_parent_ocid(session, ocid)
        if parent is not None:
            raise NotFound(
                f"An adendum has no process of its own: it is published as an amendment in the record of {parent}.",
                extra={"parent_ocid": parent},
            )
        raise NotFound("No public process with this ocid.")
    ctx = _context(session, settings)
    releases = mapping.releases(ctx, process)
    record = {
        "ocid": ocid,
        "releases": releases,
        "compiledRelease": merger().create_compiled_release(releases),
    }
    package = _package(ctx, f"{ctx.base_url}{API_PREFIX}/ocds/records/{ocid}", [process])
    package["records"] = [record]
    return package
