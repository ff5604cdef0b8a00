"""Mentions: the officials a sentence names, each with the country, role and rank it says, and
the rule that recognised the person and the one that gave the country."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from meetings import titles
from meetings.extract import places, rules
from meetings.extract.dates import MONTHS
from meetings.extract.places import country as country_named
from meetings.extract.places import demonyms
from meetings.extract.rules import Rule
from meetings.extract.tails import country_after_of, country_after_post, title_tail

# Latin letters with their accents and marks ("Çavuşoğlu", "Erdoğan", "Nguyễn"), capital and small.
_LATIN = [*range(0x41, 0x250), *range(0x1E00, 0x1F00)]
UPPER = "".join(chr(c) for c in _LATIN if chr(c).isupper() and chr(c).isalpha())
LOWER = "".join(chr(c) for c in _LATIN if chr(c).islower() and chr(c).isalpha())
NAME_TOKEN = re.compile(rf"^(?:[{UPPER}][{LOWER}’'-]+(?:-[{UPPER}][{LOWER}’'-]+)?|[{UPPER}]\.[{UPPER}][{LOWER}’'-]+|[{UPPER}]\.?|(?:[{UPPER}]\.){{1,2}}[{UPPER}]\.?|"
                        rf"(?:[{UPPER}][’'][{UPPER}][{LOWER}]+)|Ma?c[{UPPER}][{LOWER}]+|(?:al|bin|de|da|del|della|di|du|der|den|la|le|van|von|bin|binti)-?)$")
# A family name in capitals before the given name ("HAYASHI Yoshimasa", "PARK Jin"), as Japanese and
# Korean official English writes it; never an acronym (MP, UK, NATO) alone.
FAMILY_NAME = re.compile(r"^[A-Z]{2,}(?:-[A-Z]{2,})?$")
NOT_NAMES = frozenset({"MP", "QC", "KC", "CEO", "OBE", "MBE", "CBE", "KBE", "PhD", "JST", "EST", "GMT", "UTC",
                       "English", "Français", "Español", "Deutsch", "Português",  # a page's language links
                       "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"})


@dataclass
class Mention:
    name: str | None
    country: str | None
    role: str | None
    rank: str | None
    sentence: str
    chair: bool = False
    visiting: bool = False  # "visiting Egyptian Foreign Minister ...": a guest where the meeting is
    found_by: Rule = rules.TITLED
    country_by: Rule | None = None
    attended_by: Rule | None = None  # the frame that made the person an attendee

    def copy(self, **changes: object) -> Mention:
        fields = {**self.__dict__, **changes}
        return Mention(**fields)  # type: ignore[arg-type]


KEY_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})  # left out of a name's key, as initials are


@functools.lru_cache(maxsize=1 << 14)
def person_key(name: str) -> str:
    """A name's key for matching within a report: initials and suffixes (Jr., III) left out."""
    from meetings.text import match_key

    return " ".join(w for w in match_key(name).split() if len(w) > 1 and w not in KEY_SUFFIXES)


@functools.lru_cache(maxsize=1 << 14)
def any_order(name: str) -> str:
    """A name's key with its words in any order ("HAYASHI Yoshimasa" is "Yoshimasa Hayashi")."""
    return " ".join(sorted(person_key(name).split()))


def _is_name_word(words: list[str], index: int, started: bool) -> bool:
    word = words[index]
    following = words[index + 1] if index + 1 < len(words) else ""
    if word in NOT_NAMES or word in NOT_SURNAMES or word in demonyms() or f"{word}." in demonyms() or (
            word in MONTHS and (not started or following[:1].isdigit())):
        return False  # "Theresa May" is a name, "May 12" and "in May" are not
    if NAME_TOKEN.match(word) or (started and (word[:-2] if word.endswith(("’s", "'s")) else word) in titles.SUFFIXES):
        return True
    # A family name in capitals comes first, before a given name written as usual.
    return (not started and bool(FAMILY_NAME.match(word)) and country_named(word) is None
            and bool(NAME_TOKEN.match(following)) and len(following) > 1)


