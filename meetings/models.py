"""The schema as SQLAlchemy 2.x typed ORM models, mapped onto the Core tables of
`meetings.tables` (the write path uses these; the read path queries the tables directly).
Alembic migrations create the schema; nothing else does."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import DeclarativeBase, Mapped, relationship

from meetings import tables
from meetings.tables import (
    MeetingKind,
    MembershipStatus,
    meeting_sources,
    meeting_topics,
)

__all__ = [
    "Attendance", "Base", "Country", "CountryAlias", "Meeting", "MeetingKind",
    "MembershipStatus", "Organization", "OrganizationMember", "Person", "PersonName", "Source", "Topic",
    "meeting_sources", "meeting_topics",
]


class Base(DeclarativeBase):
    metadata = tables.metadata


class Named:
    """The columns of a record known by a name and matched by its folded key (see tables._named)."""

    id: Mapped[int]
    name: Mapped[str]
    key: Mapped[str]


class Country(Base):
    """An ISO 3166 country (or a former one, by its ISO 3166-3 code), stored as it is first used."""

    __table__ = tables.countries

    code: Mapped[str]
    name: Mapped[str]


class CountryAlias(Base):
    """A name a user taught, and the country it means."""

    __table__ = tables.country_aliases

    key: Mapped[str]
    name: Mapped[str]
    code: Mapped[str]


class Organization(Base):
    __table__ = tables.organizations

    id: Mapped[int]
    acronym: Mapped[str]
    name: Mapped[str | None]
    key: Mapped[str]

    members: Mapped[list[OrganizationMember]] = relationship(
        back_populates="organization", cascade="all, delete-orphan",
        order_by="OrganizationMember.since_year",
    )


class OrganizationMember(Base):
    """A country's standing in an organization: India was an SCO observer from 2005, a member from 2017."""

    __table__ = tables.organization_members

    id: Mapped[int]
    organization_id: Mapped[int]
    country_code: Mapped[str]
    status: Mapped[str]
    since_year: Mapped[int | None]
    until_year: Mapped[int | None]

    organization: Mapped[Organization] = relationship(back_populates="members")
    country: Mapped[Country] = relationship()


class Person(Named, Base):
    """One row per real person, however many meetings they attend."""

    __table__ = tables.people

    kind: Mapped[str]  # person or organisation (meetings.fields.ATTENDEE_KINDS)
    attendances: Mapped[list[Attendance]] = relationship(back_populates="person")
    names: Mapped[list[PersonName]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonName.id"
    )


class PersonName(Named, Base):
    """Every name a person is known by (the shown name and each alias), matched by its folded key."""

    __table__ = tables.person_names

    person_id: Mapped[int]

    person: Mapped[Person] = relationship(back_populates="names")


class Topic(Named, Base):
    __table__ = tables.topics


class Source(Base):
    """Where a record came from: a URL or a citation, with its publisher and date where known."""

    __table__ = tables.sources

    id: Mapped[int]
    reference: Mapped[str]
    publisher: Mapped[str | None]
    published_on: Mapped[dt.date | None]


class Meeting(Base):
    __table__ = tables.meetings

    id: Mapped[int]
    title: Mapped[str]
    start_date: Mapped[dt.date]
    start_precision: Mapped[str]
    end_date: Mapped[dt.date | None]
    end_precision: Mapped[str | None]
    last_day: Mapped[dt.date]
    venue: Mapped[str | None]
    venue_country_code: Mapped[str | None]
    kind: Mapped[str]
    organization_id: Mapped[int | None]
    parent_id: Mapped[int | None]
    summary: Mapped[str | None]
    created_at: Mapped[dt.datetime]
    updated_at: Mapped[dt.datetime]

    venue_country: Mapped[Country | None] = relationship()
    organization: Mapped[Organization | None] = relationship()
    parent: Mapped[Meeting | None] = relationship(remote_side=[tables.meetings.c.id], back_populates="sidelines")
    sidelines: Mapped[list[Meeting]] = relationship(back_populates="parent", order_by="Meeting.start_date")
    attendances: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Attendance.position"
    )
    topics: Mapped[list[Topic]] = relationship(secondary=meeting_topics, order_by="Topic.key")
    # Sources by reference, as topics by key: a meeting's cells are the same whatever order the
    # archive recorded its sources in (an export imported again gives the same bytes).
    sources: Mapped[list[Source]] = relationship(secondary=meeting_sources, order_by="Source.reference")


class Attendance(Base):
    """Who was at a meeting, for which country, in which role. The person may be unnamed."""

    __table__ = tables.attendances

    id: Mapped[int]
    meeting_id: Mapped[int]
    person_id: Mapped[int | None]
    country_code: Mapped[str | None]
    role: Mapped[str | None]
    rank: Mapped[str | None]
    is_host: Mapped[bool]
    is_chair: Mapped[bool]
    position: Mapped[int]

    meeting: Mapped[Meeting] = relationship(back_populates="attendances")
    person: Mapped[Person | None] = relationship(back_populates="attendances")
    country: Mapped[Country | None] = relationship()
