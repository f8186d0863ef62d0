"""Base for every request body: unknown fields rejected, text checked for storable characters."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, field_validator
from pydantic_core import PydanticCustomError


def _bad_text(value: Any) -> str | None:
    if isinstance(value, str):
        if "\x00" in value:
            return "must not contain NUL characters"
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return "contains characters that are not valid Unicode"
        return None
    if isinstance(value, list | tuple):
        for item in value:
            if (problem := _bad_text(item)) is not None:
                return problem
    return None


class InputModel(BaseModel):
    """extra='forbid' makes mass assignment impossible; the text check keeps PostgreSQL from
    refusing the row later with a 500 (it cannot store NUL bytes or lone surrogates)."""

    model_config = ConfigDict(extra="forbid")

    @field_validator("*", mode="before")
    @classmethod
    def _storable_text(cls, value: Any) -> Any:
        if (problem := _bad_text(value)) is not None:
            raise ValueError(problem)
        return value


def field_problem(field: str, code: str, message: str) -> PydanticCustomError:
    """A model-level check that names its field: the 422 handler appends `field` to the error's loc."""
    return PydanticCustomError(code, message, {"field": field})


def _iso_date_only(value: Any) -> Any:
    # Pydantic's lax mode would read 0 as 1970-01-01 (a Unix timestamp); a calendar date is "YYYY-MM-DD".
    if isinstance(value, date | str):
        return value
    raise ValueError("a date is written YYYY-MM-DD")


Day = Annotated[date, BeforeValidator(_iso_date_only)]
