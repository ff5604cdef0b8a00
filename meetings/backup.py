"""Copies of an SQLite database: taken with SQLite's backup API, consistent while others write."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, cast

from meetings.errors import FileProblem

if TYPE_CHECKING:
    from sqlalchemy import Engine


def backup_path(path: Path, revision: str) -> Path:
    import datetime as dt

    stamp = dt.datetime.now().strftime("%Y%m%dT%H%M%S")
    return path.with_name(f"{path.name}.backup-{revision}-{stamp}")


def backup_sqlite(engine: Engine, target: Path) -> None:
    """A consistent copy of an SQLite database (the backup API), written to a private temporary
    file and renamed into place."""
    import sqlite3
    import tempfile

    if engine.dialect.name != "sqlite":
        from meetings.errors import InvalidInput

        raise InvalidInput("--db", "backups are for SQLite databases; back a server up with its own tools (pg_dump)")
    folder = target.resolve().parent
    if not folder.is_dir():
        raise FileProblem(f"cannot back up to {target}: folder {folder} does not exist")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    os.close(handle)
    try:
        raw = engine.raw_connection()
        try:
            destination = sqlite3.connect(temporary)
            try:
                cast(sqlite3.Connection, raw.driver_connection).backup(destination)
            finally:
                destination.close()
        finally:
            raw.close()
        os.chmod(temporary, 0o600)
        os.replace(temporary, target)
    except BaseException as exc:
        for leftover in (temporary, temporary + "-journal", temporary + "-wal", temporary + "-shm"):
            Path(leftover).unlink(missing_ok=True)
        if isinstance(exc, sqlite3.Error):
            raise FileProblem(f"cannot back up to {target}: {exc} (is the disk full?)") from None
        raise
