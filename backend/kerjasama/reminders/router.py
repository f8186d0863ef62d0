"""HTTP endpoints of the reminders domain (filled in by the reminders work)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(prefix="/api/v1", tags=["reminders"])
