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
from meetings.services import records, search
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
    meeting = _apply(session, Meeting(), data)
    search.refresh(session, [meeting.id])
    return meeting


def replace_meeting(*, session: Session, meeting_id: int, data: MeetingInput) -> Meeting:
    """Give an existing meeting every field of `data`, validated as for a new one."""
    meeting = get_meeting(session=session, meeting_id=meeting_id)
    if data.sideline_of == meeting_id:
        raise InvalidInput("--sideline-of", "a meeting cannot be on its own sidelines")
    if data.sideline_of is not None and data.sideline_of in _descendants(session, meeting_id):
        raise InvalidInput("--sideline-of", f"meeting {data.sideline_of} is itself on the sidelines of {meeting_id}")
    meeting.attendances.clear()
    session.flush()
    _apply(session, meeting, data)
    search.refresh(session, [meeting.id])
    return meeting


def _descendants(session: Session, meeting_id: int) -> set[int]:
    found: set[int] = set()
    frontier = [meeting_id]
    while frontier:
        children = list(session.scalars(select(Meeting.id).where(Meeting.parent_id.in_(frontier))))
        frontier = [c for c in children if c not in found]
        found.update(frontier)
    return found


def _apply(session: Session, meeting: Meeting, data: MeetingInput) -> Meeting:
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

    meeting.title = clean(data.title, field="--title", max_length=TITLE_LENGTH) or default_title(country_names)
    meeting.kind = kind or default_kind(len(set(country_names))).value
    meeting.start_date = start.first_day
    meeting.start_precision = start.precision.value
    meeting.end_date = end.first_day if end else None
    meeting.end_precision = end.precision.value if end else None
    meeting.last_day = (end or start).last_day
    meeting.venue = clean(data.venue, field="--venue", max_length=PLACE_LENGTH)
    meeting.summary = clean_block(data.summary, field="--summary", max_length=SUMMARY_LENGTH)
    # In the session before anything is attached, so that what it points at cascades with it.
    session.add(meeting)
    meeting.venue_country = (
        records.country(session, data.venue_country, field="--venue-country") if data.venue_country else None
    )
    meeting.organization = records.organization(session, data.organization) if data.organization else None
    meeting.parent = None
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


def meeting_input(*, session: Session, meeting_id: int) -> MeetingInput:
    """A recorded meeting as the input that would record it again: the start of every edit."""
    meeting = get_meeting(session=session, meeting_id=meeting_id)
    return MeetingInput(
        date=PartialDate.stored(meeting.start_date, meeting.start_precision).isoformat(),
        end_date=PartialDate.stored(meeting.end_date, meeting.end_precision).isoformat() if meeting.end_date else None,
        attendees=[
            AttendeeInput(name=a.person.name if a.person else None, country=a.country.code if a.country else None,
                          role=a.role, rank=a.rank, host=a.is_host, chair=a.is_chair)
            for a in meeting.attendances
        ],
        title=meeting.title,
        venue=meeting.venue,
        venue_country=meeting.venue_country.code if meeting.venue_country else None,
        kind=meeting.kind,
        organization=meeting.organization.acronym if meeting.organization else None,
        sideline_of=meeting.parent_id,
        topics=[t.name for t in meeting.topics],
        sources=[SourceInput(reference=s.reference, publisher=s.publisher,
                             published=s.published_on.isoformat() if s.published_on else None)
                 for s in meeting.sources],
        summary=meeting.summary,
    )


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
    search.refresh(session, [meeting_id])
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


@dataclass
class MeetingChanges:
    """What `meetings edit` changes; None leaves a field as it is."""

    date: str | None = None
    end_date: str | None = None
    title: str | None = None
    venue: str | None = None
    venue_country: str | None = None
    kind: str | None = None
    organization: str | None = None
    sideline_of: int | None = None  # 0 detaches the meeting from its parent
    summary: str | None = None
    attendees: list[AttendeeInput] | None = None  # replaces every attendee
    topics: list[str] | None = None  # replaces every topic
    sources: list[SourceInput] | None = None  # replaces every source
    add_attendees: list[AttendeeInput] = field(default_factory=list)
    remove_attendees: list[str] = field(default_factory=list)
    add_topics: list[str] = field(default_factory=list)
    remove_topics: list[str] = field(default_factory=list)
    add_sources: list[SourceInput] = field(default_factory=list)


def edit_meeting(*, session: Session, meeting_id: int, changes: MeetingChanges) -> Meeting:
    """Apply changes to a meeting; the result is validated as a whole, like a new meeting."""
    data = meeting_input(session=session, meeting_id=meeting_id)
    for name in ("date", "end_date", "title", "venue", "venue_country", "kind", "organization", "summary"):
        value = getattr(changes, name)
        if value is not None:
            setattr(data, name, value or None)
    if changes.date == "":
        raise InvalidInput("--date", "cannot be emptied; give YYYY, YYYY-MM or YYYY-MM-DD")
    if changes.sideline_of is not None:
        data.sideline_of = changes.sideline_of or None
    if changes.attendees is not None:
        data.attendees = list(changes.attendees)
    if changes.topics is not None:
        data.topics = list(changes.topics)
    if changes.sources is not None:
        data.sources = list(changes.sources)

    for text in changes.remove_attendees:
        data.attendees = _without_attendee(session, data.attendees, text)
    data.attendees += changes.add_attendees
    for text in changes.remove_topics:
        key = match_key(text)
        if key not in {match_key(t) for t in data.topics}:
            raise InvalidInput("--remove-topic", f"{text!r} is not a topic of meeting {meeting_id}; "
                                                 f"its topics: {', '.join(data.topics) or 'none'}")
        data.topics = [t for t in data.topics if match_key(t) != key]
    data.topics += changes.add_topics
    data.sources += changes.add_sources
    return replace_meeting(session=session, meeting_id=meeting_id, data=data)


def _without_attendee(session: Session, attendees: list[AttendeeInput], text: str) -> list[AttendeeInput]:
    """Attendees less the one named (by any of their names), or the unnamed ones of a country."""
    person = records.find_person(session, text)
    key = match_key(person.name if person else text)
    kept = [a for a in attendees if not (a.name and match_key(a.name) == key)]
    if len(kept) < len(attendees):
        return kept
    try:
        code = resolve_country(text, field="--remove-attendee").code
    except InvalidInput:
        code = None
    if code is not None:
        kept = [a for a in attendees if a.name or resolve_country(a.country or "").code != code]
        if len(kept) < len(attendees):
            return kept
    present = ", ".join(a.name or f"({a.role}, {a.country})" for a in attendees)
    raise InvalidInput("--remove-attendee", f"{text!r} is not an attendee; the attendees are: {present}")
