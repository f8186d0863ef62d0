from __future__ import annotations

import uuid
from datetime import datetime

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from kerjasama.core.roles import RoleName
from kerjasama.core.schemas import InputModel

Role = RoleName

USERNAME_PATTERN = r"^[a-z0-9][a-z0-9._-]{2,79}$"


class UserCreate(InputModel):
    username: str = Field(pattern=USERNAME_PATTERN, description="Lower-case login name, 3–80 characters")
    password: str = Field(min_length=10, max_length=200, description="At least 10 characters")
    role: Role = Field(description="One of the roles described in docs/domain.md#roles")
    opd_id: uuid.UUID | None = Field(None, description="Required for opd_head and opd_operator")
    full_name: str = Field("", max_length=200, description="Name shown in the app and the audit log")
    email: EmailStr | None = Field(None, description="Where reminders are sent")


class UserUpdate(InputModel):
    role: Role | None = Field(None, description="New role")
    opd_id: uuid.UUID | None = Field(None, description="New OPD (null to clear; OPD roles need one)")
    full_name: str | None = Field(None, max_length=200, description="Display name")
    email: EmailStr | None = Field(None, description="E-mail address")
    is_active: bool | None = Field(None, description="false disables the account at once")
    password: str | None = Field(None, min_length=10, max_length=200, description="Set a new password")


class UserRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="User id")
    username: str = Field(description="Login name")
    full_name: str = Field(description="Display name")
    email: str | None = Field(description="E-mail address")
    role: Role = Field(description="Role")
    opd_id: uuid.UUID | None = Field(description="OPD of an OPD role")
    is_active: bool = Field(description="Disabled accounts cannot sign in or use tokens")
    last_login_at: datetime | None = Field(description="Last successful sign-in (UTC)")
    version: int = Field(description="Optimistic-lock version; also the ETag")
