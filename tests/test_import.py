"""meetings import: formats, round trips, the bad-input matrix, and foreign files."""

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
US_MAP = ["--map", "id=", "--map", "role=", "--map", "start_date=date", "--map", "end_date=end_date", "--map", "name=attendee",
          "--set", "country=United States", "--set", "role=Secretary of State", "--map", "locale=venue",
          "--map", "country=venue_country", "--map", "remarks=summary"]


def listed(invoke, *args):
    return json.loads(invoke("list", "--format", "json", "--limit", "0", *args).stdout)


@pytest.mark.parametrize("shape", [["export"], ["export", "--long"]])
def test_csv_export_import_export_is_byte_identical(invoke_seeded, tmp_path, shape):
    from tests.conftest import Invoker

    first = tmp_path / "first.csv"
    invoke_seeded(*shape, "--output", str(first))
    fresh = Invoker(tmp_path / "fresh.db")
    result = fresh("import", str(first))
    assert "3 added" in result.stderr
    assert fresh(*shape).stdout_bytes == first.read_bytes()


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_and_jsonl_round_trip(invoke_seeded, tmp_path, fmt):
    from tests.conftest import Invoker

    path = tmp_path / f"meetings.{fmt}"
    path.write_bytes(invoke_seeded("list", "--format", fmt, "--limit", "0").stdout_bytes)
    fresh = Invoker(tmp_path / "fresh.db")
    fresh("import", str(path))
    assert fresh("list", "--format", fmt, "--limit", "0").stdout_bytes == path.read_bytes()


def test_ids_are_optional_and_sideline_links_follow_the_file(invoke, tmp_path):
    path = tmp_path / "colleague.json"
    path.write_text(json.dumps([
        {"id": 70, "title": "Summit", "date": "2024-10-22", "kind": "summit",
         "attendees": [{"name": "Xi Jinping", "country": "China"}, {"name": "Narendra Modi", "country": "India"}]},
        {"title": "Bilateral", "date": "2024-10-23", "sideline_of": 70,
         "attendees": [{"name": "Xi Jinping", "country": "China"}, {"name": "Narendra Modi", "country": "India"}]},
    ]))
    invoke("add", "--date", "2020", "--attendee", "A B, France")
    invoke("import", str(path))
    meetings = {m["title"]: m for m in listed(invoke)}
    assert meetings["Bilateral"]["sideline_of"] == meetings["Summit"]["id"]


def test_stdin_and_dry_run(invoke_seeded, snapshot):
    data = invoke_seeded("export").stdout
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("import", "-", "--dry-run", "--on-duplicate", "skip", input=data)
    assert "Would import: 0 added, 0 updated, 3 skipped" in result.stderr
    new = data.replace("2023-04-28,,2023-04-28,2023-04-28,India–Russia", "2023-04-29,,2023-04-28,2023-04-28,India–Russia")
    result = invoke_seeded("import", "-", "--dry-run", input=new)
    assert "Would import: 1 added, 0 updated, 2 skipped" in result.stderr
    assert snapshot(invoke_seeded.path) == before


def test_on_duplicate_update_and_error(invoke_seeded, tmp_path, snapshot):
    path = tmp_path / "again.jsonl"
    rows = [json.loads(line) for line in invoke_seeded("list", "--format", "jsonl").stdout.splitlines()]
    rows[0]["title"] = "Renamed bilateral"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    before = snapshot(invoke_seeded.path)
    refused = invoke_seeded("import", str(path), "--on-duplicate", "error", ok=False)
    assert refused.exit_code == 2
    # The renamed one is no exact duplicate: only the other two are refused.
    assert "2 invalid record(s)" in refused.stderr
    assert "duplicate of meeting 1 (every field the same)" in refused.stderr
    assert "duplicate of meeting 3" not in refused.stderr
    assert snapshot(invoke_seeded.path) == before
    # A record that names the meeting it records again (its id) updates it.
    result = invoke_seeded("import", str(path), "--on-duplicate", "update")
    assert "0 added, 3 updated" in result.stderr
    assert listed(invoke_seeded, "--kind", "bilateral")[0]["title"] == "Renamed bilateral"
    assert listed(invoke_seeded, "--kind", "bilateral")[0]["sideline_of"] == 2


