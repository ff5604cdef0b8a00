"""When two records may be one meeting: the same start date (and precision) and the same set of
attendees (each a country with a person's folded name, or with a role for the unnamed). Records
that share it are an exact duplicate when every field a user sees is the same too
(`NormalMeeting.content`), and a probable duplicate otherwise: kept, and queued for review.

Built here alone, from a record about to be written and from the rows of a recorded meeting."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

Signature = tuple[dt.date, str, frozenset[tuple[str | None, str | None]]]


def signature(start: dt.date, precision: str, attendees: Iterable[tuple[str | None, str | None]]) -> Signature:
    """`attendees`: (country code, person key or, for an unnamed attendee, role) pairs."""
    return (start, precision, frozenset(attendees))
