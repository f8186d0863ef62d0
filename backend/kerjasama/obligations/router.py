"""HTTP for obligations (hak dan kewajiban), their occurrences, fulfilment and force-majeure events."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response, status

from kerjasama.agreements.deps import ScopedAgreement
from kerjasama.core.auth import CurrentPrincipal
from kerjasama.core.clock import today_in_region
from kerjasama.core.db import Database
from kerjasama.core.deps import AppSettings, DbSession, get_database
from kerjasama.core.errors import problems
from kerjasama.core.http import API_PREFIX, check_if_match, set_etag
from kerjasama.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page, decode_cursor, encode_cursor, parse_sort
from kerjasama.models import Agreement, Obligation
from kerjasama.obligations import reads, service
from kerjasama.obligations import repository as repo
from kerjasama.obligations.schemas import (
    ForceMajeureCreate,
    ForceMajeureRead,
    FulfilmentCreate,
    ObligationCreate,
    ObligationFilters,
    ObligationRead,
    ObligationSort,
    ObligationSummary,
    ObligationUpdate,
    OccurrenceRead,
    OccurrenceUpdate,
)

router = APIRouter(tags=["obligations"], responses=problems(401))
AGREEMENT = "/agreements/{agreement_id}"
OBLIGATION = "/obligations/{obligation_id}"
OCCURRENCE = "/obligation-occurrences/{occurrence_id}"
WRITE = problems(404, 403, 422)
CONDITIONAL = problems(404, 403, 422, 409, 412, 428)


@router.get(
    AGREEMENT + "/obligations",
    response_model=list[ObligationSummary],
    responses=problems(404),
    operation_id="obligations_list_for_agreement",
)
def list_agreement_obligations(
    agreement: ScopedAgreement, session: DbSession, settings: AppSettings, principal: CurrentPrincipal
) -> list[ObligationSummary]:
    """Rights and obligations (hak dan kewajiban) of the parties of one agreement, with their occurrence summary."""
    return reads.list_for_agreement(session, settings, agreement, today_in_region(settings), principal)


@router.post(
    AGREEMENT + "/obligations",
    response_model=ObligationRead,
    status_code=status.HTTP_201_CREATED,
    responses=WRITE,
    operation_id="obligations_create",
)
def create_obligation(
    agreement: ScopedAgreement,
    body: ObligationCreate,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> ObligationRead:
    """Record a right or an obligation of one party with its schedule; the occurrences are generated.

    Roles admin, secretariat, opd_head and opd_operator (OPD users within their agreement scope, for
    their own OPD). A schedule date outside the agreement's term is refused (422 `outside_term`).
    Allowed on signed texts too: texts imported after signing are transcribed afterwards.
    """
    today = today_in_region(settings)
    obligation = service.create(session, principal, agreement, body, today)
    set_etag(response, obligation.version, location=f"{API_PREFIX}/obligations/{obligation.id}")
    return reads.detail(session, settings, obligation.id, today, principal)


_SORTS: dict[str, Any] = {
    "next_due_date": (Obligation.next_due_date, "date"),  # stored; the repository keeps it right for today
    "agreement_number": (Agreement.number, "str"),
    "description": (Obligation.description, "str"),
}


def _sort_key(sort_value: str, row: repo.ObligationRow) -> Any:
    name = sort_value.lstrip("-")
    if name == "next_due_date":
        return row.next_due_date
    if name == "agreement_number":
        return row.agreement_number
    return row.obligation.description


@router.get(
    "/obligations",
    response_model=Page[ObligationSummary],
    responses=problems(422),
    operation_id="obligations_list",
)
def list_obligations(
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
    database: Annotated[Database, Depends(get_database)],
    filters: Annotated[ObligationFilters, Query()],
    sort: Annotated[
        ObligationSort,
        Query(description="next_due_date, agreement_number or description; '-' for descending"),
    ] = "next_due_date",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    cursor: Annotated[
        str | None, Query(max_length=500, description="next_cursor of the previous page")
    ] = None,
) -> Page[ObligationSummary]:
    """Obligations across agreements in the caller's scope, with filters, search, sorting and keyset paging.

    `status` matches obligations having an occurrence with that effective status (`late` is derived:
    past due and still pending or in progress); with `due_after`/`due_before` the same occurrence must
    match all three. Obligations without a next due date sort last.
    """
    today = today_in_region(settings)
    sort_value, spec = parse_sort(sort, _SORTS, "next_due_date")
    after = decode_cursor(cursor, sort_value, spec) if cursor else None
    rows, items, total = reads.list_page(
        session, settings, principal, filters, spec, after, limit, today, database.read_cache
    )
    next_cursor = None
    if len(rows) > limit:
        last = rows[limit - 1]
        next_cursor = encode_cursor(sort_value, _sort_key(sort_value, last), last.obligation.id)
    return Page[ObligationSummary](items=items, next_cursor=next_cursor, total=total)


@router.get(
    OBLIGATION, response_model=ObligationRead, responses=problems(404), operation_id="obligations_get"
)
def get_obligation(
    obligation_id: uuid.UUID,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> ObligationRead:
    """One obligation with its occurrences (derived `late` and `effective_status`) and fulfilment records.

    Readable by whoever can read its agreement, including OPD users of another OPD involved in it.
    """
    obligation, _ = service.get_for_read(session, principal, obligation_id)
    set_etag(response, obligation.version)
    return reads.detail(session, settings, obligation.id, today_in_region(settings), principal)


@router.patch(
    OBLIGATION, response_model=ObligationRead, responses=CONDITIONAL, operation_id="obligations_update"
)
def update_obligation(
    obligation_id: uuid.UUID,
    body: ObligationUpdate,
    request: Request,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> ObligationRead:
    """Change an obligation; needs If-Match. A schedule change regenerates the occurrences.

    Occurrences with recorded work are kept; a change that would drop an occurrence holding fulfilment
    records is refused (409 `schedule_drops_fulfilment`). On a signed text only responsible_opd_id,
    indicator, target and unit change (409 `rule_blocked`, R31). OPD users change only their own OPD's
    obligations; another OPD's answers 404.
    """
    obligation, agreement = service.get_for_write(session, principal, obligation_id)
    check_if_match(request, obligation.version)
    today = today_in_region(settings)
    service.update(session, principal, agreement, obligation, body, today)
    set_etag(response, obligation.version)
    return reads.detail(session, settings, obligation.id, today, principal)


@router.delete(
    OBLIGATION,
    status_code=status.HTTP_204_NO_CONTENT,
    responses=CONDITIONAL,
    operation_id="obligations_delete",
)
def delete_obligation(
    obligation_id: uuid.UUID, request: Request, session: DbSession, principal: CurrentPrincipal
) -> Response:
    """Delete an obligation and its occurrences; needs If-Match.

    Refused (409) once fulfilment is recorded (`obligation_has_fulfilments`) and on a signed text
    (`rule_blocked`, R31: the text changes through an adendum). OPD users: own OPD's obligations only.
    """
    obligation, agreement = service.get_for_write(session, principal, obligation_id)
    check_if_match(request, obligation.version)
    service.delete_obligation(session, principal, agreement, obligation)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.patch(
    OCCURRENCE, response_model=OccurrenceRead, responses=CONDITIONAL, operation_id="occurrences_update"
)
def update_occurrence(
    occurrence_id: uuid.UUID,
    body: OccurrenceUpdate,
    request: Request,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> OccurrenceRead:
    """Set an occurrence's status; needs If-Match. `late` is derived and cannot be set.

    suspended_force_majeure needs `force_majeure_event_id`: an event recorded on the same agreement
    whose dates cover the due date (422 otherwise). Writable in every stage of the agreement.
    """
    occurrence, _, agreement = service.get_occurrence_for_write(session, principal, occurrence_id)
    check_if_match(request, occurrence.version)
    today = today_in_region(settings)
    service.update_occurrence(session, principal, agreement, occurrence, body, today)
    set_etag(response, occurrence.version)
    return reads.occurrence_reads(session, [occurrence], today, principal)[0]


@router.post(
    OCCURRENCE + "/fulfilments",
    response_model=OccurrenceRead,
    status_code=status.HTTP_201_CREATED,
    responses=WRITE,
    operation_id="occurrences_add_fulfilment",
)
def add_fulfilment(
    occurrence_id: uuid.UUID,
    body: FulfilmentCreate,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> OccurrenceRead:
    """Record a fulfilment (value realised, note, evidence documents of the same agreement).

    Answers the occurrence with its fulfilment records and its new ETag. `complete: true` marks the
    occurrence fulfilled on `realised_on`; otherwise a pending occurrence becomes in_progress.
    """
    occurrence, obligation, agreement = service.get_occurrence_for_write(session, principal, occurrence_id)
    today = today_in_region(settings)
    service.add_fulfilment(session, principal, agreement, occurrence, body, today)
    set_etag(response, occurrence.version, location=f"{API_PREFIX}/obligations/{obligation.id}")
    return reads.occurrence_reads(session, [occurrence], today, principal)[0]


@router.get(
    AGREEMENT + "/force-majeure-events",
    response_model=list[ForceMajeureRead],
    responses=problems(404),
    operation_id="force_majeure_list",
)
def list_force_majeure(agreement: ScopedAgreement, session: DbSession) -> list[ForceMajeureRead]:
    """Force-majeure events (keadaan kahar) recorded on this agreement, oldest first."""
    return [ForceMajeureRead.model_validate(e) for e in service.force_majeure_events(session, agreement)]


@router.post(
    AGREEMENT + "/force-majeure-events",
    response_model=ForceMajeureRead,
    status_code=status.HTTP_201_CREATED,
    responses=WRITE,
    operation_id="force_majeure_create",
)
def add_force_majeure(
    agreement: ScopedAgreement,
    body: ForceMajeureCreate,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    principal: CurrentPrincipal,
) -> ForceMajeureRead:
    """Record a force-majeure event; occurrences due within its dates may then be suspended.

    The record is immutable (no ETag); its start date cannot be in the future.
    """
    event = service.add_force_majeure(session, principal, agreement, body, today_in_region(settings))
    response.headers["Location"] = f"{API_PREFIX}/agreements/{agreement.id}/force-majeure-events"
    return ForceMajeureRead.model_validate(event)
