"""One row per cooperation text (naskah): KB, PKS, NK, RK, LOI, NASKAH_LN or ADENDUM."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

from sqlalchemy import (
    JSON,
    CheckConstraint,
    ForeignKey,
    Index,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    event,
    text,
)
from sqlalchemy import false as sa_false
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Mapped, Mapper, mapped_column, relationship

from kerjasama.core.config import get_settings
from kerjasama.models.base import Base, TimestampMixin, new_id
from kerjasama.models.partners import Partner
from kerjasama.models.reference import Affair, Opd

KINDS = ("KB", "PKS", "NK", "RK", "LOI", "NASKAH_LN", "ADENDUM")
CATEGORIES = ("KSDD", "KSDPK", "KSDPL", "KSDLL", "SINERGI")
NATURES = ("WAJIB", "SUKARELA")
STATUSES = ("draft", "in_progress", "in_force", "ended", "cancelled", "rejected")
PARTY_ROLES = ("HOME", "PARTNER")


class Agreement(TimestampMixin, Base):
    __tablename__ = "agreement"
    __table_args__ = (
        CheckConstraint(f"kind IN {KINDS!r}", name="kind"),
        CheckConstraint(f"category IN {CATEGORIES!r}", name="category"),
        CheckConstraint(f"status IN {STATUSES!r}", name="status"),
        # PP 28/2018 Pasal 3: WAJIB/SUKARELA only distinguishes cooperation between regions.
        CheckConstraint("nature IS NULL OR category = 'KSDD'", name="nature_only_ksdd"),
        CheckConstraint("end_date IS NULL OR start_date IS NULL OR end_date > start_date", name="term"),
        CheckConstraint("apbd_value IS NULL OR apbd_value >= 0", name="apbd_value_non_negative"),
        # The list's sort keys (core/pagination.sort_expression; migration 0016): NULL dates last.
        Index("ix_agreement_signed_date_desc_key", text("coalesce(signed_date, '0001-01-01')"), "id"),
        Index("ix_agreement_signed_date_asc_key", text("coalesce(signed_date, '9999-12-31')"), "id"),
        Index("ix_agreement_end_date_desc_key", text("coalesce(end_date, '0001-01-01')"), "id"),
        Index("ix_agreement_end_date_asc_key", text("coalesce(end_date, '9999-12-31')"), "id"),
        Index("ix_agreement_number_id", "number", "id"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(12))
    parent_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agreement.id"), index=True)
    predecessor_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("agreement.id"))
    category: Mapped[str] = mapped_column(String(10), index=True)
    nature: Mapped[str | None] = mapped_column(String(10))
    number: Mapped[str] = mapped_column(String(80), unique=True)
    title: Mapped[str] = mapped_column(String(500))
    object: Mapped[str] = mapped_column(Text, default="")
    scope: Mapped[str] = mapped_column(Text, default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    lead_opd_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("opd.id"), index=True)
    planning_reference: Mapped[str | None] = mapped_column(Text)
    out_of_plan_reason: Mapped[str | None] = mapped_column(String(30))
    funding_sources: Mapped[list[str]] = mapped_column(JSON, default=list)
    apbd_value: Mapped[Decimal | None] = mapped_column(Numeric(18, 2))
    burdens_community_and_region: Mapped[bool] = mapped_column(default=False)
    budgeted_in_current_apbd: Mapped[bool] = mapped_column(default=True)
    signed_date: Mapped[date | None]
    start_date: Mapped[date | None]
    end_date: Mapped[date | None]
    status: Mapped[str] = mapped_column(String(20), default="draft", index=True)
    stage: Mapped[str] = mapped_column(String(30), default="draft", index=True)
    end_reason: Mapped[str | None] = mapped_column(String(40))
    is_demo: Mapped[bool] = mapped_column(default=False)
    is_legacy_import: Mapped[bool] = mapped_column(default=False)
    public: Mapped[bool] = mapped_column(default=False)
    # The partner made the offer (P22 Pasal 8(2), 28): the region receives and answers it, sends none.
    initiated_by_partner: Mapped[bool] = mapped_column(default=False, server_default=sa_false())
    # Declarations recorded for the rules (docs/domain.md#rules): R9 no_conflict; R16 technical_fit,
    # economic_feasibility, initiator_financial_capacity; R30 cooperation_secretariat; R44
    # diplomatic_relations, no_representative_office, technology_transfer, equivalence -> true/false.
    declarations: Mapped[dict[str, bool]] = mapped_column(JSON, default=dict, server_default="{}")
    # The offer stage's clock (P22 Pasal 8(3)-(5), 54(3)-(4)), set by the procedure engine in working days:
    # the partner's answer is due 30 days after the offer letter, 15 days after a second request; then the
    # Wali Kota reports the non-answer to the Gubernur (kerja sama wajib).
    offer_due_date: Mapped[date | None]
    offer_second_request_date: Mapped[date | None]
    offer_non_answer_reported_date: Mapped[date | None]
    # The signed NK reported to the Menteri (P22 Pasal 57(3)); foreign texts' report (PP 28/2018 Pasal 43).
    minister_reported_date: Mapped[date | None]
    # Open Contracting ID (docs/open-data.md): issued once at insert from KERJASAMA_OCDS_PREFIX and the id,
    # never recomputed (a later prefix change leaves existing ocids alone).
    ocid: Mapped[str | None] = mapped_column(String(120), unique=True)
    # Procedure data checked by the rules (see kerjasama/rules):
    # KAK headings (Permendagri 22/2020 Pasal 7): background, purpose, location, scope, term,
    # benefits, impact, financing -> text.
    kak: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    feasibility_study_ref: Mapped[str | None] = mapped_column(String(300))
    # Clause codes the text contains (Permendagri 22/2020 Pasal 40-41; PP 28/2018 Pasal 19(2)).
    clauses: Mapped[list[str]] = mapped_column(JSON, default=list)
    # ADENDUM only: the changes it makes to its parent when signed, e.g. {"end_date": "2030-12-31"}.
    amendment: Mapped[dict[str, str]] = mapped_column(JSON, default=dict)
    # Where a dispute returns to when it closes.
    stage_before_dispute: Mapped[str | None] = mapped_column(String(30))
    ended_date: Mapped[date | None]
    created_by: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("user_account.id"))
    version: Mapped[int] = mapped_column(default=1)

    parties: Mapped[list[AgreementParty]] = relationship(
        lazy="raise", cascade="all, delete-orphan", order_by="AgreementParty.position"
    )
    affairs: Mapped[list[Affair]] = relationship(secondary="agreement_affair", lazy="raise")
    # Ordered: without it the order was the query plan's, so the detail of one agreement and a batch of
    # them (the change feed) could list the same OPDs in another order (issue 16).
    related_opds: Mapped[list[Opd]] = relationship(
        secondary="agreement_related_opd", lazy="raise", order_by="Opd.code"
    )
    lead_opd: Mapped[Opd] = relationship(lazy="raise", foreign_keys=[lead_opd_id])
    parent: Mapped[Agreement | None] = relationship(lazy="raise", remote_side=[id], foreign_keys=[parent_id])

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012


def issue_ocid(prefix: str, agreement_id: uuid.UUID) -> str:
    """The ocid of an agreement: the registered prefix, a hyphen and the agreement's id."""
    return f"{prefix}-{agreement_id}"


