"""The one-row-per-meeting export, built in SQL: each meeting's lists are aggregated by the
database, so that a large export streams from one statement with little Python work per row (the
cells are made from the aggregates with a few string operations, escaping only a meeting whose
texts need it). The cells are exactly those `meetings.output.wide_row` builds from records (a
property test compares the two).

Both stay because the records path is slower where exports are large: on the benchmark's archive
of 20,000 meetings (SQLite, best of 3 interleaved, CPU seconds) these cells take 1.16 s for every
meeting and 0.37 s for Russia's 3,948, the records 1.81 s and 0.48 s (1.57x and 1.29x), so
exporting from records would put `export` well outside the benchmark's 10% bound. The records
path stays for `list`, `show` and JSON, which need the nested record anyway.

On a SQLite file the statement runs in a child process (`row_stream`) while this process makes the
cells and writes them: SQLite works inside the process that asks, so otherwise the two would take
turns on one core (PostgreSQL's server already works beside its client). Russia's rows of the
benchmark's 100,000 meetings: about 1.04 s -> 0.83 s for the whole command, against the driver's
0.50 s; of 1,000,000: 9.0 s -> 7.3 s, against 6.6 s (the child's statement is then what takes the
time). Where the system gives no process, the statement runs here."""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Select, select, text

from meetings.cells import LIST_SEPARATOR, ORGANISATION_MARK, format_attendee, join_cell
from meetings.dates import PartialDate
from meetings.db import busy_timeout_ms, dialect_name, read_only_uri, sqlite_file
from meetings.errors import DatabaseUnusable
from meetings.fields import ORGANISATION, PERSON, WIDE_COLUMNS, AttendeeRecord
from meetings.filters import MeetingFilter
from meetings.services.queries import check_filters, filtered, joined, pages, stored_columns
from meetings.services.row_stream import NoChild, StreamFailed, stream_rows

if TYPE_CHECKING:
    from sqlalchemy import Label

    from meetings.services.queries import Reader


# Each attendee as its stored parts: ESC before an organisation's name, the name, GS and the
# country, US and the role when there is one; attendees (like topics and sources) joined by RS.
# Every stored text refuses control characters, so the parts split back exactly; the cells are
# written from them by `_attendee_cells`, as cells.format_attendee writes them (escaping in SQL
# cost a quarter of the statement).
_ATTENDEE_PARTS = ("CASE WHEN p.kind = 'organisation' THEN {esc} ELSE '' END || coalesce(p.name, '') || {gs} || "
                   "coalesce(c.name, '') || CASE WHEN coalesce(a.role, '') <> '' THEN {us} || a.role ELSE '' END")
# On PostgreSQL each topic and source is looked up by its id, not joined: the planner hash-joins
# every topic (source) for every meeting (EXPLAIN ANALYZE, Russia's 19,903 of 100,000 meetings:
# 0.055 ms a meeting against 600 topics, 0.007 looked up), and OFFSET 0 keeps it from turning the
# lookup back into that join. The 201 countries stay joined: a lookup of each attendee's reads
# them all (1.14 s against 0.68 s for the statement).

_AGGREGATES = {
    "sqlite": {
        "attendees": """(SELECT group_concat(item, char(30)) FROM (
            SELECT {attendee} AS item FROM attendances a LEFT JOIN people p ON p.id = a.person_id
            LEFT JOIN countries c ON c.code = a.country_code WHERE a.meeting_id = meetings.id
            ORDER BY a.position, a.id))""",
        "topics": """(SELECT group_concat(name, char(30)) FROM (
            SELECT t.name AS name FROM meeting_topics mt JOIN topics t ON t.id = mt.topic_id
            WHERE mt.meeting_id = meetings.id ORDER BY t.key))""",
        "sources": """(SELECT group_concat(reference, char(30)) FROM (
            SELECT s.reference AS reference FROM meeting_sources ms JOIN sources s ON s.id = ms.source_id
            WHERE ms.meeting_id = meetings.id ORDER BY s.reference))""",
    },
    "postgresql": {
        "attendees": """(SELECT string_agg({attendee}, chr(30) ORDER BY a.position, a.id) FROM attendances a
            LEFT JOIN people p ON p.id = a.person_id LEFT JOIN countries c ON c.code = a.country_code
            WHERE a.meeting_id = meetings.id)""",
        "topics": """(SELECT string_agg(t.name, chr(30) ORDER BY t.key) FROM meeting_topics mt
            CROSS JOIN LATERAL (SELECT t.name, t.key FROM topics t WHERE t.id = mt.topic_id OFFSET 0) t
            WHERE mt.meeting_id = meetings.id)""",
        "sources": """(SELECT string_agg(s.reference, chr(30) ORDER BY s.reference) FROM meeting_sources ms
            CROSS JOIN LATERAL (SELECT s.reference FROM sources s WHERE s.id = ms.source_id OFFSET 0) s
            WHERE ms.meeting_id = meetings.id)""",
    },
}
_CHARACTER = {"sqlite": "char({})", "postgresql": "chr({})"}
STREAM_PAGE = 200  # rows a frame from the child process (row_stream): memory stays flat


@functools.cache
def _wide_columns(dialect: str) -> Select:  # type: ignore[type-arg]
    from sqlalchemy import literal_column

    esc, gs, us = (_CHARACTER[dialect].format(code) for code in (27, 29, 31))
    attendee = _ATTENDEE_PARTS.format(esc=esc, gs=gs, us=us)
    cells: list[Label[str]] = [literal_column(f"coalesce({sql.format(attendee=attendee)}, '')").label(name)
                               for name, sql in _AGGREGATES[dialect].items()]
    return joined(select(*stored_columns(), *cells))


