"""Every test gets its own database. Migrating is done once per session into templates
(empty, and seeded) that are copied per test, so the suite stays fast.

The suite runs on SQLite by default; with MEETINGS_TEST_POSTGRES set to a PostgreSQL URL
(a server where the user may create databases), every database is a fresh PostgreSQL database
made from a template instead. Tests of SQLite's own file behaviour are then skipped.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from meetings.cli import app
from meetings.db import open_database, run_write
from meetings.paths import seed_file
from meetings.services.fixtures import load_fixture, read_fixture

POSTGRES = os.environ.get("MEETINGS_TEST_POSTGRES")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "sqlite_only: tests SQLite's own file behaviour (skipped on PostgreSQL)")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if POSTGRES:
        skip = pytest.mark.skip(reason="SQLite file behaviour; this run is on PostgreSQL")
        for item in items:
            if "sqlite_only" in item.keywords:
                item.add_marker(skip)


def _seed(target: str) -> None:
    engine = open_database(target)
    run_write(engine, lambda session: load_fixture(session=session, data=read_fixture(seed_file())))
    engine.dispose()


class SqliteBackend:
    name = "sqlite"

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.templates = {}
        for kind in ("empty", "seeded"):
            path = folder / f"{kind}.db"
            open_database(str(path)).dispose()
            if kind == "seeded":
                _seed(str(path))
            with sqlite3.connect(path) as connection:  # fold the log into the file for plain copies
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            connection.close()
            self.templates[kind] = path

    def new(self, folder: Path, kind: str = "empty") -> Path:
        path = folder / f"meetings-{uuid.uuid4().hex[:8]}.db"
        if kind == "blank":
            return path
        shutil.copyfile(self.templates[kind], path)
        return path

    def dump(self, target: Any) -> list[str]:
        with sqlite3.connect(target) as connection:
            rows = list(connection.iterdump())
        connection.close()
        return rows

    def close(self) -> None:
        pass


class PostgresBackend:
    name = "postgresql"

    def __init__(self, url: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self.base = make_url(url)
        self.admin = create_engine(self.base, isolation_level="AUTOCOMMIT")
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        self.created: list[str] = []
        self.templates = {}
        for kind in ("empty", "seeded"):
            name = f"meetings_tpl_{kind}_{worker}"
            self._execute(f'DROP DATABASE IF EXISTS "{name}"')
            self._execute(f'CREATE DATABASE "{name}"')
            target = self.url(name)
            open_database(target).dispose()
            if kind == "seeded":
                _seed(target)
            self.templates[kind] = name
            self.created.append(name)

    def _execute(self, sql: str) -> None:
        with self.admin.connect() as connection:
            connection.exec_driver_sql(sql)

    def url(self, name: str) -> str:
        return self.base.set(database=name).render_as_string(hide_password=False)

    def new(self, folder: Path, kind: str = "empty") -> str:
        name = f"meetings_test_{uuid.uuid4().hex[:12]}"
        template = f' TEMPLATE "{self.templates[kind]}"' if kind != "blank" else ""
        self._execute(f'CREATE DATABASE "{name}"{template}')
        self.created.append(name)
        return self.url(name)

    def dump(self, target: Any) -> list[str]:
        from sqlalchemy import create_engine, inspect, text

        engine = create_engine(str(target))
        try:
            with engine.connect() as connection:
                rows = []
                for table in sorted(inspect(connection).get_table_names()):
                    for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                        rows.append(f"{table}: {tuple(row)!r}")
                return sorted(rows)
        finally:
            engine.dispose()

    def close(self) -> None:
        # Each DROP DATABASE waits for a checkpoint: about a second apiece on a busy machine, so
        # a thousand of them are minutes. A throwaway server (.ci/postgres) is removed whole instead.
        if os.environ.get("MEETINGS_TEST_POSTGRES_THROWAWAY") != "1":
            for name in self.created:
                self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self.admin.dispose()


@pytest.fixture(scope="session", autouse=True)
def user_data_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The user data folder (where an import's lists go) and the user config folder (where saved
    presets go) are temporary ones: no test writes in the machine's own."""
    folder = tmp_path_factory.mktemp("user-data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_DATA_HOME", str(folder))
        patch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("user-config")))
        yield folder


@pytest.fixture(scope="session")
def backend(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    chosen = PostgresBackend(POSTGRES) if POSTGRES else SqliteBackend(tmp_path_factory.mktemp("templates"))
    yield chosen
    chosen.close()


@pytest.fixture
def db_path(tmp_path: Path, backend: Any) -> Any:
    """An empty database at the latest schema (a file path, or a PostgreSQL URL)."""
    return backend.new(tmp_path)


@pytest.fixture
def seeded_path(tmp_path: Path, backend: Any) -> Any:
    """A database holding the seed records."""
    return backend.new(tmp_path, "seeded")


class Invoker:
    def __init__(self, path: Any) -> None:
        self.path = path
        self.runner = CliRunner()

    def __call__(self, *args: str, input: str | None = None, ok: bool = True):  # type: ignore[no-untyped-def]
        """Run `meetings --db PATH ARGS...`. With ok=True, the command must succeed."""
        result = self.runner.invoke(app, ["--db", str(self.path), *args], input=input, catch_exceptions=not ok)
        if ok:
            assert result.exit_code == 0, f"exit {result.exit_code}\nstdout: {result.stdout}\nstderr: {result.stderr}"
        return result


@pytest.fixture
def invoke(db_path: Any) -> Invoker:
    return Invoker(db_path)


@pytest.fixture
def invoke_seeded(seeded_path: Any) -> Invoker:
    return Invoker(seeded_path)


@pytest.fixture
def snapshot(backend: Any):  # type: ignore[no-untyped-def]
    """Every row of every table, to prove a refused command changed nothing."""
    return backend.dump


def query(target: Any, sql: str, *parameters: Any) -> list[tuple[Any, ...]]:
    """Rows of a SQL query (with ? placeholders) against a test database of either backend."""
    from sqlalchemy import create_engine, text

    url = str(target) if "://" in str(target) else f"sqlite:///{target}"
    numbered = sql
    values = {}
    for index, value in enumerate(parameters):
        numbered = numbered.replace("?", f":p{index}", 1)
        values[f"p{index}"] = value
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return [tuple(row) for row in connection.execute(text(numbered), values)]
    finally:
        engine.dispose()


def with_meetings(invoke: Invoker, meetings: list[list[str]]) -> Invoker:
    """Add each meeting (a list of `meetings add` arguments) and hand the invoker back."""
    for args in meetings:
        invoke("add", *args)
    return invoke


def listed_ids(invoke: Invoker, *args: str) -> list[int]:
    """The ids `meetings list` prints as JSON for these options (every match unless --limit)."""
    import json

    limit = [] if "--limit" in args else ["--limit", "0"]
    return [m["id"] for m in json.loads(invoke("list", "--format", "json", *limit, *args).stdout)]


def without_module(monkeypatch: pytest.MonkeyPatch, prefix: str) -> None:
    """Make every import of `prefix` (and its submodules) fail, as when an optional extra is absent."""
    import builtins

    real_import = builtins.__import__

    def refusing(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == prefix or name.startswith(prefix + "."):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", refusing)
