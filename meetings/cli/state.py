"""What the global options set, shared by every command through the Typer context."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import typer
    from sqlalchemy import Engine


class State:
    """A plain class (a dataclass would cost its import on every start-up)."""

    def __init__(self, db: str | None, debug: bool = False) -> None:
        self.db = db
        self.debug = debug
        self._engine: Engine | None = None

    @property
    def url(self) -> str:
        from meetings.db import resolve_target

        return resolve_target(self.db)

    def engine(self) -> Engine:
        """The database, opened (and created or migrated to head) on first use."""
        if self._engine is None:
            import typer

            from meetings.db import open_database

            self._engine = open_database(self.db, notice=lambda message: typer.echo(f"meetings: {message}", err=True))
        return self._engine

    def taught_country_names(self) -> dict[str, str]:
        """The country names taught to this database (folded key -> code); none if it does not exist yet."""
        from meetings.db import database_exists, session_scope
        from meetings.services.country_aliases import taught_keys

        if self._engine is None and not database_exists(self.url):
            return {}
        with session_scope(self.engine()) as session:
            return taught_keys(session=session)

    def close(self) -> None:
        """Release the database's connections when the command ends."""
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None


def state_of(ctx: typer.Context) -> State:
    """The global options' state, from any command's context."""
    state = ctx.find_root().obj
    assert isinstance(state, State)
    return state
