"""Readouts whose people are written plainly: a subject named without a title before a meeting
verb, names with the letters of Turkish, Polish or Vietnamese, a date only in the page's address,
and the two sentence shapes the extraction issue names."""

import datetime as dt

import pytest

from meetings.extract import extract, person_key
from meetings.extract.dates import url_date


def attendees(meeting):
    return {(person_key(a.name), a.country) for a in meeting.attendees if a.name}


def test_a_minister_meeting_a_named_counterpart_on_the_margins_of_a_ministerial_is_a_meeting():
    draft = extract("https://www.defence.gov.au/news/example\n\n12 March 2024\n\n"
                    "Defence Minister Richard Marles met yesterday with Japanese Defence Minister Minoru Kihara "
                    "on the margins of the ADMM-Plus ministerial in Vientiane.\n")
    (meeting,) = draft.meetings
    assert attendees(meeting) == {("richard marles", "Australia"), ("minoru kihara", "Japan")}
    assert (meeting.date, meeting.venue) == ("2024-03-11", "Vientiane")


@pytest.mark.parametrize("opening", ["", "In line with an earlier agreement, "])
def test_a_name_without_a_title_calling_an_official_of_the_republic_of_a_country_is_a_call(opening):
    draft = extract("https://www.mfa.gov.sg/news/example\n\n3 March 2021\n\n"
                    f"{opening}Aiko Tanabe had a telephone conversation with the President of the Republic of Chile "
                    "Rafael Ortiz.\n")
    (meeting,) = draft.meetings
    assert meeting.kind == "call"
    assert attendees(meeting) == {("aiko tanabe", "Singapore"), ("rafael ortiz", "Chile")}
    (subject,) = [a for a in meeting.attendees if a.name == "Aiko Tanabe"]
    assert subject.found_by.name == "frame-subject-name"


@pytest.mark.parametrize("sentence", [
    "New Zealand and Japan held talks with Prime Minister Anthony Albanese.",
    "Buenos Aires hosted the talks of Prime Minister Anthony Albanese with the press.",
    "The Foreign Ministers met Prime Minister Anthony Albanese.",
])
def test_places_and_groups_before_a_meeting_verb_are_not_people(sentence):
    draft = extract(f"https://www.mfa.gov.sg/news/example\n\n3 March 2021\n\n{sentence}\n")
    named = {person_key(a.name) for m in draft.meetings for a in m.attendees if a.name}
    assert named <= {"anthony albanese"}


def test_names_with_letters_beyond_latin_1_are_names():
    draft = extract("https://www.mfa.gov.az/news/example\n\n10 October 2020\n\n"
                    "Minister of Foreign Affairs Jeyhun Bayramov had a telephone conversation with the Minister of "
                    "Foreign Affairs of the Republic Türkiye Mevlüt Çavuşoğlu.\n")
    (meeting,) = draft.meetings
    assert attendees(meeting) == {("jeyhun bayramov", "Azerbaijan"), (person_key("Mevlüt Çavuşoğlu"), "Türkiye")}


@pytest.mark.parametrize(("url", "day"), [
    ("https://www.gov.uk/government/news/pm-call-with-president-example-25-october-2022", dt.date(2022, 10, 25)),
    ("https://www.example.gov/briefing/march-3-2021-readout", dt.date(2021, 3, 3)),
    ("https://www.example.gov/news/2021/06/14/readout", dt.date(2021, 6, 14)),
    ("https://www.example.gov/news/item-32-may-2020", None),
    ("https://www.example.gov/news/10-downing-street", None),
])
def test_a_date_in_words_in_the_page_address_is_the_report_date(url, day):
    assert url_date(url) == day
