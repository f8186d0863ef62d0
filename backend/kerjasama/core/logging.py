"""Logging: one JSON object per line on stderr, for the API (under uvicorn) and the command line.

Without a configuration Python's root logger has no handler, and uvicorn configures only its own
loggers: every INFO line of ours (the reminder run's daily summary, the webhook loop) was dropped.
`configure_logging()` installs one handler on the root logger; uvicorn's loggers propagate to it
(`kerjasama serve` passes `log_config=None`), so everything comes out in the same format.

Each line carries `ts` (UTC, ISO 8601), `level`, `logger`, `msg`, the `request_id` of the request being
answered (when there is one), the fields given with `extra=` and `exc` for a traceback. The access
line of every request is written by `core/request_context.py`; tokens, passwords and query strings are
never logged.
"""

from __future__ import annotations

import contextvars
import json
import logging
import sys
from datetime import UTC, datetime
from typing import IO, Any

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")

# The id of the request being answered; set by RequestContextMiddleware, copied into worker threads.
request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)

# Attributes every LogRecord has; anything else on a record came from `extra=` and is written out.
_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {
    "message",
    "asctime",
    "taskName",
    "color_message",  # uvicorn's copy of msg with terminal colour codes
}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        request_id = request_id_var.get()
        if request_id is not None:
            line["request_id"] = request_id
        for key, value in record.__dict__.items():
            if key not in _STANDARD and not key.startswith("_"):
                line[key] = value
        if record.exc_info:
            line["exc"] = self.formatException(record.exc_info)
        return json.dumps(line, default=str, ensure_ascii=False)


class _Handler(logging.Handler):
    """Ours, so that configuring twice replaces it instead of doubling every line. Without a stream it
    writes to whatever `sys.stderr` is at the time (a test runner swaps it per test)."""

    def __init__(self, stream: IO[str] | None) -> None:
        super().__init__()
        self.stream = stream

    def emit(self, record: logging.LogRecord) -> None:
        try:
            out = self.stream if self.stream is not None else sys.stderr
            out.write(self.format(record) + "\n")
            out.flush()
        except Exception:
            self.handleError(record)


def configure_logging(
    level: str = "INFO", stream: IO[str] | None = None, *, replace: bool = False
) -> logging.Handler:
    """Install the JSON handler on the root logger and return it. Idempotent: called again (by the
    CLI, then by the app it starts) it keeps the installed handler, unless given another stream or
    told to `replace` it. Without a stream the handler writes to the current `sys.stderr`."""
    root = logging.getLogger()
    root.setLevel(level.upper())
    ours = [h for h in root.handlers if isinstance(h, _Handler)]
    if ours and stream is None and not replace:
        return ours[0]
    for old in ours:
        root.removeHandler(old)
    handler = _Handler(stream)
    handler.setFormatter(JsonFormatter())
    root.addHandler(handler)
    for name in ("uvicorn", "uvicorn.error"):
        # uvicorn's own lines (startup, shutdown, worker health) in the same format.
        uv = logging.getLogger(name)
        uv.handlers.clear()
        uv.propagate = True
    # httpx logs every request it sends with the full URL (a webhook receiver's URL may hold a secret).
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # Our access line replaces uvicorn's, which would log the raw path with its query string.
    access = logging.getLogger("uvicorn.access")
    access.handlers.clear()
    access.propagate = False
    return handler
