"""The one filter object every listing command builds and every query reads."""

from __future__ import annotations

from dataclasses import dataclass

from meetings.dates import PartialDate


@dataclass(frozen=True)
class MeetingFilter:
    """Which meetings a command is about. Values are already validated and resolved.

    Dates are compared as intervals: a meeting matches ``date_from`` when it may have run on or
    after its first day, and ``date_to`` when it may have run on or before its last day. So
    ``--from 2023-04`` keeps a meeting dated only "2023", and ``--to 2023-04`` keeps one dated
    "2023-04-28".
    """

    countries: tuple[str, ...] = ()  # ISO codes; every one must be represented by an attendee
    person: str | None = None  # folded name fragment
    date_from: PartialDate | None = None
    date_to: PartialDate | None = None
    topic: str | None = None  # folded topic fragment
    organization: str | None = None  # folded acronym or name
    kind: str | None = None
    limit: int | None = None  # None: every match
