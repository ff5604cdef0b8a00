"""meetings extract on transcripts and press conferences: speaker labels name officials, the
officials who speak and those they address are at the occasion the transcript records, and "I"
in a turn is its speaker."""

import pytest
import yaml

from meetings.extract import extract, person_key
from meetings.extract.mentions import mentions
from meetings.extract.names import addressed
from meetings.extract.speakers import speaker


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("SECRETARY OF DEFENSE LLOYD J. AUSTIN III", ("Lloyd J. Austin III", "Secretary of Defense", "United States")),
        ("US SECRETARY OF DEFENSE, LLOYD J. AUSTIN III", ("Lloyd J. Austin III", "Secretary of Defense", "United States")),
        ("KOIZUMI SHINJIRO, JAPAN’S MINISTER OF DEFENSE (VIA TRANSLATOR)", ("Koizumi Shinjiro", "Minister of Defence", "Japan")),
        ("Penny Wong, Minister for Foreign Affairs", ("Penny Wong", "Minister of Foreign Affairs", None)),
        ("Richard Marles MP, Deputy Prime Minister", ("Richard Marles", "Deputy Prime Minister", None)),
        ("President of Russia Vladimir Putin", ("Vladimir Putin", "President", "Russia")),
        ("Mr. HAYASHI Yoshimasa, Minister for Foreign Affairs", ("HAYASHI Yoshimasa", "Minister of Foreign Affairs", None)),
        ("PRIME MINISTER SUNAK", ("Sunak", "Prime Minister", None)),
        ("PRIME MINISTER", (None, "Prime Minister", None)),
        ("Marise Payne", ("Marise Payne", None, None)),
        ("JOURNALIST", None),
        ("Q", None),
        ("Kyodo News, Ueda", None),
        ("Photo By", None),
        ("New Delhi", None),
        ("Subjects", None),
        ("UK PM and Canada’s Carney Hold Talks", None),
    ],
)
def test_a_speaker_label_names_an_official_or_nobody(label, expected):
    found = speaker(label)
    assert (found and (found.name, found.role, found.country)) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Well, Minister Hamada, it is an honour to welcome you to the Pentagon.", [("Hamada", "Minister")]),
        ("Good morning, Deputy Prime Minister Marles and Minister Hamada, It's great to see you both again.",
         [("Marles", "Deputy Prime Minister"), ("Hamada", "Minister")]),
        ("Mr Prime Minister, my friend.", [(None, "Prime Minister")]),
        ("Prime Minister Kishida, who appointed him last month, sends his regards.", []),
        ("It is great to be here in Tokyo.", []),
        ("Thank you all for coming.", []),
    ],
)
def test_the_officials_a_sentence_addresses(sentence, expected):
    assert [(m.name, m.role) for m in addressed(sentence)] == expected


def attendees(meeting):
    return {(person_key(a.name), a.country) for a in meeting.attendees if a.name}


def test_a_joint_transcript_is_a_meeting_of_its_speakers_and_those_they_address():
    draft = extract("https://www.defense.gov/News/Transcripts/remarks-welcoming-minister\n\n"
                    "May 3, 2024\n\n"
                    "SECRETARY OF DEFENSE LLOYD J. AUSTIN III: Well, Minister Kihara, it is an honour to welcome "
                    "you to Camp Smith. Our alliance is strong.\n"
                    "JAPANESE MINISTER OF DEFENSE KIHARA MINORU: Thank you, Secretary. I am glad to be here.\n"
                    "QUESTION: Minister Teodoro, will you comment?\n")
    occasions = [m for m in draft.meetings if m.rules.get("attendees") and m.rules["attendees"].name == "transcript-occasion"]
    assert len(occasions) == 1
    assert attendees(occasions[0]) == {("lloyd austin", "United States"), ("kihara minoru", "Japan")}
    assert occasions[0].date == "2024-05-03"


