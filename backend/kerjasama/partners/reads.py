"""Read models of partners: one function per shape.

`detail` takes the principal it renders for: contacts are personal data, and what a role sees of
them (the province's redaction) is decided here, in one place.
"""

from __future__ import annotations

from kerjasama.core.auth import Principal
from kerjasama.core.policy import redacts_personal_data
from kerjasama.models import Partner
from kerjasama.partners.schemas import PartnerRead


def detail(partner: Partner, principal: Principal) -> PartnerRead:
    """A partner with its contacts (the list rows and GET /partners/{id} alike)."""
    read = PartnerRead.model_validate(partner)
    if redacts_personal_data(principal):
        # Contact people are personal data (names, e-mails, phones): the province never gets them.
        return read.model_copy(update={"contacts": []})
    return read
