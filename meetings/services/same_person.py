"""Whether two names are one person's: the pairs of recorded people offered for merging
(`meetings people --suggest-merges`), and the spellings of one person a register writes, linked as
one on import."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass

from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from meetings.models import Attendance, Country, Meeting, Person, PersonName
from meetings.services.people import PersonSummary, list_people
from meetings.text import match_key

LOOKUP = 500  # ids per IN (...) lookup
_GENERATIONS = frozenset({"jr", "sr", "i", "ii", "iii", "iv", "v", "vi", "2nd", "3rd", "4th"})

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