def test_a_press_conference_of_one_official_with_journalists_is_no_meeting():
    draft = extract("https://www.foreignminister.gov.au/minister/transcript/doorstop\n\n"
                    "Penny Wong, Minister for Foreign Affairs: Well, it is good to be here in Jakarta.\n"
                    "Journalist: Minister, what did you discuss?\n"
                    "Penny Wong, Minister for Foreign Affairs: Trade and the region.\n")
    assert draft.meetings == []


def test_i_in_a_turn_is_its_speaker_and_a_title_alone_addressed_is_the_other_side():
    draft = extract("http://en.kremlin.ru/events/president/transcripts/1\n\n"
                    "September 16, 2022\n\n"
                    "President of Russia Vladimir Putin: Mr Prime Minister, my friend. I welcome you to Samarkand.\n"
                    "I also met with President of Kazakhstan Kassym-Jomart Tokayev this morning.\n")
    people = [attendees(m) for m in draft.meetings]
    assert {("vladimir putin", "Russia"), ("kassym jomart tokayev", "Kazakhstan")} in people
    occasion = next(m for m in draft.meetings if m.rules["attendees"].name == "transcript-occasion")
    assert [(a.name, a.role) for a in occasion.attendees if not a.name] == [(None, "Prime Minister")]


def test_a_transcript_drafts_through_the_command(invoke, tmp_path):
    report = tmp_path / "remarks.txt"
    report.write_text("https://www.whitehouse.gov/briefing-room/speeches-remarks/2023/06/08/remarks\n\n"
                      "June 8, 2023\n\n"
                      "PRESIDENT BIDEN: Mr. Prime Minister, it's great to have you back.\n"
                      "PRIME MINISTER SUNAK: Mr. President, thank you for welcoming me to the White House.\n")
    document = yaml.safe_load(invoke("extract", str(report)).stdout)
    assert [sorted(a.get("name") or a["role"] for a in m["attendees"]) for m in document["meetings"]] \
        == [["Joe Biden", "Sunak"]]  # the President of the United States that day; Sunak has no country here


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("The Hon Richard Marles MP", [("Richard Marles", "honorific-name")]),
        ("H.E. Mr. Ali Bagheri Kani said", [("Ali Bagheri Kani", "honorific-name")]),
        ("The Hon. Penny Wong, Minister for Foreign Affairs", [("Penny Wong", "name-comma-title")]),
        ("Mr Carl Greenidge, Agent and Advisor on Borders", [("Carl Greenidge", "honorific-name")]),
        ("with Mrs. Immaculate Wambua of the ministry", [("Immaculate Wambua", "honorific-name")]),
        ("consultations with Dr Ibrahim Assane Mayaki.", [("Ibrahim Assane Mayaki", "honorific-name")]),
        ("Mr. Smith asked", []),  # one word after a courtesy title: no full name
        ("Dato' Seri Anwar Ibrahim said", []),  # a form of address that is not a courtesy title alone
        ("the Ambassador-Designate of the Kingdom of Belgium to Liberia, H. E. Mr. Michael Wimmer",
         [("Michael Wimmer", "titled-name")]),
    ],
)
def test_an_honorific_cues_a_name(sentence, expected):
    assert [(m.name, m.found_by.name) for m in mentions(sentence)] == expected


def test_a_journalist_named_with_a_courtesy_title_in_a_transcript_attends_nothing():
    draft = extract("https://www.state.gov/secretary-blinkens-joint-press-availability-with-hayashi/\n\n"
                    "January 7, 2023\n\nSECRETARY BLINKEN: Good afternoon. I met today with Foreign Minister "
                    "Hayashi in Washington.\n\nQUESTION: Mr. John Smith of Reuters. Mr. Secretary, what did you "
                    "discuss?\n\nMR PRICE: Next question, from Ms. Jane Doe of NHK.\n")
    names = [a.name for m in draft.meetings for a in m.attendees]
    assert "Blinken" in names and not {"John Smith", "Jane Doe"} & set(names)


