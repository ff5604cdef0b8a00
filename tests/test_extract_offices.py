"""The list of office holders (``data/office_holders.csv``): every row parses, one office of one
country has one holder at a time, and every role is one the table of titles records."""

import itertools
from importlib import resources

import pytest

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


@pytest.mark.parametrize(
    ("sentence", "source", "expected"),
    [
        ("The OSCE Secretary General visited Skopje.", None, "OSCE"),
        ("The Secretary General met the Permanent Council.", "https://www.oas.org/en/media_center/press.asp", "OAS"),
        ("The Secretary General opened the meeting.", "https://asean.org/news/", "ASEAN"),
        ("The Secretary General opened the meeting.", "https://www.mfa.gov.sg/news/", None),
    ],
)
def test_an_official_by_title_alone_serves_the_organization_written_before_it_or_publishing(sentence, source, expected):
    assert offices.organization_of(sentence, source) == expected


def test_the_secretary_general_of_an_organization_on_a_date_is_its_holder_then():
    assert offices.holder("Secretary General", "OAS", "2020-03-01") == "Luis Almagro"
    assert offices.holder("Secretary General", "ASEAN", "2024-05") == "Kao Kim Hourn"
