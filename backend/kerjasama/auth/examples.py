"""Examples for the OpenAPI document (POST /auth/token); validated by tests/test_openapi_operations.py."""

from __future__ import annotations

from typing import Any

PASSWORD_FORM: dict[str, Any] = {"grant_type": "password", "username": "sekretariat", "password": "…"}
CLIENT_CREDENTIALS_FORM: dict[str, Any] = {
    "grant_type": "client_credentials",
    "client_id": "provinsi-jabar",
    "client_secret": "…",
}
TOKEN: dict[str, Any] = {
    "access_token": "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ.c2lnbmF0dXJl",
    "token_type": "bearer",
    "expires_in": 900,
    "refresh_token": "r1.5b7f0c2e9d4a4f1c8e3b6a9d0c7e2f41",
}
