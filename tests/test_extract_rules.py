"""Rules of meetings extract that real readouts needed: calls "held", talks in the singular, one
record for a multilateral told twice, one spelling of a person across meetings."""

import pytest

from meetings.extract import extract, person_key


def attendees(meeting):
    return {(person_key(a.name), a.country) for a in meeting.attendees if a.name}


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("Secretary of State Antony J. Blinken held separate calls on October 3 with Republic of Korea Foreign "
         "Minister Park Jin and Japanese Foreign Minister Hayashi Yoshimasa.", "call"),
        ("Foreign Minister Hayashi Yoshimasa held an informal talk with Australian Foreign Minister Penny Wong.",
         None),
        ("Secretary of State Antony J. Blinken had a phone call today with Japanese Foreign Minister Hayashi "
         "Yoshimasa.", "call"),
    ],
)
def test_held_calls_and_an_informal_talk_are_meetings(sentence, kind):
    from meetings.extract.frames import frame

    found = frame(sentence)
    assert found is not None and found.kind == kind
    assert extract(f"https://www.state.gov/readout\n\nOctober 3, 2022\n\n{sentence}\n").meetings


def test_a_multilateral_told_in_the_headline_and_the_body_is_one_record_with_one_spelling_each():
    draft = extract("https://www.state.gov/secretary-blinkens-trilateral-meeting\n\n"
                    "Secretary Blinken’s Trilateral Meeting with Japanese Foreign Minister Hayashi and Republic of "
                    "Korea Foreign Minister Park\n\n"
                    "Secretary of State Antony J. Blinken met today with Japanese Foreign Minister Hayashi Yoshimasa "
                    "and Republic of Korea Foreign Minister Park Jin in Bali, Indonesia. Secretary Blinken and Foreign "
                    "Minister Park reiterated their condolences to Foreign Minister Hayashi.\n")
    (meeting,) = draft.meetings
    assert attendees(meeting) == {("antony blinken", "United States"), ("hayashi yoshimasa", "Japan"),
                                  ("park jin", "South Korea")}
    assert len(meeting.attendees) == 3
