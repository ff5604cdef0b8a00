"""The one way meetings are written and removed: `add` is a write of one, `edit` a replace of one,
`import` (and `extract --save`, the seed, `db copy`) writes in chunks, and `delete`, `imports undo`
and `duplicates merge` remove meetings, all through MeetingWriter.

Meetings and their parts go straight to the driver in large batches (executemany on SQLite, with
each value converted as SQLAlchemy would; COPY on PostgreSQL, with ids drawn from the table's
sequence), not through per-row statement building; the shared records meetings point at
(countries, people, topics, organizations, sources) are looked up by key once and remembered,
and created when new. The search index is rewritten for every meeting written, in the same
transaction, by `search` (the one place its text is built): at once, or, for a writer made with
`index_later`, when `index()` is called: on SQLite in one statement over every meeting it wrote,
on PostgreSQL a chunk at a time from `start_index()` on, in the background while the caller
reads the next chunk.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Boolean, Column, Index, Table, bindparam, delete, func, insert, select, text, update
from sqlalchemy.orm import Session

from meetings import tables as t
from meetings.db import dialect_name
from meetings.services import search
from meetings.services.normal import NormalMeeting
from meetings.text import match_key

LOOKUP = 1000  # keys per IN (...) lookup
# The rows a meeting is written as (and its search row): the writer alone writes them.
MEETING_TABLES = (t.meetings, t.attendances, t.meeting_topics, t.meeting_sources)
# The indexes of these columns serve queries and nothing a write reads (not the keys looked up,
# not the duplicate checks by date and attendees, not the search index's statement): a large
# write on SQLite drops them and builds them again after its rows (defer_indexes), in its one
# transaction, which sorts each once instead of inserting every row into it (the benchmark's
# 100,000 meetings with stdlib executemany: 6.8 s -> 5.1 s).
BUILT_AFTER_ROWS: tuple[Column[Any], ...] = (
    t.meetings.c.kind, t.meetings.c.last_day, t.meetings.c.venue_country_code, t.meetings.c.organization_id,
    t.meetings.c.parent_id, t.attendances.c.person_id, t.meeting_topics.c.topic_id, t.meeting_sources.c.source_id,
    t.meeting_origins.c.batch_id)


def _index_of(column: Column[Any]) -> Index:
    return next(i for i in column.table.indexes if list(i.columns) == [column])


class MeetingWriter:
    """Writes validated meetings in the session's transaction. Build one per command."""

    def __init__(self, session: Session, *, index_later: bool = False) -> None:
        self.session = session
        self.index_later = index_later
        self.unindexed = 0  # meetings marked whose search index is still to be written
        self.new: list[int] = []  # meetings added whose search index is not begun (index_later)
        self.dialect = dialect_name(session)
        self.countries: dict[str, str] = {}  # code -> code, for the codes known to exist
        self.people: dict[str, int] = {}  # any name's key -> person id
        self.topics: dict[str, int] = {}
        self.organizations: dict[str, int] = {}
        self.sources: dict[str, int] = {}
        self.deferred: list[str] = []  # the CREATE INDEX of each index dropped by defer_indexes

    @property
    def connection(self) -> Any:
        return self.session.connection()

    # The shared records ---------------------------------------------------------------

    def _recorded(self, cache: dict[Any, Any], table: Table, key: str, value: str, wanted: Iterable[Any]) -> list[Any]:
        """Remember the ids of the wanted keys already recorded; return those that are not."""
        missing = list(dict.fromkeys(k for k in wanted if k not in cache))
        for start in range(0, len(missing), LOOKUP):
            chunk = missing[start:start + LOOKUP]
            cache.update(self.connection.execute(select(table.c[key], table.c[value]).where(table.c[key].in_(chunk))).all())
        return [k for k in missing if k not in cache]

    def _insert_new(self, table: Table, key: str, rows: list[dict[str, Any]], *, returning: bool = False) -> dict[Any, int]:
        """INSERT that leaves alone a row another process added meanwhile (on a server, where it
        is one statement over the rows' columns as arrays, not a statement per row); with
        `returning`, the {key: id} of the rows it inserted."""
        connection = self.connection
        if self.dialect != "postgresql":
            connection.execute(insert(table), rows)
            return {}
        columns = list(rows[0])
        arrays = ", ".join(f"%s::{table.c[c].type.compile(dialect=connection.dialect)}[]" for c in columns)
        cursor = connection.connection.driver_connection.cursor()
        cursor.execute(f"INSERT INTO {table.name} ({', '.join(columns)}) SELECT * FROM unnest({arrays}) "
                       f"ON CONFLICT ({key}) DO NOTHING" + (f" RETURNING {key}, id" if returning else ""),
                       [[row[c] for row in rows] for c in columns])
        return dict(cursor.fetchall()) if returning else {}

    def _insert_returning(self, table: Table, key: str, rows: list[dict[str, Any]]) -> dict[Any, int]:
        """Insert rows and return {key: id}. On SQLite the ids are given here (the write lock is
        held for the whole transaction); on a server the database gives them, and a row another
        process added meanwhile is skipped and its id read."""
        if not rows:
            return {}
        connection = self.connection
        if self.dialect == "sqlite":
            first = (connection.execute(select(func.max(table.c.id))).scalar() or 0) + 1
            self._write(table, (*rows[0], "id"), [(*row.values(), first + offset) for offset, row in enumerate(rows)])
            return {row[key]: first + offset for offset, row in enumerate(rows)}
        found = self._insert_new(table, key, rows, returning=True)
        self._recorded(found, table, key, "id", [row[key] for row in rows])
        return found

    def _prepare_shared(self, meetings: Sequence[NormalMeeting]) -> None:
        countries = {a.country.code: a.country.name for m in meetings for a in m.attendees if a.country}
        countries.update({m.venue_country.code: m.venue_country.name for m in meetings if m.venue_country})
        people = {a.key: (a.name or "", a.kind) for m in meetings for a in m.attendees if a.key}
        topics = {key: name for m in meetings for name, key in m.topics}
        organizations = {match_key(m.organization): m.organization for m in meetings if m.organization}
        sources = {s[0]: s for m in meetings for s in m.sources}

        execute = self.connection.execute
        new_countries = self._recorded(self.countries, t.countries, "code", "code", countries)
        if new_countries:
            self._insert_new(t.countries, "code", [{"code": c, "name": countries[c]} for c in new_countries])
            self.countries.update({c: c for c in new_countries})
        # A name recorded already is that record, whatever its kind: the first kind given stays.
        new_people = self._insert_returning(t.people, "key", [
            {"name": people[k][0], "key": k, "kind": people[k][1]}
            for k in self._recorded(self.people, t.person_names, "key", "person_id", people)])
        if new_people:
            if self.dialect == "sqlite":
                self._write(t.person_names, ("person_id", "name", "key"),
                            [(pid, people[key][0], key) for key, pid in new_people.items()])
            else:
                self._insert_new(t.person_names, "key",
                                 [{"person_id": pid, "name": people[key][0], "key": key} for key, pid in new_people.items()])
            self.people.update(new_people)
        self.topics.update(self._insert_returning(t.topics, "key", [
            {"name": topics[k], "key": k} for k in self._recorded(self.topics, t.topics, "key", "id", topics)]))
        self.organizations.update(self._insert_returning(t.organizations, "key", [
            {"acronym": organizations[k], "key": k, "name": None}
            for k in self._recorded(self.organizations, t.organizations, "key", "id", organizations)]))
        new_sources = self._recorded(self.sources, t.sources, "reference", "id", sources)
        self.sources.update(self._insert_returning(t.sources, "reference", [
            {"reference": r, "publisher": sources[r][1], "published_on": sources[r][2]} for r in new_sources]))
        # A source recorded without its publisher or date gets them from a record that gives them.
        filled = [{"ref": r, "publisher": p, "published_on": d} for r, p, d in sources.values()
                  if r not in new_sources and (p or d) and r in self.sources]
        if filled:
            table = t.sources
            execute(update(table).where(table.c.reference == bindparam("ref")).values(
                publisher=func.coalesce(table.c.publisher, bindparam("publisher")),
                published_on=func.coalesce(table.c.published_on, bindparam("published_on"))), filled)

    # Meetings -------------------------------------------------------------------------

    def _row(self, meeting: NormalMeeting, now: dt.datetime) -> dict[str, Any]:
        return {
            **meeting.columns(),
            "organization_id": self.organizations[match_key(meeting.organization)] if meeting.organization else None,
            "updated_at": now,
        }

    def add(self, meetings: Sequence[NormalMeeting], wanted_ids: Sequence[int | None],
            stamps: Sequence[tuple[dt.datetime, dt.datetime]] | None = None) -> list[int]:
        """Insert meetings (parents are linked by link_parents, once every meeting has its id);
        returns their ids.

        A wanted id is kept when no meeting has it yet, so that an export imported into an
        empty database keeps its ids; otherwise the database gives a new one. `stamps` are the
        meetings' (created_at, updated_at) for a copy that keeps them; otherwise both are now.
        """
        if not meetings:
            return []
        self.settle()
        self.session.flush()  # what the ORM holds (a fixture's organizations) is in the database first
        self._prepare_shared(meetings)
        connection = self.connection
        table = t.meetings
        taken: set[int] = set()
        asked = [i for i in wanted_ids if i is not None]
        for start in range(0, len(asked), LOOKUP):
            taken.update(connection.execute(select(table.c.id).where(table.c.id.in_(asked[start:start + LOOKUP]))).scalars())
        now = dt.datetime.now(dt.UTC)
        rows: list[list[Any]] = []
        for meeting, wanted, (created, updated) in zip(meetings, wanted_ids, stamps or [(now, now)] * len(meetings),
                                                      strict=True):
            row = [*self._row(meeting, updated).values(), None, created, None]  # parent_id, created_at, id
            if wanted is not None and wanted not in taken:
                row[-1] = wanted
                taken.add(wanted)
            rows.append(row)
        columns = (*self._row(meetings[0], now), "parent_id", "created_at", "id")
        numbered = [row for row in rows if row[-1] is not None]
        if numbered:
            self._write(table, columns, numbered)
            advance_sequences(connection, [table])
        unnumbered = [row for row in rows if row[-1] is None]
        fresh: Iterable[int] = ()
        if self.dialect == "sqlite":
            # The write lock is held: ids after the largest one are free.
            first = (connection.execute(select(func.max(table.c.id))).scalar() or 0) + 1
            fresh = range(first, first + len(unnumbered))
        elif unnumbered:
            # Ids taken from the table's own sequence: no other writer is given them.
            fresh = connection.execute(text("SELECT nextval(pg_get_serial_sequence('meetings', 'id')) "
                                            "FROM generate_series(1, :n)"), {"n": len(unnumbered)}).scalars().all()
        for row, meeting_id in zip(unnumbered, fresh, strict=True):
            row[-1] = meeting_id
        self._write(table, columns, unnumbered)
        written: list[int] = [row[-1] for row in rows]
        self._add_parts(list(zip(written, meetings, strict=True)))
        self.new += written
        if not self.index_later:
            self.index()
        return written

    def start_index(self) -> None:
        """Begin the search index of the meetings added since the last call: on PostgreSQL in the
        background (search.index_new) while the caller goes on; on SQLite it is written by index()."""
        new, self.new = self.new, []
        if new and self.dialect == "postgresql":
            search.index_new(self.session, new)
        elif new:
            search.mark(self.session, new)
            self.unindexed += len(new)

    def index(self) -> None:
        """Write the search index of every meeting added (or named again) since the last call."""
        self.start_index()
        self.settle()
        if self.unindexed:
            search.refresh_marked(self.session)
            self.unindexed = 0

    def settle(self) -> None:
        """Wait for the search index begun by start_index; raise what its statement raised."""
        search.settle(self.session)

    def defer_indexes(self) -> None:
        """Drop the indexes of BUILT_AFTER_ROWS until restore_indexes() (SQLite; the caller writes
        many rows, at least as many as the tables hold)."""
        if self.dialect != "sqlite" or self.deferred:
            return
        self.session.flush()
        names = [_index_of(column).name for column in BUILT_AFTER_ROWS]
        found = dict(self.connection.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND name IN :names")
            .bindparams(bindparam("names", expanding=True)), {"names": names}).all())
        for name in names:
            if name in found:  # each as the migrations wrote it
                self.connection.exec_driver_sql(f"DROP INDEX {name}")
                self.deferred.append(found[name])

    def restore_indexes(self) -> None:
        """Build again the indexes defer_indexes dropped."""
        deferred, self.deferred = self.deferred, []
        for sql in deferred:
            self.connection.exec_driver_sql(sql)

    def replace(self, meeting_id: int, meeting: NormalMeeting) -> None:
        """Give a recorded meeting every field of `meeting` (its parent included)."""
        self.settle()
        self.session.flush()
        self._prepare_shared([meeting])
        table = t.meetings
        self.connection.execute(update(table).where(table.c.id == meeting_id).values(
            **self._row(meeting, dt.datetime.now(dt.UTC)), parent_id=meeting.sideline_of))
        for part in (t.attendances, t.meeting_topics, t.meeting_sources):
            self.connection.execute(delete(part).where(part.c.meeting_id == meeting_id))
        self._add_parts([(meeting_id, meeting)])
        search.refresh(self.session, [meeting_id])
        self.session.expire_all()  # the ORM's copies of what changed are read again when used

    def remove(self, meeting_ids: Sequence[int]) -> None:
        """Delete meetings and every row that is theirs: attendances, topic and source links, the
        import origin, review pairs, search rows. Sideline meetings of theirs stay, detached;
        the people, topics and sources they named stay for other meetings."""
        ids = list(dict.fromkeys(meeting_ids))
        if not ids:
            return
        self.settle()
        self.session.flush()
        execute = self.connection.execute
        meetings, pairs = t.meetings, t.duplicate_pairs
        for start in range(0, len(ids), LOOKUP):
            chunk = ids[start:start + LOOKUP]
            for part in (t.attendances, t.meeting_topics, t.meeting_sources, t.meeting_origins):
                execute(delete(part).where(part.c.meeting_id.in_(chunk)))
            execute(delete(pairs).where(pairs.c.first_id.in_(chunk) | pairs.c.second_id.in_(chunk)))
            execute(update(meetings).where(meetings.c.parent_id.in_(chunk)).values(parent_id=None))
            execute(delete(meetings).where(meetings.c.id.in_(chunk)))
        search.refresh(self.session, ids)
        self.session.expire_all()

    def _add_parts(self, written: list[tuple[int, NormalMeeting]]) -> None:
        """The attendances, topics and sources of written meetings."""
        attendances, topics, sources = [], [], []
        for meeting_id, meeting in written:
            for position, attendee in enumerate(meeting.attendees):
                attendances.append((meeting_id, self.people[attendee.key] if attendee.key else None,
                                    attendee.country_code, attendee.role, attendee.rank, attendee.host,
                                    attendee.chair, position))
            topics += [(meeting_id, self.topics[key]) for _, key in meeting.topics]
            sources += [(meeting_id, self.sources[reference]) for reference, _, _ in meeting.sources]
        self._write(t.attendances, ("meeting_id", "person_id", "country_code", "role", "rank", "is_host",
                                    "is_chair", "position"), attendances)
        self._write(t.meeting_topics, ("meeting_id", "topic_id"), topics)
        self._write(t.meeting_sources, ("meeting_id", "source_id"), sources)

    def _write(self, table: Table, columns: tuple[str, ...], rows: Sequence[Sequence[Any]]) -> None:
        write_rows(self.connection, table, columns, rows)

    def add_names(self, names: Sequence[tuple[str, str]]) -> None:
        """Record other names for written people: (a name's key the person has, another name)."""
        self.settle()
        owners: dict[str, int] = {}
        self._recorded(owners, t.person_names, "key", "person_id", [key for key, _ in names])
        rows = {match_key(alias): (owners[key], alias) for key, alias in names if key in owners}
        recorded: dict[str, int] = {}
        self._recorded(recorded, t.person_names, "key", "person_id", rows)
        new = [(person_id, alias, key) for key, (person_id, alias) in rows.items() if key not in recorded]
        self._write(t.person_names, ("person_id", "name", "key"), new)
        people = {person_id for person_id, _, _ in new}
        if people:
            meetings = self.connection.execute(select(t.attendances.c.meeting_id).distinct()
                                               .where(t.attendances.c.person_id.in_(people))).scalars().all()
            search.mark(self.session, meetings)
            self.unindexed += len(meetings)
            if not self.index_later:
                self.index()

    def link_parents(self, links: Sequence[tuple[int, int]]) -> None:
        """Set parent_id for (meeting id, parent id) pairs, part of writing them: when they were
        last changed stays as it is."""
        self.settle()
        if links:
            table = t.meetings
            self.connection.execute(
                update(table).where(table.c.id == bindparam("child"))
                .values(parent_id=bindparam("parent"), updated_at=table.c.updated_at),
                [{"child": child, "parent": parent} for child, parent in links],
            )


