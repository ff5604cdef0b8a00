"""Names written without a title, rank or country in front: the subject of a meeting verb
("Vladimir Putin had a telephone conversation with ..."), and a given name alone for a person the
report named in full ("Anthony and I had a one-to-one discussion")."""

from __future__ import annotations

import re

from meetings import titles
from meetings.extract import places, rules
from meetings.extract.frames import frame_match
from meetings.extract.mentions import NAME_TOKEN, NOT_NAMES, NOT_SURNAMES, Mention, person_key
from meetings.extract.places import country as country_named
from meetings.extract.places import demonyms

# What may stand between a subject and its meeting verb or noun: "had a telephone conversation", "also met".
_BEFORE_FRAME = re.compile(r"\s+(?:(?:also|today|yesterday|then|later)\s+)?(?:(?:has |have )?(?:had|held)\s+(?:an?\s+)?)?$")
# Where a subject starts: the sentence's start, or after an opening phrase and its comma.
_SUBJECT_START = re.compile(r"(?:^|,\s+)$")


def _plain_name_word(word: str) -> bool:
    return (bool(NAME_TOKEN.match(word)) and len(word.rstrip(".")) > 1 and word not in NOT_NAMES
            and word not in NOT_SURNAMES and word not in demonyms() and country_named(word) is None
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
            if any(m.name and person_key(m.name) == key for m in found):
                return []
            return [Mention(name=" ".join(name), country=None, role=None, rank=None, sentence=sentence,
                            found_by=rules.FRAME_SUBJECT)]
    return []