@event.listens_for(Agreement, "before_insert")
def _issue_ocid(mapper: Mapper[Agreement], connection: Connection, target: Agreement) -> None:
    """Every new text gets its ocid when it is first written, whichever path creates it."""
    if target.ocid is None:
        if target.id is None:
            target.id = new_id()
        target.ocid = issue_ocid(get_settings().ocds_prefix, target.id)


class AgreementParty(Base):
    """A signing party. partner_id is NULL for the home region (it is not a partner of itself)."""

    __tablename__ = "agreement_party"
    __table_args__ = (
        CheckConstraint(f"role IN {PARTY_ROLES!r}", name="role"),
        CheckConstraint("(role = 'HOME') = (partner_id IS NULL)", name="home_has_no_partner"),
        UniqueConstraint("agreement_id", "partner_id", name="uq_agreement_party_agreement_partner"),
    )

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=new_id)
    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), index=True
    )
    partner_id: Mapped[uuid.UUID | None] = mapped_column(ForeignKey("partner.id"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    position: Mapped[int] = mapped_column(default=0)
    signatory_name: Mapped[str] = mapped_column(String(200), default="")
    signatory_title: Mapped[str] = mapped_column(String(200), default="")
    document_number: Mapped[str] = mapped_column(String(120), default="")
    # A PKS signed by an OPD head instead of the head of region needs a surat kuasa (Pasal 13(2)).
    power_of_attorney_ref: Mapped[str | None] = mapped_column(String(200))

    partner: Mapped[Partner | None] = relationship(lazy="raise")


class AgreementAffair(Base):
    __tablename__ = "agreement_affair"

    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), primary_key=True
    )
    affair_code: Mapped[str] = mapped_column(ForeignKey("affair.code"), primary_key=True, index=True)


class AgreementRelatedOpd(Base):
    __tablename__ = "agreement_related_opd"

    agreement_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("agreement.id", ondelete="CASCADE"), primary_key=True
    )
    opd_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("opd.id"), primary_key=True, index=True)


class NumberSequence(Base):
    """Per region and year counter for registry numbers like KSD/32.77/2025/0012."""

    __tablename__ = "number_sequence"

    region_code: Mapped[str] = mapped_column(String(13), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True)
    last_value: Mapped[int] = mapped_column(default=0)
