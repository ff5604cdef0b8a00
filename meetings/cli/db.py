"""`meetings db`: the database's schema revision, and migrations."""

from typing import Annotated

import typer

app = typer.Typer(help="The database's schema: upgrade, current revision, history.", no_args_is_help=True)


def _state(ctx: typer.Context):  # type: ignore[no-untyped-def]
    return ctx.find_root().obj


@app.command()
def upgrade(ctx: typer.Context) -> None:
    """Bring the database's schema to the latest revision (creating the database if need be).

    Example: meetings db upgrade
    """
    from meetings.db import masked
    from meetings.schema import HEAD

    state = _state(ctx)
    state.engine()
    typer.echo(f"{masked(state.url)} is at revision {HEAD} (latest).")


@app.command()
def current(ctx: typer.Context) -> None:
    """Print the database's schema revision, without changing anything.

    Example: meetings db current
    """
    from meetings.db import create_engine_for, current_revision
    from meetings.schema import HEAD, REVISIONS

    engine = create_engine_for(_state(ctx).url)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
    finally:
        engine.dispose()
    if revision is None:
        note = "no schema yet (any command creates it)"
    elif revision == HEAD:
        note = "latest"
    elif revision in REVISIONS:
        note = f"older than the latest, {HEAD}; run meetings db upgrade"
    else:
        note = "unknown to this program: newer than it knows"
    typer.echo(f"{revision or '-'} ({note})")


@app.command()
def history(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Show each migration's description.")] = True,
) -> None:
    """List the schema migrations, newest first.

    Example: meetings db history
    """
    from meetings.migrations import history as migration_history

    for revision, down_revision, message in migration_history():
        line = f"{down_revision or '<base>'} -> {revision}"
        typer.echo(f"{line}: {message}" if verbose else line)
