"""Reading the files `meetings import` takes: CSV (both export shapes, or a foreign layout mapped
onto ours), JSON and JSONL in the shape `list --format json` prints. Each reader yields, in file
order, an Item per meeting (its record, or why it could not be read) and a Note for what the user
should know; nothing here touches the database.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from meetings.cells import parse_attendee, split_cell, unescape, unneutralize
from meetings.dates import DateReading, read_published
from meetings.errors import InvalidInput
from meetings.fields import (
    ATTENDANCE_COLUMNS,
    ATTENDEE_KEYS,
    BY_NAME,
    DAY_COLUMNS,
    DERIVED_EXPORT,
    MAX_ID,
    MEETING_FIELDS,
    ORGANISATION,
    PERSON,
    AttendeeRecord,
    Kind,
    MeetingRecord,
    SourceRecord,
    is_id,
)
from meetings.titles import Person, split_people

WIDE = tuple(f.csv for f in MEETING_FIELDS if f.csv)
LONG = ("meeting_id", *ATTENDANCE_COLUMNS)
REJECT_COLUMN = "import_error"
# Derived columns that exports carry and imports leave aside: they follow from the others.
IGNORED = (*DERIVED_EXPORT, "place", REJECT_COLUMN)
FIELDS = set(WIDE) | set(LONG) | set(IGNORED)


@dataclass
class Item:
    """One meeting read from an input, or why it could not be read."""

    location: str  # where it was read: "file.csv:12" (the provenance of what it becomes)
    data: MeetingRecord | None
    error: str | None = None
    raw: Any = None  # what goes to the rejects file: a CSV item's rows of cells, a JSON item's text or value
    key: Any = None  # the id (or fixture key) the file gives it, that other items' parent may name
    parent: Any = None  # the file's sideline_of: a key of the same input, or a recorded meeting's id
    columns: dict[str, str] = field(default_factory=dict)  # our field -> the file's column name
    source: str = ""  # the input it came from
    header: list[str] | None = None  # a CSV input's header, for the rejects file
    delimiter: str = ","
    line: int | None = None  # the line of the file it starts on (None for an item of a JSON list)
    # Its attendees were read from people cells as published (split, titles read apart): their
    # names may be variants of one person's (services.people.NameVariants).
    as_published: bool = False

    def refusal(self, exc: InvalidInput) -> str:
        """An error about the item's record, as the file's user sees it: naming the column the
        value came from, or the field."""
        return _with_column(exc, self.columns) if self.columns else str(exc)


@dataclass
class Note:
    location: str
    text: str


@dataclass(frozen=True)
class CsvLayout:
    """How a foreign CSV maps onto our fields (`import --map`, `--set`, `--fill-down`)."""

    mapping: dict[str, str] = field(default_factory=dict)  # file column -> our field
    constants: dict[str, str] = field(default_factory=dict)  # our field -> value
    fill_down: tuple[str, ...] = ()
    dates: DateReading = field(default_factory=DateReading)  # how the date column is written (`--date-format`)
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # a preset's columns and their other names
    preset: str | None = None  # the preset whose rules these are
    # File columns that name attendees (`--attendee-column`), besides one mapped to `attendee`: each
    # cell may name several people, with their titles (meetings.titles.split_people).
    attendee_columns: tuple[str, ...] = ()
    split_people: bool = True  # read a foreign attendee cell as people (`--no-split-people`: as one name)
    # File columns that name organisations met (`--organisation-column`), several to a cell.
    organisation_columns: tuple[str, ...] = ()


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


_ISO_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")  # read as it is, the fast path


def _folded(column: str) -> str:
    return " ".join(column.split()).casefold()


_NOTE_MARKS = ("*", "†", "‡", "¹", "²", "³", "note", "notes", "source:", "sources:")
NOTE_LENGTH = 60


def _note_row(cells: list[str], width: int) -> str | None:
    """The text of a footnote or note row (one long or marked cell, the rest empty), else None:
    registers end with "²Does not normally include meetings with ..." as an ordinary row."""
    filled = [cell.strip() for cell in cells if cell.strip()]
    if width < 2 or len(filled) != 1:
        return None
    text = filled[0]
    if len(text) < NOTE_LENGTH and not text.casefold().startswith(_NOTE_MARKS):
        return None
    return text if len(text) <= NOTE_LENGTH else text[:NOTE_LENGTH - 1] + "…"


def _csv_problem(exc: csv.Error) -> str:
    if "new-line character seen in unquoted field" in str(exc):
        return ("a carriage return ends a line or sits inside an unquoted cell (lines ending in CR alone are an "
                "old Mac format); save the file with LF or CRLF line ends")
    return str(exc)


def read_csv(lines: Iterable[str], *, name: str, layout: CsvLayout, delimiter: str = ",",
             progress: Callable[[int], None] | None = None) -> Iterator[Item | Note]:
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
        raise InvalidInput(f"{name}:1", f"not readable as CSV: {_csv_problem(exc)}") from None

    def rows() -> Iterator[tuple[int, list[str]]]:
        line_number = 1
        while True:
            try:
                cells = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise InvalidInput(f"{name}:{reader.line_num}", f"not readable as CSV: {_csv_problem(exc)}") from None
            start_line, line_number = line_number + 1, reader.line_num
            yield start_line, cells

    yield from _read_table(header, rows(), name=name, layout=layout, delimiter=delimiter)


def read_xml(data: bytes, *, name: str, layout: CsvLayout, record: str) -> Iterator[Item | Note]:
    """Records from an XML file in which each `record` element is one meeting: its attributes and
    child elements are read as the columns of a row (`start-date` as start_date, a child's
    attribute as child_attribute: `<country id="japan">` gives country and country_id), and the
    file's name as source_file; then as a CSV row. A newline and the indentation after it, which
    pretty-printing adds inside an element's text, read as one space. A document type declaration
    (and with it any entity) is refused: entities can expand without bound or read other files."""
    import defusedxml
    import defusedxml.ElementTree as SafeTree

    try:
        root = SafeTree.fromstring(data, forbid_dtd=True)
    except defusedxml.DefusedXmlException:
        raise InvalidInput(name, "has a document type declaration (DTD) or entities; such XML is refused "
                                 "(entities can expand without bound or read other files)") from None
    except SafeTree.ParseError as exc:
        raise InvalidInput(name, f"is not well-formed XML: {exc}") from None
    elements = [e for e in root.iter() if _local(e.tag) == record]
    if not elements:
        raise InvalidInput(name, f"holds no <{record}> element; nothing to import")
    starts = [m.start() for m in re.finditer(rb"<(?:[A-Za-z_][\w.-]*:)?" + re.escape(record.encode()) + rb"[\s/>]", data)]
    lines = [data.count(b"\n", 0, start) + 1 for start in starts] if len(starts) == len(elements) else None
    source_file = name.replace("\\", "/").rsplit("/", 1)[-1]
    values = [_xml_row(element, source_file) for element in elements]
    header = list(dict.fromkeys(column for row in values for column in row))
    rows = [(lines[i] if lines else i + 1, [row.get(column, "") for column in header]) for i, row in enumerate(values)]
    yield from _read_table(header, iter(rows), name=name, layout=layout, delimiter=",")


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


_PRETTY_PRINTED = re.compile(r"\n[ \t]*")


def _xml_row(element: Any, source_file: str) -> dict[str, str]:
    def column(tag: str) -> str:
        return _local(tag).replace("-", "_")

    row = {column(key): value for key, value in element.attrib.items()}
    for child in element:
        if not _local(child.tag):
            continue  # a comment or processing instruction
        tag = column(child.tag)
        row[tag] = _PRETTY_PRINTED.sub(" ", "".join(child.itertext()))
        for key, value in child.attrib.items():
            row[f"{tag}_{column(key)}"] = value
    row["source_file"] = source_file
    return row


def _fitted(keys: list[str], header: list[str], layout: CsvLayout, name: str) -> list[str]:
    """The header's keys with each column of the preset's rules found under any of its names and
    renamed to the first; a missing one refuses the file, naming it and the preset."""
    keys = list(keys)
    missing = []
    for column, others in layout.columns.items():
        names = [_folded(column), *(_folded(o) for o in others)]
        found = next((i for i, key in enumerate(keys) if key in names), None)
        if found is None:
            missing.append(column if not others else f"{column} (or {' or '.join(others)})")
        else:
            keys[found] = names[0]
    if missing:
        raise InvalidInput(name, f"does not fit the preset {layout.preset}: it has no column {', no column '.join(missing)}; "
                                 f"its columns: {', '.join(h for h in header if h) or 'none'}")
    return keys


def _read_table(header: list[str], rows: Iterator[tuple[int, list[str]]], *, name: str, layout: CsvLayout,
                delimiter: str) -> Iterator[Item | Note]:
    """Records from a header and rows of cells (each with the line it starts on), read as a CSV file's."""
    header = [h.strip() for h in header]
    while header and not header[-1]:
        header.pop()
    # Columns are matched as people read them ("DATE" and "date" are one column), so a header
    # repeats a column when two of its names fold to the same key.
    keys = [_folded(h) for h in header]
    repeated = [h for h, key in zip(header, keys, strict=True) if key and keys.count(key) > 1]
    if repeated:
        raise InvalidInput(f"{name}:1", f"column {repeated[0]!r} appears more than once in the header; "
                                        "which one holds the value cannot be told")
    if layout.columns:
        keys = _fitted(keys, header, layout, name)

    def made(**fields: Any) -> Item:
        # Every record knows the header, so that a rejects file can be written with it.
        return Item(header=header, delimiter=delimiter, **fields)

    # Columns are matched as people read them: "Minister   ", "DATE" and "date" are one column.
    folded = keys
    listing = ", ".join(h for h in header if h)
    mapping = {_folded(column): target for column, target in layout.mapping.items()}
    for column in layout.mapping:
        if _folded(column) not in folded:
            raise InvalidInput("mapping", f"{column!r} is not a column of {name}; its columns: {listing}")
    named = {_folded(column) for column in (*layout.attendee_columns, *layout.organisation_columns)}
    # A column named by --attendee-column is read as people, not as a field its header happens
    # to name ("Host" is not our host flag), unless --map says otherwise.
    mapped = [mapping.get(f, h if f in named or f not in FIELDS else f) for h, f in zip(header, folded, strict=True)]
    people = _people_columns(layout, folded, mapped, name=name, listing=listing)
    columns = {field_name: header[i] for i, field_name in enumerate(mapped) if field_name in FIELDS}
    for missing in layout.fill_down:
        if _folded(missing) not in folded and missing not in columns:
            raise InvalidInput("fill_down", f"{missing!r} is not a column of {name}; its columns: {listing}")
    fill = {columns.get(c, header[folded.index(_folded(c))] if _folded(c) in folded else c) for c in layout.fill_down}
    unknown = [h for index, (h, m) in enumerate(zip(header, mapped, strict=True))
               if m not in FIELDS and h and _people_key(index, mapped) not in people]
    long = "attendee" in columns or "country" in columns or bool(people)
    if long and "attendees" in layout.constants:
        raise InvalidInput("constants", "attendees=... fills an attendees column, and this file names its attendees "
                                        "one per row or column; to add an attendee to every record use "
                                        '--add-attendee "NAME, COUNTRY[, ROLE]"')
    if "date" not in columns and "date" not in layout.constants:
        raise InvalidInput(name, f"has no date column (its columns: {', '.join(header)}); map one with --map \"COLUMN=date\"")
    if not long and "attendees" not in columns:
        raise InvalidInput(name, "has neither an attendees column (one row per meeting) nor attendee and country "
                                 "columns (one row per attendance); map them with --map or name them with --attendee-column")
    if unknown:
        yield Note(name, f"ignored columns: {', '.join(unknown)}")

    previous: dict[str, str] = {}
    group: list[tuple[int, dict[str, str], list[str]]] = []  # (line, values by field, the row's cells)
    group_key: str | None = None
    seen_keys: set[str] = set()
    count = 0

    def build(members: list[tuple[int, dict[str, str], list[str]]]) -> Item:
        line, first, _ = members[0]
        location = f"{name}:{line}"
        raw = [cells for _, _, cells in members]
        try:
            data = _csv_meeting(first, [m for _, m, _ in members], long, layout.dates, people)
            parent, data.sideline_of = data.sideline_of, None
            return made(location=location, data=data, raw=raw, parent=parent, columns=columns, line=line,
                        key=_integer(first.get("id") or first.get("meeting_id") or "", "id"),
                        as_published=AS_PUBLISHED in people.values())
        except InvalidInput as exc:
            return made(location=location, data=None, error=_with_column(exc, columns), raw=raw,
                        columns=columns, line=line)

    for start_line, cells in rows:
        if not any(c.strip() for c in cells):
            continue  # blank separator rows
        note = _note_row(cells, len(header))
        if note is not None:
            yield Note(f"{name}:{start_line}", f"skipped a note row, not a meeting: {note!r}")
            continue
        count += 1
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
            if mapped[index] != "attendee" and _people_key(index, mapped) in people:
                values[_people_key(index, mapped)] = unneutralize(value)
        for target, value in layout.constants.items():
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
    if count == 0:
        raise InvalidInput(name, "has a header but no rows; nothing to import")


