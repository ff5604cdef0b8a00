"""Post-passes over a whole draft: what only the report as a whole tells. One spelling per
person, one record per meeting told twice, and countries completed from the rest of the report."""

from __future__ import annotations

import re
from collections.abc import Callable

from meetings import titles
from meetings.extract import offices, places, rules
from meetings.extract.draft import Draft, DraftMeeting
from meetings.extract.mentions import Mention, any_order, person_key
from meetings.extract.rules import Rule
from meetings.extract.tails import POSTED_ABROAD


def keep_recordable(draft: Draft) -> None:
    """A meeting needs attendees; an event nobody is said to attend is background. An attendee
    with neither name, role nor country says nothing and is left out."""
    for meeting in draft.meetings:
        meeting.attendees = [a for a in meeting.attendees if a.name or a.role or a.country]
    draft.meetings = [m for m in draft.meetings if m.attendees]


def one_spelling(draft: Draft) -> None:
    """One person, one spelling in a report: the first one written ("Sergei K Shoigu" later "Sergei Shoigu")."""
    spelling: dict[str, str] = {}
    full_names: dict[str, set[str]] = {}  # a word of a full name -> the full names it is in
    for mention in draft.people:
        if mention.name and len(person_key(mention.name).split()) > 1:
            for word in person_key(mention.name).split():
                full_names.setdefault(word, set()).add(person_key(mention.name))
            spelling.setdefault(person_key(mention.name), mention.name)
    for meeting in draft.meetings:
        for attendee in meeting.attendees:
            if attendee.name:
                key = person_key(attendee.name)
                # A surname alone ("Hamada") is the full name the report gives once for it.
                candidates = full_names.get(key, set()) if len(key.split()) == 1 else {
                    # "Josep Borrell" is the "Josep Borrell Fontelles" the report gives once, all its words in it.
                    name for name in full_names.get(key.split()[0], set()) if set(key.split()) < set(name.split())}
                if len(candidates) == 1:
                    key = next(iter(candidates))  # (not pop: the set serves every meeting)
                attendee.name = spelling.setdefault(key, attendee.name)
        # Two mentions now spelled as one person are one attendee.
        attendees, meeting.attendees = meeting.attendees, []
        for attendee in attendees:
            meeting.attend(attendee, chair=attendee.chair, by=attendee.attended_by)


def name_titles(draft: Draft) -> None:
    """A title alone told before the report names its holder ("the Director-General held separate
    meetings ..." before "The OPCW Director-General, Ambassador Rogelio Pfirter, visited ..."): the
    one person the report names with that title, of no other country."""
    for meeting in draft.meetings:
        unnamed = [a for a in meeting.attendees if not a.name and a.role]
        for attendee in unnamed:
            holders = {person_key(p.name): p for p in draft.people if p.name and p.role == attendee.role
                       and (attendee.country is None or p.country in (None, attendee.country))}
            if len(holders) != 1:
                continue
            holder = next(iter(holders.values()))
            if any(a.name and person_key(a.name) == person_key(holder.name or "") for a in meeting.attendees):
                continue  # (not the other side of the same meeting: "the Prime Minister" spoke with Prime Minister X)
            meeting.attendees.remove(attendee)
            meeting.attend(holder.copy(sentence=attendee.sentence, chair=attendee.chair, visiting=attendee.visiting,
                                       found_by=rules.TITLE_BACK, country=holder.country or attendee.country),
                           chair=attendee.chair, by=attendee.attended_by)


