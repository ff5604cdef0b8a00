"""A meeting's fields, declared once, and the records that carry them.

A meeting travels as a `MeetingRecord`: what `add` and `edit` build from options, what
`import` reads from CSV, JSON and fixtures, what listing and export print. Each field of it is
declared here with what the rest of the program derives from it: how it is read and cleaned
(`kind`, `max_length`), where it is stored (`column`), its CSV column, JSON key and fixture
key, its position in the one-row-per-meeting export, and the search-index column that holds it.

Adding a plain text field is one `declared(...)` line below, a migration, and its tests.
Nothing here imports SQLAlchemy: the command line and the output layer read it at start-up.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from enum import Enum
from typing import Any

# Field lengths: the services refuse longer values with a clear message; the schema backs them up.
TITLE_LENGTH = 300
NAME_LENGTH = 200
ROLE_LENGTH = 200
RANK_LENGTH = 100
PLACE_LENGTH = 200
REFERENCE_LENGTH = 1000
SUMMARY_LENGTH = 20_000
ACRONYM_LENGTH = 30
ORIGIN_LENGTH = 1000  # the file an imported meeting came from, as named

# Ids are 64-bit signed integers in both databases: a larger number can name no record.
MAX_ID = 2**63 - 1


def is_id(value: int) -> bool:
    """Whether a number could be a record's id (1 to MAX_ID)."""
    return 1 <= value <= MAX_ID


class Kind(Enum):
    """How a field's value is read, checked and stored."""

    ID = "id"  # the meeting's own id
    DATE = "date"  # a partial date (YYYY, YYYY-MM or YYYY-MM-DD): a day column and a precision column
    LINE = "line"  # one line of text: spaces collapsed, control characters refused
    BLOCK = "block"  # text over several lines (newlines kept)
    MEETING_KIND = "meeting kind"  # one of MeetingKind
    COUNTRY = "country"  # a country, resolved to its ISO code; read back as its name
    ORGANIZATION = "organization"  # an organization's acronym, stored once and pointed at
    MEETING = "meeting"  # the id of another meeting
    ATTENDEES = "attendees"
    TOPICS = "topics"
    SOURCES = "sources"


TEXT = (Kind.LINE, Kind.BLOCK)


@dataclass(frozen=True)
class Field:
    """One declared field of a meeting."""

    name: str  # the record's attribute, and the name errors about it use
    kind: Kind
    column: str | None = None  # its column in `meetings` (a date's precision column follows it)
    max_length: int | None = None
    csv: str | None = None  # its CSV column (import and export)
    json: str | None = None  # its key in JSON and JSONL
    fixture: str | None = None  # its key in the fixture format (and the editor)
    export: int | None = None  # its position in the one-row-per-meeting export
    searched: str | None = None  # the search-index column that holds it

    @property
    def text(self) -> bool:
        return self.kind in TEXT


def declared(kind: Kind, *, key: str | None = "", fixture: str | None = "", required: bool = False,
             factory: Any = None, **spec: Any) -> Any:
    """A record field with its declaration (see Field). `key` is its CSV column and JSON key
    (default: the field's name; None for neither), `fixture` its fixture key (default: `key`)."""
    metadata = {"declared": {"kind": kind, "key": key, "fixture": fixture, **spec}}
    if factory is not None:
        return dataclasses.field(default_factory=factory, metadata=metadata)
    if required:
        return dataclasses.field(metadata=metadata)
    return dataclasses.field(default=None, metadata=metadata)


# What an attendee is: a person, or an organisation met as such (a company, a union, an
# international body's secretariat). Frameworks meetings are held in (SCO, NATO) are not attendees:
# they are a meeting's `organization` (`meetings orgs`).
PERSON = "person"
ORGANISATION = "organisation"
ATTENDEE_KINDS: tuple[str, ...] = (PERSON, ORGANISATION)


@dataclass(kw_only=True)
class AttendeeRecord:
    """Who attended, for which country, in which role. The name may be empty when a role is given.
    An organisation has a name; its country is optional."""

    name: str | None = None
    country: str | None = None
    role: str | None = None
    rank: str | None = None
    host: bool = False
    chair: bool = False
    kind: str = PERSON


@dataclass(kw_only=True)
class SourceRecord:
    """Where a record came from: a URL or a citation, with its publisher and date where known."""

    reference: str
    publisher: str | None = None
    published: str | None = None


