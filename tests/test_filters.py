"""Every filter alone and combined, against an archive built for them: several countries,
partial dates, aliases and sideline meetings."""

import json

import pytest

from tests.conftest import listed_ids as ids
from tests.conftest import with_meetings

ARCHIVE = [
    # 1: a summit with a sideline meeting (2)
    ["--date", "2023-07-04", "--end-date", "2023-07-05", "--title", "SCO Heads of State Council", "--kind", "summit",
     "--venue", "New Delhi", "--venue-country", "India", "--org", "SCO",
     "--attendee", "Narendra Modi, India, Prime Minister", "--attendee", "Vladimir Putin, Russia, President",
     "--attendee", "Xi Jinping, China, President", "--attendee", "Ebrahim Raisi, Iran, President",
     "--topic", "regional security", "--summary", "Iran joins as a full member."],
    ["--date", "2023-07-04", "--sideline-of", "1", "--venue", "New Delhi", "--venue-country", "India",
     "--attendee", "Narendra Modi, India", "--attendee", "Ebrahim Raisi, Iran", "--topic", "Chabahar port"],
    # 3: year precision only
    ["--date", "2023", "--title", "Strategic dialogue", "--attendee", "Sergey Lavrov, Russia, Foreign Minister",
     "--attendee", "Subrahmanyam Jaishankar, India, External Affairs Minister", "--topic", "oil trade"],
    # 4: month precision, venue in a third country
    ["--date", "2022-03", "--venue", "Antalya", "--venue-country", "Turkey",
     "--attendee", "Sergey Lavrov, Russia", "--attendee", "Dmytro Kuleba, Ukraine", "--kind", "bilateral"],
    # 5: a call, accented name
    ["--date", "2024-01-15", "--kind", "call", "--attendee", "Penny Wong, Australia, Foreign Minister",
     "--attendee", "José Manuel Albares, Spain, Foreign Minister"],
    # 6: older, sorted by title before others
    ["--date", "2019-06-14", "--venue", "Bishkek", "--venue-country", "Kyrgyzstan", "--org", "SCO",
     "--title", "Astana follow-up", "--attendee", "Vladimir Putin, Russia, President",
     "--attendee", "Xi Jinping, China, President"],
]


@pytest.fixture
def archive(invoke):
    return with_meetings(invoke, ARCHIVE)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--any-country", "Iran", "--any-country", "Ukraine"], [2, 1, 4]),
        (["--country", "India", "--any-country", "Iran", "--any-country", "Russia"], [2, 1, 3]),
        (["--venue", "new delhi"], [2, 1]),
        (["--venue", "ANTAL"], [4]),
        (["--venue-country", "Türkiye"], [4]),
        (["--venue-country", "IN", "--kind", "summit"], [1]),
        (["--sideline-of", "1"], [2]),
        (["--org", "SCO"], [2, 1, 6]),
        (["--person", "putin"], [1, 6]),
        (["--person", "Jose Manuel Albares"], [5]),
        (["--person", "albarés"], [5]),
        (["--person", "Manuel"], [5]),
        (["--person", "man*"], [5]),
        (["--person", "man"], []),  # a whole word, not the start of one
        (["--person", "putin", "--person", "albares"], [5, 1, 6]),  # a repeat is any of them
        (["--kind", "call", "--kind", "summit"], [5, 1]),
        (["--venue", "delhi", "--venue", "antalya"], [2, 1, 4]),
        (["--venue-country", "India", "--venue-country", "Turkey"], [2, 1, 4]),
        (["--topic", "oil", "--topic", "chabahar"], [2, 3]),
        (["--role", "foreign minister"], [5, 3]),
        (["--role", "president", "--country", "Iran"], [1]),
        (["--role", "president", "--person", "putin"], [1, 6]),
        (["--role", "prime minister", "--person", "putin"], []),  # the role is Putin's own
        (["--search", "chabahar"], [2]),
        (["--search", "full member"], [1]),
        (["--search", '"full member"'], [1]),
        (["--search", "oil OR Antalya"], [3, 4]),
        (["--search", "lavrov NOT antalya"], [3]),
        (["--search", "Jos*"], [5]),
        (["--search", "albares"], [5]),
        (["--sort", "date"], [6, 4, 3, 1, 2, 5]),
        (["--sort", "title", "--org", "SCO"], [6, 2, 1]),
        (["--sort", "-id", "--limit", "2"], [6, 5]),
        (["--sort", "id", "--offset", "4"], [5, 6]),
        (["--offset", "1", "--limit", "2"], [2, 1]),
    ],
)
def test_filters(archive, args, expected):
    assert ids(archive, *args) == expected


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        # A meeting dated only "2023" may have run in any month of 2023.
        (["--from", "2023-04"], [5, 2, 1, 3]),
        (["--from", "2023-05", "--to", "2023-05"], [3]),
        (["--to", "2023-04"], [3, 4, 6]),
        # A month-dated meeting may have run on any of its days.
        (["--from", "2022-03-31", "--to", "2022-03-31"], [4]),
        (["--from", "2022-04-01", "--to", "2022-12-31"], []),
        # A meeting over two days matches on its second.
        (["--from", "2023-07-05", "--to", "2023-07-05"], [1, 3]),
        (["--from", "2023"], [5, 2, 1, 3]),
    ],
)
def test_partial_dates_compare_as_intervals(archive, args, expected):
    assert ids(archive, *args) == expected