def test_the_principal_of_a_transcript_is_at_its_occasion_with_a_country_from_a_named_pair():
    draft = extract("https://www.minister.defence.gov.au/transcripts/2025-12-07/opening-remarks\n\n"
                    "Related ministers and contacts\n\nThe Hon Richard Marles MP\n\n7 December 2025\n\n"
                    "KOIZUMI SHINJIRO, MINISTER OF DEFENSE: Thank you for coming to Tokyo. The Australia-Japan "
                    "relationship is strong.\n")
    occasion = next(m for m in draft.meetings if m.rules["attendees"].name == "transcript-occasion")
    assert attendees(occasion) == {("koizumi shinjiro", "Japan"), ("richard marles", "Australia")}


def test_a_pair_written_with_us_abbreviated_gives_the_other_side_its_country():
    draft = extract("https://www.defense.gov/News/Transcripts/1\n\nSeptember 14, 2022\n\n"
                    "SECRETARY OF DEFENSE LLOYD J. AUSTIN III: Minister Hamada, welcome to the Pentagon. The "
                    "U.S.-Japan alliance is strong.\n")
    assert [attendees(m) for m in draft.meetings] == [{("lloyd austin", "United States"), ("hamada", "Japan")}]


@pytest.mark.parametrize(
    ("role", "of", "date", "surname", "expected"),
    [
        ("Prime Minister", "United Kingdom", "2025-09-09", None, "Keir Starmer"),
        ("Prime Minister", "United Kingdom", "2022-10", None, None),  # Truss, then Sunak, that month
        ("Prime Minister", "United Kingdom", "2023", None, "Rishi Sunak"),
        ("Secretary General", "UN", "2011-08-11", None, "Ban Ki-moon"),
        ("President", "United States", "2023-06-08", "Biden", "Joe Biden"),
        ("President", "United States", "2023-06-08", "Trump", None),
        ("Prime Minister", "Freedonia", "2023-06-08", None, None),
        ("Prime Minister", "United Kingdom", None, None, None),
    ],
)
def test_the_holder_of_an_office_on_a_date(role, of, date, surname, expected):
    from meetings.extract.offices import holder

    assert holder(role, of, date, surname=surname) == expected


def test_an_official_named_by_title_alone_is_the_holder_of_that_office_that_day():
    draft = extract("https://www.gov.uk/government/news/pm-meeting-with-secretary-general-of-nato-9-september-2025\n\n"
                    "9 September 2025\n\nThe Prime Minister hosted NATO Secretary General Mark Rutte at Downing "
                    "Street this afternoon.\n")
    (meeting,) = draft.meetings
    assert attendees(meeting) == {("keir starmer", "United Kingdom"), ("mark rutte", None)}
    assert next(a for a in meeting.attendees if a.name == "Keir Starmer").found_by.name == "office-holder"


def test_no_one_is_named_for_a_title_without_a_date_to_settle_who_held_it():
    draft = extract("https://www.gov.uk/government/news/call\n\n"
                    "The Prime Minister spoke to President Joe Biden of the United States this evening.\n")
    (meeting,) = draft.meetings
    assert attendees(meeting) == {("joe biden", "United States")}
    assert [(a.role, a.country) for a in meeting.attendees if not a.name] == [("Prime Minister", "United Kingdom")]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Can I begin by saying how honoured we are to have Minister Kamikawa and Minister Kihara here today.",
         ["Kamikawa", "Kihara"]),
        ("It is a pleasure to welcome Foreign Minister Penny Wong to Tokyo.", ["Penny Wong"]),
        ("And, of course, we will be happy to see our friend, Prime Minister Modi in Russia.", []),
        ("I spoke about the region.", []),
    ],
)
def test_the_officials_a_speaker_welcomes_are_at_the_occasion(sentence, expected):
    from meetings.extract.names import guests

    assert [m.name for m in guests(sentence)] == expected


