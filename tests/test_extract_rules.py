"""Rules of meetings extract that real readouts needed: calls "held", talks in the singular, one
record for a multilateral told twice, one spelling of a person across meetings."""

import datetime as dt

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


@pytest.mark.parametrize(("expression", "published", "day"), [
    ("on 28 April", dt.date(2023, 4, 28), "2023-04-28"),
    ("May 12", dt.date(2025, 1, 6), "2024-05-12"),  # the latest 12 May not after the report
    ("April 28th, 2023", None, "2023-04-28"),
    ("Sept. 5", dt.date(2023, 9, 30), "2023-09-05"),
    ("29 February", dt.date(2023, 4, 28), "2020-02-29"),  # back to a leap year
    ("yesterday", dt.date(2023, 3, 1), "2023-02-28"),
    ("today", dt.date(2023, 3, 1), "2023-03-01"),
    ("on Friday", dt.date(2023, 4, 28), "2023-04-28"),  # a Friday's report: that day
    ("on Monday", dt.date(2023, 4, 28), "2023-04-24"),
    ("on Monday", None, None),  # nothing to count back from
    ("28 April", None, None),
    ("31 April 2023", None, None),
])
def test_a_date_expression_is_the_latest_such_day_up_to_the_reports(expression, published, day):
    from meetings.extract.dates import sentence_date

    assert sentence_date(f"They met {expression}.", published, None)[0] == day


@pytest.mark.parametrize(("dateline", "day"), [
    ("28 April 2023", dt.date(2023, 4, 28)),
    ("April 28, 2023", dt.date(2023, 4, 28)),
    ("12/05/2023", dt.date(2023, 5, 12)),  # day first
    ("11/28/2024", dt.date(2024, 11, 28)),  # month first, where day first cannot be
    ("30/02/2023", None),
])
def test_the_dateline_is_read_day_first_where_it_can_be(dateline, day):
    from meetings.extract.dates import published_date

    assert published_date(f"https://example.org/news\n\n{dateline}\n\nThe ministers met.\n") == day