def test_an_alias_finds_the_person(archive):
    lavrov = [p for p in json.loads(archive("people", "--format", "json").stdout) if p["name"] == "Sergey Lavrov"]
    assert len(lavrov) == 1
    archive("people", "alias", str(lavrov[0]["id"]), "Sergei Viktorovich Lavrov")
    assert ids(archive, "--person", "Sergei Lavrov") == [3, 4]
    assert ids(archive, "--person", "sergei viktorovich lavrov") == [3, 4]
    assert ids(archive, "--search", "viktorovich") == [3, 4]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--search", '"unbalanced'], "--search"),
        (["--search", "AND"], "--search"),
        (["--search", " "], "--search"),
        (["--sort", "country; DROP TABLE meetings"], "--sort"),
        (["--offset", "-1"], "--offset"),
        (["--any-country", "Narnia"], "--any-country"),
        (["--venue-country", "Congo"], "--venue-country"),
        (["--sideline-of", "99"], "--sideline-of"),
        (["--role", ""], "--role"),
        (["--role", "  "], "--role"),
        (["--person", "*"], "--person"),
        (["--from", "2020", "--from", "2021"], "--from"),
        (["--sort", "date", "--sort", "title"], "--sort"),
        (["--search", "a", "--search", "b"], "--search"),
        (["--columns", "id,nope"], "--columns"),
        (["--columns", ","], "--columns"),
        (["--tablefmt", "nope"], "--tablefmt"),
        (["--tablefmt", "grid", "--format", "csv"], "--tablefmt"),
    ],
)
def test_bad_filter_and_output_options_are_refused(archive, args, field, snapshot):
    before = snapshot(archive.path)
    result = archive("list", *args, ok=False)
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith(f"meetings: {field}:")
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""
    assert snapshot(archive.path) == before


def test_like_wildcards_in_values_are_literal(archive):
    assert ids(archive, "--venue", "%") == []
    assert ids(archive, "--venue", "_") == []


def index_rows(path):
    from tests.conftest import query

    key = "meeting_id" if "://" in str(path) else "rowid"
    indexed = {row[0] for row in query(path, f"SELECT {key} FROM meetings_search")}
    meetings = {row[0] for row in query(path, "SELECT id FROM meetings")}
    return indexed, meetings


def test_search_index_stays_in_step_after_add_edit_delete_merge(archive):
    indexed, meetings = index_rows(archive.path)
    assert set(indexed) == meetings
    archive("delete", "4", "--yes")
    archive("edit", "3", "--add-topic", "wheat corridor")
    archive("add", "--date", "2024-03", "--attendee", "S. Lavrov, Russia", "--topic", "grain")
    lavrov = [p["id"] for p in json.loads(archive("people", "--format", "json", "--search", "lavrov").stdout)]
    archive("people", "merge", str(lavrov[0]), str(lavrov[1]))
    indexed, meetings = index_rows(archive.path)
    assert set(indexed) == meetings
    assert ids(archive, "--search", "antalya") == []
    assert ids(archive, "--search", "wheat") == [3]
    assert ids(archive, "--search", '"S. Lavrov"') == [7, 3]


def test_a_common_term_under_a_limit_gives_the_same_meetings_as_the_full_search(invoke, tmp_path, backend):
    import json as json_module

    from meetings.cli.options import build_filter
    from meetings.db import open_database, read_scope
    from meetings.services.search import walk_in_date_order

    path = tmp_path / "many.jsonl"
    rows = [{"title": f"Talks {i}" + (" on grain" if i % 3 else ""), "date": f"{1990 + i % 30}-{1 + i % 12:02d}-01",
             "attendees": [{"name": f"Envoy {i}", "country": "France"}]} for i in range(1500)]
    path.write_text("\n".join(json_module.dumps(r) for r in rows) + "\n")
    invoke("import", str(path))

    def ids(*args):
        return [m["id"] for m in json_module.loads(invoke("list", "--format", "json", *args).stdout)]

    engine = open_database(str(invoke.path))
    with read_scope(engine) as connection:
        walks = walk_in_date_order(connection, build_filter(search="grain", limit=20))
        assert walks == (backend.name == "sqlite")  # the plan under test is the one taken
        assert not walk_in_date_order(connection, build_filter(search="grain", limit=None))
    engine.dispose()
    for sort in ("-date", "date"):
        everything = ids("--search", "grain", "--sort", sort, "--limit", "0")
        assert len(everything) == 1000
        assert ids("--search", "grain", "--sort", sort, "--limit", "20") == everything[:20]
        assert ids("--search", "grain", "--sort", sort, "--limit", "20", "--offset", "990") == everything[990:]
