"""What the readers yield: an Item per meeting (its record, or why it could not be read) and a Note
for what the user should know; the layout a foreign CSV is read with."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from meetings.dates import DateReading
from meetings.errors import InvalidInput
from meetings.fields import (
    ATTENDANCE_COLUMNS,
    ATTENDEE_KEYS,
    BY_NAME,
    DERIVED_EXPORT,
    MEETING_FIELDS,
    MeetingRecord,
)

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
    # names may be variants of one person's (services.same_person.NameVariants).
    as_published: bool = False

    def refusal(self, exc: InvalidInput) -> str:
        """An error about the item's record, as the file's user sees it: naming the column the
        value came from, or the field."""
        return with_column(exc, self.columns) if self.columns else str(exc)


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


# The CSV column of the long shape an error about part of an attendee belongs to.
_ATTENDANCE_COLUMN_OF = {f"attendee.{key}": column for key, column in zip(ATTENDEE_KEYS, ATTENDANCE_COLUMNS, strict=True)}


def with_column(exc: InvalidInput, columns: dict[str, str]) -> str:
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
