"""A transcript's or a statement's occasion as a meeting: the officials who speak and those they
address, at the occasion the report records."""

from __future__ import annotations

from meetings.extract import places, rules
from meetings.extract.assign import Context
from meetings.extract.draft import DraftMeeting
from meetings.extract.mentions import Mention, person_key


def occasion(context: Context) -> None:
    """A transcript's occasion as a meeting: the officials who speak, the report's principal and
    those the speakers address, on the report's date, when they are two or more."""
    people: list[Mention] = []
    seen: set[str] = set()
    # The report's principal too: a transcript its own office publishes is of an occasion they are at.
    principal = [context.principal] if context.principal is not None and context.principal.name else []
    for mention in [*context.speakers, *principal, *(person for _, person in context.addressed), *context.present]:
        key = person_key(mention.name) if mention.name else f"role:{mention.role}"
        if key not in seen:
            seen.add(key)
            people.append(mention)
    # An unnamed addressee ("Prime Minister,") is dropped where a named official other than the one
    # who addressed them holds that title.
    def named_holder(role: str | None, by: Mention) -> bool:
        return any(p.name and p.role == role and p.name != by.name for p in people)

    people = [p for p in people if p.name or not any(named_holder(p.role, by) for by, a in context.addressed if a is p)]
    if not context.speakers and any(p.name for p in context.hearers):
        people = _statement(context)
    elif len(people) < 2 or not context.speakers:
        return
    countries = list(dict.fromkeys(p.country for p in people if p.country))
    meeting = DraftMeeting(key=f"transcript-occasion-{len(context.draft.meetings) + 1}",
                           kind="bilateral" if len(countries) <= 2 else "multilateral",
                           date=context.draft.published.isoformat() if context.draft.published else None,
                           auto_title=True)
    for person in people:
        meeting.attend(person, by=rules.OCCASION)
    meeting.retitle()
    meeting.note("attendees", (context.speakers or context.hearers)[0].sentence, rules.OCCASION)
    meeting.note("date", f"the report's date, {meeting.date}", rules.REPORT_DATE)
    context.draft.meetings.insert(0, meeting)


def _statement(context: Context) -> list[Mention]:
    """A statement's occasion: the officials it addresses ("Secretary Blinken, It is a great pleasure to
    welcome you") and the one who speaks: the report's principal, or where the principal is among
    those addressed, of another country than the publisher's or named nowhere, the publisher's official unnamed."""
    hearers = list({person_key(m.name) if m.name else f"role:{m.role}": m for m in context.hearers}.values())
    principal, publisher = context.principal, places.publisher_country(context.draft.source)
    if principal is None or (principal.name and person_key(principal.name) in {person_key(m.name or "") for m in hearers}) \
            or (publisher and principal.country and principal.country != publisher):
        principal = Mention(name=None, country=publisher, role=None, rank=None,
                            sentence=hearers[0].sentence, found_by=rules.PRINCIPAL)
        context.principal = principal  # the one who speaks, not one spoken to, is the report's principal
    return [principal, *hearers]
