"""Each job has one path: `add`, `edit`, `import`, the fixture loader and `db copy --merge` write
through one writer, so what they store (rows, search index, duplicate signature) is the same."""

import json

import pytest

from tests.conftest import Invoker, query

MEETING = ["--date", "2023-04-28", "--title", "Talks; on trade", "--venue", "New Delhi", "--venue-country", "India",
           "--attendee", "Rajnath Singh, India, Minister of Defence", "--attendee", "Sergei Shoigu, Russia",
           "--attendee", ", Russia, Ambassador", "--topic", "defence", "--topic", "arms, exports",
           "--source", "https://example.org/a", "--summary", "Two lines\nof summary.", "--org", "SCO", "--kind", "visit"]


def stored(target):
    """What a database holds about its meetings, ids and timestamps aside."""
    return {
        "meetings": query(target, "SELECT title, start_date, start_precision, end_date, end_precision, last_day, venue, "
                                  "venue_country_code, kind, summary FROM meetings ORDER BY id"),
        "attendances": query(target, "SELECT p.name, a.country_code, a.role, a.rank, a.is_host, a.is_chair, a.position "
                                     "FROM attendances a LEFT JOIN people p ON p.id = a.person_id "
                                     "ORDER BY a.meeting_id, a.position"),
        "topics": query(target, "SELECT t.name FROM meeting_topics mt JOIN topics t ON t.id = mt.topic_id "
                                "ORDER BY mt.meeting_id, t.key"),
        "organizations": query(target, "SELECT o.acronym FROM meetings m JOIN organizations o ON o.id = m.organization_id"),
        "search": [m["id"] for m in json.loads(Invoker(target)("list", "--search", "summary", "--format", "json").stdout)],
    }


def test_an_add_and_an_import_of_the_same_meeting_store_the_same(tmp_path, backend):
    added = Invoker(backend.new(tmp_path))
    added("add", *MEETING)
    exported = tmp_path / "one.json"
    exported.write_text(added("list", "--format", "json").stdout, encoding="utf-8")
    imported = Invoker(backend.new(tmp_path))
    imported("import", str(exported))
    assert stored(imported.path) == stored(added.path)
    assert stored(added.path)["search"] == [1]


def test_an_edit_stores_what_an_add_of_the_result_stores(tmp_path, backend):
    edited = Invoker(backend.new(tmp_path))
    edited("add", "--date", "2020", "--attendee", "Somebody Else, France")
    edited("edit", "1", *MEETING)
    added = Invoker(backend.new(tmp_path))
    added("add", *MEETING)
    assert stored(edited.path) == stored(added.path)


@pytest.mark.parametrize("shape", [["--format", "csv"], ["--format", "json"]])
def test_a_meeting_added_is_recognised_by_an_import_of_it(invoke, tmp_path, shape):
    """The signature of a recorded meeting (from its rows) and of a record (from its fields) are
    built by one function: an import of an added meeting finds it."""
    invoke("add", *MEETING)
    exported = tmp_path / ("again." + shape[1])
    exported.write_text(invoke("list", *shape).stdout, encoding="utf-8")
    assert "0 added, 0 updated, 1 skipped" in invoke("import", str(exported)).stderr


def test_the_seed_loaded_twice_adds_nothing_and_db_copy_merge_finds_every_meeting(invoke_seeded, tmp_path, backend):
    from meetings.paths import seed_file

    assert ", 0 updated, " in invoke_seeded("import", str(seed_file())).stderr
    assert "0 added" in invoke_seeded("import", str(seed_file())).stderr
    target = backend.new(tmp_path, "seeded")
    result = invoke_seeded("db", "copy", "--to", str(target), "--merge")
    assert "(0 added, " in result.stdout


@pytest.mark.parametrize("cell", [
    "Rajnath Singh, India, Minister of Defence",
    "Singh\\, Rajnath, India, Minister, of Defence",
    "A \\\\ B, India, Role with \\; a semicolon",
    ", Russia, President",
])
def test_an_attendee_cell_reads_the_same_in_add_and_in_import(tmp_path, backend, cell):
    """One parser reads "NAME, COUNTRY[, ROLE]" for `add --attendee` and for an import's cell."""
    added = Invoker(backend.new(tmp_path))
    added("add", "--date", "2023", "--attendee", cell, "--attendee", "Other Person, Peru")
    source = tmp_path / "one.csv"
    escaped = cell.replace('"', '""')
    source.write_text(f'date,attendees\r\n2023,"{escaped}; Other Person, Peru"\r\n', encoding="utf-8")
    imported = Invoker(backend.new(tmp_path))
    imported("import", str(source))
    assert stored(imported.path)["attendances"] == stored(added.path)["attendances"]
