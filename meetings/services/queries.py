"""Reading meetings out: the filter turned into SQL, and rows turned into plain records.

Queries select columns, not ORM objects, and related rows are fetched a page at a time,
so listing and exporting stay fast and flat in memory however large the archive is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from sqlalchemy import Select, and_, exists, func, literal, or_, select
from sqlalchemy.orm import Session, aliased

from meetings.dates import PartialDate
from meetings.filters import MeetingFilter
from meetings.models import (
    Attendance,
    Country,
    Meeting,
    Organization,
    Person,
    PersonName,
    Source,
    Topic,
    meeting_sources,
    meeting_topics,
)

PAGE = 1000


@dataclass
class AttendeeRecord:
    name: str | None
    country: str | None
    role: str | None
    rank: str | None
    host: bool
    chair: bool


@dataclass
class SourceRecord:
    reference: str
    publisher: str | None
    published: str | None


@dataclass
class MeetingRecord:
    id: int
    title: str
    date: str
    end_date: str | None
    venue: str | None
    venue_country: str | None
    kind: str
    organization: str | None
    sideline_of: int | None
    summary: str | None
    attendees: list[AttendeeRecord] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    sources: list[SourceRecord] = field(default_factory=list)

    @property
    def countries(self) -> list[str]:
        return list(dict.fromkeys(a.country for a in self.attendees if a.country))


def _like(fragment: str) -> str:
    escaped = fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def person_condition(words: tuple[str, ...], key_column):  # type: ignore[no-untyped-def]
    """Every word starts a word of the name: "shoigu" and "sergei shoigu" match "sergei shoigu"."""
    spaced = literal(" ") + key_column
    return and_(*(spaced.like(_like(" " + word), escape="\\") for word in words))


_ORDER = {
    "date": (Meeting.start_date.asc(), Meeting.id.asc()),
    "-date": (Meeting.start_date.desc(), Meeting.id.desc()),
    "title": (Meeting.title.asc(), Meeting.id.asc()),
    "-title": (Meeting.title.desc(), Meeting.id.desc()),
    "id": (Meeting.id.asc(),),
    "-id": (Meeting.id.desc(),),
    "venue": (Meeting.venue.asc(), Meeting.id.asc()),
    "-venue": (Meeting.venue.desc(), Meeting.id.desc()),
}


def filter_conditions(filters: MeetingFilter, session: Session | None = None) -> list:  # type: ignore[type-arg]
    """The WHERE conditions on `meetings` for a filter (empty: every meeting)."""
    conditions = []
    for code in filters.countries:
        conditions.append(
            exists().where(Attendance.meeting_id == Meeting.id, Attendance.country_code == code)
        )
    if filters.any_countries:
        conditions.append(
            exists().where(Attendance.meeting_id == Meeting.id, Attendance.country_code.in_(filters.any_countries))
        )
    if filters.person_words:
        conditions.append(
            exists()
            .where(Attendance.meeting_id == Meeting.id, Attendance.person_id == PersonName.person_id)
            .where(person_condition(filters.person_words, PersonName.key))
        )
    if filters.topic:
        conditions.append(
            exists()
            .where(meeting_topics.c.meeting_id == Meeting.id, meeting_topics.c.topic_id == Topic.id)
            .where(Topic.key.like(_like(filters.topic), escape="\\"))
        )
    if filters.organization:
        parent = aliased(Meeting)
        org_ids = select(Organization.id).where(Organization.key == filters.organization)
        # A meeting is in a framework when it is held in it, or on the sidelines of one that is.
        conditions.append(
            or_(
                Meeting.organization_id.in_(org_ids),
                exists().where(parent.id == Meeting.parent_id, parent.organization_id.in_(org_ids)),
            )
        )
    if filters.kind:
        conditions.append(Meeting.kind == filters.kind)
    if filters.venue:
        conditions.append(func.lower(Meeting.venue).like(_like(filters.venue), escape="\\"))
    if filters.venue_country:
        conditions.append(Meeting.venue_country_code == filters.venue_country)
    if filters.sideline_of is not None:
        conditions.append(Meeting.parent_id == filters.sideline_of)
    if filters.date_from:
        conditions.append(Meeting.last_day >= filters.date_from.first_day)
    if filters.date_to:
        conditions.append(Meeting.start_date <= filters.date_to.last_day)
    if filters.search:
        if session is None:
            raise ValueError("a full-text search needs the session's backend")
        from meetings.services.search import matching_ids

        conditions.append(Meeting.id.in_(matching_ids(session, filters.search)))
    return conditions


def filtered_ids(filters: MeetingFilter, session: Session | None = None) -> Select:  # type: ignore[type-arg]
    """SELECT the ids of matching meetings, in the filter's order, limited and offset."""
    query = select(Meeting.id)
    conditions = filter_conditions(filters, session)
    if conditions:
        query = query.where(and_(*conditions))
    query = query.order_by(*_ORDER[filters.sort])
    if filters.limit is not None:
        query = query.limit(filters.limit)
    if filters.offset:
        query = query.offset(filters.offset)
    return query


