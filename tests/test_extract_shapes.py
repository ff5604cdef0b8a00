"""Readouts in the shapes other ministries write: a meeting told by a noun and "between", the one met
named without a title, two offices before one name, a counterpart in apposition, and a country
written after the name."""

import pytest

from meetings.extract import extract, person_key


def attendees(meeting):
    return {(person_key(a.name), a.country) for a in meeting.attendees if a.name}


def draft_of(sentence, url="https://www.mfa.gov.sg/news/example"):
    return extract(f"{url}\n\n3 March 2021\n\n{sentence}\n")


@pytest.mark.parametrize("sentence", [
    "Talks were held between Foreign Minister of Chile Rafael Ortiz and Foreign Minister of Peru Ana Quispe.",
    "A meeting took place between Foreign Minister of Chile Rafael Ortiz and Foreign Minister of Peru Ana Quispe.",
    "Within the visit, a meeting was held between Foreign Minister of Chile Rafael Ortiz and Foreign Minister "
    "of Peru Ana Quispe.",
    "Talks between Foreign Minister of Chile Rafael Ortiz and Foreign Minister of Peru Ana Quispe were held in Lima.",
    "The conversation between Foreign Minister of Chile Rafael Ortiz and Foreign Minister of Peru Ana Quispe "
    "focused on trade.",
])
def test_a_meeting_told_by_a_noun_between_two_officials_is_a_meeting(sentence):
    (meeting,) = draft_of(sentence).meetings
    assert attendees(meeting) == {("rafael ortiz", "Chile"), ("ana quispe", "Peru")}
    assert meeting.evidence["kind"].endswith("held-between") or "between" in meeting.evidence["attendees"]


@pytest.mark.parametrize(("sentence", "met"), [
    ("Foreign Minister of Chile Rafael Ortiz met Lena Vogt and Ana Quispe in Lima.", {"lena vogt", "ana quispe"}),
    ("Foreign Minister of Chile Rafael Ortiz met Raksha Mantri Ravi Kumar.", {"ravi kumar"}),
    ("Foreign Minister of Chile Rafael Ortiz met Buenos Aires officials.", set()),
    ("Foreign Minister of Chile Rafael Ortiz met New Zealand on trade.", set()),
])
def test_the_one_met_named_without_a_title_is_an_attendee_and_no_title_or_place_is(sentence, met):
    people = [a for m in draft_of(sentence).meetings for a in m.attendees if a.name and a.name != "Rafael Ortiz"]
    assert {person_key(a.name) for a in people} == met
    assert {a.found_by.name for a in people if a.role is None} <= {"frame-object-name"}


def test_two_offices_before_one_name_are_one_person_and_no_office_is_part_of_a_name():
    (meeting,) = draft_of("High Representative/Vice-President Lena Vogt held talks with Foreign Minister of "
                          "Peru Ana Quispe.").meetings
    assert attendees(meeting) == {("lena vogt", None), ("ana quispe", "Peru")}


def test_a_title_before_a_subject_named_without_one_is_not_part_of_the_name():
    draft = draft_of("High Representative Lena Vogt met with Foreign Minister of Peru Ana Quispe.")
    assert {a.name for m in draft.meetings for a in m.attendees} == {"Lena Vogt", "Ana Quispe"}


def test_a_counterpart_in_apposition_is_named():
    (meeting,) = draft_of("Minister of Foreign Affairs of Chile Rafael Ortiz met his counterpart, Ana Quispe, "
                          "in Lima.").meetings
    assert "ana quispe" in {name for name, _ in attendees(meeting)}


def test_names_with_an_apostrophe_after_the_initial_and_lower_case_particles_are_names():
    (meeting,) = draft_of("Foreign Minister of Chile Rafael Ortiz met Ambassador Marco D'Alessio of Italy and "
                          "Lena von der Heide, President of the European Commission.").meetings
    assert attendees(meeting) >= {(person_key("Marco D'Alessio"), "Italy"), ("lena von der heide", None)}


def test_a_country_written_after_the_name_of_a_cued_person_is_theirs():
    (meeting,) = draft_of("Amb. Rafael Ortiz, U.S. Deputy Assistant Secretary for Trade, held a virtual "
                          "consultative meeting with Foreign Minister of Peru Ana Quispe.").meetings
    assert attendees(meeting) == {("rafael ortiz", "United States"), ("ana quispe", "Peru")}


@pytest.mark.parametrize("sentence", [
    "Foreign Minister Rafael Ortiz received visiting NATO Secretary General Lena Vogt in Lima to discuss the agenda.",
    "The Peru-Chile talks: Foreign Minister of Peru Ana Quispe met High Representative Lena Vogt.",
])
def test_an_organizations_official_takes_no_country_from_the_host_or_a_pair(sentence):
    draft = draft_of(sentence, url="https://www.rree.gob.pe/news/example")
    (vogt,) = [a for m in draft.meetings for a in m.attendees if a.name == "Lena Vogt"]
    assert vogt.country is None


@pytest.mark.parametrize(("sentence", "person", "country"), [
    ("President of the European Council Lena Vogt met with President of Peru Ana Quispe in Lima.", "Lena Vogt", None),
    ("Foreign Minister of Peru Ana Quispe received the Secretary General of the Organization of Andean States "
     "Lena Vogt.", "Lena Vogt", None),
    # (on the Singapore ministry's site, the official it gives no country is its own)
    ("Foreign Minister of Peru Ana Quispe held talks with Cabinet Secretary for Foreign Affairs Amb. Lena Vogt.",
     "Lena Vogt", "Singapore"),
    ("HR/VP Lena Vogt met today with the Foreign Minister of Peru, Ana Quispe.", "Lena Vogt", None),
    ("Foreign Minister of Peru Ana Quispe met the Acting Assistant Secretary for U.S. Department of State's Bureau "
     "of Andean Affairs, Lena Vogt.", "Lena Vogt", "United States"),
])
def test_what_is_written_between_a_title_and_its_name_is_read_past(sentence, person, country):
    (meeting,) = draft_of(sentence).meetings
    assert attendees(meeting) == {("ana quispe", "Peru"), (person_key(person), country)}


def test_a_portfolio_ending_in_a_word_before_the_name_does_not_make_that_word_a_surname():
    draft = draft_of("The ministers met with the High Representative for Foreign Affairs and Security Policy, "
                     "Lena Vogt, and Foreign Minister of Peru Ana Quispe.")
    assert "Policy" not in {a.name for m in draft.meetings for a in m.attendees}
    assert "Lena Vogt" in {p.name for p in draft.people}


def test_a_representative_of_an_office_is_not_its_holder():
    draft = draft_of("Foreign Minister of Peru Ana Quispe met with the Personal Representative of the "
                     "Chairperson-in-Office Lena Vogt in Lima.")
    (vogt,) = [p for p in draft.people if p.name == "Lena Vogt"]
    assert vogt.role is None


def test_a_long_office_after_an_honorific_and_a_name_is_a_title():
    (meeting,) = draft_of("Mr. Li Wen, Member of the Political Bureau of the Central Committee, met with "
                          "Foreign Minister of Peru Ana Quispe.").meetings
    assert {name for name, _ in attendees(meeting)} == {person_key("Li Wen"), "ana quispe"}


