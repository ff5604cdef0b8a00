"""Every listing is printed here: one place for table, CSV, JSON and Markdown."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from meetings.services.queries import AttendeeRecord, MeetingRecord

LIST_COLUMNS = ("id", "date", "title", "place", "countries", "kind")
WIDE_COLUMNS = ("id", "date", "end_date", "title", "kind", "venue", "venue_country", "organization",
                "sideline_of", "countries", "attendees", "topics", "sources", "summary")
LONG_COLUMNS = ("meeting_id", "date", "end_date", "title", "kind", "venue", "venue_country", "organization",
                "sideline_of", "attendee", "country", "role", "rank", "host", "chair", "topics", "sources",
                "summary")
LIST_SEPARATOR = "; "


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


_FIRST_CHARACTERS = frozenset("".join(FORMULA_TRIGGERS) + "'")


def neutralize(value: Any) -> Any:
    """Make a cell inert for spreadsheets by prefixing a quote; reversed by unneutralize.

    A value that already starts with a quote before a trigger gets one more, so that
    import gives back exactly what was exported.
    """
    if (isinstance(value, str) and value and value[0] in _FIRST_CHARACTERS
            and value.lstrip("'").startswith(FORMULA_TRIGGERS)):
        return "'" + value
    return value


def unneutralize(value: str) -> str:
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def escape_separators(value: str, characters: str) -> str:
    """A backslash before each backslash and each of `characters` (";" or ",;")."""
    if "\\" not in value and ";" not in value and ("," not in value or characters == ";"):
        return value  # the usual case: nothing to escape
    value = value.replace("\\", "\\\\")
    for character in characters:
        value = value.replace(character, "\\" + character)
    return value


def format_attendee(attendee: AttendeeRecord) -> str:
    """An attendee as "NAME, COUNTRY, ROLE", the form `meetings add --attendee` takes.

    Backslashes escape a comma inside the name or country, and any semicolon, so that a
    joined cell can be split back exactly.
    """
    parts = [escape_separators(attendee.name or "", ",;"), escape_separators(attendee.country or "", ",;")]
    if attendee.role:
        parts.append(escape_separators(attendee.role, ";"))
    return ", ".join(parts)


def join_cell(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(values)


def meeting_object(record: MeetingRecord) -> dict[str, Any]:
    """The JSON shape of a meeting, shared by `list --format json` and `show --format json`."""
    return {
        "id": record.id,
        "title": record.title,
        "date": record.date,
        "end_date": record.end_date,
        "venue": record.venue,
        "venue_country": record.venue_country,
        "kind": record.kind,
        "organization": record.organization,
        "sideline_of": record.sideline_of,
        "summary": record.summary,
        "attendees": [
            {"name": a.name, "country": a.country, "role": a.role, "rank": a.rank, "host": a.host, "chair": a.chair}
            for a in record.attendees
        ],
        "topics": list(record.topics),
        "sources": [
            {"reference": s.reference, "publisher": s.publisher, "published": s.published} for s in record.sources
        ],
    }


def _common_cells(record: MeetingRecord) -> dict[str, Any]:
    return {
        "date": record.date,
        "end_date": record.end_date or "",
        "title": record.title,
        "kind": record.kind,
        "venue": record.venue or "",
        "venue_country": record.venue_country or "",
        "organization": record.organization or "",
        "sideline_of": record.sideline_of if record.sideline_of is not None else "",
        "topics": join_cell(escape_separators(t, ";") for t in record.topics),
        "sources": join_cell(escape_separators(s.reference, ";") for s in record.sources),
        "summary": record.summary or "",
    }


def wide_row(record: MeetingRecord) -> dict[str, Any]:
    """One row per meeting: attendees, countries, topics and sources each joined in one cell.

    "place" (venue and its country in one cell) is for tables and --columns; CSV leaves it out.
    """
    return {
        "id": record.id,
        **_common_cells(record),
        "countries": join_cell(escape_separators(c, ";") for c in record.countries),
        "attendees": join_cell(format_attendee(a) for a in record.attendees),
        "place": ", ".join(part for part in (record.venue, record.venue_country) if part),
    }


def long_rows(record: MeetingRecord) -> Iterator[dict[str, Any]]:
    """One row per attendance, for pivot tables."""
    common = _common_cells(record)
    for attendee in record.attendees:
        yield {
            "meeting_id": record.id,
            **common,
            "attendee": attendee.name or "",
            "country": attendee.country or "",
            "role": attendee.role or "",
            "rank": attendee.rank or "",
            "host": "yes" if attendee.host else "",
            "chair": "yes" if attendee.chair else "",
        }


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
        writer.writerow(cells if raw else [neutralize(c) for c in cells])
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


def _cell(value: Any) -> str:
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


def render_table(rows: list[dict[str, Any]], columns: tuple[str, ...], *, tablefmt: str = "simple",
                 width: int | None = None) -> str:
    """A table through tabulate; with a width, long cells are cut with an ellipsis to fit it."""
    from tabulate import tabulate

    cells = [[_cell(row.get(c)) for c in columns] for row in rows]
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
         objects: Callable[[dict[str, Any]], dict[str, Any]] | None = None, stream: IO[str] | None = None) -> int:
    """Print a listing in the chosen format; returns how many rows were printed.

    `rows` are flat dicts holding every available column. Tables show `table_columns`, the
    machine formats `machine_columns` (default: every available column), unless --columns chose.
    For JSON, `objects` turns a row into its nested object (used when no --columns is given).
    """
    import sys

    from meetings.cli.options import Format
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
            items: Iterable[dict[str, Any]] = ({c: row.get(c) for c in columns} for row in rows)
        else:
            items = (objects(row) for row in rows)
        return write_json(items, stream) if fmt is Format.json else write_jsonl(items, stream)
    if fmt in (Format.csv, Format.tsv):
        return write_csv(rows, chosen or machine_columns or available, stream,
                         delimiter="," if fmt is Format.csv else "\t", raw=output.raw)
    collected = list(rows)
    if not collected:
        return 0
    if fmt is Format.markdown:
        text = render_table(collected, chosen or table_columns, tablefmt="github")
    else:
        text = render_table(collected, chosen or table_columns, tablefmt=output.tablefmt or "simple",
                            width=terminal_width() if output.tablefmt is None else None)
    stream.write(text + "\n")
    return len(collected)