def check_filters(*, session: Session, filters: MeetingFilter) -> None:
    """Refuse, before any output, what only the database can judge: a search it cannot parse,
    a --sideline-of meeting that does not exist."""
    from meetings.errors import InvalidInput
    from meetings.services.search import check_query

    if filters.search is not None:
        check_query(session, filters.search)
    if filters.sideline_of is not None and session.get(Meeting, filters.sideline_of) is None:
        raise InvalidInput("--sideline-of", f"there is no meeting {filters.sideline_of}; give the id of a recorded meeting")


def find_meetings(*, session: Session, filters: MeetingFilter) -> list[MeetingRecord]:
    return list(iter_meetings(session=session, filters=filters))


def iter_meetings(*, session: Session, filters: MeetingFilter) -> Iterator[MeetingRecord]:
    """Every matching meeting as a record, streamed a page at a time."""
    check_filters(session=session, filters=filters)
    ids = session.execute(filtered_ids(filters, session).execution_options(yield_per=PAGE)).scalars()
    while page := list(islice(ids, PAGE)):
        yield from load_records(session=session, meeting_ids=page)


def load_records(*, session: Session, meeting_ids: Sequence[int]) -> list[MeetingRecord]:
    """Records for these ids, in the order given."""
    venue_country = aliased(Country)
    rows = session.execute(
        select(
            Meeting.id, Meeting.title, Meeting.start_date, Meeting.start_precision,
            Meeting.end_date, Meeting.end_precision, Meeting.venue, venue_country.name,
            Meeting.kind, Organization.acronym, Meeting.parent_id, Meeting.summary,
        )
        .outerjoin(venue_country, venue_country.code == Meeting.venue_country_code)
        .outerjoin(Organization, Organization.id == Meeting.organization_id)
        .where(Meeting.id.in_(meeting_ids))
    )
    by_id: dict[int, MeetingRecord] = {}
    for (mid, title, start, start_precision, end, end_precision, venue, venue_country_name,
         kind, organization, parent_id, summary) in rows:
        by_id[mid] = MeetingRecord(
            id=mid,
            title=title,
            date=PartialDate.stored(start, start_precision).isoformat(),
            end_date=PartialDate.stored(end, end_precision).isoformat() if end else None,
            venue=venue,
            venue_country=venue_country_name,
            kind=kind,
            organization=organization,
            sideline_of=parent_id,
            summary=summary,
        )

    attendance_rows = session.execute(
        select(Attendance.meeting_id, Person.name, Country.name, Attendance.role, Attendance.rank,
               Attendance.is_host, Attendance.is_chair)
        .outerjoin(Person, Person.id == Attendance.person_id)
        .outerjoin(Country, Country.code == Attendance.country_code)
        .where(Attendance.meeting_id.in_(meeting_ids))
        .order_by(Attendance.meeting_id, Attendance.position, Attendance.id)
    )
    for mid, name, country, role, rank, host, chair in attendance_rows:
        by_id[mid].attendees.append(AttendeeRecord(name, country, role, rank, bool(host), bool(chair)))

    topic_rows = session.execute(
        select(meeting_topics.c.meeting_id, Topic.name)
        .join(Topic, Topic.id == meeting_topics.c.topic_id)
        .where(meeting_topics.c.meeting_id.in_(meeting_ids))
        .order_by(meeting_topics.c.meeting_id, Topic.key)
    )
    for mid, name in topic_rows:
        by_id[mid].topics.append(name)

    source_rows = session.execute(
        select(meeting_sources.c.meeting_id, Source.reference, Source.publisher, Source.published_on)
        .join(Source, Source.id == meeting_sources.c.source_id)
        .where(meeting_sources.c.meeting_id.in_(meeting_ids))
        .order_by(meeting_sources.c.meeting_id, Source.id)
    )
    for mid, reference, publisher, published in source_rows:
        by_id[mid].sources.append(
            SourceRecord(reference, publisher, published.isoformat() if published else None)
        )
    return [by_id[mid] for mid in meeting_ids if mid in by_id]


def related_ids(*, session: Session, meeting_id: int) -> tuple[int | None, list[int]]:
    """The parent meeting's id and the sideline meetings' ids of one meeting."""
    parent_id = session.scalar(select(Meeting.parent_id).where(Meeting.id == meeting_id))
    sideline_ids = list(
        session.scalars(select(Meeting.id).where(Meeting.parent_id == meeting_id).order_by(Meeting.start_date, Meeting.id))
    )
    return parent_id, sideline_ids