@dataclass(kw_only=True)
class MeetingRecord:
    """A meeting as text: what is given to record it, and what is read back out.

    Countries are names or codes on the way in, names on the way out; dates are partial dates
    in ISO form. `id` is None for a meeting not recorded yet.
    """

    id: int | None = declared(Kind.ID, export=0, fixture=None)
    title: str | None = declared(Kind.LINE, column="title", max_length=TITLE_LENGTH, export=5, searched="title")
    date: str = declared(Kind.DATE, column="start_date", export=1, required=True)
    end_date: str | None = declared(Kind.DATE, column="end_date", export=2)
    venue: str | None = declared(Kind.LINE, column="venue", max_length=PLACE_LENGTH, export=7, searched="venue")
    venue_country: str | None = declared(Kind.COUNTRY, column="venue_country_code", export=8)
    kind: str | None = declared(Kind.MEETING_KIND, column="kind", export=6)
    organization: str | None = declared(Kind.ORGANIZATION, column="organization_id", max_length=ACRONYM_LENGTH,
                                        export=9)
    sideline_of: int | None = declared(Kind.MEETING, column="parent_id", export=10)
    summary: str | None = declared(Kind.BLOCK, column="summary", max_length=SUMMARY_LENGTH, export=15,
                                   searched="summary")
    attendees: list[AttendeeRecord] = declared(Kind.ATTENDEES, export=12, searched="people", factory=list)
    topics: list[str] = declared(Kind.TOPICS, export=13, searched="topics", factory=list)
    sources: list[SourceRecord] = declared(Kind.SOURCES, export=14, factory=list)

    @property
    def countries(self) -> list[str]:
        """The attendees' countries, each once, in order."""
        return list(dict.fromkeys(a.country for a in self.attendees if a.country))


def _fields() -> tuple[Field, ...]:
    found = []
    for item in dataclasses.fields(MeetingRecord):
        spec = dict(item.metadata["declared"])
        key = spec.pop("key")
        key = item.name if key == "" else key
        fixture = spec.pop("fixture")
        found.append(Field(name=item.name, csv=key, json=key, fixture=key if fixture == "" else fixture, **spec))
    return tuple(found)


MEETING_FIELDS: tuple[Field, ...] = _fields()
BY_NAME: dict[str, Field] = {f.name: f for f in MEETING_FIELDS}
TEXT_FIELDS: tuple[Field, ...] = tuple(f for f in MEETING_FIELDS if f.text)
ATTENDEE_KEYS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(AttendeeRecord))
SOURCE_KEYS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(SourceRecord))

# Export columns that are not fields of their own but follow from them; exports carry them and
# imports leave them aside. "first_day" and "last_day" are the ISO days the meeting's dates stand
# for (for "2001": 2001-01-01 and 2001-12-31), which spreadsheets and dataframes read as dates;
# they follow "end_date" in JSON too. "countries" is the attendees' countries, joined in one cell.
DAY_COLUMNS: tuple[str, str] = ("first_day", "last_day")
DERIVED_EXPORT = {"first_day": 3, "last_day": 4, "countries": 11}


def day_span(date: str, end_date: str | None) -> tuple[str, str]:
    """The first and last ISO day a meeting's dates stand for: the first of its start date, the
    last of its end date (or of its start date when it has none)."""
    from meetings.dates import PartialDate

    start = PartialDate.parse(date)
    end = PartialDate.parse(end_date) if end_date else start
    return start.first_day.isoformat(), end.last_day.isoformat()

# The one-row-per-meeting export and the CSV import read these columns, in this order.
WIDE_COLUMNS: tuple[str, ...] = tuple(name for name, _ in sorted(
    [(f.csv, f.export) for f in MEETING_FIELDS if f.csv and f.export is not None] + list(DERIVED_EXPORT.items()),
    key=lambda pair: pair[1]))
# One row per attendance: the meeting's columns, with the attendee's in place of the joined cells.
# ("kind" is the meeting's kind in the same rows: the attendee's is "attendee_kind".)
ATTENDANCE_COLUMNS: tuple[str, ...] = tuple({"name": "attendee", "kind": "attendee_kind"}.get(key, key)
                                            for key in ATTENDEE_KEYS)
LONG_COLUMNS: tuple[str, ...] = tuple(
    part for column in WIDE_COLUMNS if column != "countries"
    for part in ({"id": ("meeting_id",), "attendees": ATTENDANCE_COLUMNS}.get(column, (column,))))
