"""`meetings countries`: every country met, and the country names users teach."""

from typing import Annotated, Any

import typer

from meetings.cli.options import with_output
from meetings.cli.state import state_of

Spelling = Annotated[str, typer.Argument(metavar="NAME", help="The name as your records write it.")]
Code = Annotated[str, typer.Argument(metavar="CODE", help="The country it means: an ISO 3166 code or a name.")]

app = typer.Typer(invoke_without_command=True,
                  rich_markup_mode=None, add_completion=False)


@app.callback()
@with_output
def countries(ctx: typer.Context, output: Any) -> None:
    """Every country that attended a meeting, with its number of meetings and the last one's date.

    Examples:

        meetings countries --format csv

        meetings countries alias "Somoa" WS
    """
    if ctx.invoked_subcommand is not None:
        return
    from meetings.db import session_scope
    from meetings.output import emit
    from meetings.services.stats import countries_summary

    columns = ("code", "country", "meetings", "last")
    with session_scope(state_of(ctx).engine()) as session:
        rows = countries_summary(session=session)
    emit(rows, output=output, available=columns, table_columns=columns)


@app.command()
def alias(ctx: typer.Context, name: Spelling, code: Code) -> None:
    """Teach a country name, stored in the database and used by every command (add, import, list,
    ...). A name that already means a country cannot be made to mean another.

    Example: meetings countries alias "Somoa" WS
    """
    from meetings.db import run_write
    from meetings.services.country_aliases import teach

    taught, new = run_write(state_of(ctx).engine(), lambda session: teach(session=session, name=name, country=code))
    verb = "now means" if new else "already means"
    typer.echo(f"{taught.name!r} {verb} {taught.country} ({taught.code}).", err=True)


@app.command()
@with_output
def aliases(ctx: typer.Context, output: Any) -> None:
    """The country names taught to this database, and what each means.

    Example: meetings countries aliases --format csv
    """
    from meetings.db import session_scope
    from meetings.output import emit
    from meetings.services.country_aliases import taught_names

    columns = ("name", "code", "country")
    with session_scope(state_of(ctx).engine()) as session:
        rows = [{"name": t.name, "code": t.code, "country": t.country} for t in taught_names(session=session)]
    emit(rows, output=output, available=columns, table_columns=columns,
         empty="No country names are taught; add one with meetings countries alias NAME CODE.")


@app.command()
def unalias(
    ctx: typer.Context,
    name: Annotated[str, typer.Argument(metavar="NAME", help="A taught name (see meetings countries aliases).")],
) -> None:
    """Forget a taught country name. Meetings recorded with it keep their country.

    Example: meetings countries unalias "Somoa"
    """
    from meetings.db import run_write
    from meetings.services.country_aliases import forget

    taught = run_write(state_of(ctx).engine(), lambda session: forget(session=session, name=name))
    typer.echo(f"{taught.name!r} no longer means {taught.country}.", err=True)
