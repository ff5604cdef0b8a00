"""Datasette on the database, read through Datasette's own test client; and the plain views any
SQL client sees, on SQLite and PostgreSQL."""

import asyncio
import json
from pathlib import Path

import pytest

from tests.conftest import query, without_module


def test_views_show_dates_as_recorded_and_countries_by_name(invoke_seeded):
    rows = {row[0]: row for row in query(invoke_seeded.path, "SELECT id, date, end_date, first_day, last_day, "
                                                              "countries, venue_country, organization FROM meetings_readable")}
    summit = rows[1]
    assert summit[1:5] == ("2001", None, "2001-01-01", "2001-12-31")
    assert json.loads(summit[5]) == sorted(["Russia", "China", "Kyrgyzstan", "Kazakhstan", "Tajikistan", "Uzbekistan"])
    assert summit[6:] == ("China", "SCO")
    with_russia = query(invoke_seeded.path, "SELECT meeting_id FROM meeting_countries WHERE country = 'Russia' "
                                            "ORDER BY meeting_id")
    assert [r[0] for r in with_russia] == [1, 2, 3]
    assert query(invoke_seeded.path, "SELECT country_code FROM meeting_countries WHERE meeting_id = 3 "
                                     "ORDER BY country_code") == [("IN",), ("RU",)]


def get(datasette, path: str):
    async def fetch():
        return await datasette.client.get(path)

    response = asyncio.run(fetch())
    assert response.status_code == 200, response.text
    return response.json()


@pytest.fixture
def served(invoke_seeded, backend):
    if backend.name != "sqlite":
        pytest.skip("Datasette opens SQLite files")
    from meetings.web import datasette_for

    invoke_seeded("add", "--date", "2024-07-09", "--attendee", "Narendra Modi, India", "--attendee",
                  "Vladimir Putin, Russia", "--title", "Annual summit")
    path = Path(invoke_seeded.path)
    return datasette_for(path), path.stem


@pytest.mark.parametrize("table", ["meetings", "meetings_readable"])
def test_search_box_runs_the_full_text_index(served, table):
    datasette, name = served
    found = get(datasette, f"/{name}/{table}.json?_search=Shoigu&_shape=array")
    assert sorted(row["id"] for row in found) == [2, 3]
    assert len(get(datasette, f"/{name}/{table}.json?_shape=array")) == 4


def test_readable_view_facets_on_attending_countries(served):
    datasette, name = served
    data = get(datasette, f"/{name}/meetings_readable.json")
    facet = {item["value"]: item["count"] for item in data["facet_results"]["countries"]["results"]}
    assert facet["Russia"] == 4 and facet["India"] == 3 and facet["Uzbekistan"] == 1
    russia = get(datasette, f"/{name}/meetings_readable.json?_facet_array=countries&countries__arraycontains=India"
                            "&_shape=array")
    assert sorted(row["id"] for row in russia) == [2, 3, 4]


def test_foreign_keys_show_labels(served):
    datasette, name = served
    rows = get(datasette, f"/{name}/attendances.json?_labels=on&_shape=array&meeting_id=3")
    assert {row["person_id"]["label"] for row in rows} == {"Rajnath Singh", "Sergei Shoigu"}
    assert {row["country_code"]["label"] for row in rows} == {"India", "Russia"}


def test_canned_queries_answer_the_readme_questions(served):
    datasette, name = served
    met = get(datasette, f"/{name}/meetings_between_two_countries.json?first_country=India&second_country=Russia"
                         "&since=2022-01-01&_shape=array")
    assert [row["id"] for row in met] == [4, 3, 2]
    shoigu = get(datasette, f"/{name}/who_met_a_person.json?name=Shoigu&_shape=array")
    assert sorted(row["id"] for row in shoigu) == [2, 3]
    last = {row["country"]: row["last_day"] for row in
            get(datasette, f"/{name}/last_contact_with_each_country.json?country=India&_shape=array")}
    assert last["Russia"] == "2024-07-09" and last["Iran"] == "2023-04-28"
    pairs = {row["pair"]: row["meetings"] for row in get(datasette, f"/{name}/who_met_whom.json?_shape=array")}
    assert pairs["India – Russia"] == 3


def test_serve_without_the_extra_names_it(invoke_seeded, monkeypatch, backend):
    without_module(monkeypatch, "datasette")
    result = invoke_seeded("serve", ok=False)
    if backend.name == "sqlite":
        assert result.exit_code == 6
        assert result.stderr == 'meetings: meetings serve needs the optional part "web": pip install "meetings[web]"\n'
    else:
        assert result.exit_code == 2 and result.stderr.startswith("meetings: --db: Datasette opens SQLite files")
