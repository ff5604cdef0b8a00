"""The schema as SQLAlchemy Core tables: what the read path queries without loading the ORM.

`meetings.models` maps its typed ORM classes onto these same tables (one definition of each
column), and Alembic migrations create them; nothing else does.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

# The services refuse longer values with a clear message; the schema backs them up.
from meetings.fields import (
    ACRONYM_LENGTH,
    NAME_LENGTH,
    ORIGIN_LENGTH,
    PLACE_LENGTH,
    RANK_LENGTH,
    REFERENCE_LENGTH,
    ROLE_LENGTH,
    TITLE_LENGTH,
)

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class MeetingKind(StrEnum):
    BILATERAL = "bilateral"
    MULTILATERAL = "multilateral"
    SUMMIT = "summit"
    VISIT = "visit"
    CALL = "call"
    OTHER = "other"


class MembershipStatus(StrEnum):
    MEMBER = "member"
    OBSERVER = "observer"
    DIALOGUE_PARTNER = "dialogue partner"
    GUEST = "guest"


def _in(column: str, values: type[StrEnum]) -> str:
    return f"{column} IN ({', '.join(repr(v.value) for v in values)})"


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


metadata = MetaData(naming_convention=NAMING_CONVENTION)

# An ISO 3166 country (or a former one, by its ISO 3166-3 code), stored as it is first used.
countries = Table(
    "countries", metadata,
    Column("code", String(4), primary_key=True),
    Column("name", String(100), nullable=False),
)

# A name a user taught (`meetings countries alias`), used by every command: its folded key,
# the name as taught, and the country it means.
country_aliases = Table(
    "country_aliases", metadata,
    Column("key", String(100), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("code", ForeignKey("countries.code"), nullable=False),
)

organizations = Table(
    "organizations", metadata,
    Column("id", Integer, primary_key=True),
    Column("acronym", String(ACRONYM_LENGTH), nullable=False),
    Column("name", String(NAME_LENGTH)),
    # Folded acronym: "sco" and "SCO" are one organization.
    Column("key", String(ACRONYM_LENGTH), nullable=False, unique=True),
)

# A country's standing in an organization: India was an SCO observer from 2005, a member from 2017.
organization_members = Table(
    "organization_members", metadata,
    Column("id", Integer, primary_key=True),
    Column("organization_id", ForeignKey("organizations.id", ondelete="CASCADE"), nullable=False),
    Column("country_code", ForeignKey("countries.code"), nullable=False, index=True),
    Column("status", String(20), nullable=False),
    Column("since_year", Integer),
    Column("until_year", Integer),
    UniqueConstraint("organization_id", "country_code", "status"),
    CheckConstraint(_in("status", MembershipStatus), name="status"),
)


def _named(name: str, *columns: Column[Any] | CheckConstraint) -> Table:
    """A table of records known by a name and matched by its folded key (case, accents,
    punctuation): "Sergei Shoigu" and "sergei SHOIGU" are one row. `columns` come after the id."""
    return Table(
        name, metadata,
        Column("id", Integer, primary_key=True),
        *columns,
        Column("name", String(NAME_LENGTH), nullable=False),
        Column("key", String(NAME_LENGTH), nullable=False, unique=True),
    )


# One row per real person (or organisation met as one: `kind`), however many meetings they
# attend; `key` folds the name shown.
people = _named("people", Column("kind", String(12), nullable=False, server_default="person"),
                CheckConstraint("kind IN ('person', 'organisation')", name="kind"))

# Every name a person is known by (the shown name and each alias), matched by its folded key.
# A key belongs to one person: "Sergei K Shoigu" and "Sergey Shoygu" lead to the same man.
person_names = _named("person_names",
                      Column("person_id", ForeignKey("people.id", ondelete="CASCADE"), nullable=False, index=True))

topics = _named("topics")

# Where a record came from: a URL or a citation, with its publisher and date where known.
sources = Table(
    "sources", metadata,
    Column("id", Integer, primary_key=True),
    Column("reference", String(REFERENCE_LENGTH), nullable=False, unique=True),
    Column("publisher", String(NAME_LENGTH)),
    Column("published_on", Date),
)

meeting_topics = Table(
    "meeting_topics", metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topics.id"), primary_key=True, index=True),
)

meeting_sources = Table(
    "meeting_sources", metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("source_id", ForeignKey("sources.id"), primary_key=True, index=True),
)

meetings = Table(
    "meetings", metadata,
    Column("id", Integer, primary_key=True),
    Column("title", String(TITLE_LENGTH), nullable=False),
    # A partial date is its first day plus a precision (see meetings.dates).
    Column("start_date", Date, nullable=False),
    Column("start_precision", String(5), nullable=False),
    Column("end_date", Date),
    Column("end_precision", String(5)),
    # Last day the meeting may have run (end of the end date, else of the start date);
    # stored so that date-range filters are a plain indexed comparison.
    Column("last_day", Date, nullable=False, index=True),
    Column("venue", String(PLACE_LENGTH)),
    Column("venue_country_code", ForeignKey("countries.code"), index=True),
    Column("kind", String(20), nullable=False, index=True),
    Column("organization_id", ForeignKey("organizations.id"), index=True),
    Column("parent_id", ForeignKey("meetings.id", ondelete="SET NULL"), index=True),
    Column("summary", Text),
    Column("created_at", DateTime(timezone=True), nullable=False, default=_now),
    Column("updated_at", DateTime(timezone=True), nullable=False, default=_now, onupdate=_now),
    CheckConstraint(_in("kind", MeetingKind), name="kind"),
    CheckConstraint("start_precision IN ('day', 'month', 'year')", name="start_precision"),
    CheckConstraint("end_precision IN ('day', 'month', 'year')", name="end_precision"),
    CheckConstraint("(end_date IS NULL) = (end_precision IS NULL)", name="end_complete"),
    CheckConstraint("last_day >= start_date", name="period_order"),
    CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
    Index("ix_meetings_start_date_id", "start_date", "id"),
)

# Who was at a meeting, for which country, in which role. The person may be unnamed.
attendances = Table(
    "attendances", metadata,
    Column("id", Integer, primary_key=True),
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("person_id", ForeignKey("people.id"), index=True),
    Column("country_code", ForeignKey("countries.code")),
    Column("role", String(ROLE_LENGTH)),
    Column("rank", String(RANK_LENGTH)),
    Column("is_host", Boolean, nullable=False, default=False),
    Column("is_chair", Boolean, nullable=False, default=False),
    Column("position", Integer, nullable=False, default=0),
    UniqueConstraint("meeting_id", "person_id"),
    CheckConstraint("person_id IS NOT NULL OR role IS NOT NULL", name="named_or_role"),
    Index("ix_attendances_country_code_meeting_id", "country_code", "meeting_id"),
)

# Every `meetings import` is a batch: when, from which files, and what it did. `undone_at` is set
# when `meetings imports undo` removed what it added.
import_batches = Table(
    "import_batches", metadata,
    Column("id", Integer, primary_key=True),
    Column("started_at", DateTime(timezone=True), nullable=False),
    # When it was written: a meeting it added that changed later (updated_at) was edited since.
    Column("finished_at", DateTime(timezone=True), nullable=False),
    Column("files", Text, nullable=False),  # the inputs as named, one per line
    Column("added", Integer, nullable=False, default=0),
    Column("updated", Integer, nullable=False, default=0),
    Column("skipped", Integer, nullable=False, default=0),
    Column("rejected", Integer, nullable=False, default=0),
    Column("undone_at", DateTime(timezone=True)),
)

# Where an imported meeting came from: the batch that added it, the file and the line.
meeting_origins = Table(
    "meeting_origins", metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("batch_id", ForeignKey("import_batches.id", ondelete="CASCADE"), nullable=False, index=True),
    Column("file", String(ORIGIN_LENGTH), nullable=False),
    Column("line", Integer),  # None for an item of a JSON list
)


class PairStatus(StrEnum):
    QUEUED = "queued"  # a probable duplicate, waiting for review (`meetings duplicates`)
    DISTINCT = "distinct"  # reviewed: two meetings (`meetings duplicates dismiss`), never queued again


# Probable duplicates: two meetings on the same date with the same attendees that differ
# elsewhere. The lower id is first.
duplicate_pairs = Table(
    "duplicate_pairs", metadata,
    Column("first_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("second_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True, index=True),
    Column("status", String(10), nullable=False),
    CheckConstraint("first_id < second_id", name="ordered"),
    CheckConstraint(_in("status", PairStatus), name="status"),
)
