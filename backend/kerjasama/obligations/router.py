"""HTTP endpoints of the obligations domain (filled in by the obligations work)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/v1", tags=["obligations"])
