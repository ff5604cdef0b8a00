"""Reading meetings out: the filter turned into SQL, and rows turned into plain records.

Queries select columns, not ORM objects, and related rows are fetched a page at a time,
so listing and exporting stay fast and flat in memory however large the archive is.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import islice

from typing import TYPE_CHECKING

from sqlalchemy import Select, and_, exists, func, literal, or_, select

from meetings import tables as t
from meetings.dates import PartialDate
from meetings.filters import MeetingFilter

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

    # Reads run on a Core connection (the read-only commands, which never load the ORM) or
    # on an ORM session (commands that also write): both execute the same Core statements.
    Reader = Connection | Session

M = t.meetings.c
A = t.attendances.c

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
    "date": (M.start_date.asc(), M.id.asc()),
    "-date": (M.start_date.desc(), M.id.desc()),
    "title": (M.title.asc(), M.id.asc()),
    "-title": (M.title.desc(), M.id.desc()),
    "id": (M.id.asc(),),
    "-id": (M.id.desc(),),
    "venue": (M.venue.asc(), M.id.asc()),
    "-venue": (M.venue.desc(), M.id.desc()),
}


def filter_conditions(filters: MeetingFilter, session: Reader | None = None) -> list:  # type: ignore[type-arg]
    """The WHERE conditions on `meetings` for a filter (empty: every meeting)."""
    conditions = []
    for code in filters.countries:
        conditions.append(exists().where(A.meeting_id == M.id, A.country_code == code))
    if filters.any_countries:
        conditions.append(exists().where(A.meeting_id == M.id, A.country_code.in_(filters.any_countries)))
    if filters.person_words:
        names = t.person_names.c
        conditions.append(
            exists()
            .where(A.meeting_id == M.id, A.person_id == names.person_id)
            .where(person_condition(filters.person_words, names.key))
        )
    if filters.topic:
        links, topics = t.meeting_topics.c, t.topics.c
        conditions.append(
            exists()
            .where(links.meeting_id == M.id, links.topic_id == topics.id)
            .where(topics.key.like(_like(filters.topic), escape="\\"))
        )
    if filters.organization:
        parent = t.meetings.alias("parent")
        org_ids = select(t.organizations.c.id).where(t.organizations.c.key == filters.organization)
        # A meeting is in a framework when it is held in it, or on the sidelines of one that is.
        conditions.append(
            or_(
                M.organization_id.in_(org_ids),
                exists().where(parent.c.id == M.parent_id, parent.c.organization_id.in_(org_ids)),
            )
        )
    if filters.kind:
        conditions.append(M.kind == filters.kind)
    if filters.venue:
        conditions.append(func.lower(M.venue).like(_like(filters.venue), escape="\\"))
    if filters.venue_country:
        conditions.append(M.venue_country_code == filters.venue_country)
    if filters.sideline_of is not None:
        conditions.append(M.parent_id == filters.sideline_of)
    if filters.date_from:
        conditions.append(M.last_day >= filters.date_from.first_day)
    if filters.date_to:
        conditions.append(M.start_date <= filters.date_to.last_day)
    if filters.search:
        if session is None:
            raise ValueError("a full-text search needs the session's backend")
        from meetings.services.search import matching_ids

        conditions.append(M.id.in_(matching_ids(session, filters.search)))
    return conditions


def filtered_ids(filters: MeetingFilter, session: Reader | None = None) -> Select:  # type: ignore[type-arg]
    """SELECT the ids of matching meetings, in the filter's order, limited and offset."""
    query = select(M.id)
    conditions = filter_conditions(filters, session)
    if conditions:
        query = query.where(and_(*conditions))
    query = query.order_by(*_ORDER[filters.sort])
    if filters.limit is not None:
        query = query.limit(filters.limit)
    if filters.offset:
        query = query.offset(filters.offset)
    return query


def check_filters(*, session: Reader, filters: MeetingFilter) -> None:
    """Refuse, before any output, what only the database can judge: a search it cannot parse,
    a --sideline-of meeting that does not exist."""
    from meetings.errors import InvalidInput
    from meetings.services.search import check_query

    if filters.search is not None:
        check_query(session, filters.search)
    if filters.sideline_of is not None and session.scalar(select(M.id).where(M.id == filters.sideline_of)) is None:
        raise InvalidInput("--sideline-of", f"there is no meeting {filters.sideline_of}; give the id of a recorded meeting")


def find_meetings(*, session: Reader, filters: MeetingFilter) -> list[MeetingRecord]:
    return list(iter_meetings(session=session, filters=filters))


def iter_meetings(*, session: Reader, filters: MeetingFilter) -> Iterator[MeetingRecord]:
    """Every matching meeting as a record, streamed a page at a time."""
    check_filters(session=session, filters=filters)
    ids = session.execute(filtered_ids(filters, session).execution_options(yield_per=PAGE)).scalars()
    while page := list(islice(ids, PAGE)):
        yield from load_records(session=session, meeting_ids=page)


def load_records(*, session: Reader, meeting_ids: Sequence[int]) -> list[MeetingRecord]:
    """Records for these ids, in the order given."""
    venue_country = t.countries.alias("venue_country")
    organizations = t.organizations.c
    rows = session.execute(
        select(
            M.id, M.title, M.start_date, M.start_precision, M.end_date, M.end_precision, M.venue,
            venue_country.c.name, M.kind, organizations.acronym, M.parent_id, M.summary,
        )
        .outerjoin(venue_country, venue_country.c.code == M.venue_country_code)
        .outerjoin(t.organizations, organizations.id == M.organization_id)
        .where(M.id.in_(meeting_ids))
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

    people, countries = t.people.c, t.countries.c
    attendance_rows = session.execute(
        select(A.meeting_id, people.name, countries.name, A.role, A.rank, A.is_host, A.is_chair)
        .outerjoin(t.people, people.id == A.person_id)
        .outerjoin(t.countries, countries.code == A.country_code)
        .where(A.meeting_id.in_(meeting_ids))
        .order_by(A.meeting_id, A.position, A.id)
    )
    for mid, name, country, role, rank, host, chair in attendance_rows:
        by_id[mid].attendees.append(AttendeeRecord(name, country, role, rank, bool(host), bool(chair)))

    links, topics = t.meeting_topics.c, t.topics.c
    topic_rows = session.execute(
        select(links.meeting_id, topics.name)
        .join(t.topics, topics.id == links.topic_id)
        .where(links.meeting_id.in_(meeting_ids))
        .order_by(links.meeting_id, topics.key)
    )
    for mid, name in topic_rows:
        by_id[mid].topics.append(name)

    cited, sources = t.meeting_sources.c, t.sources.c
    source_rows = session.execute(
        select(cited.meeting_id, sources.reference, sources.publisher, sources.published_on)
        .join(t.sources, sources.id == cited.source_id)
        .where(cited.meeting_id.in_(meeting_ids))
        .order_by(cited.meeting_id, sources.id)
    )
    for mid, reference, publisher, published in source_rows:
        by_id[mid].sources.append(
            SourceRecord(reference, publisher, published.isoformat() if published else None)
        )
    return [by_id[mid] for mid in meeting_ids if mid in by_id]


def related_ids(*, session: Reader, meeting_id: int) -> tuple[int | None, list[int]]:
    """The parent meeting's id and the sideline meetings' ids of one meeting."""
    parent_id = session.scalar(select(M.parent_id).where(M.id == meeting_id))
    sideline_ids = list(
        session.scalars(select(M.id).where(M.parent_id == meeting_id).order_by(M.start_date, M.id))
    )
    return parent_id, sideline_ids


