"""Base for every request body: unknown fields rejected, text checked for storable characters."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, field_validator
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

    @field_validator("*", mode="after")
    @classmethod
    def _dates_in_range(cls, value: Any) -> Any:
        """A safety net for a plain `date` field that should have been a BoundedDate."""
        if isinstance(value, list | tuple):
            for item in value:
                _date_in_range(item)
            return value
        return _date_in_range(value)


def field_problem(field: str, code: str, message: str) -> PydanticCustomError:
    """A model-level check that names its field: the 422 handler appends `field` to the error's loc."""
    return PydanticCustomError(code, message, {"field": field})


def _iso_date_only(value: Any) -> Any:
    # Pydantic's lax mode would read 0 (or "0", as a query string sends it) as 1970-01-01 (a Unix
    # timestamp); a calendar date is "YYYY-MM-DD".
    if isinstance(value, date) or (isinstance(value, str) and _ISO_DAY.fullmatch(value)):
        return value
    raise ValueError("a date is written YYYY-MM-DD")


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


# Every date the API accepts lies in this range: older or later dates are typing mistakes (9999-12-31),
# and the working-day calendar and date arithmetic overflow on them (a 500 before this bound).
MIN_DATE = date(1945, 1, 1)
MAX_DATE = date(2100, 12, 31)
DATE_RANGE_CODE = "date_out_of_range"


def _date_in_range(value: Any) -> Any:
    if type(value) is date and not MIN_DATE <= value <= MAX_DATE:
        raise PydanticCustomError(
            DATE_RANGE_CODE,
            "must be between {min} and {max}",
            {"min": MIN_DATE.isoformat(), "max": MAX_DATE.isoformat()},
        )
    return value


Day = Annotated[date, BeforeValidator(_iso_date_only), AfterValidator(_date_in_range)]
# The name the request schemas and query parameters use: a YYYY-MM-DD date within MIN_DATE..MAX_DATE.
BoundedDate = Day
