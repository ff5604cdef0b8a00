"""meetings import: people cells as registers publish them, several attendee columns, and the side
of a meeting a register leaves implicit (--attendee-column, --add-attendee, --no-split-people)."""

import json
from pathlib import Path

import pytest

from tests.test_installed import run

DATA = Path(__file__).parent / "data"
VISITS = DATA / "us_leader_visits_people_excerpt.csv"
VISITS_OPTIONS = ["--map", "start_date=date", "--map", "from=country", "--map", "description=summary",
                  "--map", "id=", "--map", "from_id=", "--map", "source_file=", "--attendee-column", "visitor"]
HOST = ["--add-attendee", ", United States, President"]


def listed(invoke, *args):
    return json.loads(invoke("list", "--format", "json", "--limit", "0", *args).stdout)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def people_of(meeting):
    return [(a["name"], a["country"], a["role"]) for a in meeting["attendees"]]


@pytest.mark.parametrize(
    ("cell", "people"),
    [
        ("President Andrzej Duda and Prime Minister Donald Tusk",
         [("Andrzej Duda", "President"), ("Donald Tusk", "Prime Minister")]),
        ("President Anwar Sadat, Prime Minister Mustafa Khalil",
         [("Anwar Sadat", "President"), ("Mustafa Khalil", "Prime Minister")]),
        ("Prime Minister Kyriakos Mitsotakis", [("Kyriakos Mitsotakis", "Prime Minister")]),
        ("President Benigno S. Aquino, 3rd", [("Benigno S. Aquino 3rd", "President")]),
        ("President Tommy E. Remengesau, Jr.", [("Tommy E. Remengesau Jr.", "President")]),
        ("  President Lenin Moreno Garcés ", [("Lenin Moreno Garcés", "President")]),
        ("Premier Khrushchev", [("Khrushchev", "Premier")]),
        ("Ana Brnabić, Aleksandar Vučić and Ivica Dačić",
         [("Ana Brnabić", None), ("Aleksandar Vučić", None), ("Ivica Dačić", None)]),
    ],
)
def test_a_people_cell_gives_each_person_with_the_role_its_title_says(invoke, tmp_path, cell, people):
    path = write(tmp_path, "visits.csv", f'date,visitor,from\r\n2024-03-12,"{cell}",Poland\r\n')
    invoke("import", str(path), "--attendee-column", "visitor", "--map", "from=country")
    [meeting] = listed(invoke)
    assert people_of(meeting) == [(name, "Poland", role) for name, role in people]


def test_a_column_mapped_to_attendee_is_read_as_people_too(invoke, tmp_path):
    path = write(tmp_path, "visits.csv", 'date,visitor,from\r\n2024-03-12,"President Andrzej Duda and Prime Minister '
                                         'Donald Tusk",Poland\r\n')
    invoke("import", str(path), "--map", "visitor=attendee", "--map", "from=country")
    [meeting] = listed(invoke)
    assert [a["name"] for a in meeting["attendees"]] == ["Andrzej Duda", "Donald Tusk"]


def test_no_split_people_keeps_each_cell_as_one_name(invoke, tmp_path):
    path = write(tmp_path, "firms.csv", 'date,visitor,from\r\n2024-03-12,"Marks and Spencer",United Kingdom\r\n')
    invoke("import", str(path), "--attendee-column", "visitor", "--map", "from=country", "--no-split-people")
    [meeting] = listed(invoke)
    assert people_of(meeting) == [("Marks and Spencer", "United Kingdom", None)]


def test_the_rows_role_column_wins_over_the_title(invoke, tmp_path):
    path = write(tmp_path, "visits.csv", "date,visitor,from,office\r\n"
                                         "2024-03-12,President Andrzej Duda,Poland,Head of State\r\n"
                                         "2024-03-13,President Andrzej Duda,Poland,\r\n")
    invoke("import", str(path), "--attendee-column", "visitor", "--map", "from=country", "--map", "office=role")
    assert [people_of(m) for m in listed(invoke, "--sort", "date")] in (
        [[("Andrzej Duda", "Poland", "Head of State")], [("Andrzej Duda", "Poland", "President")]],
        [[("Andrzej Duda", "Poland", "President")], [("Andrzej Duda", "Poland", "Head of State")]])


def test_our_own_long_export_keeps_names_exactly(invoke, tmp_path):
    path = write(tmp_path, "long.csv", "meeting_id,date,attendee,country,role\r\n"
                                       "1,2024-03-12,\"Prime Minister Gaston Browne and Friends\",Antigua and Barbuda,\r\n")
    invoke("import", str(path))
    [meeting] = listed(invoke)
    assert people_of(meeting) == [("Prime Minister Gaston Browne and Friends", "Antigua and Barbuda", None)]


