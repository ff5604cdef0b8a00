"""The installed `meetings` command, run as a user runs it: a real process."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.sqlite_only

EXECUTABLE = shutil.which("meetings", path=str(Path(sys.executable).parent)) or shutil.which("meetings")


def run(*args, env=None, check=True):
    assert EXECUTABLE, "the meetings command is not installed"
    result = subprocess.run([EXECUTABLE, *args], capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL,
                            timeout=60)
    if check:
        assert result.returncode == 0, result.stderr
    return result


def test_init_then_list_russia(tmp_path):
    db = str(tmp_path / "m.db")
    assert "3 meetings added" in run("--db", db, "init").stdout
    out = run("--db", db, "list", "--country", "Russia").stdout
    assert "India–Russia bilateral meeting of Defence Ministers" in out
    assert "SCO founding summit" in out


def test_default_database_lives_in_the_user_data_folder(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "HOME": str(tmp_path)}
    env.pop("MEETINGS_DB", None)
    run("init", env=env)
    assert (tmp_path / "data" / "meetings" / "meetings.db").is_file()
    meetings = json.loads(run("list", "--format", "json", env=env).stdout)
    assert len(meetings) == 3


def test_errors_are_one_line_and_debug_shows_the_traceback(tmp_path):
    db = str(tmp_path / "m.db")
    plain = run("--db", db, "show", "5", check=False)
    assert plain.returncode == 1
    assert plain.stderr == "meetings: there is no meeting 5\n"
    debug = run("--db", db, "--debug", "show", "5", check=False)
    assert debug.returncode != 0
    assert "Traceback" in debug.stderr and "NotFound" in debug.stderr


@pytest.mark.parametrize(("options", "start"), [("--long", "meeting_id"), ("", "id,date,en")])
def test_export_to_a_closed_pipe_is_quiet(tmp_path, options, start):
    db = str(tmp_path / "m.db")
    run("--db", db, "init")
    # More rows than a pipe holds, so that the export is still writing (and its statement's child
    # still reading) when the reader goes away.
    many = tmp_path / "many.csv"
    many.write_text("date,title,attendees,summary\r\n" + "".join(
        f'2020-01-{1 + i % 28:02d},Meeting {i},"A B, India; C D, Peru",{"x" * 200}\r\n' for i in range(3000)),
        encoding="utf-8")
    run("--db", db, "import", str(many))
    shell = f"'{EXECUTABLE}' --db '{db}' export {options} | head -c 10"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, timeout=60)
    assert result.stdout == start
    assert "Traceback" not in result.stderr
    assert result.returncode == 0


def test_version_and_help():
    assert run("--version").stdout.startswith("meetings ")
    assert "Commands" in run("--help").stdout


@pytest.mark.parametrize("module", ["sqlalchemy", "alembic", "tabulate", "pycountry", "yaml", "platformdirs"])
def test_importing_the_cli_stays_lean(module):
    code = f"import sys, meetings.cli; sys.exit(1 if {module!r} in sys.modules else 0)"
    assert subprocess.run([sys.executable, "-c", code], timeout=60).returncode == 0, f"{module} loaded at start-up"


def test_help_lists_every_command_without_loading_any():
    code = ("import sys\nfrom meetings.cli import main\nsys.argv = ['meetings', '--help']\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in sys.modules if m.startswith('meetings.cli.') and m != 'meetings.cli.state'))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert "  extract  " in result.stdout and "  db  " in result.stdout


def test_completion_finds_commands_and_their_options():
    env = {**os.environ, "_MEETINGS_COMPLETE": "complete_bash", "COMP_WORDS": "meetings list --cou", "COMP_CWORD": "2"}
    assert subprocess.run([EXECUTABLE], env=env, capture_output=True, text=True, timeout=60).stdout.split() == ["--country"]
    env.update(COMP_WORDS="meetings ex", COMP_CWORD="1")
    assert subprocess.run([EXECUTABLE], env=env, capture_output=True, text=True, timeout=60).stdout.split() == [
        "export", "extract"]


@pytest.mark.parametrize("command", [["list", "--country", "Russia"], ["export", "--country", "Russia"]])
def test_reading_commands_never_load_the_orm_or_alembic(tmp_path, command):
    db = str(tmp_path / "read.db")
    run("--db", db, "init")
    code = ("import sys\nfrom meetings.cli import main\n"
            f"sys.argv = ['meetings', '--db', {db!r}, *{command!r}]\n"
            "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
            "print('LOADED', sorted(m for m in ('sqlalchemy.orm', 'alembic', 'meetings.models') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert "Russia" in result.stdout
    assert result.stdout.strip().splitlines()[-1] == "LOADED []", result.stderr
