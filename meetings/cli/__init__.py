"""The `meetings` command line. Start-up stays lean: heavy modules load inside the commands, and
a command's module (with its options) loads only when that command runs or shows its help."""

import sys
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from meetings import __version__
from meetings.cli.state import State
from meetings.errors import MeetingsError

if TYPE_CHECKING:
    from typer._click import Context  # the click Context that TyperGroup's methods are declared with

# Every command: name -> (module, function or sub-app, the one line `meetings --help` shows).
COMMANDS: dict[str, tuple[str, str, str]] = {
    "init": ("meetings.cli.editing", "init", "Create the database and load the seed records."),
    "add": ("meetings.cli.editing", "add", "Record a meeting and print its id."),
    "list": ("meetings.cli.listing", "list_meetings", "List meetings, newest first."),
    "show": ("meetings.cli.listing", "show", "Everything about one meeting, and the meetings linked to it."),
    "edit": ("meetings.cli.editing", "edit", "Change a recorded meeting."),
    "delete": ("meetings.cli.editing", "delete", "Delete a meeting."),
    "export": ("meetings.cli.listing", "export", "Export meetings as CSV: a row per meeting, or per attendance."),
    "stats": ("meetings.cli.analysis", "stats", "Count meetings by country, pair, person, topic, org or period."),
    "graph": ("meetings.cli.analysis", "graph", "Write the co-attendance network: who met whom, as a graph."),
    "timeline": ("meetings.cli.analysis", "timeline", "Meetings in date order, sideline meetings indented."),
    "countries": ("meetings.cli.countries", "app", "Every country, with its meetings; teach country names (alias)."),
    "topics": ("meetings.cli.analysis", "topics", "Every topic, with its number of meetings and the last one."),
    "orgs": ("meetings.cli.analysis", "orgs", "Every organization, with its members and number of meetings."),
    "import": ("meetings.cli.transfer", "import_meetings", "Import meetings from CSV, JSON, JSONL, fixture YAML, or a register with --preset."),
    "imports": ("meetings.cli.imports", "app", "Import batches: list them, undo one."),
    "duplicates": ("meetings.cli.duplicates", "app", "Probable duplicates an import queued: list, merge, dismiss."),
    "extract": ("meetings.cli.extraction", "extract", "Draft records from a news report, review them, save them."),
    "chart": ("meetings.cli.charts", "chart", "Draw a timeline, the top groups or the network (meetings[charts])."),
    "report": ("meetings.cli.charts", "report", "Write a one-page HTML brief of the filtered meetings."),
    "serve": ("meetings.cli.web", "serve", "Browse and query the database in Datasette (meetings[web])."),
    "people": ("meetings.cli.people", "app", "People: list, show, aliases, merge."),
    "db": ("meetings.cli.db", "app", "The database: upgrade, current, history, backup, check, repair, copy."),
}


def load_command(name: str) -> Any:
    """The click command for one entry of COMMANDS, built from its module on first use."""
    import importlib

    import typer.main

    module, attribute, short_help = COMMANDS[name]
    target = getattr(importlib.import_module(module), attribute)
    if isinstance(target, typer.Typer):
        command = typer.main.get_command(target)
        command.short_help = short_help
        return command
    single = typer.Typer(rich_markup_mode=None, pretty_exceptions_enable=False, add_completion=False)
    single.command(name, short_help=short_help)(target)
    return typer.main.get_command(single)


class MeetingsGroup(TyperGroup):
    """The one exit point: every error becomes one line on stderr and a documented exit code.

    Commands load lazily: `meetings --help` lists them from COMMANDS without importing them.
    """

    def list_commands(self, ctx: "Context") -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: "Context", cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in COMMANDS:
            self.commands[cmd_name] = load_command(cmd_name)
        return self.commands.get(cmd_name)

    def resolve_command(self, ctx: "Context", args: list[str]) -> Any:
        try:
            return self._click_resolve_command(ctx, args)
        except Exception as exc:  # click's UsageError: suggest from every command, loaded or not
            from difflib import get_close_matches

            message = getattr(exc, "message", None)
            matches = get_close_matches(args[0], list(COMMANDS)) if args and message else []
            if matches and message and "No such command" in message and hasattr(exc, "message"):
                exc.message = f"{message.rstrip('.')}. Did you mean {', '.join(repr(m) for m in matches)}?"
            raise

    def format_commands(self, ctx: "Context", formatter: Any) -> None:
        with formatter.section("Commands"):
            formatter.write_dl([(name, short_help) for name, (_, _, short_help) in COMMANDS.items()])

    def invoke(self, ctx: "Context") -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException, SystemExit):
            raise
        except BrokenPipeError:
            # The reader stopped early (`meetings export | head`): that is its choice, not an error.
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except Exception as exc:  # noqa: BLE001 - translated to one line (after the traceback under --debug)
            state = ctx.obj if isinstance(ctx.obj, State) else None
            if state is not None and state.debug:  # the traceback, then the same line and exit code
                import traceback

                traceback.print_exc()
            error = translate(exc, state)
            typer.echo(f"meetings: {error}", err=True)
            raise typer.Exit(error.exit_code) from None


def translate(exc: Exception, state: "State | None") -> MeetingsError:
    if isinstance(exc, MeetingsError):
        from meetings.cli.options import in_option_terms

        return in_option_terms(exc)
    if isinstance(exc, KeyboardInterrupt):
        return MeetingsError("interrupted")
    from meetings.errors import FileProblem

    if isinstance(exc, OSError):
        return FileProblem(f"{exc.strerror or exc}{f': {exc.filename}' if exc.filename else ''}")
    if "sqlalchemy" in sys.modules:
        from sqlalchemy.exc import DBAPIError

        if isinstance(exc, DBAPIError):
            from meetings.db import translate_database_error

            return translate_database_error(exc, state.url if state else "")
    return MeetingsError(f"internal error: {type(exc).__name__}: {exc} (run with --debug for the traceback)")


app = typer.Typer(
    cls=MeetingsGroup,
    name="meetings",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"meetings {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH|URL",
            envvar="MEETINGS_DB",
            help="Database file path or SQLAlchemy URL. Default: meetings.db in the user data folder.",
            show_default=False,
        ),
    ] = None,
    debug: Annotated[bool, typer.Option("--debug", help="Show the full traceback of an error.")] = False,
    version: Annotated[
        bool | None,
        typer.Option("--version", callback=_show_version, is_eager=True, help="Print the version and exit."),
    ] = None,
) -> None:
    """Record and query diplomatic and ministerial meetings: who met whom, when, where, in which
    framework, about what, and on whose report.

    Example: meetings list --country India --country Russia --from 2022
    """
    from meetings.countries import use_taught_names

    ctx.obj = State(db=db, debug=debug)
    # Names taught to the database count wherever a country is named (read only when needed).
    use_taught_names(ctx.obj.taught_country_names)
    ctx.call_on_close(ctx.obj.close)
    ctx.call_on_close(lambda: use_taught_names(None))  # a later command (or test) in this process has its own




def main() -> None:
    app()
