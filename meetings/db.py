"""The engine: where the database lives, how SQLite is set up, and the schema brought to head."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from meetings.errors import DatabaseBusy, DatabaseUnusable, FileProblem, InvalidInput, MeetingsError
from meetings.schema import HEAD, REVISIONS

if TYPE_CHECKING:
    import sqlite3

    from sqlalchemy import Engine
    from sqlalchemy.engine import URL, Connection
    from sqlalchemy.orm import Session

T = TypeVar("T")
ENV_VAR = "MEETINGS_DB"
SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 10_000  # how long a write waits for another writer; $MEETINGS_BUSY_TIMEOUT (ms) overrides


def default_path() -> Path:
    from platformdirs import user_data_path

    return user_data_path("meetings", appauthor=False) / "meetings.db"


def resolve_target(target: str | None) -> str:
    """The database URL for a --db value, $MEETINGS_DB, or the default file, in that order."""
    target = target or os.environ.get(ENV_VAR) or str(default_path())
    if "://" in target:
        return target
    # A URL reads "?" as its parameters and decodes "%XX": a path's own are written escaped.
    return "sqlite:///" + str(Path(target).expanduser().resolve()).replace("%", "%25").replace("?", "%3F")


def _secret_parameter(name: str) -> bool:
    lowered = name.lower()
    return lowered in ("pwd", "pass") or any(word in lowered for word in ("password", "secret", "token"))


def masked(url: str | URL) -> str:
    """A URL safe to print: every credential it carries (the password in the netloc, and query
    parameters such as password= and sslpassword=) is replaced by ***."""
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
        secret = [name for name in parsed.query if _secret_parameter(name)]
        if secret:
            parsed = parsed.update_query_dict(dict.fromkeys(secret, "***"))
        return parsed.render_as_string(hide_password=True).replace("=%2A%2A%2A", "=***")
    except Exception:  # noqa: BLE001 - whatever the parser rejects, nothing of it is printed
        return "<unparseable database URL>"


def _prepare_sqlite_file(path: Path) -> None:
    """Refuse a file that is not SQLite; create a new one private to the user (0600 in 0700)."""
    if path.exists():
        if path.is_dir():
            raise DatabaseUnusable(f"--db: {path} is a folder, not a database file")
        try:
            with path.open("rb") as handle:
                header = handle.read(len(SQLITE_HEADER))
        except OSError as exc:
            raise FileProblem(f"--db: cannot read {path}: {exc.strerror}") from None
        if header and header != SQLITE_HEADER:
            raise DatabaseUnusable(f"--db: {path} is not an SQLite database; it was left untouched")
        return
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.close(os.open(path, os.O_CREAT | os.O_WRONLY | os.O_EXCL, 0o600))
    except FileExistsError:
        pass
    except OSError as exc:
        raise FileProblem(f"--db: cannot create {path}: {exc.strerror}") from None


def read_only_file(path: Path) -> bool:
    """Whether an existing SQLite file cannot be written here: the file, or its folder (where
    SQLite keeps its log), is read-only for this process."""
    return path.is_file() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK))


def read_only_uri(path: Path) -> str:
    """The URI of a SQLite file opened only to read. In a read-only folder with no log beside the
    file, nothing can have been written since the last checkpoint: SQLite may then read it as immutable."""
    uri = f"{path.resolve().as_uri()}?mode=ro"
    if not os.access(path.parent, os.W_OK) and not Path(f"{path}-wal").exists():
        uri += "&immutable=1"
    return uri


def _read_only_connector(path: Path) -> Callable[[], sqlite3.Connection]:
    """Connections that only read (read_only_uri)."""
    import sqlite3

    uri = read_only_uri(path)
    return lambda: sqlite3.connect(uri, uri=True, check_same_thread=False)


def busy_timeout_ms() -> int:
    return int(os.environ.get("MEETINGS_BUSY_TIMEOUT", BUSY_TIMEOUT_MS))


def _configure_sqlite(engine: Engine, *, read_only: Path | None = None) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Take transaction control from the driver so that DDL is transactional too,
        # and so that write transactions can start with BEGIN IMMEDIATE.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        timeout = busy_timeout_ms()
        for pragma in (
            f"busy_timeout = {timeout}",
            "foreign_keys = ON",
            "journal_mode = WAL",
            "synchronous = FULL",
            "trusted_schema = OFF",
        ):
            if not (read_only and pragma.startswith("journal_mode")):  # the mode is the file's; it cannot change
                cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get("meetings_write", False)
        if write and read_only:
            raise DatabaseUnusable(f"--db: {read_only} is read-only (the file or its folder); commands that "
                                   "read work, this one writes")
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def create_engine_for(url: str) -> Engine:
    """An engine for a URL, with no schema check: used by open_database and by migrations."""
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    try:
        parsed = make_url(url)
    except Exception:  # noqa: BLE001 - any parse failure is the one message below
        raise DatabaseUnusable(
            "--db: not a file path or database URL (for example meetings.db or postgresql+psycopg://user@host/db)"
        ) from None
    if parsed.get_backend_name() == "sqlite":
        if parsed.query:
            raise InvalidInput("--db", f"an SQLite URL takes no parameters ({', '.join(sorted(parsed.query))}); "
                                       "give the file's path or sqlite:///PATH")
        path = Path(parsed.database) if parsed.database and parsed.database != ":memory:" else None
        if path is not None:
            _prepare_sqlite_file(path)
        if path is not None and read_only_file(path):
            engine = create_engine(parsed, hide_parameters=True, creator=_read_only_connector(path))
            _configure_sqlite(engine, read_only=path)
        else:
            engine = create_engine(parsed, hide_parameters=True)
            _configure_sqlite(engine)
        return engine
    try:
        engine = create_engine(parsed, hide_parameters=True, pool_pre_ping=True)
    except Exception as exc:  # noqa: BLE001 - a missing driver or bad option, named in one line
        raise DatabaseUnusable(f"--db: cannot use {masked(parsed)}: {exc}") from None
    if parsed.get_backend_name() == "postgresql":
        _configure_postgresql(engine)
    return engine


def _configure_postgresql(engine: Engine) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        # Listings and exports stream through server-side cursors, which PostgreSQL plans for the
        # first tenth of their rows (cursor_tuple_fraction 0.1): a rare country's page then walks
        # the whole date index (167 ms against 17 ms for Tuvalu's 50 of 100,000 meetings). Every
        # cursor here is read to its end, so it is planned for all of its rows.
        autocommit = dbapi_connection.autocommit
        dbapi_connection.autocommit = True
        dbapi_connection.execute("SET cursor_tuple_fraction = 1.0")
        dbapi_connection.autocommit = autocommit


def current_revision(connection: Connection) -> str | None:
    """The schema revision stamped in the database, None for a database with no schema yet.

    Raises DatabaseUnusable for a database that holds other tables but no revision.
    """
    from sqlalchemy import inspect, text

    names = inspect(connection).get_table_names()
    if "alembic_version" not in names:
        if names:
            raise DatabaseUnusable(
                "--db: this database has tables but no meetings schema revision; it was left untouched"
            )
        return None
    return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()


def sqlite_file(url: str) -> Path | None:
    """The file of an SQLite URL; None for a server, a database in memory, or parameters. Its
    path is decoded as SQLAlchemy's URL parser decodes it (resolve_target escapes "%" and "?")."""
    from urllib.parse import unquote

    prefix = "sqlite:///"
    if not url.startswith(prefix) or "?" in url:
        return None
    path = Path(unquote(url[len(prefix):]))
    return path if path.name and path.name != ":memory:" else None


