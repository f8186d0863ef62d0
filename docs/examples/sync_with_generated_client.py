#!/usr/bin/env python3
"""The same sync as sync_changes.py, through a Python client generated from the registry's OpenAPI.

Generate the client once (any OpenAPI generator works; this uses openapi-python-client from PyPI):

    curl -s http://127.0.0.1:8000/openapi.json -o openapi.json
    openapi-python-client generate --path openapi.json --meta none --output-path ksd_client

then run, with the generated `ksd_client` package importable (e.g. in the same folder):

    KSD_URL=http://127.0.0.1:8000 KSD_CLIENT_ID=sa-… KSD_CLIENT_SECRET=ksd_… \
        python3 sync_with_generated_client.py state.json

The operation names come from the API's operationIds: `auth_token`, `changes_list`, … (stable: they
change only with a new API version).
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Any

from ksd_client import AuthenticatedClient, Client  # type: ignore[import-not-found]
from ksd_client.api.auth import auth_token  # type: ignore[import-not-found]
from ksd_client.api.changes import changes_list  # type: ignore[import-not-found]
from ksd_client.models import BodyAuthToken, ChangePage, TokenResponse  # type: ignore[import-not-found]


def sign_in(base: str, client_id: str, secret: str) -> AuthenticatedClient:
    body = BodyAuthToken(grant_type="client_credentials", client_id=client_id, client_secret=secret)
    answer = auth_token.sync(client=Client(base_url=base), body=body)
    if not isinstance(answer, TokenResponse):
        raise SystemExit(f"sign-in refused: {answer}")
    return AuthenticatedClient(base_url=base, token=answer.access_token)


def sync(base: str, client_id: str, secret: str, path: Path) -> dict[str, Any]:
    state: dict[str, Any] = (
        json.loads(path.read_text(encoding="utf-8")) if path.exists() else {"cursor": None, "records": {}}
    )
    client = sign_in(base, client_id, secret)
    while True:
        page = changes_list.sync(client=client, cursor=state["cursor"], limit=200)
        if not isinstance(page, ChangePage):
            raise SystemExit(f"feed refused: {page}")
        for item in page.items:
            key = f"{item.entity_type.value}/{item.entity_id}"
            if item.op.value == "upsert":
                state["records"][key] = item.entity.to_dict()
            else:
                state["records"].pop(key, None)
        state["cursor"] = page.next_cursor
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(state, ensure_ascii=False, sort_keys=True), encoding="utf-8")
        os.replace(tmp, path)  # store and cursor together, or not at all
        if not page.has_more:
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
