"""Names written without a title, rank or country in front: the subject of a meeting verb
("Vladimir Putin had a telephone conversation with ..."), a given name alone ("Anthony and I had a
one-to-one discussion"), counterparts named by country alone, people introduced with a title and
named again without one, and in a transcript the officials a speaker addresses or welcomes."""

from __future__ import annotations

import itertools
import re

from meetings import titles
from meetings.extract import frames, places, rules
from meetings.extract.frames import QUOTED, frame_match
from meetings.extract.mentions import (
    KEY_SUFFIXES,
    NAME_TOKEN,
    NOT_NAMES,
    NOT_SURNAMES,
    UPPER,
    Mention,
    mentions,
    person_key,
    position,
)
from meetings.extract.places import country as country_named
from meetings.extract.places import demonyms
from meetings.extract.tails import INSTITUTION_WORDS, country_after_of

# What may stand between a subject and its meeting verb or noun: "had a telephone conversation", "also met".
_BEFORE_FRAME = re.compile(r"\s+(?:(?:also|today|yesterday|then|later)\s+)?(?:(?:has |have )?(?:had|held)\s+(?:an?\s+)?)?$")
# Where a subject starts: the sentence's start, or after an opening phrase and its comma.
_SUBJECT_START = re.compile(r"(?:^|,\s+)$")


def _plain_name_word(word: str) -> bool:
    return (bool(NAME_TOKEN.match(word)) and len(word.rstrip(".")) > 1 and word not in NOT_NAMES
            and word not in NOT_SURNAMES and word not in demonyms() and f"{word}." not in demonyms()
            and country_named(word) is None
            and titles.title_at([word], 0) is None
            and not titles.is_honorific(word))


def frame_subject(sentence: str, found: list[Mention]) -> list[Mention]:
    """A name of two to four words alone before the sentence's meeting verb or noun, at the start
    of the sentence or of its main clause: the subject who met, called or held talks."""
    match = frame_match(sentence)
    if match is None:
        return []
    before = sentence[:match.start()]
    gap = _BEFORE_FRAME.search(before)
    head = before[:gap.start()] if gap else before
    words = head.split()
    for size in (4, 3, 2):
        name = words[-size:] if len(words) >= size else []
        start = len(head) - len(" ".join(name))
        if name and all(_plain_name_word(w) for w in name) and _SUBJECT_START.search(head[:start]) \
                and places.city_country(" ".join(name)) is None and country_named(" ".join(name)) is None:
            key = person_key(" ".join(name))
            if any(m.name and (person_key(m.name) == key or set(person_key(m.name).split()) < set(key.split()))
                   for m in found) or any(titles.title_at(name, i) for i in range(len(name))):
                return []  # the name found already, or a title caught in it ("High Representative Josep Borrell")
            return [Mention(name=" ".join(name), country=None, role=None, rank=None, sentence=sentence,
                            found_by=rules.FRAME_SUBJECT)]
    return []


# What may stand between a meeting verb and the name of the one met: "met with", "received his counterpart,".
_AFTER_FRAME = frozenset({"with", "his", "her", "their", "counterpart", "counterparts", ",", "also", "today",
                          "yesterday", "separately", "by", "and"})


_PLACE_WORDS = frozenset({"in", "at", "on", "during", "near", "outside", "inside", "over", "via", "through"})