def database_exists(url: str) -> bool:
    """Whether there is a database to read at this target (a server's always counts as there)."""
    path = sqlite_file(url)
    return path is None or (path.is_file() and path.stat().st_size > 0)


def _stamped_revision_readonly(path: Path) -> str | None:
    """Read an existing SQLite file's revision through a read-only connection, so that a file
    that is refused (not a database, unknown revision) is not changed in any way."""
    import sqlite3

    try:
        connection = _read_only_connector(path)()
    except sqlite3.Error as exc:
        raise FileProblem(f"--db: cannot open {path}: {exc}") from None
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "alembic_version" not in tables:
            if tables:
                raise DatabaseUnusable(
                    "--db: this database has tables but no meetings schema revision; it was left untouched"
                )
            return None
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
        return row[0] if row else None
    except sqlite3.DatabaseError as exc:
        if _is_io_failure(str(exc)):
            raise FileProblem(f"--db: cannot use {path}: {exc} (is the disk full?); it was left untouched") from None
        raise DatabaseUnusable(f"--db: {path} is not a usable SQLite database ({exc}); it was left untouched") from None
    finally:
        connection.close()


def _check_revision(revision: str | None) -> None:
    if revision is not None and revision not in REVISIONS:
        raise DatabaseUnusable(
            f"--db: the database is at schema revision {revision!r}, newer than this program knows "
            f"(latest {HEAD!r}); upgrade meetings to use it. It was left untouched"
        )


