"""The one filter object every listing command builds and every query reads."""

from __future__ import annotations

from dataclasses import dataclass

from meetings.dates import PartialDate

# --sort values and the columns they order by (an allowlist: nothing else reaches ORDER BY).
SORTS = ("date", "-date", "title", "-title", "id", "-id", "venue", "-venue")


@dataclass(frozen=True)
class MeetingFilter:
    """Which meetings a command is about. Values are already validated and resolved.

    Dates are compared as intervals: a meeting matches ``date_from`` when it may have run on or
    after its first day, and ``date_to`` when it may have run on or before its last day. So
    ``--from 2023-04`` keeps a meeting dated only "2023", and ``--to 2023-04`` keeps one dated
    "2023-04-28".
    """

    countries: tuple[str, ...] = ()  # ISO codes; every one must be represented by an attendee
    any_countries: tuple[str, ...] = ()  # ISO codes; at least one must be represented
    person_words: tuple[str, ...] = ()  # folded words that all start words of one of a person's names
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    topic: str | None = None  # folded topic fragment
    organization: str | None = None  # folded acronym
    kind: str | None = None
    venue: str | None = None  # folded venue fragment
    venue_country: str | None = None  # ISO code
    sideline_of: int | None = None
    search: str | None = None  # full-text query
    sort: str = "-date"
    limit: int | None = None  # None: every match
    offset: int = 0
