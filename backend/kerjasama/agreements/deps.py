"""Route dependencies for everything under /agreements/{agreement_id}, whichever domain serves it."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import Depends, Request

from kerjasama.agreements import service
from kerjasama.core.auth import CurrentPrincipal
from kerjasama.core.deps import DbSession
from kerjasama.core.http import check_if_match
from kerjasama.models import Agreement


def scoped_agreement(agreement_id: uuid.UUID, session: DbSession, principal: CurrentPrincipal) -> Agreement:
    """The agreement named by the path, if the caller's scope holds it; 404 otherwise (never 403)."""
    return service.get(session, principal, agreement_id)


ScopedAgreement = Annotated[Agreement, Depends(scoped_agreement)]


def scoped_agreement_for_write(agreement: ScopedAgreement, request: Request) -> Agreement:
    """The scoped agreement, once the request's If-Match names its current version (428 / 412)."""
    check_if_match(request, agreement.version)
    return agreement


ScopedAgreementForWrite = Annotated[Agreement, Depends(scoped_agreement_for_write)]
