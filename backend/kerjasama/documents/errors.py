"""Errors of the documents domain that core.errors has no class for."""

from __future__ import annotations

from kerjasama.core.errors import AppError


class FileTooLarge(AppError):
    # Same code as the body-size middleware's 413, so clients handle both alike.
    status, code, title = 413, "payload_too_large", "Request body too large"
