"""People: who they are across meetings, the names they go by, and merging duplicates."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from sqlalchemy import String, cast, distinct, exists, func, select, update
from sqlalchemy.orm import Session, aliased

from meetings.dates import PartialDate
from meetings.errors import InvalidInput, NotFound
from meetings.fields import NAME_LENGTH, is_id
from meetings.models import Attendance, Country, Meeting, Person, PersonName
from meetings.services import search
from meetings.services.queries import person_condition
from meetings.text import clean, match_key


@dataclass
class PersonSummary:
    id: int
    name: str
    meetings: int
    first: str | None
    last: str | None
    kind: str = "person"
    aliases: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)


@dataclass
class Appearance:
    meeting_id: int
    date: str
    title: str
    country: str | None
    role: str | None
    rank: str | None


def get_person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id) if is_id(person_id) else None
    if person is None:
        raise NotFound(f"there is no person {person_id}")
    return person


def list_people(*, session: Session, country_code: str | None = None, words: tuple[str, ...] = (),
                person_ids: list[int] | None = None, kind: str | None = None) -> list[PersonSummary]:
    # A date and its precision in one sortable string ("2023-04-01month"), so min and max keep both.
    dated = cast(Meeting.start_date, String) + Meeting.start_precision
    query = (
        select(Person.id, Person.name, func.count(distinct(Attendance.meeting_id)), func.min(dated), func.max(dated),
               Person.kind)
        .outerjoin(Attendance, Attendance.person_id == Person.id)
        .outerjoin(Meeting, Meeting.id == Attendance.meeting_id)
        .group_by(Person.id, Person.name, Person.kind)
        .order_by(Person.name, Person.id)
    )
    if country_code:
        other = aliased(Attendance)
        query = query.where(exists().where(other.person_id == Person.id, other.country_code == country_code))
    if words:
        query = query.where(exists().where(PersonName.person_id == Person.id, person_condition(words, PersonName.key)))
    if person_ids is not None:
        query = query.where(Person.id.in_(person_ids))
    if kind is not None:
        query = query.where(Person.kind == kind)
    people: dict[int | None, PersonSummary] = {  # read back by attendance rows' (nullable) person ids
        pid: PersonSummary(id=pid, name=name, meetings=count, first=PartialDate.from_sortable(first), last=PartialDate.from_sortable(last), kind=kind)
        for pid, name, count, first, last, kind in session.execute(query)
    }
    if not people:
        return []
    ids = list(people)
    for pid, name in session.execute(
        select(PersonName.person_id, PersonName.name).join(Person, Person.id == PersonName.person_id)
        .where(PersonName.person_id.in_(ids), PersonName.key != Person.key).order_by(PersonName.id)
    ):
        people[pid].aliases.append(name)
    for attendee_id, country in session.execute(
        select(Attendance.person_id, Country.name).join(Country, Country.code == Attendance.country_code)
        .where(Attendance.person_id.in_(ids)).distinct().order_by(Attendance.person_id, Country.name)
    ):
        people[attendee_id].countries.append(country)
    return list(people.values())


def appearances(*, session: Session, person_id: int) -> list[Appearance]:
    """Every meeting a person attended, oldest first, with the role and country of each."""
    get_person(session, person_id)
    rows = session.execute(
        select(Meeting.id, Meeting.start_date, Meeting.start_precision, Meeting.title, Country.name,
               Attendance.role, Attendance.rank)
        .join(Attendance, Attendance.meeting_id == Meeting.id)
        .outerjoin(Country, Country.code == Attendance.country_code)
        .where(Attendance.person_id == person_id)
        .order_by(Meeting.start_date, Meeting.id)
    )
    return [Appearance(mid, PartialDate.stored(start, precision).isoformat(), title, country, role, rank)
            for mid, start, precision, title, country, role, rank in rows]


def add_alias(*, session: Session, person_id: int, alias: str) -> bool:
    """Record another name for a person; False if they already go by it."""
    person = get_person(session, person_id)
    name = clean(alias, field="ALIAS", max_length=NAME_LENGTH, required=True)
    assert name is not None
    key = match_key(name)
    if not key:
        raise InvalidInput("ALIAS", "a name needs at least one letter")
    owner = session.scalars(select(PersonName).where(PersonName.key == key)).one_or_none()
    if owner is not None:
        if owner.person_id == person.id:
            return False
        other = get_person(session, owner.person_id)
        raise InvalidInput("ALIAS", f"{name!r} is already a name of {other.name} (person {other.id}); "
                                    f"to make them one person use: meetings people merge {person.id} {other.id}")
    person.names.append(PersonName(name=name, key=key))
    search.refresh(session, search.meetings_of_person(session, person.id))
    return True


def merge_people(*, session: Session, keep_id: int, drop_id: int) -> tuple[Person, int]:
    """Make DROP the same person as KEEP: move every attendance and name; DROP's names become aliases.

    Where both attended one meeting, KEEP's attendance stays (taking a role or rank only DROP had).
    Returns KEEP and the number of attendances moved.
    """
    if keep_id == drop_id:
        raise InvalidInput("DROP", "is the same person as KEEP")
    keep = get_person(session, keep_id)
    drop = get_person(session, drop_id)
    affected = search.meetings_of_person(session, drop.id) + search.meetings_of_person(session, keep.id)
    keep_by_meeting = {a.meeting_id: a for a in session.scalars(select(Attendance).where(Attendance.person_id == keep.id))}
    moved = 0
    for attendance in list(session.scalars(select(Attendance).where(Attendance.person_id == drop.id))):
        kept = keep_by_meeting.get(attendance.meeting_id)
        if kept is not None:
            kept.role = kept.role or attendance.role
            kept.rank = kept.rank or attendance.rank
            kept.is_host = kept.is_host or attendance.is_host
            kept.is_chair = kept.is_chair or attendance.is_chair
            session.delete(attendance)
        else:
            attendance.person_id = keep.id
            moved += 1
    session.flush()
    session.execute(update(PersonName).where(PersonName.person_id == drop.id).values(person_id=keep.id))
    session.expire(keep, ["names", "attendances"])
    session.delete(drop)
    session.flush()
    search.refresh(session, affected)
    return keep, moved


def similar_people(*, session: Session, name: str, country_code: str) -> list[Person]:
    """People of the same country whose name is close to `name` but not the same (for a warning)."""
    key = match_key(name)
    if not key or session.scalar(select(PersonName.id).where(PersonName.key == key)) is not None:
        return []
    candidates = session.execute(
        select(PersonName.key, Person).join(Person, Person.id == PersonName.person_id)
        .where(exists().where(Attendance.person_id == Person.id, Attendance.country_code == country_code))
    ).all()
    found: dict[int, Person] = {}
    last_word = key.split()[-1]
    for other_key, person in candidates:
        ratio = difflib.SequenceMatcher(None, key, other_key).ratio()
        if ratio >= 0.8 or (len(last_word) > 3 and other_key.split()[-1] == last_word):
            found.setdefault(person.id, person)
    return list(found.values())


def recorded_countries(*, session: Session, names: list[str]) -> dict[str, str]:
    """For each name that leads to a recorded person (by any of their names), the one country
    they have attended meetings for; a person recorded for several countries gets none."""
    from meetings.countries import resolve_country

    keys = {match_key(name): name for name in names if match_key(name)}
    if not keys:
        return {}
    rows = session.execute(
        select(PersonName.key, Attendance.country_code)
        .join(Attendance, Attendance.person_id == PersonName.person_id)
        .where(PersonName.key.in_(list(keys)), Attendance.country_code.is_not(None))
        .distinct()
    ).all()
    found: dict[str, set[str]] = {}
    for key, country in rows:
        if country is not None:  # the query leaves none out; this tells the type checker
            found.setdefault(key, set()).add(country)
    return {keys[key]: resolve_country(countries.pop()).name for key, countries in found.items() if len(countries) == 1}


# Generational suffixes and regnal numbers, folded: two names that differ in one are two people.