def merge_repeats(draft: Draft, *, headlines_only: bool = False) -> None:
    """One meeting told twice in a report (a headline or caption, then the body) is one record: a
    bilateral or call on the same date, or with no date of its own, whose named attendees are
    among another's is folded into it. `headlines_only`: only a meeting dated by the report into
    one dated by its sentence (once office holders are named, a headline's meeting of offices)."""
    kept: list[DraftMeeting] = []
    by_day: dict[str | None, list[DraftMeeting]] = {}  # only a meeting of that date (or none) can match
    people: dict[int, set[str]] = {}  # each kept meeting's named attendees: only one sharing some can match
    headlines: dict[str, list[DraftMeeting]] = {}  # kept meetings with named people, by each of them
    for meeting in draft.meetings:
        if meeting.rules.get("attendees") is rules.RECALLED:
            kept.append(meeting)  # an earlier meeting, undated or not: never the one the report tells
            people[id(meeting)] = set()
            continue
        candidates = by_day.get(meeting.date, []) + (kept if meeting.date is None else by_day.get(None, []))
        mine = _people(meeting)
        into = None if headlines_only else next((other for other in candidates if _nested(people[id(other)], mine) and (
            same_people(other, meeting) or _part_of(meeting, other) or _part_of(other, meeting))), None)
        if into is None and meeting.date is not None and mine:
            # A headline dated only by the report and its body dated by the day it gives: the very same people,
            # or the headline's one named person and an unnamed counterpart the body names.
            dated_by_report = _report_dated(meeting)
            into = next((other for person in mine for other in headlines.get(person, []) if other.date is not None
                         and _nested(people[id(other)], mine) and _report_dated(other) != dated_by_report and (
                             same_people(other, meeting) or _part_of(meeting, other) or _part_of(other, meeting))), None)
        if into is None:
            kept.append(meeting)
            by_day.setdefault(meeting.date, []).append(meeting)
            people[id(meeting)] = mine
            for person in mine:
                headlines.setdefault(person, []).append(meeting)
        else:
            fold(into, meeting)
            if into.date is None or (_report_dated(into) and not _report_dated(meeting) and meeting.date):
                # A headline dated only by the report, its body by the day it gives ("On October 10, ...").
                into.date, into.rules["date"], into.evidence["date"] = meeting.date, meeting.rules.get(
                    "date", rules.DATE_IN_SENTENCE), meeting.evidence.get("date", "")
            people[id(into)] = _people(into)
    draft.meetings = kept
    keys = {m.key for m in draft.meetings}
    for meeting in draft.meetings:
        if meeting.sideline_of not in keys:
            meeting.sideline_of = None


def _nested(one: set[str], other: set[str]) -> bool:
    """Whether the named people of one meeting are among the other's (what each test of a repeat
    needs, looked at first as sets), some named on both sides."""
    return bool(one & other) and (one <= other or other <= one)


def _report_dated(meeting: DraftMeeting) -> bool:
    """Dated by the report's own date, not by a date its sentence gives: a headline, a caption."""
    return meeting.rules.get("date") is rules.REPORT_DATE


def _people(meeting: DraftMeeting) -> set[str]:
    """The named attendees' keys, their words in any order ("HAYASHI Yoshimasa" is "Yoshimasa Hayashi")."""
    return {any_order(a.name) for a in meeting.attendees if a.name}


def same_people(one: DraftMeeting, other: DraftMeeting) -> bool:
    """Two bilaterals or calls of the same kind, the named attendees (two or more) of one among the
    other's; or two meetings (neither or both calls) of the very same named attendees."""
    people, others = _people(other), _people(one)
    if len(people) >= 2 and people == others and (one.kind == "call") == (other.kind == "call") and (
            one.kind == other.kind or not any(m.rules.get("title") is rules.NAMED_EVENT for m in (one, other))):
        return True  # the same named people, a multilateral too (a trilateral's headline and its body), but
        # not a named event and a bilateral of two who attend it (a summit and the talks on its sidelines)
    return (other.kind in ("bilateral", "call") and len(people) >= 2 and len(others) >= 2
            and (one.kind == other.kind or _loose_call(one) or _loose_call(other))
            and (people <= others or others <= people)
            # Three named people among four are a meeting of their own (a trilateral before a quad's).
            and min(len(people), len(others)) == 2)


def _part_of(meeting: DraftMeeting, other: DraftMeeting) -> bool:
    """A headline's meeting of one named person (and perhaps someone unnamed), told in full by another of the same kind."""
    people = _people(meeting)
    unnamed = {a.country for a in meeting.attendees if not a.name and a.country}
    # Not where its unnamed side is of a country the other has not: "met with the Foreign Ministers
    # of A and B" is a meeting with each.
    # Nor where its unnamed side is an office of no country the other has not ("as well as the OIC Secretary-General").
    offices_unnamed = {a.role for a in meeting.attendees if not a.name and not a.country and a.role}
    return (meeting.kind == other.kind and len(people) == 1 and people <= _people(other)
            and unnamed <= {a.country for a in other.attendees} and offices_unnamed <= {a.role for a in other.attendees})


def _loose_call(meeting: DraftMeeting) -> bool:
    """A call only because someone "spoke with" someone: a caption of a meeting says that too."""
    return meeting.kind == "call" and getattr(meeting.rules.get("kind"), "name", None) == "spoke-with"


