"""HTTP endpoints of the monitoring domain (filled in by the monitoring work)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/v1", tags=["monitoring"])
