"""Master data: regions (kode wilayah), their borders, affairs (urusan) and OPDs."""

from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from kerjasama.models.base import Base, TimestampMixin, new_id

REGION_TYPES = ("provinsi", "kabupaten", "kota")


class Region(Base):
    __tablename__ = "region"
    __table_args__ = (CheckConstraint(f"type IN {REGION_TYPES!r}", name="type"),)

    code: Mapped[str] = mapped_column(String(13), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    type: Mapped[str] = mapped_column(String(20))
    province_code: Mapped[str] = mapped_column(String(2), index=True)


class RegionBorder(Base):
    """An unordered land border; stored once per direction so lookups need one index."""

    __tablename__ = "region_border"

    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), primary_key=True)
    neighbour_code: Mapped[str] = mapped_column(ForeignKey("region.code"), primary_key=True)


class Affair(Base):
    __tablename__ = "affair"

    code: Mapped[str] = mapped_column(String(10), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    group: Mapped[str] = mapped_column(String(40))
    # Absolute central-government affairs (UU 23/2014 Pasal 10) may never be the object (R6).
    is_absolute_central: Mapped[bool] = mapped_column(default=False)


class Opd(TimestampMixin, Base):
    __tablename__ = "opd"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    abbreviation: Mapped[str] = mapped_column(String(40))
    is_active: Mapped[bool] = mapped_column(default=True)
    version: Mapped[int] = mapped_column(default=1)

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