@pytest.mark.parametrize(
    ("name", "date", "role", "expected"),
    [
        ("Theresa May", None, "Prime Minister", "United Kingdom"),  # a full name: whenever they held office
        ("Michael Fallon", "2016-11-23", "Defence Secretary", "United Kingdom"),
        ("Kihara", "2024-05-03", "Minister", "Japan"),
        ("Kihara", None, "Minister", "Japan"),  # undated: every Kihara of the list is Japan's
        ("Wong", None, None, None),  # undated: Penny Wong (Australia) and Lawrence Wong (Singapore)
        ("Wong", None, "Minister of Foreign Affairs", "Australia"),  # the office tells them apart
        ("Kihara", "2019-05-03", "Minister", None),  # not in office then
        ("Jens Stoltenberg", "2020-01-08", "Secretary General", None),  # an organization's, not a country's
        ("Boris Johnson", None, None, "United Kingdom"),
        ("John Smith", None, None, None),
    ],
)
def test_the_country_of_an_official_from_the_office_they_held(name, date, role, expected):
    from meetings.extract.mentions import any_order
    from meetings.extract.offices import holder_country

    assert holder_country(name, date, role, any_order) == expected


def test_an_organizations_official_first_named_on_a_governments_site_takes_no_country_of_it():
    draft = extract("https://pm.gc.ca/en/news/readouts/2018/04/04/prime-minister-meets-nato-secretary-general\n\n"
                    "April 4, 2018\n\nNATO Secretary General Jens Stoltenberg met today with Prime Minister "
                    "Justin Trudeau in Ottawa.\n")
    assert [attendees(m) for m in draft.meetings] == [{("jens stoltenberg", None), ("justin trudeau", "Canada")}]


def test_the_office_an_official_held_outranks_the_publisher_for_their_country():
    draft = extract("https://www.mod.go.jp/en/article/2025/01/meeting.html\n\nJanuary 15, 2025\n\n"
                    "UK Defence Secretary John Healey met Minister Nakatani in London. The Japan-UK partnership is "
                    "strong.\n")
    assert [attendees(m) for m in draft.meetings] == [{("john healey", "United Kingdom"), ("nakatani", "Japan")}]


@pytest.mark.parametrize(("opening", "url", "expected"), [
    ("Secretary Ortiz,\n\nIt is a great pleasure to welcome you back to Delhi.", "https://www.mea.gov.in/remarks",
     [(None, "India"), ("Ortiz", None)]),
    ("Your Excellency, Secretary Ortiz,\n\nLadies and gentlemen,\n\nIt is an honour for me to have you in Jakarta.",
     "https://www.kemlu.go.id/remarks", [(None, "Indonesia"), ("Ortiz", None)]),
])
def test_a_statement_that_opens_by_addressing_an_official_is_of_a_meeting_with_them(opening, url, expected):
    draft = extract(f"{url}\n\nOpening remarks\n\nJuly 28, 2021\n\n{opening}\n\nOur cooperation has expanded.\n")
    (meeting,) = draft.meetings
    assert [(a.name, a.country) for a in meeting.attendees] == expected


def test_a_statement_addressing_an_official_is_of_the_reports_principal_with_them():
    draft = extract("https://www.nato.int/remarks\n\nJoint press conference\n\nwith NATO Secretary General Lena Vogt "
                    "and the Prime Minister of Canada, Marco Ruiz\n\nPrime Minister Ruiz, Marco,\n\nIt is a great "
                    "pleasure to be here in Ottawa and to meet with you.\n")
    assert [{a.name for a in m.attendees} for m in draft.meetings] == [{"Lena Vogt", "Marco Ruiz"}]


def test_an_address_the_text_does_not_speak_to_makes_no_meeting():
    draft = extract("https://www.mea.gov.in/remarks\n\nJuly 28, 2021\n\nSecretary Ortiz,\n\nThe talks covered "
                    "trade.\n")
    assert draft.meetings == []


def test_an_earlier_meeting_recalled_in_a_turn_is_of_those_who_speak_and_those_they_address():
    draft = extract("https://www.kremlin.ru/events/example\n\nBeginning of talks\n\n"
                    "PRESIDENT OF CHILE RAFAEL ORTIZ: Madam President, welcome to Santiago.\n\n"
                    "PRESIDENT OF PERU ANA QUISPE: Thank you for organising this visit so quickly after our telephone "
                    "conversation.\n")
    people = [sorted((a.name, a.country) for a in m.attendees) for m in draft.meetings]
    assert people == [[("Ana Quispe", "Peru"), ("Rafael Ortiz", "Chile")]] * 2
    assert [m.rules["attendees"].name for m in draft.meetings] == ["transcript-occasion", "recalled"]


