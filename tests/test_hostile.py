"""Hostile input: each case starts from what an attacker or a careless hand would give, and
asserts the exit code, the one line on standard error, and a database left exactly as it was
(every row of every table compared before and after).

One table per category; a new case is one row. A row's arguments may use {db} (the database),
{tmp} (a folder of the test's own) and {big} (2**63, one past the largest id).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import Invoker

BIG = str(2**63)


def refused(invoke: Invoker, snapshot: Callable[[Any], list[str]], tmp_path: Path, args: tuple[str, ...],
            code: int, message: str) -> Any:
    """Run a command that must be refused; the database must be unchanged."""
    before = snapshot(invoke.path)
    filled = [a.format(db=invoke.path, tmp=tmp_path, big=BIG) for a in args]
    result = invoke(*filled, ok=False)
    assert result.exit_code == code, (result.exit_code, result.stderr, result.stdout)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert message.format(tmp=tmp_path, big=BIG) in lines[0], lines[0]
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert snapshot(invoke.path) == before
    return result


# --- Ids and numbers beyond what a 64-bit id can hold, and ids below 1 -----------------------------

ID_CASES = [
    (("show", "{big}"), 1, "there is no meeting {big}"),
    (("show", "0"), 1, "there is no meeting 0"),
    (("show", "--", "-1"), 1, "there is no meeting -1"),
    (("edit", "{big}", "--title", "x"), 1, "there is no meeting {big}"),
    (("delete", "{big}", "--yes"), 1, "there is no meeting {big}"),
    (("delete", "99999999999999999999999999", "--yes"), 1, "there is no meeting 99999999999999999999999999"),
    (("people", "show", "{big}"), 1, "there is no person {big}"),
    (("people", "alias", "{big}", "Someone Else"), 1, "there is no person {big}"),
    (("people", "merge", "{big}", "1"), 1, "there is no person {big}"),
    (("people", "merge", "1", "{big}"), 1, "there is no person {big}"),
    (("list", "--sideline-of", "{big}"), 2, "--sideline-of: {big} is not a meeting id"),
    (("list", "--sideline-of", "0"), 2, "--sideline-of: 0 is not a meeting id"),
    (("list", "--offset", "{big}"), 2, "--offset: {big} is out of range"),
    (("list", "--limit", "{big}"), 2, "--limit: {big} is out of range"),
    (("export", "--offset", "{big}"), 2, "--offset: {big} is out of range"),
    (("stats", "--sideline-of", "{big}"), 2, "--sideline-of: {big} is not a meeting id"),
    (("add", "--date", "2020", "--attendee", "A B, France", "--sideline-of", "{big}"), 2,
     "--sideline-of: {big} is not a meeting id"),
    (("edit", "1", "--sideline-of", "{big}"), 2, "--sideline-of: {big} is not a meeting id"),
]


@pytest.mark.parametrize(("args", "code", "message"), ID_CASES, ids=lambda v: " ".join(v) if isinstance(v, tuple) else None)
def test_out_of_range_ids_and_numbers_are_refused(invoke_seeded, snapshot, tmp_path, args, code, message):
    refused(invoke_seeded, snapshot, tmp_path, args, code, message)


IMPORTED_IDS = [
    ("id.csv", 'id,date,attendees\n{big},2020,"A B, France; C D, Peru"\n', "column 'id': '{big}' is not a meeting id"),
    ("id.csv", 'id,date,attendees\n0,2020,"A B, France; C D, Peru"\n', "column 'id': '0' is not a meeting id"),
    # Arabic-Indic three: str.isdigit() says yes and int() reads 3, but it is not an id in a CSV.
    ("id.csv", 'id,date,attendees\n\u0663,2020,"A B, France; C D, Peru"\n', "column 'id': '\u0663' is not a meeting id"),
    ("parent.csv", 'date,attendees,sideline_of\n2020,"A B, France; C D, Peru",{big}\n',
     "column 'sideline_of': '{big}' is not a meeting id"),
    ("id.json", '[{{"id": {big}, "date": "2020", "attendees": [{{"name": "A B", "country": "France"}}]}}]',
     "id: expected a meeting id (a whole number from 1 to"),
    ("id.json", '[{{"id": 0, "date": "2020", "attendees": [{{"name": "A B", "country": "France"}}]}}]',
     "id: expected a meeting id (a whole number from 1 to"),
    ("parent.json", '[{{"sideline_of": {big}, "date": "2020", "attendees": [{{"name": "A B", "country": "France"}}]}}]',
     "sideline_of: expected a meeting id (a whole number from 1 to"),
]


@pytest.mark.parametrize(("name", "content", "message"), IMPORTED_IDS)
def test_imported_ids_out_of_range_are_refused(invoke_seeded, snapshot, tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content.format(big=BIG), encoding="utf-8")
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("import", str(path), ok=False)
    assert result.exit_code == 2, result.stderr
    assert "nothing was imported" in result.stderr
    assert message.format(big=BIG) in result.stderr
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert snapshot(invoke_seeded.path) == before


# --- Files the commands must never write onto -----------------------------------------------------

def _fifo(tmp: Path) -> None:
    os.mkfifo(tmp / "pipe")


def _symlink_to_the_log(tmp: Path, database: Path) -> None:
    (tmp / "link.csv").symlink_to(Path(f"{database}-wal"))


def _dangling_symlink(tmp: Path, database: Path) -> None:
    (tmp / "planted.csv").symlink_to(tmp / "somewhere" / "new.csv")
    (tmp / "somewhere").mkdir()


def _symlink_loop(tmp: Path, database: Path) -> None:
    (tmp / "a.csv").symlink_to(tmp / "b.csv")
    (tmp / "b.csv").symlink_to(tmp / "a.csv")


OUTPUT_CASES = [
    # (setup, args, message); every case is refused with exit 2 and leaves the file system as it was
    (None, ("export", "--output", "{db}-wal", "--force"), "is the database or one of its files"),
    (None, ("export", "--output", "{db}-shm", "--force"), "is the database or one of its files"),
    (None, ("export", "--output", "{db}-journal", "--force"), "is the database or one of its files"),
    (None, ("export", "--output", "{db}", "--force"), "is the database or one of its files"),
    (None, ("export", "--output", "{db}.backup-0002-20240101T000000", "--force"), "is the database or one of its files"),
    (None, ("graph", "--output", "{db}-wal", "--force"), "is the database or one of its files"),
    (None, ("db", "backup", "{db}-wal", "--force"), "FILE: "),
    (_symlink_to_the_log, ("export", "--output", "{tmp}/link.csv", "--force"), "is the database or one of its files"),
    (lambda tmp, db: _fifo(tmp), ("export", "--output", "{tmp}/pipe", "--force"), "is not a regular file"),
    (lambda tmp, db: _fifo(tmp), ("db", "backup", "{tmp}/pipe", "--force"), "is not a regular file"),
    (lambda tmp, db: _fifo(tmp), ("graph", "--output", "{tmp}/pipe", "--force"), "is not a regular file"),
    (_dangling_symlink, ("export", "--output", "{tmp}/planted.csv"), "is a symbolic link to a file that does not exist"),
    (_symlink_loop, ("export", "--output", "{tmp}/a.csv", "--force"), "leads nowhere"),
    (None, ("export", "--output", ""), "--output: names no file"),
    (None, ("graph", "--output", ""), "--output: names no file"),
]


@pytest.mark.sqlite_only
@pytest.mark.parametrize(("setup", "args", "message"), OUTPUT_CASES, ids=lambda v: " ".join(v) if isinstance(v, tuple) else None)
def test_outputs_never_replace_the_database_its_files_or_anything_but_a_regular_file(
        invoke_seeded, snapshot, tmp_path, setup, args, message):
    database = Path(invoke_seeded.path)
    invoke_seeded("add", "--date", "2024-05-01", "--attendee", "A B, France", "--attendee", "C D, Peru")  # in the log
    if setup is not None:
        setup(tmp_path, database)
    folder = {p: (p.is_symlink(), p.exists() and p.stat().st_size) for p in [*tmp_path.iterdir(), *database.parent.iterdir()]}
    refused(invoke_seeded, snapshot, tmp_path, args, 2, message)
    assert {p: (p.is_symlink(), p.exists() and p.stat().st_size) for p in [*tmp_path.iterdir(), *database.parent.iterdir()]} == folder
    assert invoke_seeded("db", "check").exit_code == 0
    assert "2024-05-01" in invoke_seeded("list", "--from", "2024").stdout  # the committed meeting is still there


def test_a_symlink_to_a_regular_file_is_followed_and_stays_a_link(invoke_seeded, tmp_path):
    (tmp_path / "real.csv").write_text("old\n")
    (tmp_path / "link.csv").symlink_to(tmp_path / "real.csv")
    invoke_seeded("export", "--output", str(tmp_path / "link.csv"), "--force")
    assert (tmp_path / "link.csv").is_symlink()
    assert (tmp_path / "real.csv").read_text(encoding="utf-8").startswith("id,date,")


def test_output_dash_is_standard_output(invoke_seeded, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = invoke_seeded("export", "--output", "-")
    assert result.stdout.startswith("id,date,")
    assert not (tmp_path / "-").exists()


# --- Credentials in database URLs -----------------------------------------------------------------

SECRET_URLS = [
    "postgresql+psycopg://analyst@127.0.0.1:1/meetings?password=hunter2-secret",
    "postgresql+psycopg://analyst:hunter2-secret@127.0.0.1:1/meetings",
    "postgresql+psycopg://analyst@127.0.0.1:1/meetings?sslpassword=hunter2-secret&sslmode=disable",
    "postgresql+psycopg://analyst@127.0.0.1:1/meetings?PassWord=hunter2-secret",
]


@pytest.mark.parametrize("url", SECRET_URLS)
@pytest.mark.parametrize("command", [("list",), ("db", "current"), ("db", "check"), ("--debug", "show", "1")])
def test_no_credential_of_a_url_is_ever_printed(url, command):
    from typer.testing import CliRunner

    from meetings.cli import app

    args = ["--debug", "--db", url, *command[1:]] if command[0] == "--debug" else ["--db", url, *command]
    result = CliRunner().invoke(app, args)
    assert result.exit_code != 0
    assert "hunter2" not in result.stdout + result.stderr
    assert "***" in result.stderr


def test_masked_keeps_a_passfile_path_and_the_other_parameters():
    from meetings.db import masked

    shown = masked("postgresql://u@h/db?passfile=/home/u/.pgpass&sslmode=require&password=x")
    assert "passfile=%2Fhome%2Fu%2F.pgpass" in shown and "sslmode=require" in shown and "password=***" in shown


# --- Messages: the right words, the right option, the right exit code -----------------------------

MESSAGE_CASES = [
    (("import", "{tmp}/missing.csv"), 5, "FILE: {tmp}/missing.csv does not exist"),
    (("import", "{tmp}"), 2, "is not a file"),
    (("db", "copy", "--to", "{tmp}"), 4, "--to: "),
    (("--debug", "list", "--from", "2020-13"), 2, "--from: '2020-13' is not a calendar date"),
]


@pytest.mark.parametrize(("args", "code", "message"), MESSAGE_CASES, ids=lambda v: " ".join(v) if isinstance(v, tuple) else None)
def test_messages_name_the_right_thing_with_the_documented_code(invoke_seeded, snapshot, tmp_path, args, code, message):
    if args[0] == "--debug":  # the traceback comes first; the last line is the usual one, and so is the code
        before = snapshot(invoke_seeded.path)
        result = invoke_seeded(*args, ok=False)
        assert result.exit_code == code
        assert "Traceback" in result.stderr
        assert result.stderr.strip().splitlines()[-1].startswith(f"meetings: {message}")
        assert snapshot(invoke_seeded.path) == before
        return
    refused(invoke_seeded, snapshot, tmp_path, args, code, message)


@pytest.mark.sqlite_only
def test_an_sqlite_url_with_parameters_is_refused_without_a_raw_warning(seeded_path, tmp_path, snapshot):
    from typer.testing import CliRunner

    from meetings.cli import app

    before = snapshot(seeded_path)
    result = CliRunner().invoke(app, ["--db", f"sqlite:///{seeded_path}?mode=ro", "list"])
    assert result.exit_code == 2
    assert result.stderr.strip() == ("meetings: --db: an SQLite URL takes no parameters (mode); "
                                     "give the file's path or sqlite:///PATH")
    assert "Warning" not in result.stderr
    assert not list(Path(seeded_path).parent.glob("*mode=ro*"))
    assert snapshot(seeded_path) == before


def test_db_help_lists_only_commands_that_exist():
    from typer.testing import CliRunner

    from meetings.cli import COMMANDS, app, load_command

    summary = COMMANDS["db"][2]
    named = summary.split(":", 1)[1].strip(" .").split(", ")
    assert sorted(named) == sorted(load_command("db").commands)
    assert CliRunner().invoke(app, ["db", "--help"]).exit_code == 0


def test_json_with_columns_keeps_null_as_null(invoke_seeded):
    import json

    shown = json.loads(invoke_seeded("list", "--format", "json", "--columns", "id,end_date,organization").stdout)
    assert shown and all(row["end_date"] is None for row in shown if row["id"] == 3)
    full = {row["id"]: row for row in json.loads(invoke_seeded("list", "--format", "json").stdout)}
    for row in shown:
        assert row["end_date"] == full[row["id"]]["end_date"]
        assert row["organization"] == full[row["id"]]["organization"]



# --- A database that cannot be written: reading works, writing says why ---------------------------

def _make_read_only(target: Path) -> Callable[[], None]:
    """Make a file or folder read-only for this process, and return how to undo it. Root ignores
    permission bits, so for root the file system's immutable flag is used."""
    import subprocess

    if os.geteuid() != 0:
        mode = target.stat().st_mode
        target.chmod(0o555 if target.is_dir() else 0o444)
        return lambda: target.chmod(mode)
    done = subprocess.run(["chattr", "+i", str(target)], capture_output=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"this file system cannot make {target} read-only for root: {done.stderr.decode().strip()}")
    return lambda: subprocess.run(["chattr", "-i", str(target)], check=True)


