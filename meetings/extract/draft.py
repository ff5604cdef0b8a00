"""The draft: meetings found in a report, each field with the sentence and the rule it came from,
written out in the fixture format that `import` and `--save` read."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from meetings.extract.mentions import Mention, person_key
from meetings.extract.rules import Rule


@dataclass
class DraftMeeting:
    key: str
    title: str | None = None
    kind: str | None = None
    date: str | None = None
    venue: str | None = None
    venue_country: str | None = None
    organization: str | None = None
    sideline_of: str | None = None
    attendees: list[Mention] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    evidence: dict[str, str] = field(default_factory=dict)  # field -> the sentence it came from
    rules: dict[str, Rule] = field(default_factory=dict)  # field -> the rule that produced it
    sources: list[str] = field(default_factory=list)  # keys of the draft's references
    auto_title: bool = False  # a title made of the attendees' countries, remade when they are completed

    def attend(self, mention: Mention, *, chair: bool = False, by: Rule | None = None) -> None:
        """Add an attendee, or complete the one already there."""
        key = person_key(mention.name) if mention.name else None
        for existing in self.attendees:
            if key and existing.name and person_key(existing.name) == key:
                if not existing.country and mention.country:
                    existing.country, existing.country_by = mention.country, mention.country_by
                existing.role = existing.role or mention.role
                existing.rank = existing.rank or mention.rank
                existing.chair = existing.chair or chair
                return
            if not key and not existing.name and (existing.country, existing.role) == (mention.country, mention.role):
                return
        self.attendees.append(mention.copy(chair=chair, attended_by=by or mention.attended_by))

    def note(self, name: str, sentence: str, rule: Rule) -> None:
        """Record where a field came from, keeping the first source."""
        self.evidence.setdefault(name, sentence)
        self.rules.setdefault(name, rule)

    def retitle(self) -> None:
        if self.auto_title:
            countries = list(dict.fromkeys(a.country for a in self.attendees if a.country))
            self.title = (f"{'–'.join(countries)} {'call' if self.kind == 'call' else 'meeting'}"
                          if countries else None)


@dataclass
class Draft:
    source: str | None
    published: dt.date | None
    meetings: list[DraftMeeting]
    people: list[Mention] = field(default_factory=list)  # every person mention, in or out of a meeting
    skipped: list[tuple[Rule, str]] = field(default_factory=list)  # sentences a rule kept from making a meeting
    references: dict[str, tuple[str, dt.date | None]] = field(default_factory=dict)  # key -> (URL, published)

    def __post_init__(self) -> None:
        if self.source and not self.references:
            self.references["report"] = (self.source, self.published)

    def as_fixture(self, *, evidence: bool = False) -> dict[str, Any]:
        sources = [{"key": key, "reference": reference, "published": published.isoformat() if published else None}
                   for key, (reference, published) in self.references.items()]
        meetings = []
        for meeting in self.meetings:
            item: dict[str, Any] = {"key": meeting.key, "title": meeting.title, "date": meeting.date,
                                    "venue": meeting.venue, "venue_country": meeting.venue_country,
                                    "kind": meeting.kind, "organization": meeting.organization,
                                    "sideline_of": meeting.sideline_of,
                                    "attendees": [{k: v for k, v in (("name", a.name), ("country", a.country),
                                                                     ("role", a.role), ("rank", a.rank),
                                                                     ("chair", a.chair)) if v}
                                                  for a in meeting.attendees],
                                    "topics": meeting.topics,
                                    "sources": meeting.sources}
            meetings.append({k: v for k, v in item.items() if v not in (None, [])})
        document: dict[str, Any] = {"sources": sources, "meetings": meetings}
        if evidence:
            document["evidence"] = {m.key: {**m.evidence, "rules": _rules_of(m)} for m in self.meetings}
        return document

    def explain(self, name: str) -> str:
        """What the extractor did with a person, by which rules: for a quality harness's misses."""
        key = set(person_key(name).split())
        same = [m for m in self.meetings for a in m.attendees if a.name and set(person_key(a.name).split()) == key]
        attendees = [a for m in same for a in m.attendees if a.name and set(person_key(a.name).split()) == key]
        if attendees:
            a = attendees[0]
            return (f"in {len(same)} meeting(s), as {a.found_by} + {a.attended_by or '?'}; "
                    f"country {a.country or 'none'} by {a.country_by or 'no rule'}")
        mentioned = [m for m in self.people if m.name and set(person_key(m.name).split()) == key]
        if mentioned:
            m = mentioned[0]
            skipped = [rule.name for rule, sentence in self.skipped if sentence == m.sentence]
            why = f"; its sentence was skipped by {', '.join(skipped)}" if skipped else ""
            return f"recognised ({m.found_by}, country {m.country or 'none'}) but in no meeting{why}"
        return "never recognised as a person (no title, rank or country cue found)"


def _rules_of(meeting: DraftMeeting) -> dict[str, str]:
    named = {field: rule.name for field, rule in meeting.rules.items()}
    for attendee in meeting.attendees:
        parts = [attendee.found_by.name, *(r.name for r in (attendee.attended_by, attendee.country_by) if r)]
        named[f"attendee {attendee.name or attendee.role or attendee.country}"] = " + ".join(parts)
    return named
