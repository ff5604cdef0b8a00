"""Reading meetings out: the filter turned into SQL, and rows turned into plain records.

Queries select columns, not ORM objects, and related rows are fetched a page at a time,
so listing and exporting stay fast and flat in memory however large the archive is.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, exists, func, literal, or_, select

from meetings import tables as t
from meetings.dates import PartialDate
from meetings.db import dialect_name
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
    """Every word is a whole word of the name, in any of its transliterations ("sergei lavrov"
    matches "sergey lavrov"; "abe" does not match "abel"); a word ending in "*" starts one."""
    from meetings.transliteration import spellings

    spaced = literal(" ") + key_column + literal(" ")
    conditions = []
    for word in words:
        if word.endswith("*"):
            conditions.append(spaced.like(_like(" " + word[:-1]), escape="\\"))
        else:
            conditions.append(or_(*(spaced.like(_like(f" {w} "), escape="\\") for w in spellings(word))))
    return and_(*conditions)


def principal_attendance(filters: MeetingFilter):  # type: ignore[no-untyped-def]
    """Whether an attendance is the principal's, the one a question is about: one of the people
    of --person, else an attendee of the countries of --country and --any-country (None: no
    principal named)."""
    if filters.people:
        names = t.person_names.c
        return A.person_id.in_(
            select(names.person_id).where(or_(*(person_condition(words, names.key) for words in filters.people))))
    if filters.countries or filters.any_countries:
        return A.country_code.in_(filters.countries + filters.any_countries)
    return None


def _any_like(column, fragments: tuple[str, ...]):  # type: ignore[no-untyped-def]
    return or_(*(column.like(_like(f), escape="\\") for f in fragments))


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
    if filters.people or filters.roles:
        attendee = [_any_like(func.lower(A.role), filters.roles)] if filters.roles else []
        principal = principal_attendance(filters)
        if principal is not None:
            attendee.append(principal)
        conditions.append(exists().where(A.meeting_id == M.id, *attendee))
    if filters.topics:
        links, topics = t.meeting_topics.c, t.topics.c
        conditions.append(
            exists()
            .where(links.meeting_id == M.id, links.topic_id == topics.id)
            .where(_any_like(topics.key, filters.topics))
        )
    if filters.organizations:
        parent = t.meetings.alias("parent")
        org_ids = select(t.organizations.c.id).where(t.organizations.c.key.in_(filters.organizations))
        # A meeting is in a framework when it is held in it, or on the sidelines of one that is.
        conditions.append(
            or_(
                M.organization_id.in_(org_ids),
                exists().where(parent.c.id == M.parent_id, parent.c.organization_id.in_(org_ids)),
            )
        )
    if filters.kinds:
        conditions.append(M.kind.in_(filters.kinds))
    if filters.venues:
        conditions.append(_any_like(func.lower(M.venue), filters.venues))
    if filters.venue_countries:
        conditions.append(M.venue_country_code.in_(filters.venue_countries))
    if filters.sideline_of is not None:
        conditions.append(M.parent_id == filters.sideline_of)
    if filters.date_from:
        conditions.append(M.last_day >= filters.date_from.first_day)
    if filters.date_to:
        conditions.append(M.start_date <= filters.date_to.last_day)
    if filters.search:
        if session is None:
            raise ValueError("a full-text search needs the session's backend")
        from meetings.services.search import matching_ids, walk_in_date_order

        # A common term under a small limit: walk the meetings in date order and keep the
        # matches (`+ 0` keeps SQLite from looking each match up by id and sorting them all).
        column = M.id + 0 if walk_in_date_order(session, filters) else M.id
        conditions.append(column.in_(matching_ids(session, filters.search)))
    return conditions


def filtered_ids(filters: MeetingFilter, session: Reader | None = None) -> Select:  # type: ignore[type-arg]
    """SELECT the ids of matching meetings, in the filter's order, limited and offset."""
    return _filtered(select(M.id), filters, session)


def _filtered(query: Select, filters: MeetingFilter, session: Reader | None) -> Select:  # type: ignore[type-arg]
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
    """Every matching meeting as a record, streamed a page at a time: one statement for the
    meetings themselves, then one each for a page's attendees, topics and sources."""
    for page in _pages(session, _meeting_columns(), filters):
        yield from _completed(session, [_record(row) for row in page])


def _pages(session: Reader, columns: Select, filters: MeetingFilter) -> Iterator[Sequence[Any]]:  # type: ignore[type-arg]
    """The filter checked, then the matching rows of `columns` streamed a page at a time
    (fetchmany, never row by row)."""
    check_filters(session=session, filters=filters)
    yield from session.execute(_filtered(columns, filters, session).execution_options(yield_per=PAGE)).partitions(PAGE)


def load_records(*, session: Reader, meeting_ids: Sequence[int]) -> list[MeetingRecord]:
    """Records for these ids, in the order given."""
    by_id = {row[0]: _record(row) for row in session.execute(_meeting_columns().where(M.id.in_(meeting_ids)))}
    return _completed(session, [by_id[mid] for mid in meeting_ids if mid in by_id])