READ_ONLY_READS = [("list",), ("show", "3"), ("export",), ("stats",), ("people",), ("db", "check")]
READ_ONLY_WRITES = [
    ("add", "--date", "2024", "--attendee", "A B, France", "--attendee", "C D, Peru"),
    ("delete", "3", "--yes"),
    ("edit", "3", "--title", "Renamed"),
    ("people", "alias", "1", "Another Name"),
]


@pytest.mark.sqlite_only
@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_database_can_be_read_and_refuses_writes_with_exit_4(seeded_path, tmp_path, snapshot, what):
    from typer.testing import CliRunner

    from meetings.cli import app

    folder = tmp_path / "vault"
    folder.mkdir()
    database = folder / "meetings.db"
    Path(seeded_path).rename(database)
    before = snapshot(database)
    undo = _make_read_only(database if what == "file" else folder)
    try:
        for command in READ_ONLY_READS:
            result = CliRunner().invoke(app, ["--db", str(database), *command])
            assert result.exit_code == 0, (command, result.stderr)
            assert result.stdout.strip(), command
        check = CliRunner().invoke(app, ["--db", str(database), "db", "check"]).stdout
        assert "FAIL" not in check and "not verified: the database is read-only" in check
        for command in READ_ONLY_WRITES:
            result = CliRunner().invoke(app, ["--db", str(database), *command])
            assert result.exit_code == 4, (command, result.stderr)
            assert result.stderr.strip() == (f"meetings: --db: {database} is read-only (the file or its folder); "
                                             "commands that read work, this one writes")
    finally:
        undo()
    assert snapshot(database) == before


