"""Partial dates: "2001", "2023-04" and "2023-04-28" are all real dates here.

A partial date stands for an interval of days: "2023-04" is 1 to 30 April 2023.
It is stored as its first day plus a precision, and printed back at that precision.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
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
        try:
            return _parsed(text)
        except InvalidInput as exc:
            raise InvalidInput(field, exc.detail) from None

    @classmethod
    def _parse(cls, text: str, field: str) -> PartialDate:
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

    @staticmethod
    def sortable(first_day: dt.date, precision: str) -> str:
        """A stored date and its precision as one string that sorts as the dates do ("2023-04-28day"),
        as the aggregates take their first and last (stats.DATED writes the same in SQL)."""
        return f"{first_day.isoformat()}{precision}"

    @classmethod
    def from_sortable(cls, dated: str | None) -> str | None:
        """The date a `sortable` string stands for, as ISO text at its precision ("2023-04")."""
        if dated is None:
            return None
        return cls.stored(dt.date.fromisoformat(dated[:10]), dated[10:]).isoformat()

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


@functools.lru_cache(maxsize=1 << 16)
def _parsed(text: str) -> PartialDate:
    """PartialDate.parse, remembered per text: an archive's dates repeat (a few thousand distinct
    days a decade). A refused text is not remembered; it is refused again under the field asked."""
    return PartialDate._parse(text, "--date")


# Dates as registers publish them ------------------------------------------------------------

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
PUBLISHED = ("2023-03-03, 3 March 2023, March 3, 2023, March 2023, August, 2010, a range such as "
             "3–5 March 2023, or the forms --date-format names")
AUTO = "auto"


@dataclass(frozen=True, slots=True)
class DateReading:
    """How to read the dates of a file: strftime formats tried in order (AUTO stands for the forms
    that need none), the year of dates that give none, and which comes first in 03/04/2012."""

    formats: tuple[str, ...] = (AUTO,)
    year: int | None = None
    day_first: bool | None = None


def month_number(word: str) -> int | None:
    """1-12 for an English month name, its abbreviation ("Sept.") or a longer unique prefix ("Marc")."""
    text = word.strip().rstrip(".").casefold()
    if len(text) < 3 or not text.isalpha():
        return None
    found = [number for number, name in enumerate(MONTH_NAMES, start=1) if name.startswith(text)]
    if text == "sept":
        return 9
    return found[0] if len(found) == 1 else None


_DASH = r"\s*(?:-|–|—|\bto\b|\buntil\b)\s*"
_M = r"([A-Za-z]{3,}\.?)"
_D = r"(\d{1,2})(?:st|nd|rd|th)?"
_Y = r"(\d{4})"
# Each published form: a pattern, and the (day, month, year) groups of its start and of its end.
_FORMS: tuple[tuple[re.Pattern[str], tuple[int | None, int | None, int | None],
                    tuple[int | None, int | None, int | None] | None], ...] = tuple(
    (re.compile(pattern, re.IGNORECASE), start, end) for pattern, start, end in (
        (rf"{_D}\s+(?:of\s+)?{_M},?\s+{_Y}", (1, 2, 3), None),                     # 3 March 2023
        (rf"{_M}\s+{_D},?\s+{_Y}", (2, 1, 3), None),                               # March 3, 2023
        (rf"{_M},?\s+{_Y}", (None, 1, 2), None),                                   # August, 2010
        (rf"{_D}\s+(?:of\s+)?{_M}", (1, 2, None), None),                           # 3 March (--year)
        (rf"{_M}\s+{_D}", (2, 1, None), None),                                     # March 3 (--year)
        (rf"{_M}", (None, 1, None), None),                                         # January (--year)
        (rf"{_D}{_DASH}{_D}\s+{_M},?\s+{_Y}", (1, 3, 4), (2, 3, 4)),               # 3–5 March 2023
        (rf"{_D}\s+{_M}{_DASH}{_D}\s+{_M},?\s+{_Y}", (1, 2, 5), (3, 4, 5)),        # 28 February–2 March 2023
        (rf"{_M}\s+{_D}{_DASH}{_D},?\s+{_Y}", (2, 1, 4), (3, 1, 4)),               # March 3–5, 2023
        (rf"{_M}\s+{_D}{_DASH}{_M}\s+{_D},?\s+{_Y}", (2, 1, 5), (4, 3, 5)),        # February 28–March 2, 2023
        (rf"{_M}{_DASH}{_M},?\s+{_Y}", (None, 1, 3), (None, 2, 3)),                # March–April 2023
        (rf"{_D}{_DASH}{_D}\s+{_M}", (1, 3, None), (2, 3, None)),                  # 3–5 March (--year)
    ))
_NUMERIC = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4})")
_MONTH_DASH_YEAR = re.compile(rf"{_M}[-/ ](\d{{2}})")
_ISO_RANGE = re.compile(rf"([0-9]{{4}}(?:-[0-9]{{2}}){{0,2}})(?:/|{_DASH})([0-9]{{4}}(?:-[0-9]{{2}}){{0,2}})")


def read_published(text: str, reading: DateReading = DateReading(), *,
                   field: str = "date") -> tuple[PartialDate, PartialDate | None]:
    """A date as a register publishes it: its start, and its end where it gives a range."""
    cleaned = " ".join((text or "").split())
    if not cleaned:
        raise InvalidInput(field, "a date is required")
    problems: list[str] = []
    for form in reading.formats:
        try:
            return _auto(cleaned, reading, field) if form == AUTO else (_strftime(cleaned, form, reading, field), None)
        except InvalidInput as exc:
            problems.append(exc.detail)
    if len(reading.formats) == 1:
        raise InvalidInput(field, problems[0])
    named = ", ".join("the forms that need no format" if f == AUTO else repr(f) for f in reading.formats)
    raise InvalidInput(field, f"{text.strip()!r} matches none of {named}")


def _strftime(text: str, form: str, reading: DateReading, field: str) -> PartialDate:
    codes = set(re.findall(r"%(.)", form))
    try:
        parsed = dt.datetime.strptime(text, form).date()
    except ValueError:
        raise InvalidInput(field, f"{text!r} does not match --date-format {form!r}") from None
    if not codes & {"Y", "y", "G"}:
        parsed = _with_year(parsed.month, parsed.day, text, reading, field)
    precision = (Precision.DAY if codes & {"d", "j", "e"} else
                 Precision.MONTH if codes & {"m", "b", "B"} else Precision.YEAR)
    return PartialDate(parsed, precision)


def _with_year(month: int, day: int, text: str, reading: DateReading, field: str) -> dt.date:
    if reading.year is None:
        raise InvalidInput(field, f"{text!r} gives no year; give it with --year")
    try:
        return dt.date(reading.year, month, day)
    except ValueError:
        raise InvalidInput(field, f"{text!r} is not a calendar date in {reading.year}") from None


def _auto(text: str, reading: DateReading, field: str) -> tuple[PartialDate, PartialDate | None]:
    if _PATTERN.fullmatch(text):
        return PartialDate.parse(text, field=field), None
    match = _ISO_RANGE.fullmatch(text)
    if match:
        return _ordered(PartialDate.parse(match[1], field=field), PartialDate.parse(match[2], field=field),
                        text, field)
    match = _NUMERIC.fullmatch(text)
    if match:
        return _numeric(match, text, reading, field), None
    match = _MONTH_DASH_YEAR.fullmatch(text)
    if match and month_number(match[1]):
        raise InvalidInput(field, f"{text!r} is ambiguous (a month and year, or a day?); say which with "
                                  f"--date-format, for example %b-%y for Oct-12 as October 2012")
    for pattern, start, end in _FORMS:
        match = pattern.fullmatch(text)
        if match:
            first = _part(match, start, text, reading, field)
            last = _part(match, end, text, reading, field) if end else None
            return _ordered(first, last, text, field) if last else (first, None)
    raise InvalidInput(field, f"{text!r} is not a date; use {PUBLISHED}")


def _part(match: re.Match[str], groups: tuple[int | None, int | None, int | None], text: str,
          reading: DateReading, field: str) -> PartialDate:
    day_group, month_group, year_group = groups
    assert month_group is not None
    month = month_number(match[month_group])
    if month is None:
        raise InvalidInput(field, f"{text!r}: {match[month_group]!r} is not a month")
    day = int(match[day_group]) if day_group else 1
    if year_group is None:
        first = _with_year(month, day, text, reading, field)
    else:
        try:
            first = dt.date(int(match[year_group]), month, day)
        except ValueError:
            raise InvalidInput(field, f"{text!r} is not a calendar date") from None
    return PartialDate(first, Precision.DAY if day_group else Precision.MONTH)


def _numeric(match: re.Match[str], text: str, reading: DateReading, field: str) -> PartialDate:
    a, b, year = int(match[1]), int(match[3]), int(match[4])
    day_first = reading.day_first
    if day_first is None:
        # Even where one reading is impossible (28/04/2012), the file's other dates may not be.
        hint = (f" ({a} {MONTH_NAMES[b - 1].title()} or {MONTH_NAMES[a - 1].title()} {b}?)" if a <= 12 and b <= 12
                and a != b else "")
        raise InvalidInput(field, f"{text!r} is ambiguous{hint}: say whether the day or the month comes first "
                                  "with --day-first or --month-first, or give --date-format")
    day, month = (a, b) if day_first else (b, a)
    try:
        return PartialDate(dt.date(year, month, day), Precision.DAY)
    except ValueError:
        raise InvalidInput(field, f"{text!r} is not a calendar date") from None


def _ordered(first: PartialDate, last: PartialDate, text: str, field: str) -> tuple[PartialDate, PartialDate | None]:
    if last.last_day < first.first_day:
        raise InvalidInput(field, f"{text!r} ends before it starts")
    return first, (None if last == first else last)
