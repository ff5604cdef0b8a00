"""Names the list of office holders holds, written without a title, rank or country in front
("Sergey Lavrov said ...", "talks with Josep Borrell"): the person, with the office and country
the list gives for the report's date."""

from __future__ import annotations

import functools
import re

from meetings import transliteration
from meetings.extract import offices, places, rules
from meetings.extract.mentions import LOWER, UPPER, Mention, person_key

# A run of capitalized words, with the small words names carry between them ("Ursula von der Leyen",
# "Mohammed bin Abdulrahman bin Jassim Al Thani", "Luiz Inácio Lula da Silva").
_PARTICLES = r"(?:bin|binti|al|el|de|da|do|dos|das|der|den|van|von|zu|di|du|del|della|la|le|e|y)"
_WORD = rf"[{UPPER}][{UPPER}{LOWER}’'.-]*"
_RUN = re.compile(rf"(?<![\w’'-]){_WORD}(?:\s+(?:{_PARTICLES}\s+)*{_WORD})+")
_SPOKEN_OF = re.compile(r"\b(?:former|late|ex-)\s*$", re.IGNORECASE)
# Words after a name that make it a place's or an institution's ("Narendra Modi Stadium", "Xi Jinping Thought").
_NAMED_AFTER = frozenset("""Stadium University Foundation Centre Center Airport Square Street Avenue Road Bridge Hall
Prize Award Doctrine Thought Institute School College Hospital Park Library Museum Bay Port Station Boulevard
Trust Fund Mosque Cathedral Highway Expressway Dam Scholarship Scholarships Lecture Building""".split())


# Letters that are no accented Latin letter, as English texts write them ("Tran Dai Quang", "Wladyslaw").
_PLAIN = str.maketrans({"đ": "d", "Đ": "D", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ı": "i", "æ": "ae", "ß": "ss"})


@functools.lru_cache(maxsize=1 << 14)
def name_key(name: str) -> str:
    """A name's words in any order, any common transliteration and plain letters ("Lavrov Sergey" is
    "Sergei Lavrov", "Tran Dai Quang" is "Trần Đại Quang")."""
    return " ".join(sorted(transliteration.fold(person_key(name.translate(_PLAIN))).split()))


@functools.cache
def _listed_words() -> frozenset[str]:
    return frozenset(word for term in offices.terms() for word in name_key(term.name).split())


def listed_names(sentence: str, found: list[Mention], date: str | None) -> list[Mention]:
    """Full names (two words or more) the list of office holders holds, in office on ``date`` (none
    in an undated report), that the sentence writes without a cue: each with the office and the
    country (none for an organization's official) the list gives. Not a place or an organization's
    name, not someone spoken of as "former", nor anyone the sentence's other rules found."""
    for mention in found:
        _drop_words_before_listed_name(mention, date)
    # A surname alone found by a title ("Amir Abdollahian" read as the title "Amir") gives way to the full name.
    known = [set(person_key(m.name).split()) for m in found if m.name and len(person_key(m.name).split()) > 1]
    if date is None:
        return []  # undated, a name the list holds may be anyone's who once held an office
    listed = _listed_words()
    extra: list[Mention] = []
    for run in _RUN.finditer(sentence):
        words = run.group(0).split()
        if sum(not listed.isdisjoint(name_key(w).split()) for w in words) < 2:
            continue  # (most runs: no two words of any listed name)
        spans = [(start, size) for size in range(len(words), 1, -1) for start in range(len(words) - size + 1)]
        for start, size in spans:
            text = " ".join(words[start:start + size]).rstrip(".")
            text = text[:-2] if text.endswith(("’s", "'s")) else text
            if len(name_key(text).split()) < 2:
                continue
            terms = offices.terms_of(text, date, name_key)
            if not terms:
                continue
            if words[start + size:start + size + 1] and words[start + size].strip(".,") in _NAMED_AFTER:
                break
            at = run.start() + len(" ".join(words[:start])) + (1 if start else 0)
            key = set(person_key(text).split())
            if _SPOKEN_OF.search(sentence[:at]) or any(key <= other or other <= key for other in known) \
                    or places.country(text) or places.city_country(text) or places.organization(text):
                break
            country = offices.country_of(terms)
            latest = max(terms, key=lambda t: t.start)  # (two offices that day: the later one's role)
            extra.append(Mention(name=text, country=country, role=latest.role, rank=None, sentence=sentence,
                                 found_by=rules.LISTED_NAME, country_by=rules.OFFICE_COUNTRY if country else None))
            known.append(key)
            break
    return extra


def _drop_words_before_listed_name(mention: Mention, date: str | None) -> None:
    """A name found with forms of address before a listed full name ("His Highness Sheikh Nawaf
    Al-Ahmad Al-Jaber Al-Sabah") is that listed name, with its country where none was found."""
    words = (mention.name or "").split()
    if len(words) < 3 or not set(name_key(words[-1]).split()) & _listed_words():
        return
    for start in range(1, len(words) - 1):
        terms = offices.terms_of(" ".join(words[start:]), date, name_key)
        if terms:
            mention.name = " ".join(words[start:])
            country = offices.country_of(terms)
            if mention.country is None and country is not None:
                mention.country, mention.country_by = country, rules.OFFICE_COUNTRY
            return
