"""Recognising a meeting that may be recorded already: same start date (and precision) and set of
attendees (country with person, or with role for the unnamed); see meetings.signature."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from meetings.models import Attendance, Meeting, Person
from meetings.services.normal import normalize
from meetings.signature import Signature, signature


def existing_signatures(session: Session, dates: Iterable[dt.date], *, up_to_id: int | None = None,
                        skip_ids: set[int] | None = None) -> dict[Signature, list[int]]:
    """Signatures of the recorded meetings that start on these days, mapped to their ids (oldest first).

    `up_to_id` and `skip_ids` leave out meetings an import is adding itself (it knows those).
    """
    days = sorted(set(dates))
    result: dict[Signature, list[int]] = {}
    for start in range(0, len(days), 500):
        chunk = days[start:start + 500]
        query = select(Meeting.id, Meeting.start_date, Meeting.start_precision).where(
            Meeting.start_date.in_(chunk)).order_by(Meeting.id)
        if up_to_id is not None:
            query = query.where(Meeting.id <= up_to_id)
        meetings = {
            mid: (day, precision)
            for mid, day, precision in session.execute(query)
            if not (skip_ids and mid in skip_ids)
        }
        attendees: dict[int, set[tuple[str | None, str | None]]] = defaultdict(set)
        ids = list(meetings)
        for offset in range(0, len(ids), 500):
            for mid, country, key, role in session.execute(
                select(Attendance.meeting_id, Attendance.country_code, Person.key, Attendance.role)
                .outerjoin(Person, Person.id == Attendance.person_id)
                .where(Attendance.meeting_id.in_(ids[offset:offset + 500]))
            ):
                attendees[mid].add((country, key or role))
        for mid, (day, precision) in meetings.items():
            result.setdefault(signature(day, precision, attendees[mid]), []).append(mid)
    return result


def recorded_content(session: Session, meeting_id: int) -> tuple[Any, ...]:
    """A recorded meeting's visible fields, as NormalMeeting.content gives them for a record."""
    from meetings.services.editing import meeting_input

    return normalize(meeting_input(session=session, meeting_id=meeting_id)).content
