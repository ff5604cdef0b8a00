"""Adding, finding, showing and deleting meetings."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from meetings.cells import ATTENDEE_FORMAT
from meetings.countries import Country, resolve_country
from meetings.dates import PartialDate
from meetings.errors import InvalidInput, NotFound
from meetings.fields import (
    ACRONYM_LENGTH,
    MAX_ID,
    NAME_LENGTH,
    RANK_LENGTH,
    REFERENCE_LENGTH,
    ROLE_LENGTH,
    TEXT_FIELDS,
    AttendeeRecord,
    Kind,
    MeetingRecord,
    SourceRecord,
    is_id,
)
from meetings.models import Attendance, Meeting, MeetingKind
from meetings.services import records, search
from meetings.text import clean, clean_block, match_key

KINDS = ", ".join(kind.value for kind in MeetingKind)


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


def add_meeting(*, session: Session, data: MeetingRecord) -> Meeting:
    """Validate every field, then add the meeting with its attendees, topics and sources."""
    meeting = _apply(session, Meeting(), data)
    search.refresh(session, [meeting.id])
    return meeting


def replace_meeting(*, session: Session, meeting_id: int, data: MeetingRecord) -> Meeting:
    """Give an existing meeting every field of `data`, validated as for a new one."""
    meeting = get_meeting(session=session, meeting_id=meeting_id)
    if data.sideline_of == meeting_id:
        raise InvalidInput("sideline_of", "a meeting cannot be on its own sidelines")
    if data.sideline_of is not None and data.sideline_of in _descendants(session, meeting_id):
        raise InvalidInput("sideline_of", f"meeting {data.sideline_of} is itself on the sidelines of {meeting_id}")
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


@dataclass(frozen=True)
class NormalAttendee:
    name: str | None
    key: str | None  # folded name
    country: Country
    role: str | None
    rank: str | None
    host: bool
    chair: bool


@dataclass(frozen=True)
class NormalMeeting:
    """A meeting validated and resolved, ready to be written."""

    text: dict[str, str | None]  # the text fields, by column (title, venue, summary, ...)
    kind: str
    start: PartialDate
    end: PartialDate | None
    venue_country: Country | None
    organization: str | None
    sideline_of: int | None
    attendees: tuple[NormalAttendee, ...]
    topics: tuple[tuple[str, str], ...]  # (name, key)
    sources: tuple[tuple[str, str | None, dt.date | None], ...]  # (reference, publisher, published)

    @property
    def title(self) -> str:
        return self.text["title"] or ""

    def columns(self) -> dict[str, Any]:
        """The meeting's own columns in `meetings` (not those that point at other rows)."""
        return {
            **self.text,
            "kind": self.kind,
            "start_date": self.start.first_day,
            "start_precision": self.start.precision.value,
            "end_date": self.end.first_day if self.end else None,
            "end_precision": self.end.precision.value if self.end else None,
            # The last day the meeting may have run, for plain indexed date-range filters.
            "last_day": (self.end or self.start).last_day,
            "venue_country_code": self.venue_country.code if self.venue_country else None,
        }

    @functools.cached_property
    def signature(self) -> tuple[object, ...]:
        """What makes two records one meeting: start date, venue country and who attended."""
        return (self.start.first_day, self.start.precision.value,
                self.venue_country.code if self.venue_country else None,
                frozenset((a.country.code, a.key or a.role) for a in self.attendees))


def normalize(data: MeetingRecord) -> NormalMeeting:
    """Validate every field of a meeting and resolve its countries; no database needed.

    Errors name the field (`date`, `venue_country`, `attendee.country`, ...).
    """
    start = PartialDate.parse(data.date, field="date")
    end = PartialDate.parse(data.end_date, field="end_date") if data.end_date else None
    if end is not None and end.last_day < start.first_day:
        raise InvalidInput("end_date", f"{end} is before the start date {start}")
    if not data.attendees:
        raise InvalidInput("attendees", f"at least one attendee is required: {ATTENDEE_FORMAT}")
    if data.sideline_of is not None and not is_id(data.sideline_of):
        raise InvalidInput("sideline_of", f"{data.sideline_of} is not a meeting id (1 to {MAX_ID})")
    kind = None
    if data.kind:
        kind = data.kind.strip().lower()
        if kind not in {k.value for k in MeetingKind}:
            raise InvalidInput("kind", f"{data.kind!r} is not a kind; use one of {KINDS}")
    attendees = tuple(_normal_attendee(attendee) for attendee in data.attendees)
    keys = [a.key for a in attendees if a.key]
    repeated = next((key for key in keys if keys.count(key) > 1), None)
    if repeated is not None:
        raise InvalidInput("attendees", f"{repeated!r} is listed twice")
    country_names = [a.country.name for a in attendees]
    topics: dict[str, str] = {}
    for topic in data.topics:
        name = clean(topic, field="topics", max_length=NAME_LENGTH, required=True)
        assert name is not None
        key = match_key(name)
        if not key:
            raise InvalidInput("topics", f"{topic!r} needs at least one letter or digit")
        topics.setdefault(key, name)
    sources: dict[str, tuple[str, str | None, dt.date | None]] = {}
    for item in data.sources:
        reference = clean(item.reference, field="sources", max_length=REFERENCE_LENGTH, required=True)
        assert reference is not None
        publisher = clean(item.publisher, field="source.publisher", max_length=NAME_LENGTH)
        published = PartialDate.parse(item.published, field="source.published").first_day if item.published else None
        sources.setdefault(reference, (reference, publisher, published))
    organization = None
    if data.organization:
        organization = clean(data.organization, field="organization", max_length=ACRONYM_LENGTH)
        if organization is not None and not match_key(organization):
            raise InvalidInput("organization", f"{data.organization!r} needs at least one letter or digit")
    venue_country = None
    if data.venue_country and data.venue_country.strip():
        venue_country = resolve_country(data.venue_country, field="venue_country")
    text = {f.column: (clean_block if f.kind is Kind.BLOCK else clean)(
        getattr(data, f.name), field=f.name, max_length=f.max_length or 0) for f in TEXT_FIELDS if f.column}
    text["title"] = text["title"] or default_title(country_names)
    return NormalMeeting(
        text=text,
        kind=kind or default_kind(len(set(country_names))).value,
        start=start,
        end=end,
        venue_country=venue_country,
        organization=organization,
        sideline_of=data.sideline_of,
        attendees=attendees,
        topics=tuple((name, key) for key, name in topics.items()),
        sources=tuple(sources.values()),
    )


