"""A meeting validated and resolved: every field checked, countries resolved, names folded into
the keys they are matched by. No database is needed; the writer takes it from here."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple

from meetings.cells import ATTENDEE_FORMAT
from meetings.countries import Country, resolve_country
from meetings.dates import PartialDate
from meetings.errors import InvalidInput
from meetings.fields import (
    ACRONYM_LENGTH,
    ATTENDEE_KINDS,
    MAX_ID,
    NAME_LENGTH,
    ORGANISATION,
    PERSON,
    RANK_LENGTH,
    REFERENCE_LENGTH,
    ROLE_LENGTH,
    TEXT_FIELDS,
    AttendeeRecord,
    Kind,
    MeetingRecord,
    is_id,
)
from meetings.signature import Signature, signature
from meetings.tables import MeetingKind
from meetings.text import clean, clean_block, match_key

KINDS = ", ".join(kind.value for kind in MeetingKind)
_KIND_VALUES = frozenset(kind.value for kind in MeetingKind)


def default_title(country_names: Iterable[str]) -> str:
    names = list(dict.fromkeys(country_names))
    if not names:
        return "Meeting"
    if len(names) > 4:
        return f"{'–'.join(names[:3])} and {len(names) - 3} more: meeting"
    return f"{'–'.join(names)} meeting"


def default_kind(country_count: int) -> MeetingKind:
    if country_count == 2:
        return MeetingKind.BILATERAL
    if country_count > 2:
        return MeetingKind.MULTILATERAL
    return MeetingKind.OTHER


class NormalAttendee(NamedTuple):
    """An attendee validated and resolved (a tuple: an import makes one for every attendee)."""

    name: str | None
    key: str | None  # folded name
    country: Country | None  # None only for an organisation given without one
    role: str | None
    rank: str | None
    host: bool
    chair: bool
    kind: str = PERSON

    @property
    def country_code(self) -> str | None:
        return self.country.code if self.country else None


@dataclass(frozen=True)
class NormalMeeting:
    """A meeting validated and resolved, ready to be written."""

    text: dict[str, str | None]  # the text fields, by column (title, venue, summary, ...)
    kind: str
    start: PartialDate
    end: PartialDate | None
    venue_country: Country | None
    organization: str | None
    sideline_of: int | None
    attendees: tuple[NormalAttendee, ...]
    topics: tuple[tuple[str, str], ...]  # (name, key)
    sources: tuple[tuple[str, str | None, dt.date | None], ...]  # (reference, publisher, published)

    @property
    def title(self) -> str:
        return self.text["title"] or ""

    def columns(self) -> dict[str, Any]:
        """The meeting's own columns in `meetings` (not those that point at other rows)."""
        return {
            **self.text,
            "kind": self.kind,
            "start_date": self.start.first_day,
            "start_precision": self.start.precision.value,
            "end_date": self.end.first_day if self.end else None,
            "end_precision": self.end.precision.value if self.end else None,
            # The last day the meeting may have run, for plain indexed date-range filters.
            "last_day": (self.end or self.start).last_day,
            "venue_country_code": self.venue_country.code if self.venue_country else None,
        }

    @functools.cached_property
    def signature(self) -> Signature:
        """What makes two records one meeting (see meetings.signature)."""
        return signature(self.start.first_day, self.start.precision.value,
                         ((a.country_code, a.key or a.role) for a in self.attendees))

    @functools.cached_property
    def content(self) -> tuple[Any, ...]:
        """Every field a user sees (title, dates, venue, kind, organisation, summary, attendees,
        topics, sources): records equal in it are exact duplicates."""
        return (
            self.signature,
            tuple(sorted((column, value or "") for column, value in self.text.items())),
            self.kind,
            (self.end.first_day, self.end.precision.value) if self.end else None,
            self.venue_country.code if self.venue_country else None,
            match_key(self.organization) if self.organization else None,
            # An attendee as a row-per-meeting file writes one: name, country and role.
            frozenset((a.country_code, a.key, a.role, a.kind) for a in self.attendees),
            frozenset(key for _, key in self.topics),
            frozenset(reference for reference, _, _ in self.sources),
        )


