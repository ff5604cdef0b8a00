"""Passes that take officials from the list of office holders (``data/office_holders.csv``, read by
``offices``): the country of an office a person named in full held, and the person who held an
office the report names by title or surname alone."""

from __future__ import annotations

from meetings.extract import offices, rules
from meetings.extract.draft import Draft
from meetings.extract.mentions import any_order, person_key


def office_countries(draft: Draft) -> None:
    """An official named in full without a country gets the country whose office they held (the
    list of office holders): before the guesses from pairs and the publisher, which it outranks."""
    for meeting in draft.meetings:
        date = meeting.date or (draft.published.isoformat() if draft.published else None)
        for person in meeting.attendees:
            if person.name and len(person.name.split()) > 1 and not person.country:
                country = offices.holder_country(person.name, date, person.role, any_order)
                if country:
                    person.country, person.country_by = country, rules.OFFICE_COUNTRY
                    meeting.evidence.setdefault("country", f"{person.name} held an office of {country}"
                                                           f"{' on ' + date if date else ''}, from the list of office holders")


def office_holders(draft: Draft) -> None:
    """An official the report names by title alone ("The Prime Minister", with the country the
    report gives or its publisher's) or by surname alone ("President Biden"): the one person who
    held that office of that country or organization on the meeting's date, from the list of
    office holders (``data/office_holders.csv``). Nobody is named where the list has no one; a
    surname the list names no one for gets the country of the one holder of that surname that day."""
    full_names: dict[str, set[str]] = {}  # a surname -> the full names the report writes with it
    for mention in draft.people + [a for m in draft.meetings for a in m.attendees]:
        if mention.name and len(mention.name.split()) > 1:
            for word in person_key(mention.name).split():
                full_names.setdefault(word, set()).add(mention.name)
    for meeting in draft.meetings:
        date = meeting.date or (draft.published.isoformat() if draft.published else None)
        changed = False
        for person in meeting.attendees:
            if not person.role and person.name and not person.country and person.found_by is rules.GIVEN_NAME:
                of = offices.holder_country(person.name, date, None, any_order)  # "Penny and I": by the date
                person.country, person.country_by = of, rules.OFFICE_COUNTRY if of else None
            if not person.role or (person.name and len(person.name.split()) > 1) or person.found_by is rules.BY_COUNTRY:
                continue  # (a group of counterparts by country may be led by deputies: left unnamed)
            of = person.country or offices.organization_of(person.sentence, draft.source)
            name = offices.holder(person.role, of, date, surname=person.name) if of else None
            written = full_names.get(person_key(name).split()[-1], set()) if name else set()
            if len(written) == 1 and any_order(written_name := next(iter(written))) == any_order(name or ""):
                name = written_name  # as the report spells the person ("HAYASHI Yoshimasa")
            if not name and person.name and not person.country:  # a surname alone: its country, by the date
                of = offices.holder_country(person.name, date, person.role, any_order)
                if of:
                    person.country, person.country_by = of, rules.OFFICE_COUNTRY
            if name:
                meeting.evidence.setdefault(f"name {name}", f"{person.role} of {of} on {date}: {name}, from the "
                                                            "list of office holders")
                person.name, person.found_by, changed = name, rules.OFFICE_HOLDER, True
        if changed:  # one attendee where the title and a name were one person
            attendees, meeting.attendees = meeting.attendees, []
            for attendee in attendees:
                meeting.attend(attendee, chair=attendee.chair, by=attendee.attended_by)
