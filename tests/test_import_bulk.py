"""A large import on SQLite builds the indexes only queries read after its rows
(MeetingWriter.defer_indexes): what it records, what it reports and the schema it leaves are those
of an import that keeps every index up to date row by row, and a refused import keeps them all."""

import re
import sqlite3
from pathlib import Path

import pytest

from meetings.services import importer, writer
from tests.test_import import US_MAP
from tests.test_import_people import HOST, VISITS, VISITS_OPTIONS

pytestmark = pytest.mark.sqlite_only

DATA = Path(__file__).parent / "data"


def schema(path):
    with sqlite3.connect(path) as connection:
        rows = sorted(connection.execute("SELECT type, name, tbl_name, sql FROM sqlite_master"))
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    connection.close()
    return rows


def outcome(invoke, repeated):
    """Two real registers (the second with people cells and a host added), the first with its rows
    given twice; what a user then sees."""
    first = invoke("import", str(repeated), *US_MAP)
    second = invoke("import", str(VISITS), *VISITS_OPTIONS, *HOST)
    # The list of skipped records is named by the time of the import (and a number when taken).
    reports = [re.sub(r"\d{8}-\d{6}-batch-(\d+)(-\d+)?", r"TIME-batch-\1", result.stderr) for result in (first, second)]
    return (*reports, invoke("export").stdout, invoke("export", "--long").stdout,
            invoke("duplicates").stdout, invoke("list", "--country", "United States", "--from", "1950").stdout)


@pytest.fixture
def deferred(monkeypatch):
    """Indexes deferred from the first chunk on, in chunks of three; the defer_indexes calls that dropped any."""
    monkeypatch.setattr(importer, "CHUNK", 3)
    monkeypatch.setattr(importer, "DEFER_INDEXES_AFTER", 1)
    dropped: list[int] = []
    original = writer.MeetingWriter.defer_indexes

    def defer(self):  # type: ignore[no-untyped-def]
        before = len(self.deferred)
        original(self)
        if len(self.deferred) > before:
            dropped.append(len(self.deferred))

    monkeypatch.setattr(writer.MeetingWriter, "defer_indexes", defer)
    return dropped


def test_indexes_built_after_the_rows_leave_what_indexes_kept_up_to_date_leave(invoke, tmp_path, monkeypatch,
                                                                             deferred):
    from tests.conftest import Invoker

    header, *rows = (DATA / "us_secretary_travels_excerpt.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    repeated = tmp_path / "secretary-twice.csv"  # its second half repeats the first, in later chunks
    repeated.write_text(header + "".join(rows + rows), encoding="utf-8", newline="")
    # The same imports into a database of their own, every index kept up to date.
    monkeypatch.setattr(importer, "DEFER_INDEXES_AFTER", 10**9)
    kept = Invoker(tmp_path / "kept.db")
    kept("init", "--empty")
    expected = outcome(kept, repeated)
    assert deferred == []
    monkeypatch.setattr(importer, "DEFER_INDEXES_AFTER", 1)
    assert outcome(invoke, repeated) == expected
    # Both imports dropped every deferred index once and built it again before committing.
    assert deferred == [len(writer.BUILT_AFTER_ROWS)] * 2
    assert schema(invoke.path) == schema(kept.path)
    assert "16 added, 0 updated, 16 skipped as exact duplicates" in expected[0]


def test_a_refused_import_keeps_every_index(invoke_seeded, tmp_path, snapshot, deferred):
    header, *rows = (DATA / "us_secretary_travels_excerpt.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    assert "2009-10-12" in rows[-1]
    broken = rows[-1].replace("2009-10-12", "2009-13-12", 1)  # its last row, after four chunks
    source = tmp_path / "refused.csv"
    source.write_text(header + "".join(rows[:-1]) + broken, encoding="utf-8", newline="")
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("import", str(source), *US_MAP, ok=False)
    assert result.exit_code == 2 and "nothing was imported" in result.stderr and "refused.csv:17:" in result.stderr
    assert deferred == [len(writer.BUILT_AFTER_ROWS)]  # it wrote chunks without them, then rolled back
    assert snapshot(invoke_seeded.path) == before
