"""Alembic, driven from code: the configuration, and upgrade/current/history for `meetings db`."""

from __future__ import annotations

from typing import TYPE_CHECKING

from meetings.paths import alembic_dir

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy import Engine
    from sqlalchemy.engine import Connection


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(alembic_dir()))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Migrate in one transaction: a migration that fails leaves the old schema as it was."""
    from alembic import command

    with engine.execution_options(meetings_write=True).begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def history() -> list[tuple[str, str | None, str]]:
    """(revision, down revision, message) for every migration, newest first."""
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(alembic_config())
    return [
        (rev.revision, rev.down_revision if isinstance(rev.down_revision, str) else None, rev.doc or "")
        for rev in script.walk_revisions()
    ]
