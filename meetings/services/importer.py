"""`meetings import`: CSV (both export shapes, or a foreign layout mapped onto ours), JSON and
JSONL in the shape `list --format json` prints, and the fixture format.

Every record is validated; the whole import is one transaction, so it lands entirely or not at
all (with --skip-invalid, the valid records land and the rejected ones go to a rejects file).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from meetings.cells import parse_attendee, split_cell, unescape, unneutralize
from meetings.errors import InvalidInput
from meetings.fields import (
    ATTENDANCE_COLUMNS,
    ATTENDEE_KEYS,
    BY_NAME,
    MAX_ID,
    MEETING_FIELDS,
    AttendeeRecord,
    Kind,
    MeetingRecord,
    SourceRecord,
    is_id,
)
from meetings.models import Meeting
from meetings.services.meetings import NormalMeeting, normalize

WIDE = tuple(f.csv for f in MEETING_FIELDS if f.csv)
LONG = ("meeting_id", *ATTENDANCE_COLUMNS)
REJECT_COLUMN = "import_error"
IGNORED = ("countries", "place", REJECT_COLUMN)
FIELDS = set(WIDE) | set(LONG) | set(IGNORED)
ERROR_CAP = 20
CHUNK = 2000
WRITTEN_CAPACITY = 10_000_000  # meetings an import can hold before its Bloom filter fills (12 MB)


@dataclass
class Record:
    location: str  # "file.csv:12"
    data: MeetingRecord | None
    error: str | None = None
    raw: Any = None  # what goes to the rejects file
    file_id: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # our field -> the file's column name
    source: str = ""  # the input it came from
    header: list[str] | None = None  # a CSV input's header, for the rejects file
    delimiter: str = ","


@dataclass
class ImportOptions:
    on_duplicate: str = "skip"  # skip | update | error
    skip_invalid: bool = False
    dry_run: bool = False
    mapping: dict[str, str] = field(default_factory=dict)  # file column -> our field
    constants: dict[str, str] = field(default_factory=dict)  # our field -> value
    fill_down: tuple[str, ...] = ()


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: int = 0
    errors: list[str] = field(default_factory=list)
    error_count: int = 0
    notes: list[str] = field(default_factory=list)
    rejects: list[Record] = field(default_factory=list)

    def error(self, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < ERROR_CAP:
            self.errors.append(message)


# Reading ---------------------------------------------------------------------------------

def _flag(value: str, column: str) -> bool:
    text = value.strip().lower()
    if text in ("", "no", "false", "0"):
        return False
    if text in ("yes", "true", "1"):
        return True
    raise InvalidInput(column, f"{value!r}; use yes or leave it empty")


def _integer(value: str, column: str) -> int | None:
    text = value.strip()
    if not text:
        return None
    if not (text.isascii() and text.isdigit()) or not is_id(int(text)):
        raise InvalidInput(column, f"{value!r} is not a meeting id (1 to {MAX_ID})")
    return int(text)


def read_csv(lines: Iterable[str], *, name: str, options: ImportOptions, delimiter: str = ",",
             progress: Callable[[int], None] | None = None) -> Iterator[Record]:
    """Records from a CSV file in either export shape, or a foreign one mapped with --map."""

    def counted() -> Iterator[str]:
        for line in lines:
            if progress:
                progress(len(line))
            yield line

    reader = csv.reader(counted(), delimiter=delimiter, strict=True)
    try:
        header = next(reader)
    except StopIteration:
        raise InvalidInput(name, "is empty; nothing to import") from None
    except csv.Error as exc:
        raise InvalidInput(f"{name}:1", f"not readable as CSV: {exc}") from None
    header = [h.strip() for h in header]
    while header and not header[-1]:
        header.pop()

    def made(**fields: Any) -> Record:
        # Every record knows the header, so that a rejects file can be written with it.
        return Record(header=header, delimiter=delimiter, **fields)

    mapped = [options.mapping.get(h, h) for h in header]
    columns = {field_name: header[i] for i, field_name in enumerate(mapped) if field_name in FIELDS}
    unknown = [h for h, m in zip(header, mapped, strict=True) if m not in FIELDS and h]
    for missing in options.fill_down:
        if missing not in header and missing not in columns:
            raise InvalidInput("--fill-down", f"{missing!r} is not a column of {name}; its columns: {', '.join(header)}")
    fill = {columns.get(c, c) for c in options.fill_down}
    long = "attendee" in columns or "country" in columns
    if "date" not in columns and "date" not in options.constants:
        raise InvalidInput(name, f"has no date column (its columns: {', '.join(header)}); map one with --map \"COLUMN=date\"")
    if not long and "attendees" not in columns:
        raise InvalidInput(name, "has neither an attendees column (one row per meeting) nor attendee and country "
                                 "columns (one row per attendance); map them with --map")
    if unknown:
        yield made(location=name, data=None, error=None, raw=("note", f"ignored columns: {', '.join(unknown)}"))

    previous: dict[str, str] = {}
    group: list[tuple[int, dict[str, str], list[str]]] = []
    group_key: str | None = None
    seen_keys: set[str] = set()
    line_number = 1
    rows = 0

    def build(members: list[tuple[int, dict[str, str], list[str]]]) -> Record:
        line, first, _ = members[0]
        location = f"{name}:{line}"
        raw = [cells for _, _, cells in members]
        try:
            return made(location=location, data=_csv_meeting(first, [m for _, m, _ in members], long),
                          raw=raw, file_id=_integer(first.get("id") or first.get("meeting_id") or "", "id"),
                          columns=columns)
        except InvalidInput as exc:
            return made(location=location, data=None, error=_with_column(exc, columns), raw=raw,
                          columns=columns)

    while True:
        start_line = line_number
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise InvalidInput(f"{name}:{reader.line_num}", f"not readable as CSV: {exc}") from None
        start_line = line_number + 1
        line_number = reader.line_num
        if not any(c.strip() for c in cells):
            continue  # blank separator rows
        rows += 1
        if len(cells) > len(header) and any(c.strip() for c in cells[len(header):]):
            yield made(location=f"{name}:{start_line}", data=None, raw=[cells],
                         error=f"has {len(cells)} cells but the header has {len(header)}")
            continue
        if len(cells) < len(header):
            yield made(location=f"{name}:{start_line}", data=None, raw=[cells],
                         error=f"has {len(cells)} cells but the header has {len(header)}")
            continue
        values = {}
        for index, column in enumerate(header):
            value = cells[index]
            if column in fill:
                if value.strip():
                    previous[column] = value
                else:
                    value = previous.get(column, "")
            target = mapped[index]
            if target in FIELDS:
                values[target] = unneutralize(value)
        for target, value in options.constants.items():
            if not values.get(target, "").strip():
                values[target] = value
        key = values.get("meeting_id", "").strip() if long else None
        if long and key and group and key == group_key:
            group.append((start_line, values, cells))
            continue
        if group:
            yield build(group)
        if long and key:
            if key in seen_keys:
                yield made(location=f"{name}:{start_line}", data=None, raw=[cells],
                             error=f"meeting_id {key} appears again after rows of other meetings; keep its rows together")
                group, group_key = [], None
                continue
            seen_keys.add(key)
        group, group_key = [(start_line, values, cells)], key
    if group:
        yield build(group)
    if rows == 0:
        raise InvalidInput(name, "has a header but no rows; nothing to import")


def _csv_meeting(first: dict[str, str], members: list[dict[str, str]], long: bool) -> MeetingRecord:
    def text(key: str) -> str | None:
        value = first.get(key, "")
        return value if value.strip() else None

    if long:
        attendees = [
            AttendeeRecord(name=m.get("attendee") or None, country=m.get("country") or None,
                           role=m.get("role") or None, rank=m.get("rank") or None,
                           host=_flag(m.get("host", ""), "host"), chair=_flag(m.get("chair", ""), "chair"))
            for m in members
        ]
    else:
        attendees = [parse_attendee(item, field="attendees") for item in split_cell(first.get("attendees", ""))]
    values: dict[str, Any] = {}
    for f in MEETING_FIELDS:
        if f.csv is None or f.kind is Kind.ID:
            continue
        if f.kind is Kind.MEETING:
            values[f.name] = _integer(first.get(f.csv, ""), f.csv)
        elif f.kind is Kind.TOPICS:
            values[f.name] = [unescape(t) for t in split_cell(first.get(f.csv, ""))]
        elif f.kind is Kind.SOURCES:
            values[f.name] = [SourceRecord(reference=unescape(s)) for s in split_cell(first.get(f.csv, ""))]
        elif f.kind is not Kind.ATTENDEES:
            values[f.name] = text(f.csv)
    values["date"] = (first.get("date") or "").strip()
    return MeetingRecord(attendees=attendees, **values)


# The CSV column of the long shape an error about part of an attendee belongs to.
_ATTENDANCE_COLUMN_OF = {f"attendee.{key}": column for key, column in zip(ATTENDEE_KEYS, ATTENDANCE_COLUMNS, strict=True)}


def _with_column(exc: InvalidInput, columns: dict[str, str]) -> str:
    """The error as the file's user sees it: naming the file's column the value came from."""
    target = exc.field
    if target == "attendees" or target.startswith("attendee."):
        target = "attendees" if "attendees" in columns else _ATTENDANCE_COLUMN_OF.get(target, "attendee")
    elif target.startswith("source."):
        target = "sources"
    elif target in BY_NAME:
        target = BY_NAME[target].csv or target
    column = columns.get(target, target)
    return f"column {column!r}: {exc.detail}"


_JSON_FIELDS = {f.json for f in MEETING_FIELDS if f.json}
_JSON_IGNORED = {REJECT_COLUMN}
_JSON_LISTS = (Kind.ATTENDEES, Kind.TOPICS, Kind.SOURCES)
_JSON_INTEGERS = (Kind.ID, Kind.MEETING)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    repeated = next((k for k in keys if keys.count(k) > 1), None)
    if repeated is not None:
        raise ValueError(f"the key {repeated!r} appears twice in one object")
    return dict(pairs)


def _no_constants(value: str) -> Any:
    raise ValueError(f"{value} is not a JSON value meetings accepts")


def _loads(text: str) -> Any:
    return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)


def _json_meeting(item: Any) -> tuple[MeetingRecord, int | None]:
    from meetings.services.fixtures import meeting_from_mapping

    if not isinstance(item, dict):
        raise InvalidInput("record", "expected an object with date, attendees, ...")
    for f in MEETING_FIELDS:
        if not f.json:
            continue
        value = item.get(f.json)
        if value is None:
            continue
        if f.kind in _JSON_INTEGERS:
            if not isinstance(value, int) or isinstance(value, bool) or not is_id(value):
                raise InvalidInput(f.json, f"expected a meeting id (a whole number from 1 to {MAX_ID}), got {value!r}")
        elif f.kind in _JSON_LISTS:
            if not isinstance(value, list):
                raise InvalidInput(f.json, f"expected a list, got {type(value).__name__}")
        elif not isinstance(value, str):
            raise InvalidInput(f.json, f"expected a string or null, got {type(value).__name__} {value!r}")
    for index, attendee in enumerate(item.get("attendees") or []):
        if not isinstance(attendee, dict):
            raise InvalidInput(f"attendees[{index}]", "expected an object with name, country, role")
        for key in ("name", "country", "role", "rank"):
            if attendee.get(key) is not None and not isinstance(attendee[key], str):
                raise InvalidInput(f"attendees[{index}].{key}", f"expected a string or null, got {attendee[key]!r}")
    for index, topic in enumerate(item.get("topics") or []):
        if not isinstance(topic, str):
            raise InvalidInput(f"topics[{index}]", f"expected a string, got {topic!r}")
    body = {k: v for k, v in item.items() if k != "id" and k not in _JSON_IGNORED}
    unknown = set(body) - _JSON_FIELDS
    if unknown:
        raise InvalidInput(sorted(unknown)[0], f"is not a field; accepted: {', '.join(sorted(_JSON_FIELDS))}")
    return meeting_from_mapping(body, "record"), item.get("id")


def read_json(text: str, *, name: str) -> Iterator[Record]:
    if not text.strip():
        raise InvalidInput(name, "is empty; nothing to import")
    try:
        document = _loads(text)
    except ValueError as exc:
        raise InvalidInput(name, f"is not valid JSON: {exc}") from None
    if isinstance(document, dict) and "meetings" in document:
        document = document["meetings"]
    if not isinstance(document, list):
        raise InvalidInput(name, "expected a JSON list of meetings (as `meetings list --format json` prints)")
    if not document:
        raise InvalidInput(name, "holds no meetings; nothing to import")
    for index, item in enumerate(document):
        yield _json_record(item, f"{name}: item {index + 1}", item)


def read_jsonl(lines: Iterable[str], *, name: str, progress: Callable[[int], None] | None = None) -> Iterator[Record]:
    count = 0
    for number, line in enumerate(lines, start=1):
        if progress:
            progress(len(line))
        if not line.strip():
            continue
        count += 1
        location = f"{name}:{number}"
        try:
            item = _loads(line)
        except ValueError as exc:
            yield Record(location=location, data=None, error=f"not valid JSON: {exc}", raw=line.rstrip("\n"))
            continue
        yield _json_record(item, location, line.rstrip("\n"))
    if count == 0:
        raise InvalidInput(name, "is empty; nothing to import")


def _json_record(item: Any, location: str, raw: Any) -> Record:
    try:
        data, file_id = _json_meeting(item)
        return Record(location=location, data=data, raw=raw, file_id=file_id)
    except InvalidInput as exc:
        return Record(location=location, data=None, error=str(exc), raw=raw)


# Writing ---------------------------------------------------------------------------------

def import_records(*, session: Session, records: Iterable[Record], options: ImportOptions) -> ImportReport:
    """Validate and write records in chunks inside the caller's transaction."""
    from rbloom import Bloom
    from sqlalchemy import func

    from meetings.services.bulk import BulkWriter
    from meetings.services.duplicates import existing_signatures
    from meetings.services.meetings import replace_meeting

    report = ImportReport()
    writer = BulkWriter(session)
    # Meetings recorded before this import: only these can be duplicates from the database
    # (duplicates within the file are caught by `seen`).
    last_before = session.scalar(select(func.max(Meeting.id)))
    added_ids: set[int] = set()
    id_map: dict[int, int] = {}  # the file's meeting ids -> the ids they were given
    # Signatures this import has written, in a Bloom filter: its memory stays flat however large
    # the file. A hit is confirmed against the database, so a false positive costs one query.
    written = Bloom(WRITTEN_CAPACITY, 0.01)
    parent_links: list[tuple[int, int, str]] = []  # (meeting id, the file's parent id, location)
    new_ids: list[int] = []
    writing = True
    chunk: list[tuple[Record, NormalMeeting]] = []

    def reject(record: Record, message: str) -> None:
        nonlocal writing
        report.error(f"{record.location}: {message}")
        report.rejected += 1
        record.error = message
        report.rejects.append(record)
        if not options.skip_invalid:
            writing = False

    def flush() -> None:
        if not chunk:
            return
        existing = {} if last_before is None else existing_signatures(
            session, {n.start.first_day for _, n in chunk}, up_to_id=last_before, skip_ids=added_ids)
        hits = {n.start.first_day for _, n in chunk if n.signature in written}
        confirmed = existing_signatures(session, hits) if hits and writing else {}
        pending: dict[tuple[object, ...], int] = {}  # this chunk's new signatures (ids come on writing)
        to_add: list[tuple[Record, NormalMeeting]] = []
        for record, normal in chunk:
            signature = normal.signature
            duplicate = pending.get(signature) or existing.get(signature) or confirmed.get(signature)
            if duplicate is None and not writing and signature in written:
                duplicate = -1  # the import is refused already; only the counts matter
            if duplicate is None:
                to_add.append((record, normal))
                pending[signature] = -1
                continue
            if options.on_duplicate == "error":
                reject(record, f"duplicate of meeting {duplicate} (same date, venue country and attendees)")
            elif options.on_duplicate == "update" and duplicate > 0:
                assert record.data is not None
                parent = record.data.sideline_of
                record.data.sideline_of = None
                replace_meeting(session=session, meeting_id=duplicate, data=record.data)
                if parent is not None:
                    parent_links.append((duplicate, parent, record.location))
                if record.file_id is not None:
                    id_map[record.file_id] = duplicate
                report.updated += 1
            else:
                if record.file_id is not None and duplicate > 0:
                    id_map[record.file_id] = duplicate
                report.skipped += 1
        if writing and to_add:
            ids = writer.add([n for _, n in to_add], [r.file_id for r, _ in to_add])
            for (record, normal), new_id in zip(to_add, ids, strict=True):
                written.add(normal.signature)
                if record.file_id is not None:
                    id_map[record.file_id] = new_id
                if normal.sideline_of is not None:
                    parent_links.append((new_id, normal.sideline_of, record.location))
            if not writer.indexes_itself:
                new_ids.extend(ids)
            added_ids.update(i for i in ids if i <= (last_before or 0))
            report.added += len(ids)
        elif to_add:
            for _, normal in to_add:
                written.add(normal.signature)
            report.added += len(to_add)  # counted, not written: the import will be refused anyway
        chunk.clear()

    for record in records:
        if isinstance(record.raw, tuple) and record.raw and record.raw[0] == "note":
            report.notes.append(f"{record.location}: {record.raw[1]}")
            continue
        if record.error is not None or record.data is None:
            reject(record, record.error or "unreadable")
            continue
        try:
            normal = normalize(record.data)
        except InvalidInput as exc:
            reject(record, _with_column(exc, record.columns) if record.columns else str(exc))
            continue
        chunk.append((record, normal))
        if len(chunk) >= CHUNK:
            flush()
    flush()

    if writing and parent_links:
        outside = {parent for _, parent, _ in parent_links if parent not in id_map}
        present: set[int] = set()
        outside_list = list(outside)
        for start in range(0, len(outside_list), 500):
            present.update(session.execute(
                select(Meeting.id).where(Meeting.id.in_(outside_list[start:start + 500]))).scalars())
        links = []
        for child, parent, location in parent_links:
            target = id_map.get(parent, parent if parent in present else None)
            if target is None or target == child:
                report.error(f"{location}: column 'sideline_of': there is no meeting {parent} in the file or the database")
                writing = False
                continue
            links.append((child, target))
        cycle = _cycle(links)
        if cycle is not None:
            report.error(f"column 'sideline_of': meetings {cycle} would each be on the sidelines of the other")
            writing = False
        if writing:
            writer.link_parents(links)
    if writing and new_ids and not writer.indexes_itself:
        from meetings.services import search

        search.refresh(session, new_ids)
    return report


def _cycle(links: list[tuple[int, int]]) -> str | None:
    parent_of = dict(links)
    for start in parent_of:
        node, path = start, [start]
        while node in parent_of:
            node = parent_of[node]
            if node == start:
                return " and ".join(str(n) for n in path)
            if node in path or len(path) > len(parent_of):
                break
            path.append(node)
    return None
