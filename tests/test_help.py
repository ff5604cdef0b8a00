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
