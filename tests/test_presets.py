"""Presets: `meetings import --preset NAME` reads a public source as it is published, from the
excerpts of each source in tests/data (verbatim bytes of the published files, and records of the
original XML with their pretty-printing)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Invoker, query
from tests.test_hostile import refused

DATA = Path(__file__).parent / "data"
SHIPPED = ("uk-ministers-meetings", "us-secretary-travels", "us-president-travels", "us-leader-visits")


def meetings_of(invoke: Invoker) -> list[dict]:
    return json.loads(invoke("list", "--format", "json", "--limit", "1000").stdout)


def exported(invoke: Invoker) -> list[list[str]]:
    """Every exported row but its id, sorted: what a meeting is, whatever its number."""
    rows = list(csv.reader(io.StringIO(invoke("export").stdout)))
    return sorted(row[1:] for row in rows[1:])


def meetings_counted_by_hand(path: Path, encoding: str) -> int:
    """The file's meetings, counted without the importer: rows with more than one filled cell
    (blank separator rows and one-cell footnote rows are not meetings)."""
    with path.open(encoding=encoding, newline="") as stream:
        rows = list(csv.reader(stream))[1:]
    return sum(1 for row in rows if sum(1 for cell in row if cell.strip()) > 1)


def test_list_presets_shows_each_shipped_preset_with_its_source_and_options(invoke):
    out = invoke("import", "--list-presets").stdout
    for name in SHIPPED:
        assert f"\n{name}\n" in f"\n{out}"
    assert "Ministers' meetings with external organisations" in out
    assert "--encoding cp1252" in out and "--fill-down Minister" in out
    assert "each <visit> element is a record" in out
    assert "'Korea' as KR" in out


UK_FILES = [
    # (excerpt, extra options, expected dates in file order, the first minister)
    ("uk_cabinet_office_oct_dec_2012_excerpt_cp1252.csv", (),
     ["2012-10", "2012-10", "2012-10", "2012-11", "2012-12"], "Minister for the Cabinet Office"),
    ("uk_cabinet_office_jan_mar_2014_excerpt_cp1252.csv", ("--year", "2014"),
     ["2014-01", "2014-01", "2014-01", "2014-02", "2014-03", "2014-01", "2014-03"], "Minister for the Cabinet Office"),
    ("uk_pm_jul_sep_2013_excerpt_cp1252.csv", ("--year", "2013"), ["2013-07"] * 4, "Prime Minister"),
    ("uk_pm_excerpt_cp1252.csv", ("--year", "2014"), ["2014-01"] * 7, "Prime Minister"),
    ("uk_dpm_excerpt.csv", (), ["2010-08"] * 5 + ["2010-09"], "Deputy Prime Minister"),
]


@pytest.mark.parametrize(("name", "options", "dates", "minister"), UK_FILES, ids=[f[0] for f in UK_FILES])
def test_uk_returns_import_every_meeting_with_one_command(invoke, name, options, dates, minister):
    path = DATA / name
    result = invoke("import", "--preset", "uk-ministers-meetings", str(path), *options)
    found = sorted(meetings_of(invoke), key=lambda m: m["id"])
    assert len(found) == len(dates) == meetings_counted_by_hand(path, "cp1252")
    assert [m["date"] for m in found] == dates
    # The minister is filled down onto every row of a block, for the United Kingdom; the offices
    # before the name are the role.
    assert minister in found[0]["attendees"][0]["role"]
    for meeting in found:
        # The minister, for the United Kingdom; then the organisations met, each without a country
        # (the cell as published stays the summary).
        minister_attendee, *organisations = meeting["attendees"]
        assert minister_attendee["kind"] == "person"
        assert minister_attendee["name"] and minister_attendee["country"] == "United Kingdom"
        assert organisations and all(o["kind"] == "organisation" and o["country"] is None for o in organisations)
        assert organisations[0]["name"] in meeting["summary"]
    if "NOTE" in path.read_text(encoding="cp1252").upper():
        assert "skipped a note row, not a meeting" in result.stderr


def test_the_header_variants_of_the_returns_fit_the_preset(invoke):
    """`Minister   ` and `Name of External Organisation` (2010), `Purpose of meeting²` (2014)."""
    invoke("import", "--preset", "uk-ministers-meetings", str(DATA / "uk_dpm_excerpt.csv"))
    invoke("import", "--preset", "uk-ministers-meetings", str(DATA / "uk_cabinet_office_jan_mar_2014_excerpt_cp1252.csv"),
           "--year", "2014")
    found = {m["summary"]: m["title"] for m in meetings_of(invoke)}
    assert found["FIFA"] == "England 2018 World Cup Bid"
    assert found["Capgemini"] == "Capgemini’s sustainability and citizenship agenda"  # cp1252 0x92


def test_a_quarter_of_month_year_dates_is_found_by_its_months(invoke):
    invoke("import", "--preset", "uk-ministers-meetings", str(DATA / "uk_cabinet_office_oct_dec_2012_excerpt_cp1252.csv"))
    listed = json.loads(invoke("list", "--from", "2012-10", "--to", "2012-12", "--format", "json").stdout)
    assert len(listed) == 5
    assert json.loads(invoke("list", "--from", "2012-11", "--to", "2012-11", "--format", "json").stdout)[0]["date"] == "2012-11"


US_PAIRS = [
    # (preset, the original XML, the same records as CSV)
    ("us-secretary-travels", "us_secretary_travels_excerpt.xml", "us_secretary_travels_excerpt_of_the_xml.csv"),
    ("us-president-travels", "us_president_travels_excerpt.xml", "us_president_travels_excerpt.csv"),
    ("us-leader-visits", "us_leader_visits_excerpt.xml", "us_leader_visits_excerpt.csv"),
]


@pytest.mark.parametrize(("preset", "xml", "table"), US_PAIRS, ids=[p[0] for p in US_PAIRS])
def test_the_xml_gives_the_same_meetings_as_the_csv_of_the_same_records(invoke, backend, tmp_path, preset, xml, table):
    invoke("import", "--preset", preset, str(DATA / xml))
    other = Invoker(backend.new(tmp_path))
    other("import", "--preset", preset, str(DATA / table))
    from_xml = exported(invoke)
    assert from_xml == exported(other)
    with (DATA / table).open(encoding="utf-8", newline="") as stream:
        records = list(csv.DictReader(stream))
    # Every record is a meeting, but for the repeats the source holds (3992/4019, 3993/4020),
    # which are skipped and listed.
    distinct = {tuple(v for k, v in r.items() if k != "id") for r in records}
    assert len(from_xml) == len(distinct)


def test_travels_record_the_traveller_the_place_and_the_remarks_joined_as_published(invoke):
    result = invoke("import", "--preset", "us-secretary-travels", str(DATA / "us_secretary_travels_excerpt.xml"))
    assert "2 skipped as exact duplicates" in result.stderr
    tokyo = next(m for m in meetings_of(invoke) if m["venue"] == "Tokyo")
    assert tokyo["date"] == "2021-03-15" and tokyo["end_date"] == "2021-03-17"
    assert tokyo["venue_country"] == "Japan"
    assert tokyo["attendees"] == [{"name": "Antony John Blinken", "country": "United States",
                                   "role": "Secretary of State", "rank": None, "host": False, "chair": False, "kind": "person"}]
    # The XML's line break and indentation inside <remarks> read as one space.
    assert "meeting and met with Minister for Foreign Affairs" in tokyo["summary"]
    assert tokyo["sources"][0]["reference"] == "Office of the Historian, Travels of the Secretary of State"
    lines = query(invoke.path, "SELECT o.line FROM meeting_origins o JOIN meetings m ON m.id = o.meeting_id "
                               "WHERE m.venue = 'Tokyo'")
    assert lines == [(3,)]  # the line of its <trip> element


def test_visits_read_the_sources_own_country_names(invoke):
    invoke("import", "--preset", "us-leader-visits", str(DATA / "us_leader_visits_excerpt.xml"))
    korea = json.loads(invoke("list", "--country", "South Korea", "--format", "json").stdout)
    assert [(m["attendees"][0]["name"], m["attendees"][0]["role"]) for m in korea] == [("Paik", "Prime Minister")]
    assert all(m["venue_country"] == "United States" for m in meetings_of(invoke))


def test_visits_record_the_host_so_both_countries_find_a_visit(invoke):
    invoke("import", "--preset", "us-leader-visits", str(DATA / "us_leader_visits_excerpt.csv"))
    [modi] = json.loads(invoke("list", "--country", "United States", "--country", "India", "--format", "json").stdout)
    assert modi["date"] == "2014-09-29"
    assert {(a["name"], a["country"], a["role"]) for a in modi["attendees"]} == {
        ("Narendra Modi", "India", "Prime Minister"), (None, "United States", "President")}
    # The President is on every visit, once, and on no other side.
    assert all(sum(a["country"] == "United States" for a in m["attendees"]) == 1 for m in meetings_of(invoke))


def test_options_on_the_command_line_replace_the_presets(invoke):
    invoke("import", "--preset", "us-president-travels", str(DATA / "us_president_travels_excerpt.csv"),
           "--set", "role=Head of State", "--map", "remarks=title")
    found = meetings_of(invoke)
    assert {m["attendees"][0]["role"] for m in found} == {"Head of State"}
    # --map replaces the preset's column by column: remarks is the title now, the rest as before.
    brussels = next(m for m in found if m["venue"] == "Brussels")
    assert brussels["title"].startswith("Met with King Philippe") and brussels["summary"] is None
    assert brussels["venue_country"] == "Belgium"


def test_a_saved_preset_keeps_the_options_and_the_rules_it_was_given(invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    saved = invoke("import", "--preset", "us-president-travels", "--set", "role=Head of State",
                   "--save-preset", "my-travels")
    path = tmp_path / "config" / "meetings" / "presets" / "my-travels.yaml"
    assert str(path) in saved.stderr and path.is_file()
    assert meetings_of(invoke) == []  # saving imports nothing without files
    listing = invoke("import", "--list-presets").stdout
    assert f"my-travels  (yours: {path})" in listing
    again = invoke("import", "--preset", "us-president-travels", "--save-preset", "my-travels", ok=False)
    assert again.exit_code == 2 and f"a preset 'my-travels' exists ({path})" in again.stderr
    invoke("import", "--preset", "my-travels", str(DATA / "us_president_travels_excerpt.xml"))
    found = meetings_of(invoke)
    assert len(found) == 3 and {m["attendees"][0]["role"] for m in found} == {"Head of State"}


def test_saving_and_importing_in_one_command(invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    invoke("import", str(DATA / "uk_dpm_excerpt.csv"), "--map", "Minister=attendee", "--map", "Date=date",
           "--map", "Name of External Organisation=summary",
           "--set", "country=United Kingdom", "--fill-down", "Minister", "--save-preset", "dpm")
    assert len(meetings_of(invoke)) == 6
    text = (tmp_path / "config" / "meetings" / "presets" / "dpm.yaml").read_text(encoding="utf-8")
    assert "Minister=attendee" in text and "fill-down" in text and "dry-run" not in text


@pytest.mark.sqlite_only
def test_a_dry_run_creates_no_database_and_writes_the_rejects_file_it_would_write(backend, tmp_path):
    target = backend.new(tmp_path, "blank")
    rejects = tmp_path / "rejects.csv"
    source = tmp_path / "dates.csv"
    source.write_text("Minister,Date,Name of Organisation,Purpose of meeting\nA Minister,Oct-12,IPPR,Pay\n"
                      "A Minister,sometime,CBI,Pay\n", encoding="cp1252")
    result = Invoker(target)("import", "--preset", "uk-ministers-meetings", str(source), "--dry-run",
                             "--skip-invalid", "--rejects", str(rejects))
    assert "Would import: 1 added" in result.stderr and "1 rejected" in result.stderr
    assert not Path(target).exists()
    with rejects.open(encoding="utf-8", newline="") as stream:
        [row] = list(csv.DictReader(stream))
    assert row["Date"] == "sometime" and "column 'Date'" in row["import_error"]


def test_a_dry_run_into_a_database_changes_nothing_and_writes_the_rejects(invoke_seeded, snapshot, tmp_path):
    before = snapshot(invoke_seeded.path)
    rejects = tmp_path / "rejects.csv"
    source = tmp_path / "dates.csv"
    source.write_text("Minister,Date,Name of Organisation,Purpose of meeting\nA Minister,Oct-12,IPPR,Pay\n"
                      "A Minister,sometime,CBI,Pay\n", encoding="cp1252")
    invoke_seeded("import", "--preset", "uk-ministers-meetings", str(source), "--dry-run", "--skip-invalid",
                  "--rejects", str(rejects))
    assert snapshot(invoke_seeded.path) == before
    assert "sometime" in rejects.read_text(encoding="utf-8")


BAD_INPUT = [
    # (file name, bytes, options, message): one line, exit 2, nothing changed. (Files a preset
    # refuses, and hostile XML, are rows of IMPORT_CASES in tests/test_hostile.py.)
    ("saved.csv", b'date,attendees\n2024,"A B, France"\n', ("--save-preset", "us-leader-visits"),
     "--save-preset: 'us-leader-visits' is a preset shipped with meetings; choose another name"),
    ("badname.csv", b'date,attendees\n2024,"A B, France"\n', ("--save-preset", "My Preset"),
     "--save-preset: 'My Preset' is not a preset name"),
    ("nofile.csv", b"", ("--preset", "us-leader-visits"), "FILE: name one or more files to import"),
]


@pytest.mark.parametrize(("name", "content", "options", "message"), BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_is_one_line_exit_2_and_changes_nothing(invoke_seeded, snapshot, tmp_path, name, content, options,
                                                          message):
    path = tmp_path / name
    path.write_bytes(content)
    files = () if name == "nofile.csv" else (str(path),)
    refused(invoke_seeded, snapshot, tmp_path, ("import", *files, *options), 2, message)


BAD_PRESETS = [
    # (the user's preset file, message)
    ("source: [unclosed\n", "is not valid YAML at line 2"),
    ("- a list\n", "is not a mapping; a preset is a mapping of source, options, columns, record, countries"),
    ("options: {}\n", "needs a source"),
    ("source: mine\nrules: {}\n", "'rules' is not a preset key"),
    ("source: mine\noptions: {mapp: [a=b]}\n", "options: 'mapp' is not an option a preset can set; use "),
    ("source: mine\noptions: {dry-run: true}\n", "options: 'dry-run' is not an option a preset can set"),
    ("source: mine\noptions: {map: date=date}\n", "options: map takes a list of values"),
    ("source: mine\noptions: {year: [2014]}\n", "options: year takes one value"),
    ("source: mine\noptions: {year: twenty}\n", "options: year: 'twenty' is not a valid int"),
    ("source: mine\noptions: {format: xls}\n", "options: format: 'xls' is not one of"),
    ("source: mine\noptions: {map: [{a: b}]}\n", "options: 'map' must be text, a number, true/false or a list of them"),
    ("source: mine\ncountries: {Korea: [KR]}\n", "countries: expected a mapping of each name to a country code"),
    ("source: mine\ncountries: {Korea: Narnia}\n", "countries: Korea: unknown country 'Narnia'"),
    ("source: mine\nrecord: ''\n", "record: expected the name of the XML element"),
    (b"source: \xff\n", "is not UTF-8 text"),
]


@pytest.mark.parametrize(("text", "message"), BAD_PRESETS, ids=[c[1][:40] for c in BAD_PRESETS])
def test_a_bad_preset_file_is_one_line_naming_it(invoke_seeded, snapshot, tmp_path, monkeypatch, text, message):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    folder = tmp_path / "config" / "meetings" / "presets"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_bytes(text if isinstance(text, bytes) else text.encode())
    (tmp_path / "a.csv").write_text('date,attendees\n2024,"A B, France"\n', encoding="utf-8")
    result = refused(invoke_seeded, snapshot, tmp_path, ("import", "{tmp}/a.csv", "--preset", "mine"), 2, message)
    assert "preset mine" in result.stderr


def test_xml_text_inside_inline_elements_and_namespaces_is_read(invoke, tmp_path):
    path = tmp_path / "visits.xml"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<v:visits xmlns:v="urn:x">\n  <!-- a comment -->\n'
                    '  <v:visit>\n    <v:id>7</v:id><v:start-date>2020-01-07</v:start-date><v:end-date>2020-01-08</v:end-date>\n'
                    '    <v:visitor>President Ana Ruiz</v:visitor><v:from v:id="peru">Peru</v:from>\n'
                    "    <v:description>Met the <v:em>President</v:em> and\n        the Secretary.</v:description>\n"
                    "  </v:visit>\n</v:visits>\n", encoding="utf-8")
    invoke("import", "--preset", "us-leader-visits", str(path))
    [meeting] = meetings_of(invoke)
    assert meeting["summary"] == "Met the President and the Secretary."
    assert meeting["attendees"][0]["country"] == "Peru" and meeting["end_date"] == "2020-01-08"


EXECUTABLE = shutil.which("meetings", path=str(Path(sys.executable).parent)) or shutil.which("meetings")


def test_the_installed_command_imports_with_a_preset(db_path, tmp_path):
    assert EXECUTABLE, "the meetings command is not installed"
    env = {**os.environ, "XDG_CONFIG_HOME": str(tmp_path / "config"), "XDG_DATA_HOME": str(tmp_path / "data")}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([EXECUTABLE, "--db", str(db_path), *args], capture_output=True, text=True, env=env,
                              stdin=subprocess.DEVNULL, timeout=120)

    listing = run("import", "--list-presets")
    assert listing.returncode == 0 and "us-leader-visits" in listing.stdout
    result = run("import", "--preset", "us-leader-visits", str(DATA / "us_leader_visits_excerpt.xml"))
    assert result.returncode == 0, result.stderr
    assert "Imported (batch 1): 6 added" in result.stderr
    refused_run = run("import", "--preset", "nope", str(DATA / "us_leader_visits_excerpt.xml"))
    assert refused_run.returncode == 2 and len(refused_run.stderr.strip().splitlines()) == 1
    listed = json.loads(run("list", "--format", "json").stdout)
    # The visitor cell is read apart: the title is the role ("Interim" says how the office is held).
    assert ("Juan Guaidó", "President") in {(a["name"], a["role"]) for m in listed for a in m["attendees"]}


def test_a_saved_preset_names_its_files_from_anywhere(invoke, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.chdir(tmp_path)
    (tmp_path / "names.csv").write_text("name,country\nSomoa,WS\n", encoding="utf-8")
    invoke("import", "--country-map", "names.csv", "--save-preset", "with-names")
    text = (tmp_path / "config" / "meetings" / "presets" / "with-names.yaml").read_text(encoding="utf-8")
    assert f"country-map: {tmp_path / 'names.csv'}" in text


def test_a_note_said_of_several_files_is_one_line(invoke, tmp_path):
    """The source's admin columns are ignored in every file of a source: one note names the first
    file and how many more, not one line per file."""
    xml = (DATA / "us_secretary_travels_excerpt.xml").read_bytes()
    files = [tmp_path / f"part{n}.xml" for n in range(3)]
    for path in files:
        path.write_bytes(xml)
    result = invoke("import", "--preset", "us-secretary-travels", *map(str, files))
    notes = [line for line in result.stderr.splitlines() if "ignored columns" in line]
    assert len(notes) == 1 and "part0.xml (and 2 more files): ignored columns" in notes[0], result.stderr
