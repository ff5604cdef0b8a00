"""What makes two records one meeting: the same start date (and precision), venue country, and
set of attendees (each a country with a person's folded name, or with a role for the unnamed).

Built here alone, from a record about to be written and from the rows of a recorded meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

Signature = tuple[dt.date, str, str | None, frozenset[tuple[str | None, str | None]]]


def signature(start: dt.date, precision: str, venue_country: str | None,
              attendees: Iterable[tuple[str | None, str | None]]) -> Signature:
    """`attendees`: (country code, person key or, for an unnamed attendee, role) pairs."""
    return (start, precision, venue_country, frozenset(attendees))