def frame_object(sentence: str, found: list[Mention]) -> list[Mention]:
    """Names of two to four words alone after the sentence's meeting verb or noun ("Josep Borrell
    met Sameh Shoukry in Cairo", "held talks with Ursula von der Leyen and Charles Michel"): the
    people met, where no title, rank or country cues them."""
    match = frame_match(sentence)
    if match is None:
        return []
    words = titles.words(sentence[match.end():])
    index = 0
    # Past the small words before the one met ("received a phone call from David Cameron"), up to six.
    while index < len(words) and index < 6 and (words[index] in _AFTER_FRAME or words[index][:1].islower()):
        if words[index] in _PLACE_WORDS:
            return []  # "met in New York", "met at the Palace": a place, not a person
        index += 1
    known = {person_key(m.name) for m in found if m.name}
    extra: list[Mention] = []
    while index < len(words) and len(extra) < 4:
        end = index
        while end < len(words) and end - index < 5 and (_plain_name_word(words[end]) or (
                end > index and words[end] in ("de", "da", "del", "di", "du", "der", "van", "von", "bin", "al", "la", "le"))):
            end += 1
        name = words[index:end]
        followed = end < len(words) and (words[end][:1].isupper() or titles.title_at(words, end) is not None)
        if not 2 <= len(name) <= 4 or not _plain_name_word(name[-1]) or name[-1].endswith(("’s", "'s")) or followed:
            break  # "welcomed the United Kingdom’s commitment": a possessive is no one met
        text = " ".join(name)
        if places.city_country(text) is not None or country_named(text) is not None \
                or any(titles.title_at(name, i) for i in range(len(name))) \
                or places.organization(text) is not None:
            break
        if person_key(text) not in known and not any(set(k.split()) & set(person_key(text).split()) for k in known):
            extra.append(Mention(name=text, country=None, role=None, rank=None, sentence=sentence,
                                 found_by=rules.FRAME_OBJECT))
        if words[end:end + 1] not in ([","], ["and"]):
            break
        index = end + 1 + (words[end + 1:end + 2] == ["and"])
    return extra


# "his Malaysian and Lao counterparts A and B": the countries, then the names in the same order.
_COUNTERPARTS_NAMED = re.compile(r"\b(?P<countries>[A-Z][\w’'.-]+(?:(?:, | and )[A-Z][\w’'.-]+)+) counterparts,? "
                                 r"(?P<names>[^.;:()]+?)(?=,? (?:on|in|at|during|via|by|to|for|respectively)\b|[.;:]|$)")


def counterparts_named(sentence: str, found: list[Mention]) -> list[Mention]:
    """Counterparts named after their countries ("held separate phone conversations with Malaysian
    and Lao counterparts A and B"): each name with the country written in the same place."""
    match = _COUNTERPARTS_NAMED.search(sentence)
    if match is None:
        return []
    countries = [demonyms().get(w) or country_named(w) for w in re.split(r", | and ", match.group("countries"))]
    names = [titles.strip_honorifics(n.strip()) for n in re.split(r",\s*(?:and\s+)?|\s+and\s+", match.group("names"))]
    if len(countries) != len(names) or not all(countries) or not all(
            2 <= len(n.split()) <= 6 and all(NAME_TOKEN.match(w) or w.lower() == "bin" for w in n.split()) for n in names):
        return []
    known = {person_key(m.name) for m in found if m.name}
    return [Mention(name=name, country=country, role=None, rank=None, sentence=sentence, found_by=rules.COUNTERPARTS_NAMED,
                    country_by=rules.DEMONYM) for name, country in zip(names, countries, strict=True) if person_key(name) not in known]


# "met with Foreign Ministers of Turkey, Bahrain and Egypt", "met the Defence Ministers of A and B".
_BY_COUNTRY = re.compile(r"\b(?:met|meets|met with|meeting with|held (?:separate )?(?:meetings|talks) with)\s+(?:the\s+)?"
                         r"(?P<group>(?:[A-Z][a-z]+\s+)?(?:Ministers|ministers|[Cc]ounterparts|[Ll]eaders))\s+"
                         r"(?:of|from)\s+(?:the\s+)?(?P<list>[^.;:]+)")


