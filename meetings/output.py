"""Every listing is printed here: one place for table, CSV, JSON and Markdown."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import IO, Any

from meetings.services.queries import AttendeeRecord, MeetingRecord

FORMATS = ("table", "csv", "json", "markdown")
LIST_COLUMNS = ("id", "date", "title", "venue", "countries", "kind")
WIDE_COLUMNS = ("id", "date", "end_date", "title", "kind", "venue", "venue_country", "organization",
                "sideline_of", "countries", "attendees", "topics", "sources", "summary")
LONG_COLUMNS = ("meeting_id", "date", "end_date", "title", "kind", "venue", "venue_country", "organization",
                "sideline_of", "attendee", "country", "role", "rank", "host", "chair", "topics", "sources",
                "summary")
LIST_SEPARATOR = "; "


def _escape(value: str, characters: str) -> str:
    value = value.replace("\\", "\\\\")
    for character in characters:
        value = value.replace(character, "\\" + character)
    return value


def format_attendee(attendee: AttendeeRecord) -> str:
    """An attendee as "NAME, COUNTRY, ROLE", the form `meetings add --attendee` takes.

    Backslashes escape a comma inside the name or country, and any semicolon, so that a
    joined cell can be split back exactly.
    """
    parts = [_escape(attendee.name or "", ",;"), _escape(attendee.country or "", ",;")]
    if attendee.role:
        parts.append(_escape(attendee.role, ";"))
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
        "topics": join_cell(_escape(t, ";") for t in record.topics),
        "sources": join_cell(_escape(s.reference, ";") for s in record.sources),
        "summary": record.summary or "",
    }


def wide_row(record: MeetingRecord) -> dict[str, Any]:
    """One row per meeting: attendees, countries, topics and sources each joined in one cell."""
    return {
        "id": record.id,
        **_common_cells(record),
        "countries": join_cell(_escape(c, ";") for c in record.countries),
        "attendees": join_cell(format_attendee(a) for a in record.attendees),
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


def list_row(record: MeetingRecord) -> dict[str, Any]:
    venue = ", ".join(part for part in (record.venue, record.venue_country) if part)
    return {
        "id": record.id,
        "date": record.date if not record.end_date else f"{record.date} – {record.end_date}",
        "title": record.title,
        "venue": venue,
        "countries": ", ".join(record.countries),
        "kind": record.kind,
    }


def write_csv(rows: Iterable[dict[str, Any]], columns: tuple[str, ...], stream: IO[str]) -> int:
    """RFC 4180 CSV with a header row and CRLF line ends; returns the number of rows written."""
    writer = csv.DictWriter(stream, fieldnames=columns, lineterminator="\r\n", extrasaction="ignore")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow(row)
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


def render_table(rows: list[dict[str, Any]], columns: tuple[str, ...], *, markdown: bool = False) -> str:
    from tabulate import tabulate

    return tabulate(
        [[row.get(c, "") for c in columns] for row in rows],
        headers=list(columns),
        tablefmt="github" if markdown else "simple",
        disable_numparse=True,
    )