def test_a_foreign_csv_mapped_onto_ours(invoke):
    result = invoke("import", str(DATA / "us_secretary_travels_excerpt.csv"), *US_MAP)
    assert "16 added" in result.stderr
    assert "ignored columns: id, role, who, country_id, source_file" in result.stderr
    geneva = listed(invoke, "--venue", "geneva")
    assert {m["venue_country"] for m in geneva} == {"Switzerland"}
    assert geneva[0]["attendees"][0]["role"] == "Secretary of State"
    # The trap: a meeting with Lavrov in Geneva is not a Russia meeting by attendance...
    assert all(m["venue"] != "Geneva" for m in listed(invoke, "--country", "Russia"))
    # ...but full-text search finds him in the remarks.
    assert len(listed(invoke, "--search", "lavrov")) == 3
    assert listed(invoke, "--venue-country", "Palestine")[0]["venue"] == "Ramallah"


def test_fill_down_and_set(invoke, tmp_path):
    path = tmp_path / "minister.csv"
    path.write_text("Minister,Date,Met,Country\nSergey Lavrov,2024-01-05,Wang Yi,China\n,2024-01-09,Hakan Fidan,Turkey\n"
                    ",,,\n,2024-02,S Jaishankar,India\n")
    # "Country" is read as our country column (headers match whatever their case): here it is the
    # counterpart's, so it is ignored with "Country=".
    invoke("import", str(path), "--map", "Minister=attendee", "--map", "Date=date", "--fill-down", "Minister",
           "--set", "country=Russia", "--map", "Country=")
    meetings = listed(invoke, "--person", "lavrov")
    assert len(meetings) == 3
    assert all(m["attendees"][0]["country"] == "Russia" for m in meetings)


def write(tmp_path, name, content):
    path = tmp_path / name
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


HEADER = "id,date,end_date,title,kind,venue,venue_country,organization,sideline_of,countries,attendees,topics,sources,summary\r\n"
GOOD = "1,2023-04-28,,T,bilateral,,,,,,\"A B, India; C D, Russia\",,,\r\n"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("ragged.csv", HEADER + GOOD + "2,2023-05-01,,T\r\n", "ragged.csv:3: has 4 cells but the header has 14"),
        ("impossible.csv", HEADER + GOOD.replace("2023-04-28", "2023-02-30"), "impossible.csv:2: column 'date': '2023-02-30' is not a calendar date"),
        ("dayfirst.csv", HEADER + GOOD.replace("2023-04-28", "28/04/2023"), "dayfirst.csv:2: column 'date': '28/04/2023' is ambiguous: say whether the day or the month comes first"),
        ("unknown.csv", HEADER + GOOD.replace("Russia", "Ruritania"), "unknown.csv:2: column 'attendees': unknown country 'Ruritania'"),
        ("ambiguous.csv", HEADER + GOOD.replace("Russia", "Congo"), "ambiguous.csv:2: column 'attendees': 'Congo' is ambiguous"),
        ("cp1252.csv", (HEADER + GOOD.replace("T,", "Caf\xe9,")).encode("cp1252"),
         f"cp1252.csv: is not valid utf-8 at byte {(HEADER + GOOD).index('T,') + 3} (0xe9)"),
        ("utf16.csv", (HEADER + GOOD).encode("utf-16-le"), "utf16.csv: has a NUL byte at byte 1"),
        ("nul.csv", (HEADER + GOOD).replace("T,", "T\x00,"), f"nul.csv: has a NUL byte at byte {(HEADER + GOOD).index('T,') + 1}"),
        ("header.csv", HEADER, "header.csv: has a header but no rows"),
        ("empty.csv", "", "empty.csv: is empty"),
        ("nodate.csv", "when,attendees\r\n2023,\"A, India\"\r\n", "nodate.csv: has no date column"),
        ("dupkeys.json", '[{"date": "2023", "date": "2024", "attendees": [{"name": "A", "country": "India"}]}]', "dupkeys.json: is not valid JSON: the key 'date' appears twice"),
        ("nan.json", '[{"date": "2023", "id": NaN, "attendees": []}]', "nan.json: is not valid JSON: NaN is not a JSON value"),
        ("types.json", '[{"date": 2023, "attendees": [{"name": "A", "country": "India"}]}]', "types.json: item 1: date: expected a string or null, got int 2023"),
        ("notalist.json", '{"date": "2023"}', "notalist.json: expected a JSON list of meetings"),
        ("broken.jsonl", '{"date": "2023", "attendees": [{"name": "A", "country": "India"}]}\n{"date": \n', "broken.jsonl:2: not valid JSON"),
        ("empty.json", "  ", "empty.json: is empty"),
        ("badflag.csv", "meeting_id,date,attendee,country,host\r\n1,2023,A B,India,maybe\r\n", "badflag.csv:2: column 'host': 'maybe'; use yes"),
        ("loop.json", '[{"id": 1, "date": "2023", "sideline_of": 2, "attendees": [{"name": "A", "country": "India"}]},'
                      ' {"id": 2, "date": "2023", "sideline_of": 1, "attendees": [{"name": "B", "country": "India"}]}]',
         "would each be on the sidelines of the other"),
        ("orphan.json", '[{"date": "2023", "sideline_of": 99, "attendees": [{"name": "A", "country": "India"}]}]',
         "there is no meeting 99 in the file or the database"),
        ("longgap.csv", "meeting_id,date,attendee,country\r\n1,2023,A,India\r\n2,2023,B,India\r\n1,2023,C,India\r\n",
         "longgap.csv:4: meeting_id 1 appears again"),
    ],
)
def test_bad_input_is_refused_with_its_place_and_nothing_changes(invoke_seeded, tmp_path, snapshot, name, content, expected):
    path = write(tmp_path, name, content)
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("import", str(path), ok=False)
    assert result.exit_code == 2, result.stderr
    assert expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(invoke_seeded.path) == before


