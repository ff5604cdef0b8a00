"""Every test gets its own database file. Migrating is done once per session into templates
(empty, and seeded) that are copied per test, so the suite stays fast."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from meetings.cli import app
from meetings.db import open_database, session_scope
from meetings.paths import seed_file
from meetings.services.fixtures import load_fixture, read_fixture


@pytest.fixture(scope="session")
def templates(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("templates")
    empty = folder / "empty.db"
    open_database(str(empty)).dispose()
    seeded = folder / "seeded.db"
    engine = open_database(str(seeded))
    with session_scope(engine, write=True) as session:
        load_fixture(session=session, data=read_fixture(seed_file()))
    engine.dispose()
    for path in (empty, seeded):
        # Fold the write-ahead log into the file so that a plain copy is complete.
        with sqlite3.connect(path) as connection:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return {"empty": empty, "seeded": seeded}


@pytest.fixture
def db_path(tmp_path: Path, templates: dict[str, Path]) -> Path:
    """An empty database at the latest schema."""
    path = tmp_path / "meetings.db"
    shutil.copyfile(templates["empty"], path)
    return path


@pytest.fixture
def seeded_path(tmp_path: Path, templates: dict[str, Path]) -> Path:
    """A database holding the seed records."""
    path = tmp_path / "meetings.db"
    shutil.copyfile(templates["seeded"], path)
    return path


class Invoker:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, ok: bool = True):  # type: ignore[no-untyped-def]
        """Run `meetings --db PATH ARGS...`. With ok=True, the command must succeed."""
        result = self.runner.invoke(app, ["--db", str(self.path), *args], input=input, catch_exceptions=not ok)
        if ok:
            assert result.exit_code == 0, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        return result


@pytest.fixture
def invoke(db_path: Path) -> Invoker:
    return Invoker(db_path)


@pytest.fixture
def invoke_seeded(seeded_path: Path) -> Invoker:
    return Invoker(seeded_path)


def dump(path: Path) -> list[str]:
    """Every row of every table, to prove a refused command changed nothing."""
    with sqlite3.connect(path) as connection:
        return list(connection.iterdump())


@pytest.fixture
def snapshot() -> Callable[[Path], list[str]]:
    return dump