def _normal_attendee(attendee: AttendeeRecord) -> NormalAttendee:
    name = clean(attendee.name, field="attendee.name", max_length=NAME_LENGTH, name=True)
    role = clean(attendee.role, field="attendee.role", max_length=ROLE_LENGTH)
    rank = clean(attendee.rank, field="attendee.rank", max_length=RANK_LENGTH)
    if name is not None and not match_key(name):
        raise InvalidInput("attendee.name", f"{name!r} has no letters; give the person's name")
    if name is None and role is None:
        raise InvalidInput("attendee.name", "a name is required (or an empty name and a role: "
                                            f"\", Russia, President\"); use {ATTENDEE_FORMAT}")
    if not attendee.country or not attendee.country.strip():
        raise InvalidInput("attendee.country", f"a country is required; use {ATTENDEE_FORMAT}")
    return NormalAttendee(
        name=name, key=match_key(name) if name else None,
        country=resolve_country(attendee.country, field="attendee.country"),
        role=role, rank=rank, host=bool(attendee.host), chair=bool(attendee.chair),
    )


def _apply(session: Session, meeting: Meeting, data: MeetingRecord) -> Meeting:
    normal = normalize(data)
    for column, value in normal.columns().items():
        if column != "venue_country_code":  # set through the relationship below, once its row exists
            setattr(meeting, column, value)
    # In the session before anything is attached, so that what it points at cascades with it.
    session.add(meeting)
    meeting.venue_country = records.country_row(session, normal.venue_country) if normal.venue_country else None
    meeting.organization = records.organization(session, normal.organization) if normal.organization else None
    meeting.parent = None
    if normal.sideline_of is not None:
        parent = session.get(Meeting, normal.sideline_of)
        if parent is None:
            raise InvalidInput("sideline_of",
                               f"there is no meeting {normal.sideline_of}; give the id of a recorded meeting")
        meeting.parent = parent
    for position, attendee in enumerate(normal.attendees):
        meeting.attendances.append(Attendance(
            person=records.person(session, attendee.name) if attendee.name else None,
            country=records.country_row(session, attendee.country),
            role=attendee.role,
            rank=attendee.rank,
            is_host=attendee.host,
            is_chair=attendee.chair,
            position=position,
        ))
    meeting.topics = [records.topic(session, name) for name, _ in normal.topics]
    meeting.sources = [records.source(session, reference, publisher=publisher, published_on=published)
                       for reference, publisher, published in normal.sources]
    session.flush()
    return meeting


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
                           role=a.role, rank=a.rank, host=a.is_host, chair=a.is_chair)
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
    from meetings.services.duplicates import existing_signatures

    found = existing_signatures(session, [meeting.start_date], exclude=meeting.id)
    return found.get(_signature(meeting))


def _signature(meeting: Meeting) -> tuple[object, ...]:
    return (meeting.start_date, meeting.start_precision, meeting.venue_country_code,
            frozenset((a.country_code, a.person.key if a.person else a.role) for a in meeting.attendances))


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
    attendees: list[AttendeeRecord] | None = None  # replaces every attendee
    topics: list[str] | None = None  # replaces every topic
    sources: list[SourceRecord] | None = None  # replaces every source
    add_attendees: list[AttendeeRecord] = field(default_factory=list)
    remove_attendees: list[str] = field(default_factory=list)
    add_topics: list[str] = field(default_factory=list)
    remove_topics: list[str] = field(default_factory=list)
    add_sources: list[SourceRecord] = field(default_factory=list)


def edit_meeting(*, session: Session, meeting_id: int, changes: MeetingChanges) -> Meeting:
    """Apply changes to a meeting; the result is validated as a whole, like a new meeting."""
    data = meeting_input(session=session, meeting_id=meeting_id)
    for name in ("date", "end_date", "title", "venue", "venue_country", "kind", "organization", "summary"):
        value = getattr(changes, name)
        if value is not None:
            setattr(data, name, value or None)
    if changes.date == "":
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
    return replace_meeting(session=session, meeting_id=meeting_id, data=data)


def _without_attendee(session: Session, attendees: list[AttendeeRecord], text: str) -> list[AttendeeRecord]:
    """Attendees less the one named (by any of their names), or the unnamed ones of a country."""
    person = records.find_person(session, text)
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