def _people_key(index: int, mapped: list[str]) -> str:
    """The key a people column's cell is kept under among a row's values: `attendee` for the
    column mapped to it (where --set attendee=... fills it), else one no field has."""
    return "attendee" if mapped[index] == "attendee" else f"people:{index}"


# How a people column's cells are read: as published (split, titles read apart), as one exact
# name (our own export, or --no-split-people), or as organisations.
AS_PUBLISHED, EXACT, ORGANISATIONS, EXACT_ORGANISATION = "as published", "exact", "organisations", "organisation"


def _people_columns(layout: CsvLayout, folded: list[str], mapped: list[str], *, name: str,
                    listing: str) -> dict[str, str]:
    """The file's columns read as people cells: their keys among a row's values -> how their
    cells are read. Columns named by --attendee-column, and a foreign column mapped to
    `attendee`, are read as published (unless --no-split-people); our own export's `attendee`
    column holds one exact name per row; --organisation-column names organisations."""
    found: dict[int, str] = {}  # column index -> how; the attendees of a row come in the file's column order
    for option, columns, how in (("attendee_column", layout.attendee_columns,
                                  AS_PUBLISHED if layout.split_people else EXACT),
                                 ("organisation_column", layout.organisation_columns,
                                  ORGANISATIONS if layout.split_people else EXACT_ORGANISATION)):
        for column in columns:
            if _folded(column) not in folded:
                raise InvalidInput(option, f"{column!r} is not a column of {name}; its columns: {listing}")
            found.setdefault(folded.index(_folded(column)), how)
    mapping = {_folded(column) for column, target in layout.mapping.items() if target == "attendee"}
    for index, target in enumerate(mapped):
        if target == "attendee":
            found.setdefault(index, AS_PUBLISHED if layout.split_people and folded[index] in mapping else EXACT)
    return {_people_key(index, mapped): found[index] for index in sorted(found)}


