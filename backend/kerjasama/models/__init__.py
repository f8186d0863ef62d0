"""All ORM models: one graph, one MetaData. Import from here so Alembic sees everything."""

from kerjasama.models.agreements import (
    Agreement,
    AgreementAffair,
    AgreementParty,
    AgreementRelatedOpd,
    NumberSequence,
)
from kerjasama.models.audit import AuditEntry, IdempotencyRecord
from kerjasama.models.base import Base
from kerjasama.models.partners import Partner, PartnerContact
from kerjasama.models.procedure import DprdApproval, Holiday, Obligation, StatusTransition, TkksdReview
from kerjasama.models.reference import Affair, Opd, Region, RegionBorder
from kerjasama.models.users import LoginFailure, RefreshToken, UserAccount

__all__ = [
    "Affair",
    "Agreement",
    "AgreementAffair",
    "AgreementParty",
    "AgreementRelatedOpd",
    "AuditEntry",
    "Base",
    "DprdApproval",
    "Holiday",
    "IdempotencyRecord",
    "LoginFailure",
    "NumberSequence",
    "Obligation",
    "Opd",
    "Partner",
    "PartnerContact",
    "RefreshToken",
    "Region",
    "RegionBorder",
    "StatusTransition",
    "TkksdReview",
    "UserAccount",
]
