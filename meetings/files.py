"""Writing output files safely: never over an existing file unless asked, never onto the
database, and through a temporary file renamed into place so a failure leaves nothing half-written."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from meetings.errors import FileProblem, InvalidInput


def _same_file(path: Path, database_url: str) -> bool:
    prefix = "sqlite:///"
    if not database_url.startswith(prefix):
        return False
    database = Path(database_url[len(prefix):])
    try:
        return path.resolve() == database.resolve() or (path.exists() and database.exists() and path.samefile(database))
    except OSError:
        return False


@contextmanager
def atomic_text_output(path: Path, *, force: bool, database_url: str) -> Iterator[IO[str]]:
    if _same_file(path, database_url):
        raise InvalidInput("--output", f"{path} is the database; choose another file")
    if path.exists() and not force:
        raise InvalidInput("--output", f"{path} exists; use --force to overwrite it")
    folder = path.resolve().parent
    if not folder.is_dir():
        raise FileProblem(f"--output: folder {folder} does not exist")
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise FileProblem(f"--output: cannot write in {folder}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
