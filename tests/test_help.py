import pytest
from typer.testing import CliRunner

from meetings.cli import app

COMMANDS = [["init"], ["add"], ["list"], ["show"], ["delete"], ["export"], ["db", "upgrade"], ["db", "current"],
            ["db", "history"]]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(command):
    result = CliRunner().invoke(app, [*command, "--help"], catch_exceptions=False)
    assert result.exit_code == 0
    assert "Example" in result.stdout


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
