"""Dates as reports write them: "on 28 April", "April 28, 2023", "yesterday", "on Monday", a year;
and the report's own date, its dateline."""

from __future__ import annotations

import datetime as dt
import functools
import re

MONTHS = ("January February March April May June July August September October November December "
          "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()
_MONTH = "|".join(MONTHS)
DATE_EXPRESSION = re.compile(
    rf"\b(?:(?:on|On)\s+)?(?:(?:\d{{1,2}}\s+(?:{_MONTH})\.?(?:,?\s+\d{{4}})?)|(?:(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|today|yesterday|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b")
YEAR_ONLY = re.compile(r"\bin (\d{4})\b")
DATELINE = re.compile(rf"\b(\d{{4}}-\d{{2}}-\d{{2}}|(?:{_MONTH})\.? \d{{1,2}},? \d{{4}}|\d{{1,2}} (?:{_MONTH}),? \d{{4}}"
                      rf"|\d{{1,2}}/\d{{1,2}}/\d{{4}})\b")


def sentence_date(text: str, published: dt.date | None, fallback: str | None) -> tuple[str | None, str | None]:
    """(ISO date at the precision the text supports, the expression) for a sentence; the fallback
    (the report's date) with no expression when the sentence has none."""
    match = DATE_EXPRESSION.search(text)
    if match:
        expression = match.group(0)
        day = _day(expression, published)
        if day:
            return day, expression
    year = YEAR_ONLY.search(text)
    if year:
        return year.group(1), year.group(0)
    return fallback, None


_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@functools.lru_cache(maxsize=4096)
def _day(expression: str, published: dt.date | None) -> str | None:
    """An expression's day, relative to the report's date ("yesterday", "on Monday", "April 28"): the
    latest such day not after it; None for one that needs the report's date where there is none."""
    from meetings.dates import DateReading, read_published
    from meetings.errors import InvalidInput

    written = re.sub(r"^(?:on|On)\s+", "", expression).strip()
    if written in ("today", "yesterday") or written in _WEEKDAYS:
        if published is None:
            return None
        back = 0 if written == "today" else 1 if written == "yesterday" else \
            (published.weekday() - _WEEKDAYS.index(written)) % 7  # "on Monday" in Monday's report: that day
        return (published - dt.timedelta(days=back)).isoformat()
    if re.search(r"\d{4}", written):
        try:
            return read_published(written, DateReading(day_first=True))[0].first_day.isoformat()
        except InvalidInput:
            return None
    if published is None:
        return None
    for year in range(published.year, published.year - 8, -1):  # (29 February: back to a leap year)
        try:
            # The year written out, so that "May 12" is a day (import asks which "May 12" means).
            first = read_published(f"{written} {year}")[0].first_day
        except InvalidInput:
            continue
        if first <= published:
            return first.isoformat()
    return None


def published_date(text: str) -> dt.date | None:
    """The dateline: the first date in the first lines of the report."""
    from meetings.dates import DateReading, read_published
    from meetings.errors import InvalidInput

    for line in text.strip().splitlines()[:6]:
        match = DATELINE.search(line)
        if match:
            for day_first in (True, False):  # 28/04/2023 day first; 11/28/2024, where it cannot be, month first
                try:
                    return read_published(match.group(1), DateReading(day_first=day_first))[0].first_day
                except InvalidInput:
                    continue
            return None
    return None


_URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?:/|$|[^0-9])")


_FULL_MONTHS = [m.lower() for m in MONTHS[:12]]
_MONTHS_IN_URL = "|".join(_FULL_MONTHS)
# A date written in words in a page's name: ".../pm-call-with-president-biden-25-october-2022".
_URL_WORDS_DATE = re.compile(rf"(?<![0-9a-z])(?:(\d{{1,2}})-({_MONTHS_IN_URL})|({_MONTHS_IN_URL})-(\d{{1,2}}))-((?:19|20)\d\d)"
                             r"(?![0-9])", re.IGNORECASE)


def url_date(url: str | None) -> dt.date | None:
    """The date a web address gives in its path (".../readouts/2021/06/14/...", "...-25-october-2022")."""
    match = _URL_DATE.search(url or "")
    words = _URL_WORDS_DATE.search(url or "") if not match else None
    try:
        if match:
            return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        if words:
            day = words.group(1) or words.group(4)
            month = _FULL_MONTHS.index((words.group(2) or words.group(3)).lower()) + 1
            return dt.date(int(words.group(5)), month, int(day))
    except ValueError:
        return None
    return None


_BACK = re.compile(rf"\bin (?:({_MONTH}) )?(\d{{4}})\b|\blast (week|month|year)\b|\b(two|three|four|five|\d) years ago\b")
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5}


def earlier_date(text: str, published: dt.date | None) -> str | None:
    """When an earlier meeting a sentence recalls was, at the precision it gives, relative to the
    report's date ("last week", "last month", "in February 2019", "two years ago"); the report's
    year when it says nothing more (an earlier meeting is never on the report's day)."""
    match = _BACK.search(text)
    if match is None or (match.group(2) is None and published is None):
        return str(published.year) if published else None
    month, year, last, ago = match.groups()
    if year:
        return f"{year}-{MONTHS.index(month) % 12 + 1:02d}" if month else year
    assert published is not None
    if last == "week":
        return (published - dt.timedelta(days=7)).strftime("%Y-%m")
    if last == "month":
        return (published.replace(day=1) - dt.timedelta(days=1)).strftime("%Y-%m")
    return str(published.year - (1 if last else _COUNTS.get(ago, int(ago) if ago.isdigit() else 1)))