def same_meeting(one: DraftMeeting, other: DraftMeeting) -> bool:
    """The same people (``same_people``) on the same date."""
    return same_people(one, other) and one.date == other.date


def fold(into: DraftMeeting, meeting: DraftMeeting) -> None:
    """Fold a second telling of a meeting into the first: attendees, topics, venue, links, evidence."""
    for attendee in meeting.attendees:
        into.attend(attendee, chair=attendee.chair)
    into.topics += [t for t in meeting.topics if t not in into.topics]
    into.venue, into.venue_country = into.venue or meeting.venue, into.venue_country or meeting.venue_country
    into.sideline_of = into.sideline_of or meeting.sideline_of
    into.sources += [key for key in meeting.sources if key not in into.sources]
    for key, value in meeting.evidence.items():
        into.evidence.setdefault(key, value)
    for key, rule in meeting.rules.items():
        into.rules.setdefault(key, rule)
    into.note("repeat", next(iter(meeting.evidence.values()), ""), rules.REPEAT)


def complete_all(draft: Draft, people: list[Mention] | None = None) -> None:
    """Fill the country, role and rank of attendees (all, or ``people``) from the other mentions
    of them in the report: the first mention that gives each wins."""
    known: dict[str, tuple[str | None, str | None, str | None]] = {}
    for other in [a for m in draft.meetings for a in m.attendees] + draft.people:
        if other.name:
            country, role, rank = known.get(person_key(other.name), (None, None, None))
            known[person_key(other.name)] = (country or other.country, role or other.role, rank or other.rank)
    for person in people if people is not None else [a for m in draft.meetings for a in m.attendees]:
        if person.name and person_key(person.name) in known:
            country, role, rank = known[person_key(person.name)]
            if not person.country and country:
                person.country, person.country_by = country, rules.SAME_PERSON
            person.role = person.role or role
            person.rank = person.rank or rank


def recorded_countries(draft: Draft, recorded: Callable[[list[str]], dict[str, str]] | None) -> None:
    """Attendees the text gives no country get the one they are recorded for (the database)."""
    missing = sorted({a.name for m in draft.meetings for a in m.attendees if a.name and not a.country})
    if recorded is None or not missing:
        return
    countries = recorded(missing)
    for meeting in draft.meetings:
        for attendee in meeting.attendees:
            if attendee.name and not attendee.country and attendee.name in countries:
                attendee.country, attendee.country_by = countries[attendee.name], rules.RECORDED
                meeting.evidence.setdefault("country", f"{attendee.name} is recorded for {attendee.country}")


COUNTRY_PAIR = re.compile(r"\b([A-Z][\w.]*(?: [A-Z][a-z]+)?)(?: and (?:the )?|[-–])([A-Z][\w.]*(?: [A-Z][a-z]+)?)\b")
Guess = Callable[[DraftMeeting, Mention, str], tuple[str | None, str]]


