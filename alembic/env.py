"""Alembic environment for meetings.

Run by `meetings` itself (which passes an open connection inside its own transaction)
or by the `alembic` command from a checkout (which opens --db / $MEETINGS_DB / the default).
"""

from alembic import context

from meetings.models import Base

config = context.config
target_metadata = Base.metadata


# The full-text index is a backend-specific virtual table (and its shadow tables),
# created by hand in migrations rather than described by the models.
SEARCH_TABLE = "meetings_search"


def include_name(name, type_, parent_names) -> bool:  # type: ignore[no-untyped-def]
    return not (type_ == "table" and name is not None and name.startswith(SEARCH_TABLE))


def run_migrations(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
        include_name=include_name,
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    from sqlalchemy import Engine

    connectable = config.attributes.get("connection")
    if isinstance(connectable, Engine):
        with connectable.connect() as connection:
            run_migrations(connection)
        return
    if connectable is not None:
        run_migrations(connectable)
        return
    from meetings.db import create_engine_for, resolve_target

    engine = create_engine_for(resolve_target(config.get_main_option("sqlalchemy.url") or None))
    with engine.execution_options(meetings_write=True).connect() as connection:
        run_migrations(connection)
    engine.dispose()


if context.is_offline_mode():
    raise SystemExit("meetings migrations run online only: point --db / MEETINGS_DB at a database")
run_migrations_online()
