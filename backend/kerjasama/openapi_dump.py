"""Print the OpenAPI document without starting a server: `python -m kerjasama.openapi_dump`."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from kerjasama.core.config import Settings
from kerjasama.core.db import Database


def openapi_json() -> str:
    with tempfile.TemporaryDirectory() as tmp:
        from kerjasama.main import create_app

        settings = Settings(data_dir=Path(tmp), database_url=f"sqlite:///{tmp}/openapi.db")
        app = create_app(settings, Database(settings))
        doc = app.openapi()
        app.state.db.engine.dispose()
    return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    sys.stdout.write(openapi_json())