def test_a_named_encoding_reads_a_windows_file(invoke, tmp_path):
    path = write(tmp_path, "win.csv", (HEADER + GOOD.replace("T,", "Caf\xe9 \u2013 talks,")).encode("cp1252"))
    invoke("import", str(path), "--encoding", "cp1252")
    assert listed(invoke)[0]["title"] == "Café – talks"


def test_utf8_bom_and_utf16_bom_are_recognised(invoke, tmp_path):
    write(tmp_path, "bom.csv", b"\xef\xbb\xbf" + (HEADER + GOOD).encode())
    write(tmp_path, "u16.csv", (HEADER + GOOD.replace("2023-04-28", "2023-04-29")).encode("utf-16"))
    invoke("import", str(tmp_path / "bom.csv"), str(tmp_path / "u16.csv"))
    assert [m["date"] for m in listed(invoke)] == ["2023-04-29", "2023-04-28"]


def test_real_windows_file_is_refused_with_the_offset_then_read_with_its_encoding(invoke):
    path = DATA / "uk_pm_excerpt_cp1252.csv"
    windows = DATA / "uk_cabinet_office_excerpt_cp1252.csv"
    refused = invoke("import", str(windows), ok=False)
    assert refused.exit_code == 2
    offset = windows.read_bytes().index(bytes([0xB2]))
    assert f"is not valid utf-8 at byte {offset} (0xb2)" in refused.stderr
    options = ["--encoding", "cp1252", "--map", "Minister=attendee", "--map", "Date=date",
               "--map", "Name of Organisation=summary", "--fill-down", "Minister", "--set", "country=UK"]
    months = invoke("import", str(path), *options, ok=False)
    assert months.exit_code == 2
    assert "uk_pm_excerpt_cp1252.csv:2: column 'Date': 'January' gives no year; give it with --year" in months.stderr
    invoke("import", str(path), *options, "--year", "2014")
    assert {m["date"] for m in listed(invoke)} <= {"2014-01", "2014-02", "2014-03"}


