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
    # Each a person's name as folded words, every one a whole word of one of the person's names
    # (a word ending in "*" starts one); any of the people.
    people: tuple[tuple[str, ...], ...] = ()
    # Casefolded fragments; an attendee's role contains one of them (the attendee matched by
    # `people`, else one of `countries`/`any_countries`, when those are given).
    roles: tuple[str, ...] = ()
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    topics: tuple[str, ...] = ()  # folded topic fragments; any of them
    organizations: tuple[str, ...] = ()  # folded acronyms; any of them
    kinds: tuple[str, ...] = ()  # any of these kinds
    venues: tuple[str, ...] = ()  # casefolded venue fragments; any of them
    venue_countries: tuple[str, ...] = ()  # ISO codes; any of them
    sideline_of: int | None = None
    search: str | None = None  # full-text query
    sort: str = "-date"
    limit: int | None = None  # None: every match
    offset: int = 0