_VENUE_COUNTRY = t.countries.alias("venue_country")


def _meeting_columns() -> Select:  # type: ignore[type-arg]
    organizations = t.organizations.c
    return (
        select(M.id, M.title, M.start_date, M.start_precision, M.end_date, M.end_precision, M.venue,
               _VENUE_COUNTRY.c.name, M.kind, organizations.acronym, M.parent_id, M.summary)
        .select_from(t.meetings)
        .outerjoin(_VENUE_COUNTRY, _VENUE_COUNTRY.c.code == M.venue_country_code)
        .outerjoin(t.organizations, organizations.id == M.organization_id)
    )


def _record(row: Any) -> MeetingRecord:
    (mid, title, start, start_precision, end, end_precision, venue, venue_country_name,
     kind, organization, parent_id, summary) = row
    return MeetingRecord(
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


def _completed(session: Reader, records: list[MeetingRecord]) -> list[MeetingRecord]:
    """The records with their attendees, topics and sources (three statements for all of them)."""
    if not records:
        return records
    by_id = {r.id: r for r in records}
    dialect = dialect_name(session)
    ids = {"ids": _ids_parameter(dialect, list(by_id))}
    if dialect == "sqlite":
        # The three statements are fixed: on SQLite they go straight to the driver, compiled once.
        driver = _driver_connection(session)
        attendances, topics, sources = (
            driver.execute(sql, (ids["ids"],)).fetchall() for sql in _sqlite_hydration_sql())
    else:
        attendances, topics, sources = (session.execute(statement, ids).all() for statement in _hydration(dialect))
    for mid, name, country, role, rank, host, chair in attendances:
        by_id[mid].attendees.append(AttendeeRecord(name, country, role, rank, bool(host), bool(chair)))
    for mid, name in topics:
        by_id[mid].topics.append(name)
    for mid, reference, publisher, published in sources:
        if published is not None and not isinstance(published, str):
            published = published.isoformat()
        by_id[mid].sources.append(SourceRecord(reference, publisher, published))
    return records


def _driver_connection(session: Reader) -> Any:
    connection = session.connection() if hasattr(session, "get_bind") else session  # a Session, or a Connection
    return connection.connection.driver_connection  # type: ignore[union-attr]


@functools.cache
def _sqlite_hydration_sql() -> tuple[str, ...]:
    from sqlalchemy.dialects import sqlite

    return tuple(str(statement.compile(dialect=sqlite.dialect())) for statement in _hydration("sqlite"))


def _ids_parameter(dialect: str, ids: list[int]) -> Any:
    if dialect == "sqlite":
        import json

        return json.dumps(ids)
    return ids


@functools.cache
def _hydration(dialect: str) -> tuple[Select, Select, Select]:  # type: ignore[type-arg]
    """The statements that fetch a page's attendees, topics and sources, built once. The page's
    ids are one parameter (a JSON array on SQLite, an array on PostgreSQL), not one each."""
    from sqlalchemy import Integer, bindparam, literal_column

    def among(column: Any) -> Any:
        if dialect == "sqlite":
            return column.in_(select(literal_column("value")).select_from(func.json_each(bindparam("ids"))))
        if dialect == "postgresql":
            from sqlalchemy import any_
            from sqlalchemy.dialects.postgresql import ARRAY

            return column == any_(bindparam("ids", type_=ARRAY(Integer)))
        return column.in_(bindparam("ids", expanding=True))

    people, countries = t.people.c, t.countries.c
    attendances = (
        select(A.meeting_id, people.name, countries.name, A.role, A.rank, A.is_host, A.is_chair)
        .outerjoin(t.people, people.id == A.person_id)
        .outerjoin(t.countries, countries.code == A.country_code)
        .where(among(A.meeting_id))
        .order_by(A.meeting_id, A.position, A.id)
    )
    links, topic = t.meeting_topics.c, t.topics.c
    topics = (
        select(links.meeting_id, topic.name)
        .join(t.topics, topic.id == links.topic_id)
        .where(among(links.meeting_id))
        .order_by(links.meeting_id, topic.key)
    )
    cited, source = t.meeting_sources.c, t.sources.c
    sources = (
        select(cited.meeting_id, source.reference, source.publisher, source.published_on)
        .join(t.sources, source.id == cited.source_id)
        .where(among(cited.meeting_id))
        .order_by(cited.meeting_id, source.id)
    )
    return attendances, topics, sources


def related_ids(*, session: Reader, meeting_id: int) -> tuple[int | None, list[int]]:
    """The parent meeting's id and the sideline meetings' ids of one meeting."""
    parent_id = session.scalar(select(M.parent_id).where(M.id == meeting_id))
    sideline_ids = list(
        session.scalars(select(M.id).where(M.parent_id == meeting_id).order_by(M.start_date, M.id))
    )
    return parent_id, sideline_ids




# Export: one row per meeting with its lists already joined, escaped and aggregated in SQL, so
# that a large export streams from one statement with little Python work per row. The cells are
# exactly those of `meetings.output.wide_row` (a test compares the two on varied data).

def _escaped(expression: str, commas: bool = False) -> str:
    """SQL that puts a backslash before each backslash and ";" (and "," if asked) of a text."""
    sql = f"replace(replace({expression}, '\\', '\\\\'), ';', '\\;')"
    return f"replace({sql}, ',', '\\,')" if commas else sql


_ATTENDEE_CELL = (f"{_escaped('coalesce(p.name, {empty})', commas=True)} || ', ' || "
                  f"{_escaped('coalesce(c.name, {empty})', commas=True)} || "
                  f"CASE WHEN coalesce(a.role, {{empty}}) <> {{empty}} THEN ', ' || {_escaped('a.role')} ELSE {{empty}} END")

_AGGREGATES = {
    "sqlite": {
        # Each attendee's cell and country name, joined by control characters no stored text
        # may hold (they are refused on the way in); the countries cell is made from these.
        "attendees": """(SELECT group_concat(cell || char(31) || coalesce(name, ''), char(30)) FROM (
            SELECT {cell} AS cell, c.name AS name FROM attendances a LEFT JOIN people p ON p.id = a.person_id
            LEFT JOIN countries c ON c.code = a.country_code WHERE a.meeting_id = meetings.id
            ORDER BY a.position, a.id))""",
        "topics": """(SELECT group_concat({topic}, '; ') FROM (
            SELECT t.name AS name FROM meeting_topics mt JOIN topics t ON t.id = mt.topic_id
            WHERE mt.meeting_id = meetings.id ORDER BY t.key))""",
        "sources": """(SELECT group_concat({source}, '; ') FROM (
            SELECT s.reference AS reference FROM meeting_sources ms JOIN sources s ON s.id = ms.source_id
            WHERE ms.meeting_id = meetings.id ORDER BY s.id))""",
    },
    "postgresql": {
        "attendees": """(SELECT string_agg({cell} || chr(31) || coalesce(c.name, ''), chr(30)
                                          ORDER BY a.position, a.id) FROM attendances a
            LEFT JOIN people p ON p.id = a.person_id LEFT JOIN countries c ON c.code = a.country_code
            WHERE a.meeting_id = meetings.id)""",
        "topics": """(SELECT string_agg({topic_pg}, '; ' ORDER BY t.key) FROM meeting_topics mt
            JOIN topics t ON t.id = mt.topic_id WHERE mt.meeting_id = meetings.id)""",
        "sources": """(SELECT string_agg({source_pg}, '; ' ORDER BY s.id) FROM meeting_sources ms
            JOIN sources s ON s.id = ms.source_id WHERE ms.meeting_id = meetings.id)""",
    },
}


@functools.cache
def _wide_columns(dialect: str) -> Select:  # type: ignore[type-arg]
    from sqlalchemy import literal_column

    parts = {"cell": _ATTENDEE_CELL.format(empty="''"), "topic": _escaped("name"),
             "source": _escaped("reference"), "topic_pg": _escaped("t.name"), "source_pg": _escaped("s.reference")}
    cells = [literal_column(f"coalesce({sql.format(**parts)}, '')") for sql in _AGGREGATES[dialect].values()]
    organizations = t.organizations.c
    return (
        select(M.id, M.start_date, M.start_precision, M.end_date, M.end_precision, M.title, M.kind, M.venue,
               _VENUE_COUNTRY.c.name, organizations.acronym, M.parent_id, *cells, M.summary)
        .select_from(t.meetings)
        .outerjoin(_VENUE_COUNTRY, _VENUE_COUNTRY.c.code == M.venue_country_code)
        .outerjoin(t.organizations, organizations.id == M.organization_id)
    )


def iter_wide_cells(*, session: Reader, filters: MeetingFilter) -> Iterator[list[Any]]:
    """The cells of `meetings.output.WIDE_COLUMNS` for every matching meeting, streamed: the
    fast path of a one-row-per-meeting export (SQLite and PostgreSQL; others use records)."""
    dialect = dialect_name(session)
    if dialect not in _AGGREGATES:
        from meetings.output import WIDE_COLUMNS, wide_row

        for record in iter_meetings(session=session, filters=filters):
            row = wide_row(record)
            yield [row[c] for c in WIDE_COLUMNS]
        return
    from meetings.output import LIST_SEPARATOR, escape_separators

    stored = PartialDate.stored
    for page in _pages(session, _wide_columns(dialect), filters):
        for (mid, start, start_precision, end, end_precision, title, kind, venue, venue_country, organization,
             parent_id, people, topics, sources, summary) in page:
            cells, countries = [], {}
            for item in people.split("\x1e") if people else ():
                cell, _, country = item.partition("\x1f")
                cells.append(cell)
                if country:
                    countries[country] = None
            yield [mid, stored(start, start_precision).isoformat(),
                   stored(end, end_precision).isoformat() if end else "", title, kind, venue or "",
                   venue_country or "", organization or "", parent_id if parent_id is not None else "",
                   LIST_SEPARATOR.join(escape_separators(c, ";") for c in countries), LIST_SEPARATOR.join(cells),
                   topics, sources, summary or ""]