def open_database(target: str | None, *, notice: Callable[[str], None] | None = None) -> Engine:
    """Open (creating if need be) the database and bring its schema to head.

    A database stamped with a revision this program does not know is refused untouched; an
    SQLite database at an older revision is backed up beside itself before it is migrated.
    """
    from sqlalchemy.exc import DBAPIError

    url = resolve_target(target)
    path = sqlite_file(url)
    if path is not None and path.is_file() and path.stat().st_size > 0:
        _prepare_sqlite_file(path)
        revision = _stamped_revision_readonly(path)
        _check_revision(revision)
        if revision == HEAD:
            return create_engine_for(url)
        if read_only_file(path):
            raise DatabaseUnusable(f"--db: {path} is read-only and at schema revision {revision}; it needs "
                                   f"{HEAD}, which means writing: make it writable once to upgrade it")
    engine = create_engine_for(url)
    try:
        with engine.connect() as connection:
            revision = current_revision(connection)
        _check_revision(revision)
        if revision != HEAD:
            from meetings.backup import backup_path, backup_sqlite
            from meetings.migrations import upgrade

            if revision is not None and path is not None:
                copy = backup_path(path, revision)
                backup_sqlite(engine, copy)
                if notice:
                    notice(f"schema {revision} -> {HEAD}: the database was first backed up to {copy}")
            upgrade(engine)
        return engine
    except DBAPIError as exc:
        engine.dispose()
        raise translate_database_error(exc, url) from None
    except BaseException:
        engine.dispose()
        raise


def _is_io_failure(message: str) -> bool:
    """SQLite's words for a failed read or write of its files (a full disk, a file size limit)."""
    lowered = message.lower()
    return "disk i/o error" in lowered or "database or disk is full" in lowered


def translate_database_error(exc: Exception, url: str) -> MeetingsError:
    """Turn a driver error into a one-line MeetingsError that never shows parameters or passwords."""
    message = str(getattr(exc, "orig", exc)).splitlines()[0] if str(getattr(exc, "orig", exc)) else type(exc).__name__
    lowered = message.lower()
    if "database is locked" in lowered or "database is busy" in lowered:
        return DatabaseBusy("the database is busy: another meetings process is writing; try again")
    if "file is not a database" in lowered or "file is encrypted" in lowered:
        return DatabaseUnusable(f"--db: {masked(url)} is not an SQLite database; it was left untouched")
    if "unable to open database" in lowered:
        return FileProblem(f"--db: cannot open {masked(url)}: {message}")
    if _is_io_failure(message):
        return FileProblem(f"--db: cannot write {masked(url)}: {message} (is the disk full?)")
    return DatabaseUnusable(f"database error on {masked(url)}: {message}")


class UnitOfWork:
    """One session in one transaction, rolled back unless the command calls commit(). A dry run
    simply does not commit."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.committed = False

    def commit(self) -> None:
        self.session.commit()
        self.committed = True


@contextmanager
def unit_of_work(engine: Engine, *, write: bool = False) -> Iterator[UnitOfWork]:
    """The one way a command opens its transaction (a write one takes SQLite's write lock at
    once): whatever the block does is rolled back when it ends, unless it committed."""
    from sqlalchemy.orm import Session

    bind = engine.execution_options(meetings_write=True) if write else engine
    with Session(bind, expire_on_commit=False) as session:
        work = UnitOfWork(session)
        try:
            yield work
        finally:
            if not work.committed:
                session.rollback()


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session for reading through the ORM, in one transaction that writes nothing."""
    with unit_of_work(engine) as work:
        yield work.session


def dialect_name(reader: Connection | Session) -> str:
    """"sqlite" or "postgresql" for a Core connection or an ORM session."""
    dialect = getattr(reader, "dialect", None)  # a Connection has one; a Session has a bind
    return (dialect or reader.get_bind().dialect).name  # type: ignore[union-attr]


@contextmanager
def read_scope(engine: Engine) -> Iterator[Connection]:
    """A Core connection in one read transaction (one consistent snapshot for a streamed listing),
    for commands that only read: they never load the ORM."""
    with engine.connect() as connection, connection.begin():
        yield connection


# PostgreSQL's serialization failure, deadlock and unique violation: a concurrent transaction won
# a race; doing the same work again in a fresh transaction succeeds.
RETRYABLE = {"40001", "40P01", "23505"}
WRITE_ATTEMPTS = 5


def run_write(engine: Engine, work: Callable[[Session], T]) -> T:
    """Run `work` in one write transaction, retried (a bounded number of times, with backoff) when
    the server reports a serialization failure, deadlock or lost unique-key race."""
    import random
    import time

    from sqlalchemy.exc import DBAPIError

    for attempt in range(WRITE_ATTEMPTS):
        try:
            with unit_of_work(engine, write=True) as unit:
                result = work(unit.session)
                unit.commit()
            return result
        except DBAPIError as exc:
            state = getattr(exc.orig, "sqlstate", None)
            if state not in RETRYABLE or attempt == WRITE_ATTEMPTS - 1:
                raise
            time.sleep(random.uniform(0.01, 0.05) * 2**attempt)
    raise AssertionError("unreachable")
