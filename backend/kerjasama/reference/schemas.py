from __future__ import annotations

import uuid
from datetime import datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from kerjasama.core.schemas import InputModel

RegionType = Literal["provinsi", "kabupaten", "kota"]


class RegionRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str = Field(description="Kode wilayah Kemendagri, e.g. '32.77'")
    name: str = Field(description="Official name, e.g. 'Kota Cimahi'")
    type: RegionType = Field(description="provinsi, kabupaten or kota")
    province_code: str = Field(description="Two-digit province code, e.g. '32'")
    borders_home_region: bool = Field(
        False, description="True when the region shares a land border with this instance's home region"
    )


class AffairRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    code: str = Field(description="Urusan code, e.g. '1.02'")
    name: str = Field(description="Urusan name in Bahasa Indonesia")
    group: str = Field(
        description="wajib_pelayanan_dasar, wajib_non_pelayanan_dasar, pilihan or a support-unit group"
    )


class OpdBase(InputModel):
    pass


class OpdCreate(OpdBase):
    code: str = Field(
        min_length=1,
        max_length=30,
        pattern=r"^[A-Za-z0-9._-]+$",
        description="Short unique code, e.g. 'DINKES'",
    )
    name: str = Field(min_length=3, max_length=200, description="Full name, e.g. 'Dinas Kesehatan'")
    abbreviation: str = Field(min_length=1, max_length=40, description="Abbreviation shown in lists")


class OpdUpdate(OpdBase):
    name: str | None = Field(None, min_length=3, max_length=200, description="Full name")
    abbreviation: str | None = Field(None, min_length=1, max_length=40, description="Abbreviation")
    is_active: bool | None = Field(None, description="Inactive OPDs cannot be chosen for new records")


class OpdRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID = Field(description="OPD id")
    code: str = Field(description="Short unique code")
    name: str = Field(description="Full name")
    abbreviation: str = Field(description="Abbreviation")
    is_active: bool = Field(description="Whether the OPD can be chosen for new records")
    version: int = Field(description="Optimistic-lock version; also the ETag")
    updated_at: datetime = Field(description="Last change (UTC)")
