"""Faults, in real processes: kill -9 mid-import, concurrent writers, a full disk, and
migrations that are interrupted or need a backup."""

import resource
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import Invoker
from tests.test_installed import EXECUTABLE

pytestmark = pytest.mark.sqlite_only

HEADER = "date,title,attendees,topics\n"


def big_csv(path: Path, count: int) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        for i in range(count):
            day = f"{1990 + i % 30}-{1 + i % 12:02d}-{1 + i % 28:02d}"
            handle.write(f'{day},Meeting {i},"Person {i}, France, Envoy; Other {i % 500}, Germany",topic {i % 50}\n')
    return path


def state(path: Path) -> tuple[int, str]:
    with sqlite3.connect(path) as connection:
        count = connection.execute("SELECT count(*) FROM meetings").fetchone()[0]
        integrity = connection.execute("PRAGMA integrity_check").fetchone()[0]
    return count, integrity


def test_kill_9_during_a_large_import_leaves_the_database_as_before(seeded_path, tmp_path):
    source = big_csv(tmp_path / "big.csv", 60_000)
    before = state(seeded_path)
    process = subprocess.Popen([EXECUTABLE, "--db", str(seeded_path), "import", str(source)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    wal = Path(str(seeded_path) + "-wal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (not wal.exists() or wal.stat().st_size < 2_000_000):
        assert process.poll() is None, process.stderr.read() if process.stderr else ""
        time.sleep(0.02)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert state(seeded_path) == before
    assert Invoker(seeded_path)("db", "check").exit_code == 0


WRITER = """
import sys
from typer.testing import CliRunner
from meetings.cli import app
runner = CliRunner()
db, worker = sys.argv[1], sys.argv[2]
for i in range(100):
    result = runner.invoke(app, ["--db", db, "add", "--date", "2024-05-01", "--attendee", f"Worker {worker}, India",
                                 "--attendee", f"Guest {i}, France", "--topic", "load"])
    if result.exit_code != 0:
        print(result.stderr, file=sys.stderr)
        sys.exit(1)
"""


def test_four_processes_adding_at_once_lose_nothing(seeded_path):
    before, _ = state(seeded_path)
    workers = [subprocess.Popen([sys.executable, "-c", WRITER, str(seeded_path), str(n)], stderr=subprocess.PIPE)
               for n in range(4)]
    for worker in workers:
        _, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err.decode()
    count, integrity = state(seeded_path)
    assert count == before + 400
    assert integrity == "ok"
    with sqlite3.connect(seeded_path) as connection:
        assert connection.execute("SELECT count(*) FROM topics WHERE name = 'load'").fetchone()[0] == 1
        assert connection.execute("SELECT count(*) FROM people WHERE name LIKE 'Guest %'").fetchone()[0] == 100


def limited(max_bytes: int):
    def apply() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (max_bytes, max_bytes))
    return apply


def test_a_full_disk_during_export_leaves_no_partial_file(seeded_path, tmp_path):
    Invoker(seeded_path)("import", str(big_csv(tmp_path / "some.csv", 1000)))
    target = tmp_path / "out" / "report.csv"
    target.parent.mkdir()
    # Room for the database's shared-memory file (32 KiB), not for the export (over 100 KB).
    result = subprocess.run([EXECUTABLE, "--db", str(seeded_path), "export", "--output", str(target)],
                            capture_output=True, text=True, preexec_fn=limited(48_000), timeout=60)
    assert result.returncode == 5, result.stderr
    assert result.stderr.startswith("meetings: ")
    assert "Traceback" not in result.stderr
    assert list(target.parent.iterdir()) == []


def test_a_full_disk_during_a_write_changes_nothing(seeded_path, tmp_path):
    before = state(seeded_path)
    size = seeded_path.stat().st_size + sum(p.stat().st_size for p in seeded_path.parent.glob("*.db-*"))
    result = subprocess.run([EXECUTABLE, "--db", str(seeded_path), "import", str(big_csv(tmp_path / "x.csv", 5000))],
                            capture_output=True, text=True, preexec_fn=limited(max(size, 200_000)), timeout=120)
    assert result.returncode in (4, 5), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr
    assert state(seeded_path) == before


def at_first_revision(path: Path) -> None:
    from alembic import command

    from meetings.db import create_engine_for
    from meetings.migrations import alembic_config

    engine = create_engine_for(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0001")
        connection.exec_driver_sql(
            "INSERT INTO countries (code, name) VALUES ('RU', 'Russia');"
        )
        connection.exec_driver_sql("INSERT INTO people (id, name, key) VALUES (1, 'Sergei Shoigu', 'sergei shoigu')")
        connection.exec_driver_sql(
            "INSERT INTO meetings (id, title, start_date, start_precision, last_day, kind, created_at, updated_at) "
            "VALUES (1, 'Old meeting', '2020-01-01', 'day', '2020-01-01', 'other', '2020-01-01', '2020-01-01')")
        connection.exec_driver_sql("INSERT INTO attendances (meeting_id, person_id, country_code, is_host, is_chair, "
                                   "position) VALUES (1, 1, 'RU', 0, 0, 0)")
    engine.dispose()


def test_an_old_database_is_backed_up_then_migrated_with_its_data(tmp_path):
    path = tmp_path / "old.db"
    at_first_revision(path)
    invoke = Invoker(path)
    result = invoke("list", "--person", "shoigu", "--format", "json")
    assert '"Old meeting"' in result.stdout
    assert "backed up to" in result.stderr
    [backup] = list(tmp_path.glob("old.db.backup-0001-*"))
    with sqlite3.connect(backup) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
    assert invoke("list", "--search", "shoigu", "--format", "json").stdout.count('"id": 1') == 1
    assert invoke("db", "check").exit_code == 0


def test_a_migration_that_fails_midway_leaves_the_old_schema(tmp_path, monkeypatch):
    path = tmp_path / "old.db"
    at_first_revision(path)
    with sqlite3.connect(path) as connection:
        tables_before = sorted(r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'"))
    connection.close()

    from alembic.operations import Operations

    original = Operations.execute

    def failing_execute(self, sql, *args, **kwargs):  # type: ignore[no-untyped-def]
        if "CREATE VIRTUAL TABLE" in str(sql):
            raise RuntimeError("simulated failure in the middle of a migration")
        return original(self, sql, *args, **kwargs)

    monkeypatch.setattr(Operations, "execute", failing_execute)
    result = Invoker(path)("list", ok=False)
    assert result.exit_code == 70
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone()[0] == "0001"
        tables_after = sorted(r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type='table'"))
        assert connection.execute("SELECT title FROM meetings").fetchall() == [("Old meeting",)]
    assert tables_after == tables_before


@pytest.mark.parametrize("command", [["db", "backup"], ["db", "check"]])
def test_db_commands_have_help(command):
    assert subprocess.run([EXECUTABLE, *command, "--help"], capture_output=True, timeout=60).returncode == 0


def test_the_search_index_is_rebuilt_leaner_with_every_meeting_and_alias(tmp_path):
    from alembic import command

    from meetings.db import create_engine_for
    from meetings.migrations import alembic_config

    path = tmp_path / "at0002.db"
    at_first_revision(path)
    engine = create_engine_for(f"sqlite:///{path}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0002")
        connection.exec_driver_sql("INSERT INTO person_names (person_id, name, key) VALUES (1, 'Sergey Shoygu', "
                                   "'sergey shoygu')")
        connection.exec_driver_sql("UPDATE meetings_search SET people = people || ' Sergey Shoygu' WHERE rowid = 1")
    engine.dispose()
    invoke = Invoker(path)
    for term in ("shoygu", "old", "shoigu"):
        assert '"id": 1' in invoke("list", "--search", term, "--format", "json").stdout, term
    with sqlite3.connect(path) as connection:
        [sql] = connection.execute("SELECT sql FROM sqlite_master WHERE name = 'meetings_search'").fetchone()
        config = dict(connection.execute("SELECT k, v FROM meetings_search_config").fetchall())
    assert "columnsize = 0" in sql
    assert config.get("automerge") == 16
    assert invoke("db", "check").exit_code == 0


def test_a_disk_too_full_to_open_the_database_is_an_io_failure(seeded_path, tmp_path):
    """SQLite needs room for its shared-memory file to read; without it the exit is 5, not 4."""
    for suffix in ("-wal", "-shm"):
        Path(f"{seeded_path}{suffix}").unlink(missing_ok=True)
    result = subprocess.run([EXECUTABLE, "--db", str(seeded_path), "list"], capture_output=True, text=True,
                            preexec_fn=limited(4096), timeout=60)
    assert result.returncode == 5, result.stderr
    assert "is the disk full?" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
