"""Cooperation partners (mitra) and their contact people."""

from __future__ import annotations

import uuid

from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from kerjasama.models.base import Base, TimestampMixin, new_id
from kerjasama.models.reference import Region

PARTNER_TYPES = ("REGION", "THIRD_PARTY", "FOREIGN_GOVERNMENT", "FOREIGN_INSTITUTION", "CENTRAL_GOVERNMENT")


class Partner(TimestampMixin, Base):
    __tablename__ = "partner"
    __table_args__ = (
        CheckConstraint(f"type IN {PARTNER_TYPES!r}", name="type"),
        CheckConstraint("(type = 'REGION') = (region_code IS NOT NULL)", name="region_code_iff_region"),
        Index("ix_partner_name_normalized", "name_normalized"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    type: Mapped[str] = mapped_column(String(30))
    name: Mapped[str] = mapped_column(String(300))
    # Lower-cased, punctuation and legal-form prefixes stripped: what duplicate detection compares.
    name_normalized: Mapped[str] = mapped_column(String(300))
    # One partner per region: the unique index makes a second Kota Bandung impossible.
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"), unique=True)
    third_party_kind: Mapped[str | None] = mapped_column(String(30))
    business_form: Mapped[str | None] = mapped_column(String(30))
    nib: Mapped[str | None] = mapped_column(String(20), index=True)
    npwp: Mapped[str | None] = mapped_column(String(20), index=True)
    country_code: Mapped[str | None] = mapped_column(String(2))
    is_bankrupt: Mapped[bool] = mapped_column(default=False)
    address: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    version: Mapped[int] = mapped_column(default=1)

    # The region of a REGION partner, for its name in reads; the queries that list partners join it.
    region: Mapped[Region | None] = relationship(viewonly=True)
    contacts: Mapped[list[PartnerContact]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="PartnerContact.position"
    )

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012

    @property
    def region_name(self) -> str | None:
        """The name of a REGION partner's region ("Kabupaten Bandung"); None for other partners."""
        return self.region.name if self.region is not None else None


class PartnerContact(Base):
    __tablename__ = "partner_contact"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    partner_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("partner.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(254))
    phone: Mapped[str | None] = mapped_column(String(40))