@pytest.mark.parametrize(("sentence", "person", "country"), [
    ("The Minister of Foreign Affairs and International Trade Lena Vogt met the Foreign Minister of Peru Ana "
     "Quispe.", "Lena Vogt", "Singapore"),  # the report's principal, of its publisher's country
    ("The Minister of State, Minister of Foreign Affairs and Communities Abroad, Mr. Lena Vogt, received the "
     "Foreign Minister of Peru Ana Quispe.", "Lena Vogt", "Singapore"),
    ("The Secretary General of the Organization of Andean States (OAE), Lena Vogt, met today with the Foreign "
     "Minister of Peru Ana Quispe.", "Lena Vogt", None),
    ("Foreign Minister of Peru Ana Quispe met with US Special Representative for International Negotiations, "
     "Lena Vogt, to discuss the region.", "Lena Vogt", "United States"),
    ("A virtual meeting was staged June 10 between Foreign Minister of Peru Ana Quispe and U.S. Trade Rep. Lena Vogt.",
     "Lena Vogt", "United States"),
])
def test_portfolios_bodies_and_grades_around_a_title_are_read_past(sentence, person, country):
    (meeting,) = draft_of(sentence).meetings
    assert attendees(meeting) == {("ana quispe", "Peru"), (person_key(person), country)}


def test_an_honorific_ends_a_portfolio():
    (meeting,) = draft_of("The Minister for Foreign Affairs, Senator Lena Vogt, and the Minister for Defence, "
                          "Mr Rafael Ortiz, met the Foreign Minister of Peru Ana Quispe in Lima.").meetings
    assert {"lena vogt", "rafael ortiz", "ana quispe"} <= {name for name, _ in attendees(meeting)}


@pytest.mark.parametrize("sentence", [
    "Foreign Minister of Chile Rafael Ortiz visited Lima to meet his colleague, Foreign Minister of Peru Ana Quispe.",
    "Foreign Minister of Chile Rafael Ortiz spoke after the meeting he had with Foreign Minister of Peru Ana Quispe.",
    "Talks were held in Lima on Monday between Foreign Minister of Chile Rafael Ortiz and Foreign Minister of Peru "
    "Ana Quispe.",
])
def test_a_visit_to_meet_the_meeting_one_had_and_talks_held_somewhere_between_two_are_meetings(sentence):
    (meeting,) = draft_of(sentence).meetings
    assert attendees(meeting) == {("rafael ortiz", "Chile"), ("ana quispe", "Peru")}


def test_the_one_met_after_small_words_is_named_and_their_country_written_after_them_is_read():
    (meeting,) = draft_of("Foreign Minister of Chile Rafael Ortiz received a phone call from Lena Vogt, the "
                          "United Kingdom's Secretary of State for Foreign Affairs.").meetings
    assert ("lena vogt", "United Kingdom") in attendees(meeting)


@pytest.mark.parametrize("sentence", [
    "Foreign Minister of Chile Rafael Ortiz welcomed the United Kingdom's commitment to the region.",
    "Foreign Minister of Chile Rafael Ortiz met in New York with the press.",
    "Foreign Minister of Chile Rafael Ortiz was received at Bandaranaike International Airport.",
])
def test_possessives_and_places_after_a_meeting_verb_are_no_one_met(sentence):
    assert not [a for m in draft_of(sentence).meetings for a in m.attendees if a.name != "Rafael Ortiz"]


@pytest.mark.parametrize("honorific", ["Sayyid", "Dato Sri", "Dato’ Seri",
                                       # A title in brackets, as East African and Bhutanese releases write it.
                                       "Hon (Dr.)", "H.E. (Eng)", "(Dr.)", "Hon. (Prof.)"])
def test_honorifics_of_oman_and_malaysia_are_not_part_of_the_name(honorific):
    (meeting,) = draft_of(f"Foreign Minister {honorific} Rafael Ortiz met Foreign Minister of Peru Ana Quispe.").meetings
    assert "rafael ortiz" in {name for name, _ in attendees(meeting)}


def test_the_publishers_officials_meeting_their_minister_are_of_the_publishers_country():
    draft = draft_of("Foreign Minister Rafael Ortiz met Chairman of the Foreign Affairs Committee Ana Quispe and "
                     "Chairman of the Defence Committee Lena Vogt.", url="https://www.mfa.gov.eg/news/example")
    people = {(person_key(a.name), a.country) for m in draft.meetings for a in m.attendees}
    assert people == {("rafael ortiz", "Egypt"), ("ana quispe", "Egypt"), ("lena vogt", "Egypt")}
    assert {a.country_by.name for m in draft.meetings for a in m.attendees if a.name != "Rafael Ortiz"} \
        == {"publisher-side"}


@pytest.mark.parametrize("sentence", [
    "Foreign Minister Rafael Ortiz met Ana Quispe, EU Commissioner for Home Affairs.",
    "Foreign Minister Rafael Ortiz met Foreign Minister of Peru Ana Quispe and Lena Vogt.",
    # An organization's acronym before the title: "WTO Director General Dr. X", "EC Vice-President X".
    "Foreign Minister Rafael Ortiz held a meeting with WTO Director General Dr. Ana Quispe.",
    "Foreign Minister Rafael Ortiz met with EC Vice-President Ana Quispe in Cairo.",
])
def test_no_publishers_country_beside_an_organization_or_another_country(sentence):
    draft = draft_of(sentence, url="https://www.mfa.gov.eg/news/example")
    others = [a for m in draft.meetings for a in m.attendees if a.name in ("Ana Quispe", "Lena Vogt")]
    assert others and all(a.country != "Egypt" for a in others)


@pytest.mark.parametrize("after", [
    "Also present at the meeting was the Ambassador of Peru to the OAS, Lena Vogt.",
    "Also in attendance were the Peruvian Ambassador Lena Vogt and others.",
    "On the Peruvian side, the meeting was attended by Ambassador of Peru Lena Vogt.",
])
def test_those_also_present_at_the_meeting_just_told_attend_it(after):
    (meeting,) = draft_of("Foreign Minister of Chile Rafael Ortiz met Foreign Minister of Peru Ana Quispe in Lima. "
                          + after).meetings
    assert {"rafael ortiz", "ana quispe", "lena vogt"} == {name for name, _ in attendees(meeting)}
    assert ("lena vogt", "Peru") in attendees(meeting)


def test_counterparts_named_after_their_countries_are_one_call_each():
    draft = draft_of("Foreign Minister Rafael Ortiz held separate phone conversations with Peruvian and Bolivian "
                     "counterparts Dato’ Seri Ana Quispe and Lena Vogt on December 12.")
    assert sorted(attendees(m) - {("rafael ortiz", "Singapore")} for m in draft.meetings) \
        == [{("ana quispe", "Peru")}, {("lena vogt", "Bolivia")}]
    assert all(m.kind == "call" for m in draft.meetings)


