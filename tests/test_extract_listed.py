"""A full name the list of office holders holds is a person without a title, rank or country in
front of it, with the office and country the list gives for the report's date."""

import pytest

from meetings.extract import extract, person_key
from meetings.extract.listed import listed_names
from meetings.extract.mentions import mentions


def found(sentence, date):
    return [(m.name, m.country, m.role, m.found_by.name) for m in listed_names(sentence, mentions(sentence), date)]


@pytest.mark.parametrize(
    ("sentence", "date", "expected"),
    [
        ("Sergey Lavrov said the talks were useful.", "2021-05-12",
         [("Sergey Lavrov", "Russia", "Minister of Foreign Affairs", "listed-name")]),  # another spelling of "Sergei"
        ("The Minister spoke of her talks with Josep Borrell.", "2021-05-12",
         [("Josep Borrell", None, "High Representative", "listed-name")]),  # an organization's official: no country
        ("Both sides welcomed WANG Yi's proposal.", "2024-02-01",
         [("WANG Yi", "China", "Minister of Foreign Affairs", "listed-name")]),  # family name first, a possessive
        ("Kassym-Jomart Tokayev said the talks were useful.", "2023-05-01",
         [("Kassym-Jomart Tokayev", "Kazakhstan", "President", "listed-name")]),  # a hyphenated given name
        ("Tran Dai Quang said the talks were useful.", "2017-05-01",
         [("Tran Dai Quang", "Vietnam", "President", "listed-name")]),  # "Trần Đại Quang" in plain letters
        ("Talks with the Islamic Republic of Iran Hossein Amir Abdollahian followed.", "2023-04-13",
         [("Hossein Amir Abdollahian", "Iran", "Minister of Foreign Affairs", "listed-name")]),  # "Amir" is no title here
        ("The Minister spoke of her talks with Josep Borrell.", "2025-03-01", []),  # no longer in office then
        ("The summit heard Moussa Faki Mahamat on Sudan.", "2020-02-09",
         [("Moussa Faki Mahamat", None, "Chairperson of the African Union Commission", "listed-name")]),
        ("Lavrov said the talks were useful.", "2021-05-12", []),  # a surname alone is not a full name
        ("A portrait of the late Shinzo Abe was unveiled.", "2016-05-01", []),  # spoken of, not present
        ("Foreign Minister Sergey Lavrov said the talks were useful.", "2021-05-12", []),  # found by its title already
        ("John Smith said the talks were useful.", "2021-05-12", []),  # not in the list
        ("The leaders met at the Narendra Modi Stadium.", "2023-03-09", []),  # a place named after a holder
    ],
)
def test_a_listed_full_name_without_a_cue_is_the_holder_of_the_office_on_the_reports_date(sentence, date, expected):
    assert found(sentence, date) == expected


def test_in_an_undated_report_a_listed_name_without_a_cue_is_no_one_the_list_can_tell():
    # Undated, "Nursultan Nazarbayev" in a greeting may be a former holder spoken of, not someone present.
    assert found("I convey greetings from our first President, Nursultan Nazarbayev.", None) == []
    assert found("Penny Wong said the talks were useful.", None) == []


def test_two_listed_names_holding_talks_are_a_meeting_of_the_two_with_their_countries():
    draft = extract("https://www.mfa.gov.sg/news/example\n\n3 March 2025\n\n"
                    "Vivian Balakrishnan and Penny Wong held talks in Canberra on the region.\n")
    (meeting,) = draft.meetings
    assert {(person_key(a.name), a.country, a.found_by.name) for a in meeting.attendees} == {
        ("vivian balakrishnan", "Singapore", "listed-name"), ("penny wong", "Australia", "listed-name")}


def test_forms_of_address_found_before_a_listed_name_are_no_part_of_it():
    sentence = "The Ambassador presented his credentials to His Highness Sheikh Nawaf Al-Ahmad Al-Jaber Al-Sabah, the Amir of Kuwait."
    found = mentions(sentence)
    listed_names(sentence, found, "2021-09-15")
    assert "Nawaf Al-Ahmad Al-Jaber Al-Sabah" in [m.name for m in found]


def test_a_name_of_two_words_keeps_both_though_the_first_is_a_form_of_address_elsewhere():
    sentence = "Prime Minister Sheikh Hasina met the delegation."
    found = mentions(sentence)
    listed_names(sentence, found, "2019-05-01")
    assert [m.name for m in found] == ["Sheikh Hasina"]