def _name_at(words: list[str], index: int) -> tuple[list[str], int]:
    """The name words at ``index`` (honorifics before them skipped) and the position after them."""
    index = titles.after_honorifics(words, index)
    while words[index:index + 1] in (["Sheikh"], ["Sheikha"]) and all(
            NAME_TOKEN.match(w) for w in words[index + 1:index + 3]) and len(words[index + 1:index + 3]) == 2:
        # A reading's honorific before a name of two words or more (the keys write "Nawaf Al-Ahmad Al-Jaber
        # Al-Sabah"), kept in a register's cell and in a name of one word more ("Sheikh Hasina").
        index = titles.after_honorifics(words, index + 1)
    name_words: list[str] = []
    while index < len(words) and _is_name_word(words, index, bool(name_words)):
        if titles.title_at(words, index) or (country_named(words[index]) and not name_words):
            break
        name_words.append(words[index])
        index += 1
        if name_words[-1].endswith(("’s", "'s")):
            break  # "Austin III's Meeting": a possessive ends the name
    return _trim_name(name_words), index


def _possessive_country(words: list[str], index: int) -> tuple[str, int] | None:
    """A country of one to three words written as an owner at ``index`` ("the United Kingdom's"):
    (the country, the position after it)."""
    for size in (3, 2, 1):
        last = words[index + size - 1] if index + size <= len(words) else ""
        if last.endswith(("’s", "'s")):
            found = country_named(" ".join([*words[index:index + size - 1], last[:-2]]))
            if found:
                return found, index + size
    return None


def _name_follows(words: list[str], index: int) -> bool:
    """Whether a name starts at ``index``, or a title and a name ("... for Foreign Affairs Amb. Raychelle Omamo")."""
    def name_at(at: int) -> bool:
        found = _name_at(words, at)
        return _is_name(found[0]) or (len(found[0]) == 1 and _is_surname(words, found[1] - 1))

    if name_at(index):
        return True
    title = titles.title_at(words, index)
    if title is not None and name_at(title.end):
        return True
    if words[index:index + 1] != [","]:
        return False
    if _is_name(_name_at(words, index + 1)[0]):
        return True
    after_comma = titles.title_at(words, index + 1)  # ", Ambassador Patricia Espinosa"
    return after_comma is not None and _is_name(_name_at(words, after_comma.end)[0])


# "his counterpart, X", "his colleague, Minister of Foreign Affairs of Russia X".
_COUNTERPART = frozenset({"counterpart", "colleague"})
# Honorifics before a full name that make it a person's ("The Hon Richard Marles MP", "Mr Carl Greenidge"),
# whether or not a title says what the person is; forms of address that begin names too ("Sheikh",
# "Dato' Seri" before a title) are not among them.
NAME_HONORIFICS = frozenset({"Hon", "Honourable", "Honorable", "Excellency", "HE", "Rt",
                             "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Madam", "Mme"})


# Capitalized words that follow a title without being a surname ("Foreign Minister Meeting"), a data file.
NOT_SURNAMES = frozenset(word for line in titles.data_lines("extract_not_surnames.txt") for word in line.split())


_HEADLINE_WORDS = frozenset({"Before", "After", "During", "Ahead", "Following", "At", "In", "On", "Hold", "Holds", "Held",
                             "Meet", "Meets", "Met", "Discuss", "Discusses", "Talks", "Speaks", "Calls", "Visits"})


def _is_surname(words: list[str], index: int) -> bool:
    word = words[index].rstrip(".")
    possessive = word.endswith(("’s", "'s"))  # "Secretary Blinken’s Trilateral Meeting"
    word = word[:-2] if possessive else word
    following = words[index + 1] if index + 1 < len(words) and not possessive else ""
    # (a headline's next word may be capitalized: "ROK Foreign Minister Park Before Their Meeting")
    return (len(word) > 2 and word[0].isupper() and word not in NOT_SURNAMES
            and (not following[:1].isupper() or following in _HEADLINE_WORDS)
            and country_named(word) is None and word not in demonyms())


def _country_closes(words: list[str], role: str, at: int) -> bool:
    return country_after_post(words, at, role) is not None


# A ministry's portfolio for its own people abroad names its country ("and Tunisians Abroad",
# "and Senegalese Abroad", "and Nigerians in Diaspora").
_ABROAD = frozenset({"Abroad", "Expatriates", "Diaspora", "Emigrants", "Nationals", "in"})


def _honoured_next(words: list[str], end: int) -> bool:
    """Whether a title is set off before the next name with its honorifics: in "at Maison Quéau de
    Quinssy, the Chinese Ambassador, H.E. Mrs. Wei Guo, paid ...", the title is Mrs. Guo's."""
    if words[end:end + 1] != [","]:
        return False
    at = titles.after_honorifics(words, end + 1)
    return at > end + 1 and _is_name(_name_at(words, at)[0])


