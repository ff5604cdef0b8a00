"""The export's statement runs in a child process on a SQLite file (meetings.services.row_stream):
the same rows as in process, a page at a time, a failure as one line, and no child left behind."""

import sqlite3
import subprocess
from pathlib import Path

import pytest

from meetings.db import read_only_uri
from meetings.services import export, row_stream
from meetings.services.row_stream import StreamFailed, stream_rows
from tests.test_import import DATA, US_MAP

pytestmark = pytest.mark.sqlite_only

# Every number from 1 to 2,500 with a text that JSON and CSV both have to take care of.
COUNTED = ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?) "
           "SELECT i, 'x \"' || i || '\" ; é ☃ ' || char(10) || 'y', NULL FROM n")


def test_the_rows_come_back_as_the_driver_gives_them_a_page_at_a_time(seeded_path):
    pages = list(stream_rows(read_only_uri(seeded_path), COUNTED, [2500], page=1000, busy_timeout_ms=1000))
    assert [len(page) for page in pages] == [1000, 1000, 500]
    with sqlite3.connect(seeded_path) as connection:
        expected = [list(row) for row in connection.execute(COUNTED, [2500])]
    connection.close()
    assert [row for page in pages for row in page] == expected


def test_a_statement_the_child_cannot_run_is_one_line(seeded_path):
    with pytest.raises(StreamFailed, match=r"^the database could not be read: no such table: missing$"):
        list(stream_rows(read_only_uri(seeded_path), "SELECT * FROM missing", [], page=10, busy_timeout_ms=1000))


def test_a_reader_that_stops_early_leaves_no_child(seeded_path, monkeypatch):
    children = []
    popen = subprocess.Popen

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        children.append(popen(*args, **kwargs))
        return children[-1]

    monkeypatch.setattr(row_stream.subprocess, "Popen", recording)
    rows = stream_rows(read_only_uri(seeded_path), COUNTED, [10**7], page=100, busy_timeout_ms=1000)
    assert len(next(rows)) == 100
    rows.close()  # what a failed write of the output does to the export's generator
    [child] = children
    assert child.returncode is not None


def test_the_export_is_the_same_from_the_child_and_in_process(invoke_seeded, monkeypatch):
    invoke_seeded("import", str(DATA / "us_secretary_travels_excerpt.csv"), *US_MAP)
    invoke_seeded("add", "--date", "2024-05", "--attendee", "A B, India", "--attendee", "Ünal Ç, Türkiye, Envoy",
                  "--title", "=1+1", "--summary", 'said "no"\nthen; yes', "--topic", "x;y")
    filters = [(), ("--country", "Russia"), ("--from", "1950", "--to", "2009-06"), ("--search", "Paris"), ("--long",),
               ("--topic", "x;y"), ("--format", "csv", "--raw")]
    started = []
    popen = subprocess.Popen
    monkeypatch.setattr(row_stream.subprocess, "Popen", lambda *a, **k: started.append(a) or popen(*a, **k))
    through_child = [invoke_seeded("export", *f).stdout for f in filters]
    assert len(started) == len(filters) - 1  # every one-row-per-meeting export (--long reads records)
    monkeypatch.setattr(export, "sqlite_file", lambda url: None)  # the statement run in process
    assert [invoke_seeded("export", *f).stdout for f in filters] == through_child
    assert len(started) == len(filters) - 1
    assert all(through_child)


def test_a_child_that_fails_is_one_line_and_exit_4(invoke_seeded, monkeypatch):
    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise StreamFailed("the database could not be read: disk I/O error")
        yield  # pragma: no cover

    monkeypatch.setattr(export, "stream_rows", failing)
    result = invoke_seeded("export", ok=False)
    assert result.exit_code == 4
    assert result.stderr.endswith(": the database could not be read: disk I/O error\n")
    assert len(result.stderr.splitlines()) == 1 and result.stderr.startswith("meetings: --db: ")


@pytest.mark.parametrize("folder", ["with space", "query?and#hash", "naïve ☃", "percent%20sign"])
def test_a_database_anywhere_is_read_by_the_child(seeded_path, tmp_path, folder, monkeypatch):
    from tests.conftest import Invoker

    place = tmp_path / folder
    place.mkdir()
    moved = place / "meetings.db"
    Path(seeded_path).rename(moved)
    started = []
    popen = subprocess.Popen
    monkeypatch.setattr(row_stream.subprocess, "Popen", lambda *a, **k: started.append(a) or popen(*a, **k))
    invoke = Invoker(moved)
    through_child = invoke("export").stdout
    assert started and through_child.count("\n") > 1
    monkeypatch.setattr(export, "sqlite_file", lambda url: None)
    assert invoke("export").stdout == through_child


def test_where_no_process_can_be_started_the_statement_runs_in_process(invoke_seeded, monkeypatch):
    expected = invoke_seeded("export", "--country", "Russia").stdout

    def refused(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise OSError(11, "Resource temporarily unavailable")

    monkeypatch.setattr(row_stream.subprocess, "Popen", refused)
    assert invoke_seeded("export", "--country", "Russia").stdout == expected
    assert "Shoigu" in expected


def test_a_child_that_ends_at_once_is_one_line_and_exit_4(invoke_seeded, monkeypatch):
    monkeypatch.setattr(row_stream.sys, "executable", "/bin/false")
    result = invoke_seeded("export", ok=False)
    assert result.exit_code == 4
    assert result.stderr.startswith("meetings: --db: ") and result.stderr.endswith(
        ": the reading process ended with code 1\n")
    assert len(result.stderr.splitlines()) == 1