def test_a_portfolio_after_of_is_read_past_before_of_a_country_only():
    (meeting,) = draft_of("Foreign Minister of Peru Ana Quispe spoke by phone with the Minister of Europe and Foreign "
                          "Affairs of the French Republic Lena Vogt.").meetings
    assert ("lena vogt", "France") in attendees(meeting)
    draft = draft_of("Foreign Minister of Peru Ana Quispe met the Director of the Americas Division of Human Rights "
                     "Watch, Lena Vogt.")
    assert "Watch" not in {a.name for m in draft.meetings for a in m.attendees}


def test_counterparts_listed_by_country_and_name_are_one_meeting_each():
    draft = draft_of("Foreign Minister of Chile Rafael Ortiz held separate meetings with the Foreign Ministers of "
                     "Peru Ana Quispe and Bolivia Lena Vogt in Lima.")
    assert sorted(sorted(attendees(m)) for m in draft.meetings) == [
        [("ana quispe", "Peru"), ("rafael ortiz", "Chile")], [("lena vogt", "Bolivia"), ("rafael ortiz", "Chile")]]


@pytest.mark.parametrize(("sentence", "name"), [
    ("Prime Minister Rafael Ortiz speaks with Prime Minister of Peru Ana Quispe Français", "Ana Quispe"),
    ("Secretary Rafael Ortiz Participates in a Meeting with Foreign Minister of Peru Ana Quispe", "Rafael Ortiz"),
    ("Foreign Minister of Peru Ana Quispe met with the Ambassador Extraordinary and Plenipotentiary of Italy, "
     "Lena Vogt.", "Lena Vogt"),
])
def test_headline_verbs_language_links_and_long_ranks_are_not_part_of_a_name(sentence, name):
    names = {a.name for m in draft_of(sentence + "\n\nThe two ministers met in Lima.").meetings for a in m.attendees}
    assert name in names
    assert not any(word in (n or "") for n in names for word in ("Français", "Participates", "Extraordinary"))


@pytest.mark.parametrize("sentence", ["Secretary Ortiz and I met on an important date.",
                                      "My meeting with Secretary Ortiz went very well."])
def test_the_first_named_beside_i_in_a_statement_met_its_publishers_official(sentence):
    draft = draft_of(f"Your Excellency, Secretary Ortiz, welcome back to Jakarta.\n\n{sentence}",
                     url="https://www.kemlu.go.id/news/example")
    (meeting,) = [m for m in draft.meetings if any(a.name == "Ortiz" for a in m.attendees)]
    assert [(a.name, a.country) for a in meeting.attendees if not a.name] == [(None, "Indonesia")]


def test_a_roman_numeral_or_page_furniture_is_not_i():
    draft = draft_of("Secretary-General Rafael Ortiz welcomed the delegates during Part I of the 2021 Meeting.")
    assert all(len(m.attendees) > 1 or not m.attendees for m in draft.meetings)
    assert not [a for m in draft.meetings for a in m.attendees if a.name is None]


def test_a_headlines_subject_named_without_a_title_is_the_fuller_name_given_later():
    draft = extract("https://mfa.gov.pe/news/quispe-meets-delegation\n\n16 January 2024\n\n"
                    "Ana Quispe Rojas meets with Chilean Delegation\n\n"
                    "Senator the Honourable Lena Ana Quispe Rojas, Minister of Foreign Affairs, met with the "
                    "Foreign Minister of Chile Rafael Ortiz.\n")
    named = {(a.name, a.country) for m in draft.meetings for a in m.attendees if a.name}
    assert ("Lena Ana Quispe Rojas", "Peru") in named
    assert not any(name == "Ana Quispe Rojas" for name, _ in named)


@pytest.mark.parametrize(("after", "listed"), [
    ("Among those attending were Ambassador Lena Vogt, Permanent Representative to the United Nations; Marco Ruiz, "
     "Consul General, Toronto; and Ana Quispe, Charge d’Affaires, Kuwait City.", {"lena vogt", "marco ruiz", "ana quispe"}),
    ("The Chilean delegation consisted of the Ambassador of Chile to Peru, Lena Vogt; political advisor Marco Ruiz; "
     "and advisor Ana Quispe, who were also present.", {"lena vogt", "marco ruiz", "ana quispe"}),
])
def test_everyone_a_list_of_those_attending_names_attends_the_meeting_just_told(after, listed):
    draft = draft_of("Foreign Minister of Chile Rafael Ortiz met virtually with the Heads of Chile's Missions "
                     "abroad. " + after, url="https://www.minrel.gob.cl/news/example")
    (meeting,) = draft.meetings
    assert {name for name, _ in attendees(meeting)} == {"rafael ortiz", *listed}
    assert {country for _, country in attendees(meeting)} == {"Chile"}


def test_a_name_listed_after_and_is_of_the_side_of_the_one_before_and_a_delegations_country_is_its_members():
    draft = draft_of("Foreign Minister of Chile Rafael Ortiz met the Deputy Secretary of State of the United States, "
                     "Lena Vogt. Also in attendance were the Chilean Secretary for Strategic Affairs, Marco Ruiz, and "
                     "Ana Quispe. The U.S. delegation consisted of political advisor John Smith and advisor Mary Jones.")
    (meeting,) = draft.meetings
    assert attendees(meeting) >= {("ana quispe", "Chile"), ("john smith", "United States"),
                                  ("mary jones", "United States")}


@pytest.mark.parametrize("sentence", [
    "Ambassador Lena Vogt presented her Letters of Credence to His Majesty King Marco Ruiz of Spain at the Royal "
    "Palace in Madrid, accrediting her as the Ambassador of the Republic of Chile to Spain.",
    "Presentation of Credentials by His Excellency Ambassador Lena Vogt of Chile to His Majesty Marco Ruiz, King "
    "of Spain.",
])
def test_an_ambassador_presenting_credentials_meets_the_one_received_by(sentence):
    (meeting,) = draft_of(sentence, url="https://www.mfa.gov.bt/news/example").meetings
    assert attendees(meeting) == {("lena vogt", "Chile"), ("marco ruiz", "Spain")}


def test_credentials_presented_by_an_unnamed_ambassador_are_not_the_reports_principals():
    draft = draft_of("Foreign Minister of Chile Rafael Ortiz met Foreign Minister of Peru Ana Quispe in Lima.\n\n"
                     "Related posts\n\nChile's High Commissioner to Kenya presents Credentials to Kenyan President")
    assert [sorted(attendees(m)) for m in draft.meetings] == [[("ana quispe", "Peru"), ("rafael ortiz", "Chile")]]


def test_a_pair_of_countries_written_elsewhere_gives_no_country_to_one_met_in_a_third_country():
    draft = draft_of("Ambassador Lena Vogt presented her Letter of Credence to His Majesty King Ruiz at the Royal "
                     "Palace in Brussels.\n\nThe Bhutan-Japan Annual Consultations were held virtually.",
                     url="https://www.mfa.gov.bt/news/example")
    assert {a.country for m in draft.meetings for a in m.attendees if a.name == "Ruiz"} == {"Belgium"}