def _is_name(name_words: list[str]) -> bool:
    """Two words, or an initial and a surname ("S. Jaishankar")."""
    return len(name_words) >= 2 and any(len(w.rstrip(".")) > 1 for w in name_words[1:])


def mentions(sentence: str) -> list[Mention]:
    """The officials a sentence names, with their country, role and rank where it says them."""
    known_demonyms = demonyms()
    words = titles.words(sentence)
    found: list[Mention] = []
    index = 0
    last_end, last_country = -2, None  # where the previous mention ended, and its country
    title_alone_end = -2  # where the last title written without a name ended

    starts = titles.vocabulary().title_starts
    while index < len(words):
        word = words[index]
        if word[:1].islower() and word not in titles.MODIFIERS and word not in _COUNTERPART and word not in starts:
            index += 1  # no mention starts with a word like this one
            continue
        start = index
        country: str | None = None
        country_by: Rule | None = None
        role: str | None = None
        rank: str | None = None
        cued = False
        # A country before the title: "Russia's", "Chinese", "Union" (India's central government).
        word = words[index]
        if f"{word}." in known_demonyms:
            word = f"{word}."  # "U.S." read as a word without its full stop
        if word.endswith(("’s", "'s")) and country_named(word[:-2]):
            country, index, cued = country_named(word[:-2]), index + 1, True
        elif word in known_demonyms or (index + 1 < len(words) and f"{word} {words[index + 1]}" in known_demonyms):
            two = f"{word} {words[index + 1]}" if index + 1 < len(words) else ""
            country = known_demonyms.get(two) or known_demonyms[word]
            index += 2 if two in known_demonyms else 1
        elif word == "Union":
            country = "India"
            index += 1
        elif word[:1].isupper():
            # "Republic of Korea Minister of National Defense ...", "United Kingdom Secretary of State ...",
            # "Australia Minister for Defence ...".
            for size in (4, 3, 2, 1):
                # Only where a title can start after them; words only: "America ," in "Latin America, Foreign
                # Secretary ..." is no country before a title.
                written = words[index:index + size]
                if not titles.may_start_title(words, index + size) or not all(w[:1].isalpha() for w in written):
                    continue
                named = country_named(" ".join(written))
                if named and titles.title_at(words, index + size):
                    country, index = named, index + size
                    break
        if country:
            country_by = rules.DEMONYM
        if index < len(words) and words[index].lower() in _COUNTERPART:
            index, cued, role = index + 1, True, "counterpart"
            after = country_after_of(words, index) if not country and words[index:index + 1] == ["from"] else None
            if after:  # "her counterpart from the Dominican Republic, Mr. Miguel Octavio Vargas"
                (country, index), country_by = after, rules.OF_COUNTRY
        while index < len(words) and words[index] in titles.MODIFIERS:
            index += 1
        title = titles.title_at(words, index, free=country is not None)
        if title is None and word[:1].isupper() and word.lower() in titles.vocabulary().head_starts:
            # "Director of the CCP Central Foreign Affairs Office": a title word, "of", a body.
            headed = titles.title_at(words, index, free=True)
            title = headed if headed and " of " in headed.written else None
        if title:
            role, index, cued = title.role, title.end, True
            if start > 2 and words[start - 2] in ("of", "to") and words[start - 1] == "the" and words[start - 3][:1].isupper():
                role = None  # "Personal Representative of the Chairperson-in-Office X": not the office's holder
            index = title_tail(words, index, functools.partial(_name_follows, words))
            if words[title.end:title.end + 1] == ["of"] and index > title.end:
                # "President of the European Council", its acronym in brackets aside ("(EUCO)"; not "the UN System").
                role = " ".join([title.role, *re.sub(r" \( [^ ]+ \)", "", " ".join(words[title.end:index])).split()])
            tail = [known_demonyms.get(w) or known_demonyms.get(f"{w}.") for w in words[title.end:index]
                    if words[title.end:title.end + 1] == ["for"]]
            if not country and len(set(filter(None, tail))) == 1:  # "Assistant Secretary for U.S. Department ..."
                country, country_by = next(filter(None, tail)), rules.DEMONYM
            abroad = [known_demonyms.get(w) or known_demonyms.get(w.removesuffix("s"))
                      for w, after in zip(words[title.end:index], words[title.end + 1:index + 1], strict=False)
                      if after in _ABROAD] if not country else []
            if len(set(filter(None, abroad))) == 1:  # "Minister of Foreign Affairs, Migration and Tunisians Abroad"
                country, country_by = next(filter(None, abroad)), rules.DEMONYM
            owner = next(filter(None, (_possessive_country(words, at) for at in range(title.end, index))), None) \
                if not country and words[title.end:title.end + 1] == ["of"] else None
            if owner and owner[1] <= index:  # "Minister of State of the United Kingdom's Ministry of Foreign Affairs"
                country, country_by = owner[0], rules.DEMONYM
            ending = next(filter(None, (country_after_of(words, at) for at in range(title.end + 1, index)
                                        if words[at] in ("of", "for"))), None) if not country else None
            if ending and ending[1] == index:  # "... and Cooperation for the Republic of Botswana, Honourable Dr. X"
                country, country_by = ending[0], rules.OF_COUNTRY
            governed = country_after_of(words, title.end) if not country and words[title.end:title.end + 1] == ["of"] \
                else None
            if governed and words[governed[1]:governed[1] + 1] == ["Government"] and governed[1] + 1 == index:
                country, country_by = governed[0], rules.OF_COUNTRY  # "Head of the Timor-Leste Government, X"
            if not country and title.country:
                country, country_by = title.country, rules.TITLE_COUNTRY
            after = country_after_of(words, index)
            if after:  # "Minister of Defence of Russia"
                (country, index), country_by = after, rules.OF_COUNTRY
            if index < len(words) and words[index].lower() in _COUNTERPART:
                index += 1
            if words[index:index + 1] in (["to"], ["in"]) and country_after_of(["of", *words[index + 1:index + 7]], 0):
                # "Ambassador to Japan Caroline Kennedy", "Chargé d'Affaires of Uzbekistan in China Batyr
                # Tursunov": the country posted to, not the person's.
                index += 1 + country_after_of(["of", *words[index + 1:index + 7]], 0)[1] - 1  # type: ignore[index]
            elif words[index:index + 1] == ["to"]:
                # "Ambassador of Chile to the OAS, Juan Pablo Lira Bianchi": the organization posted to.
                posted = next((at for at in range(index + 2, min(index + 6, len(words)))
                               if all(w[:1].isupper() or w == "the" for w in words[index + 1:at])
                               and places.organization(" ".join(words[index + 1:at])) and _name_follows(words, at)), None)
                index = posted if posted is not None else index
        found_rank = titles.rank_at(words, index)
        if found_rank:
            rank, index, cued = found_rank[0], found_rank[1], True
        after_the = start > 0 and (words[start - 1] in ("the", "The", "with") or (  # "the OIC Secretary-General"
            start > 1 and words[start - 2] in ("the", "The") and words[start - 1].isupper() and len(words[start - 1]) > 1))
        if title and (start == 0 or after_the) and not _name_at(words, index)[0] \
                and not (words[index:index + 1] == [","] and _is_name(_name_at(words, index + 1)[0])) \
                and not (words[index:index + 2] == [",", "the"] and _is_name(_name_at(words, index + 2)[0])) \
                and not (words[index:index + 1] == [","] and (apposed := titles.title_at(words, index + 1)) is not None
                         and _is_name(_name_at(words, apposed.end)[0])):
            # (not "The Secretary of Foreign Affairs, Ambassador Patricia Espinosa,": one person, named after a rank)
            # "the Prime Minister", "the Secretary": a title alone, for a person named elsewhere or not at all.
            found.append(Mention(name=None, country=country, role=role, rank=rank, sentence=sentence,
                                 country_by=country_by, found_by=rules.TITLE_BACK))
            title_alone_end = index
            continue
        if (title or role == "counterpart") and words[index:index + 1] == [","] \
                and _is_name(_name_at(words, index + 1)[0]):
            index += 1  # "the Prime Minister of the United Kingdom (UK), Rishi Sunak", "his counterpart, Name,"
        honoured = False
        past_honorifics = titles.after_honorifics(words, index)
        if past_honorifics > index:
            # "External Affairs Minister Dr. S. Jaishankar", "H.E. Mr. ...": not part of the name.
            cued = cued or words[index] == "Dr."
            # "The Hon Richard Marles MP", "H.E. Ali Bagheri", "Mr Carl Greenidge": a person, whatever the office.
            honoured = not cued and any(w.replace(".", "") in NAME_HONORIFICS for w in words[index:past_honorifics])
        had_honorific = past_honorifics > index
        name_words, index = _name_at(words, index)
        found_by = rules.TITLED if title or found_rank else rules.COUNTRY_CUED
        owner_of_next = (known_demonyms.get(words[index]) or known_demonyms.get(f"{words[index]}.")) \
            if cued and country is None and index + 1 < len(words) and _is_name(name_words) else None
        if owner_of_next and (after_title := titles.title_at(words, index + 1, free=True)) is not None:
            # "Ambassador Makila James U.S Deputy Assistant Secretary for East Africa": a country and an office after.
            country, country_by, index = owner_of_next, rules.DEMONYM, after_title.end
        if (not cued or country is None) and _is_name(name_words) and words[index:index + 1] == [","]:
            # "Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs of Japan": the title after the name; after a
            # cue without a country ("Ambassador Makila James, U.S. Deputy Assistant Secretary"), its country.
            was_cued, demonym_country = cued, None
            at = titles.after_honorifics(words, index + 1)
            if words[at:at + 1] == ["MP"]:
                at += 1
            if words[at:at + 1] == [","]:
                at += 1
            if words[at:at + 1] == ["the"]:
                at += 1  # "Mr. Shinzo Abe, the Prime Minister of Japan"
            while words[at:at + 1] and words[at] in titles.MODIFIERS and words[at][:1].islower():
                at += 1  # "Philippe Bronchain, the new Director General for Africa"
            next_word = words[at] if words[at:at + 1] and words[at] in demonyms() else f"{words[at]}." \
                if words[at:at + 1] else ""
            if next_word in demonyms():  # "Tibor Nagy, U.S. Assistant Secretary ...", "U.S" read without its stop
                demonym_country, at = demonyms()[next_word], at + 1
                if not was_cued:
                    country, country_by = demonym_country, rules.DEMONYM
            elif (owner := _possessive_country(words, at)) is not None:
                demonym_country, at = owner  # "David Cameron, the United Kingdom's Secretary of State ..."
                if not was_cued:
                    country, country_by = demonym_country, rules.DEMONYM
            elif words[at:at + 1] and words[at] in places.frameworks():
                at += 1  # "Ylva Johansson, EU Commissioner for Home Affairs": an organization's official
            # After "Mr." or "H.E.", any run of capitalized words ending in a title word or body ("Mr. Wang Yi,
            # Member of the Political Bureau of the CPC Central Committee"); else only a title of the list.
            title = titles.title_at(words, at, free=had_honorific)
            if title is None and words[at:at + 2] in (["my", "counterpart"], ["his", "counterpart"],
                                                           ["her", "counterpart"], ["our", "counterpart"]):
                title = titles.Title(written="counterpart", role="counterpart", country=None, end=at + 2)
            # Past a second portfolio before the country: "Prime Minister and Minister of Foreign Affairs and
            # Expatriates of the State of Palestine", "Minister of Foreign Affairs and CARICOM Affairs, Commonwealth
            # of Dominica".
            end = title_tail(words, title.end, functools.partial(_country_closes, words, title.role)) if title else index
            end, found_country = (end, country_after_of(words, end) or country_after_post(words, end, title.role)) \
                if title else (index, None)
            if found_country:
                end = found_country[1]
            # Not "in Rio de Janeiro, Prime Minister Narendra Modi": there the title is the next name's.
            if title and not _is_name(_name_at(words, end)[0]) and places.city_country(" ".join(name_words)) is None \
                    and not _honoured_next(words, end):
                if not was_cued:
                    role, found_by = title.role, rules.NAME_THEN_TITLE
                index, cued = end, True
                if demonym_country:
                    country, country_by = demonym_country, rules.DEMONYM
                if found_country:
                    country, country_by = found_country[0], rules.OF_COUNTRY
                elif not country and title.country:
                    country, country_by = title.country, rules.TITLE_COUNTRY
        if honoured and not cued and _is_name(name_words):
            cued, found_by = True, rules.HONORIFIC_CUED  # no title after the name either
        if title and len(name_words) == 1 and _is_surname(words, index - 1):
            # "Minister Hamada", "Secretary Blinken": a surname after a title, the full name if the report gives it.
            if _absent(words, start) or _spoken_of(words, start, index):
                continue
            found.append(Mention(name=name_words[0], country=country, role=role if role != "counterpart" else None,
                                 rank=rank, sentence=sentence, country_by=country_by, found_by=rules.TITLED_SURNAME))
            continue
        if cued and _is_name(name_words):
            if not country:
                # "Foreign Minister Wang Yi of China", "Minsk Group Co-Chair Andrew Schofer, of the United States"
                after = country_after_of(words, index) or (country_after_of(words, index + 1)
                                                           if words[index:index + 1] == [","] else None)
                if after:
                    (country, index), country_by = after, rules.OF_COUNTRY
            if found and found[-1].name is None and _apposed(words, title_alone_end, start) \
                    and (found[-1].country or country is None):
                # "the Ambassador of Sweden to Ethiopia, H.E. X", "The Secretary General, Dr. X,": the title
                # alone is the person named after it.
                alone = found.pop()
                if country is None and alone.country:
                    country, country_by = alone.country, rules.APPOSED
                if alone.role and role in (None, "Ambassador"):
                    role = alone.role  # the office, not the form of address ("Ambassador Mahboub Maalim")
            if country is None and start == last_end + 1 and words[last_end] == "and" and role not in titles.LEADERS:
                # "Japanese Foreign Minister Yoko Kamikawa and Defence Minister Minoru Kihara"
                country, country_by = last_country, rules.DELEGATION if last_country else None
            last_end, last_country = index, country
            if _absent(words, start) or _spoken_of(words, start, index):
                continue
            found.append(Mention(name=" ".join(name_words), country=country, role=role if role != "counterpart" else None,
                                 rank=rank, sentence=sentence, country_by=country_by,
                                 found_by=found_by,
                                 visiting=start > 0 and words[start - 1].lower() in ("visiting", "visited")))
            continue
        index = start + 1
    return found


