"""frontend/src/i18n/server-codes.json lists the codes the backend names (tests/problem_codes.py)."""

from __future__ import annotations

from tests import problem_codes


def test_server_codes_json_is_current() -> None:
    assert problem_codes.TARGET.read_text(encoding="utf-8") == problem_codes.render(), (
        "stale: run .venv/bin/python -m tests.problem_codes, then give each new code a text in "
        "frontend/src/i18n/id.ts and en.ts (serverErrors)"
    )


def test_the_extractor_finds_codes_of_every_kind() -> None:
    codes = set(problem_codes.backend_codes())
    # A class attribute, a keyword, field_error's argument, field_problem's, a helper's `code` parameter,
    # and a `code` parameter's default value.
    assert {
        "not_found",
        "rule_blocked",
        "unknown_document",
        "term_order",
        "period_cadence",
        "url_not_allowed",
    } <= codes
    assert "R31" not in codes  # rule ids are shown with the finding's own message
