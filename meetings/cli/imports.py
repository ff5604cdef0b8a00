"""`meetings imports`: the import batches, and undoing one."""

from typing import Annotated, Any

import typer

from meetings.cli.options import with_output
from meetings.cli.state import state_of

app = typer.Typer(invoke_without_command=True, rich_markup_mode=None, add_completion=False)

BATCH_COLUMNS = ("batch", "imported", "files", "added", "updated", "skipped", "rejected", "undone")


@app.callback()
@with_output
def imports(ctx: typer.Context, output: Any) -> None:
    """List the import batches, newest first: when, which files, how many meetings each added,
    updated, skipped (exact duplicates) and rejected, and whether it was undone.

    Examples:

        meetings imports

        meetings imports undo 3
    """
    if ctx.invoked_subcommand is not None:
        return
    from meetings.db import session_scope
    from meetings.output import emit
    from meetings.services.batches import list_batches

    with session_scope(state_of(ctx).engine()) as session:
        rows = list_batches(session)
    emit(rows, output=output, available=BATCH_COLUMNS, table_columns=BATCH_COLUMNS, empty="No imports yet.")


@app.command()
def undo(
    ctx: typer.Context,
    batch: Annotated[int, typer.Argument(metavar="BATCH", help="The batch's number (see meetings imports).")],
    force: Annotated[bool, typer.Option("--force", help="Remove the batch's meetings even if one was edited since.")] = False,
) -> None:
    """Remove every meeting an import batch added, in one transaction. Refused (exit 2) when one
    of them was edited since, unless --force; meetings the batch updated keep their update.

    Example: meetings imports undo 3
    """
    from meetings.db import run_write
    from meetings.services.batches import undo_batch

    done = run_write(state_of(ctx).engine(), lambda session: undo_batch(session=session, batch_id=batch, force=force))
    typer.echo(f"Undid import batch {batch}: {done.removed} meeting(s) removed.")
    if done.edited:
        typer.echo(f"Removed although edited since: {', '.join(map(str, done.edited))}.", err=True)
    if done.detached:
        typer.echo(f"No longer on the sidelines of a removed meeting: {', '.join(map(str, done.detached))}.", err=True)