def infer_countries(draft: Draft, body: str, principal: Mention | None) -> None:
    """A country for attendees the text names without one, from what the report does say, in
    order: a pair of countries it names ("China and Brazil", "India-Russia") of which the
    other side's is one; the place of a meeting with a "visiting" guest; the place of a
    bilateral meeting for an official met there by the report's principal (the host side).
    Nothing is guessed where none of these holds."""
    pairs: list[tuple[set[str], str]] = []
    for match in COUNTRY_PAIR.finditer(body):
        sides = [match.group(1), match.group(2)]
        # "Japan-Netherlands Defense Ministerial Meeting": a side of two words may be a country and a word.
        countries = [places.country(side) or places.country(side.split()[0]) for side in sides
                     if side not in places.demonyms() or side.isupper()]
        if len(countries) == 2 and countries[0] and countries[1] and countries[0] != countries[1]:
            pairs.append(({countries[0], countries[1]}, match.group(0)))
    place = places.dateline_country(body)
    publisher = places.publisher_country(draft.source) or places.original_publisher_country(body)
    principal_key = person_key(principal.name) if principal and principal.name else None

    def named_pair(meeting: DraftMeeting, person: Mention, other: str) -> tuple[str | None, str]:
        # A pair the meeting's own sentence names first; else the report's, if only one holds the other side.
        told = meeting.evidence.get("attendees", "")
        own = [(pair, text) for pair, text in pairs if other in pair and text in told]
        anywhere = {frozenset(pair): text for pair, text in pairs if other in pair}
        if own:
            return (own[0][0] - {other}).pop(), own[0][1]
        if len(anywhere) == 1 and meeting.venue_country in (None, *next(iter(anywhere))):
            # (not where the meeting's own place is of a third country: "the Royal Palace in Brussels")
            pair, text = next(iter(anywhere.items()))
            return (set(pair) - {other}).pop(), text
        return None, ""

    def host_of_visit(meeting: DraftMeeting, person: Mention, other: str) -> tuple[str | None, str]:
        guest = next((a for a in meeting.attendees if a is not person and a.visiting), None)
        return (meeting.venue_country or place, guest.sentence) if guest and meeting.kind != "call" else (None, "")

    def host_of_principal(meeting: DraftMeeting, person: Mention, other: str) -> tuple[str | None, str]:
        if meeting.kind == "bilateral" and principal_key and person_key(person.name or "") != principal_key:
            where = meeting.venue or meeting.venue_country or f"{place}, where the report is datelined"
            return meeting.venue_country or place, f"{person.name} met the report's principal in {where}"
        return None, ""

    if publisher and principal is not None:
        # The report's principal (its first-named official, named or by title alone), given no
        # country anywhere, is its publisher's own official; not an organization's (NATO's
        # Secretary General on a government's site).
        for meeting in draft.meetings:
            for person in meeting.attendees:
                is_principal = (person_key(person.name) == principal_key if person.name and principal_key
                                else not person.name and not principal.name and person.role == principal.role)
                if is_principal and not person.country and not offices.serves_organization(person.name, person.role,
                                                                                            any_order):
                    person.country, person.country_by = publisher, rules.PUBLISHER
                    meeting.evidence.setdefault("country", f"the report's principal is of its publisher, {draft.source}")
    _national_bodies(draft)
    guesses: tuple[tuple[Rule, Guess], ...] = (
        (rules.NAMED_PAIR, named_pair), (rules.VISIT_HOST, host_of_visit), (rules.PRINCIPAL_HOST, host_of_principal))
    _organization_hosts(draft)
    for rule, guess in guesses:
        for meeting in draft.meetings:
            if meeting.kind not in ("bilateral", "call"):
                continue
            for person in meeting.attendees:
                others = {a.country for a in meeting.attendees if a is not person and a.country}
                other = others.pop() if len(others) == 1 else None
                # An organization's official (NATO's Secretary General, the EU's High Representative) is
                # of no country, whatever the pair, the host or the place.
                if (person.name or person.role) and not person.country and other \
                        and not offices.serves_organization(person.name, person.role, any_order):
                    country, why = guess(meeting, person, other)
                    if country and country != other:
                        person.country, person.country_by = country, rule
                        meeting.evidence.setdefault("country", why)
        complete_all(draft)
    if publisher:
        _publisher_side(draft, publisher)
    for meeting in draft.meetings:
        meeting.retitle()


def _national_bodies(draft: Draft) -> None:
    """An attendee of no country said whose title, or the apposition just after the name, names an
    institution only one country has ("Mike O'Brien, Minister of State, Department of Energy and
    Climate Change", "General Secretary of the Bharatiya Janata Party"), is of that country."""
    for meeting in draft.meetings:
        for person in meeting.attendees:
            if person.country or not (person.name or person.role) or \
                    offices.serves_organization(person.name, person.role, any_order):
                continue
            after = ""  # the apposition of a title after the name, only: not where the sentence goes on
            if person.found_by is rules.NAME_THEN_TITLE and person.name and f"{person.name}," in person.sentence:
                after = re.split(r"[;.(]|,\s*(?=[a-z])", person.sentence.split(person.name, 1)[1], maxsplit=1)[0][:120]
            found = places.national_body(f"{person.role or ''} {after}")
            if found:
                person.country, person.country_by = found, rules.NATIONAL_BODY
                meeting.evidence.setdefault("country", f"{person.name or person.role}: {person.role or after.strip()}")


def _organization_hosts(draft: Draft) -> None:
    """In a meeting of an organization's officials with one official of no country said, at a place
    in a country (not a call, not at a named event), that official is the host, of that country."""
    for meeting in draft.meetings:
        if meeting.kind != "bilateral" or not meeting.venue_country or meeting.sideline_of or meeting.organization:
            continue
        serving = [offices.serves_organization(a.name, a.role, any_order) for a in meeting.attendees]
        if any(a.country for a in meeting.attendees) or not any(serving) or serving.count(False) != 1:
            continue
        host = meeting.attendees[serving.index(False)]
        if host.role and not POSTED_ABROAD.search(host.role):
            host.country, host.country_by = meeting.venue_country, rules.ORGANIZATION_HOST
            meeting.evidence.setdefault("country", f"{host.name or host.role} met an organization's official in "
                                                   f"{meeting.venue_country}")


