"""HTTP for reminders: the caller's notifications, reminder rules, the e-mail delivery log and the
per-user calendar feed (its .ics URL is public: the secret token in it is the credential)."""

from __future__ import annotations

import uuid
from typing import Annotated

from fastapi import APIRouter, Depends, Header, Path, Query, Request, Response, status

from kerjasama.core.auth import CurrentPrincipal, Principal
from kerjasama.core.clock import today_in_region
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import problems
from kerjasama.core.http import API_PREFIX, check_if_match, set_etag
from kerjasama.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page
from kerjasama.core.policy import require
from kerjasama.reminders import calendar, policy, service
from kerjasama.reminders.schemas import (
    CalendarFeedCreated,
    CalendarFeedStatus,
    DeliveryRead,
    DeliveryStatus,
    NotificationPage,
    NotificationRead,
    ReadAllResult,
    ReminderRuleRead,
    ReminderRuleUpdate,
)

router = APIRouter()


DeliveryLogReader = Annotated[Principal, Depends(require(policy.may_oversee))]
ReminderManager = Annotated[Principal, Depends(require(policy.may_manage))]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Page size")]
Cursor = Annotated[str | None, Query(max_length=500, description="next_cursor of the previous page")]
RuleKind = Annotated[str, Path(max_length=30, description="The rule's kind, e.g. agreement_expiry")]


# --- notifications --------------------------------------------------------------------------------