def counterparts_by_country(sentence: str) -> list[Mention]:
    """Counterparts named by their countries ("met with Foreign Ministers of Turkey, Bahrain and
    Egypt"): one official of each country, unnamed unless a name follows the country, for one
    meeting each."""
    match = _BY_COUNTRY.search(sentence)
    if match is None:
        return []
    singular = re.sub(r"s$", "", match.group("group").split()[0]) if " " in match.group("group") else None
    title = titles.title_at(titles.words(f"{singular} Minister"), 0) if singular else None
    found: list[Mention] = []
    for part in re.split(r",\s*|\s+and\s+|\s+as well as\s+", match.group("list")):
        words = part.split()
        # The longest words of the part that name a country ("Norway on the sidelines of ...": Norway).
        hit = next(((size, c) for size in range(min(len(words), 6), 0, -1)
                    if (c := places.country(" ".join(words[:size])))), None)
        if hit is None:
            # "... and Pakistan as well as the OIC Secretary-General": an official after the countries, then the end.
            found += [m.copy(sentence=sentence, found_by=rules.BY_COUNTRY) for m in mentions(part)[:1]
                      if m.role and len(found) >= 2 and part.split()[:1] == ["the"]]
            break  # the list of countries ends where a part is not one
        # A name after the country ("of the Republic of Belarus - Sergey Aleinik, the Russian Federation Sergey Lavrov").
        rest = list(itertools.takewhile(lambda w: w[:1].isupper(), (w for w in words[hit[0]:] if w not in ("-", "–", "—"))))
        # (a word that is a title elsewhere may be a given name inside one: "Hossein Amir Abdollahian")
        name = " ".join(rest) if 2 <= len(rest) <= 4 and _plain_name_word(rest[0]) and _plain_name_word(rest[-1]) \
            and all(NAME_TOKEN.match(w) for w in rest) else None
        found.append(Mention(name=name, country=hit[1], role=title.role if title else None, rank=None,
                             sentence=sentence, found_by=rules.BY_COUNTRY, country_by=rules.BY_COUNTRY))
    return found if len(found) >= 2 else []


_WITH_I = re.compile(r"\b(?:(?P<before>[A-Z][^\W\d_]+) and I|I and (?P<after>[A-Z][^\W\d_]+))\b")


def partner_of_i(sentence: str, found: list[Mention], known: dict[str, Mention]) -> list[Mention]:
    """A given name alone beside "I" ("Anthony and I had a one-to-one discussion", "both Penny and I"):
    the person the report names in full with that given name, else that name alone."""
    match = _WITH_I.search(sentence)
    word = (match.group("before") or match.group("after")) if match else None
    if word is None or not _plain_name_word(word) or any(m.name and word in m.name.split() for m in found):
        return []
    full = {person_key(m.name): m for m in known.values() if m.name and len(m.name.split()) > 1
            and m.name.split()[0] == word}
    if len(full) == 1:
        return [next(iter(full.values())).copy(sentence=sentence, chair=False, visiting=False,
                                                found_by=rules.GIVEN_NAME)]
    return [Mention(name=word, country=None, role=None, rank=None, sentence=sentence, found_by=rules.GIVEN_NAME)]


_GREETING = re.compile(r"^(?:(?:well|so|and|oh|again|now|first(?: of all)?|good (?:morning|afternoon|evening|day)|"
                       r"thank you(?: very much| so much)?|thanks(?: very much)?|welcome|hello|hi|dear|everyone|"
                       r"everybody|all)\b[,.!]?\s*)*", re.IGNORECASE)
_NOT_VOCATIVE = frozenset({"I", "I'm", "I’m", "It", "It's", "It’s", "We", "We're", "We’re", "You", "Thank", "Thanks",
                           "Welcome", "Let", "This", "That", "Our", "My", "So", "And", "But", "As", "Today", "Now"})
_HONORIFIC_ONLY = frozenset({"Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Madam", "Madame", "Mister", "Excellency", "Your"})


def addressed(text: str) -> list[Mention]:
    """The officials a speaker addresses at the start of a sentence: "Minister Hamada, it is an
    honour to welcome you", "Good morning, Deputy Prime Minister Marles and Minister Hamada,", "Mr
    Prime Minister, my friend." (a title alone: the person of that title, or unnamed)."""
    rest = text[_GREETING.match(text).end():]  # type: ignore[union-attr]
    tokens = titles.words(rest)
    end = 0
    while end < len(tokens) and tokens[end] not in _NOT_VOCATIVE and (
            tokens[end][:1].isupper() or tokens[end] in (",", "and", "of", "for", "the")):
        end += 1
    run = tokens[:end]
    while run and run[-1] in (",", "and", "of", "for", "the"):
        run.pop()
    if not run or not (tokens[len(run):len(run) + 1] in ([","], [".", ], []) or end == len(tokens)
                       or re.search(r"\byou(?:rs?)?\b", rest, re.IGNORECASE)):
        return []
    if tokens[len(run) + 1:len(run) + 2] and tokens[len(run) + 1] in ("who", "which", "whose", "where"):
        return []
    found = [m for m in mentions(" ".join(run)) if m.name or m.role]
    if not found:
        start = 0
        while start < len(run) and run[start] in _HONORIFIC_ONLY:
            start += 1
        title = titles.title_at(run, start)
        if title is not None and title.end == len(run):
            found = [Mention(name=None, country=title.country, role=title.role, rank=None, sentence=text)]
    return [m.copy(sentence=text, found_by=rules.ADDRESSED) for m in found]