def test_the_one_named_beside_i_agreeing_met_the_speaker_who_stays_the_reports_principal():
    draft = extract("https://www.kantei.go.jp/press\n\nPress Conference by Prime Minister Ortiz regarding His Visit "
                    "to Peru\n\nOctober 22, 2022\n\nIt was in such a context that Peruvian President Quispe stated her view. "
                    "Against that backdrop, President Quispe and I agreed to continue to act in cooperation.\n")
    assert [sorted((a.name, a.country) for a in m.attendees) for m in draft.meetings] == [
        [("Ortiz", "Japan"), ("Quispe", "Peru")]]


@pytest.mark.parametrize("said", ["This morning I attended the ASEAN meeting between Australia and ASEAN.",
                                  "Yesterday I had the opportunity to meet with counterparts from India and Laos."])
def test_a_speaker_attending_a_meeting_or_meeting_counterparts_is_at_a_group_meeting(said):
    draft = extract(f"https://www.foreignminister.gov.au/transcript\n\nPress conference, Jakarta\n\nPENNY WONG: {said}\n")
    assert [[(a.name, a.attended_by.name) for a in m.attendees] for m in draft.meetings] == [
        [("Penny Wong", "group-meeting")]]


@pytest.mark.parametrize("said", ["We had a meeting in Malaysia only last month, and today I am hosting you here.",
                                  "We first met, from my perspective, in Tokyo just a few hours after we were sworn in.",
                                  "When you visited in December last year, we had discussions on many topics."])
def test_an_earlier_meeting_a_speaker_recalls_with_we_or_you_is_of_the_occasions_people(said):
    draft = extract("https://www.defence.gov.au/transcript\n\nJoint remarks\n\n"
                    "MINISTER OF DEFENCE OF JAPAN ANA QUISPE: Minister Ortiz, welcome to Tokyo.\n\n"
                    f"DEPUTY PRIME MINISTER OF AUSTRALIA RAFAEL ORTIZ: {said}\n")
    assert [m.rules["attendees"].name for m in draft.meetings] == ["transcript-occasion", "recalled"]
    assert {a.name for a in draft.meetings[1].attendees} == {"Ana Quispe", "Rafael Ortiz"}


def test_those_said_to_attend_before_a_transcript_are_at_its_occasion_and_no_office_is_a_listed_name():
    draft = extract("https://www.kremlin.ru/events/example\n\nOn the Chilean side, the meeting was attended by "
                    "Foreign Minister Ana Quispe, Deputy Prime Minister and Chair of the Commission on Trade and "
                    "Cultural Cooperation Marco Ruiz and Presidential Aide Lena Vogt.\n\n* * *\n\n"
                    "President of Chile Rafael Ortiz: Mr Minister, dear friends, I am very happy to see you.\n")
    (meeting,) = draft.meetings
    assert {a.name for a in meeting.attendees if a.name} == {"Rafael Ortiz", "Ana Quispe", "Lena Vogt"}


def test_an_earlier_meeting_recalled_in_a_turn_is_of_its_speaker_and_those_they_address_not_every_speaker():
    draft = extract("https://www.defence.gov.au/transcript\n\nPress conference\n\n"
                    "MINISTER OF DEFENCE OF PERU MARCO RUIZ: Thank you all for coming.\n\n"
                    "MINISTER OF DEFENCE OF JAPAN ANA QUISPE: Deputy Prime Minister Ortiz, welcome to Tokyo.\n\n"
                    "DEPUTY PRIME MINISTER OF AUSTRALIA RAFAEL ORTIZ: Minister Quispe, thank you. We had a meeting "
                    "in Malaysia only last month.\n")
    (earlier,) = [m for m in draft.meetings if m.rules["attendees"].name == "recalled"]
    assert {a.name for a in earlier.attendees} == {"Ana Quispe", "Rafael Ortiz"}
