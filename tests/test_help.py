from typing import Any

import pytest
from typer.testing import CliRunner

from meetings.cli import COMMANDS, app, load_command


def registered_commands() -> list[list[str]]:
    """Every command and subcommand the app registers, found by walking it (not from a list)."""
    found: list[list[str]] = []

    def walk(path: list[str], command: Any) -> None:
        found.append(path)
        for name, child in sorted(getattr(command, "commands", {}).items()):
            walk([*path, name], child)

    found.append([])  # `meetings --help` itself
    for name in COMMANDS:
        walk([name], load_command(name))
    return found


def test_the_walk_finds_the_subcommands():
    names = {" ".join(path) for path in registered_commands()}
    assert {"people", "people show", "people merge", "db", "db upgrade", "db backup"} <= names


@pytest.mark.parametrize("command", registered_commands(), ids=lambda path: " ".join(path) or "meetings")
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(app, [*command, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert f"meetings {' '.join(command)}" in result.stdout.split("Example", 1)[1], "the example runs the command"


def test_listing_commands_share_the_filter_options():
    for command in ("list", "export"):
        text = CliRunner().invoke(app, [command, "--help"]).stdout
        for option in ("--country", "--person", "--from", "--to", "--topic", "--org", "--kind"):
            assert option in text, (command, option)


def test_every_listed_command_loads_with_the_summary_help_shows():
    from meetings.cli import COMMANDS, load_command

    listing = CliRunner().invoke(app, ["--help"]).stdout
    for name, (_, _, summary) in COMMANDS.items():
        command = load_command(name)
        assert command.short_help == summary
        assert f"  {name}  " in listing and summary.split()[0] in listing
        assert CliRunner().invoke(app, [name, "--help"]).exit_code == 0, name


def test_an_unknown_command_is_refused_with_exit_2():
    result = CliRunner().invoke(app, ["lsit"])
    assert result.exit_code == 2
    assert "No such command 'lsit'. Did you mean 'list'?" in result.output
