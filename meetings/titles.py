"""Titles, ranks and honorifics: how a person string names an office, and which words are the name.

One vocabulary, used wherever a person is written with words around the name (a report's
sentence, an imported people cell):

- *titles* (``data/titles.txt``): "Defence Minister", "Secretary of State", each with the role
  recorded for it and, for a title only one country uses, that country;
- *title words* and *title bodies* (``data/title_words.txt``, ``data/title_bodies.txt``): for
  titles the list does not spell out ("Senior Undersecretary", "Vice Chairman of the Central
  Military Commission");
- *ranks* (``data/ranks.txt``): "Army General", "Rear Admiral", recorded as the person's rank;
- *honorifics* (``data/honorifics.txt``): "Shri", "H.E.", "Dato' Seri", dropped from the name;
- suffixes (Jr., 3rd, III) are part of the name and kept.

The API, smallest first:

    >>> split_title("Prime Minister Kyriakos Mitsotakis")
    Person(name='Kyriakos Mitsotakis', role='Prime Minister', rank=None, country=None)
    >>> split_title("H.E. Mr. Ali Bagheri Kani, Deputy Foreign Minister").role
    'Deputy Minister of Foreign Affairs'
    >>> [p.name for p in split_people("President Andrzej Duda and Prime Minister Donald Tusk")]
    ['Andrzej Duda', 'Donald Tusk']

``words`` splits text into the tokens the ``*_at`` functions read; ``title_at``, ``rank_at`` and
``after_honorifics`` recognise a title, a rank or honorifics at a position of such a list, for a
caller (the extractor) that walks a sentence itself.

This module imports nothing of ``extract``, ``cli`` or ``services``.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources

# A grade before a known title makes a junior title: "Deputy" + "Secretary of Defense".
GRADES = frozenset({"Deputy", "Vice", "Assistant", "Under", "First", "Special"})
# Words before a title that say something of the office, not which one: "acting Foreign Minister".
MODIFIERS = frozenset({"acting", "interim", "outgoing", "incoming", "new", "then", "Acting", "Interim",
                       "newly", "elected", "appointed", "re-elected", "newly-elected", "newly-appointed"})
# Generational suffixes: kept in the name, left out of its matching key.
SUFFIXES = frozenset({"Jr", "Jr.", "Sr", "Sr.", "II", "III", "IV", "V", "2nd", "3rd", "4th"})
# Heads of state and government: a delegation's country is not carried over to one ("Japanese Foreign
# Minister X and Prime Minister Y" does not make Y Japanese by juxtaposition alone).
LEADERS = frozenset({"President", "Prime Minister", "King", "Emir", "Chancellor", "Premier", "Crown Prince"})

_WORD = re.compile(r"[\w’'.-]+|[(),;:“”\"]")


def words(text: str) -> list[str]:
    """The tokens of a text as the ``*_at`` functions read them: words (with their apostrophes,
    hyphens and inner dots) and punctuation; a full stop ending a word is dropped unless the word
    is an abbreviation of an honorific ("Mr.", "Dr.") or an initial ("K.")."""
    tokens = []
    for token in _WORD.findall(text):
        if token.endswith(".") and len(token) > 2 and token not in ("Dr.", "Mr.", "Ms.", "Jr.", "Sr."):
            token = token.rstrip(".") or token
        tokens.append(token)
    return tokens


@dataclass(frozen=True)
class Title:
    """A title found at a position: as written, the role recorded for it, the country it implies
    (if only one country uses it) and the position after it."""

    written: str
    role: str
    country: str | None
    end: int


@dataclass(frozen=True)
class Person:
    """A person string read apart: the name (honorifics dropped, suffixes kept), the role its
    title records, its rank, and the country the title or an "of <country>" says. A string that
    holds only a title ("the Prime Minister") has no name."""

    name: str | None
    role: str | None = None
    rank: str | None = None
    country: str | None = None


@dataclass(frozen=True)
class _Vocabulary:
    titles: dict[tuple[str, ...], tuple[str, str, str | None]]  # lowered words -> (written, role, country)
    ranks: dict[tuple[str, ...], str]
    heads: tuple[tuple[str, ...], ...]
    heads_by_last: dict[str, tuple[tuple[str, ...], ...]]  # a title word's last word -> the title words ending in it
    head_starts: frozenset[str]  # the first words of title words
    bodies: frozenset[str]
    honorifics: frozenset[tuple[str, ...]]  # words without their dots
    # For each table, the first words its phrases start with -> the longest phrase's length: a word
    # no phrase starts with is passed over at once.
    title_starts: dict[str, int]
    rank_starts: dict[str, int]
    honorific_starts: dict[str, int]


def data_lines(name: str) -> list[str]:
    """The lines of a word list in ``meetings/data``, comments and blank lines left out."""
    text = resources.files("meetings.data").joinpath(name).read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _bare(word: str) -> str:
    """A word compared without its dots: "H.E." and "H.E", "Mr." and "Mr" are one honorific."""
    return word.replace(".", "")


@functools.cache
def vocabulary() -> _Vocabulary:
    titles: dict[tuple[str, ...], tuple[str, str, str | None]] = {}
    entries = []
    for line in data_lines("titles.txt"):
        written, _, implied = line.partition("@")
        phrase, _, recorded = written.partition("=>")
        entries.append((phrase.strip(), (recorded or phrase).strip(), implied.strip() or None))
    # Every title in both spellings ("Minister of National Defence" and "... Defense"); a spelling
    # the list gives itself wins over one made from another entry ("Defence Secretary" is British).
    for phrase, role, country in entries:
        titles[tuple(phrase.lower().split())] = (phrase, role, country)
    for phrase, role, country in entries:
        for variant in (phrase.replace("Defense", "Defence"), phrase.replace("Defence", "Defense")):
            titles.setdefault(tuple(variant.lower().split()), (variant, role, country))
    ranks = {tuple(words(rank.lower())): rank.rstrip(".") for rank in data_lines("ranks.txt")}
    honorifics = frozenset(tuple(_bare(w) for w in words(h)) for h in data_lines("honorifics.txt"))
    heads = tuple(tuple(head.lower().split()) for head in data_lines("title_words.txt"))
    heads_by_last: dict[str, tuple[tuple[str, ...], ...]] = {}
    for head in heads:
        heads_by_last[head[-1]] = (*heads_by_last.get(head[-1], ()), head)
    return _Vocabulary(titles=titles, ranks=ranks, heads=heads, heads_by_last=heads_by_last,
                       head_starts=frozenset(head[0] for head in heads), bodies=frozenset(data_lines("title_bodies.txt")),
                       honorifics=honorifics, title_starts=_starts(titles), rank_starts=_starts(ranks),
                       honorific_starts=_starts(honorifics))


def _starts(table: Iterable[tuple[str, ...]]) -> dict[str, int]:
    starts: dict[str, int] = {}
    for key in table:
        starts[key[0]] = max(starts.get(key[0], 0), len(key))
    return starts


def _window(tokens: Sequence[str], position: int, size: int) -> tuple[str, ...]:
    return tuple(w.rstrip(",").lower() for w in tokens[position:position + size])


def _sizes(starts: dict[str, int], first: str, room: int) -> range:
    """The phrase lengths worth trying at a word, longest first."""
    return range(min(starts.get(first, 0), room), 0, -1)


def _known_title(tokens: Sequence[str], position: int) -> Title | None:
    """The longest title of the list starting at ``position``."""
    table = vocabulary().titles
    first = _ELECT_WORD.sub("", tokens[position].rstrip(",")).lower() if position < len(tokens) else ""
    for size in _sizes(vocabulary().title_starts, first, len(tokens) - position):
        window = _window(tokens, position, size)
        entry = table.get(window)
        # "Ambassador-Designate", "Foreign Minister-elect": the title of one about to hold it.
        elect = None if entry else _ELECT_WORD.search(window[-1])
        if elect:
            entry = table.get((*window[:-1], window[-1][:elect.start()]))
        if entry:
            _, role, country = entry
            return Title(written=" ".join(tokens[position:position + size]),
                         role=f"{role}-{elect.group(1)}" if elect else role, country=country, end=position + size)
    return None


def _free_title(tokens: Sequence[str], position: int) -> Title | None:
    """Capitalized words (with "of", "the", "for") ending in a title word ("Senior Undersecretary"),
    or in the body a title word is "of" ("Vice Chairman of the Central Military Commission"). The
    longest such run wins."""
    best = None
    headed = False
    end = position
    known = vocabulary()
    while end < len(tokens) and end - position < 9 and (tokens[end][:1].isupper()
                                                         or tokens[end] in ("of", "the", "for")):
        for head in known.heads_by_last.get(tokens[end].rstrip(",").lower(), ()):
            if end - len(head) + 1 >= position and _window(tokens, end - len(head) + 1, len(head)) == head:
                best, headed = end + 1, True
        if headed and tokens[end] in known.bodies and "of" in tokens[position:end]:
            best = end + 1
        end += 1
    if best is None:
        return None
    written = " ".join(tokens[position:best])
    return Title(written=written, role=written, country=None, end=best)


def may_start_title(tokens: Sequence[str], position: int) -> bool:
    """Whether a title of the list (or a grade before one) can start at ``position``: what
    title_at needs without ``free``, checked at the cost of a look-up."""
    if position >= len(tokens):
        return False
    return (tokens[position] in GRADES
            or _ELECT_WORD.sub("", tokens[position].rstrip(",")).lower() in vocabulary().title_starts)


def title_at(tokens: Sequence[str], position: int, *, free: bool = False) -> Title | None:
    """The title written at ``position``, if any: a known title ("Foreign Minister"), a grade before
    one ("Deputy Secretary of Defense"), a second title joined by "and" ("State Councillor and
    Foreign Minister"), and, with ``free``, a run of capitalized words ending in a title word
    (used where a country cues it: "Philippine Senior Undersecretary")."""
    if position >= len(tokens):
        return None
    title = _known_title(tokens, position)
    # Up to two grades before a title: "Deputy Secretary", "Deputy Assistant Secretary of State".
    graded = 2 if position + 2 < len(tokens) and tokens[position + 1] in GRADES else 1
    if tokens[position] in GRADES and position + graded < len(tokens):
        junior = _known_title(tokens, position + graded)
        if junior and (title is None or junior.end > title.end):
            grade = " ".join(tokens[position:position + graded])
            title = Title(written=f"{grade} {junior.written}", role=f"{grade} {junior.role}",
                          country=junior.country, end=junior.end)
    title = title or (_free_title(tokens, position) if free else None)
    if title and title.end + 1 < len(tokens) and tokens[title.end] == "and":
        second = _known_title(tokens, title.end + 1)
        if second:
            title = Title(written=" ".join(tokens[position:second.end]), role=title.role,
                          country=title.country or second.country, end=second.end)
    return title


def rank_at(tokens: Sequence[str], position: int) -> tuple[str, int] | None:
    """(rank, position after it) for a rank written at ``position`` ("Army General")."""
    table = vocabulary().ranks
    first = tokens[position].rstrip(",").lower() if position < len(tokens) else ""
    for size in _sizes(vocabulary().rank_starts, first, len(tokens) - position):
        rank = table.get(_window(tokens, position, size))
        if rank:
            return rank, position + size
    return None


def after_honorifics(tokens: Sequence[str], position: int) -> int:
    """The position after any honorifics written at ``position`` ("H.E. Mr. Ali" -> at "Ali")."""
    table = vocabulary().honorifics
    start, moved = position, True
    while moved and position < len(tokens):
        moved = False
        for size in _sizes(vocabulary().honorific_starts, _bare(tokens[position]), len(tokens) - position):
            if tuple(_bare(w) for w in tokens[position:position + size]) in table:
                position, moved = position + size, True
                break
        if not moved and tokens[position] == "(" and tokens[position + 2:position + 3] == [")"] \
                and (_bare(tokens[position + 1]),) in table:
            position, moved = position + 3, True  # "Hon (Dr.) Peter Mathuki", "H.E. Amb (Eng) Mahboub Maalim"
        if moved and tokens[position:position + 1] == [","] and position + 1 < len(tokens) \
                and (_bare(tokens[position + 1]),) in table:
            position += 1  # "Her Excellency, Dr Stergomena Lawrence Tax": a comma between two honorifics
    if position > start and tokens[position:position + 1] == [","] and position + 2 < len(tokens) \
            and tokens[position + 1][:1].isupper() and tokens[position + 2][:1].isupper() \
            and _known_title(tokens, position + 1) is None:
        position += 1  # "Foreign Minister His Excellency, Gbehzohngar Milton Findley": the name after the comma
    return position


def is_honorific(word: str) -> bool:
    return (_bare(word),) in vocabulary().honorifics


def strip_honorifics(name: str) -> str:
    """A name without the honorifics before it: "Shri Rajnath Singh" -> "Rajnath Singh"."""
    tokens = name.split()
    return " ".join(tokens[after_honorifics(tokens, 0):]) or name.strip()


def _country_of(text: str) -> str | None:
    from meetings.countries import find_country

    text = re.sub(r"^the\s+", "", text.strip(" ,"), flags=re.IGNORECASE)
    if len(text) <= 3 or not text[:1].isupper():
        return None  # "Li" is a name, not Liechtenstein's code
    found = find_country(text)
    return found.name if found else None


def _title_and_country(tokens: list[str], position: int) -> tuple[Title | None, str | None, int]:
    """A title at ``position`` and an "of <country>" after it ("Prime Minister of Greece")."""
    title = title_at(tokens, position)
    if title is None:
        return None, None, position
    country, end = title.country, title.end
    if end + 1 < len(tokens) and tokens[end] == "of":
        for size in range(min(5, len(tokens) - end - 1), 0, -1):
            found = _country_of(" ".join(tokens[end + 1:end + 1 + size]))
            if found:
                return title, found, end + 1 + size
    return title, country, end


# Letters after a name that are not part of it: "The Rt Hon Francis Maude MP" is Francis Maude.
POSTNOMINALS = frozenset({"MP", "MEP", "MSP", "QC", "KC", "OBE", "CBE", "KBE", "DBE", "MBE"})
# A title said of the one who holds it next or for a while: "President-elect", "President- designate".
_ELECT = re.compile(r"-\s*(elect|designate)\b", re.IGNORECASE)
_ELECT_WORD = re.compile(r"-(elect|designate)$", re.IGNORECASE)  # the same, ending one word


def split_title(text: str) -> Person:
    """A person string read apart: "Prime Minister Kyriakos Mitsotakis", "Army General Sergei
    Shoigu", "Shri Rajnath Singh", "Kyriakos Mitsotakis, Prime Minister of Greece", "Lloyd J.
    Austin III", "President-elect Vicente Fox", "The Rt Hon David Cameron MP". Honorifics and
    letters after the name are dropped, suffixes kept; what is not a title or rank is the name."""
    text = " ".join(text.split())
    elect = _ELECT.search(text)
    if elect:
        head = split_title(text[:elect.start()])
        if head.name is None and head.role:
            rest = split_title(text[elect.end():]) if text[elect.end():].strip() else Person(None)
            return Person(name=rest.name, role=f"{head.role}-{elect.group(1).lower()}", rank=rest.rank,
                          country=head.country or rest.country)
    name_part, _, after = text.partition(",")
    trailing = after.strip()
    if trailing and trailing.rstrip(".") not in SUFFIXES:
        tail = [w for w in words(trailing) if w != ","]
        title, country, end = _title_and_country(tail, after_honorifics(tail, 0))
        if title is not None and end == len(tail):
            inner = split_title(name_part)
            return Person(name=inner.name, role=inner.role or title.role, rank=inner.rank,
                          country=inner.country or country)
    tokens = text.split()
    while len(tokens) > 1 and tokens[-1].strip(",") in POSTNOMINALS:
        tokens.pop()
    position = after_honorifics(tokens, 1 if tokens[:1] == ["the"] else 0)
    while position < len(tokens) and tokens[position] in MODIFIERS:
        position += 1
    title, country, position = _title_and_country(tokens, position)
    if title is None and position < len(tokens) - 1 and (tokens[position].lower(),) in vocabulary().heads:
        title = _free_title(tokens, position)  # "Chairman Park": a title word alone, before a name
        position = title.end if title else position
    rank = rank_at(tokens, position)
    if rank:
        position = rank[1]
    position = after_honorifics(tokens, position)
    name = " ".join(tokens[position:]).strip(" ,") or None
    return Person(name=name, role=title.role if title else None, rank=rank[0] if rank else None, country=country)


_JOIN_KEPT = re.compile(r"(\s*(?:;|,\s*and\s+|,|\s+and\s+|\s*&\s*)\s*)")
# Words that carry a title on past its known words: "Minister of State for Cities and the
# Constitution", "Minister for the Cabinet Office" are offices, not a title and a name.
_TITLE_GOES_ON = frozenset({"for", "of", "without", "in", "to", "at", "on"})
_PARENTHESES = re.compile(r"\([^()]*\)")


def split_people(text: str) -> list[Person]:
    """The people a cell lists, each read apart by ``split_title``: "President Andrzej Duda and
    Prime Minister Donald Tusk" is two people. A comma or "and" separates people only where each
    side holds a name: in "Deputy Prime Minister and Foreign Minister Radosław Sikorski", "Kyriakos
    Mitsotakis, Prime Minister of Greece" and "Minister for the Cabinet Office, Paymaster General,
    The Rt Hon Francis Maude MP" the title-only pieces are the role of the name beside them (a
    person's titles joined by ", "). A suffix ("3rd", "Jr.") after a comma stays with the name."""
    people: list[Person] = []
    waiting: list[str] = []  # roles of title-only pieces, waiting for the name they belong to
    for piece in _pieces(text):
        if people and not waiting and piece.rstrip(".") in SUFFIXES:
            last = people[-1]
            people[-1] = Person(name=f"{last.name} {piece}" if last.name else piece, role=last.role, rank=last.rank,
                                country=last.country)
            continue
        office = _office(piece)
        if office is not None:
            role, country = office
            if people and not waiting and people[-1].role is None:
                last = people[-1]
                people[-1] = Person(name=last.name, role=role, rank=last.rank, country=last.country or country)
            else:
                waiting.append(role)
            continue
        person = split_title(piece)
        if waiting:
            roles = [*waiting, *([person.role] if person.role else [])]
            person = Person(name=person.name, role=", ".join(dict.fromkeys(roles)), rank=person.rank,
                            country=person.country)
            waiting = []
        people.append(person)
    if waiting:
        people.append(Person(name=None, role=", ".join(dict.fromkeys(waiting))))
    return people


def _pieces(text: str) -> list[str]:
    """The cell cut at commas, semicolons, "and" and "&", but never inside parentheses, nor where
    an office goes on in lower case ("Minister of State for Cities and the Constitution")."""
    kept: list[str] = []

    def hide(match: re.Match[str]) -> str:
        kept.append(match.group(0))
        return f"\x00{len(kept) - 1}\x00"

    def shown(piece: str) -> str:
        return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], piece)

    parts = _JOIN_KEPT.split(_PARENTHESES.sub(hide, text.strip()))
    pieces: list[str] = []
    for index in range(0, len(parts), 2):
        piece = shown(parts[index])
        if not piece:
            continue
        if pieces and piece[:1].islower() and _office(pieces[-1]) is not None:
            pieces[-1] = f"{pieces[-1]}{shown(parts[index - 1])}{piece}"
        else:
            pieces.append(piece)
    return pieces


def _office(piece: str) -> tuple[str, str | None] | None:
    """(role, country) when a piece is only a title: a known one ("Prime Minister", "Prime Minister
    of Greece"), or one that goes on past its known words ("Minister for the Cabinet Office",
    "Minister of State (Minister for Government Policy)"), recorded as written."""
    bare = _PARENTHESES.sub(" ", piece)
    tokens = bare.split()
    start = after_honorifics(tokens, 1 if tokens[:1] in (["the"], ["The"]) else 0)
    title, country, end = _title_and_country(tokens, start)
    if title is None:
        return None
    if end == len(tokens):
        return (title.role if bare.split() == piece.split() else " ".join(piece.split()[start:])), country
    if tokens[end] in _TITLE_GOES_ON:
        return " ".join(piece.split()[start:]), country
    return None
