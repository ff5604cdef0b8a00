"""One test per fact of the seed report, read back through the CLI as a user would."""

import json

import pytest


@pytest.fixture
def meetings_json(invoke_seeded):
    return json.loads(invoke_seeded("list", "--format", "json", "--limit", "0").stdout)


def by_title(meetings, fragment):
    [meeting] = [m for m in meetings if fragment in m["title"]]
    return meeting


def attendee(meeting, name):
    [found] = [a for a in meeting["attendees"] if a["name"] == name]
    return found


def test_the_seed_holds_three_meetings(meetings_json):
    assert len(meetings_json) == 3


def test_sco_defence_ministers_meeting_in_new_delhi(meetings_json):
    meeting = by_title(meetings_json, "Defence Ministers' Meeting")
    assert (meeting["date"], meeting["venue"], meeting["venue_country"]) == ("2023-04-28", "New Delhi", "India")
    assert meeting["organization"] == "SCO"
    assert meeting["kind"] == "multilateral"


def test_rajnath_singh_chairs_and_hosts(meetings_json):
    singh = attendee(by_title(meetings_json, "Defence Ministers' Meeting"), "Rajnath Singh")
    assert (singh["country"], singh["role"], singh["chair"], singh["host"]) == ("India", "Minister of Defence", True, True)


@pytest.mark.parametrize(
    ("name", "country", "rank"),
    [
        ("Li Shangfu", "China", None),
        ("Sergei Shoigu", "Russia", "Army General"),
        ("Sherali Mirzo", "Tajikistan", "Colonel General"),
        ("Mohammad Reza Gharaei Ashtiyani", "Iran", "Brigadier General"),
        ("Ruslan Zhaksylykov", "Kazakhstan", "Colonel General"),
    ],
)
def test_each_named_minister_attends_with_country_and_rank(meetings_json, name, country, rank):
    minister = attendee(by_title(meetings_json, "Defence Ministers' Meeting"), name)
    assert (minister["country"], minister["rank"], minister["role"]) == (country, rank, "Minister of Defence")


def test_india_russia_bilateral_on_the_sidelines(meetings_json):
    summit = by_title(meetings_json, "Defence Ministers' Meeting")
    bilateral = by_title(meetings_json, "India–Russia")
    assert bilateral["kind"] == "bilateral"
    assert bilateral["sideline_of"] == summit["id"]
    assert bilateral["date"] == "2023-04-28"
    assert [(a["name"], a["country"]) for a in bilateral["attendees"]] == [
        ("Rajnath Singh", "India"), ("Sergei Shoigu", "Russia")]


def test_bilateral_topics_are_every_topic_the_report_lists(meetings_json):
    topics = set(by_title(meetings_json, "India–Russia")["topics"])
    assert topics == {
        "bilateral defence cooperation",
        "military-to-military ties",
        "defence industrial partnership",
        "Russian defence industry participation in Make in India",
        "regional peace and security",
    }


def test_founding_summit_2001_at_year_precision(meetings_json):
    summit = by_title(meetings_json, "founding summit")
    assert (summit["date"], summit["venue"], summit["venue_country"], summit["kind"]) == (
        "2001", "Shanghai", "China", "summit")
    assert sorted(a["country"] for a in summit["attendees"]) == sorted(
        ["Russia", "China", "Kyrgyzstan", "Kazakhstan", "Tajikistan", "Uzbekistan"])
    assert all(a["name"] is None and a["role"] == "President" for a in summit["attendees"])


def test_every_meeting_cites_the_report(meetings_json):
    for meeting in meetings_json:
        [source] = meeting["sources"]
        assert source["published"] == "2023-04-28"
        assert "PTI" in source["reference"]


def test_sco_membership(seeded_path):
    from tests.conftest import query

    rows = set(query(seeded_path,
                     "SELECT m.country_code, m.status, m.since_year, m.until_year FROM organization_members m "
                     "JOIN organizations o ON o.id = m.organization_id WHERE o.acronym = 'SCO'"))
    [(name,)] = query(seeded_path, "SELECT name FROM organizations WHERE acronym = 'SCO'")
    assert name == "Shanghai Cooperation Organisation"
    founders = {(code, "member", 2001, None) for code in ("RU", "CN", "KG", "KZ", "TJ", "UZ")}
    assert rows == founders | {("IN", "observer", 2005, 2017), ("IN", "member", 2017, None),
                               ("PK", "member", 2017, None)}


def test_init_twice_adds_nothing(invoke_seeded, snapshot):
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("init")
    assert "0 meetings added, 3 already present" in result.stdout
    assert snapshot(invoke_seeded.path) == before


def test_init_empty_skips_the_seed(tmp_path, backend):
    from tests.conftest import Invoker

    invoke = Invoker(backend.new(tmp_path, "blank"))
    invoke("init", "--empty")
    assert json.loads(invoke("list", "--format", "json").stdout) == []
    assert "3 meetings added" in invoke("init").stdout


def test_list_country_russia_shows_the_seed_meetings(invoke_seeded):
    out = invoke_seeded("list", "--country", "Russia").stdout
    lines = out.splitlines()
    assert "India–Russia bilateral meeting" in lines[2]
    assert "SCO Defence Ministers' Meeting" in lines[3]
    assert "SCO founding summit" in lines[4]
    assert len(lines) == 5
