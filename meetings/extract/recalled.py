"""Earlier meetings a report recalls: "their discussion at the Pentagon last week", "the Prime
Minister and President Biden's last meeting in the White House", "after our last visit in 2018",
"your visit to Wellington last year", "his recent visit to the Republic of Korea in February 2019"."""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from meetings.extract import places, rules
from meetings.extract.dates import earlier_date
from meetings.extract.draft import DraftMeeting
from meetings.extract.mentions import person_key

if TYPE_CHECKING:
    from meetings.extract.assign import Context, Sentence

_NOUN = r"(?:meeting|discussion|talks|conversation|visit|call)s?"
RECALLED = re.compile(
    rf"\b(?P<whose>their|our|your|his|her|[A-Z][\w-]*[’']s)\s+(?:(?:last|previous|earlier|recent)\s+{_NOUN}\b"
    rf"|{_NOUN}\s+(?:at|in|to)\s+(?:the\s+)?[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?,?\s+(?:last (?:week|month|year)\b|in \d{{4}}\b|"
    rf"(?:two|three|four|five|\d) years ago\b))|\b(?:[Ss]ince|[Aa]fter|[Ww]hen) (?P<we>we|they|you) (?:last )?(?:met|spoke|visited)\b"
    # "We had a meeting in Malaysia only last month", "We first met, from my perspective, in Tokyo".
    rf"|\b(?P<had>[Ww]e|[Tt]hey) (?:first |last )?(?:met|had (?:a |our )?(?:meeting|talks|discussion|call))\b"
    rf"(?=[^.]{{0,40}}?\b(?:in [A-Z]|last (?:week|month|year)|ago|in \d{{4}}))"
    rf"|\b(?:since|after) (?P<ours>our|their) (?:last |previous |recent |first )?(?:telephone |phone |video )?"
    rf"(?:conversation|call|meeting|talks|discussion)s?\b"
    # "in reciprocity for the meeting that took place in Mexico City in August 2011".
    rf"|\bthe (?P<that>meeting|visit|talks|encounter) (?:that|which) (?:took place|was held|were held)\b(?=[^.]{{0,60}}?"
    rf"\b(?:in (?:[A-Z][a-z]+ )?\d{{4}}|last (?:week|month|year)|(?:two|three|four|five|\d) years ago)\b)")


# Words every recalling sentence has, looked for first: most sentences lack one or the other.
_NOUNS = ("meeting", "discussion", "talks", "conversation", "visit", "call", "encounter", "met", "spoke")
_HINT = re.compile(r"\b(?:last|previous|earlier|recent|ago|since|after|when|When|we|We|they|They|\d{4})\b")


def recalled(context: Context, sentence: Sentence) -> bool:
    """An earlier meeting a sentence recalls, of the people it names, else of those of the meeting
    just told ("their", "our", "your") or the report's principal ("his", "her"), dated as the
    sentence says from the report's date or the meeting just told (never that day). Never takes
    the sentence: it may tell a meeting too."""
    match = RECALLED.search(sentence.text) if any(noun in sentence.text for noun in _NOUNS) \
        and _HINT.search(sentence.text) else None
    if match is None:
        return False
    whose = (match.group("whose") or match.group("we") or match.group("ours") or match.group("had") or "").lower() or (
        "their" if match.group("that") else "")
    people = [p for p in sentence.people if p.name]
    principal = [context.principal] if context.principal is not None and context.principal.name else []
    if len(people) < 2 and whose in ("their", "our", "your", "we", "they", "you"):
        if context.speaker is not None:  # a transcript: the one whose turn it is and those they address,
            speaker = context.speaker
            people += [speaker, *(person for by, person in context.addressed if by is speaker and person.name)]
            if len({person_key(p.name or "") for p in people if p.name}) < 2:  # else those who spoke just before
                people += [*context.speakers[-4:], *principal]
        elif context.last_meeting is not None:
            people += context.last_meeting.attendees
        else:  # a statement: its speaker and those it addresses
            people += [*principal, *context.hearers]
    elif not people and whose in ("his", "her"):
        people = principal
    people = [p for p in people if p.name]
    if not people:
        return False
    venue, venue_country = places.place(sentence.text)
    told = context.last_meeting.date if context.last_meeting is not None else None
    base = context.draft.published or (dt.date.fromisoformat(told) if told and len(told) == 10 else None)
    meeting = DraftMeeting(key=f"earlier-meeting-{len(context.draft.meetings) + 1}",
                           date=earlier_date(sentence.text[match.start():], base),
                           venue=venue, venue_country=venue_country, auto_title=True)
    for person in {person_key(p.name or ""): p for p in people}.values():
        meeting.attend(person.copy(sentence=sentence.text), by=rules.RECALLED)
    countries = {a.country for a in meeting.attendees if a.country}
    meeting.kind = "bilateral" if len(countries) <= 2 else "multilateral"
    meeting.retitle()
    meeting.note("attendees", sentence.text, rules.RECALLED)
    meeting.note("date", sentence.text, rules.RECALLED)
    context.draft.meetings.append(meeting)
    return False