def test_skip_invalid_writes_rejects_that_import_again_once_fixed(invoke, tmp_path):
    path = write(tmp_path, "mixed.csv", HEADER + GOOD + GOOD.replace("1,2023-04-28", "2,2023-02-30")
                 + GOOD.replace("1,2023-04-28", "3,2024-01-01").replace("Russia", "Atlantis"))
    result = invoke("import", str(path), "--skip-invalid")
    assert "1 added, 0 updated, 0 skipped as exact duplicates, 2 rejected" in result.stderr
    rejects = tmp_path / "mixed.rejects.csv"
    text = rejects.read_text()
    assert text.splitlines()[0].endswith(",import_error")
    assert "2023-02-30" in text and "Atlantis" in text
    fixed = text.replace("2023-02-30", "2023-02-28").replace("Atlantis", "Russia")
    (tmp_path / "fixed.csv").write_text(fixed)
    invoke("import", str(tmp_path / "fixed.csv"))
    assert len(listed(invoke)) == 3
    again = invoke("import", str(path), "--skip-invalid", ok=False)
    assert again.exit_code == 2 and "exists" in again.stderr


def test_fixture_files_import(invoke):
    from meetings.paths import seed_file

    invoke("import", str(seed_file()))
    assert len(listed(invoke)) == 3
    assert "3 skipped" in invoke("import", str(seed_file())).stderr


@pytest.mark.parametrize(
    ("args", "field"),
    [(["--map", "Date"], "--map"), (["--map", "Date=when"], "--map"), (["--set", "nonsense=1"], "--set"),
     (["--fill-down", "Nope"], "--fill-down"), (["--encoding", "klingon"], "--encoding")],
)
def test_bad_import_options(invoke, tmp_path, args, field):
    path = write(tmp_path, "ok.csv", HEADER + GOOD)
    result = invoke("import", str(path), *args, ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"meetings: {field}:")


@pytest.mark.sqlite_only
def test_the_search_index_written_by_import_is_what_a_refresh_writes(invoke_seeded, tmp_path):
    import sqlite3

    from meetings.db import open_database, run_write
    from meetings.services import search

    invoke_seeded("people", "alias", "3", "Sergei K Shoigu")
    invoke_seeded("import", str(DATA / "us_secretary_travels_excerpt.csv"), *US_MAP)
    path = tmp_path / "more.jsonl"
    path.write_text('{"date": "2024-01", "title": "T", "attendees": [{"name": "Sergei Shoigu", "country": "Russia", '
                    '"role": "Minister"}, {"country": "China", "role": "President"}], "topics": ["a; b", "c"]}\n')
    invoke_seeded("import", str(path))

    def rows():
        with sqlite3.connect(invoke_seeded.path) as connection:
            return connection.execute("SELECT rowid, title, summary, topics, people, venue FROM meetings_search "
                                      "ORDER BY rowid").fetchall()

    imported = rows()
    engine = open_database(str(invoke_seeded.path))
    run_write(engine, lambda session: search.refresh(session, [r[0] for r in imported]))
    engine.dispose()
    refreshed = rows()
    assert [r[:4] + r[5:] for r in imported] == [r[:4] + r[5:] for r in refreshed]
    assert [sorted(r[4].replace(";", " ").split()) for r in imported] == \
        [sorted(r[4].replace(";", " ").split()) for r in refreshed]


def test_rejects_from_standard_input_keep_the_header(invoke, tmp_path):
    rejects = tmp_path / "stdin.rejects.csv"
    data = HEADER + GOOD + GOOD.replace("1,2023-04-28", "2,2023-02-30")
    result = invoke("import", "-", "--skip-invalid", "--rejects", str(rejects), input=data)
    assert "1 added" in result.stderr and "1 rejected" in result.stderr
    lines = rejects.read_text().splitlines()
    assert lines[0] == HEADER.strip() + ",import_error"
    assert lines[1].startswith("2,2023-02-30,")


def meetings_jsonl(path, count, repeat_every):
    rows = [{"title": f"Talks {i % repeat_every}", "date": f"2024-01-{1 + i % 28:02d}",
             "attendees": [{"name": f"Envoy {i % repeat_every}", "country": "France"},
                           {"name": "Host Person", "country": "India"}]} for i in range(count)]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    return path


