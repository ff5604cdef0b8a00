"""Reading tables: CSV (both export shapes, or a foreign layout mapped onto ours) and a register's
XML, whose records are rows by another name."""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from meetings.cells import parse_attendee, split_cell, unescape, unneutralize
from meetings.dates import DateReading, read_published
from meetings.errors import InvalidInput
from meetings.fields import (
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
from meetings.services.readers.items import FIELDS, CsvLayout, Item, Note, with_column
from meetings.titles import Person, split_people


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
            return made(location=location, data=None, error=with_column(exc, columns), raw=raw,
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


