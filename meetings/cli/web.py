"""`meetings serve`: Datasette on the database."""

from typing import Annotated

import typer


def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; 0.0.0.0 makes it reachable "
                                                     "from other machines.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", "-p", help="Port to listen on.")] = 8001,
) -> None:
    """Browse and query the database in Datasette (the optional extra: pip install "meetings[web]").

    The search box runs the full-text search; meetings_readable shows dates as recorded and
    countries by name, with facets on the attending countries; the README's questions are
    ready as canned queries. Listens on 127.0.0.1 (this machine only) unless --host says otherwise.

    Example: meetings serve --port 8001
    """
    from pathlib import Path

    from meetings.cli.state import state_of
    from meetings.errors import InvalidInput
    from meetings.web import datasette_for
    from meetings.web import serve as run

    engine = state_of(ctx).engine()  # created and migrated to the latest schema if need be
    if engine.dialect.name != "sqlite" or not engine.url.database:
        raise InvalidInput("--db", "Datasette opens SQLite files; copy the records to one first: "
                                   "meetings db copy --to meetings.db")
    path = Path(engine.url.database)
    engine.dispose()
    datasette_for(path)  # the extra is installed: refuse before saying anything otherwise
    typer.echo(f"Serving {path} at http://{host}:{port}/ (Ctrl+C stops)", err=True)
    run(path, host=host, port=port)
