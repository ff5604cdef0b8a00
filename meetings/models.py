"""The schema, as SQLAlchemy 2.x typed models. Alembic migrations create it; nothing else does."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

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
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_N_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# Field lengths: the services refuse longer values with a clear message; the schema backs them up.
TITLE_LENGTH = 300
NAME_LENGTH = 200
ROLE_LENGTH = 200
RANK_LENGTH = 100
PLACE_LENGTH = 200
REFERENCE_LENGTH = 1000
SUMMARY_LENGTH = 20_000
ACRONYM_LENGTH = 30


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


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Country(Base):
    """An ISO 3166 country (or a former one, by its ISO 3166-3 code), stored as it is first used."""

    __tablename__ = "countries"

    code: Mapped[str] = mapped_column(String(4), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    acronym: Mapped[str] = mapped_column(String(ACRONYM_LENGTH))
    name: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    # Folded acronym: "sco" and "SCO" are one organization.
    key: Mapped[str] = mapped_column(String(ACRONYM_LENGTH), unique=True)

    members: Mapped[list[OrganizationMember]] = relationship(
        back_populates="organization", cascade="all, delete-orphan",
        order_by="OrganizationMember.since_year",
    )


class OrganizationMember(Base):
    """A country's standing in an organization: India was an SCO observer from 2005, a member from 2017."""

    __tablename__ = "organization_members"
    __table_args__ = (
        UniqueConstraint("organization_id", "country_code", "status"),
        CheckConstraint(_in("status", MembershipStatus), name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id", ondelete="CASCADE"))
    country_code: Mapped[str] = mapped_column(ForeignKey("countries.code"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    since_year: Mapped[int | None] = mapped_column(Integer)
    until_year: Mapped[int | None] = mapped_column(Integer)

    organization: Mapped[Organization] = relationship(back_populates="members")
    country: Mapped[Country] = relationship()


class Person(Base):
    """One row per real person, however many meetings they attend."""

    __tablename__ = "people"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    # Folded name (case, accents, punctuation) of the name shown.
    key: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)

    attendances: Mapped[list[Attendance]] = relationship(back_populates="person")
    names: Mapped[list[PersonName]] = relationship(
        back_populates="person", cascade="all, delete-orphan", order_by="PersonName.id"
    )


class PersonName(Base):
    """Every name a person is known by (the shown name and each alias), matched by its folded key.

    A key belongs to one person: "Sergei K Shoigu" and "Sergey Shoygu" lead to the same man.
    """

    __tablename__ = "person_names"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    key: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)

    person: Mapped[Person] = relationship(back_populates="names")


class Topic(Base):
    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(NAME_LENGTH))
    key: Mapped[str] = mapped_column(String(NAME_LENGTH), unique=True)


class Source(Base):
    """Where a record came from: a URL or a citation, with its publisher and date where known."""

    __tablename__ = "sources"

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(REFERENCE_LENGTH), unique=True)
    publisher: Mapped[str | None] = mapped_column(String(NAME_LENGTH))
    published_on: Mapped[dt.date | None] = mapped_column(Date)


meeting_topics = Table(
    "meeting_topics",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("topic_id", ForeignKey("topics.id"), primary_key=True, index=True),
)

meeting_sources = Table(
    "meeting_sources",
    Base.metadata,
    Column("meeting_id", ForeignKey("meetings.id", ondelete="CASCADE"), primary_key=True),
    Column("source_id", ForeignKey("sources.id"), primary_key=True, index=True),
)


class Meeting(Base):
    __tablename__ = "meetings"
    __table_args__ = (
        CheckConstraint(_in("kind", MeetingKind), name="kind"),
        CheckConstraint("start_precision IN ('day', 'month', 'year')", name="start_precision"),
        CheckConstraint("end_precision IN ('day', 'month', 'year')", name="end_precision"),
        CheckConstraint("(end_date IS NULL) = (end_precision IS NULL)", name="end_complete"),
        CheckConstraint("last_day >= start_date", name="period_order"),
        CheckConstraint("parent_id IS NULL OR parent_id <> id", name="not_own_parent"),
        Index("ix_meetings_start_date_id", "start_date", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(TITLE_LENGTH))
    # A partial date is its first day plus a precision (see meetings.dates).
    start_date: Mapped[dt.date] = mapped_column(Date)
    start_precision: Mapped[str] = mapped_column(String(5))
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    end_precision: Mapped[str | None] = mapped_column(String(5))
    # Last day the meeting may have run (end of the end date, else of the start date);
    # stored so that date-range filters are a plain indexed comparison.
    last_day: Mapped[dt.date] = mapped_column(Date, index=True)
    venue: Mapped[str | None] = mapped_column(String(PLACE_LENGTH))
    venue_country_code: Mapped[str | None] = mapped_column(ForeignKey("countries.code"), index=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    organization_id: Mapped[int | None] = mapped_column(ForeignKey("organizations.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("meetings.id", ondelete="SET NULL"), index=True
    )
    summary: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=_now, onupdate=_now)

    venue_country: Mapped[Country | None] = relationship()
    organization: Mapped[Organization | None] = relationship()
    parent: Mapped[Meeting | None] = relationship(remote_side=[id], back_populates="sidelines")
    sidelines: Mapped[list[Meeting]] = relationship(back_populates="parent", order_by="Meeting.start_date")
    attendances: Mapped[list[Attendance]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Attendance.position"
    )
    topics: Mapped[list[Topic]] = relationship(secondary=meeting_topics, order_by="Topic.key")
    sources: Mapped[list[Source]] = relationship(secondary=meeting_sources, order_by="Source.id")


class Attendance(Base):
    """Who was at a meeting, for which country, in which role. The person may be unnamed."""

    __tablename__ = "attendances"
    __table_args__ = (
        UniqueConstraint("meeting_id", "person_id"),
        CheckConstraint("person_id IS NOT NULL OR role IS NOT NULL", name="named_or_role"),
        Index("ix_attendances_country_code_meeting_id", "country_code", "meeting_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id", ondelete="CASCADE"), index=True)
    person_id: Mapped[int | None] = mapped_column(ForeignKey("people.id"), index=True)
    country_code: Mapped[str | None] = mapped_column(ForeignKey("countries.code"))
    role: Mapped[str | None] = mapped_column(String(ROLE_LENGTH))
    rank: Mapped[str | None] = mapped_column(String(RANK_LENGTH))
    is_host: Mapped[bool] = mapped_column(Boolean, default=False)
    is_chair: Mapped[bool] = mapped_column(Boolean, default=False)
    position: Mapped[int] = mapped_column(Integer, default=0)

    meeting: Mapped[Meeting] = relationship(back_populates="attendances")
    person: Mapped[Person | None] = relationship(back_populates="attendances")
    country: Mapped[Country | None] = relationship()