@functools.lru_cache(maxsize=1 << 14)
def _date_cells(first_day: Any, precision: str) -> tuple[str, str, str]:
    """A stored date (a date, or as SQLite stores it, its ISO text) as its cell, its first day and
    its last day (dates repeat across an archive)."""
    date = PartialDate.stored(dt.date.fromisoformat(first_day) if isinstance(first_day, str) else first_day, precision)
    return date.isoformat(), date.first_day.isoformat(), date.last_day.isoformat()


_ESC, _GS, _RS, _US = "\x1b", "\x1d", "\x1e", "\x1f"
_COUNTRY = re.compile("\x1d([^\x1e\x1f]+)")  # an attendee's country, when it has one


def _list_cell(value: str) -> str:
    """A list the statement joined with RS, as one cell (cells.join_cell)."""
    if ";" in value or "\\" in value:
        return join_cell(value.split(_RS))
    return value.replace(_RS, LIST_SEPARATOR)  # nothing to escape: the usual case


def _attendee(parts: str) -> AttendeeRecord:
    name, _, rest = parts.removeprefix(_ESC).partition(_GS)
    country, _, role = rest.partition(_US)
    return AttendeeRecord(name=name or None, country=country or None, role=role or None,
                          kind=ORGANISATION if parts.startswith(_ESC) else PERSON)


def _attendee_cells(value: str) -> tuple[str, str]:
    """The attendees cell and the countries cell of a meeting's attendees, as `_ATTENDEE_PARTS`."""
    if "," in value or ";" in value or "\\" in value or _ESC in value or ORGANISATION_MARK in value:
        attendees = [_attendee(parts) for parts in value.split(_RS)] if value else []
        return (LIST_SEPARATOR.join(format_attendee(a) for a in attendees),
                join_cell(dict.fromkeys(a.country for a in attendees if a.country)))
    # Nothing to escape or mark (the usual case): each cell is the parts with their separators.
    return (value.replace(_GS, ", ").replace(_US, ", ").replace(_RS, LIST_SEPARATOR),
            LIST_SEPARATOR.join(dict.fromkeys(_COUNTRY.findall(value))))


def _pages(session: Reader, columns: Select, filters: MeetingFilter) -> Iterator[Sequence[Any]]:  # type: ignore[type-arg]
    """The export's rows a page at a time: on a SQLite file from a child process (row_stream), so
    that the statement runs on another core while these cells are made; elsewhere from the session."""
    engine = session.engine if isinstance(session, Connection) else session.get_bind().engine
    database = sqlite_file(engine.url.render_as_string(hide_password=False))
    if database is None:
        yield from pages(session, columns, filters)
        return
    check_filters(session=session, filters=filters)
    statement = filtered(columns, filters, session)
    dialect = engine.dialect
    compiled = statement.compile(dialect=dialect, compile_kwargs={"render_postcompile": True})
    parameters = []
    for name in compiled.positiontup or ():
        value = compiled.params[name]
        process = compiled.binds[name].type._cached_bind_processor(dialect)
        parameters.append(process(value) if process and value is not None else value)
    try:
        yield from stream_rows(read_only_uri(database), str(compiled), parameters, page=STREAM_PAGE,
                               busy_timeout_ms=busy_timeout_ms())
    except NoChild:  # raised before any row: the system gave no process, so the statement runs here
        yield from pages(session, columns, filters)
    except StreamFailed as exc:
        raise DatabaseUnusable(f"--db: {database}: {exc}") from None


def iter_wide_cells(*, session: Reader, filters: MeetingFilter) -> Iterator[list[Any]]:
    """The cells of the export's WIDE_COLUMNS for every matching meeting, streamed."""
    dialect = dialect_name(session)
    columns = _wide_columns(dialect)
    if dialect == "postgresql":
        # The statement is costed high enough for PostgreSQL to compile it (JIT), which took 0.76 s
        # of Russia's 2.2 s at 100,000 meetings and saved nothing: off for this read transaction.
        session.execute(text("SELECT set_config('jit', 'off', true)"))
    at = {name: i for i, name in enumerate(columns.selected_columns.keys())}
    # Each cell's stored value (a NULL as ""); the dates and the lists are then written over.
    pick = operator.itemgetter(*(at.get(column, 0) for column in WIDE_COLUMNS))
    cell = {column: i for i, column in enumerate(WIDE_COLUMNS)}
    start_at, start_precision_at, end_at, end_precision_at = (
        at[name] for name in ("date", "date_precision", "end_date", "end_date_precision"))
    date_cell, end_cell, first_cell, last_cell, countries_cell, attendees_cell, topics_cell, sources_cell = (
        cell[name] for name in ("date", "end_date", "first_day", "last_day", "countries", "attendees", "topics",
                                "sources"))
    attendees_at, topics_at, sources_at = at["attendees"], at["topics"], at["sources"]
    for page in _pages(session, columns, filters):
        for row in page:
            cells: list[Any] = ["" if value is None else value for value in pick(row)]
            start = _date_cells(row[start_at], row[start_precision_at])
            end = _date_cells(row[end_at], row[end_precision_at]) if row[end_at] else None
            cells[date_cell], cells[first_cell] = start[0], start[1]
            cells[end_cell], cells[last_cell] = (end[0], end[2]) if end else ("", start[2])
            cells[attendees_cell], cells[countries_cell] = _attendee_cells(row[attendees_at])
            cells[topics_cell] = _list_cell(row[topics_at])
            cells[sources_cell] = _list_cell(row[sources_at])
            yield cells