def publishers_own(draft: Draft, body: str) -> None:
    """A cued official the report gives no country anywhere, nor the list of office holders, at a
    meeting with another country's official, on a government's own site (which writes its guests'
    countries): its own official."""
    publisher = places.publisher_country(draft.source) or places.original_publisher_country(body)
    for meeting in draft.meetings if publisher else []:
        countries = {a.country for a in meeting.attendees if a.country}
        if not countries or publisher in countries or meeting.kind not in ("bilateral", "call"):
            continue  # (only where the publisher's own side is otherwise missing from its meeting)
        for person in meeting.attendees:
            if person.name and not person.country and person.found_by not in _UNCUED \
                    and not offices.serves_organization(person.name, person.role, any_order) \
                    and not _organization_beside(person):
                person.country, person.country_by = publisher, rules.PUBLISHER_SIDE
    complete_all(draft)


_UNCUED = (rules.GIVEN_NAME, rules.FRAME_OBJECT, rules.FRAME_SUBJECT)


def _publisher_side(draft: Draft, publisher: str) -> None:
    """A cued official without a country, in a meeting whose every attendee with a country is of
    the publisher's (one of them named: "the Minister met the Chairs of the Foreign Affairs
    Committee"), is the publisher's own official; not an organization's."""
    for meeting in draft.meetings:
        countries = {a.country for a in meeting.attendees if a.country}
        if countries != {publisher} or not any(a.name and a.country for a in meeting.attendees):
            continue
        for person in meeting.attendees:
            # A cued official only: a name alone ("Aiko and I had a discussion") may be the other side's.
            if person.name and person.found_by not in _UNCUED and not person.country \
                    and not offices.serves_organization(person.name, person.role, any_order) \
                    and not _organization_beside(person):
                person.country, person.country_by = publisher, rules.PUBLISHER_SIDE
                meeting.evidence.setdefault("country", f"{person.name} met officials of the publisher's country only")
    complete_all(draft)


def _organization_beside(person: Mention) -> bool:
    """Whether an organization is named beside a person ("Ana Quispe, EU Commissioner"): in their own
    item of a list (between semicolons), not where it is only where they are posted ("Permanent
    Representative to the United Nations")."""
    text, at = person.sentence, person.sentence.find(person.name or "\0")
    if at >= 0 and ";" in text:
        text = text[text.rfind(";", 0, at) + 1:(text.find(";", at) + 1 or len(text) + 1) - 1]
    text = re.sub(r"\bto the(?: [A-Z][\w-]*)+", "", re.sub(r"\s+", " ", text))
    return places.organization(text) is not None or offices.names_organization_body(text)


_AND_TITLE = re.compile(r",?\s+and\s+(?:the\s+)?(?:[A-Z][\w’'-]*\s+){1,6}")


def delegations(draft: Draft) -> None:
    """An official without a country named after "and" and a title right after one whose country
    is known ("meetings with Prime Minister Narendra Modi and National Security Advisor Ajit Doval")
    is of that one's country, as when it is written before the first ("Japanese ... and ...")."""
    by_sentence: dict[str, list[Mention]] = {}  # (one meeting each, as separate meetings are)
    for attendee in (a for m in draft.meetings for a in m.attendees if a.name and a.country):
        by_sentence.setdefault(attendee.sentence, []).append(attendee)
    for meeting in draft.meetings:
        for person in meeting.attendees:
            if not person.name or person.country or person.found_by is not rules.TITLED or person.role in titles.LEADERS:
                continue  # (a leader after "and" may be another country's: "Minister X of Peru and President Y")
            text = person.sentence
            at = text.find(person.name)
            before = [a for a in by_sentence.get(text, []) if 0 <= text.find(a.name or "") < at]
            if not before:
                continue
            last = max(before, key=lambda a: text.find(a.name or ""))
            gap = text[text.find(last.name or "") + len(last.name or ""):at]
            if _AND_TITLE.fullmatch(gap) and not places.demonyms().keys() & set(gap.split()) \
                    and not offices.serves_organization(person.name, person.role, any_order):
                person.country, person.country_by = last.country, rules.DELEGATION
                meeting.evidence.setdefault("country", f"{person.name} is named after {last.name}, of {last.country}")
    complete_all(draft)
