"""Shapes of the change feed."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

EntityType = Literal["agreement", "partner", "obligation", "monitoring_report"]


class ChangeRead(BaseModel):
    seq: int = Field(
        description="Position in the feed; grows in commit order (numbers may skip, changes never do)"
    )
    entity_type: EntityType = Field(description="Which kind of record changed")
    entity_id: uuid.UUID = Field(description="The record's id")
    op: Literal["upsert", "delete"] = Field(
        description="'upsert': store `entity` under this id, replacing what you have; 'delete': remove the "
        "record (it was deleted, or it left what you may see, e.g. an agreement returned to draft)"
    )
    changed_at: datetime = Field(description="When the change was committed (UTC)")
    entity: dict[str, Any] | None = Field(
        description="The record as you may see it NOW (the same JSON as its detail endpoint: "
        "GET /api/v1/agreements/{id}, /partners/{id}, /obligations/{id}, /monitoring-reports/{id}); "
        "null for a delete. Several changes of one record in a page all carry its current state."
    )


class ChangePage(BaseModel):
    items: list[ChangeRead] = Field(description="Changes after the cursor, in feed order")
    next_cursor: str = Field(
        description="Pass as ?cursor= to continue; always present. Save it after applying `items`: "
        "a later call with it returns only newer changes."
    )
    has_more: bool = Field(
        description="true when more changes are waiting right now; poll again later when false"
    )

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "items": [
                        {
                            "seq": 1042,
                            "entity_type": "agreement",
                            "entity_id": "5f0c7a52-7e0e-4a8e-9f19-3d2c1f1b6a10",
                            "op": "upsert",
                            "changed_at": "2026-12-05T03:15:22+00:00",
                            "entity": {"id": "5f0c7a52-7e0e-4a8e-9f19-3d2c1f1b6a10", "number": "…"},
                        },
                        {
                            "seq": 1043,
                            "entity_type": "obligation",
                            "entity_id": "0b8f3c1e-2a7d-4c55-8b61-7f3e2d9a4c21",
                            "op": "delete",
                            "changed_at": "2026-12-05T03:16:01+00:00",
                            "entity": None,
                        },
                    ],
                    "next_cursor": "eyJ2IjoxLCJzIjoxMDQzfQ.2f1c…",
                    "has_more": False,
                }
            ]
        }
    )
