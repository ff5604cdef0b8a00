"""Country names users teach: `meetings countries alias "Somoa" WS`.

A taught name is used by every command, for names the shipped index does not know (or finds
ambiguous). It can never make a name the index knows mean another country: that would merge
two countries.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from meetings.countries import country_label, index_code, resolve_country
from meetings.errors import InvalidInput, NotFound
from meetings.models import CountryAlias
from meetings.services.shared import country_row
from meetings.text import clean, match_key

NAME_LENGTH = 100


@dataclass(frozen=True)
class TaughtName:
    name: str
    code: str
    country: str


def taught_names(*, session: Session) -> list[TaughtName]:
    rows = session.scalars(select(CountryAlias).order_by(CountryAlias.key))
    return [TaughtName(name=row.name, code=row.code, country=country_label(row.code)) for row in rows]


def teach(*, session: Session, name: str, country: str) -> tuple[TaughtName, bool]:
    """Teach NAME as a name of COUNTRY; returns it and whether it is new."""
    text = clean(name, field="NAME", max_length=NAME_LENGTH, required=True, name=True)
    assert text is not None
    key = match_key(text)
    if not key:
        raise InvalidInput("NAME", "must contain a letter or digit")
    target = resolve_country(country, field="CODE")
    known = index_code(text)
    if known is not None:
        if known == target.code:
            raise InvalidInput("NAME", f"{text!r} already means {country_label(known)}; there is nothing to teach")
        raise InvalidInput("NAME", f"{text!r} already means {country_label(known)}; an alias cannot make it mean "
                                   f"{target.name} (that would merge two countries)")
    existing = session.get(CountryAlias, key)
    if existing is not None:
        if existing.code == target.code:
            return TaughtName(existing.name, existing.code, target.name), False
        raise InvalidInput("NAME", f"{existing.name!r} is taught as {country_label(existing.code)}; "
                                   f"run `meetings countries unalias {existing.name!r}` first")
    country_row(session, target)
    session.add(CountryAlias(key=key, name=text, code=target.code))
    session.flush()
    return TaughtName(text, target.code, target.name), True


def forget(*, session: Session, name: str) -> TaughtName:
    key = match_key(name or "")
    row = session.get(CountryAlias, key) if key else None
    if row is None:
        raise NotFound(f"no taught country name {name!r} (see meetings countries aliases)")
    taught = TaughtName(row.name, row.code, country_label(row.code))
    session.delete(row)
    session.flush()
    return taught


def taught_keys(*, session: Session) -> dict[str, str]:
    """Every taught name's folded key -> its code: what resolution consults."""
    return dict(session.execute(select(CountryAlias.key, CountryAlias.code)).all())
