"""The shared rows meetings point at, one at a time through the ORM: a country or an organization
got or created (for a fixture's organizations and their members), a person found by any name.
Names are matched by a folded key, so spellings that differ only in case, accents or punctuation
are one record. Meetings themselves are written by meetings.services.writer."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from meetings.countries import Country as ResolvedCountry
from meetings.countries import resolve_country
from meetings.fields import ACRONYM_LENGTH
from meetings.models import Country, Organization, Person, PersonName
from meetings.text import clean, match_key

T = TypeVar("T")


def country(session: Session, text: str, *, field: str) -> Country:
    return country_row(session, resolve_country(text, field=field))


def _created(session: Session, row: T, find: Callable[[], T | None]) -> T:
    """Add a new shared record. On a server, another process may be adding the same one at this
    moment: the insert runs in a savepoint, and if it loses that race the winner's row is used."""
    if session.get_bind().dialect.name != "postgresql":
        session.add(row)
        return row
    session.flush()
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
        return row
    except IntegrityError:
        found = find()
        if found is None:
            raise
        return found


def country_row(session: Session, resolved: ResolvedCountry) -> Country:
    row = session.get(Country, resolved.code)
    if row is None:
        row = _created(session, Country(code=resolved.code, name=resolved.name),
                       lambda: session.get(Country, resolved.code))
    return row


def find_person(session: Session, name: str) -> Person | None:
    """The person known by this name or one of their aliases, if any."""
    return session.scalars(
        select(Person).join(PersonName, PersonName.person_id == Person.id).where(PersonName.key == match_key(name))
    ).one_or_none()


def organization(session: Session, acronym_text: str, *, name: str | None = None,
                 field: str = "--org") -> Organization:
    acronym = clean(acronym_text, field=field, max_length=ACRONYM_LENGTH, required=True)
    assert acronym is not None
    key = match_key(acronym)
    def find() -> Organization | None:
        return session.scalars(select(Organization).where(Organization.key == key)).one_or_none()

    row = find()
    if row is None:
        row = _created(session, Organization(acronym=acronym, key=key, name=name), find)
    elif name and not row.name:
        row.name = name
    return row
