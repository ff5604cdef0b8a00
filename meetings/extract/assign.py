"""Attendee assignment, sentence by sentence: which sentence makes which meeting, and who of the
people it names attends it. Each sentence is offered to the sentence rules in order; the first
that takes it ends its reading. The state they share (the report's principal, the last meeting,
the current event, the people introduced so far) is an explicit context."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from meetings.extract import frames, offices, places, rules
from meetings.extract.dates import sentence_date
from meetings.extract.draft import Draft, DraftMeeting
from meetings.extract.events import event_for
from meetings.extract.listed import listed_names
from meetings.extract.mentions import Mention, any_order, mentions, person_key, position
from meetings.extract.names import (
    addressed,
    as_the,
    attendance_list,
    counterparts_by_country,
    counterparts_named,
    frame_object,
    frame_subject,
    guests,
    known_mentions,
    partner_of_i,
    takes_office,
)
from meetings.extract.recalled import recalled
from meetings.extract.report import BULLET, SPEAKER_LABEL
from meetings.extract.speakers import speaker, vocative


@dataclass
class Context:
    draft: Draft
    dateline: str | None
    principal: Mention | None = None
    last_meeting: DraftMeeting | None = None
    current_event: DraftMeeting | None = None
    events: dict[str, DraftMeeting] = field(default_factory=dict)
    known: dict[str, Mention] = field(default_factory=dict)  # full-name key and surname -> first cued mention
    # The values of `known` in its order, by role and by the first word of a name of two or more
    # (what named() and given_name() look through: a long report names thousands).
    known_by_role: dict[str | None, list[Mention]] = field(default_factory=dict)
    known_by_given: dict[str, list[Mention]] = field(default_factory=dict)
    known_longest: int = 0  # the most words a key of `known` has
    intro: str | None = None  # "X held bilateral meetings with visiting ministers:" before a list
    upgraded: bool = False  # the principal, a surname alone at first, replaced by a full name
    speaker: Mention | None = None  # in a transcript, the official whose turn it is (None: a journalist's)
    speakers: list[Mention] = field(default_factory=list)  # every official who speaks, in order
    addressed: list[tuple[Mention, Mention]] = field(default_factory=list)  # (speaker, the official addressed)
    # In a statement without speaker labels, the officials it opens by addressing ("Secretary Blinken,").
    hearers: list[Mention] = field(default_factory=list)
    present: list[Mention] = field(default_factory=list)  # those said to attend before any meeting is told
    vocatives: list[Mention] | None = None  # addressed in the lines just read, before the text says "you"
    spoken_to: set[str] = field(default_factory=set)  # named in a sentence opening "Your Excellency, ..."

    def named(self, mention: Mention) -> Mention:
        """A title alone ("the Prime Minister") as the person of that title the report named: its
        principal if the title is theirs, else the only one named with it; unnamed otherwise. A
        surname alone ("Minister Hamada") as the person of that surname named before."""
        if mention.name and mention.found_by is rules.TITLED_SURNAME:
            full = self.known.get(person_key(mention.name)) or self.given_name(mention.name)
            if full is not None and full.name and len(full.name.split()) > 1:
                return full.copy(sentence=mention.sentence, chair=False, visiting=False, found_by=rules.TITLED_SURNAME,
                                 country=full.country or mention.country, role=full.role or mention.role)
            return mention
        if mention.name or not mention.role:
            return mention
        holders = {person_key(m.name or ""): m for m in self.known_by_role.get(mention.role, ()) if m.name
                   and (not mention.country or m.country in (None, mention.country))}
        principal = self.principal
        if principal and principal.name and person_key(principal.name) in holders:
            person = principal
        elif len(holders) == 1:
            person = next(iter(holders.values()))
        else:
            return mention
        return person.copy(sentence=mention.sentence, chair=False, visiting=False, found_by=rules.TITLE_BACK)

    def given_name(self, word: str) -> Mention | None:
        """The one person named in full with this given name ("FM Don" for Don Pramudwinai)."""
        full = {person_key(m.name or ""): m for m in self.known_by_given.get(word, ())}
        return next(iter(full.values())) if len(full) == 1 else None

    def remember(self, key: str, mention: Mention) -> None:
        """Know a mention by a key (its name's, or a surname), unless one is known by it already."""
        if key in self.known:
            return
        self.known[key] = mention
        self.known_longest = max(self.known_longest, key.count(" ") + 1)
        self.known_by_role.setdefault(mention.role, []).append(mention)
        if mention.name and len(mention.name.split()) > 1:
            self.known_by_given.setdefault(mention.name.split()[0], []).append(mention)

    def date(self, sentence: str) -> tuple[str | None, rules.Rule]:
        date, expression = sentence_date(sentence, self.draft.published, self.dateline)
        return date, rules.DATE_IN_SENTENCE if expression else rules.REPORT_DATE


@dataclass
class Sentence:
    text: str
    people: list[Mention]
    event: DraftMeeting | None  # the named event this sentence is about, if any
    bullet: bool


SentenceRule = Callable[[Context, Sentence], bool]
# A sentence that opens by addressing someone ("Your Excellency, Secretary Pompeo, ...").
ADDRESSING = re.compile(r"\s*(?:Your (?:Excellency|Excellencies|Majesty|Highness|Royal Highness)|Excellenc(?:y|ies))\b")
FIRST_PERSON = re.compile(r"\b(?:I|I've|I'd|my|My|we|We|our|Our)\b")


def future(context: Context, sentence: Sentence) -> bool:
    if frames.FUTURE.search(sentence.text):
        context.draft.skipped.append((rules.NOT_FUTURE, sentence.text))
        return True
    return False


def founding(context: Context, sentence: Sentence) -> bool:
    match = frames.FOUNDING.search(sentence.text)
    if not match:
        return False
    kind, city, year, role, countries = match.groups()
    organization = places.organization(sentence.text)
    meeting = DraftMeeting(key=f"{(organization or 'founding').lower()}-founding-{kind}",
                           title=f"{organization + ' founding ' if organization else 'Founding '}{kind}",
                           kind="summit" if kind == "summit" else "multilateral", date=year, organization=organization)
    found = places.city_country(city)
    if found:
        meeting.venue, meeting.venue_country = city, found
    for part in re.split(r",\s*|\s+and\s+", countries):
        country = places.country(part)
        if country:
            meeting.attend(Mention(name=None, country=country, role=role.capitalize(), rank=None,
                                   sentence=sentence.text, found_by=rules.FOUNDING), by=rules.FOUNDING)
    meeting.note("attendees", sentence.text, rules.FOUNDING)
    context.draft.meetings.append(meeting)
    return True


def chair(context: Context, sentence: Sentence) -> bool:
    """Notes the chair of the event; never takes the sentence."""
    chaired = sentence.event or context.current_event
    if chaired is not None and re.search(r"\bchair(?:s|ed|ing)?\b|\b[Cc]hairmanship\b", sentence.text) \
            and sentence.people:
        chaired.attend(sentence.people[0], chair=True, by=rules.CHAIR)
        chaired.note("chair", sentence.text, rules.CHAIR)
        context.last_meeting = chaired  # who else attended may follow ("in attendance were ...")
    return False


def attending(context: Context, sentence: Sentence) -> bool:
    if sentence.event is None or not frames.ATTENDING.search(sentence.text) or not sentence.people:
        return False
    for mention in sentence.people:
        sentence.event.attend(mention, by=rules.ATTENDING)
    sentence.event.note("attendees", sentence.text, rules.ATTENDING)
    context.last_meeting = sentence.event
    # "Mr. Abe received a courtesy call from Mr. Peters, who is visiting Japan to attend the PALM": a meeting too.
    match = frames.frame_match(sentence.text)
    return match is None or match.start() > frames.ATTENDING.search(sentence.text).start()  # type: ignore[union-attr]


def refers_back(context: Context, sentence: Sentence) -> bool:
    lower = sentence.text.lower()
    match = frames.REFERS_BACK.search(sentence.text) if any(w in lower for w in frames.REFERS_BACK_WORDS) else None
    also = frames.ALSO_ATTENDED.search(sentence.text) if match is None and "also" in lower else None
    if also is not None and context.last_meeting is not None:
        before = [p for p in sentence.people if p.name and position(sentence.text, p) < also.start()]
        if before:
            return _join_last(context, before, sentence)
    if match is None:
        return False
    people = attendance_list(sentence.text, match.end(), sentence.people)
    if not people:
        return False
    context.draft.people.extend(p for p in people if p.found_by is rules.LISTED)
    if context.last_meeting is None:
        # "On the Russian side, the meeting was attended by ..." before a transcript: at the occasion it records.
        context.present += people
        return True
    return _join_last(context, people, sentence)


def _join_last(context: Context, people: list[Mention], sentence: Sentence) -> bool:
    """Those a sentence names join the meeting just told (REFERS_BACK)."""
    assert context.last_meeting is not None
    for mention in people:
        context.last_meeting.attend(mention, by=rules.REFERS_BACK)
    context.last_meeting.note("host", sentence.text, rules.REFERS_BACK)
    return True


_QUOTE_OPENS = re.compile(r":\s*[“\"]|:\s+(?=[A-Z])|[“\"]")


def _after_speaker(sentence: Sentence) -> list[Mention]:
    """The people of a sentence but its speaker: in "Gen. Pat Ryder: “Secretary Austin called ..."
    the one who reads the readout out before the colon or quotation mark is not at the meeting."""
    match = frames.frame_match(sentence.text)
    opens = [m.end() for m in _QUOTE_OPENS.finditer(sentence.text) if match and m.end() <= match.start()]
    if not opens:
        return list(sentence.people)
    return [p for p in sentence.people if position(sentence.text, p) >= opens[-1] or not p.name]


# "He also had a meeting with A; with B", "In addition, she met A and B": a pronoun for the report's principal.
_PRONOUN = re.compile(r"^(?:[^,]{0,60},\s*)?(?:he|she)\b", re.IGNORECASE)


def _pronoun_subject(sentence: Sentence) -> bool:
    """Whether the sentence's subject is "he" or "she" before its meeting verb, all it names after it."""
    match, at = _PRONOUN.match(sentence.text), frames.frame_match(sentence.text)
    companion = frames.ACCOMPANIED.search(sentence.text)  # "he accompanied President X in meetings with ..."
    after = companion.end() if companion and at and companion.end() <= at.start() else at.start() if at else 0
    return bool(match and at and match.end() <= at.start()
                and all(position(sentence.text, p) >= after for p in sentence.people))


def meeting_frame(context: Context, sentence: Sentence) -> bool:
    """A meeting verb or noun and two or more people: a meeting of them, the report's principal
    as its subject when the sentence names only the other side."""
    frame = frames.frame(sentence.text)
    if frame is None or not (sentence.people or sentence.bullet):
        return False
    if context.last_meeting is not None and frames.DURING_IT.match(sentence.text):
        return False  # "During the meeting, X praised the relationship between A and B": the meeting just told
    participants = _after_speaker(sentence)
    # In a transcript, "I" and "we" are the official whose turn it is.
    principal = context.speaker if context.speaker is not None and FIRST_PERSON.search(sentence.text) \
        else context.principal
    principal_key = person_key(principal.name or "") if principal else None
    if (principal and frame.principal and (sentence.bullet or (len(participants) == 1 and principal_key
                                           != person_key(participants[0].name or "")) or _pronoun_subject(sentence))
            and all(person_key(p.name or "") != principal_key for p in participants)):
        participants.insert(0, principal.copy(sentence=sentence.text, found_by=rules.PRINCIPAL))
    elif len(participants) == 1 and context.speaker is None and (
            (principal is None and FIRST_PERSON.search(sentence.text))
            or (principal_key == person_key(participants[0].name or "") and frames.WITH_ME.search(sentence.text)
                and not frames.QUOTATION.search(sentence.text))):
        # "Anthony and I had a discussion" in a report that names its speaker nowhere, "Secretary Pompeo and I
        # met" where the one named is the report's principal: "I" is its publisher's official.
        participants.insert(0, Mention(name=None, country=places.publisher_country(context.draft.source), role=None,
                                       rank=None, sentence=sentence.text, found_by=rules.PRINCIPAL))
    named = [p for p in participants if p.name]
    by_country = counterparts_by_country(sentence.text) if named else []
    if by_country and (len(named) == 1 or any(m.name for m in by_country)):
        listed = {person_key(m.name) for m in by_country if m.name}
        participants = [named[0], *by_country, *(p for p in named[1:] if person_key(p.name or "") not in listed)]
    else:
        by_country = []
    if len(participants) == 1 and participants[0].name and frames.GROUP.search(sentence.text):
        # "Defence Secretary Ben Wallace met NATO Defence Ministers": one named person and a group.
        meeting = DraftMeeting(key=f"group-meeting-{len(context.draft.meetings) + 1}", kind="multilateral",
                               date=context.date(sentence.text)[0], venue=places.place(sentence.text)[0],
                               venue_country=places.place(sentence.text)[1])
        meeting.attend(participants[0], by=rules.GROUP)
        meeting.note("attendees", sentence.text, rules.GROUP)
        context.draft.meetings.append(meeting)
        context.last_meeting = meeting
        return True
    if len(participants) < 2:
        return False
    subject, others = participants[0], participants[1:]
    # "he accompanied President Piñera in bilateral meetings with A; with B": the one accompanied is a subject too.
    companion, at = frames.ACCOMPANIED.search(sentence.text), frames.frame_match(sentence.text)
    side = [subject, *(others[:1] if companion and at and others and (subject.found_by is rules.PRINCIPAL or position(
        sentence.text, subject) < companion.start()) and companion.end() <= position(sentence.text, others[0]) < at.start()
                       else [])]
    if frame.name == "accompanied-by" and len({p.country for p in participants if p.country}) < 2 and not any(
            offices.serves_organization(p.name, p.role, any_order) for p in participants):
        # One delegation: "Dr. Mathuki was accompanied by the Speaker, X" joins the meeting just told; "The
        # Prime Minister is accompanied by the Minister of Foreign Affairs" on a journey is no meeting.
        return context.last_meeting is not None and _join_last(context, participants, sentence)
    separate = frames.SEPARATE.search(sentence.text) or by_country
    groups = [[*side, other] for other in participants[len(side):]] if separate else [participants]
    made_by = rules.LIST_ITEM if sentence.bullet else rules.SEPARATE if separate else rules.FRAME
    for group in groups:
        date, date_rule = context.date(sentence.text)
        same_day = frames.SAME_DAY.search(sentence.text)
        if date_rule is rules.REPORT_DATE and same_day and context.last_meeting is not None:
            date, date_rule = context.last_meeting.date, rules.SAME_DAY
        venue, venue_country = places.place(sentence.text)
        venue_rule = rules.VENUE_IN_SENTENCE
        if venue is None and sentence.event is not None:
            venue, venue_country, venue_rule = sentence.event.venue, sentence.event.venue_country, rules.EVENT_VENUE
        countries = list(dict.fromkeys(p.country for p in group if p.country))
        kind = "call" if frame.kind == "call" or frames.CALL.search(sentence.text) else (
            "bilateral" if len(countries) <= 2 else "multilateral")
        key = "-".join(re.sub(r"[^a-z]+", "-", c.lower()).strip("-") for c in countries) or "meeting"
        meeting = DraftMeeting(key=f"{key}-{kind}-{len(context.draft.meetings) + 1}", kind=kind, date=date,
                               venue=venue, venue_country=venue_country, auto_title=True)
        for person in group:
            meeting.attend(person, by=made_by)
        meeting.retitle()
        meeting.note("attendees", sentence.text, made_by)
        meeting.note("kind", sentence.text, rules.Rule(frame.name, "kind", "the frame's meeting verb or noun"))
        meeting.note("date", sentence.text if date_rule is rules.DATE_IN_SENTENCE else f"the report's date, {date}",
                     date_rule)
        if venue or venue_country:
            meeting.note("venue", sentence.text, venue_rule)
        if sentence.event is not None and frames.SIDELINES.search(sentence.text):
            meeting.sideline_of = sentence.event.key
            meeting.note("sideline_of", sentence.text, rules.SIDELINES)
        context.draft.meetings.append(meeting)
        context.last_meeting = meeting
    return True


def topics(context: Context, sentence: Sentence) -> bool:
    found = frames.topics(sentence.text)
    target = sentence.event if sentence.event is not None and frames.REFERS_TO_EVENT.search(sentence.text) \
        else context.last_meeting
    if found and target is not None and not frames.QUOTED.search(sentence.text.split(",")[0]):
        for topic in found:
            topic = re.sub(r"\s+at the (?:conclave|meeting|summit)$", "", topic)
            if topic not in target.topics:
                target.topics.append(topic)
        target.note("topics", sentence.text, rules.TOPIC)
    return True


# Offered in this order after future() and founding(), which run before the sentence's event is known.
SENTENCE_RULES: tuple[SentenceRule, ...] = (chair, attending, refers_back, recalled, meeting_frame, topics)


def hear(context: Context, text: str) -> None:
    """In a statement without speaker labels, the officials addressed in the lines that open it
    ("Secretary Blinken,", "Prime Minister Trudeau, Justin,"), once the text says "you" to them."""
    called = vocative(text)
    if called is not None:
        context.vocatives = (context.vocatives or []) + [context.named(m) for m in called]
    elif context.vocatives is not None:
        if re.search(r"\b(?:you|your)\b", text, re.IGNORECASE):
            context.hearers += context.vocatives
        context.vocatives = None


def read_sentence(context: Context, text: str) -> None:
    """Offer one sentence (or list item) to the sentence rules."""
    if BULLET.match(text) and context.intro and frames.frame(text) is None:
        # A list item under an introducing sentence reads as that sentence about this item.
        text = f"{context.intro} {BULLET.sub('', text)}"
    elif not BULLET.match(text):
        context.intro = text.rstrip(":") if text.endswith(":") and (
            frames.frame(text) or frames.REFERS_BACK.search(text)) else None
    label = SPEAKER_LABEL.match(text)
    heard: list[Mention] = []
    if label:
        # A transcript's speaker label: a new turn, an official's (who may address others) or not.
        said = speaker(label.group("label"))
        context.speaker = context.named(said) if said is not None else None
        if context.speaker is not None:
            heard = [context.speaker]
            context.speakers.append(context.speaker)
        text = text[label.end():].strip()
    found = [context.named(m) for m in as_the(text, mentions(text))]
    found += frame_subject(text, found)
    found += frame_object(text, found)
    found += counterparts_named(text, found)
    found += takes_office(text, found)
    found += listed_names(text, found, context.draft.published.isoformat() if context.draft.published else None)
    if not context.speakers:
        hear(context, text)
    if context.speaker is not None:
        for person in addressed(text) + guests(text):
            person = context.named(person)
            if person.name and context.speaker.name and person_key(person.name) == person_key(context.speaker.name):
                person = Mention(name=None, country=None, role=person.role, rank=None, sentence=text,
                                 found_by=rules.ADDRESSED)  # "Prime Minister," said to the other one
            context.addressed.append((context.speaker, person))
    for mention in heard + found:
        key = person_key(mention.name or "")
        if key:
            words = key.split()
            context.remember(key, mention)
            # A surname to find the person by later: the last word, or a family name written in capitals first.
            family = next((w for w in (mention.name or "").split() if w.isupper() and len(w) > 1), None)
            for surname in {words[-1], *(person_key(family).split() if family else [])}:
                if len(surname) > 2 and len(words) > 1:
                    context.remember(surname, mention)
    found += known_mentions(text, found, context.known, context.known_longest)
    found += partner_of_i(text, found, context.known)
    found.sort(key=lambda m: position(text, m))
    context.draft.people.extend(heard + found)
    named_here = heard + found  # a speaker label names its speaker first
    if ADDRESSING.match(text):
        # "Your Excellency, Secretary Pompeo, ...": those named are spoken to, never the report's principal.
        context.spoken_to |= {person_key(m.name) for m in named_here if m.name}
    named_here = [m for m in named_here if not m.name or person_key(m.name) not in context.spoken_to]
    first_person = FIRST_PERSON.search(text.split(found[0].name.split()[0])[0]) \
        if found and found[0].name and not heard else None
    if first_person:
        pass  # "I welcomed Minister X": the report's speaker, not X, is its principal
    elif context.principal is None or (context.principal.found_by is rules.TITLED_SURNAME and not context.upgraded):
        # The first person named; a surname alone ("Prime Minister Crest" in a page's furniture) gives
        # way once to the first full name.
        named_here = [m for m in named_here if m.found_by is not rules.GIVEN_NAME]  # "Anthony and I": not the speaker
        first = next((m for m in named_here if m.found_by is not rules.TITLED_SURNAME), None)
        at = frames.frame_match(text)
        if named_here and named_here[0] is not first and at and position(text, named_here[0]) < at.start() \
                and not frames.WITH_ME.search(text):  # (not "Prime Minister Albanese and I agreed": "I" is)
            # "Prime Minister Trudeau holds ... with NATO Secretary General Jens Stoltenberg": the subject, for good.
            first, context.upgraded = named_here[0], True
        if context.principal is None:
            context.principal = first or next(iter(named_here), None)
        elif first is not None:
            context.principal, context.upgraded = first, True
    elif context.principal.found_by in (rules.TITLED_SURNAME, rules.FRAME_SUBJECT) and context.principal.name:
        # The subject's surname ("Chancellor Muñoz meets ...", "Johnson Smith meets ...") is the full name given
        # later ("Heraldo Muñoz", "Kamina Johnson Smith").
        surname, size = person_key(context.principal.name), len(context.principal.name.split())
        context.principal = next((m for m in named_here if m.name and len(m.name.split()) > max(size, 1)
                                  and set(surname.split()) <= set(person_key(m.name).split())), context.principal)
    elif not context.principal.name and context.principal.role:
        # A headline's title alone ("Minister of Foreign Affairs holds ...") is the first named holder of that title.
        context.principal = next((m for m in named_here if m.name and m.role == context.principal.role
                                  and m.country in (None, context.principal.country)), context.principal)
    if not text:
        return
    if context.speaker is not None and FIRST_PERSON.search(text) and context.speaker.name and all(
            person_key(m.name or "") != person_key(context.speaker.name) for m in found):
        # "I attended ...", "we met ...": in a transcript, the official whose turn it is.
        found.insert(0, context.speaker.copy(sentence=text, chair=False, visiting=False))
    sentence = Sentence(text=text, people=found, event=None, bullet=bool(BULLET.match(text)))
    if future(context, sentence) or founding(context, sentence):
        return
    name = frames.named_event(text)
    sentence.event = event_for(context, name, text) if name else None
    if sentence.event is not None:
        context.current_event = sentence.event
    elif context.current_event is not None and frames.REFERS_TO_EVENT.search(text):
        sentence.event = context.current_event
    for rule in SENTENCE_RULES:
        if rule(context, sentence):
            return
