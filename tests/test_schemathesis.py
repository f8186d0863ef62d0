"""Property-based API test: schemathesis generates requests from our OpenAPI and checks every answer.

A 500, an undocumented status, a wrong content type or a body that violates the documented schema
fails the build. Runs in-process against the ASGI app, signed in as admin (the widest surface).
"""

from __future__ import annotations

import os

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, settings
from schemathesis.checks import positive_data_acceptance
from sqlalchemy.orm import Session

from kerjasama.core.config import Settings
from tests.conftest import token_for

MAX_EXAMPLES = int(os.environ.get("KERJASAMA_SCHEMATHESIS_EXAMPLES", "25"))


@pytest.fixture
def api_schema(app: FastAPI) -> schemathesis.BaseSchema:
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
    ],
)
def test_api_conforms_to_its_schema(case: schemathesis.Case, session: Session, settings: Settings) -> None:
    headers = {"Authorization": f"Bearer {token_for(session, settings, 'admin')}"}
    # positive_data_acceptance expects every schema-valid request to succeed; a registry cannot
    # promise that (an unknown region code or a forged cursor is well-formed but wrong), and those
    # answers are checked by the other checks for status, content type and body shape.
    case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])
