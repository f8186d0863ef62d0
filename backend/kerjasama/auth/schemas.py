from __future__ import annotations

import uuid

from pydantic import BaseModel, Field

from kerjasama.auth.capabilities import CATALOGUE
from kerjasama.core.schemas import InputModel
from kerjasama.users.schemas import Role


class TokenResponse(BaseModel):
    access_token: str = Field(description="Bearer token for the Authorization header")
    token_type: str = Field("bearer", description="Always 'bearer'")
    expires_in: int = Field(description="Seconds until the access token expires")
    refresh_token: str | None = Field(
        None,
        description="For scripts: exchange at /auth/refresh. Browsers get it as an HttpOnly cookie instead",
    )


class RefreshRequest(InputModel):
    refresh_token: str | None = Field(
        None, max_length=200, description="The refresh token; omit when the browser cookie carries it"
    )


class MeRead(BaseModel):
    id: uuid.UUID = Field(description="User id")
    username: str = Field(description="Login name")
    full_name: str = Field(description="Display name")
    role: Role = Field(description="Role")
    opd_id: uuid.UUID | None = Field(description="OPD of an OPD role")
    opd_name: str | None = Field(description="Name of that OPD")
    home_region: str = Field(description="Kode wilayah of this instance's home region")
    capabilities: list[str] = Field(
        description="What the caller may do, sorted (menus and buttons follow it; the API still checks "
        "every request). Capabilities: " + "; ".join(f"{name}: {what}" for name, what in CATALOGUE.items())
    )
    max_upload_mb: int = Field(
        description="Largest file an upload may be, in MB (KERJASAMA_MAX_UPLOAD_MB): forms check it before sending"
    )
