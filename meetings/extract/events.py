"""Named events: the multilateral meeting a name makes ("the SCO Defence Ministers' Meeting"), and
the two leaders a meeting named by their surnames is of ("the Biden-Yoon Summit")."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from meetings.extract import offices, places, rules
from meetings.extract.draft import DraftMeeting
from meetings.extract.mentions import Mention

if TYPE_CHECKING:
    from meetings.extract.assign import Context


def event_for(context: Context, name: str, sentence: str) -> DraftMeeting:
    """The multilateral meeting a named event is ("the SCO Defence Ministers' Meeting"), made once."""
    key_name = re.sub(r"[’']", "'", re.sub(r"\s+\([A-Z]{2,}\)", "", name)).strip()
    key_name = re.sub(r"^The\s+", "", key_name)
    organization = places.organization(name)
    full = places.frameworks().get(organization or "", "")
    if full and full in key_name:
        key_name = key_name.replace(full, organization or "")
    key = re.sub(r"[^a-z0-9]+", "-", key_name.lower()).strip("-")
    if key not in context.events:
        venue, venue_country = places.place(sentence)
        date, date_rule = context.date(sentence)
        meeting = DraftMeeting(key=key, title=key_name[0].upper() + key_name[1:],
                               kind="summit" if "summit" in key_name.lower() else "multilateral",
                               date=date, venue=venue, venue_country=venue_country, organization=organization)
        meeting.note("title", sentence, rules.NAMED_EVENT)
        if date_rule is rules.DATE_IN_SENTENCE:
            meeting.note("date", sentence, date_rule)
        context.events[key] = meeting
        context.draft.meetings.append(meeting)
        _leaders_named(meeting, key_name, sentence)
    return context.events[key]


# "the Biden-Yoon Summit", "the Modi-Xi meeting": a meeting named by its two leaders' surnames.
_SURNAMES = re.compile(r"^([A-Z][a-z]+)[-–]([A-Z][a-z]+) (?:Summit|Meeting|Talks)\b")


def _leaders_named(meeting: DraftMeeting, name: str, sentence: str) -> None:
    """The two leaders a meeting's name gives by surname attend it, where the list of office holders
    has one holder of each surname on the meeting's date."""
    pair = _SURNAMES.match(name)
    if pair is None or any(places.country(s) or s in places.demonyms() for s in pair.groups()):
        return
    holders = [offices.holder_of_surname(surname, meeting.date) for surname in pair.groups()]
    if all(holders):
        for term in holders:
            assert term is not None
            country = offices.country_of([term])  # an organization's official: none
            meeting.attend(Mention(name=term.name, country=country, role=None, rank=None, sentence=sentence,
                                   found_by=rules.OFFICE_HOLDER, country_by=rules.OFFICE_COUNTRY if country else None),
                           by=rules.NAMED_EVENT)
        meeting.kind = "summit" if meeting.kind == "summit" else "bilateral"