_ORGANISATIONS = re.compile(r"\s*(?:[;,]\s*and\s+|[;,])\s*")


def _row_attendees(values: dict[str, str], people: dict[str, str]) -> list[AttendeeRecord]:
    """The attendees one row of the long shape names: the people of each people column, each with
    the row's country, role, rank and host and chair flags (a title in the cell gives the role, and
    the country where the row has none), and the organisations of each organisation column (at
    commas and semicolons: "BAE Systems, Rolls-Royce"), without a country (the row's is its person's). A row
    whose people cells are all empty is one attendee of the row's other columns (refused later if
    it has neither name nor role); so is a row of our own export, with its attendee_kind."""
    country = values.get("country") or None
    role = values.get("role") or None
    rank = values.get("rank") or None
    host, chair = _flag(values.get("host", ""), "host"), _flag(values.get("chair", ""), "chair")
    attendees = []
    for key, how in people.items():
        cell = values.get(key, "")
        if not cell.strip():
            continue
        if how in (ORGANISATIONS, EXACT_ORGANISATION):
            names = _ORGANISATIONS.split(cell.strip()) if how == ORGANISATIONS else [cell]
            # The row's country is its person's (the minister's); where an organisation is from, the row does not say.
            attendees += [AttendeeRecord(name=name, kind=ORGANISATION) for name in names if name]
            continue
        for person in split_people(cell) if how == AS_PUBLISHED else [Person(name=cell)]:
            attendees.append(AttendeeRecord(name=person.name, country=country or person.country,
                                            role=role or person.role, rank=rank or person.rank, host=host,
                                            chair=chair, kind=values.get("attendee_kind") or PERSON))
    if not attendees:
        attendees.append(AttendeeRecord(name=values.get("attendee") or None, country=country, role=role, rank=rank,
                                        host=host, chair=chair, kind=values.get("attendee_kind") or PERSON))
    return attendees


