"""HTTP endpoints of the documents domain (filled in by the documents work)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/v1", tags=["documents"])
