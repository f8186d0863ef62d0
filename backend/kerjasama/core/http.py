"""ETag / If-Match optimistic concurrency helpers."""

from __future__ import annotations

from fastapi import Request, Response

from kerjasama.core.errors import PreconditionFailed, PreconditionRequired


def etag_for(version: int) -> str:
    return f'"{version}"'


def set_etag(response: Response, version: int) -> None:
    response.headers["ETag"] = etag_for(version)


def check_if_match(request: Request, current_version: int) -> None:
    """428 without If-Match, 412 when it names another version than the stored one."""
    header = request.headers.get("if-match")
    if not header:
        raise PreconditionRequired(
            "Send the record's ETag in an If-Match header so that you never overwrite someone else's change.",
        )
    candidates = [c.strip().removeprefix("W/") for c in header.split(",")]
    if "*" in candidates or etag_for(current_version) in candidates:
        return
    raise PreconditionFailed(
        f"The record is now at version {current_version}; reload it and apply your change again.",
        extra={"current_version": current_version},
    )
