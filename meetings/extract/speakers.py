"""A transcript's speaker labels: which official a label at the start of a turn names ("MINISTER
PAYNE:", "Penny Wong, Foreign Minister:", "KOIZUMI SHINJIRO, JAPAN'S MINISTER OF DEFENSE:"), and which
labels name no official (journalists, questions, page furniture)."""

from __future__ import annotations

import re

from meetings import titles
from meetings.extract import places, rules
from meetings.extract.frames import QUOTED, frame_match
from meetings.extract.mentions import FAMILY_NAME, NAME_TOKEN, NOT_NAMES, NOT_SURNAMES, Mention, mentions
from meetings.extract.names import addressed
from meetings.extract.places import country as country_named
from meetings.extract.places import demonyms

# Labels of those who speak in a transcript without being the officials it records.
_NOT_SPEAKERS = re.compile(r"\b(?:Q|Question|Questions|Journalist|Journalists|Reporter|Reporters|Media|Moderator|"
                           r"Interpreter|Translator|Participant|Audience|Host|Presenter|Operator|Staff|Spokesperson|"
                           r"Spokesman|Spokeswoman|News|Press|Agency|Times|Post|Radio|TV|Television|Photo|Posted|Release|"
                           r"Source|Subject|Subjects|Topics|Categories|Tags|Note|Notes|Link|Contact|Date|Time|Location|Print|Share|"
                           r"Transcript|Statement|Remarks|Readout|Update|Updated|Published|Special|Original|VIRIN|E&OE)\b",
                           re.IGNORECASE)
_SMALL_WORDS = frozenset({"of", "for", "the", "and", "to", "on", "in", "de", "van", "von", "bin", "al"})


def _cased(label: str) -> str:
    """A label written in capitals, as a sentence writes it ("SECRETARY OF DEFENSE LLOYD J. AUSTIN III"
    -> "Secretary of Defense Lloyd J. Austin III"); a label already in mixed case as it is."""
    if any(c.islower() for c in label):
        return label

    def word(token: str) -> str:
        bare = token.strip(",")
        if len(bare) <= 1 or re.fullmatch(r"(?:[A-Z]\.)+", bare) or bare.rstrip(".") in titles.SUFFIXES \
                or (bare in demonyms() and len(bare) <= 4):
            return token  # initials, suffixes (III), short references (US, UK)
        if token.lower() in _SMALL_WORDS:
            return token.lower()
        return "-".join(part[:1] + part[1:].lower() for part in token.split("-"))

    return " ".join(word(token) for token in label.split())


def speaker(label: str) -> Mention | None:
    """The official a transcript's speaker label names ("MINISTER PAYNE", "Marise Payne", "Penny Wong,
    Minister for Foreign Affairs", "President of Russia Vladimir Putin"); None for a journalist, a
    question, page furniture, or a label that names no person."""
    text = _cased(re.sub(r"\s*\([^()]*\)", "", label)).strip(" ,")
    if not text or _NOT_SPEAKERS.search(text) or QUOTED.search(text) or frame_match(text):
        return None
    found = [m for m in mentions(text) if m.name or m.role]
    if found:
        return found[0].copy(found_by=rules.SPEAKER, sentence=label)
    # A name alone ("Marise Payne") or before a title the list does not know ("Richard Marles MP, Deputy
    # Prime Minister", "Koizumi Shinjiro, Japan’s Minister of Defense").
    name_part, _, rest = text.partition(",")
    tokens = titles.words(name_part)
    tokens = [t for t in tokens[titles.after_honorifics(tokens, 0):] if t not in NOT_NAMES]
    if not 2 <= len(tokens) <= 4 or not all(NAME_TOKEN.match(t) or FAMILY_NAME.match(t) for t in tokens) \
            or any(t in NOT_SURNAMES or country_named(t) or places.city_country(t) for t in tokens) \
            or places.city_country(" ".join(tokens)) or country_named(" ".join(tokens)):
        return None
    country, role = None, None
    if rest:
        rest_words = titles.words(rest)
        if rest_words and rest_words[0].endswith(("’s", "'s")) and country_named(rest_words[0][:-2]):
            country, rest_words = country_named(rest_words[0][:-2]), rest_words[1:]
        elif rest_words and rest_words[0] in demonyms():
            country, rest_words = demonyms()[rest_words[0]], rest_words[1:]
        title = titles.title_at(rest_words, 0)
        if title is None:
            return None  # "Kyodo News, Ueda": not a name and a title
        role, country = title.role, country or title.country
    return Mention(name=" ".join(tokens), country=country, role=role, rank=None, sentence=label,
                   found_by=rules.SPEAKER, country_by=rules.DEMONYM if country else None)


def vocative(text: str) -> list[Mention] | None:
    """The officials a line that only addresses them names ("Secretary Blinken,", "Your Excellency,
    Secretary Pompeo,", "Ladies and gentlemen," naming none); None for a line that does more."""
    if not text.endswith(",") or len(text.split()) > 8 or frame_match(text):
        return None
    return [m for m in addressed(text) if m.name or m.role]