_GUESTS = re.compile(r"\b(?:welcome|welcoming|to have|to host|hosting|to receive|to see)\s+(?=(?:[A-Z]|my |our |the ))")


def guests(text: str) -> list[Mention]:
    """The officials a speaker says they welcome or have with them ("honoured ... to have Minister
    Kamikawa and Minister Kihara here"): at the occasion too. Not in a sentence about the future."""
    match = _GUESTS.search(text)
    if match is None or frames.FUTURE.search(text):
        return []
    clause = re.split(r"[.;:]|\bwho\b|\bwhen\b", text[match.end():])[0]
    return [m.copy(sentence=text, found_by=rules.ADDRESSED) for m in mentions(clause) if m.name or m.role]


# "The U.S. delegation consisted of ...", "On the Russian side, the meeting was attended by ...".
_SIDE = re.compile(r"\b(?:[Tt]he|[Oo]n the) (?P<side>[A-Z][\w.]*(?: [A-Z][a-z]+)?) (?:delegation|side)\b")


def attendance_list(sentence: str, start: int, found: list[Mention]) -> list[Mention]:
    """The people of a list of those at a meeting, from ``start`` ("Among those attending were ...",
    "The U.S. delegation consisted of ..."): those found, and the names at the head of its items
    written without a title; without a country, the side's or delegation's ("The U.S. delegation"),
    or after "and" the one's before ("the Argentine Secretary ..., Gustavo Béliz, and Jorge Argüello")."""
    side_match = _SIDE.search(sentence)
    side = side_match.group("side") if side_match else None
    side_country = (demonyms().get(side) or demonyms().get(f"{side}.") or country_named(side)) if side else None
    people = sorted(found + _listed(sentence[start:], sentence, found), key=lambda m: position(sentence, m))
    out: list[Mention] = []
    for mention in people:
        if side_country and not mention.country:
            mention = mention.copy(country=side_country, country_by=rules.SIDE)
        elif mention.found_by is rules.LISTED and out and out[-1].country \
                and re.search(r",? and $", sentence[:position(sentence, mention)]):
            mention = mention.copy(country=out[-1].country, country_by=rules.DELEGATION)
        out.append(mention)
    return out


def _listed(rest: str, sentence: str, found: list[Mention]) -> list[Mention]:
    """Names at the head of the items of a list ("...; Anyin Choo, Consul General, Toronto; ...",
    "political advisor Chris Andino; and advisor Mariju Bofill"): items split at semicolons, else at
    commas and "and"."""
    items = re.split(r";\s*" if ";" in rest else r",\s*|\s+and\s+", rest)
    known = {person_key(m.name) for m in found if m.name}
    extra: list[Mention] = []
    for item in items:
        words = titles.words(item)
        index = 0
        while index < len(words) and index < 3 and (words[index][:1].islower() or words[index] == ","):
            index += 1  # "and", "political advisor": lower-case words before the name
        index = titles.after_honorifics(words, index)
        end = index
        while end < len(words) and end - index < 4 and _plain_name_word(words[end]):
            end += 1
        name = " ".join(words[index:end])
        if end - index < 2 or (end < len(words) and words[end][:1].isupper()) or places.city_country(name) \
                or country_named(name) or places.organization(name) or INSTITUTION_WORDS & set(words[index:end]) \
                or any(titles.title_at(words[index:end], at) for at in range(end - index)):
            continue  # (not "Presidential Aide Yury Ushakov", "Cultural Cooperation Denis Manturov")
        key = person_key(name)
        if key not in known and not any(set(key.split()) & set(k.split()) for k in known):
            known.add(key)
            extra.append(Mention(name=name, country=None, role=None, rank=None, sentence=sentence,
                                 found_by=rules.LISTED))
    return extra