def test_several_attendee_columns_each_give_attendees(invoke, tmp_path):
    path = write(tmp_path, "talks.csv", "Date,Host,Guest,Nation\r\n"
                                        "2024-05-02,Prime Minister Keir Starmer,President Emmanuel Macron,\r\n")
    invoke("import", str(path), "--map", "Date=date", "--attendee-column", "Host", "--attendee-column", "Guest",
           "--map", "Nation=country", "--set", "country=United Kingdom")
    [meeting] = listed(invoke)
    assert people_of(meeting) == [("Keir Starmer", "United Kingdom", "Prime Minister"),
                                  ("Emmanuel Macron", "United Kingdom", "President")]


def test_the_host_side_is_added_to_every_record_and_counted(invoke):
    invoke("import", str(VISITS), *VISITS_OPTIONS, *HOST)
    meetings = listed(invoke)
    india = listed(invoke, "--country", "United States", "--country", "India")
    assert len(india) == 3 and all(m["attendees"][0]["name"] == "Nehru" for m in india)
    host = [a for m in meetings for a in m["attendees"] if a["country"] == "United States"]
    assert len(host) == len(meetings) and all(a["name"] is None and a["role"] == "President" for a in host)
    contacts = {row["country"]: row["meetings"] for row in json.loads(
        invoke("stats", "--last-contact", "--country", "United States", "--format", "json").stdout)}
    assert contacts["India"] == 3 and contacts["Brazil"] == 10
    by_country = {row["country"]: row["meetings"] for row in
                  json.loads(invoke("stats", "--by", "country", "--format", "json").stdout)}
    assert by_country["United States"] == len(meetings) and by_country["India"] == 3


def test_an_added_attendee_the_record_names_already_is_not_added_twice(invoke, tmp_path):
    path = write(tmp_path, "visits.csv", "date,visitor,from\r\n2024-03-12,Joe Biden,United States\r\n")
    invoke("import", str(path), "--attendee-column", "visitor", "--map", "from=country",
           "--add-attendee", "Joe Biden, United States, President", "--add-attendee", "Andrzej Duda, Poland")
    [meeting] = listed(invoke)
    assert people_of(meeting) == [("Joe Biden", "United States", None), ("Andrzej Duda", "Poland", None)]


def test_an_added_attendee_reaches_json_records_too(invoke, tmp_path):
    path = write(tmp_path, "m.json", json.dumps([{"date": "2024-03-12", "attendees": [{"name": "Andrzej Duda",
                                                                                       "country": "Poland"}]}]))
    invoke("import", str(path), *HOST)
    [meeting] = listed(invoke)
    assert people_of(meeting) == [("Andrzej Duda", "Poland", None), (None, "United States", "President")]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--attendee-column", "Visitor", "--attendee-column", "Guest"],
         "--attendee-column: 'Guest' is not a column of {path}; its columns: Date, Visitor, From"),
        (["--map", "Visitor=attendee", "--set", "attendees=Joe Biden, United States"],
         "--set: attendees=... fills an attendees column, and this file names its attendees one per row or column; "
         'to add an attendee to every record use --add-attendee "NAME, COUNTRY[, ROLE]"'),
        (["--attendee-column", "Visitor", "--add-attendee", "Joe Biden"],
         "--add-attendee: 'Joe Biden' is not \"NAME, COUNTRY[, ROLE]\" (for example \"Sergei Shoigu, Russia, "
         'Minister of Defence")'),
        (["--attendee-column", "Visitor", "--add-attendee", "Joe Biden, Atlantis"],
         "--add-attendee: 'Joe Biden, Atlantis': unknown country 'Atlantis'"),
        (["--attendee-column", "Visitor", "--add-attendee", ", United States"],
         "--add-attendee: ', United States': a name is required (or an empty name and a role"),
    ],
)
def test_bad_attendee_options_are_refused_and_change_nothing(invoke, tmp_path, snapshot, args, message):
    path = write(tmp_path, "visits.csv", "Date,Visitor,From\r\n2024-03-12,President Andrzej Duda,Poland\r\n")
    invoke("add", "--date", "2020", "--attendee", "A B, France")
    before = snapshot(invoke.path)
    result = invoke("import", str(path), "--map", "Date=date", "--map", "From=country", *args, ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"meetings: {message.format(path=path)}")
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(invoke.path) == before


