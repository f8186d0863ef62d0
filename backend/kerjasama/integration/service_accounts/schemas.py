"""Shapes of service accounts. The secret appears in exactly two answers: create and rotate."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kerjasama.core.roles import ServiceRoleName
from kerjasama.core.schemas import InputModel

ServiceRole = ServiceRoleName
Scope = Literal["read", "webhooks"]


def _read_only() -> list[Scope]:
    return ["read"]


class ServiceAccountCreate(InputModel):
    name: str = Field(
        min_length=3, max_length=200, description="Who uses it, e.g. 'Biro Otonomi Daerah Jawa Barat'"
    )
    description: str = Field("", max_length=2000, description="What the account is for; who to call about it")
    role: ServiceRole = Field(
        description="'province': signed, in-force and ended records only, personal data redacted; "
        "'viewer': reads everything, changes nothing"
    )
    scopes: list[Scope] = Field(
        default_factory=_read_only,
        min_length=1,
        description="'read': the read API and the change feed; 'webhooks': manage its own webhook subscriptions",
    )

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Biro Otonomi Daerah Setda Provinsi Jawa Barat",
                    "description": "Sinkronisasi data kerja sama kab/kota",
                    "role": "province",
                    "scopes": ["read", "webhooks"],
                }
            ]
        },
    )


class ServiceAccountUpdate(InputModel):
    name: str | None = Field(None, min_length=3, max_length=200, description="New display name")
    description: str | None = Field(None, max_length=2000, description="New description")
    scopes: list[Scope] | None = Field(None, min_length=1, description="New scopes")
    is_active: bool | None = Field(
        None, description="false disables the account: its tokens stop working at once, it cannot sign in"
    )


class ServiceAccountRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="Service account id")
    client_id: str = Field(description="OAuth2 client_id to send with grant_type=client_credentials")
    name: str = Field(description="Display name")
    description: str = Field(description="What the account is for")
    role: ServiceRole = Field(description="Role the account acts with")
    scopes: list[Scope] = Field(description="Granted scopes")
    is_active: bool = Field(description="Disabled accounts cannot sign in and their tokens are refused")
    secret_generation: int = Field(
        description="Grows by one at each rotation; tokens of older generations die"
    )
    last_used_at: datetime | None = Field(description="Last successful client_credentials sign-in (UTC)")
    created_at: datetime = Field(description="When the account was created (UTC)")
    updated_at: datetime = Field(description="Last change (UTC)")
    version: int = Field(description="Optimistic-lock version; also the ETag")


class ServiceAccountWithSecret(ServiceAccountRead):
    client_secret: str = Field(
        description="The secret, shown only in this answer. Store it now: it is kept hashed and cannot be read again."
    )