def _csv_meeting(first: dict[str, str], members: list[dict[str, str]], long: bool,
                 dates: DateReading | None = None, people: dict[str, str] | None = None) -> MeetingRecord:
    def text(key: str) -> str | None:
        value = first.get(key, "")
        return value if value.strip() else None

    if long:
        attendees = [attendee for m in members for attendee in _row_attendees(m, people or {})]
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
    if values["date"] and not _ISO_DATE.fullmatch(values["date"]):
        start, end = read_published(values["date"], dates or DateReading(), field="date")
        values["date"] = start.isoformat()
        if end is not None and not values.get("end_date"):
            values["end_date"] = end.isoformat()
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
_JSON_IGNORED = {*DAY_COLUMNS, REJECT_COLUMN}
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
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    except RecursionError:
        raise ValueError("it is nested too deeply (a meeting is a few levels deep)") from None
    except ValueError as exc:
        if "limit" in str(exc) and "digits" in str(exc):  # Python refuses to read such a number
            raise ValueError("a number in it has more than 4300 digits; no field takes one") from None
        raise


def _json_meeting(item: Any) -> tuple[MeetingRecord, int | None]:
    from meetings.mappings import meeting_from_mapping

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
        for key in ("name", "country", "role", "rank", "kind"):
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


def read_json(text: str, *, name: str) -> Iterator[Item | Note]:
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
        yield _json_item(item, f"{name}: item {index + 1}", item)


def read_jsonl(lines: Iterable[str], *, name: str, progress: Callable[[int], None] | None = None) -> Iterator[Item | Note]:
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
            yield Item(location=location, data=None, error=f"not valid JSON: {exc}", raw=line.rstrip("\n"),
                       line=number)
            continue
        found = _json_item(item, location, line.rstrip("\n"))
        found.line = number
        yield found
    if count == 0:
        raise InvalidInput(name, "is empty; nothing to import")


def _json_item(item: Any, location: str, raw: Any) -> Item:
    try:
        data, key = _json_meeting(item)
    except InvalidInput as exc:
        return Item(location=location, data=None, error=str(exc), raw=raw)
    parent, data.sideline_of = data.sideline_of, None
    return Item(location=location, data=data, raw=raw, key=key, parent=parent)