def test_the_one_accompanied_to_meetings_is_at_each_of_them():
    draft = draft_of("Foreign Minister of Chile Rafael Ortiz arrived in Madrid.\n\nIn addition, he accompanied "
                     "President Lena Vogt of Chile in bilateral meetings with King Marco Ruiz of Spain; and with the "
                     "President of Portugal, Ana Quispe.")
    assert sorted(sorted(attendees(m)) for m in draft.meetings) == [
        [("ana quispe", "Portugal"), ("lena vogt", "Chile"), ("rafael ortiz", "Chile")],
        [("lena vogt", "Chile"), ("marco ruiz", "Spain"), ("rafael ortiz", "Chile")]]


def test_one_accompanied_by_an_official_on_a_visit_is_with_them():
    draft = draft_of("NATO Secretary General Lena Vogt has arrived in Norway. Today, Ms. Vogt is visiting an "
                     "airbase in northern Norway, accompanied by Defence Minister Ana Quispe.",
                     url="https://www.nato.int/news/example")
    assert [{name for name, _ in attendees(m)} for m in draft.meetings] == [{"lena vogt", "ana quispe"}]


@pytest.mark.parametrize(("recall", "date"), [
    ("Their conversation today was a continuation of their discussion at the Pentagon last week.", "2021-02"),
    ("It is a pleasure to return to Lima, after our last visit in 2018.", "2018"),
    ("This reciprocates your visit to Santiago last year.", "2020"),
    ("They recalled their previous meeting.", "2021"),
])
def test_an_earlier_meeting_a_sentence_recalls_is_a_meeting_of_the_same_people_before_the_reports_day(recall, date):
    draft = draft_of("Foreign Minister of Chile Rafael Ortiz spoke by phone with Foreign Minister of Peru Ana Quispe. "
                     + recall)
    assert [(m.date, sorted(attendees(m))) for m in draft.meetings] == [
        ("2021-03-03", [("ana quispe", "Peru"), ("rafael ortiz", "Chile")]),
        (date, [("ana quispe", "Peru"), ("rafael ortiz", "Chile")])]


def test_an_earlier_meeting_of_the_people_a_sentence_names_is_theirs():
    draft = draft_of("Since Foreign Minister of Chile Rafael Ortiz and Foreign Minister of Peru Ana Quispe’s last "
                     "meeting in Lima in February 2020, trade has grown.")
    assert [(m.date, sorted(attendees(m))) for m in draft.meetings] == [
        ("2020-02", [("ana quispe", "Peru"), ("rafael ortiz", "Chile")])]


def test_an_official_named_after_and_a_title_is_of_the_country_found_for_the_one_before():
    draft = draft_of("Secretary of Defense Lloyd J. Austin III arrived to India March 19 for a first day of meetings "
                     "with Prime Minister Narendra Modi and National Security Advisor Ravi Kumar.",
                     url="https://www.defense.gov/News/example")
    assert {(a.name, a.country) for m in draft.meetings for a in m.attendees if a.name != "Lloyd J. Austin III"} \
        == {("Narendra Modi", "India"), ("Ravi Kumar", "India")}


@pytest.mark.parametrize("announced", [
    "During the visit, Secretary-General Lena Vogt will be received, in separate audiences, by King Marco Ruiz.",
    "Secretary-General Lena Vogt will be welcomed by Foreign Minister of Peru Ana Quispe.",
])
def test_a_meeting_announced_in_the_passive_future_is_no_meeting(announced):
    assert draft_of(announced).meetings == []


def test_a_headline_dated_by_the_report_and_its_body_dated_by_its_day_are_one_meeting():
    draft = extract("https://mfa.gov.az/en/news/example\n\nPress release 11 October 2020\n\nOn the telephone "
                    "conversation between the Minister of Foreign Affairs of Chile Rafael Ortiz and the Minister of "
                    "Foreign Affairs of Peru Ana Quispe\n\nOn October 10, 2020, a telephone conversation took place "
                    "between the Minister of Foreign Affairs of Chile Rafael Ortiz and the Minister of Foreign Affairs "
                    "of Peru Ana Quispe.\n\nOn 3 May 2020, Rafael Ortiz had met Ana Quispe in Lima.\n")
    assert [(m.date, m.kind, len(m.attendees)) for m in draft.meetings] == [("2020-10-10", "call", 2),
                                                                          ("2020-05-03", "bilateral", 2)]


@pytest.mark.parametrize("during", ["During the meeting", "At the end of the meeting"])
def test_a_sentence_about_the_meeting_just_told_makes_no_meeting_of_those_it_names(during):
    draft = draft_of("Later, Foreign Minister of Chile Rafael Ortiz called on Prime Minister of Peru Ana Quispe. "
                     f"{during}, Minister Ortiz spoke with Ms. Quispe about the relationship between her and "
                     "President Lena Vogt of Chile.")
    assert [sorted(attendees(m)) for m in draft.meetings] == [[("ana quispe", "Peru"), ("rafael ortiz", "Chile")]]


def test_a_shorter_full_name_is_the_one_longer_name_the_report_gives_with_all_its_words():
    draft = draft_of("Readout of the Secretary-General’s meeting with H.E. Mr. Marco Ruiz, President of the European "
                     "Council and H.E. Mr. Lena Vogt Fontelles, High Representative of the EU\n\nThe Secretary-General "
                     "met jointly with the President of the European Council, H.E. Mr. Marco Ruiz, and the High "
                     "Representative of the European Union, H.E. Mr. Lena Vogt.", url="https://press.un.org/example")
    assert {a.name for m in draft.meetings for a in m.attendees if a.name} >= {"Lena Vogt Fontelles"}
    assert "Lena Vogt" not in {a.name for m in draft.meetings for a in m.attendees}


def test_a_name_set_off_by_a_comma_after_a_title_of_any_body_is_its_holder_of_the_country_owning_it():
    draft = draft_of("Yesterday, Foreign Minister of Chile Rafael Ortiz met with the Minister of State of the United "
                     "Kingdom's Ministry of Foreign Affairs, Lena Vogt, with whom he discussed trade.")
    (meeting,) = draft.meetings
    assert attendees(meeting) == {("rafael ortiz", "Chile"), ("lena vogt", "United Kingdom")}


def test_newly_accredited_ambassadors_welcomed_and_then_listed_are_at_that_group_meeting():
    draft = draft_of("The Department of Foreign Affairs welcomed newly accredited non-resident ambassadors with a "
                     "dinner following their presentation of credentials to His Excellency President Rafael Ortiz.\n\n"
                     "The following non-resident Ambassadors attended the dinner:\n\n"
                     "  • H.E. Lena Vogt of the Republic of Rwanda\n  • H.E. Ana Quispe of the Portuguese Republic\n",
                     url="https://dfa.gov.ph/news/example")
    (meeting,) = draft.meetings
    assert attendees(meeting) == {("rafael ortiz", "Philippines"), ("lena vogt", "Rwanda"), ("ana quispe", "Portugal")}