@pytest.mark.sqlite_only
def test_db_check_while_another_process_writes_waits_then_says_busy(seeded_path):
    import sqlite3
    import subprocess

    from tests.test_installed import EXECUTABLE

    holder = sqlite3.connect(seeded_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # what an import holds while it writes
    try:
        result = subprocess.run([EXECUTABLE, "--db", str(seeded_path), "db", "check"], capture_output=True, text=True,
                                env={**os.environ, "MEETINGS_BUSY_TIMEOUT": "300"}, timeout=60, check=False)
    finally:
        holder.rollback()
        holder.close()
    assert result.returncode == 3, result.stdout + result.stderr
    assert result.stderr.strip() == "meetings: the database is busy: another meetings process is writing; try again"


@pytest.mark.sqlite_only
def test_db_backup_on_a_full_disk_is_exit_5_and_leaves_nothing(seeded_path, tmp_path):
    import subprocess

    from tests.test_faults import limited
    from tests.test_installed import EXECUTABLE

    target = tmp_path / "copies" / "backup.db"
    target.parent.mkdir()
    result = subprocess.run([EXECUTABLE, "--db", str(seeded_path), "db", "backup", str(target)], capture_output=True,
                            text=True, preexec_fn=limited(40_000), timeout=60, check=False)
    assert result.returncode == 5, result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stderr.startswith("meetings: cannot back up to ")
    assert list(target.parent.iterdir()) == []


# --- The editor: refusals are bounded, one line, and leave nothing behind --------------------------

EDITOR_CASES = [
    # (editor body, exit code, message); `path`, `text` and `calls` as in tests.test_edit.scripted_editor
    ("path.write_text(text + f'\\n  bad{calls}: [unclosed\\n', encoding='utf-8')", 2, "YAML:"),
    ("sys.exit(3)", 2, "exited with status 3; nothing was written"),
    ("path.write_bytes(b'title: caf\\xe9\\n')", 2, "the saved file is not valid UTF-8 (byte 10); nothing was written"),
]


@pytest.mark.parametrize(("body", "code", "message"), EDITOR_CASES)
def test_a_hostile_editor_is_refused_in_one_line_after_a_bounded_number_of_rounds(
        invoke_seeded, snapshot, tmp_path, monkeypatch, body, code, message):
    from meetings.cli.editor import ROUNDS
    from tests.test_edit import scripted_editor

    monkeypatch.setattr("meetings.cli.editor.rounds", lambda: ROUNDS)  # as on a terminal: still bounded
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", scripted_editor(tmp_path, body))
    refused(invoke_seeded, snapshot, tmp_path, ("edit", "3", "--editor"), code, message)
    assert int((tmp_path / "calls").read_text()) <= ROUNDS


def test_a_missing_editor_is_named(invoke_seeded, snapshot, tmp_path, monkeypatch):
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", str(tmp_path / "no-such-editor"))
    refused(invoke_seeded, snapshot, tmp_path, ("edit", "3", "--editor"), 2, "no-such-editor' cannot be run")


def test_saving_unchanged_writes_nothing(invoke_seeded, snapshot, tmp_path, monkeypatch):
    from tests.test_edit import scripted_editor

    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", scripted_editor(tmp_path, "path.write_text(text + '\\n', encoding='utf-8')"))
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("edit", "3", "--editor")
    assert "saved unchanged; nothing was written" in result.stderr
    assert snapshot(invoke_seeded.path) == before  # not even the time it was last updated


@pytest.mark.sqlite_only
def test_the_editors_temporary_folder_is_removed_when_meetings_is_terminated(seeded_path, tmp_path):
    import signal
    import subprocess
    import sys
    import time

    from tests.test_installed import EXECUTABLE

    seen = tmp_path / "opened"
    editor = tmp_path / "editor.py"
    editor.write_text(f"import pathlib, sys, time\npathlib.Path({str(seen)!r}).write_text(sys.argv[1])\ntime.sleep(60)\n")
    process = subprocess.Popen([EXECUTABLE, "--db", str(seeded_path), "edit", "3", "--editor"],
                               env={**os.environ, "VISUAL": f"{sys.executable} {editor}"},
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        for _ in range(300):
            if seen.exists() and seen.read_text():
                break
            time.sleep(0.1)
        opened = Path(seen.read_text())
        assert opened.exists()
        os.killpg(process.pid, signal.SIGTERM)  # the terminal closing sends it to the whole group
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert not opened.parent.exists()


# --- Characters: what XML cannot hold, what spreadsheets read as formulas, what cannot be seen ------

FORBIDDEN_CHARACTERS = [
    ("U+FFFE", "\ufffe"), ("U+FFFF", "\uffff"), ("U+FDD0", "\ufdd0"), ("U+10FFFF", "\U0010ffff"),
    ("U+1FFFE", "\U0001fffe"), ("a lone surrogate", "\ud800"),
]


@pytest.mark.parametrize(("label", "character"), FORBIDDEN_CHARACTERS, ids=[c[0] for c in FORBIDDEN_CHARACTERS])
def test_characters_xml_cannot_hold_are_refused_in_names(invoke_seeded, snapshot, tmp_path, label, character):
    path = tmp_path / "meetings.json"
    import json

    path.write_text(json.dumps([{"date": "2024", "attendees": [{"name": f"Bad{character}Name", "country": "France"},
                                                               {"name": "Good Name", "country": "Peru"}]}]))
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("import", str(path), ok=False)
    assert result.exit_code == 2, result.stderr
    assert "control, bidirectional-override or non-characters are not accepted" in result.stderr
    assert snapshot(invoke_seeded.path) == before


@pytest.mark.parametrize("graph_format", ["graphml", "gexf"])
def test_graphs_of_names_with_xml_syntax_are_well_formed(invoke, graph_format):
    import xml.etree.ElementTree as ElementTree

    invoke("add", "--date", "2024", "--attendee", 'Tom <b>&amp;"Jerry\'s, France', "--attendee", "A ]]> B, Peru")
    result = invoke("graph", "--format", graph_format, "--nodes", "person")
    root = ElementTree.fromstring(result.stdout.encode("utf-8"))
    assert any((element.get("label") or element.text) == 'Tom <b>&amp;"Jerry\'s' for element in root.iter())


def test_markdown_tables_escape_pipes(invoke):
    invoke("add", "--date", "2024", "--title", "Talks | with a pipe", "--attendee", "A B, France",
           "--attendee", "C D, Peru")
    lines = invoke("list", "--format", "markdown", "--columns", "id,title").stdout.strip().splitlines()
    assert "Talks \\| with a pipe" in lines[2]
    unescaped = [line.replace("\\|", "").count("|") for line in lines]
    assert len(set(unescaped)) == 1, lines


SPREADSHEET_TRIGGERS = ["\uff1d", "\ufe66", "\uff0b", "\ufe62", "\uff0d", "\ufe63", "\uff20", "\ufe6b", "=", "@"]


@pytest.mark.parametrize("trigger", SPREADSHEET_TRIGGERS, ids=lambda c: f"U+{ord(c):04X}")
def test_formula_look_alikes_are_neutralized_and_come_back_exactly(invoke, tmp_path, trigger):
    import csv

    title = f"{trigger}HYPERLINK(\"http://example.org\")"
    invoke("add", "--date", "2024", "--title", title, "--attendee", "A B, France", "--attendee", "C D, Peru")
    exported = tmp_path / "out.csv"
    invoke("export", "--output", str(exported))
    with exported.open(encoding="utf-8", newline="") as handle:
        row = next(csv.DictReader(handle))
    assert row["title"] == "'" + title
    invoke("delete", "1", "--yes")
    invoke("import", str(exported))
    assert invoke("show", "1", "--format", "json").stdout.count(title.replace('"', '\\"')) == 1


INVISIBLE = [("soft hyphen", "Sergei Sho\u00adigu"), ("zero-width space", "Sergei\u200b Shoigu"),
             ("LRM", "\u200eSergei Shoigu"), ("RLM", "Sergei Shoigu\u200f"), ("BOM", "\ufeffSergei Shoigu"),
             ("word joiner", "Ser\u2060gei Shoigu")]


@pytest.mark.parametrize(("label", "name"), INVISIBLE, ids=[c[0] for c in INVISIBLE])
def test_invisible_characters_are_removed_from_names_so_one_person_stays_one(invoke_seeded, label, name):
    import json

    before = json.loads(invoke_seeded("people", "--format", "json").stdout)
    invoke_seeded("add", "--date", "2024", "--attendee", f"{name}, Russia", "--attendee", "C D, Peru")
    after = json.loads(invoke_seeded("people", "--format", "json").stdout)
    assert len(after) == len(before) + 1  # only C D is new
    assert [p["meetings"] for p in after if p["name"] == "Sergei Shoigu"] == [3]


# --- Files to import: nesting, encodings, line ends, numbers, types, headers ----------------------

def _nested(levels: int) -> str:
    return "[" * levels + "]" * levels


CSV_ROW = 'date,attendees\n2024,"A B, France; C D, Peru"\n'
UK_HEADER = "Minister,Date,Name of Organisation,Purpose of meeting\n"
BILLION_LAUGHS = (b'<?xml version="1.0"?>\n<!DOCTYPE visits [<!ENTITY a "aaaaaaaaaa">'
                  b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>\n'
                  b"<visits><visit><visitor>&c;</visitor></visit></visits>\n")
EXTERNAL = (b'<?xml version="1.0"?>\n<!DOCTYPE visits [<!ENTITY secret SYSTEM "file:///etc/passwd">]>\n'
            b"<visits><visit><visitor>&secret;</visitor></visit></visits>\n")
IMPORT_CASES = [
    # (file name, bytes, extra options, message)
    ("deep.json", _nested(100_000).encode(), (), "is not valid JSON: it is nested too deeply"),
    ("deep.jsonl", (_nested(100_000) + "\n").encode(), (), "not valid JSON: it is nested too deeply"),
    ("deep.yaml", ("meetings: " + _nested(100_000) + "\n").encode(), (), "is nested too deeply to be a fixture"),
    ("huge.json", ('[{"date": "2024", "id": ' + "9" * 5000 + "}]").encode(), (),
     "a number in it has more than 4300 digits"),
    ("rot13.csv", CSV_ROW.encode(), ("--encoding", "rot13"), "--encoding: 'rot13' is not a text encoding"),
    ("base64.csv", CSV_ROW.encode(), ("--encoding", "base64"), "--encoding: 'base64' is not a text encoding"),
    ("nobom.csv", CSV_ROW.encode("utf-16-le"), ("--encoding", "utf-16"), "has no byte-order mark"),
    ("nobom32.csv", CSV_ROW.encode("utf-32-le"), ("--encoding", "utf-32"), "has no byte-order mark"),
    ("mac.csv", CSV_ROW.replace("\n", "\r").encode(), (), "save the file with LF or CRLF line ends"),
    ("twice.csv", b'date,attendees,date\n2024,"A B, France",2025\n', (), "column 'date' appears more than once"),
    ("twice-folded.csv", b'Date,attendees, DATE \n2024,"A B, France",2025\n', (), "column 'Date' appears more than once"),
    ("lists.yaml", b"meetings:\n- date: '2024'\n  topics: [[a, b], {x: 1}]\n  attendees:\n  - {name: A B, country: France}\n",
     (), "topics[0]: expected text, got a list (['a', 'b'])"),
    ("mapping.yaml", b"meetings:\n- date: '2024'\n  title: {x: 1}\n  attendees:\n  - {name: A B, country: France}\n",
     (), "title: expected text, got a mapping"),
    ("nulltopic.yaml", b"meetings:\n- date: '2024'\n  topics: [null]\n  attendees:\n  - {name: A B, country: France}\n",
     (), "topics[0]: expected text, got null"),
    # YAML takes only the types JSON takes: a number or true/false where text belongs is refused, not stored as text
    ("number.yaml", b"meetings:\n- date: '2024'\n  title: 5\n  attendees:\n  - {name: A B, country: France}\n",
     (), "title: expected text, got a number (5); in YAML, put it in quotes"),
    ("year.yaml", b"meetings:\n- date: 2024\n  attendees:\n  - {name: A B, country: France}\n",
     (), "date: expected text, got a number (2024)"),
    ("bool.yaml", b"meetings:\n- date: '2024'\n  venue: yes\n  attendees:\n  - {name: A B, country: France}\n",
     (), "venue: expected text, got true/false (True)"),
    ("float.yaml", b"meetings:\n- date: '2024'\n  topics: [1.5]\n  attendees:\n  - {name: A B, country: France}\n",
     (), "topics[0]: expected text, got a number (1.5)"),
    ("role.yaml", b"meetings:\n- date: '2024'\n  attendees:\n  - {name: A B, country: France, role: 7}\n",
     (), "attendees[0].role: expected text, got a number (7)"),
    ("source.yaml", b"sources:\n- {key: s, reference: 42}\nmeetings:\n- date: '2024'\n  attendees:\n"
     b"  - {name: A B, country: France}\n", (), "sources[0].reference: expected text, got a number (42)"),
    ("surrogate.json", b'[{"date": "2024", "topics": ["\\ud800"], "attendees": [{"name": "A B", "country": "France"}]}]',
     (), "control, bidirectional-override or non-characters are not accepted"),
    # Presets and the XML they read
    ("fit.csv", b"Minister,When,Who\nA B,Oct-12,IPPR\n", ("--preset", "uk-ministers-meetings"),
     "fit.csv: does not fit the preset uk-ministers-meetings: it has no column Date, no column Name of Organisation "
     "(or Name of External Organisation or Organisation or External Organisation), no column Purpose of meeting "
     "(or Purpose of meeting² or Purpose); its columns: Minister, When, Who"),
    ("visits.csv", b"visitor,from\nPresident X,Peru\n", ("--preset", "us-leader-visits"),
     "does not fit the preset us-leader-visits: it has no column start_date, no column end_date, no column description"),
    ("format.csv", (UK_HEADER + "A B,12/10/2012,IPPR,Pay\n").encode(), ("--preset", "uk-ministers-meetings",
                                                                          "--date-format", "%b-%y"),
     "format.csv:2: column 'Date': '12/10/2012' does not match --date-format '%b-%y'"),
    ("plain.csv", b'date,attendees\n03 March,"A B, France"\n', ("--date-format", "%d %B %Y"),
     "column 'date': '03 March' does not match --date-format '%d %B %Y'"),
    # A --date-format no row matches is one line however many rows there are.
    ("rows.csv", b'date,attendees\n03 March,"A B, France"\n04 March,"A B, France"\n05 March,"C D, Peru"\n',
     ("--date-format", "%d %B %Y"), "rows.csv:2: column 'date': '03 March' does not match --date-format '%d %B %Y' "
     "(and 2 more records the same way; --skip-invalid --rejects FILE lists each)"),
    ("unknown.csv", b'date,attendees\n2024,"A B, France"\n', ("--preset", "uk-minister-meetings"),
     "--preset: there is no preset 'uk-minister-meetings'; known presets: uk-ministers-meetings, us-leader-visits, "
     "us-president-travels, us-secretary-travels"),
    ("noxml.xml", b"<visits><visit><id>1</id></visit></visits>", (),
     "noxml.xml: is XML; name a preset that says which element is a record: --preset us-leader-visits or "
     "us-president-travels or us-secretary-travels"),
    ("laughs.xml", BILLION_LAUGHS, ("--preset", "us-leader-visits"), "laughs.xml: has a document type declaration (DTD) or entities; such XML is refused"),
    ("external.xml", EXTERNAL, ("--preset", "us-leader-visits"), "external.xml: has a document type declaration (DTD) or entities"),
    ("dtd.xml", b'<?xml version="1.0"?>\n<!DOCTYPE visits SYSTEM "file:///etc/passwd">\n<visits/>\n', ("--preset", "us-leader-visits"),
     "dtd.xml: has a document type declaration (DTD) or entities"),
    ("broken.xml", b"<visits><visit><id>1</visit></visits>", ("--preset", "us-leader-visits"),
     "broken.xml: is not well-formed XML: mismatched tag: line 1"),
    ("empty.xml", b"<trips></trips>", ("--preset", "us-secretary-travels"), "holds no <trip> element; nothing to import"),
]


@pytest.mark.parametrize(("name", "content", "options", "message"), IMPORT_CASES, ids=[c[0] for c in IMPORT_CASES])
def test_hostile_files_are_refused_in_the_products_words(invoke_seeded, snapshot, tmp_path, name, content, options,
                                                        message):
    path = tmp_path / name
    path.write_bytes(content)
    result = refused(invoke_seeded, snapshot, tmp_path, ("import", str(path), *options), 2, message)
    assert "sys.set_int_max_str_digits" not in result.stderr and "universal-newline" not in result.stderr


def test_a_utf32_file_with_its_byte_order_mark_is_read_as_utf32(invoke, tmp_path):
    path = tmp_path / "wide.csv"
    path.write_bytes(CSV_ROW.encode("utf-32"))  # the mark, then little-endian UTF-32 here
    invoke("import", str(path))
    assert "A B" in invoke("list", "--columns", "attendees").stdout


@pytest.mark.sqlite_only
@pytest.mark.parametrize("graph_format", ["graphml", "gexf"])
def test_graphs_stay_well_formed_when_another_tool_stored_what_xml_cannot_hold(invoke, graph_format):
    import sqlite3
    import xml.etree.ElementTree as ElementTree

    invoke("add", "--date", "2024", "--attendee", "Good Name, France", "--attendee", "Other Name, Peru")
    with sqlite3.connect(invoke.path) as connection:  # input refuses it; another tool may not
        connection.execute("UPDATE people SET name = 'Bad\uffff\x01Name' WHERE name = 'Good Name'")
    result = invoke("graph", "--format", graph_format, "--nodes", "person")
    root = ElementTree.fromstring(result.stdout.encode("utf-8"))
    labels = {element.get("label") or element.text for element in root.iter()}
    assert "Bad\ufffd\ufffdName" in labels


def test_yaml_and_json_give_one_meeting_for_one_record(invoke, tmp_path):
    """An unquoted YAML date is the text it was written as (not a date object): the YAML and the
    JSON of one record import as the same meeting."""
    as_yaml = tmp_path / "one.yaml"
    as_yaml.write_text("meetings:\n- date: 2023-04-28\n  title: Talks\n  attendees:\n  - {name: A B, country: France}\n",
                       encoding="utf-8")
    as_json = tmp_path / "one.json"
    as_json.write_text('[{"date": "2023-04-28", "title": "Talks", "attendees": [{"name": "A B", "country": "France"}]}]',
                       encoding="utf-8")
    invoke("import", str(as_yaml))
    result = invoke("import", str(as_json), "--on-duplicate", "skip")
    assert "1 skipped as exact duplicates" in result.stderr, result.stderr
    listed = json.loads(invoke("list", "--format", "json").stdout)
    assert [(m["date"], m["title"]) for m in listed] == [("2023-04-28", "Talks")]


# Folder names a URL would read otherwise: "?" starts its parameters, "%XX" is a character.
DATABASE_FOLDERS = ["query?mode=memory", "q?x", "percent%20encoded", "percent%3Fsign", "hash#part", "both?%25"]


@pytest.mark.sqlite_only
@pytest.mark.parametrize("folder", DATABASE_FOLDERS)
def test_a_database_path_is_that_file_whatever_its_folder_is_called(tmp_path, folder):
    place = tmp_path / folder
    place.mkdir()
    database = place / "meetings.db"
    invoke = Invoker(database)
    invoke("add", "--date", "2024-03-01", "--attendee", "A B, France", "--attendee", "C D, Peru", "--title", "Here")
    assert "Here" in invoke("list").stdout
    assert "Here" in invoke("export").stdout
    assert "Here" in invoke("export", "--country", "Peru").stdout
    # The meeting is in that file, and no other file or folder was made anywhere else.
    assert database.is_file() and database.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [folder]
