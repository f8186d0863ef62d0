"""HTTP for sign-in: OAuth2 token, refresh, logout, me."""

from __future__ import annotations

import base64
from typing import Annotated
from urllib.parse import unquote_plus

from fastapi import APIRouter, Cookie, Form, Request, Response, status
from sqlalchemy import update
from sqlalchemy.orm import Session

from kerjasama.auth import capabilities, examples, service
from kerjasama.auth.schemas import MeRead, RefreshRequest, TokenResponse
from kerjasama.core.auth import CurrentPrincipal
from kerjasama.core.config import Settings
from kerjasama.core.deps import AppSettings, DbSession
from kerjasama.core.errors import Invalid, Unauthorized, field_error, problems
from kerjasama.core.http import API_PREFIX, example
from kerjasama.core.security import create_access_token
from kerjasama.integration.service_accounts import service as service_accounts
from kerjasama.models import UserAccount
from kerjasama.models.base import utcnow
from kerjasama.reference import repository as reference_repo

router = APIRouter(prefix="/auth", tags=["auth"])

REFRESH_COOKIE = "ksd_refresh"
SPA_CLIENT_ID = "kerjasama-spa"


def _set_refresh_cookie(response: Response, settings: Settings, token: str) -> None:
    response.set_cookie(
        REFRESH_COOKIE,
        token,
        max_age=settings.refresh_token_days * 86400,
        path=f"{API_PREFIX}/auth",
        httponly=True,
        secure=True,
        samesite="strict",
    )


def _token_response(
    response: Response, settings: Settings, issued: service.IssuedTokens, browser: bool
) -> TokenResponse:
    response.headers["Cache-Control"] = "no-store"
    if browser:
        _set_refresh_cookie(response, settings, issued.refresh_token)
        return TokenResponse(access_token=issued.access_token, expires_in=issued.expires_in)
    return TokenResponse(
        access_token=issued.access_token, expires_in=issued.expires_in, refresh_token=issued.refresh_token
    )


@router.post(
    "/token",
    response_model=TokenResponse,
    responses=problems(401, 429, 422) | example(200, examples.TOKEN),
    operation_id="auth_token",
    openapi_extra={
        "requestBody": {
            "content": {
                "application/x-www-form-urlencoded": {
                    "examples": {
                        "password": {"summary": "A person signs in", "value": examples.PASSWORD_FORM},
                        "client_credentials": {
                            "summary": "A service account signs in",
                            "value": examples.CLIENT_CREDENTIALS_FORM,
                        },
                    }
                }
            }
        }
    },
)
def token(
    request: Request,
    response: Response,
    session: DbSession,
    settings: AppSettings,
    grant_type: Annotated[
        str,
        Form(
            description="'password' for people (username + password); 'client_credentials' for service "
            "accounts (client_id + client_secret in the form, or in an HTTP Basic Authorization header)"
        ),
    ],
    username: Annotated[str, Form(max_length=80)] = "",
    password: Annotated[str, Form(max_length=200)] = "",
    client_id: Annotated[
        str, Form(max_length=80, description="'kerjasama-spa' puts the refresh token in a cookie")
    ] = "",
    scope: Annotated[str, Form(max_length=200)] = "",
    client_secret: Annotated[
        str, Form(max_length=200, description="The service account's secret (client_credentials)")
    ] = "",
) -> TokenResponse:
    """Sign in: a person with username and password, or a service account with client credentials."""
    if grant_type == "client_credentials":
        return _client_credentials(request, response, session, settings, client_id, client_secret)
    if grant_type != "password":
        raise Invalid(
            "grant_type must be 'password' (people) or 'client_credentials' (service accounts).",
            code="unsupported_grant_type",
            errors=[
                field_error(
                    "grant_type", "must be 'password' or 'client_credentials'", "unsupported_grant_type"
                )
            ],
        )
    for name, value in (("username", username), ("password", password)):
        if "\x00" in value:
            raise Invalid(
                f"{name} contains a NUL character.",
                errors=[field_error(name, "must not contain NUL", "text_invalid")],
            )
    if not username or not password:
        raise Invalid(
            "username and password are required.",
            errors=[field_error("username" if not username else "password", "required", "missing")],
        )
    keys = service.throttle_keys(username, request.client.host if request.client else "unknown")
    service.check_throttle(session, settings, keys)
    user = service.authenticate(session, username, password)
    if user is None:
        refusal = service.refuse(session, settings, keys, service.invalid_credentials())
        service.record_failure(session, settings, keys)
        # Commit the failure before raising: the request transaction rolls back on error,
        # and a throttle that forgets failures would not throttle.
        session.commit()
        raise refusal
    service.clear_account_failures(session, keys)
    session.execute(update(UserAccount).where(UserAccount.id == user.id).values(last_login_at=utcnow()))
    issued = service.issue_tokens(session, settings, user)
    return _token_response(response, settings, issued, browser=client_id == SPA_CLIENT_ID)


