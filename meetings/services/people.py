"""People: who they are across meetings, the names they go by, and merging duplicates."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field

from sqlalchemy import String, and_, cast, distinct, exists, func, select, update
from sqlalchemy.orm import Session, aliased

from meetings.dates import PartialDate
from meetings.errors import InvalidInput, NotFound
from meetings.fields import NAME_LENGTH, is_id
from meetings.models import Attendance, Country, Meeting, Person, PersonName
from meetings.services import search
from meetings.services.queries import person_condition
from meetings.text import clean, match_key

LOOKUP = 500  # ids per IN (...) lookup


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


# Two records are offered as one person when, after folding case, accents and transliteration
# and setting aside a title written into the name, their names are at least this similar
# (difflib's ratio; "geidar aliyev" and "heydar aliyev" are 0.77) with surnames at most a letter apart,
# and their meetings are no further apart than MERGE_GAP (one record may be all of someone's
# meetings of one year).
MERGE_SIMILARITY = 0.75
MERGE_GAP = dt.timedelta(days=2 * 366)
_ELECT = re.compile(r"\b(\w+)-\s*elect\b", re.IGNORECASE)


@dataclass
class MergeSuggestion:
    keep: PersonSummary
    drop: PersonSummary
    country: str
    similarity: float


def suggest_merges(*, session: Session) -> list[MergeSuggestion]:
    """Pairs of people who are likely one person: the same country, close names once case,
    accents and common transliterations are folded (by any of their names), or the same first
    and last names with a middle name only one of them has, and periods of
    meetings that overlap or nearly so. People who attended one meeting together are never
    offered. KEEP is the one with more meetings. Most similar first."""
    spans: dict[int, tuple[dt.date, dt.date]] = {}
    countries: dict[str, set[int]] = {}
    for person_id, country, first, last in session.execute(
        select(Attendance.person_id, Attendance.country_code, func.min(Meeting.start_date), func.max(Meeting.last_day))
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Attendance.person_id.is_not(None), Attendance.country_code.is_not(None))
        .group_by(Attendance.person_id, Attendance.country_code)
    ):
        if person_id is None or country is None:  # the query leaves none out; this tells the type checker
            continue
        countries.setdefault(country, set()).add(person_id)
        low, high = spans.get(person_id, (first, last))
        spans[person_id] = (min(low, first), max(high, last))
    folded: dict[int, set[str]] = {}
    for named_id, name, key in session.execute(select(PersonName.person_id, PersonName.name, PersonName.key)):
        folded.setdefault(named_id, set()).add(folded_name(name) or key)

    candidates: dict[tuple[int, int], tuple[str, float]] = {}
    for country, people in countries.items():
        # Only names sharing the start of their first or last word are compared (a name
        # differs by a letter or two, not from its first letters), so the work grows with
        # the size of these blocks, not with the square of a country's people.
        blocks: dict[str, set[int]] = {}
        for person_id in people:
            for key in folded.get(person_id, ()):
                words = key.split()
                for block in {"<" + words[0][:3], ">" + words[-1][:3]}:
                    blocks.setdefault(block, set()).add(person_id)
        for members in blocks.values():
            ordered = sorted(members)
            for index, one in enumerate(ordered):
                for other in ordered[index + 1:]:
                    if (one, other) in candidates or not near_in_time(spans[one], spans[other]):
                        continue
                    ratio = likely_same(folded[one], folded[other])
                    if ratio is not None:
                        candidates[(one, other)] = (country, ratio)
    if not candidates:
        return []
    ids = sorted({person for pair in candidates for person in pair})
    together = aliased(Attendance)
    shared = set(session.execute(
        select(Attendance.person_id, together.person_id)
        .join(together, and_(together.meeting_id == Attendance.meeting_id, together.person_id > Attendance.person_id))
        .where(Attendance.person_id.in_(ids), together.person_id.in_(ids)).distinct()
    ).all())
    summaries = {p.id: p for p in list_people(session=session, person_ids=ids)}
    names = dict(session.execute(select(Country.code, Country.name).where(Country.code.in_(
        list({country for country, _ in candidates.values()})))).all())
    found = []
    for (one, other), (country, ratio) in candidates.items():
        if (one, other) in shared:
            continue
        this, that = summaries[one], summaries[other]
        keep, drop = (this, that) if (this.meetings, -this.id) >= (that.meetings, -that.id) else (that, this)
        found.append(MergeSuggestion(keep, drop, names.get(country, country), round(ratio, 2)))
    return sorted(found, key=lambda s: (-s.similarity, s.keep.name, s.drop.name))


def folded_name(name: str) -> str:
    """A name as people are compared: without a title written into it ("President Fernando
    Cardoso", as some records give a visitor; "President-elect" too), so that a shared title does
    not make two people look alike; case, accents and common transliterations folded."""
    from meetings.titles import split_title
    from meetings.transliteration import fold

    return fold(match_key(split_title(_ELECT.sub(r"\1", name)).name or ""))


def likely_same(names: set[str], others: set[str]) -> float | None:
    """How alike two people's folded names are when they are likely one person (names at least
    MERGE_SIMILARITY alike with surnames at most a letter apart, or the same first and last names
    with a middle name only one of them has); None when they are not. The caller checks the
    country and the time."""
    ratio = max((difflib.SequenceMatcher(None, a, b).ratio() for a in names for b in others
                 if a and b and _one_edit(a.split()[-1], b.split()[-1])), default=0.0)
    if ratio >= MERGE_SIMILARITY or _same_ends(names, others):
        return ratio
    return None


def spelled_apart(names: set[str], others: set[str]) -> bool:
    """Whether two people's folded names are surely one name written two ways, strict enough to
    read them as one person without asking: the same first and last words with a middle name only
    one of them has ("recep erdogan", "recep tayyip erdogan"), or word for word the same but for at
    most two words a letter apart ("lula de salva", "lula da silva"), never an initial or a
    generational suffix ("george h bush" and "george w bush", "abdullah i" and "abdullah ii")."""
    def close(one: str, other: str) -> bool:
        a, b = one.split(), other.split()
        while len(a) > 2 and len(b) > 2 and a[-1] == b[-1] and a[-1] in _GENERATIONS:
            a, b = a[:-1], b[:-1]  # "ferdinand marcos jr" and "ferdinand romualdez marcos jr": compare the rest
        if len(a) < 2 or len(b) < 2:
            return False
        if len(a) != len(b):
            return (a[0], a[-1]) == (b[0], b[-1]) and _ends_alone(a, b)
        differing = [(x, y) for x, y in zip(a, b, strict=True) if x != y]
        return len(differing) <= 2 and all(len(x) > 1 and len(y) > 1 and x not in _GENERATIONS
                                           and y not in _GENERATIONS and _one_edit(x, y) for x, y in differing)

    return any(close(one, other) for one in names for other in others)


# Generational suffixes and regnal numbers, folded: two names that differ in one are two people.
_GENERATIONS = frozenset({"jr", "sr", "i", "ii", "iii", "iv", "v", "vi", "2nd", "3rd", "4th"})


def _ends_alone(a: list[str], b: list[str]) -> bool:
    """Of two names with the same ends, the longer only adds middle words: to a first and last name
    any ("george bush", "george w bush"), to a name with a middle of its own no initial ("george w
    bush" and "george h w bush" are two people), and never a generational suffix."""
    shorter, longer = sorted((a, b), key=len)
    inner, middle = shorter[1:-1], longer[1:-1]
    rest = iter(middle)
    if not all(word in rest for word in inner) or any(word in _GENERATIONS for word in longer[1:]):
        return False
    added = list(middle)
    for word in inner:
        added.remove(word)
    return not inner or all(len(word) > 1 for word in added)


def near_in_time(one: tuple[dt.date, dt.date], other: tuple[dt.date, dt.date]) -> bool:
    """Whether two spans of meetings overlap or are at most MERGE_GAP apart."""
    return one[0] - MERGE_GAP <= other[1] and other[0] - MERGE_GAP <= one[1]


def _one_edit(word: str, other: str) -> bool:
    """Whether two words are the same but for at most one letter changed, added or left out
    (Shoygu and Shoigu; not Lavrov and Lavrovsky)."""
    if abs(len(word) - len(other)) > 1:
        return False
    shorter, longer = sorted((word, other), key=len)
    for index, (a, b) in enumerate(zip(shorter, longer, strict=False)):
        if a != b:
            rest = index + 1 if len(shorter) == len(longer) else index
            return shorter[rest:] == longer[index + 1:]
    return True


def _same_ends(names: set[str], others: set[str]) -> bool:
    """Whether two names share their first and last words, one with a middle name the other
    leaves out ("antony blinken", "antony john blinken")."""
    ends = {(n.split()[0], n.split()[-1]) for n in names if len(n.split()) > 1}
    return any((o.split()[0], o.split()[-1]) in ends for o in others if len(o.split()) > 1)



@dataclass
class _Known:
    key: str  # the person's key (of the name they are shown by)
    name: str
    folded: set[str]
    span: tuple[dt.date, dt.date]


class NameVariants:
    """People a register writes in several ways ("Recep Erdogan", "Recep Tayyip Erdogan", "Recep
    Tayyip Erdoğan"), read as one person while importing: a name not recorded yet is the person of
    the same country whose name is surely the same name written apart (`spelled_apart`, stricter
    than the suggestions of `suggest_merges`) with meetings within MERGE_GAP of each other,
    recorded or read earlier in the import; the variant is kept as an alias. Two people of one
    meeting are never made one."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.by_country: dict[str, dict[str, _Known]] = {}  # country code -> any name's key -> person
        self.aliases: dict[str, tuple[_Known, str]] = {}  # alias key -> (person, alias as written)

    def _people(self, country: str) -> dict[str, _Known]:
        if country not in self.by_country:
            spans = {person_id: (first, last) for person_id, first, last in self.session.execute(
                select(Attendance.person_id, func.min(Meeting.start_date), func.max(Meeting.last_day))
                .join(Meeting, Meeting.id == Attendance.meeting_id)
                .where(Attendance.country_code == country, Attendance.person_id.is_not(None))
                .group_by(Attendance.person_id))}
            people: dict[int, _Known] = {}
            found: dict[str, _Known] = {}
            ids = list(spans)
            for start in range(0, len(ids), LOOKUP):
                for person_id, key, name, alias in self.session.execute(
                        select(Person.id, Person.key, Person.name, PersonName.name)
                        .join(PersonName, PersonName.person_id == Person.id)
                        .where(Person.id.in_(ids[start:start + LOOKUP]))):
                    known = people.setdefault(person_id, _Known(key, name, set(), spans[person_id]))
                    known.folded.add(folded_name(alias) or match_key(alias))
                    found[match_key(alias)] = known
            self.by_country[country] = found
        return self.by_country[country]

    def _recorded(self, key: str) -> bool:
        return self.session.scalar(select(PersonName.id).where(PersonName.key == key).limit(1)) is not None

    def resolve(self, *, name: str, key: str, country: str, span: tuple[dt.date, dt.date],
                taken: set[str]) -> tuple[str, str] | None:
        """(name, key) of the person `name` is a variant of, or None when it is a person of its own
        (remembered for the names that follow). `taken`: the keys of the same meeting's others."""
        people = self._people(country)
        known = people.get(key)
        if known is None and self._recorded(key):
            return None  # a name recorded already is the person who has it, whatever the country
        if known is None:
            folded = {folded_name(name) or key}
            scored = [(likely_same(folded, other.folded) or 0.0, other)
                      for other in {id(k): k for k in people.values()}.values()
                      if other.key not in taken and near_in_time(other.span, span)
                      and spelled_apart(folded, other.folded)]
            if not scored:
                people[key] = _Known(key, name, folded, span)
                return None
            known = max(scored, key=lambda pair: pair[0])[1]
            people[key] = known
            known.folded |= folded
            self.aliases[key] = (known, name)
        assert known is not None
        known.span = (min(known.span[0], span[0]), max(known.span[1], span[1]))
        return None if known.key == key else (known.name, known.key)