def test_an_official_given_no_country_meeting_a_foreign_guest_on_a_governments_site_is_its_own():
    draft = draft_of("Foreign Minister of Peru Ana Quispe arrived in Baghdad.\n\nSenator the Honourable Lena Vogt, "
                     "Minister of Foreign Affairs, met with the Foreign Minister of Peru Ana Quispe.\n\n"
                     "Foreign Minister of Peru Ana Quispe met Minister of Foreign Affairs of Chile Rafael Ortiz "
                     "and Deputy Minister Marco Ruiz.", url="https://www.mofa.gov.iq/news/example")
    people = {(a.name, a.country) for m in draft.meetings for a in m.attendees}
    assert ("Lena Vogt", "Iraq") in people
    assert ("Marco Ruiz", "Chile") in people  # (named after the Chilean minister: of his delegation)


@pytest.mark.parametrize("sentence", [
    "Vice-Minister for Foreign Affairs Lena Vogt just lodged a strong protest condemning the launch to Mr. Ana "
    "Quispe, Ambassador of Peru to Japan.",
    "Vice-Minister for Foreign Affairs Lena Vogt summoned Mr. Ana Quispe, Ambassador of Peru, today.",
    "Vice-Minister for Foreign Affairs Lena Vogt was briefed by Mr. Ana Quispe, Ambassador of Peru.",
])
def test_an_ambassador_summoned_protested_to_or_briefing_an_official_meets_them(sentence):
    (meeting,) = draft_of(sentence, url="https://www.mofa.go.jp/press/example").meetings
    assert attendees(meeting) == {("lena vogt", "Japan"), ("ana quispe", "Peru")}


def test_what_a_visiting_minister_addressed_with_the_hosts_is_a_meeting_in_the_country_visited():
    draft = draft_of("During his visit to Uruguay, Minister Rafael Ortiz also addressed with President Ana Quispe "
                     "the potential for strengthening relations.", url="https://www.gov.br/mre/news/example")
    (meeting,) = draft.meetings
    assert attendees(meeting) == {("rafael ortiz", "Brazil"), ("ana quispe", "Uruguay")}
    assert meeting.venue_country == "Uruguay"


def test_a_demonym_written_without_its_last_full_stop_is_no_name():
    draft = draft_of("Foreign Minister of Chile Rafael Ortiz met the Democratic U.S. lawmaker in Washington.")
    assert "Democratic U.S" not in {a.name for m in draft.meetings for a in m.attendees}


def test_the_meeting_that_took_place_at_an_earlier_date_is_an_earlier_meeting_of_the_same_people():
    draft = draft_of("Foreign Minister of Chile Rafael Ortiz held talks with Foreign Minister of Peru Ana Quispe. The "
                     "encounter is in reciprocity for the meeting that took place in Lima in August 2011.")
    assert [(m.date, len(attendees(m))) for m in draft.meetings] == [("2021-03-03", 2), ("2011-08", 2)]
    assert draft_of("Foreign Minister of Chile Rafael Ortiz held talks with Foreign Minister of Peru Ana Quispe. "
                    "The meeting that took place in Lima was cordial.").meetings[1:] == []


def test_a_leaders_meeting_attended_and_a_bilateral_of_two_who_attend_it_are_two_meetings():
    draft = draft_of("Ties will grow, Foreign Minister Rafael Ortiz says.\n\nMr Ortiz attended the Japan-Pacific "
                     "Islands Leaders Meeting this week, hosted by Japanese Prime Minister Ana Quispe.\n\nWhile in "
                     "Japan, Mr Ortiz held meetings with Prime Minister Quispe and Defence Minister Lena Vogt.",
                     url="https://www.beehive.govt.nz/ex")
    assert sorted((m.kind, len(m.attendees)) for m in draft.meetings) == [
        ("bilateral", 2), ("bilateral", 2), ("multilateral", 2)]


def test_a_courtesy_call_from_one_visiting_to_attend_an_event_is_a_meeting_and_both_attend_it():
    draft = draft_of("On May 19, Mr. Rafael Ortiz, Prime Minister of Japan, received a courtesy call from Mr. Marco "
                     "Ruiz, Foreign Minister of Peru, who is visiting Japan to attend the Pacific Islands Leaders "
                     "Meeting.", url="https://www.mofa.go.jp/press/example")
    assert sorted(m.kind for m in draft.meetings) == ["bilateral", "multilateral"]
    assert all(len(m.attendees) == 2 for m in draft.meetings)


def test_a_title_word_inside_a_name_listed_after_its_country_is_part_of_the_name():
    draft = draft_of("Foreign Minister of Chile Rafael Ortiz held separate meetings with the Foreign Ministers of "
                     "the Republic of Belarus - Ana Quispe, the Islamic Republic of Iran Hossein Amir Vogt, and the "
                     "Russian Federation Marco Ruiz.")
    assert ("hossein amir vogt", "Iran") in {p for m in draft.meetings for p in attendees(m)}


def test_who_opened_or_closed_a_meeting_and_those_in_attendance_are_at_it():
    draft = draft_of("Prime Minister Rafael Ortiz officially opens the Heads of Missions meeting in Suva\n"
                     "Prime Minister Ortiz Champions Rural Development\n\n"
                     "The Meeting was officially closed yesterday afternoon by the Speaker of Parliament, The "
                     "Honourable Marco Ruiz. The Ministry Team with the attendance of the Assistant Minister for "
                     "Foreign Affairs Hon. Lena Vogt and Permanent Secretary Mr. Ana Quispe, accorded a ceremony.",
                     url="https://www.foreignaffairs.gov.fj/news/example")
    (meeting,) = draft.meetings
    assert attendees(meeting) == {("rafael ortiz", "Fiji"), ("marco ruiz", "Fiji"), ("lena vogt", "Fiji"),
                                  ("ana quispe", "Fiji")}


def test_one_who_accompanies_a_leader_at_the_general_assembly_attends_it_with_them():
    draft = draft_of("Minister of Foreign Affairs Rafael Ortiz visited the US to accompany President Ana Quispe at "
                     "the 78th Session of the United Nations General Assembly in New York.",
                     url="https://www.mfa.gov.tr/news/example")
    (meeting,) = draft.meetings
    assert {name for name, _ in attendees(meeting)} == {"rafael ortiz", "ana quispe"}
    assert meeting.kind == "multilateral"


def test_an_organizations_official_after_counterparts_listed_by_country_is_a_meeting_of_its_own():
    draft = draft_of("During the conference, Foreign Minister of Chile Rafael Ortiz met with Foreign Ministers of "
                     "Turkey, Bahrain, Egypt as well as the OIC Secretary-General to discuss cooperation.")
    unnamed = sorted((a.role, a.country or "") for m in draft.meetings for a in m.attendees if not a.name)
    assert unnamed == [("Minister of Foreign Affairs", "Bahrain"), ("Minister of Foreign Affairs", "Egypt"),
                       ("Minister of Foreign Affairs", "Türkiye"), ("Secretary General", "")]
    assert len(draft.meetings) == 4


def test_a_meeting_of_people_without_a_country_has_a_readable_key():
    draft = extract("https://example.org/readout\n\nMr. Michael Wimmer met Ms. Anne Lugon-Moulin in Monrovia "
                    "on 4 May 2021.\n")
    assert [m.key for m in draft.meetings] == ["meeting-bilateral-1"]


