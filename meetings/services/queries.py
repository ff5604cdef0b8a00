"""Reading meetings out: the filter turned into SQL, and rows turned into plain records.

Queries select columns, not ORM objects, and related rows are fetched a page at a time,
so listing and exporting stay fast and flat in memory however large the archive is.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, and_, exists, func, literal, or_, select

from meetings import tables as t
from meetings.dates import PartialDate
from meetings.db import dialect_name
from meetings.fields import MEETING_FIELDS, PERSON, AttendeeRecord, Kind, MeetingRecord, SourceRecord, is_id
from meetings.filters import MeetingFilter

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

    # Reads run on a Core connection (the read-only commands, which never load the ORM) or
    # on an ORM session (commands that also write): both execute the same Core statements.
    Reader = Connection | Session

M = t.meetings.c
A = t.attendances.c

PAGE = 1000


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
    conditions: list[ColumnElement[bool]] = []
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
    return filtered(select(M.id), filters, session)


def filtered(query: Select, filters: MeetingFilter, session: Reader | None) -> Select:  # type: ignore[type-arg]
    """The statement `query` with the filter's conditions, order, limit and offset."""
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
        raise InvalidInput("sideline_of", f"there is no meeting {filters.sideline_of}; give the id of a recorded meeting")


def find_meetings(*, session: Reader, filters: MeetingFilter) -> list[MeetingRecord]:
    return list(iter_meetings(session=session, filters=filters))


def iter_meetings(*, session: Reader, filters: MeetingFilter) -> Iterator[MeetingRecord]:
    """Every matching meeting as a record, streamed a page at a time: one statement for the
    meetings themselves, then one each for a page's attendees, topics and sources."""
    for page in pages(session, _meeting_columns(), filters):
        build = _builder(tuple(page[0]._fields)) if page else None  # the labels, read once a page
        yield from _completed(session, [build(row) for row in page] if build else [])


def pages(session: Reader, columns: Select, filters: MeetingFilter) -> Iterator[Sequence[Any]]:  # type: ignore[type-arg]
    """The filter checked, then the matching rows of `columns` streamed a page at a time
    (fetchmany, never row by row)."""
    check_filters(session=session, filters=filters)
    yield from session.execute(filtered(columns, filters, session).execution_options(yield_per=PAGE)).partitions(PAGE)


def load_records(*, session: Reader, meeting_ids: Sequence[int]) -> list[MeetingRecord]:
    """Records for these ids, in the order given."""
    rows = session.execute(_meeting_columns().where(M.id.in_([i for i in meeting_ids if is_id(i)]))).mappings()
    by_id = {row["id"]: _builder(tuple(row.keys()))(tuple(row.values())) for row in rows}
    return _completed(session, [by_id[mid] for mid in meeting_ids if mid in by_id])


_VENUE_COUNTRY = t.countries.alias("venue_country")
_ORGANIZATION = t.organizations.alias("organization")


def stored_columns() -> list[Any]:
    """The columns a meeting's declared fields are read from, each labelled by the field's name
    (a date's precision as NAME_precision)."""
    columns: list[Any] = []
    for f in MEETING_FIELDS:
        if f.kind is Kind.ID:
            columns.append(M.id.label(f.name))
        elif f.kind is Kind.DATE and f.column is not None:
            columns += [M[f.column].label(f.name), M[f.column.replace("_date", "_precision")].label(f"{f.name}_precision")]
        elif f.kind is Kind.COUNTRY:
            columns.append(_VENUE_COUNTRY.c.name.label(f.name))
        elif f.kind is Kind.ORGANIZATION:
            columns.append(_ORGANIZATION.c.acronym.label(f.name))
        elif f.column is not None:
            columns.append(M[f.column].label(f.name))
    return columns


def joined(query: Select) -> Select:  # type: ignore[type-arg]
    return (query.select_from(t.meetings)
            .outerjoin(_VENUE_COUNTRY, _VENUE_COUNTRY.c.code == M.venue_country_code)
            .outerjoin(_ORGANIZATION, _ORGANIZATION.c.id == M.organization_id))


@functools.cache
def _meeting_columns() -> Select:  # type: ignore[type-arg]
    """The SELECT of every stored field of a meeting, built once (a Select is immutable: each
    query adds its conditions to a copy)."""
    return joined(select(*stored_columns()))


_DATE_FIELDS = tuple(f.name for f in MEETING_FIELDS if f.kind is Kind.DATE)


@functools.cache
def _builder(labels: tuple[str, ...]) -> Callable[[Sequence[Any]], MeetingRecord]:
    """The function making a record from a row of _meeting_columns with these labels: each field
    passed by its name from its label's position, a date with its precision folded in. Written
    out once per layout (as dataclasses write their __init__), so a row costs no dict."""
    at = {label: index for index, label in enumerate(labels)}
    arguments = []
    for label in labels:
        if label.endswith("_precision") and label.removesuffix("_precision") in _DATE_FIELDS:
            continue
        if not label.isidentifier():
            raise ValueError(f"{label!r} is not a field's name")
        value = f"row[{at[label]}]"
        if label in _DATE_FIELDS:
            value = f"None if {value} is None else stored({value}, row[{at[label + '_precision']}]).isoformat()"
        arguments.append(f"{label}={value}")
    namespace: dict[str, Any] = {"MeetingRecord": MeetingRecord, "stored": PartialDate.stored}
    exec(f"def build(row):\n    return MeetingRecord({', '.join(arguments)})\n", namespace)
    return namespace["build"]  # type: ignore[no-any-return]


def _completed(session: Reader, records: list[MeetingRecord]) -> list[MeetingRecord]:
    """The records with their attendees, topics and sources (three statements for all of them)."""
    if not records:
        return records
    by_id = {r.id: r for r in records}
    dialect = dialect_name(session)
    ids = {"ids": _ids_parameter(dialect, [mid for mid in by_id if mid is not None])}
    if dialect == "sqlite":
        # The three statements are fixed: on SQLite they go straight to the driver, compiled once.
        driver = _driver_connection(session)
        attendances, topics, sources = (
            driver.execute(sql, (ids["ids"],)).fetchall() for sql in _sqlite_hydration_sql())
    else:
        attendances, topics, sources = (session.execute(statement, ids).all() for statement in _hydration(dialect))
    for mid, name, country, role, rank, host, chair, kind in attendances:
        by_id[mid].attendees.append(AttendeeRecord(name=name, country=country, role=role, rank=rank,
                                                   host=bool(host), chair=bool(chair), kind=kind or PERSON))
    for mid, name in topics:
        by_id[mid].topics.append(name)
    for mid, reference, publisher, published in sources:
        if published is not None and not isinstance(published, str):
            published = published.isoformat()
        by_id[mid].sources.append(SourceRecord(reference=reference, publisher=publisher, published=published))
    return records


def _driver_connection(session: Reader) -> Any:
    from sqlalchemy.engine import Connection

    connection = session if isinstance(session, Connection) else session.connection()
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
        select(A.meeting_id, people.name, countries.name, A.role, A.rank, A.is_host, A.is_chair, people.kind)
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
        .order_by(cited.meeting_id, source.reference)
    )
    return attendances, topics, sources


def related_ids(*, session: Reader, meeting_id: int) -> tuple[int | None, list[int]]:
    """The parent meeting's id and the sideline meetings' ids of one meeting."""
    parent_id = session.scalar(select(M.parent_id).where(M.id == meeting_id))
    sideline_ids = list(
        session.scalars(select(M.id).where(M.parent_id == meeting_id).order_by(M.start_date, M.id))
    )
    return parent_id, sideline_ids