def test_duplicates_far_apart_in_a_file_are_found_across_chunks(invoke, tmp_path, monkeypatch):
    from meetings.services import importer

    monkeypatch.setattr(importer, "CHUNK", 3)
    # 28 distinct meetings, each written again 28 rows later, in later chunks.
    path = meetings_jsonl(tmp_path / "twice.jsonl", 56, 28)
    assert "28 added, 0 updated, 28 skipped" in invoke("import", str(path)).stderr
    refused = invoke("import", str(meetings_jsonl(tmp_path / "again.jsonl", 30, 28)), "--on-duplicate", "error",
                     ok=False)
    assert "duplicate of meeting 1 " in refused.stderr


def test_a_false_positive_of_the_written_filter_loses_nothing(invoke, tmp_path, monkeypatch):
    import rbloom

    from meetings.services import importer

    class Everything:
        """A filter that answers yes to everything: every signature looks written already."""

        def __init__(self, *args):
            pass

        def add(self, item):
            pass

        def __contains__(self, item):
            return True

    monkeypatch.setattr(importer, "CHUNK", 3)
    monkeypatch.setattr(rbloom, "Bloom", Everything)
    path = meetings_jsonl(tmp_path / "distinct.jsonl", 20, 20)
    assert "20 added, 0 updated, 0 skipped" in invoke("import", str(path)).stderr
    assert len(listed(invoke)) == 20


def test_headers_match_whatever_their_case_and_spacing(invoke, tmp_path):
    path = write(tmp_path, "shouting.csv", "DATE ,  Attendee,COUNTRY\r\n2024-01-05,Wang Yi,China\r\n")
    invoke("import", str(path))
    [meeting] = listed(invoke, "--country", "China")
    assert meeting["attendees"][0]["name"] == "Wang Yi"
    other = write(tmp_path, "mapped.csv", "Minister   ,When\r\nSergey Lavrov,2024-01-05\r\n")
    invoke("import", str(other), "--map", "minister=attendee", "--map", "WHEN=date", "--set", "country=Russia",
           "--fill-down", "MINISTER")
    assert listed(invoke, "--person", "Lavrov")[0]["date"] == "2024-01-05"


FOOTNOTE = ("²Does not normally include meetings with Government bodies, other Governments or individuals "
            "met in a personal capacity")


@pytest.mark.parametrize(
    "row",
    [f'"{FOOTNOTE}",,,', "NOTE    Does not normally include meetings with Government bodies,,,", "* see below,,,",
     f',,"{FOOTNOTE}",'],
)
def test_a_footnote_row_is_reported_and_never_a_meeting(invoke, tmp_path, row):
    path = write(tmp_path, "quarter.csv", "Minister,Date,Organisation,Purpose\r\n"
                                          "Francis Maude,2012-10,Tata Group,British-Indian relations\r\n"
                                          f"{row}\r\n")
    result = invoke("import", str(path), "--map", "Minister=attendee", "--map", "Organisation=summary",
                    "--map", "Purpose=", "--set", "country=UK", "--fill-down", "Minister")
    assert "quarter.csv:3: skipped a note row, not a meeting" in result.stderr
    assert "1 added" in result.stderr
    assert [m["summary"] for m in listed(invoke)] == ["Tata Group"]


def test_a_row_with_one_short_cell_is_still_a_record(invoke, tmp_path):
    path = write(tmp_path, "short.csv", "attendee,country,date\r\n,,2024-01\r\n")
    result = invoke("import", str(path), ok=False)
    assert result.exit_code == 2 and "short.csv:2" in result.stderr  # refused with its reason, not skipped


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--map", "Nope=date"], "--map: 'Nope' is not a column of {path}; its columns: Minister, Date"),
        (["--map", "Date=date", "--map", "Minister=attendee", "--fill-down", "Nope"],
         "--fill-down: 'Nope' is not a column of {path}; its columns: Minister, Date"),
    ],
)
def test_a_missing_column_is_refused_with_the_files_columns(invoke, tmp_path, snapshot, args, message):
    path = write(tmp_path, "minister.csv", "Minister,Date\r\nSergey Lavrov,2024-01-05\r\n")
    before = snapshot(invoke.path)
    result = invoke("import", str(path), "--set", "country=Russia", *args, ok=False)
    assert result.exit_code == 2
    assert result.stderr.strip() == f"meetings: {message.format(path=path)}"
    assert snapshot(invoke.path) == before