@router.get(
    "/notifications",
    tags=["notifications"],
    response_model=NotificationPage,
    responses=problems(401, 422),
    operation_id="notifications_list",
)
def list_notifications(
    session: DbSession,
    principal: CurrentPrincipal,
    unread: Annotated[
        bool | None, Query(description="true: only unread; false: only read; absent: all")
    ] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> NotificationPage:
    """The caller's own in-app notifications, newest first, with the number still unread."""
    return service.list_notifications(session, principal, unread, limit, cursor)


@router.post(
    "/notifications/read-all",
    tags=["notifications"],
    response_model=ReadAllResult,
    responses=problems(401),
    operation_id="notifications_read_all",
)
def mark_all_notifications_read(session: DbSession, principal: CurrentPrincipal) -> ReadAllResult:
    """Mark all of the caller's notifications read."""
    return ReadAllResult(marked=service.mark_all_read(session, principal))


@router.post(
    "/notifications/{notification_id}/read",
    tags=["notifications"],
    response_model=NotificationRead,
    responses=problems(401, 404),
    operation_id="notifications_read",
)
def mark_notification_read(
    notification_id: uuid.UUID, session: DbSession, principal: CurrentPrincipal
) -> NotificationRead:
    """Mark one of the caller's notifications read (repeating it changes nothing); another user's is 404."""
    return NotificationRead.model_validate(service.mark_read(session, principal, notification_id))


# --- rules ----------------------------------------------------------------------------------------


@router.get(
    "/reminder-rules",
    tags=["reminders"],
    response_model=list[ReminderRuleRead],
    responses=problems(401),
    operation_id="reminder_rules_list",
)
def list_reminder_rules(session: DbSession, _: CurrentPrincipal) -> list[ReminderRuleRead]:
    """The reminder rules: what is reminded of, how many days ahead (or after), on or off, e-mail or not."""
    return [ReminderRuleRead.model_validate(r) for r in service.list_rules(session)]


@router.get(
    "/reminder-rules/{kind}",
    tags=["reminders"],
    response_model=ReminderRuleRead,
    responses=problems(401, 404),
    operation_id="reminder_rules_get",
)
def get_reminder_rule(
    kind: RuleKind, session: DbSession, _: CurrentPrincipal, response: Response
) -> ReminderRuleRead:
    """One reminder rule, with its ETag."""
    rule = service.get_rule(session, kind)
    set_etag(response, rule.version)
    return ReminderRuleRead.model_validate(rule)


@router.patch(
    "/reminder-rules/{kind}",
    tags=["reminders"],
    response_model=ReminderRuleRead,
    responses=problems(401, 403, 404, 422, 412, 428),
    operation_id="reminder_rules_update",
)
def update_reminder_rule(
    kind: RuleKind,
    body: ReminderRuleUpdate,
    request: Request,
    session: DbSession,
    principal: ReminderManager,
    response: Response,
) -> ReminderRuleRead:
    """Change a rule's days, switch it on or off, or its e-mail (admin; needs If-Match). Audited."""
    rule = service.get_rule(session, kind)
    check_if_match(request, rule.version)
    service.update_rule(session, principal, rule, body)
    set_etag(response, rule.version)
    return ReminderRuleRead.model_validate(rule)


# --- delivery log ---------------------------------------------------------------------------------


@router.get(
    "/reminder-deliveries",
    tags=["reminders"],
    response_model=Page[DeliveryRead],
    responses=problems(401, 403, 422),
    operation_id="reminder_deliveries_list",
)
def list_reminder_deliveries(
    session: DbSession,
    _: DeliveryLogReader,
    status_: Annotated[
        DeliveryStatus | None, Query(alias="status", description="queued, sent or failed")
    ] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> Page[DeliveryRead]:
    """The e-mail delivery log, newest first: recipient, reminder, status, tries and the last error
    (admin and secretariat)."""
    items, next_cursor, total = service.list_deliveries(session, status_, limit, cursor)
    return Page[DeliveryRead](items=items, next_cursor=next_cursor, total=total)


@router.post(
    "/reminder-deliveries/{delivery_id}/retry",
    tags=["reminders"],
    response_model=DeliveryRead,
    responses=problems(401, 403, 404, 409, described={409: "Not a failed e-mail"}),
    operation_id="reminder_deliveries_retry",
)
def retry_reminder_delivery(
    delivery_id: uuid.UUID, session: DbSession, principal: ReminderManager
) -> DeliveryRead:
    """Queue a failed e-mail again (admin), e.g. after fixing the address or the SMTP settings; the next
    `kerjasama remind` run sends it."""
    return service.retry_delivery(session, principal, delivery_id)


# --- calendar feed --------------------------------------------------------------------------------


@router.get(
    "/calendar-feed",
    tags=["calendar"],
    response_model=CalendarFeedStatus,
    responses=problems(401),
    operation_id="calendar_feed_get",
)
def get_calendar_feed(
    session: DbSession, principal: CurrentPrincipal, response: Response
) -> CalendarFeedStatus:
    """Whether the caller has an active calendar URL (the URL itself is shown only when created)."""
    feed, version = calendar.status(session, principal)
    set_etag(response, version)
    return CalendarFeedStatus(active=feed is not None, created_at=feed.created_at if feed else None)


@router.post(
    "/calendar-feed",
    tags=["calendar"],
    response_model=CalendarFeedCreated,
    status_code=status.HTTP_201_CREATED,
    responses=problems(401),
    operation_id="calendar_feed_create",
)
def create_calendar_feed(
    session: DbSession, settings: AppSettings, principal: CurrentPrincipal, response: Response
) -> CalendarFeedCreated:
    """Create a secret calendar (ICS) URL for the caller, replacing (revoking) any previous one.

    Subscribe to it in a calendar app: it holds the due dates of open obligations, monitoring report
    deadlines, expiry dates and DPRD deadlines the caller may see. Anyone with the URL can read it.
    """
    url, feed, version = calendar.create(session, settings, principal)
    set_etag(response, version, location=f"{API_PREFIX}/calendar-feed")
    response.headers["Cache-Control"] = "no-store"
    return CalendarFeedCreated(url=url, created_at=feed.created_at)


@router.delete(
    "/calendar-feed",
    tags=["calendar"],
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses=problems(401, 404, 412),
    operation_id="calendar_feed_revoke",
)
def revoke_calendar_feed(
    session: DbSession,
    principal: CurrentPrincipal,
    request: Request,
    if_match: Annotated[
        str | None,
        Header(
            alias="If-Match",
            description="Optional: the ETag of GET /calendar-feed; when given, a URL created since "
            "(in another window) is not revoked by mistake (412)",
        ),
    ] = None,
) -> Response:
    """Revoke the caller's calendar URL at once.

    Unlike other deletes, If-Match is optional: a leaked URL must be revocable from any window.
    """
    feed, version = calendar.active(session, principal)
    if if_match is not None:
        check_if_match(request, version)
    calendar.revoke(session, principal, feed)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/calendar/{token}.ics",
    tags=["calendar"],
    response_class=Response,
    responses={
        200: {
            "description": "The calendar (RFC 5545), UTF-8",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        },
        **problems(404),
    },
    operation_id="calendar_ics",
)
def calendar_ics(
    token: Annotated[str, Path(description="The secret token of the calendar URL")],
    session: DbSession,
    settings: AppSettings,
) -> Response:
    """The calendar behind a secret URL (no sign-in: calendar apps cannot send one). Unknown or revoked
    URLs, and URLs of disabled accounts, are 404."""
    user = calendar.owner(session, token)
    body = calendar.ics(session, settings, user, today_in_region(settings))
    return Response(
        body,
        media_type="text/calendar; charset=utf-8",
        headers={
            "Cache-Control": "private, no-store",
            "Content-Disposition": 'inline; filename="kerja-sama.ics"',
        },
    )