def _absent(words: list[str], start: int) -> bool:
    """Whether the person named at ``start`` is spoken of, not present: "former Prime Minister Abe",
    "the late ...", "(representing Prime Minister X)", "on behalf of President X"."""
    before = [w.lower() for w in words[max(0, start - 3):start] if w.lower() not in ("the", "his", "her", "their")]
    return before[-1:] in (["former"], ["late"], ["representing"]) or before[-2:] == ["behalf", "of"]


def _spoken_of(words: list[str], start: int, end: int) -> bool:
    """Whether a person written as an owner is what is discussed or prepared for, not one who
    meets: "to discuss Prime Minister James Marape’s visit", "ahead of President X's visit"."""
    before = [w.lower() for w in words[max(0, start - 3):start]]
    return words[end - 1:end] != [] and words[end - 1].endswith(("’s", "'s")) and (
        bool({"discuss", "discussed", "discussing", "prepare", "preparations", "preparing"} & set(before))
        or before[-2:] == ["ahead", "of"])


def _apposed(words: list[str], title_end: int, start: int) -> bool:
    """Whether the title alone ending at title_end is set off by one comma, a few words on, before the name
    starting at start ("the Ambassador of Sweden to Ethiopia and accredited to IGAD, H.E. Ambassador
    Torbjörn Pettersson"): then the title, and its country, are that person's."""
    commas = [at for at in range(title_end, start) if words[at] == ","]
    return len(commas) == 1 and commas[0] - title_end <= 6 and titles.after_honorifics(words, commas[0] + 1) >= start


def _trim_name(words: list[str]) -> list[str]:
    """Drop a full stop or possessive that ends a name, and words that are not part of one."""
    words = [w for w in words if w not in ("The", "A", "An")]
    if words and words[-1].endswith(".") and len(words[-1]) > 2:
        words[-1] = words[-1].rstrip(".")
    if words and words[-1].endswith(("’s", "'s")):
        words[-1] = words[-1][:-2]
    return words


def position(sentence: str, mention: Mention) -> int:
    """Where a mention is in its sentence, for ordering subject before object."""
    if not mention.name:
        # A title alone ("The Prime Minister hosted ..."), where its recorded role is written.
        # (its words joined by a space or a hyphen: "Director General" is written "Director-General")
        found = re.search(r"[\s-]".join(map(re.escape, mention.role.split())), sentence, re.IGNORECASE) \
            if mention.role else None
        return found.start() if found else len(sentence)
    for form in (mention.name, mention.name.split()[-1]):
        where = sentence.find(form)
        if where >= 0:
            return where
    return len(sentence)