def as_the(sentence: str, found: list[Mention]) -> list[Mention]:
    """A title alone after "him as" or "her as" ("Ambassador X presented his credentials ..., accrediting
    him as the Ambassador of Bhutan") is the one the sentence names with that title: not another
    person, and its country is theirs."""
    if " as " not in sentence:
        return found
    for title_alone in [m for m in found if not m.name and m.role and re.search(
            rf"\b(?:him|her) as(?: the)? {re.escape(m.role)}", sentence)]:
        holder = next((m for m in found if m.name and m.role == title_alone.role), None)
        if holder is not None:
            found.remove(title_alone)
            if not holder.country and title_alone.country:
                holder.country, holder.country_by = title_alone.country, title_alone.country_by
    return found


# "Roberto Ampuero is appointed Foreign Minister of Chile", "where Sebastián Piñera was sworn in as the new
# President of the Republic", "X assumed today the position of Minister of Foreign Affairs of Chile".
_TAKES_OFFICE = re.compile(r"\s+(?:(?:is|was|has been|had been)\s+)?(?:appointed|named|sworn in|elected|"
                           r"assumed(?:\s+today)?\s+(?:the\s+)?(?:position|post|office)\s+of)\s+(?:as\s+)?(?:the\s+)?(?:new\s+)?")


def takes_office(sentence: str, found: list[Mention]) -> list[Mention]:
    """A name of two to four words alone before a verb of taking an office and the office ("Roberto
    Ampuero is appointed Foreign Minister of the Republic of Chile"): its holder, with its country."""
    extra: list[Mention] = []
    if not any(verb in sentence for verb in ("appointed", "named", "sworn", "elected", "assumed")):
        return extra
    for match in _TAKES_OFFICE.finditer(sentence):
        words = sentence[:match.start()].split()
        after = titles.words(sentence[match.end():])
        title = titles.title_at(after, 0)
        if title is None:
            continue
        for size in (4, 3, 2):
            name = words[-size:] if len(words) >= size else []
            if name and all(_plain_name_word(w) for w in name) and not (len(words) > size and _plain_name_word(words[-size - 1])):
                key = person_key(" ".join(name))
                if not any(m.name and set(key.split()) & set(person_key(m.name).split()) for m in found + extra):
                    of = country_after_of(after, title.end)
                    extra.append(Mention(name=" ".join(name), country=of[0] if of else title.country, role=title.role,
                                         rank=None, sentence=sentence, found_by=rules.TAKES_OFFICE,
                                         country_by=rules.OF_COUNTRY if of else rules.TITLE_COUNTRY if title.country else None))
                break
    return extra


_ADDRESSED = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\.\s")
_CAPITALIZED_RUN = re.compile(rf"\b[{UPPER}][\w’'-]+(?:\s+[{UPPER}][\w’'-]+)*")


def known_mentions(sentence: str, found: list[Mention], known: dict[str, Mention], longest: int) -> list[Mention]:
    """People already introduced with a title, named again without one ("Singh chairs ..."); ``longest``:
    the most words a key of ``known`` has."""
    present = {person_key(m.name) for m in found if m.name}
    extra: list[Mention] = []
    if _ADDRESSED.search(sentence) and QUOTED.search(sentence):
        return extra
    for match in _CAPITALIZED_RUN.finditer(sentence):
        words = match.group(0).split()
        # No key has more words than `longest`: a span longer by more than the words its key may drop
        # (initials, suffixes) cannot be one.
        droppable = sum(1 for w in words if sum(c.isalnum() for c in w) <= 1 or w.lower().strip(".,") in KEY_SUFFIXES)
        spans = [(start, size) for size in range(min(len(words), longest + droppable), 0, -1)
                 for start in range(len(words) - size + 1)]
        for start, size in spans:
            person = known.get(person_key(" ".join(words[start:start + size])))
            # Not a shorter form of a name the sentence gives in full ("Johnson Smith" in "Kamina Johnson Smith").
            if person is not None and person.name and person_key(person.name) not in present and not any(
                    set(person_key(person.name).split()) < set(key.split()) for key in present):
                present.add(person_key(person.name))
                extra.append(person.copy(sentence=sentence, chair=False, visiting=False,
                                         found_by=rules.SURNAME_BACK))
                break
    return extra