@pytest.mark.parametrize(("text", "expected"), [
    # who led a delegation, and other participants listed, attend the meeting just told
    ("Foreign Minister of Chile Rafael Ortiz met Foreign Minister of Peru Ana Quispe in Lima. The Peruvian "
     "delegation was led by Foreign Minister Ana Quispe and the Chilean delegation was headed by Ambassador "
     "Lena Vogt.", {"rafael ortiz", "ana quispe", "lena vogt"}),
    ("Foreign Minister of Chile Rafael Ortiz met Foreign Minister of Peru Ana Quispe in Lima. Other participants "
     "in the meeting included Lena Vogt, President of the Staff Council.", {"rafael ortiz", "ana quispe", "lena vogt"}),
    # signing together is meeting
    ("The agreement was signed by Prime Minister of Chile Rafael Ortiz and Prime Minister of Peru Ana Quispe on "
     "3 March 2021 in Lima.", {"rafael ortiz", "ana quispe"}),
    ("Foreign Minister of Chile Rafael Ortiz signed a memorandum of understanding on trade with Foreign Minister "
     "of Peru Ana Quispe.", {"rafael ortiz", "ana quispe"}),
])
def test_a_delegation_led_by_the_participants_listed_and_the_signatories_attend(text, expected):
    (meeting,) = draft_of(text).meetings
    assert {person_key(a.name) for a in meeting.attendees if a.name} == expected


def test_a_communique_of_a_meeting_of_a_body_has_its_chair_and_those_in_attendance():
    draft = extract("https://www.example.int/communique-of-the-12th-meeting\n\n"
                    "The Twelfth Meeting of the Andean Council was held in Lima on 3 March 2021, under the "
                    "Chairmanship of Foreign Minister of Peru Ana Quispe.\n\n"
                    "Ministers in attendance included:\n\n"
                    "  • Foreign Minister of Chile Rafael Ortiz;\n"
                    "  • Foreign Minister of Bolivia Lena Vogt.\n")
    (meeting,) = draft.meetings
    assert meeting.title == "Twelfth Meeting of the Andean Council"
    assert {(person_key(a.name), a.country, a.chair) for a in meeting.attendees} == {
        ("ana quispe", "Peru", True), ("rafael ortiz", "Chile", False), ("lena vogt", "Bolivia", False)}


def test_a_title_of_chair_is_no_chair_of_an_event_named_beside_it():
    draft = extract("https://www.example.int/news\n\n3 March 2021\n\nPresident Ana Quispe, Chair of the "
                    "Andean Authority, was elected at the 57th Ordinary Session of the Andean Authority in Lima.\n")
    assert not [a for m in draft.meetings for a in m.attendees if a.chair]


@pytest.mark.parametrize(("sentence", "country"), [
    ("Secretary General Lena Vogt visited Arica in Chile, accompanied by Defence Minister Rafael Ortiz.", "Chile"),
    # an envoy where an organization sits is posted there, not of that country
    ("Secretary General Lena Vogt received Ambassador Rafael Ortiz in Geneva, Switzerland.", None),
])
def test_the_host_of_an_organizations_official_is_of_the_country_they_meet_in(sentence, country):
    draft = extract(f"https://www.example-alliance.int/news/example\n\n3 March 2021\n\n{sentence} They discussed "
                    "the security of the region and the cooperation between the two sides.\n")
    (ortiz,) = [a for m in draft.meetings for a in m.attendees if a.name == "Rafael Ortiz"]
    assert ortiz.country == country


@pytest.mark.parametrize(("sentence", "venue_country"), [
    ("President Rafael Ortiz concluded a Working Visit to the Kingdom of eSwatini where he held talks with "
     "His Majesty King Mswati III.", "Eswatini"),
    ("Prime Minister Rafael Ortiz recalled his visit to the Republic of Korea in February.", "South Korea"),
    ("Foreign Minister Rafael Ortiz held talks in New Zealand today.", "New Zealand"),
    ("Foreign Minister Rafael Ortiz spoke in Russian to the press.", None),
    ("Foreign Minister Rafael Ortiz made a visit to inspect the port.", None),
])
def test_a_visit_to_a_country_by_its_formal_name_or_a_country_named_like_its_people_is_a_place(sentence,
                                                                                                  venue_country):
    from meetings.extract import places

    assert places.place(sentence)[1] == venue_country


def test_the_king_a_visiting_president_held_talks_with_is_of_the_country_visited():
    (meeting,) = draft_of("President Rafael Ortiz concluded a Working Visit to the Kingdom of eSwatini where he "
                          "held talks with His Majesty King Mswati III on bilateral issues.",
                          url="https://www.thepresidency.gov.za/news/example").meetings
    assert attendees(meeting) == {("rafael ortiz", "South Africa"), (person_key("Mswati III"), "Eswatini")}


@pytest.mark.parametrize("office", [
    "Prime Minister of the State of Palestine",
    "Prime Minister and Minister of Foreign Affairs of the State of Palestine",
    "Prime Minister and Minister of Foreign Affairs and Expatriates of the State of Palestine",
])
def test_the_country_after_two_offices_written_after_the_name_is_the_persons(office):
    draft = draft_of(f"Prime Minister Rafael Ortiz received a phone call from Ana Quispe, {office}.")
    assert ("ana quispe", "Palestine") in {pair for m in draft.meetings for pair in attendees(m)}


@pytest.mark.parametrize("sentence", [
    "Foreign Minister of Chile Rafael Ortiz engaged in bilateral discussions with Foreign Minister of Peru Ana Quispe.",
    "Foreign Minister of Chile Rafael Ortiz travelled to Lima for consultations with Foreign Minister of Peru Ana Quispe.",
])
def test_discussions_or_consultations_with_an_official_are_a_meeting(sentence):
    (meeting,) = draft_of(sentence).meetings
    assert attendees(meeting) == {("rafael ortiz", "Chile"), ("ana quispe", "Peru")}


def test_looking_forward_to_discussions_is_no_meeting():
    assert draft_of("Foreign Minister of Chile Rafael Ortiz looked forward to holding deeper discussions with "
                    "Foreign Minister of Peru Ana Quispe.").meetings == []


def test_a_headline_of_offices_is_the_meeting_its_caption_names_once_the_office_holder_is_known():
    draft = extract("https://mfaft.gov.jm/news/example\n\nJanuary 6, 2023\n\n"
                    "Jamaica’s Foreign Minister holds bilateral discussions with Colombia’s Vice Minister of "
                    "Multilateral Affairs\n\n"
                    "Caption: Kamina Johnson Smith, Foreign Affairs Minister engages in bilateral discussions with "
                    "H.E. Ana Quispe, Vice Minister of Multilateral Affairs of the Republic of Colombia, within the "
                    "margins of the ACS Summit held on May 12 in Antigua, Guatemala.\n")
    (meeting,) = draft.meetings
    assert {("kamina johnson smith", "Jamaica"), ("ana quispe", "Colombia")} <= attendees(meeting)
    assert meeting.date == "2022-05-12"  # the caption's day, not the report's


