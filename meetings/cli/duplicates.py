"""`meetings duplicates`: the probable duplicates an import queued, side by side; merge or dismiss."""

from typing import Annotated

import typer

from meetings.cli.state import state_of

Keep = Annotated[int, typer.Argument(metavar="KEEP", help="The meeting to keep.")]
Drop = Annotated[int, typer.Argument(metavar="DROP", help="The duplicate: its attendees, topics and sources go to KEEP, "
                                                          "then it is deleted.")]
One = Annotated[int, typer.Argument(metavar="A", help="One meeting.")]
Other = Annotated[int, typer.Argument(metavar="B", help="The other.")]

app = typer.Typer(invoke_without_command=True, rich_markup_mode=None, add_completion=False)


@app.callback()
def duplicates(ctx: typer.Context) -> None:
    """List the probable duplicates waiting for review: two meetings on the same date with the
    same attendees that differ elsewhere, side by side, each field that differs marked with *.
    An import keeps both and queues them here; merge them or dismiss them.

    Examples:

        meetings duplicates

        meetings duplicates merge 12 15

        meetings duplicates dismiss 12 15
    """
    if ctx.invoked_subcommand is not None:
        return
    from meetings.db import session_scope
    from meetings.output import render_table
    from meetings.services.review import queued_pairs

    with session_scope(state_of(ctx).engine()) as session:
        pairs = queued_pairs(session)
    if not pairs:
        typer.echo("No probable duplicates to review.", err=True)
        return
    blocks = []
    for pair in pairs:
        first, second = str(pair.first), str(pair.second)
        rows = [{"field": name, first: left, second: right, "differs": "*" if name in pair.differing else ""}
                for name, left, right in pair.rows]
        blocks.append(f"Meetings {first} and {second} differ in {', '.join(pair.differing) or 'nothing shown'}:\n"
                      + render_table(rows, ("field", first, second, "differs"))
                      + f"\nmeetings duplicates merge {first} {second}  |  meetings duplicates dismiss {first} {second}")
    typer.echo("\n\n".join(blocks))
    typer.echo(f"{len(pairs)} pair(s) to review.", err=True)


@app.command()
def merge(ctx: typer.Context, keep: Keep, drop: Drop) -> None:
    """Make two meetings one, in one transaction: KEEP gains every attendee, topic and source of
    DROP, its empty fields take DROP's values, DROP's sideline meetings move to it, and DROP is deleted.

    Example: meetings duplicates merge 12 15
    """
    from meetings.db import run_write
    from meetings.services.review import merge as merge_meetings

    run_write(state_of(ctx).engine(), lambda session: merge_meetings(session=session, keep=keep, drop=drop))
    typer.echo(f"Merged meeting {drop} into meeting {keep}.")


@app.command()
def dismiss(ctx: typer.Context, first: One, second: Other) -> None:
    """Mark two meetings as distinct: they leave the queue and are never queued again.

    Example: meetings duplicates dismiss 12 15
    """
    from meetings.db import run_write
    from meetings.services.review import dismiss as dismiss_pair

    run_write(state_of(ctx).engine(), lambda session: dismiss_pair(session=session, first=first, second=second))
    typer.echo(f"Meetings {first} and {second} are marked distinct.")