def _basic_credentials(request: Request) -> tuple[str, str] | None:
    """client_id and client_secret from an HTTP Basic Authorization header (RFC 6749 §2.3.1)."""
    header = request.headers.get("authorization", "")
    if not header.lower().startswith("basic "):
        return None
    try:
        raw = base64.b64decode(header[6:].strip(), validate=True).decode()
        cid, secret = raw.split(":", 1)
    except (ValueError, UnicodeDecodeError):
        raise Unauthorized("The Basic authorization header is malformed.", code="invalid_client") from None
    return unquote_plus(cid), unquote_plus(secret)


def _client_credentials(
    request: Request,
    response: Response,
    session: Session,
    settings: Settings,
    client_id: str,
    client_secret: str,
) -> TokenResponse:
    basic = _basic_credentials(request)
    if basic is not None:
        client_id, client_secret = basic
    if not client_id or not client_secret:
        raise Invalid(
            "client_credentials needs client_id and client_secret (form fields or HTTP Basic).",
            errors=[field_error("client_id" if not client_id else "client_secret", "required", "missing")],
        )
    keys = service.throttle_keys(client_id, request.client.host if request.client else "unknown")
    service.check_throttle(session, settings, keys)
    account = service_accounts.authenticate(session, client_id, client_secret)
    if account is None:
        invalid = Unauthorized(
            "Unknown client, wrong secret, or the service account is disabled.", code="invalid_client"
        )
        refusal = service.refuse(session, settings, keys, invalid)
        service.record_failure(session, settings, keys)
        session.commit()  # the throttle must remember the failure although the request fails
        raise refusal
    service.clear_account_failures(session, keys)
    access, expires_in = create_access_token(
        subject=account.user_id,
        role=account.role,
        secret=settings.secret_key,
        minutes=settings.access_token_minutes,
        extra={"sa": str(account.id), "gen": account.secret_generation},
    )
    response.headers["Cache-Control"] = "no-store"
    # No refresh token for client credentials (RFC 6749 §4.4.3): the client signs in again.
    return TokenResponse(access_token=access, expires_in=expires_in)


@router.post("/refresh", response_model=TokenResponse, responses=problems(401), operation_id="auth_refresh")
def refresh(
    response: Response,
    session: DbSession,
    settings: AppSettings,
    body: RefreshRequest | None = None,
    ksd_refresh: Annotated[str | None, Cookie(include_in_schema=False)] = None,
) -> TokenResponse:
    """Exchange a refresh token (body or cookie) for a new access token; the refresh token rotates."""
    raw = (body.refresh_token if body else None) or ksd_refresh
    if not raw:
        raise Unauthorized("No refresh token given.", code="refresh_missing")
    issued = service.rotate(session, settings, raw)
    if issued is None:
        session.commit()  # keep a family revocation even though we answer 401
        response.delete_cookie(REFRESH_COOKIE, path=f"{API_PREFIX}/auth")
        raise Unauthorized(
            "The refresh token is invalid, expired or revoked. Sign in again.", code="refresh_invalid"
        )
    from_cookie = not (body and body.refresh_token)
    return _token_response(response, settings, issued, browser=from_cookie)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, operation_id="auth_logout")
def logout(
    session: DbSession,
    body: RefreshRequest | None = None,
    ksd_refresh: Annotated[str | None, Cookie(include_in_schema=False)] = None,
) -> Response:
    """Revoke the refresh token (body or cookie). The access token expires by itself within minutes."""
    raw = (body.refresh_token if body else None) or ksd_refresh
    if raw:
        service.revoke(session, raw)
    out = Response(status_code=status.HTTP_204_NO_CONTENT)
    out.delete_cookie(REFRESH_COOKIE, path=f"{API_PREFIX}/auth")
    return out


@router.get("/me", response_model=MeRead, responses=problems(401), operation_id="auth_me")
def me(principal: CurrentPrincipal, session: DbSession, settings: AppSettings) -> MeRead:
    """Who am I: the signed-in user's role, OPD and capabilities."""
    opd = reference_repo.get_opd(session, principal.opd_id) if principal.opd_id else None
    return MeRead(
        id=principal.user_id,
        username=principal.username,
        full_name=principal.full_name,
        role=principal.role,
        opd_id=principal.opd_id,
        opd_name=opd.name if opd else None,
        home_region=settings.home_region,
        capabilities=capabilities.of(principal),
        max_upload_mb=settings.max_upload_mb,
    )