@pytest.mark.parametrize(("sentence", "visits_someone"), [
    ("The Secretary-General visited the Secretary-General of BSEC, H.E. Ambassador Ana Quispe, at her Office.", True),
    ("Minister Rafael Ortiz visited President Ana Quispe at the palace.", True),
    ("Minister Rafael Ortiz visited the US to accompany President Ana Quispe to the General Assembly.", False),
    ("Minister Rafael Ortiz visited the President's Office in Lima.", False),
    ("Minister Rafael Ortiz visited the Prime Minister House.", False),
])
def test_a_visit_to_an_official_tells_a_meeting_a_visit_to_a_place_does_not(sentence, visits_someone):
    from meetings.extract import frames

    assert (frames.frame(sentence) is not None and frames.frame(sentence).name == "visited-official") == visits_someone


@pytest.mark.parametrize("verb", ["Chaired", "Received", "Visited", "Hosted", "Addressed"])
def test_a_capitalized_verb_after_a_name_is_not_part_of_it(verb):
    draft = draft_of(f"Foreign Minister of Chile Rafael Ortiz {verb} the meeting with Foreign Minister of Peru Ana "
                     "Quispe.")
    assert "Rafael Ortiz" in {a.name for a in draft.people}


@pytest.mark.parametrize(("item", "country"), [
    ("Ambassador Ana Quispe, Commissioner to the OECS for Grenada.", "Grenada"),
    ("Ambassador Ana Quispe, Commissioner to the OECS for Antigua and Barbuda; and others.", "Antigua and Barbuda"),
    ("Honourable Ana Quispe, Minister of Foreign Affairs and CARICOM Affairs, Commonwealth of Dominica (representing "
     "the Prime Minister).", "Dominica"),
    ("Ana Quispe, Chargé d'Affaires, Kuwait City.", None),  # where she is posted, not whose she is
])
def test_the_country_closing_an_attendee_item_after_the_office_is_the_persons(item, country):
    draft = draft_of("Foreign Minister of Chile Rafael Ortiz met Foreign Minister of Peru Lena Vogt in Lima. "
                     f"Also present at the meeting was {item}")
    found = {a.country for m in draft.meetings for a in m.attendees if a.name == "Ana Quispe"}
    assert found == {country} if country else found and "Kuwait" not in found


@pytest.mark.parametrize(("portfolio", "role"), [
    ("of the Interior", "Minister of the Interior"),
    ("of Finance", "Minister of Finance"),
    ("of Justice", "Minister of Justice"),
])
def test_a_portfolio_after_of_before_the_name_is_part_of_the_title(portfolio, role):
    draft = draft_of(f"Foreign Minister of Chile Rafael Ortiz met France’s Minister {portfolio} Lena Vogt in Lima.")
    (meeting,) = draft.meetings
    assert attendees(meeting) == {("rafael ortiz", "Chile"), ("lena vogt", "France")}
    assert {a.role for a in meeting.attendees if a.name == "Lena Vogt"} == {role}


def test_a_country_after_a_comma_and_of_is_the_persons():
    (meeting,) = draft_of("Foreign Minister of Chile Rafael Ortiz met in Lima with Minsk Group Co-Chair Lena Vogt, "
                          "of the United States of America.").meetings
    assert attendees(meeting) == {("rafael ortiz", "Chile"), ("lena vogt", "United States")}


def test_a_title_set_off_before_an_honoured_name_is_that_names_not_the_place_before_it():
    (meeting,) = draft_of("Today, at Maison Quéau de Quinssy, the Chinese Ambassador, H.E. Mrs. Lena Vogt, paid a "
                          "courtesy call on Mr. Rafael Ortiz, Minister for Foreign Affairs of Seychelles.").meetings
    assert attendees(meeting) == {("rafael ortiz", "Seychelles"), ("lena vogt", "China")}


def test_a_headline_without_a_full_stop_is_not_joined_to_the_line_after_it():
    draft = extract("https://www.gov.me/en/article/1\n\nPrime Minister of Chile Rafael Ortiz meets Ambassador of "
                    "Peru Lena Vogt\nPublished on: May 26, 2004 Author: Front page\nThe two officials exchanged "
                    "views on the region.\n")
    assert {a.name for m in draft.meetings for a in m.attendees} == {"Rafael Ortiz", "Lena Vogt"}


def test_lines_wrapped_by_hand_still_read_as_one_sentence():
    text = ("https://www.example.org/a\n\nOn 3 March 2021 the Foreign Minister of Chile Rafael Ortiz\nmet the "
            "Foreign Minister of Peru Ana Quispe in Lima\nand discussed trade, fisheries\nand the border with the "
            "Foreign Minister\nof Bolivia, who was not there.\nThey agreed to meet\nagain in May.\n")
    (meeting,) = extract(text).meetings
    assert attendees(meeting) == {("rafael ortiz", "Chile"), ("ana quispe", "Peru")}


def test_a_country_is_not_read_as_a_city_of_the_same_name_elsewhere():
    (meeting,) = draft_of("Foreign Minister of Chile Rafael Ortiz met Foreign Minister of Peru Ana Quispe in "
                          "Montenegro.").meetings
    assert meeting.venue_country == "Montenegro"


@pytest.mark.parametrize(("met", "group"), [("met with", "young scientists"),
                                           ("met with", "members of the business community"),
                                           ("met with", "the defenders"), ("met with", "senior officials"),
                                           ("met today in Port Louis, with", "Members of the Diplomatic Corps")])
def test_one_named_person_meeting_a_group_is_a_meeting(met, group):
    (meeting,) = draft_of(f"Foreign Minister of Chile Rafael Ortiz {met} {group} to exchange views.").meetings
    assert attendees(meeting) == {("rafael ortiz", "Chile")}


def test_those_who_also_attended_join_the_meeting_just_told_with_a_country_name_before_each_title():
    draft = draft_of("Minister for Defence Dr Rafael Ortiz attended the 11th Andean Defence Ministers' Meeting via "
                     "video-teleconference this afternoon. Peru Minister of Defence Ana Quispe, and the United Kingdom "
                     "Minister for the Armed Forces Lena Vogt, also attended virtually.")
    (meeting,) = draft.meetings
    assert attendees(meeting) >= {("ana quispe", "Peru"), ("lena vogt", "United Kingdom")}
    assert "Rafael Ortiz" in {a.name for a in meeting.attendees}


def test_an_initial_written_against_the_name_is_part_of_it():
    (meeting,) = draft_of("Defense Minister of Mongolia N.Enkhbold met Ana Quispe, Ambassador of Peru to "
                          "Mongolia.").meetings
    assert {a.name for a in meeting.attendees} == {"N.Enkhbold", "Ana Quispe"}


@pytest.mark.parametrize("spoken_of", ["to discuss Prime Minister Lena Vogt’s visit to Chile",
                                       "ahead of President Lena Vogt's visit"])
def test_a_person_whose_visit_is_discussed_is_not_an_attendee(spoken_of):
    draft = draft_of(f"Foreign Minister of Chile Rafael Ortiz met Foreign Minister of Peru Ana Quispe {spoken_of}.")
    assert "Lena Vogt" not in {a.name for m in draft.meetings for a in m.attendees}
    assert {a.name for m in draft.meetings for a in m.attendees} == {"Rafael Ortiz", "Ana Quispe"}


