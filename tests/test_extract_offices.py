"""The list of office holders (``data/office_holders.csv``): every row parses, one office of one
country has one holder at a time, and every role is one the table of titles records."""

import itertools
from importlib import resources

from meetings import titles
from meetings.extract import offices, places

ORGANIZATIONS = offices.ORGANIZATIONS


def test_every_row_parses_into_a_term_that_starts_before_it_ends():
    text = resources.files("meetings.data").joinpath("office_holders.csv").read_text("utf-8")
    rows = [line for line in text.splitlines() if line and not line.startswith("#")]
    assert rows[0] == "of,roles,name,from,to"
    assert len(offices.terms()) == len(rows) - 1
    for term in offices.terms():
        assert term.name == term.name.strip() and term.name, term
        assert term.end is None or term.start < term.end, term


def test_every_holder_is_of_a_country_or_an_organization_the_extractor_knows():
    unknown = {t.of for t in offices.terms() if t.of not in ORGANIZATIONS and places.country(t.of) != t.of}
    assert unknown == set()


def test_no_two_terms_of_one_office_of_one_country_overlap():
    by_office: dict[tuple[str, str], list[offices.Term]] = {}
    for term in offices.terms():
        for role in term.roles:
            by_office.setdefault((term.of, role), []).append(term)
    overlaps = []
    for office, terms in by_office.items():
        terms.sort(key=lambda t: t.start)
        for one, other in itertools.pairwise(terms):
            if one.end is None or other.start < one.end:
                overlaps.append((office, one.name, other.name))
    assert overlaps == []


def test_every_role_starts_with_a_title_the_table_knows_and_is_written_as_the_table_records_it():
    for role in {role for term in offices.terms() for role in term.roles}:
        words = titles.words(role)
        title = titles.title_at(words, 0)
        assert title is not None, role  # "Minister of International Relations and Cooperation" starts with "Minister"
        if title.end == len(words):  # a whole title: as recorded ("Minister of Defence", not "Defence Minister")
            assert title.role == role, role
