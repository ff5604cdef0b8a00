import hashlib
import sqlite3
import stat

import pytest

from meetings.db import open_database
from meetings.schema import HEAD
from tests.conftest import Invoker

pytestmark = pytest.mark.sqlite_only


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_file_that_is_not_a_database_is_refused_untouched(tmp_path):
    path = tmp_path / "notes.db"
    path.write_bytes(b"these are my notes, not a database\n" * 10)
    before = digest(path)
    result = Invoker(path)("list", ok=False)
    assert result.exit_code == 4
    assert result.stderr == f"meetings: --db: {path} is not an SQLite database; it was left untouched\n"
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_a_database_at_an_unknown_revision_is_refused_untouched(tmp_path):
    path = tmp_path / "future.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
        connection.execute("INSERT INTO alembic_version VALUES ('9999')")
    connection.close()
    before = digest(path)
    for command in (["list"], ["add", "--date", "2023", "--attendee", "A B, India"], ["db", "upgrade"], ["init"]):
        result = Invoker(path)(*command, ok=False)
        assert result.exit_code == 4, command
        assert "newer than this program knows" in result.stderr
    assert digest(path) == before
    assert Invoker(path)("db", "current").stdout.startswith("9999 (unknown")


def test_another_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE invoices (id INTEGER)")
    connection.close()
    before = digest(path)
    result = Invoker(path)("list", ok=False)
    assert result.exit_code == 4
    assert "no meetings schema revision" in result.stderr
    assert digest(path) == before


def test_a_folder_as_db_is_refused(tmp_path):
    result = Invoker(tmp_path)("list", ok=False)
    assert result.exit_code == 4
    assert "is a folder" in result.stderr


def test_first_use_creates_a_private_database_at_head(tmp_path):
    path = tmp_path / "new" / "deeper" / "meetings.db"
    invoke = Invoker(path)
    invoke("list")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert invoke("db", "current").stdout == f"{HEAD} (latest)\n"


def test_db_current_does_not_create_or_migrate(tmp_path):
    path = tmp_path / "empty.db"
    sqlite3.connect(path).close()
    assert Invoker(path)("db", "current").stdout.startswith("- (no schema yet")
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0


def test_db_upgrade_and_history(tmp_path):
    invoke = Invoker(tmp_path / "m.db")
    assert f"is at revision {HEAD} (latest)" in invoke("db", "upgrade").stdout
    assert invoke("db", "history").stdout.endswith("<base> -> 0001: Initial schema: meetings, people, attendances, countries, organizations, topics and sources.\n")


def test_sqlite_is_set_up_for_safety(tmp_path):
    engine = open_database(str(tmp_path / "m.db"))
    with engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("foreign_keys") == 1
        assert pragma("journal_mode") == "wal"
        assert pragma("busy_timeout") >= 5000
        assert pragma("synchronous") == 2  # FULL
        assert pragma("trusted_schema") == 0
    engine.dispose()


def test_meetings_db_environment_variable(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from meetings.cli import app

    path = tmp_path / "from-env.db"
    monkeypatch.setenv("MEETINGS_DB", str(path))
    result = CliRunner().invoke(app, ["init"], catch_exceptions=False)
    assert result.exit_code == 0
    assert path.exists()
    assert str(path) in result.stdout


def test_an_sqlalchemy_url_works_as_db(tmp_path):
    path = tmp_path / "url.db"
    from typer.testing import CliRunner

    from meetings.cli import app

    result = CliRunner().invoke(app, ["--db", f"sqlite:///{path}", "init"], catch_exceptions=False)
    assert result.exit_code == 0
    assert path.exists()


@pytest.mark.parametrize("url", ["nosuchdialect://x/y", "postgresql+nodriver://u@h/d"])
def test_an_unusable_url_is_one_line(tmp_path, url):
    from typer.testing import CliRunner

    from meetings.cli import app

    result = CliRunner().invoke(app, ["--db", url, "list"])
    assert result.exit_code == 4
    assert result.stderr.startswith("meetings: --db:")
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_failed_write_leaves_the_database_as_it_was(invoke_seeded, snapshot, monkeypatch):
    """An error after rows were flushed still rolls the whole command back."""
    from meetings.services import editing as service

    original = service.add_meeting

    def add_then_fail(**kwargs):
        original(**kwargs)
        raise RuntimeError("simulated crash after the insert")

    monkeypatch.setattr(service, "add_meeting", add_then_fail)
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("add", "--date", "2023", "--attendee", "New Person, Peru", "--topic", "new", ok=False)
    assert result.exit_code == 70
    assert "internal error" in result.stderr and "--debug" in result.stderr
    assert snapshot(invoke_seeded.path) == before


def test_a_database_held_by_another_writer_is_busy(seeded_path, snapshot, monkeypatch):
    monkeypatch.setenv("MEETINGS_BUSY_TIMEOUT", "200")
    before = snapshot(seeded_path)
    holder = sqlite3.connect(seeded_path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        result = Invoker(seeded_path)("add", "--date", "2024", "--attendee", "A B, India", ok=False)
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 3
    assert result.stderr == "meetings: the database is busy: another meetings process is writing; try again\n"
    assert snapshot(seeded_path) == before