@pytest.mark.sqlite_only
def test_the_installed_command_imports_both_sides_of_a_visit(tmp_path):
    db = str(tmp_path / "m.db")
    run("--db", db, "import", str(VISITS), *VISITS_OPTIONS, *HOST)
    meetings = json.loads(run("--db", db, "list", "--format", "json", "--limit", "0", "--person", "Tusk").stdout)
    [visit] = meetings
    assert [(a["name"], a["role"]) for a in visit["attendees"]] == [
        ("Andrzej Duda", "President"), ("Donald Tusk", "Prime Minister"), (None, "President")]
    refused = run("--db", db, "import", str(VISITS), "--attendee-column", "guest", check=False)
    assert refused.returncode == 2 and "--attendee-column: 'guest' is not a column" in refused.stderr


def people_named(invoke, search):
    return json.loads(invoke("people", "--search", search, "--format", "json").stdout)


def test_one_persons_spellings_in_a_register_are_one_person_with_aliases(invoke):
    result = invoke("import", str(VISITS), *VISITS_OPTIONS, *HOST)
    [erdogan] = people_named(invoke, "Erdogan")
    assert erdogan["meetings"] == 15 and "Recep Tayyip Erdogan" in erdogan["aliases"]
    [lula] = people_named(invoke, "Lula")
    assert lula["meetings"] == 10 and "Luiz Inacio Lula de Salva" in lula["aliases"]
    assert "note: read 'Recep Tayyip Erdogan' as 'Recep Erdogan', the same person" in result.stderr
    # Every spelling finds the person, and a repeated import changes nothing.
    assert len(listed(invoke, "--person", "Recep Tayyip Erdoğan")) == 15
    assert "0 added, 0 updated, 35 skipped" in invoke("import", str(VISITS), *VISITS_OPTIONS, *HOST).stderr
    assert len(people_named(invoke, "Erdogan")) == 1


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("President George H. W. Bush", "President George W. Bush"),  # initials differ
        ("Amir Hamad bin Khalifa al-Thani", "Amir Tamim bin Hamad al-Thani"),  # father and son
        ("King Abdullah I", "King Abdullah II"),  # regnal numbers
        ("Chairman Kim Jong Il", "Chairman Kim Jong Un"),
        ("President Raul Castro", "President Fidel Castro"),
    ],
)
def test_names_alike_that_may_be_two_people_stay_two(invoke, tmp_path, first, second):
    path = write(tmp_path, "visits.csv", f"date,visitor,from\r\n2001-03-12,{first},Qatar\r\n"
                                         f"2002-03-12,{second},Qatar\r\n")
    result = invoke("import", str(path), "--attendee-column", "visitor", "--map", "from=country")
    assert len(json.loads(invoke("people", "--format", "json").stdout)) == 2
    assert "note: read" not in result.stderr


def test_spellings_far_apart_in_time_or_in_one_meeting_stay_two_people(invoke, tmp_path):
    path = write(tmp_path, "visits.csv", "date,visitor,from\r\n"
                                         "1950-03-12,President Recep Erdogan,Turkey\r\n"
                                         "2010-03-12,President Recep Tayyip Erdogan,Turkey\r\n"
                                         '2011-03-12,"Luiz Lula da Silva and Luiz Inacio Lula da Silva",Brazil\r\n')
    invoke("import", str(path), "--attendee-column", "visitor", "--map", "from=country")
    assert len(people_named(invoke, "Erdogan")) == 2 and len(people_named(invoke, "Lula")) == 2


def test_a_recorded_person_is_found_by_a_spelling_of_a_later_import(invoke, tmp_path):
    invoke("add", "--date", "2010-04-12", "--attendee", "Recep Tayyip Erdoğan, Turkey, Prime Minister",
           "--attendee", "Barack Obama, United States")
    path = write(tmp_path, "visits.csv", "date,visitor,from\r\n2011-09-20,Prime Minister Recep Erdogan,Turkey\r\n")
    invoke("import", str(path), "--attendee-column", "visitor", "--map", "from=country")
    [erdogan] = people_named(invoke, "Erdogan")
    assert erdogan["name"] == "Recep Tayyip Erdoğan" and erdogan["meetings"] == 2
    assert erdogan["aliases"] == ["Recep Erdogan"]


def test_cells_kept_whole_are_never_read_as_another_persons_spelling(invoke, tmp_path):
    path = write(tmp_path, "visits.csv", "date,visitor,from\r\n2010-03-12,Recep Erdogan,Turkey\r\n"
                                         "2011-03-12,Recep Tayyip Erdogan,Turkey\r\n")
    invoke("import", str(path), "--attendee-column", "visitor", "--map", "from=country", "--no-split-people")
    assert len(people_named(invoke, "Erdogan")) == 2


# Organisations met, as attendees of kind organisation ---------------------------------------------

UK = DATA / "uk_cabinet_office_oct_dec_2012_excerpt_cp1252.csv"