def advance_sequences(connection: Any, tables: Iterable[Table]) -> None:
    """After rows were inserted with explicit ids, move PostgreSQL's id sequences past them."""
    if connection.dialect.name != "postgresql":
        return
    from sqlalchemy import text

    for table in tables:
        connection.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"GREATEST((SELECT max(id) FROM {table.name}), 1))"))


def write_rows(connection: Any, table: Table, columns: tuple[str, ...], rows: Sequence[Sequence[Any]]) -> None:
    """Rows of some of a table's columns, straight to the driver: one executemany on SQLite
    (each value converted as SQLAlchemy would convert it), COPY on PostgreSQL."""
    if not rows:
        return
    if connection.dialect.name == "postgresql":
        search.settle(connection)  # a COPY is no one locked statement (see search.index_new)
        cursor = connection.connection.driver_connection.cursor()
        with cursor.copy(f"COPY {table.name} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
        return
    # sqlite3 stores a bool as the integer SQLAlchemy would: only the other types are converted.
    processors = [(i, process) for i, process in enumerate(
        None if isinstance(table.c[column].type, Boolean) else
        table.c[column].type._cached_bind_processor(connection.dialect) for column in columns) if process]
    if processors:
        converted = [list(row) for row in rows]
        for values in converted:
            for i, process in processors:
                if values[i] is not None:
                    values[i] = process(values[i])
        rows = [tuple(values) for values in converted]
    marks = ", ".join("?" if connection.dialect.paramstyle == "qmark" else "%s" for _ in columns)
    connection.exec_driver_sql(f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({marks})", rows)