def test_a_dry_run_never_creates_a_database(tmp_path):
    from typer.testing import CliRunner

    from meetings.cli import app

    target = tmp_path / "new.db"
    path = write(tmp_path, "one.csv", "date,attendee,country\r\n2024-01-05,Wang Yi,China\r\n")
    result = CliRunner().invoke(app, ["--db", str(target), "import", str(path), "--dry-run"])
    assert result.exit_code == 0
    assert "Would import: 1 added" in result.stderr
    assert not target.exists()


@pytest.mark.parametrize(
    ("cell", "options", "date", "end_date"),
    [
        ("Oct-12", ["--date-format", "%b-%y"], "2012-10", None),
        ("August, 2010", [], "2010-08", None),
        ("3–5 March 2023", [], "2023-03-03", "2023-03-05"),
        ("February ", ["--year", "2014"], "2014-02", None),
        ("03/04/2012", ["--day-first"], "2012-04-03", None),
        ("03/04/2012", ["--month-first"], "2012-03-04", None),
    ],
)
def test_dates_are_read_as_published(invoke, tmp_path, cell, options, date, end_date):
    path = write(tmp_path, "dates.csv", f'date,attendee,country\r\n"{cell}",Wang Yi,China\r\n')
    invoke("import", str(path), *options)
    [meeting] = listed(invoke)
    assert (meeting["date"], meeting["end_date"]) == (date, end_date)


@pytest.mark.parametrize(
    ("cell", "options", "message"),
    [
        ("Oct-12", ["--date-format", "%d/%m/%Y"], "dates.csv:2: column 'date': 'Oct-12' does not match --date-format '%d/%m/%Y'"),
        ("Oct-12", [], "dates.csv:2: column 'date': 'Oct-12' is ambiguous"),
        ("2012", ["--date-format", "year"], "--date-format: 'year' has no strftime code"),
        ("2012", ["--year", "0"], "--year: 0 is not a year"),
    ],
)
def test_dates_that_do_not_fit_are_refused(invoke, tmp_path, snapshot, cell, options, message):
    path = write(tmp_path, "dates.csv", f'date,attendee,country\r\n"{cell}",Wang Yi,China\r\n')
    before = snapshot(invoke.path)
    result = invoke("import", str(path), *options, ok=False)
    assert result.exit_code == 2 and message in result.stderr
    assert snapshot(invoke.path) == before


def test_the_search_index_of_a_chunked_import_follows_every_record(invoke, tmp_path, monkeypatch):
    from meetings.services import importer

    monkeypatch.setattr(importer, "CHUNK", 2)
    words = ["alpha", "bravo", "charlie", "delta", "echo"]
    rows = [{"id": i + 1, "title": f"Talks {i}", "date": f"2024-01-{i + 1:02d}", "summary": f"On {word}",
             "attendees": [{"name": f"Envoy {i}", "country": "France"}, {"name": "Host Person", "country": "India"}]}
            for i, word in enumerate(words)]
    # Meeting 1 again in the second chunk, its summary changed: the update the file asks for.
    rows.insert(2, {**rows[0], "summary": "On foxtrot"})
    path = tmp_path / "chunks.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    result = invoke("import", str(path), "--on-duplicate", "update")
    assert "5 added, 1 updated, 0 skipped" in result.stderr
    found = {word: [m["id"] for m in listed(invoke, "--search", word)] for word in [*words, "foxtrot"]}
    assert found == {"alpha": [], "bravo": [2], "charlie": [3], "delta": [4], "echo": [5], "foxtrot": [1]}
    assert sorted(m["id"] for m in listed(invoke, "--search", "host")) == [1, 2, 3, 4, 5]