def normalize(data: MeetingRecord) -> NormalMeeting:
    """Validate every field of a meeting and resolve its countries; no database needed.

    Errors name the field (`date`, `venue_country`, `attendee.country`, ...).
    """
    start = PartialDate.parse(data.date, field="date")
    end = PartialDate.parse(data.end_date, field="end_date") if data.end_date else None
    if end is not None and end.last_day < start.first_day:
        raise InvalidInput("end_date", f"{end} is before the start date {start}")
    if not data.attendees:
        raise InvalidInput("attendees", f"at least one attendee is required: {ATTENDEE_FORMAT}")
    if data.sideline_of is not None and not is_id(data.sideline_of):
        raise InvalidInput("sideline_of", f"{data.sideline_of} is not a meeting id (1 to {MAX_ID})")
    kind = None
    if data.kind:
        kind = data.kind.strip().lower()
        if kind not in _KIND_VALUES:
            raise InvalidInput("kind", f"{data.kind!r} is not a kind; use one of {KINDS}")
    attendees = tuple(_normal_attendee(attendee) for attendee in data.attendees)
    keys = [a.key for a in attendees if a.key]
    repeated = next((key for key in keys if keys.count(key) > 1), None)
    if repeated is not None:
        raise InvalidInput("attendees", f"{repeated!r} is listed twice")
    country_names = [a.country.name for a in attendees if a.country]
    topics: dict[str, str] = {}
    for topic in data.topics:
        name = clean(topic, field="topics", max_length=NAME_LENGTH, required=True)
        assert name is not None
        key = match_key(name)
        if not key:
            raise InvalidInput("topics", f"{topic!r} needs at least one letter or digit")
        topics.setdefault(key, name)
    sources: dict[str, tuple[str, str | None, dt.date | None]] = {}
    for item in data.sources:
        reference = clean(item.reference, field="sources", max_length=REFERENCE_LENGTH, required=True)
        assert reference is not None
        publisher = clean(item.publisher, field="source.publisher", max_length=NAME_LENGTH)
        published = PartialDate.parse(item.published, field="source.published").first_day if item.published else None
        sources.setdefault(reference, (reference, publisher, published))
    organization = None
    if data.organization:
        organization = clean(data.organization, field="organization", max_length=ACRONYM_LENGTH)
        if organization is not None and not match_key(organization):
            raise InvalidInput("organization", f"{data.organization!r} needs at least one letter or digit")
    venue_country = None
    if data.venue_country and data.venue_country.strip():
        venue_country = resolve_country(data.venue_country, field="venue_country")
    text = {f.column: (clean_block if f.kind is Kind.BLOCK else clean)(
        getattr(data, f.name), field=f.name, max_length=f.max_length or 0) for f in TEXT_FIELDS if f.column}
    text["title"] = text["title"] or default_title(country_names)
    return NormalMeeting(
        text=text,
        kind=kind or default_kind(len(set(country_names))).value,
        start=start,
        end=end,
        venue_country=venue_country,
        organization=organization,
        sideline_of=data.sideline_of,
        attendees=attendees,
        topics=tuple((name, key) for key, name in topics.items()),
        sources=tuple(sources.values()),
    )


def check_attendee(attendee: AttendeeRecord) -> None:
    """Refuse an attendee that could not be recorded (the checks `normalize` makes of each)."""
    _normal_attendee(attendee)


def attendee_kind(text: str | None, *, field: str = "attendee.kind") -> str:
    """A kind of attendee as written ("organisation", "Organization", empty for a person)."""
    kind = KIND_SPELLINGS.get((text or PERSON).strip().casefold())
    if kind is None:
        raise InvalidInput(field, f"{text!r} is not a kind of attendee; use {' or '.join(ATTENDEE_KINDS)}")
    return kind


def _normal_attendee(attendee: AttendeeRecord) -> NormalAttendee:
    kind = attendee_kind(attendee.kind)
    if kind == ORGANISATION and not (attendee.name or "").strip():
        raise InvalidInput("attendee.name", "an organisation needs its name")
    name, key, role, rank = _person(attendee.name, attendee.role, attendee.rank)
    if not attendee.country or not attendee.country.strip():
        if kind != ORGANISATION:
            raise InvalidInput("attendee.country", f"a country is required; use {ATTENDEE_FORMAT}")
        return NormalAttendee(name, key, None, role, rank, bool(attendee.host), bool(attendee.chair), kind)
    return NormalAttendee(name, key, resolve_country(attendee.country, field="attendee.country"),
                          role, rank, bool(attendee.host), bool(attendee.chair), kind)


# How a kind of attendee may be written: "organization" is "organisation".
KIND_SPELLINGS = {**{kind: kind for kind in ATTENDEE_KINDS}, "organization": ORGANISATION}


@functools.lru_cache(maxsize=1 << 14)  # about 6 MiB when full
def _person(name: str | None, role: str | None, rank: str | None) -> tuple[str | None, str | None, str | None,
                                                                            str | None]:
    """An attendee's cleaned name, its folded key, role and rank: remembered per distinct value,
    since an archive names the same people in the same roles again and again (a refusal is not
    remembered: it is raised again)."""
    name = clean(name, field="attendee.name", max_length=NAME_LENGTH, name=True)
    role = clean(role, field="attendee.role", max_length=ROLE_LENGTH)
    rank = clean(rank, field="attendee.rank", max_length=RANK_LENGTH)
    key = match_key(name) if name is not None else None
    if name is not None and not key:
        raise InvalidInput("attendee.name", f"{name!r} has no letters; give the person's name")
    if name is None and role is None:
        raise InvalidInput("attendee.name", "a name is required (or an empty name and a role: "
                                            f"\", Russia, President\"); use {ATTENDEE_FORMAT}")
    return name, key, role, rank
