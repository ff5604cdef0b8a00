"""PostgreSQL as a team's shared database: many writers at once, and moving records between
backends with `meetings db copy`."""

import json
import subprocess
import sys

import pytest

from tests.conftest import POSTGRES, Invoker, query

postgres_only = pytest.mark.skipif(not POSTGRES, reason="needs a PostgreSQL server: set MEETINGS_TEST_POSTGRES")

WRITER = """
import sys, time
from typer.testing import CliRunner
from meetings.cli import app
runner = CliRunner()
db, worker = sys.argv[1], sys.argv[2]
for i in range(50):
    result = runner.invoke(app, ["--db", db, "add", "--date", f"2024-05-{1 + i % 28:02d}",
                                 "--attendee", "Sergei Lavrov, Russia", "--attendee", "Wang Yi, China",
                                 "--attendee", f"Worker {worker} guest {i}, India",
                                 "--topic", "shared topic", "--topic", f"worker {worker}"])
    if result.exit_code != 0:
        print(result.stderr, file=sys.stderr)
        sys.exit(1)
"""


@postgres_only
def test_eight_processes_adding_at_once_lose_nothing_and_duplicate_nothing(db_path):
    workers = [subprocess.Popen([sys.executable, "-c", WRITER, str(db_path), str(n)], stderr=subprocess.PIPE)
               for n in range(8)]
    for worker in workers:
        _, err = worker.communicate(timeout=600)
        assert worker.returncode == 0, err.decode()
    assert query(db_path, "SELECT count(*) FROM meetings") == [(400,)]
    assert query(db_path, "SELECT count(*) FROM people WHERE name IN ('Sergei Lavrov', 'Wang Yi')") == [(2,)]
    assert query(db_path, "SELECT count(*) FROM topics WHERE name = 'shared topic'") == [(1,)]
    assert query(db_path, "SELECT count(*) - count(DISTINCT key) FROM people") == [(0,)]
    assert query(db_path, "SELECT count(*) FROM meetings_search") == [(400,)]


@postgres_only
def test_concurrent_imports_of_the_same_people(db_path, tmp_path):
    files = []
    for n in range(4):
        path = tmp_path / f"batch{n}.csv"
        rows = "".join(f'2023-{1 + i % 12:02d}-{1 + n:02d},"Antony Blinken, USA; Sergei Lavrov, Russia; X{n}-{i}, France",'
                       f"diplomacy\n" for i in range(200))
        path.write_text("date,attendees,topics\n" + rows)
        files.append(path)
    command = [sys.executable, "-m", "meetings", "--db", str(db_path), "import"]
    processes = [subprocess.Popen([*command, str(f)], stderr=subprocess.PIPE) for f in files]
    for process in processes:
        _, err = process.communicate(timeout=600)
        assert process.returncode == 0, err.decode()
    assert query(db_path, "SELECT count(*) FROM meetings") == [(800,)]
    assert query(db_path, "SELECT count(*) FROM people WHERE name = 'Sergei Lavrov'") == [(1,)]
    assert query(db_path, "SELECT count(*) FROM topics") == [(1,)]


def test_the_backend_in_use_is_the_one_asked_for(db_path):
    assert ("://" in str(db_path)) == bool(POSTGRES)
    assert json.loads(Invoker(db_path)("list", "--format", "json").stdout) == []


@postgres_only
def test_streamed_listings_are_planned_for_all_their_rows(db_path):
    """Listings stream through server-side cursors; PostgreSQL plans those for their first tenth
    by default, which walks the whole date index for a rare country's page."""
    from sqlalchemy import text

    from meetings.db import open_database, read_scope

    with read_scope(open_database(str(db_path))) as reader:
        assert reader.execute(text("SHOW cursor_tuple_fraction")).scalar() == "1"


def test_copy_round_trip_gives_a_byte_identical_export(tmp_path, backend):
    """SQLite -> the backend under test (PostgreSQL when it is set) -> SQLite."""
    invoke_seeded = Invoker(tmp_path / "source.db")
    invoke_seeded("init")
    invoke_seeded("people", "alias", "3", "Sergei K Shoigu")
    invoke_seeded("add", "--date", "2024-07", "--attendee", "Ли Шанфу, China", "--sideline-of", "2", "--title", "=x")
    middle = backend.new(tmp_path, "blank")
    result = invoke_seeded("db", "copy", "--to", str(middle))
    assert "counts and record checksum match" in result.stdout
    back = tmp_path / "laptop.db"
    Invoker(middle)("db", "copy", "--to", str(back))
    for shape in (["export"], ["export", "--long"], ["list", "--format", "json", "--limit", "0"]):
        assert Invoker(back)(*shape).stdout_bytes == invoke_seeded(*shape).stdout_bytes
    assert "Sergei K Shoigu" in Invoker(back)("people", "--format", "json").stdout
    assert '"India (observer 2005–2017)"' in Invoker(back)("orgs", "--format", "json").stdout
    assert Invoker(back)("list", "--search", "shoigu", "--format", "json").stdout.count('"id"') == 2


def test_copy_refuses_a_target_with_records_unless_merge(invoke_seeded, tmp_path, backend, snapshot):
    target = backend.new(tmp_path, "seeded")
    Invoker(target)("add", "--date", "2020", "--attendee", "A B, Peru")
    before = snapshot(target)
    refused = invoke_seeded("db", "copy", "--to", str(target), ok=False)
    assert refused.exit_code == 2
    assert "use --merge" in refused.stderr
    assert snapshot(target) == before
    invoke_seeded("add", "--date", "2025-01", "--attendee", "C D, Chile")
    merged = invoke_seeded("db", "copy", "--to", str(target), "--merge")
    assert "1 added, 3 already there" in merged.stdout
    assert len(json.loads(Invoker(target)("list", "--format", "json").stdout)) == 5


def test_copy_onto_itself_is_refused(invoke_seeded):
    result = invoke_seeded("db", "copy", "--to", str(invoke_seeded.path), ok=False)
    assert result.exit_code == 2


def test_a_server_password_is_never_printed():
    from typer.testing import CliRunner

    from meetings.cli import app

    result = CliRunner().invoke(app, ["--db", "postgresql+psycopg://analyst:s3cret-pw@127.0.0.1:1/meetings", "list"])
    assert result.exit_code == 4
    assert "s3cret-pw" not in result.stderr + result.stdout
    assert "analyst:***@127.0.0.1" in result.stderr


@postgres_only
def test_migration_0004_reindexes_punctuated_words_as_sqlite_splits_them(db_path):
    from alembic import command
    from sqlalchemy import create_engine

    from meetings.migrations import alembic_config

    invoke = Invoker(db_path)
    invoke("add", "--date", "2009-04-01", "--attendee", "Hillary Clinton, USA", "--summary", "Attended the G-20 summit.")
    engine = create_engine(str(db_path))
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0003")
    engine.dispose()
    old = "SELECT count(*) FROM meetings_search WHERE document @@ to_tsquery('simple', ?)"
    assert query(db_path, old, "'g' <-> '20'") == [(0,)]  # PostgreSQL's parser made it "g" "-20"
    assert [m["date"] for m in json.loads(invoke("list", "--search", "G-20", "--format", "json").stdout)] == ["2009-04-01"]
    from meetings.schema import HEAD

    assert query(db_path, "SELECT version_num FROM alembic_version") == [(HEAD,)]
    assert query(db_path, old, "'g' <-> '20'") == [(1,)]
