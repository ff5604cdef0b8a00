"""Who held which office when (``data/office_holders.csv``): for a report that names an official
by title alone ("The Prime Minister hosted ...") or by surname ("President Biden")."""

from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import resources

# The organizations whose officials the list holds, by the short names its rows use.
ORGANIZATIONS = frozenset({"UN", "NATO", "EU", "OSCE", "ASEAN", "AU", "OAS", "GCC"})


@dataclass(frozen=True)
class Term:
    of: str  # a country's name, or an organization's short name (NATO, UN, EU)
    roles: frozenset[str]
    name: str
    start: dt.date
    end: dt.date | None
    role: str = ""  # the first of the roles as written: the one an official named without a title is given

    def held(self, period: tuple[dt.date, dt.date]) -> bool:
        """Whether the term spans the whole period (its first and last day)."""
        first, last = period
        return self.start <= first and (self.end is None or last < self.end)


@functools.cache
def terms() -> tuple[Term, ...]:
    text = resources.files("meetings.data").joinpath("office_holders.csv").read_text("utf-8")
    rows = csv.DictReader(line for line in text.splitlines() if line and not line.startswith("#"))
    return tuple(Term(of=row["of"], roles=frozenset(row["roles"].split(";")), name=row["name"],
                      start=dt.date.fromisoformat(row["from"]),
                      end=dt.date.fromisoformat(row["to"]) if row["to"] else None,
                      role=row["roles"].split(";")[0]) for row in rows)


def _period(date: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day an ISO date at any precision ("2025", "2025-09", "2025-09-09") covers."""
    parts = [int(p) for p in date.split("-")] if re.fullmatch(r"\d{4}(?:-\d{2}){0,2}", date) else []
    if len(parts) == 3:
        day = dt.date(*parts)
        return day, day
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        return first, (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
    if len(parts) == 1:
        return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
    return None


def holder(role: str, of: str, date: str | None, surname: str | None = None) -> str | None:
    """The one person who held ``role`` of ``of`` over all of ``date`` (and, given a surname, of that
    surname); None if the list has no one, or more than one, for it."""
    period = _period(date) if date else None
    if period is None:
        return None
    found = {t.name for t in terms() if t.of == of and role in t.roles and t.held(period)
             # (a family name first as well as last: "Park" is "Park Jin", "Hayashi" "Yoshimasa Hayashi")
             and (surname is None or surname.lower() in (t.name.split()[0].lower(), t.name.split()[-1].lower()))}
    return found.pop() if len(found) == 1 else None


def holder_of_surname(surname: str, date: str | None) -> Term | None:
    """The one person of this surname who held an office of the list over all of ``date`` (any
    office, any country): "Biden" in "the Biden-Yoon Summit" of May 2022."""
    period = _period(date) if date else None
    if period is None:
        return None
    found = {(t.name, t.of): t for t in terms() if t.held(period)
             and surname.lower() in t.name.lower().split()}
    return next(iter(found.values())) if len(found) == 1 else None


# Web addresses of organizations, for their officials named by title alone.
_ORGANIZATION_HOSTS = (("nato.int", "NATO"), ("un.org", "UN"), ("europa.eu", "EU"), ("osce.org", "OSCE"),
                       ("asean.org", "ASEAN"), ("oas.org", "OAS"), ("gcc-sg.org", "GCC"))
_ORGANIZATION_BEFORE = re.compile(r"\b(NATO|UN|United Nations|EU|OSCE|ASEAN|OAS|GCC)\s+(?:Secretary[- ]General|High Representative)")


def organization_of(sentence: str, source: str | None) -> str | None:
    """The organization an official by title alone serves: written before the title ("the NATO
    Secretary General"), else the publisher's, from its web address."""
    from urllib.parse import urlsplit

    written = _ORGANIZATION_BEFORE.search(sentence)
    if written:
        return {"United Nations": "UN"}.get(written.group(1), written.group(1))
    host = (urlsplit(source or "").hostname or "").lower()
    return next((org for suffix, org in _ORGANIZATION_HOSTS if host == suffix or host.endswith("." + suffix)), None)


_GENERIC_ROLES = frozenset({"Minister", "Secretary"})


def holder_country(name: str, date: str | None, role: str | None, key: Callable[[str], str]) -> str | None:
    """The country (not an organization) whose office a person of this name held over all of
    ``date`` (any time, for a full name in an undated meeting): by full name, or by a surname
    alone where one holder of a matching office has it.
    ``key`` folds a name to compare ("HAYASHI Yoshimasa" is "Yoshimasa Hayashi")."""
    wanted = key(name)
    alone = len(wanted.split()) == 1
    period = _period(date) if date else None
    # Undated, a full name is one person whenever they held office, and a surname alone is of the one
    # country all holders of that surname (and a matching office) in the list are of.
    candidates = _by_word(key).get(wanted, ()) if alone else _by_name(key).get(wanted, ())
    return country_of(t for t in candidates if (period is None or t.held(period))
                      and (not alone or role is None or role in _GENERIC_ROLES or role in t.roles))


def country_of(found: Iterable[Term]) -> str | None:
    """The one country these terms are of: None for none, several, or an organization's."""
    countries = {t.of for t in found}
    return countries.pop() if len(countries) == 1 and not countries & ORGANIZATIONS else None


_ORGANIZATION_ROLES = frozenset({"Secretary General", "High Representative", "Chairperson-in-Office"})
# An office of an organization's body: "President of the European Council", "... of the Organization of Turkic States".
_ORGANIZATION_BODY = re.compile(r"\bof the (?:[\w-]+ )*?(?:European|Organi[sz]ation|Union|United Nations|Alliance|"
                                r"Secretariat|Bank|Fund)\b")


def names_organization_body(text: str) -> bool:
    """Whether a text names an organization's body ("of the European Commission")."""
    return _ORGANIZATION_BODY.search(text) is not None


def serves_organization(name: str | None, role: str | None, key: Callable[[str], str]) -> bool:
    """Whether an official serves an organization rather than a country: an organization's title
    (Secretary General, High Representative), or an organization's office in the list."""
    if role in _ORGANIZATION_ROLES or (role and _ORGANIZATION_BODY.search(role)):
        return True
    wanted = key(name) if name and len(name.split()) > 1 else None
    return wanted is not None and any(t.of in ORGANIZATIONS for t in _by_name(key).get(wanted, ()))


@functools.cache
def _by_name(key: Callable[[str], str]) -> dict[str, tuple[Term, ...]]:
    index: dict[str, list[Term]] = {}
    for term in terms():
        index.setdefault(key(term.name), []).append(term)
    return {name: tuple(found) for name, found in index.items()}


@functools.cache
def _by_word(key: Callable[[str], str]) -> dict[str, tuple[Term, ...]]:
    index: dict[str, list[Term]] = {}
    for term in terms():
        for word in set(key(term.name).split()):
            index.setdefault(word, []).append(term)
    return {word: tuple(found) for word, found in index.items()}


def terms_of(name: str, date: str | None, key: Callable[[str], str]) -> tuple[Term, ...]:
    """The terms of the person the list names ``name`` (folded by ``key``) held over all of
    ``date``; every term of theirs for an undated report."""
    found = _by_name(key).get(key(name), ())
    period = _period(date) if date else None
    if period is None:
        return found if date is None else ()
    return tuple(t for t in found if t.held(period))
