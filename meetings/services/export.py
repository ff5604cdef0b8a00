"""The one-row-per-meeting export, built in SQL: each meeting's lists joined, escaped and
aggregated by the database, so that a large export streams from one statement with little Python
work per row. The cells are exactly those `meetings.output.wide_row` builds from records (a
property test compares the two).

Both stay because the records path is slower where exports are large: on the benchmark's archive
of 20,000 meetings (SQLite, best of 3 interleaved, CPU seconds) these cells take 1.16 s for every
meeting and 0.37 s for Russia's 3,948, the records 1.81 s and 0.48 s (1.57x and 1.29x), so
exporting from records would put `export` well outside the benchmark's 10% bound. The records
path stays for `list`, `show` and JSON, which need the nested record anyway."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select

from meetings.cells import LIST_SEPARATOR, join_cell
from meetings.dates import PartialDate
from meetings.db import dialect_name
from meetings.fields import MEETING_FIELDS, WIDE_COLUMNS, Kind
from meetings.filters import MeetingFilter
from meetings.services.queries import joined, pages, stored_columns

if TYPE_CHECKING:
    from sqlalchemy import Label

    from meetings.services.queries import Reader


def _escaped(expression: str, commas: bool = False) -> str:
    """SQL that puts a backslash before each backslash and ";" (and "," if asked) of a text."""
    sql = f"replace(replace({expression}, '\\', '\\\\'), ';', '\\;')"
    return f"replace({sql}, ',', '\\,')" if commas else sql


# As cells.format_attendee writes it: an organisation's cell starts "organisation: ", and a
# person's name that starts so gets a backslash before it.
_KIND_MARK = ("CASE WHEN p.kind = 'organisation' THEN 'organisation: ' "
              "WHEN substr(coalesce(p.name, {empty}), 1, 13) = 'organisation:' THEN '\\' ELSE {empty} END")
_ATTENDEE_CELL = (f"{_KIND_MARK} || {_escaped('coalesce(p.name, {empty})', commas=True)} || ', ' || "
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
            WHERE ms.meeting_id = meetings.id ORDER BY s.reference))""",
    },
    "postgresql": {
        "attendees": """(SELECT string_agg({cell} || chr(31) || coalesce(c.name, ''), chr(30)
                                          ORDER BY a.position, a.id) FROM attendances a
            LEFT JOIN people p ON p.id = a.person_id LEFT JOIN countries c ON c.code = a.country_code
            WHERE a.meeting_id = meetings.id)""",
        "topics": """(SELECT string_agg({topic_pg}, '; ' ORDER BY t.key) FROM meeting_topics mt
            JOIN topics t ON t.id = mt.topic_id WHERE mt.meeting_id = meetings.id)""",
        "sources": """(SELECT string_agg({source_pg}, '; ' ORDER BY s.reference) FROM meeting_sources ms
            JOIN sources s ON s.id = ms.source_id WHERE ms.meeting_id = meetings.id)""",
    },
}


@functools.cache
def _wide_columns(dialect: str) -> Select:  # type: ignore[type-arg]
    from sqlalchemy import literal_column

    parts = {"cell": _ATTENDEE_CELL.format(empty="''"), "topic": _escaped("name"),
             "source": _escaped("reference"), "topic_pg": _escaped("t.name"), "source_pg": _escaped("s.reference")}
    cells: list[Label[str]] = [literal_column(f"coalesce({sql.format(**parts)}, '')").label(name)
             for name, sql in _AGGREGATES[dialect].items()]
    return joined(select(*stored_columns(), *cells))


_WIDE_FIELDS = tuple((f.csv, f.name, f.kind) for f in MEETING_FIELDS if f.csv)


@functools.lru_cache(maxsize=1 << 14)
def _date_cells(first_day: Any, precision: str) -> tuple[str, str, str]:
    """A stored date as its cell, its first day and its last day (dates repeat across an archive)."""
    date = PartialDate.stored(first_day, precision)
    return date.isoformat(), date.first_day.isoformat(), date.last_day.isoformat()


def _plan(fields: tuple[str, ...]) -> tuple[list[tuple[int, int]], list[tuple[int, int, int]], int, int, int, int]:
    """Where each cell comes from in a row of `_wide_columns`: (cell, row index) of the plain
    values, (cell, date index, precision index) of the dates, and the positions of the
    attendees, their countries, and the first and last day."""
    at = {name: i for i, name in enumerate(fields)}
    cell = {column: i for i, column in enumerate(WIDE_COLUMNS)}
    plain, dates = [], []
    for column, name, kind in _WIDE_FIELDS:
        if kind is Kind.DATE:
            dates.append((cell[column], at[name], at[f"{name}_precision"]))
        elif kind is not Kind.ATTENDEES:
            plain.append((cell[column], at[name]))
    [attendees] = [(cell[c], at[n]) for c, n, k in _WIDE_FIELDS if k is Kind.ATTENDEES]
    return plain, dates, attendees[0], attendees[1], cell["countries"], cell["first_day"]


def iter_wide_cells(*, session: Reader, filters: MeetingFilter) -> Iterator[list[Any]]:
    """The cells of the export's WIDE_COLUMNS for every matching meeting, streamed."""
    columns = _wide_columns(dialect_name(session))
    plain, dates, attendees_cell, attendees_at, countries_cell, first_cell = _plan(tuple(columns.selected_columns.keys()))
    (_, start_at, start_precision_at), (_, end_at, end_precision_at) = dates
    last_cell = WIDE_COLUMNS.index("last_day")
    width = len(WIDE_COLUMNS)
    for page in pages(session, columns, filters):
        for row in page:
            cells: list[Any] = [""] * width
            for cell, at in plain:
                value = row[at]
                if value is not None:
                    cells[cell] = value
            for cell, at, precision_at in dates:
                if row[at]:
                    cells[cell] = _date_cells(row[at], row[precision_at])[0]
            value = row[attendees_at]
            if value:
                attendees: list[str] = []
                countries: dict[str, None] = {}
                for item in value.split("\x1e"):
                    text, _, country = item.partition("\x1f")
                    attendees.append(text)
                    if country:
                        countries[country] = None
                cells[attendees_cell] = LIST_SEPARATOR.join(attendees)
                cells[countries_cell] = join_cell(countries)
            else:
                cells[countries_cell] = join_cell(())
            cells[first_cell] = _date_cells(row[start_at], row[start_precision_at])[1]
            end = row[end_at]
            cells[last_cell] = (_date_cells(end, row[end_precision_at]) if end else
                                _date_cells(row[start_at], row[start_precision_at]))[2]
            yield cells
