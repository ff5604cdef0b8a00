"""Every listing is printed here: one place for table, CSV, JSON and Markdown."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict
from enum import Enum
from typing import IO, Any

from meetings.cells import LIST_SEPARATOR, format_attendee, join_cell, neutralized
from meetings.fields import (
    ATTENDANCE_COLUMNS,
    ATTENDEE_KEYS,
    DAY_COLUMNS,
    MEETING_FIELDS,
    AttendeeRecord,
    Kind,
    MeetingRecord,
    day_span,
)

LIST_COLUMNS = ("id", "date", "title", "place", "countries", "kind")


class Format(str, Enum):
    """The formats a listing is printed in (`--format`)."""

    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


def meeting_object(record: MeetingRecord) -> dict[str, Any]:
    """The JSON shape of a meeting, shared by `list --format json` and `show --format json`."""
    values = asdict(record)
    shape: dict[str, Any] = {}
    for f in MEETING_FIELDS:
        if f.json:
            shape[f.json] = values[f.name]
        if f.name == "end_date":
            shape.update(zip(DAY_COLUMNS, day_span(record.date, record.end_date), strict=True))
    return shape


def _cell(record: MeetingRecord, kind: Kind, value: Any) -> Any:
    """A field's value as one CSV cell: lists joined, escaped; nothing as an empty cell."""
    if kind is Kind.ATTENDEES:
        return LIST_SEPARATOR.join(format_attendee(a) for a in value)
    if kind is Kind.TOPICS:
        return join_cell(value)
    if kind is Kind.SOURCES:
        return join_cell(s.reference for s in value)
    return "" if value is None else value


def _cells(record: MeetingRecord) -> dict[str, Any]:
    cells = {f.csv: _cell(record, f.kind, getattr(record, f.name)) for f in MEETING_FIELDS if f.csv}
    cells.update(zip(DAY_COLUMNS, day_span(record.date, record.end_date), strict=True))
    return cells


def wide_row(record: MeetingRecord) -> dict[str, Any]:
    """One row per meeting: attendees, countries, topics and sources each joined in one cell.

    "place" (venue and its country in one cell) is for tables and --columns; CSV leaves it out.
    """
    return {
        **_cells(record),
        "countries": join_cell(record.countries),
        "place": ", ".join(part for part in (record.venue, record.venue_country) if part),
    }


def _attendance_cells(attendee: AttendeeRecord) -> dict[str, Any]:
    values = asdict(attendee)
    return {column: ("yes" if values[key] else "") if isinstance(values[key], bool) else values[key] or ""
            for key, column in zip(ATTENDEE_KEYS, ATTENDANCE_COLUMNS, strict=True)}


def long_rows(record: MeetingRecord) -> Iterator[dict[str, Any]]:
    """One row per attendance, for pivot tables."""
    common = _cells(record)
    common["meeting_id"] = common.pop("id")
    for attendee in record.attendees:
        yield {**common, **_attendance_cells(attendee)}


def write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], stream: IO[str], *,
              delimiter: str = ",", raw: bool = False) -> int:
    """RFC 4180 CSV with a header row and CRLF line ends; returns the number of rows written.

    Cells a spreadsheet would run as a formula are neutralized unless `raw`.
    """
    return write_csv_cells(([row.get(c, "") for c in columns] for row in rows), columns, stream,
                           delimiter=delimiter, raw=raw)


def write_csv_cells(rows: Iterable[list[Any]], columns: tuple[str, ...], stream: IO[str], *,
                    delimiter: str = ",", raw: bool = False) -> int:
    """write_csv for rows that are already lists of cells in the columns' order."""
    writer = csv.writer(stream, lineterminator="\r\n", delimiter=delimiter)
    writer.writerow(columns)
    count = 0
    for cells in rows:
        writer.writerow(cells if raw else neutralized(cells))
        count += 1
    return count


def write_json(objects: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    """A JSON array, written one object at a time so that memory stays flat."""
    count = 0
    stream.write("[")
    for obj in objects:
        stream.write(",\n  " if count else "\n  ")
        stream.write(json.dumps(obj, ensure_ascii=False))
        count += 1
    stream.write("\n]\n" if count else "]\n")
    return count


def write_jsonl(objects: Iterable[dict[str, Any]], stream: IO[str]) -> int:
    count = 0
    for obj in objects:
        stream.write(json.dumps(obj, ensure_ascii=False))
        stream.write("\n")
        count += 1
    return count


def _shown(value: Any) -> str:
    if value is None:
        return ""
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)


