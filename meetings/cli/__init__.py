"""The `meetings` command line. Start-up stays lean: heavy modules load inside the commands."""

import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from meetings import __version__
from meetings.cli import analysis as analysis_commands
from meetings.cli import db as db_commands
from meetings.cli import extraction as extraction_commands
from meetings.cli import meetings as meeting_commands
from meetings.cli import people as people_commands
from meetings.cli import transfer as transfer_commands
from meetings.cli.state import State
from meetings.errors import MeetingsError


class MeetingsGroup(TyperGroup):
    """The one exit point: every error becomes one line on stderr and a documented exit code."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException, SystemExit):
            raise
        except BrokenPipeError:
            # The reader stopped early (`meetings export | head`): that is its choice, not an error.
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(0) from None
        except Exception as exc:  # noqa: BLE001 - translated, or re-raised under --debug
            state = ctx.obj if isinstance(ctx.obj, State) else None
            if state is not None and state.debug:
                raise
            error = translate(exc, state)
            typer.echo(f"meetings: {error}", err=True)
            raise typer.Exit(error.exit_code) from None


def translate(exc: Exception, state: "State | None") -> MeetingsError:
    if isinstance(exc, MeetingsError):
        return exc
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
    help="Record and query diplomatic and ministerial meetings: who met whom, when, where, "
    "in which framework, about what, and on whose report.",
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
    """Record and query diplomatic and ministerial meetings.

    Example: meetings list --country India --country Russia --from 2022
    """
    ctx.obj = State(db=db, debug=debug)


meeting_commands.register(app)
analysis_commands.register(app)
transfer_commands.register(app)
extraction_commands.register(app)
app.add_typer(people_commands.app, name="people")
app.add_typer(db_commands.app, name="db")


def main() -> None:
    app()
