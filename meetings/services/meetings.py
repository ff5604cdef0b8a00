"""Adding, finding, showing and deleting meetings."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from meetings.countries import resolve_country
from meetings.dates import PartialDate
from meetings.errors import InvalidInput, NotFound
from meetings.models import (
    NAME_LENGTH,
    PLACE_LENGTH,
    RANK_LENGTH,
    ROLE_LENGTH,
    SUMMARY_LENGTH,
    TITLE_LENGTH,
    Attendance,
    Meeting,
    MeetingKind,
)
from meetings.services import records
from meetings.text import clean, clean_block, match_key

ATTENDEE_FORMAT = '"NAME, COUNTRY[, ROLE]" (for example "Sergei Shoigu, Russia, Minister of Defence")'
KINDS = ", ".join(kind.value for kind in MeetingKind)
# A comma that is not escaped with a backslash separates the parts of an attendee.
_UNESCAPED_COMMA = re.compile(r"(?<!\\),")


@dataclass
class AttendeeInput:
    name: str | None = None
    country: str | None = None
    role: str | None = None
    rank: str | None = None
    host: bool = False
    chair: bool = False

    @classmethod
    def parse(cls, text: str, *, field: str = "--attendee") -> AttendeeInput:
        """Read "NAME, COUNTRY[, ROLE]"; everything after the second comma is the role.

        The name may be left empty when a role is given (", Russia, President").
        A comma inside a name is written as "\\,".
        """
        parts = _UNESCAPED_COMMA.split(text, maxsplit=2)
        if len(parts) < 2:
            raise InvalidInput(field, f"{text!r} is not {ATTENDEE_FORMAT}")
        name, country = (part.replace("\\,", ",").strip() for part in parts[:2])
        role = parts[2].strip() if len(parts) == 3 else None
        return cls(name=name or None, country=country, role=role or None)


@dataclass
class SourceInput:
    reference: str
    publisher: str | None = None
    published: str | None = None


@dataclass
class MeetingInput:
    date: str
    attendees: list[AttendeeInput]
    title: str | None = None
    end_date: str | None = None
    venue: str | None = None
    venue_country: str | None = None
    kind: str | None = None
    organization: str | None = None
    sideline_of: int | None = None
    topics: list[str] = field(default_factory=list)
    sources: list[SourceInput] = field(default_factory=list)
    summary: str | None = None


def default_title(country_names: Iterable[str]) -> str:
    names = list(dict.fromkeys(country_names))
    if not names:
        return "Meeting"
    if len(names) > 4:
        return f"{'–'.join(names[:3])} and {len(names) - 3} more: meeting"
    return f"{'–'.join(names)} meeting"


def default_kind(country_count: int) -> MeetingKind:
    if country_count == 2:
        return MeetingKind.BILATERAL
    if country_count > 2:
        return MeetingKind.MULTILATERAL
    return MeetingKind.OTHER


def add_meeting(*, session: Session, data: MeetingInput) -> Meeting:
    """Validate every field, then add the meeting with its attendees, topics and sources."""
    start = PartialDate.parse(data.date, field="--date")
    end = PartialDate.parse(data.end_date, field="--end-date") if data.end_date else None
    if end is not None and end.last_day < start.first_day:
        raise InvalidInput("--end-date", f"{end} is before the start date {start}")
    if not data.attendees:
        raise InvalidInput("--attendee", f"at least one attendee is required: {ATTENDEE_FORMAT}")
    kind = None
    if data.kind:
        kind = data.kind.strip().lower()
        if kind not in {k.value for k in MeetingKind}:
            raise InvalidInput("--kind", f"{data.kind!r} is not a kind; use one of {KINDS}")
    attendees = [_checked_attendee(attendee) for attendee in data.attendees]
    names = [match_key(a.name) for a in attendees if a.name]
    repeated = next((name for name in names if names.count(name) > 1), None)
    if repeated is not None:
        raise InvalidInput("--attendee", f"{repeated!r} is listed twice")
    country_names = [resolve_country(a.country or "", field="--attendee country").name for a in attendees]
    topic_texts = {match_key(text): text for text in reversed(data.topics)}
    source_inputs = {item.reference.strip(): item for item in reversed(data.sources)}

    meeting = Meeting(
        title=clean(data.title, field="--title", max_length=TITLE_LENGTH) or default_title(country_names),
        kind=kind or default_kind(len(set(country_names))).value,
        start_date=start.first_day,
        start_precision=start.precision.value,
        end_date=end.first_day if end else None,
        end_precision=end.precision.value if end else None,
        last_day=(end or start).last_day,
        venue=clean(data.venue, field="--venue", max_length=PLACE_LENGTH),
        summary=clean_block(data.summary, field="--summary", max_length=SUMMARY_LENGTH),
    )
    # In the session before anything is attached, so that what it points at cascades with it.
    session.add(meeting)
    if data.venue_country:
        meeting.venue_country = records.country(session, data.venue_country, field="--venue-country")
    if data.organization:
        meeting.organization = records.organization(session, data.organization)
    if data.sideline_of is not None:
        parent = session.get(Meeting, data.sideline_of)
        if parent is None:
            raise InvalidInput("--sideline-of", f"there is no meeting {data.sideline_of}; give the id of a recorded meeting")
        meeting.parent = parent
    for position, attendee in enumerate(attendees):
        meeting.attendances.append(Attendance(
            person=records.person(session, attendee.name) if attendee.name else None,
            country=records.country(session, attendee.country or "", field="--attendee country"),
            role=attendee.role,
            rank=attendee.rank,
            is_host=attendee.host,
            is_chair=attendee.chair,
            position=position,
        ))
    meeting.topics = [records.topic(session, text) for text in reversed(topic_texts.values())]
    meeting.sources = [
        records.source(
            session, item.reference,
            publisher=clean(item.publisher, field="source publisher", max_length=NAME_LENGTH),
            published_on=PartialDate.parse(item.published, field="source published").first_day if item.published else None,
        )
        for item in reversed(source_inputs.values())
    ]
    session.flush()
    return meeting


def _checked_attendee(attendee: AttendeeInput) -> AttendeeInput:
    name = clean(attendee.name, field="--attendee name", max_length=NAME_LENGTH)
    role = clean(attendee.role, field="--attendee role", max_length=ROLE_LENGTH)
    rank = clean(attendee.rank, field="--attendee rank", max_length=RANK_LENGTH)
    if name is not None and not match_key(name):
        raise InvalidInput("--attendee name", f"{name!r} has no letters; give the person's name")
    if name is None and role is None:
        raise InvalidInput("--attendee name", f"a name is required (or an empty name and a role: \", Russia, President\"); use {ATTENDEE_FORMAT}")
    if not attendee.country or not attendee.country.strip():
        raise InvalidInput("--attendee country", f"a country is required; use {ATTENDEE_FORMAT}")
    return AttendeeInput(name=name, country=attendee.country, role=role, rank=rank,
                         host=bool(attendee.host), chair=bool(attendee.chair))


def get_meeting(*, session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id)
    if meeting is None:
        raise NotFound(f"there is no meeting {meeting_id}")
    return meeting


def delete_meeting(*, session: Session, meeting_id: int) -> Meeting:
    """Delete one meeting. Its sideline meetings stay, detached from it."""
    meeting = get_meeting(session=session, meeting_id=meeting_id)
    session.delete(meeting)
    session.flush()
    return meeting


def find_duplicate(*, session: Session, meeting: Meeting) -> int | None:
    """The id of another meeting with the same date, venue country and set of attendees
    (country and person), if there is one."""
    signature = _signature(meeting)
    candidates = session.scalars(
        select(Meeting).where(
            Meeting.start_date == meeting.start_date,
            Meeting.start_precision == meeting.start_precision,
            Meeting.venue_country_code.is_(None) if meeting.venue_country is None
            else Meeting.venue_country_code == meeting.venue_country.code,
            Meeting.id != meeting.id if meeting.id is not None else Meeting.id.is_not(None),
        )
    )
    for candidate in candidates:
        if _signature(candidate) == signature:
            return candidate.id
    return None


def _signature(meeting: Meeting) -> frozenset[tuple[str | None, str | None]]:
    return frozenset(
        (a.country.code if a.country else None, a.person.key if a.person else a.role)
        for a in meeting.attendances
    )