# tabulate makes a column at least as wide as its header plus this padding.
HEADER_PADDING = 2


def fit_widths(rows: list[list[str]], headers: list[str], width: int, gap: int = 2, narrowest: int = 6) -> list[int]:
    """Column widths that fit `width`, taken from the widest columns first."""
    widths = [max([len(h) + HEADER_PADDING] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    room = width - gap * (len(headers) - 1)
    while sum(widths) > room:
        widest = max(range(len(widths)), key=widths.__getitem__)
        if widths[widest] <= narrowest:
            break
        widths[widest] -= 1
    return widths


def _truncate(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


# Markdown table formats: cells are separated by |, so a | inside a cell is escaped.
PIPE_TABLES = {"github", "pipe"}


def render_table(rows: list[dict[str, Any]], columns: tuple[str, ...], *, tablefmt: str = "simple",
                 width: int | None = None) -> str:
    """A table through tabulate; with a width, long cells are cut with an ellipsis to fit it."""
    from tabulate import tabulate

    cells = [[_shown(row.get(c)) for c in columns] for row in rows]
    if tablefmt in PIPE_TABLES:  # a | in a cell would end it early
        cells = [[value.replace("|", "\\|") for value in row] for row in cells]
    headers = list(columns)
    if width is not None and cells:
        widths = fit_widths(cells, headers, width)
        cells = [[_truncate(v, w) for v, w in zip(row, widths, strict=True)] for row in cells]
        headers = [_truncate(h, w - HEADER_PADDING) for h, w in zip(headers, widths, strict=True)]
    return tabulate(cells, headers=headers, tablefmt=tablefmt, disable_numparse=True)


def stdout_is_terminal() -> bool:
    import sys

    return sys.stdout.isatty()


def terminal_width() -> int | None:
    """The width tables must fit in a terminal ($COLUMNS overrides it); None for a file or pipe."""
    import shutil

    return shutil.get_terminal_size().columns if stdout_is_terminal() else None


def emit(rows: Iterable[dict[str, Any]], *, output: Any, available: tuple[str, ...],
         table_columns: tuple[str, ...], machine_columns: tuple[str, ...] | None = None,
         objects: Callable[[dict[str, Any]], dict[str, Any]] | None = None, stream: IO[str] | None = None,
         empty: str | None = None) -> int:
    """Print a listing in the chosen format; returns how many rows were printed.

    `rows` are flat dicts holding every available column. Tables show `table_columns`, the
    machine formats `machine_columns` (default: every available column), unless --columns chose.
    For JSON, `objects` turns a row into its nested object (used when no --columns is given).
    A table (or markdown) with no rows prints nothing, and `empty` on stderr for the person
    reading it; the machine formats print their empty document.
    """
    import sys

    from meetings.errors import InvalidInput

    stream = stream or sys.stdout
    chosen = output.columns
    if chosen:
        unknown = [c for c in chosen if c not in available]
        if unknown:
            raise InvalidInput("--columns", f"unknown column {unknown[0]!r}; available: {', '.join(available)}")
    fmt = output.format
    if fmt in (Format.json, Format.jsonl):
        if chosen or objects is None:
            columns = chosen or machine_columns or available
            # An empty cell of the flat row is a missing value: JSON says null, as it does without --columns.
            items: Iterable[dict[str, Any]] = ({c: None if row.get(c) == "" else row.get(c) for c in columns}
                                               for row in rows)
        else:
            items = (objects(row) for row in rows)
        return write_json(items, stream) if fmt is Format.json else write_jsonl(items, stream)
    if fmt in (Format.csv, Format.tsv):
        return write_csv(rows, chosen or machine_columns or available, stream,
                         delimiter="," if fmt is Format.csv else "\t", raw=output.raw)
    collected = list(rows)
    if not collected:
        if empty:
            sys.stderr.write(empty + "\n")
        return 0
    if fmt is Format.markdown:
        text = render_table(collected, chosen or table_columns, tablefmt="github")
    else:
        text = render_table(collected, chosen or table_columns, tablefmt=output.tablefmt or "simple",
                            width=terminal_width() if output.tablefmt is None else None)
    stream.write(text + "\n")
    return len(collected)
