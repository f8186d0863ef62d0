"""All ORM models: one graph, one MetaData. Import from here so Alembic sees everything."""

from kerjasama.models.agreements import (
    Agreement,
    AgreementAffair,
    AgreementParty,
    AgreementRelatedOpd,
    NumberSequence,
)
from kerjasama.models.audit import AuditAnchor, AuditEntry, IdempotencyRecord
from kerjasama.models.base import Base
from kerjasama.models.documents import Document
from kerjasama.models.integration import ChangeEvent, ServiceAccount
from kerjasama.models.monitoring import (
    MonitoringReport,
    MonitoringReportDocument,
    MonitoringReportEvent,
    MonitoringSetting,
)
from kerjasama.models.obligations import (
    ForceMajeureEvent,
    FulfilmentDocument,
    ObligationFulfilment,
    ObligationOccurrence,
)
from kerjasama.models.partners import Partner, PartnerContact
from kerjasama.models.periodic_reports import PeriodicReport, PeriodicReportSending
from kerjasama.models.procedure import DprdApproval, Holiday, Obligation, StatusTransition, TkksdReview
from kerjasama.models.reference import Affair, Opd, Region, RegionBorder
from kerjasama.models.reminders import CalendarFeed, Delivery, Notification, Reminder, ReminderRule
from kerjasama.models.users import LoginFailure, RefreshToken, UserAccount
from kerjasama.models.webhooks import WebhookDelivery, WebhookSubscription

__all__ = [
    "Affair",
    "Agreement",
    "AgreementAffair",
    "AgreementParty",
    "AgreementRelatedOpd",
    "AuditAnchor",
    "AuditEntry",
    "Base",
    "CalendarFeed",
    "ChangeEvent",
    "Delivery",
    "Document",
    "DprdApproval",
    "ForceMajeureEvent",
    "FulfilmentDocument",
    "Holiday",
    "IdempotencyRecord",
    "LoginFailure",
    "MonitoringReport",
    "MonitoringReportDocument",
    "MonitoringReportEvent",
    "MonitoringSetting",
    "Notification",
    "NumberSequence",
    "Obligation",
    "ObligationFulfilment",
    "ObligationOccurrence",
    "Opd",
    "Partner",
    "PartnerContact",
    "PeriodicReport",
    "PeriodicReportSending",
    "RefreshToken",
    "Region",
    "RegionBorder",
    "Reminder",
    "ReminderRule",
    "ServiceAccount",
    "StatusTransition",
    "TkksdReview",
    "UserAccount",
    "WebhookDelivery",
    "WebhookSubscription",
]
