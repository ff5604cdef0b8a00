"""`meetings db`: the database's schema revision, and migrations."""

from pathlib import Path
from typing import Annotated

import typer

from meetings.cli.state import state_of

app = typer.Typer(no_args_is_help=True, rich_markup_mode=None, add_completion=False)


@app.callback()
def database() -> None:
    """Look after the database: bring its schema up to date, print its revision and the migrations,
    back it up, check it, repair it, copy it to another database.

    Examples:

        meetings db check

        meetings db backup ~/meetings-2024-06-30.db
    """


@app.command()
def upgrade(ctx: typer.Context) -> None:
    """Bring the database's schema to the latest revision (creating the database if need be).

    Example: meetings db upgrade
    """
    from meetings.db import masked
    from meetings.schema import HEAD

    state = state_of(ctx)
    state.engine()
    typer.echo(f"{masked(state.url)} is at revision {HEAD} (latest).")


@app.command()
def current(ctx: typer.Context) -> None:
    """Print the database's schema revision, without changing anything.

    Example: meetings db current
    """
    from meetings.db import create_engine_for, current_revision
    from meetings.schema import HEAD, REVISIONS

    engine = create_engine_for(state_of(ctx).url)
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


@app.command()
def backup(
    ctx: typer.Context,
    target: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the copy.", dir_okay=False)],
    force: Annotated[bool, typer.Option("--force", help="Overwrite FILE if it exists.")] = False,
) -> None:
    """Write a consistent copy of the (SQLite) database, safe to take while others use it.

    Example: meetings db backup ~/meetings-2024-06-30.db
    """
    from meetings.backup import backup_sqlite
    from meetings.files import checked_target

    state = state_of(ctx)
    backup_sqlite(state.engine(), checked_target(target, force=force, database_url=state.url, field="FILE"))
    typer.echo(f"Backed up to {target}.")


@app.command()
def check(ctx: typer.Context) -> None:
    """Check the database: SQLite integrity, foreign keys, the search index, and the schema revision.

    Exit code 0 when every check passes, 4 otherwise.

    Example: meetings db check
    """
    from meetings.db import session_scope
    from meetings.errors import DatabaseUnusable
    from meetings.services.health import run_checks

    with session_scope(state_of(ctx).engine()) as session:
        results = run_checks(session)
    for name, ok, detail in results:
        typer.echo(f"{'ok  ' if ok else 'FAIL'}  {name}: {detail}")
    failed = [name for name, ok, _ in results if not ok]
    if failed:
        repairable = {"foreign keys", "search index"} & set(failed)
        hint = "; meetings db repair backs the database up and fixes them" if repairable else ""
        raise DatabaseUnusable(f"check failed: {', '.join(failed)}{hint}")


@app.command()
def repair(
    ctx: typer.Context,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what would be fixed; change nothing.")] = False,
) -> None:
    """Repair a database that another tool has edited: list and remove the rows that point at
    nothing (the attendances, topic and source links of a meeting deleted in sqlite3, a sideline
    meeting's deleted summit...), then rebuild the search index. An SQLite file is first backed up
    beside itself; the repair is one transaction.

    Example: meetings db repair
    """
    from meetings.backup import backup_path, backup_sqlite
    from meetings.db import run_write, unit_of_work
    from meetings.services.repair import repair as repair_database

    engine = state_of(ctx).engine()
    if dry_run:
        with unit_of_work(engine, write=True) as unit:  # never committed: everything is rolled back
            report = repair_database(session=unit.session)
        for fix in report.fixes:
            typer.echo(f"would fix {fix}")
        typer.echo(f"Would fix {len(report.fixes)} rows and rebuild the search index for {report.indexed} meetings.")
        return
    if engine.dialect.name == "sqlite" and engine.url.database not in (None, "", ":memory:"):
        copy = backup_path(Path(engine.url.database), "repair")
        backup_sqlite(engine, copy)
        typer.echo(f"Backed up to {copy}.", err=True)
    report = run_write(engine, lambda session: repair_database(session=session))
    for fix in report.fixes:
        typer.echo(f"fixed {fix}")
    typer.echo(f"Fixed {len(report.fixes)} rows; search index rebuilt for {report.indexed} meetings.")


@app.command()
def copy(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", metavar="URL|PATH", help="The target database (created and migrated if need be).")],
    merge: Annotated[bool, typer.Option("--merge", help="Add to a target that already holds records (duplicates skipped).")] = False,
) -> None:
    """Copy every record from this database to another, in one transaction on the target, and
    verify counts and a checksum of every record at the end.

    Examples:

        meetings db copy --to postgresql+psycopg://analyst@db.example.org/meetings

        meetings --db postgresql+psycopg://analyst@db.example.org/meetings db copy --to laptop.db
    """
    from meetings.db import masked, open_database, resolve_target, run_write, session_scope
    from meetings.errors import InvalidInput, MeetingsError
    from meetings.services.copying import copy_database

    state = state_of(ctx)
    if resolve_target(to) == state.url:
        raise InvalidInput("--to", "is the database being copied; name another")
    source = state.engine()
    try:
        target = open_database(to)
    except MeetingsError as exc:  # the target's problems are the --to option's, not --db's
        if exc.message.startswith("--db: "):
            exc.message = "--to: " + exc.message.removeprefix("--db: ")
        raise
    try:
        with session_scope(source) as reading:  # one snapshot of the source for the whole copy
            report = run_write(target, lambda writing: copy_database(source=reading, target=writing, merge=merge))
    finally:
        target.dispose()
    typer.echo(f"Copied {report.meetings} meetings to {masked(resolve_target(to))}: {report.verified} "
               f"(sha256 {report.checksum[:16]}...).")
