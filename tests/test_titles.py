"""meetings.titles: a person string read apart into name, role, rank and the country a title implies."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetings.titles import Person, split_people, split_title, strip_honorifics, title_at, words


@pytest.mark.parametrize(("text", "expected"), [
    ("Prime Minister Kyriakos Mitsotakis", Person("Kyriakos Mitsotakis", role="Prime Minister")),
    ("Kyriakos Mitsotakis, Prime Minister of Greece", Person("Kyriakos Mitsotakis", role="Prime Minister",
                                                             country="Greece")),
    ("President of the Republic of Poland Andrzej Duda", Person("Andrzej Duda", role="President", country="Poland")),
    ("Raksha Mantri Shri Rajnath Singh", Person("Rajnath Singh", role="Minister of Defence", country="India")),
    ("Army General Sergei Shoigu", Person("Sergei Shoigu", rank="Army General")),
    ("Defence Minister Army General Sergei Shoigu", Person("Sergei Shoigu", role="Minister of Defence",
                                                           rank="Army General")),
    ("Secretary of Defense Lloyd J. Austin III", Person("Lloyd J. Austin III", role="Secretary of Defense",
                                                        country="United States")),
    ("Defense Secretary Lloyd Austin Jr.", Person("Lloyd Austin Jr.", role="Secretary of Defense",
                                                  country="United States")),
    ("Deputy Secretary of Defense Kathleen Hicks", Person("Kathleen Hicks", role="Deputy Secretary of Defense",
                                                          country="United States")),
    ("acting Foreign Minister Ali Bagheri Kani", Person("Ali Bagheri Kani", role="Minister of Foreign Affairs")),
    ("H.E. Mr. Ali Bagheri Kani", Person("Ali Bagheri Kani")),
    ("Dato' Seri Anwar Ibrahim", Person("Anwar Ibrahim")),
    ("External Affairs Minister Dr. S. Jaishankar", Person("S. Jaishankar", role="Minister of External Affairs",
                                                           country="India")),
    ("the Prime Minister", Person(None, role="Prime Minister")),
    ("Narendra Modi", Person("Narendra Modi")),
    ("Minister of Defense Pal Jonson", Person("Pal Jonson", role="Minister of Defence")),
])
def test_split_title(text, expected):
    assert split_title(text) == expected


@pytest.mark.parametrize(("cell", "names"), [
    ("President Andrzej Duda and Prime Minister Donald Tusk", ["Andrzej Duda", "Donald Tusk"]),
    ("Deputy Prime Minister and Foreign Minister Radosław Sikorski", ["Radosław Sikorski"]),
    ("Kyriakos Mitsotakis, Prime Minister of Greece", ["Kyriakos Mitsotakis"]),
    ("Lloyd Austin, Jr. and Antony Blinken", ["Lloyd Austin Jr.", "Antony Blinken"]),
    ("Joe Biden; Kamala Harris", ["Joe Biden", "Kamala Harris"]),
    ("President Joe Biden, Prime Minister Fumio Kishida, and President Yoon Suk Yeol",
     ["Joe Biden", "Fumio Kishida", "Yoon Suk Yeol"]),
    ("Olaf Scholz, Chancellor, and Emmanuel Macron, President", ["Olaf Scholz", "Emmanuel Macron"]),
])
def test_split_people(cell, names):
    assert [person.name for person in split_people(cell)] == names


def test_split_people_keeps_each_persons_title():
    duda, tusk = split_people("President Andrzej Duda and Prime Minister Donald Tusk")
    assert (duda.role, tusk.role) == ("President", "Prime Minister")
    [sikorski] = split_people("Deputy Prime Minister and Foreign Minister Radosław Sikorski")
    assert sikorski.role == "Deputy Prime Minister, Minister of Foreign Affairs"


@pytest.mark.parametrize(("cell", "people"), [
    # Registers of visits: title and name in one cell, sometimes two people.
    ("President Anwar Sadat, Prime Minister Mustafa Khalil",
     [("Anwar Sadat", "President"), ("Mustafa Khalil", "Prime Minister")]),
    ("King Abdullah and Crown Prince Hussein", [("Abdullah", "King"), ("Hussein", "Crown Prince")]),
    ("President Benigno S. Aquino, 3rd", [("Benigno S. Aquino 3rd", "President")]),
    ("President Surangel Whipps, Jr", [("Surangel Whipps Jr", "President")]),
    ("Premier Khrushchev", [("Khrushchev", "Premier")]),
    ("Premier and Prince Sihanouk", [("Sihanouk", "Premier, Prince")]),
    ("President-elect Luiz Lula da Silva", [("Luiz Lula da Silva", "President-elect")]),
    ("President- designate Roberto E. Viola", [("Roberto E. Viola", "President-designate")]),
    ("Amir Sheikh Tamim bin Hamad Al Thani", [("Sheikh Tamim bin Hamad Al Thani", "Emir")]),
    ("General Secretary Mikhail S. Gorbachev", [("Mikhail S. Gorbachev", "General Secretary")]),
    ("Chairman Park", [("Park", "Chairman")]),
    ("Queen Elizabeth II", [("Elizabeth II", "Queen")]),
    ("Prime Minster Adrian Nastase", [("Adrian Nastase", "Prime Minister")]),
    ("Tom Speaker", [("Tom Speaker", None)]),
    # UK ministers' meetings returns: the offices, then the minister.
    ("Minister for the Cabinet Office, Paymaster General, The Rt Hon Francis Maude MP",
     [("Francis Maude", "Minister for the Cabinet Office, Paymaster General")]),
    ("Minister of State (Minister for Government Policy), The Rt Hon Oliver Letwin MP",
     [("Oliver Letwin", "Minister of State (Minister for Government Policy)")]),
    ("Minister of State for Cities and the Constitution,  The Rt Hon Greg Clark MP",
     [("Greg Clark", "Minister of State for Cities and the Constitution")]),
    ("Minister Without Portfolio, Rt Hon Grant Shapps MP", [("Grant Shapps", "Minister without Portfolio")]),
    ("Prime Minister, The Rt Hon David Cameron MP", [("David Cameron", "Prime Minister")]),
    ("Prime Minister", [(None, "Prime Minister")]),
])
def test_split_people_reads_cells_as_registers_publish_them(cell, people):
    assert [(person.name, person.role) for person in split_people(cell)] == people


def test_title_at_reads_a_sentence_position_and_spells_defence_both_ways():
    tokens = words("Yesterday Minister of National Defense Wladyslaw Kosiniak-Kamysz met ...")
    title = title_at(tokens, 1)
    assert title is not None and (title.role, tokens[title.end]) == ("Minister of National Defence", "Wladyslaw")
    assert title_at(tokens, 0) is None
    free = title_at(words("Senior Undersecretary Irineo Espino"), 0, free=True)
    assert free is not None and free.role == "Senior Undersecretary"


def test_strip_honorifics_leaves_a_name_without_them_alone():
    assert strip_honorifics("Shri Rajnath Singh") == "Rajnath Singh"
    assert strip_honorifics("Mr. Mr Hon. Ali Sabry") == "Ali Sabry"
    assert strip_honorifics("Heather Humphreys") == "Heather Humphreys"


NAME = st.lists(st.sampled_from(["Anna", "Kowalska", "Li", "Wei", "O'Brien", "Jean-Yves", "Zoë", "Mirzo"]),
                min_size=2, max_size=4).map(" ".join)


@given(title=st.sampled_from(["Prime Minister", "Foreign Minister", "Defence Minister", "President",
                              "Deputy Foreign Minister", "Minister of Foreign Affairs"]),
       honorific=st.sampled_from(["", "H.E. ", "Mr. ", "Dr. "]), name=NAME)
def test_a_title_and_honorific_before_any_name_leave_the_name(title, honorific, name):
    person = split_title(f"{title} {honorific}{name}")
    assert person.name == name
    assert person.role is not None