def test_an_organisation_column_gives_organisation_attendees_listed_apart_from_people(invoke, tmp_path):
    path = write(tmp_path, "quarter.csv", "Minister,Date,Name of Organisation\r\n"
                                          '"Prime Minister, The Rt Hon David Cameron MP",2014-01,"BAE Systems, Rolls-Royce; '
                                          'Unite, and GMB"\r\n')
    invoke("import", str(path), "--map", "Minister=attendee", "--map", "Date=date", "--organisation-column",
           "Name of Organisation", "--set", "country=United Kingdom")
    [meeting] = listed(invoke)
    assert [(a["name"], a["kind"]) for a in meeting["attendees"]] == [
        ("David Cameron", "person"), ("BAE Systems", "organisation"), ("Rolls-Royce", "organisation"),
        ("Unite", "organisation"), ("GMB", "organisation")]
    organisations = json.loads(invoke("people", "--kind", "organisation", "--format", "json").stdout)
    assert sorted(o["name"] for o in organisations) == ["BAE Systems", "GMB", "Rolls-Royce", "Unite"]
    assert [p["name"] for p in json.loads(invoke("people", "--kind", "person", "--format", "json").stdout)] == [
        "David Cameron"]
    # --person finds an organisation as it finds a person; frameworks (meetings orgs) stay apart.
    assert len(listed(invoke, "--person", "Rolls-Royce")) == 1
    assert "BAE" not in invoke("orgs").stdout


def test_the_uk_return_imports_its_organisations_with_the_preset(invoke):
    invoke("import", "--preset", "uk-ministers-meetings", str(UK))
    meetings = listed(invoke)
    assert all([a["kind"] for a in m["attendees"]] == ["person", "organisation"] for m in meetings)
    assert all(a["country"] is None for m in meetings for a in m["attendees"] if a["kind"] == "organisation")
    assert {a["name"] for m in meetings for a in m["attendees"] if a["kind"] == "organisation"} >= {"IPPR", "Babcock"}


def test_no_split_people_keeps_an_organisation_cell_whole(invoke, tmp_path):
    path = write(tmp_path, "q.csv", 'Date,Org\r\n2014-01,"National Oil, Gas and Biofuel Regulatory Agency"\r\n')
    invoke("import", str(path), "--map", "Date=date", "--organisation-column", "Org", "--no-split-people")
    [meeting] = listed(invoke)
    assert people_of(meeting) == [("National Oil, Gas and Biofuel Regulatory Agency", None, None)]


@pytest.mark.parametrize("shape", [["export"], ["export", "--long"], ["list", "--format", "json"],
                                   ["list", "--format", "jsonl"]])
def test_an_organisations_kind_survives_every_export_and_import_again(invoke, tmp_path, shape):
    from tests.conftest import Invoker

    invoke("add", "--date", "2024-05-02", "--attendee", "Keir Starmer, United Kingdom, Prime Minister",
           "--attendee", "organisation: BAE Systems, United Kingdom", "--attendee", "organisation: ICRC,",
           "--attendee", "\\organisation: a person's odd name, France")
    first = invoke(*shape).stdout
    suffix = ".json" if "json" in shape else ".jsonl" if "jsonl" in shape else ".csv"
    path = tmp_path / f"out{suffix}"
    path.write_text(first, encoding="utf-8", newline="")
    fresh = Invoker(tmp_path / "fresh.db")
    fresh("import", str(path))
    assert fresh(*shape).stdout == first
    [meeting] = listed(fresh)
    assert [(a["name"], a["country"], a["kind"]) for a in meeting["attendees"]] == [
        ("Keir Starmer", "United Kingdom", "person"), ("BAE Systems", "United Kingdom", "organisation"),
        ("ICRC", None, "organisation"), ("organisation: a person's odd name", "France", "person")]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[{"date": "2024", "attendees": [{"name": "ICRC", "kind": "company"}]}]',
         "attendee.kind: 'company' is not a kind of attendee; use person or organisation"),
        ('[{"date": "2024", "attendees": [{"name": "ICRC", "kind": 3}]}]',
         "attendees[0].kind: expected a string or null, got 3"),
        ('[{"date": "2024", "attendees": [{"name": null, "role": "Secretariat", "kind": "organisation"}]}]',
         "attendee.name: an organisation needs its name"),
        ('[{"date": "2024", "attendees": [{"name": "Ana Brnabić", "kind": "person"}]}]',
         "attendee.country: a country is required"),
    ],
)
def test_a_bad_attendee_kind_is_refused_and_changes_nothing(invoke, tmp_path, snapshot, text, message):
    path = write(tmp_path, "m.json", text)
    before = snapshot(invoke.path)
    result = invoke("import", str(path), ok=False)
    assert result.exit_code == 2 and message in result.stderr
    assert snapshot(invoke.path) == before