def test_a_portfolio_ending_in_the_pacific_is_part_of_the_title():
    (meeting,) = draft_of("Foreign Minister of Chile Rafael Ortiz met Australian Minister for International "
                          "Development and the Pacific, Hon. Pat Conroy.").meetings
    assert attendees(meeting) == {("rafael ortiz", "Chile"), ("pat conroy", "Australia")}


def test_a_departure_to_attend_a_meeting_and_the_delegation_travelling_make_no_meeting():
    draft = draft_of("Prime Minister of Chile Rafael Ortiz departed the country today to Nassau, Bahamas, to attend "
                     "the Meeting of the Heads of Government of the Caribbean Community. The Prime Minister is "
                     "accompanied by Hon. Ana Quispe, Minister of Foreign Affairs of Chile.")
    assert draft.meetings == []


def test_those_accompanying_a_visitor_join_the_meeting_just_told():
    (meeting,) = draft_of("Secretary General of the EAC Dr. Lena Vogt paid a courtesy call on President of Uganda "
                          "Rafael Ortiz in Entebbe. Dr. Vogt was accompanied by the Speaker of the East African "
                          "Legislative Assembly, Rt. Hon. Ana Quispe.").meetings
    assert {a.name for a in meeting.attendees if a.name} == {"Lena Vogt", "Rafael Ortiz", "Ana Quispe"}


def test_the_head_of_a_countrys_government_is_of_that_country():
    (meeting,) = draft_of("The Head of the Timor-Leste Government, Kay Rala Xanana Gusmão, received today the visit "
                          "of the Australian Minister of Foreign Affairs, Penny Wong, at the Government Palace.").meetings
    assert attendees(meeting) == {("kay rala xanana gusmao", "Timor-Leste"), ("penny wong", "Australia")}


def test_one_a_statement_opens_by_addressing_is_not_its_principal():
    draft = extract("https://www.embassyofindonesia.org/press-statement\n\nYour Excellency, Secretary Lena Vogt, "
                    "Colleagues from the media, welcome back to Jakarta.\n\nIt is an honour to have you back.\n\n"
                    "Secretary Vogt and I held a productive meeting this morning.\n")
    assert "Indonesia" not in {a.country for m in draft.meetings for a in m.attendees if a.name == "Lena Vogt"}


def test_the_co_chairs_of_a_group_are_an_office_not_a_meeting():
    draft = draft_of("The Secretary General of the United Nations stressed the importance of a peaceful resolution "
                     "and expressed his total support for the activities of the Co-Chairs of the OSCE Minsk Group.")
    assert draft.meetings == []


@pytest.mark.parametrize(("sentence", "name", "country"), [
    ("Foreign Minister of Chile Rafael Ortiz also met with her counterpart from the Dominican Republic, Mr. Miguel "
     "Vargas.", "Miguel Vargas", "Dominican Republic"),
    ("Foreign Minister of Chile Rafael Ortiz met with Philippe Bronchain, the new Director General for Africa in the "
     "Ministry of Foreign Affairs of Belgium.", "Philippe Bronchain", "Belgium"),
])
def test_a_counterpart_from_a_country_and_a_new_office_after_the_name_give_the_country(sentence, name, country):
    (meeting,) = draft_of(sentence).meetings
    assert attendees(meeting) == {("rafael ortiz", "Chile"), (person_key(name), country)}


def test_a_party_officials_title_and_a_venerables_name():
    draft = draft_of("A meeting between Foreign Minister of Chile Rafael Ortiz and National General Secretary of the "
                     "Bharatiya Janata Party (BJP) Ram Madhav was also held today. Minister Ortiz also met the Chief "
                     "Incumbent of the Vihara, Ven. Banagala Upatissa Thero.")
    assert "Ram Madhav" in {a.name for m in draft.meetings for a in m.attendees}
    assert all("Ven" not in (p.name or "") for p in draft.people)


@pytest.mark.parametrize(("official", "country"), [
    ("Rt. Hon. Lena Vogt, Minister of State, Foreign and Commonwealth Office", "United Kingdom"),
    ("National General Secretary of the Bharatiya Janata Party (BJP) Lena Vogt", "India"),
    ("Ms. Lena Vogt, Minister of State, Department of Energy and Climate Change", "United Kingdom"),
])
def test_an_institution_only_one_country_has_gives_the_officials_country(official, country):
    (meeting,) = draft_of(f"Foreign Minister of Chile Rafael Ortiz held a meeting with {official}; they discussed "
                          "trade.").meetings
    assert ("lena vogt", country) in attendees(meeting)


def test_a_place_named_later_in_the_sentence_is_not_the_officials_institution():
    draft = draft_of("Foreign Minister of Chile Rafael Ortiz met Ms. Lena Vogt, Special Envoy, in Downing Street.")
    assert "United Kingdom" not in {a.country for m in draft.meetings for a in m.attendees if a.name == "Lena Vogt"}


@pytest.mark.parametrize(("official", "name", "country"), [
    ("Minister of Foreign Affairs, Migration and Tunisians Abroad Lena Vogt", "lena vogt", "Tunisia"),
    ("Minister of Foreign Affairs and Senegalese Abroad Lena Vogt", "lena vogt", "Senegal"),
    ("French Secretary of State in charge of the Francophonie Jean-Baptiste Lemoyne", "jean baptiste lemoyne", "France"),
])
def test_a_portfolio_for_a_countrys_people_abroad_and_one_in_charge_of_a_field(official, name, country):
    (meeting,) = draft_of(f"Foreign Minister of Chile Rafael Ortiz held phone talks with {official}.").meetings
    assert (name, country) in attendees(meeting)


def test_a_title_alone_before_its_holder_is_named_is_that_holder():
    draft = draft_of("During his visit the Director-General held separate meetings with Rt. Hon. Ana Quispe, "
                     "Minister of State of Peru; and with Rt. Hon. Lena Vogt, Minister of State of Chile. Director-General "
                     "Rogelio Pfirter visited Lima on 8 May 2009.")
    met = [{a.name for a in m.attendees} for m in draft.meetings if len(m.attendees) == 2]
    assert {"Rogelio Pfirter", "Ana Quispe"} in met and {"Rogelio Pfirter", "Lena Vogt"} in met


def test_a_title_alone_is_not_made_the_other_side_of_its_own_meeting():
    (meeting,) = draft_of("The Prime Minister spoke with Prime Minister of Canada Mark Carney by telephone.").meetings
    assert len(meeting.attendees) == 2


def test_an_office_set_off_before_an_honoured_name_is_the_persons_office_not_the_form_of_address():
    draft = draft_of("The Executive Secretary of the Intergovernmental Authority on Development, H.E. Amb (Eng) "
                     "Lena Vogt, this morning received credential letters from the Ambassador of Somalia to Djibouti, "
                     "H.E. Dr. Ana Quispe.")
    assert {a.role for m in draft.meetings for a in m.attendees if a.name == "Lena Vogt"} == {"Executive Secretary"}
