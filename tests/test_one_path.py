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


def test_db_copy_merge_gives_the_same_person_the_source_aliases_the_target_lacks(invoke_seeded, tmp_path, backend):
    """A source person's other names join the target's person of the same shown name; a name the
    target already gives someone else stays theirs; the target's own aliases stay."""
    target = Invoker(backend.new(tmp_path, "seeded"))
    target("add", "--date", "2020", "--attendee", "Sergei K Shoigu, Russia")
    target("people", "alias", "1", "Raj Nath Singh")
    for alias in ("Sergei Kuzhugetovich Shoigu", "Sergei K Shoigu", "S. K. Shoigu"):
        invoke_seeded("people", "alias", "3", alias)
    invoke_seeded("db", "copy", "--to", str(target.path), "--merge")
    people = {row["name"]: row["aliases"] for row in json.loads(target("people", "--format", "json").stdout)}
    assert sorted(people["Sergei Shoigu"]) == ["S. K. Shoigu", "Sergei Kuzhugetovich Shoigu"]
    assert people["Sergei K Shoigu"] == [] and people["Rajnath Singh"] == ["Raj Nath Singh"]


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


def every_row(target, backend):
    """Every row of every table and of the search index (an attendance's own id aside: nothing
    points at it, and the writer numbers a copy's attendances afresh)."""
    from meetings.tables import metadata

    rows = {}
    for table in metadata.sorted_tables:
        columns = [c.name for c in table.columns if (table.name, c.name) != ("attendances", "id")]
        listed = ", ".join(columns)
        rows[table.name] = query(target, f"SELECT {listed} FROM {table.name} ORDER BY {listed}")
    index = "rowid, title, summary, venue, topics, people" if backend.name == "sqlite" else "meeting_id, document"
    rows["meetings_search"] = query(target, f"SELECT {index} FROM meetings_search ORDER BY 1")
    return rows


def test_db_copy_writes_through_the_writer_a_database_identical_to_its_source(tmp_path, backend):
    """Ids, timestamps, aliases, members, batches, origins and the review queue are kept; the
    meetings themselves are written by the one writer (so their search rows are built by it)."""
    source = Invoker(backend.new(tmp_path, "seeded"))
    talks = tmp_path / "talks.csv"
    talks.write_text("date,title,venue,attendees,topics,sources\n"
                     '2024-03-05,Talks in Paris,Paris,"Jean Roux, France; Ravi Rao, India",trade,https://example.org/a\n'
                     '2024-03-05,Talks in Lyon,Lyon,"Jean Roux, France; Ravi Rao, India",energy,\n', encoding="utf-8")
    source("import", str(talks))
    source("add", *MEETING, "--sideline-of", "1")
    source("people", "alias", "3", "Sergei K Shoigu")
    source("countries", "alias", "Hindustan", "IN")
    source("edit", "1", "--summary", "Edited after the import")
    source("delete", "2", "--yes")  # a gap in the ids
    assert query(source.path, "SELECT first_id, second_id FROM duplicate_pairs") == [(4, 5)]

    target = backend.new(tmp_path, "blank")
    assert "counts and record checksum match" in source("db", "copy", "--to", str(target)).stdout
    assert every_row(target, backend) == every_row(source.path, backend)
    copied = Invoker(target)
    copied("add", "--date", "2025", "--attendee", "New Person, Chile")  # the sequences moved past the copied ids
    assert max(m["id"] for m in json.loads(copied("list", "--format", "json", "--limit", "0").stdout)) == 7


def test_every_way_of_removing_a_meeting_leaves_nothing_of_it(tmp_path, backend):
    """`delete`, `imports undo` and `duplicates merge` remove through the writer: the meeting's
    attendances, links, origin, review pairs and search row go; its sideline meetings stay, detached."""
    pointing = {"attendances": "meeting_id", "meeting_topics": "meeting_id", "meeting_sources": "meeting_id",
                "meeting_origins": "meeting_id", "duplicate_pairs": "first_id", "meetings": "parent_id"}
    talks = tmp_path / "talks.csv"
    talks.write_text("date,title,attendees,topics,sources\n"
                     '2024-03-05,Talks,"Jean Roux, France; Ravi Rao, India",trade,https://example.org/a\n'
                     '2024-03-05,Other talks,"Jean Roux, France; Ravi Rao, India",energy,https://example.org/b\n',
                     encoding="utf-8")
    for removal in (["delete", "1", "--yes"], ["imports", "undo", "1", "--force"], ["duplicates", "merge", "2", "1"]):
        invoke = Invoker(backend.new(tmp_path))
        invoke("import", str(talks))
        invoke("add", "--date", "2024-03-05", "--attendee", "Ana Lima, Brazil", "--sideline-of", "1", "--summary", "trade")
        assert query(invoke.path, "SELECT first_id FROM duplicate_pairs") == [(1,)]
        invoke(*removal)
        merged = removal[0] == "duplicates"  # a merge moves the sidelines of the meeting it drops to the one it keeps
        assert json.loads(invoke("show", "3", "--format", "json").stdout)["sideline_of"] == (2 if merged else None)
        for table, column in pointing.items():
            assert query(invoke.path, f"SELECT count(*) FROM {table} WHERE {column} = 1") == [(0,)], (removal, table)
        indexed = "rowid" if backend.name == "sqlite" else "meeting_id"
        assert query(invoke.path, f"SELECT {indexed} FROM meetings_search ORDER BY 1") == (
            [(3,)] if removal[0] == "imports" else [(2,), (3,)])  # the batch added 1 and 2


def index_rows(target, backend):
    """The words the search index holds for each meeting (in each column on SQLite), by meeting id:
    a list is indexed in the order its rows were written, which an import may change."""
    import re

    if backend.name == "postgresql":
        return [(meeting, sorted(re.findall(r"'((?:[^']|'')*)'", document))) for meeting, document in
                query(target, "SELECT meeting_id, document::text FROM meetings_search ORDER BY meeting_id")]
    return [(meeting, *(sorted(column.replace(";", " ").split()) for column in columns)) for meeting, *columns in
            query(target, "SELECT rowid, title, summary, topics, people, venue FROM meetings_search ORDER BY rowid")]


@pytest.mark.parametrize("chunk", [1, 2, 1000])
def test_an_import_indexes_its_meetings_in_bulk_as_adds_index_each(tmp_path, backend, monkeypatch, chunk):
    """An import writes the search index once, after every chunk's rows: the documents are those
    a one-meeting add writes at once, whatever the chunking."""
    from meetings.services import importer

    added = Invoker(backend.new(tmp_path))
    added("add", *MEETING)
    added("add", "--date", "2024-02", "--attendee", "Sergei Shoigu, Russia, Minister", "--attendee", ", China, President",
          "--topic", "a; b", "--summary", "Second.")
    added("add", "--date", "2021", "--attendee", "Sergei Shoigu, Russia", "--venue", "Tianjin")
    exported = tmp_path / "all.json"
    exported.write_text(added("list", "--format", "json").stdout, encoding="utf-8")
    imported = Invoker(backend.new(tmp_path))
    monkeypatch.setattr(importer, "CHUNK", chunk)
    imported("import", str(exported))
    rows = index_rows(imported.path, backend)
    assert len(rows) == 3
    assert rows == index_rows(added.path, backend)
