"""Adding, editing, showing and deleting one meeting."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from meetings.countries import resolve_country
from meetings.dates import PartialDate
from meetings.errors import InvalidInput, NotFound
from meetings.fields import (
    MEETING_FIELDS,
    PERSON,
    TEXT_FIELDS,
    AttendeeRecord,
    Kind,
    MeetingRecord,
    SourceRecord,
    is_id,
)
from meetings.models import Meeting
from meetings.services import shared
from meetings.services.normal import normalize
from meetings.services.writer import MeetingWriter
from meetings.text import match_key


def add_meeting(*, session: Session, data: MeetingRecord) -> int:
    """Validate every field, then add the meeting with its attendees, topics and sources; returns its id."""
    normal = normalize(data)
    _check_parent(session, normal.sideline_of)
    writer = MeetingWriter(session)
    [meeting_id] = writer.add([normal], [None])
    if normal.sideline_of is not None:
        writer.link_parents([(meeting_id, normal.sideline_of)])
    return meeting_id


def replace_meeting(*, session: Session, meeting_id: int, data: MeetingRecord,
                    writer: MeetingWriter | None = None) -> None:
    """Give an existing meeting every field of `data`, validated as for a new one."""
    get_meeting(session=session, meeting_id=meeting_id)
    normal = normalize(data)
    if normal.sideline_of == meeting_id:
        raise InvalidInput("sideline_of", "a meeting cannot be on its own sidelines")
    if normal.sideline_of is not None and normal.sideline_of in _descendants(session, meeting_id):
        raise InvalidInput("sideline_of", f"meeting {normal.sideline_of} is itself on the sidelines of {meeting_id}")
    _check_parent(session, normal.sideline_of)
    (writer or MeetingWriter(session)).replace(meeting_id, normal)


def _check_parent(session: Session, parent_id: int | None) -> None:
    if parent_id is not None and session.scalar(select(Meeting.id).where(Meeting.id == parent_id)) is None:
        raise InvalidInput("sideline_of", f"there is no meeting {parent_id}; give the id of a recorded meeting")


def _descendants(session: Session, meeting_id: int) -> set[int]:
    found: set[int] = set()
    frontier = [meeting_id]
    while frontier:
        children = list(session.scalars(select(Meeting.id).where(Meeting.parent_id.in_(frontier))))
        frontier = [c for c in children if c not in found]
        found.update(frontier)
    return found


def meeting_input(*, session: Session, meeting_id: int) -> MeetingRecord:
    """A recorded meeting as the record that would record it again: the start of every edit."""
    meeting = get_meeting(session=session, meeting_id=meeting_id)
    return MeetingRecord(
        id=meeting.id,
        date=PartialDate.stored(meeting.start_date, meeting.start_precision).isoformat(),
        end_date=PartialDate.stored(meeting.end_date, meeting.end_precision).isoformat()
        if meeting.end_date and meeting.end_precision else None,
        attendees=[
            AttendeeRecord(name=a.person.name if a.person else None, country=a.country.code if a.country else None,
                           role=a.role, rank=a.rank, host=a.is_host, chair=a.is_chair,
                           kind=a.person.kind if a.person else PERSON)
            for a in meeting.attendances
        ],
        **{f.name: getattr(meeting, f.column) for f in TEXT_FIELDS if f.column},
        venue_country=meeting.venue_country.code if meeting.venue_country else None,
        kind=meeting.kind,
        organization=meeting.organization.acronym if meeting.organization else None,
        sideline_of=meeting.parent_id,
        topics=[t.name for t in meeting.topics],
        sources=[SourceRecord(reference=s.reference, publisher=s.publisher,
                              published=s.published_on.isoformat() if s.published_on else None)
                 for s in meeting.sources],
    )


def get_meeting(*, session: Session, meeting_id: int) -> Meeting:
    meeting = session.get(Meeting, meeting_id) if is_id(meeting_id) else None
    if meeting is None:
        raise NotFound(f"there is no meeting {meeting_id}")
    return meeting


def delete_meeting(*, session: Session, meeting_id: int) -> None:
    """Delete one meeting. Its sideline meetings stay, detached from it."""
    get_meeting(session=session, meeting_id=meeting_id)
    MeetingWriter(session).remove([meeting_id])


# The fields an edit sets to a value given as text ('' empties them).
_SCALAR = (Kind.DATE, Kind.LINE, Kind.BLOCK, Kind.COUNTRY, Kind.MEETING_KIND, Kind.ORGANIZATION)


@dataclass
class MeetingChanges:
    """What `meetings edit` changes; what it leaves out stays as it is."""

    values: dict[str, str] = field(default_factory=dict)  # a field's new text, by name ('' empties it)
    sideline_of: int | None = None  # 0 detaches the meeting from its parent
    attendees: list[AttendeeRecord] | None = None  # replaces every attendee
    topics: list[str] | None = None  # replaces every topic
    sources: list[SourceRecord] | None = None  # replaces every source
    add_attendees: list[AttendeeRecord] = field(default_factory=list)
    remove_attendees: list[str] = field(default_factory=list)
    add_topics: list[str] = field(default_factory=list)
    remove_topics: list[str] = field(default_factory=list)
    add_sources: list[SourceRecord] = field(default_factory=list)


def edit_meeting(*, session: Session, meeting_id: int, changes: MeetingChanges) -> None:
    """Apply changes to a meeting; the result is validated as a whole, like a new meeting."""
    data = meeting_input(session=session, meeting_id=meeting_id)
    for f in MEETING_FIELDS:
        if f.kind in _SCALAR and f.name in changes.values:
            setattr(data, f.name, changes.values[f.name] or None)
    if changes.values.get("date") == "":
        raise InvalidInput("date", "cannot be emptied; give YYYY, YYYY-MM or YYYY-MM-DD")
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
            raise InvalidInput("remove_topics", f"{text!r} is not a topic of meeting {meeting_id}; "
                                                 f"its topics: {', '.join(data.topics) or 'none'}")
        data.topics = [t for t in data.topics if match_key(t) != key]
    data.topics += changes.add_topics
    data.sources += changes.add_sources
    replace_meeting(session=session, meeting_id=meeting_id, data=data)


def _without_attendee(session: Session, attendees: list[AttendeeRecord], text: str) -> list[AttendeeRecord]:
    """Attendees less the one named (by any of their names), or the unnamed ones of a country."""
    person = shared.find_person(session, text)
    key = match_key(person.name if person else text)
    kept = [a for a in attendees if not (a.name and match_key(a.name) == key)]
    if len(kept) < len(attendees):
        return kept
    try:
        code = resolve_country(text, field="remove_attendees").code
    except InvalidInput:
        code = None
    if code is not None:
        kept = [a for a in attendees if a.name or resolve_country(a.country or "").code != code]
        if len(kept) < len(attendees):
            return kept
    present = ", ".join(a.name or f"({a.role}, {a.country})" for a in attendees)
    raise InvalidInput("remove_attendees", f"{text!r} is not an attendee; the attendees are: {present}")
