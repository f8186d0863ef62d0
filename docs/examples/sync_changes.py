#!/usr/bin/env python3
"""Keep a local copy of a Kerja Sama Daerah registry in sync through its change feed.

    KSD_URL=https://kerjasama.cimahikota.go.id KSD_CLIENT_ID=sa-… KSD_CLIENT_SECRET=ksd_… \
        python3 sync_changes.py state.json

The script signs in with the service account's client credentials, reads every change after the saved
cursor, applies each one to the local store (upsert: replace the record; delete: remove it) and saves
the store and the new cursor together, atomically, after every page. Run it as often as you like (cron,
every few minutes): an interrupted run simply starts again from the last saved cursor, and applying a
page twice gives the same store. Standard library only (Python ≥ 3.10).
"""

from __future__ import annotations

import base64
import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any


def open_url(url: str, headers: dict[str, str], data: bytes | None = None, timeout: float = 60) -> Any:
    """urlopen for http(s) only: urllib would also open file: or ftp: URLs, which a mistyped KSD_URL must
    never reach."""
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise SystemExit(f"KSD_URL must start with http:// or https://, not {url!r}")
    request = urllib.request.Request(url, data=data, headers=headers)  # noqa: S310 (scheme checked above)
    return urllib.request.urlopen(request, timeout=timeout)  # noqa: S310 (scheme checked above)


def sign_in(base: str, client_id: str, secret: str) -> str:
    """OAuth2 client credentials; the id and secret travel in HTTP Basic (the form works too)."""
    basic = base64.b64encode(f"{client_id}:{secret}".encode()).decode()
    with open_url(
        f"{base}/api/v1/auth/token",
        {"Authorization": f"Basic {basic}", "Content-Type": "application/x-www-form-urlencoded"},
        urllib.parse.urlencode({"grant_type": "client_credentials"}).encode(),
        timeout=30,
    ) as response:
        return str(json.load(response)["access_token"])


def get_page(base: str, token: str, cursor: str | None, limit: int = 200) -> dict[str, Any]:
    query = {"limit": str(limit), **({"cursor": cursor} if cursor else {})}
    url = f"{base}/api/v1/changes?{urllib.parse.urlencode(query)}"
    for attempt in range(5):
        try:
            with open_url(url, {"Authorization": f"Bearer {token}"}) as response:
                page: dict[str, Any] = json.load(response)
                return page
        except urllib.error.HTTPError as exc:
            if exc.code not in (429, 503) or attempt == 4:
                raise
            time.sleep(int(exc.headers.get("Retry-After", "5")))  # the server asks us to wait
    raise RuntimeError("unreachable")


def load(path: Path) -> dict[str, Any]:
    if path.exists():
        state: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return state
    return {"cursor": None, "records": {}}


def save(path: Path, state: dict[str, Any]) -> None:
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, ensure_ascii=False, sort_keys=True), encoding="utf-8")
    os.replace(tmp, path)  # store and cursor change together, or not at all


def apply(records: dict[str, Any], items: list[dict[str, Any]]) -> None:
    for item in items:
        key = f"{item['entity_type']}/{item['entity_id']}"
        if item["op"] == "upsert":
            records[key] = item["entity"]
        else:
            records.pop(key, None)


def sync(base: str, client_id: str, secret: str, path: Path) -> dict[str, Any]:
    state = load(path)
    token = sign_in(base, client_id, secret)
    while True:
        page = get_page(base, token, state["cursor"])
        apply(state["records"], page["items"])
        state["cursor"] = page["next_cursor"]
        save(path, state)
        if not page["has_more"]:
            return state


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    base = os.environ.get("KSD_URL", "http://127.0.0.1:8000").rstrip("/")
    state = sync(base, os.environ["KSD_CLIENT_ID"], os.environ["KSD_CLIENT_SECRET"], Path(sys.argv[1]))
    kinds: dict[str, int] = {}
    for key in state["records"]:
        kinds[key.split("/")[0]] = kinds.get(key.split("/")[0], 0) + 1
    print(json.dumps({"records": kinds, "cursor": state["cursor"]}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
