"""Partial dates: "2001", "2023-04" and "2023-04-28" are all real dates here.

A partial date stands for an interval of days: "2023-04" is 1 to 30 April 2023.
It is stored as its first day plus a precision, and printed back at that precision.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from enum import StrEnum

from meetings.errors import InvalidInput

ACCEPTED = "YYYY, YYYY-MM or YYYY-MM-DD (for example 2023, 2023-04 or 2023-04-28)"
_PATTERN = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")


class Precision(StrEnum):
    DAY = "day"
    MONTH = "month"
    YEAR = "year"


@dataclass(frozen=True, slots=True)
class PartialDate:
    first_day: dt.date
    precision: Precision

    @classmethod
    def parse(cls, text: str, *, field: str = "--date") -> PartialDate:
        match = _PATTERN.fullmatch(text.strip())
        if not match:
            raise InvalidInput(field, f"{text!r} is not a date; use {ACCEPTED}")
        year, month, day = match.groups()
        try:
            first = dt.date(int(year), int(month or 1), int(day or 1))
        except ValueError:
            raise InvalidInput(field, f"{text!r} is not a calendar date; use {ACCEPTED}") from None
        if first.year < 1:
            raise InvalidInput(field, f"{text!r} is out of range; use {ACCEPTED}")
        precision = Precision.DAY if day else Precision.MONTH if month else Precision.YEAR
        return cls(first, precision)

    @classmethod
    def stored(cls, first_day: dt.date, precision: str) -> PartialDate:
        return cls(first_day, Precision(precision))

    @property
    def last_day(self) -> dt.date:
        d = self.first_day
        if self.precision is Precision.YEAR:
            return dt.date(d.year, 12, 31)
        if self.precision is Precision.MONTH:
            return dt.date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])
        return d

    def isoformat(self) -> str:
        d = self.first_day
        if self.precision is Precision.YEAR:
            return f"{d.year:04d}"
        if self.precision is Precision.MONTH:
            return f"{d.year:04d}-{d.month:02d}"
        return d.isoformat()

    def __str__(self) -> str:
        return self.isoformat()
