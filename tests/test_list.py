"""Filters and formats of `meetings list`, against a small set built for them."""

import csv
import io
import json

import pytest

from tests.conftest import listed_ids as ids
from tests.conftest import with_meetings

ARCHIVE = [
    ["--date", "2022-02-04", "--venue", "Beijing", "--venue-country", "China", "--kind", "summit",
     "--attendee", "Vladimir Putin, Russia, President", "--attendee", "Xi Jinping, China, President",
     "--topic", "energy"],
    ["--date", "2022-03", "--venue", "Moscow", "--venue-country", "Russia",
     "--attendee", "Hossein Amir-Abdollahian, Iran, Foreign Minister", "--attendee", "Sergey Lavrov, Russia, Foreign Minister"],
    ["--date", "2023", "--attendee", "Subrahmanyam Jaishankar, India", "--attendee", "Sergey Lavrov, Russia",
     "--topic", "Trade in energy"],
    ["--date", "2023-06-10", "--venue", "Moscow", "--venue-country", "Russia",
     "--attendee", "Rajnath Singh, India", "--attendee", "Lloyd Austin, USA", "--kind", "call"],
    ["--date", "2021-12-06", "--venue", "New Delhi", "--venue-country", "India", "--org", "SCO",
     "--attendee", "Narendra Modi, India, Prime Minister", "--attendee", "Vladimir Putin, Russia, President"],
]


@pytest.fixture
def archive(invoke):
    return with_meetings(invoke, ARCHIVE)


def test_newest_first(archive):
    assert ids(archive) == [4, 3, 2, 1, 5]


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--country", "Russia"], [3, 2, 1, 5]),
        (["--country", "RUS"], [3, 2, 1, 5]),
        (["--country", "India", "--country", "Russia"], [3, 5]),
        (["--country", "india", "--country", "russian federation"], [3, 5]),
        (["--country", "Iran"], [2]),
        (["--person", "lavrov"], [3, 2]),
        (["--person", "SERGEY LAVROV"], [3, 2]),
        (["--person", "Amir Abdollahian"], [2]),
        (["--from", "2023"], [4, 3]),
        (["--from", "2023-06"], [4, 3]),
        (["--to", "2022-03-15"], [2, 1, 5]),
        (["--from", "2022-03-15", "--to", "2022-03-15"], [2]),
        (["--topic", "energy"], [3, 1]),
        (["--org", "sco"], [5]),
        (["--kind", "call"], [4]),
        (["--country", "Russia", "--from", "2022", "--to", "2022-12-31"], [2, 1]),
        (["--country", "Russia", "--limit", "2"], [3, 2]),
        (["--person", "nobody at all"], []),
    ],
)
def test_filters(archive, args, expected):
    assert ids(archive, *args) == expected


def test_venue_country_alone_does_not_make_a_country_represented(archive):
    # Meeting 4 is held in Moscow, Russia, but only India and the USA attended it.
    assert 4 in ids(archive, "--venue-country", "Russia")
    assert 4 not in ids(archive, "--country", "Russia")


def test_sideline_meetings_are_rows_and_match_their_parents_framework(invoke_seeded):
    assert ids(invoke_seeded, "--org", "SCO") == [3, 2, 1]


def _archive_of(invoke, count: int, tmp_path) -> None:
    """`count` meetings, imported as a user would from JSON lines."""
    lines = [json.dumps({"date": f"{2000 + n % 25}-{n % 12 + 1:02d}-{n % 28 + 1:02d}", "title": f"Meeting {n}",
                         "attendees": [{"name": f"Person {n % 40}", "country": "France"},
                                       {"name": f"Other {n % 30}", "country": "India"}]})
             for n in range(count)]
    path = tmp_path / "archive.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    invoke("import", str(path))


def test_machine_formats_print_every_match_of_a_large_archive(invoke, tmp_path):
    _archive_of(invoke, 3000, tmp_path)
    assert len(json.loads(invoke("list", "--format", "json").stdout)) == 3000
    assert len(invoke("list", "--format", "jsonl").stdout.splitlines()) == 3000
    for fmt in ("csv", "tsv"):
        rows = list(csv.reader(io.StringIO(invoke("list", "--format", fmt).stdout),
                               delimiter="," if fmt == "csv" else "\t"))
        assert len(rows) == 1 + 3000
    result = invoke("list", "--format", "json")
    assert "shown" not in result.stderr


def test_table_shows_a_page_with_a_note_and_limit_chooses(invoke, tmp_path):
    _archive_of(invoke, 55, tmp_path)
    table = invoke("list")
    assert len(table.stdout.splitlines()) == 2 + 50
    assert "(first 50 shown; --limit 0 shows all)" in table.stderr
    assert len(invoke("list", "--limit", "0").stdout.splitlines()) == 2 + 55
    assert len(json.loads(invoke("list", "--format", "json", "--limit", "7").stdout)) == 7
    assert len(ids(invoke, "--limit", "0")) == 55


def test_csv_output_parses_back(archive):
    out = archive("list", "--format", "csv", "--country", "Russia").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [int(r["id"]) for r in rows] == [3, 2, 1, 5]
    assert rows[1]["date"] == "2022-03"
    assert rows[1]["attendees"] == ("Hossein Amir-Abdollahian, Iran, Foreign Minister; "
                                    "Sergey Lavrov, Russia, Foreign Minister")


def test_table_and_markdown(invoke_seeded):
    table = invoke_seeded("list").stdout.splitlines()
    assert table[0].split() == ["id", "date", "title", "place", "countries", "kind"]
    markdown = invoke_seeded("list", "--format", "markdown").stdout.splitlines()
    assert markdown[0].startswith("| id ")
    assert markdown[1].startswith("|--")
    assert len(markdown) == 5


def test_json_has_the_documented_fields(invoke_seeded):
    [meeting] = json.loads(invoke_seeded("list", "--format", "json", "--kind", "summit").stdout)
    for key in ("id", "title", "date", "end_date", "venue", "venue_country", "kind", "organization",
                "attendees", "topics", "sources"):
        assert key in meeting
    assert meeting["end_date"] is None


def test_no_match_says_so_on_stderr(invoke):
    result = invoke("list", "--country", "Peru")
    assert result.stdout == ""
    assert "No meetings match" in result.stderr


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--from", "2024", "--to", "2023"], "--to"),
        (["--limit", "-1"], "--limit"),
        (["--country", "Rusia"], "--country"),
        (["--country", "Korea"], "--country"),
        (["--from", "28/04/2023"], "--from"),
        (["--to", "2023-13"], "--to"),
        (["--kind", "dinner"], "--kind"),
        (["--person", "..."], "--person"),
    ],
)
def test_bad_filters_are_refused(invoke, args, field):
    result = invoke("list", *args, ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"meetings: {field}:")
    assert len(result.stderr.strip().splitlines()) == 1
