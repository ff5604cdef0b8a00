"""Damage another tool can leave in a database, and its repair.

A row deleted in `sqlite3` (which does not enforce foreign keys unless asked) leaves rows that
point at nothing: attendances of a meeting that is gone, links to a deleted topic, a sideline
meeting whose summit was removed. Meetings added or changed there are missing from, or stale
in, the search index. Each orphan is treated as the schema itself would have treated it had
the delete gone through this program: the rows that belong to the deleted row go with it, a
reference that may be empty is emptied, and a country is restored from ISO 3166.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, delete, exists, func, insert, select, update

from meetings import tables as t
from meetings.db import dialect_name

if TYPE_CHECKING:
    from sqlalchemy import Column, Table
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

    Reader = Connection | Session

# Deleting an orphan may orphan what hung on it; a few passes settle any chain the schema allows.
PASSES = 5


@dataclass(frozen=True)
class Orphan:
    table: str
    key: str  # the row's primary key, as "id 12" or "meeting_id 3, topic_id 9"
    column: str
    value: Any
    parent: str

    def __str__(self) -> str:
        return f"{self.table} ({self.key}): {self.column} {self.value!r} points at no row of {self.parent}"


@dataclass
class RepairReport:
    fixes: list[str] = field(default_factory=list)
    indexed: int = 0


def _references() -> list[tuple[Table, Column[Any], Column[Any]]]:
    """(child table, its referring column, the referred column) for every foreign key."""
    found = []
    for table in t.metadata.sorted_tables:
        for column in table.columns:
            for key in column.foreign_keys:
                found.append((table, column, key.column))
    return found


def _orphans_of(reader: Reader, table: Table, column: Column[Any], referred: Column[Any]) -> list[tuple[Any, ...]]:
    parent = referred.table
    primary = list(table.primary_key.columns)
    query = (select(*primary, column).where(column.is_not(None))
             .where(~exists().where(referred == column).correlate(table)).order_by(*primary))
    if parent is table:  # a self-reference (a sideline meeting's summit): compare with another row
        other = parent.alias("referred")
        query = (select(*primary, column).where(column.is_not(None))
                 .where(~exists().where(other.c[referred.name] == column)).order_by(*primary))
    return [tuple(row) for row in reader.execute(query)]


def find_orphans(reader: Reader) -> list[Orphan]:
    """Every row whose foreign key points at a row that does not exist."""
    orphans = []
    for table, column, referred in _references():
        primary = [c.name for c in table.primary_key.columns]
        for *key, value in _orphans_of(reader, table, column, referred):
            orphans.append(Orphan(table.name, ", ".join(f"{n} {v}" for n, v in zip(primary, key, strict=True)),
                                  column.name, value, referred.table.name))
    return orphans


def search_index_drift(reader: Reader) -> tuple[int, int]:
    """(meetings missing from the search index, index entries of meetings that do not exist)."""
    from sqlalchemy import column as sql_column
    from sqlalchemy import table as sql_table

    key = "rowid" if dialect_name(reader) == "sqlite" else "meeting_id"
    index = sql_table("meetings_search", sql_column(key))
    ids = t.meetings.c.id
    missing = reader.scalar(select(func.count()).select_from(t.meetings)
                            .where(~exists().where(index.c[key] == ids)))
    extra = reader.scalar(select(func.count()).select_from(index)
                          .where(~exists().where(ids == index.c[key])))
    return int(missing or 0), int(extra or 0)


def _fix(session: Session, table: Table, column: Column[Any], referred: Column[Any], key: tuple[Any, ...],
         value: Any) -> str:
    """Treat one orphan as the schema would have, and say what was done."""
    from sqlalchemy.exc import IntegrityError

    where = and_(*(c == v for c, v in zip(table.primary_key.columns, key, strict=True)))
    label = f"{table.name} ({', '.join(f'{c.name} {v}' for c, v in zip(table.primary_key.columns, key, strict=True))})"
    problem = f"{column.name} {value!r} pointed at no row of {referred.table.name}"
    (foreign_key,) = column.foreign_keys
    if referred.table is t.countries:
        from meetings.countries import country_name

        name = country_name(value)
        if name != value:  # an ISO code this program knows
            if session.scalar(select(t.countries.c.code).where(t.countries.c.code == value)) is None:
                session.execute(insert(t.countries).values(code=value, name=name))
            return f"{label}: {problem}; restored country {value} ({name}) from ISO 3166"
    if foreign_key.ondelete != "CASCADE" and column.nullable:
        try:
            with session.begin_nested():
                session.execute(update(table).where(where).values({column.name: None}))
            return f"{label}: {problem}; emptied"
        except IntegrityError:
            pass  # emptying it breaks a rule of the row (an attendance needs a name or a role)
    session.execute(delete(table).where(where))
    return f"{label}: {problem}; row removed"


def repair(*, session: Session) -> RepairReport:
    """Remove or empty every orphan reference, then rebuild the search index from the records."""
    from meetings.services.search import TABLE, refresh

    report = RepairReport()
    for _ in range(PASSES):
        found = False
        for table, column, referred in _references():
            for *key, value in _orphans_of(session, table, column, referred):
                report.fixes.append(_fix(session, table, column, referred, tuple(key), value))
                found = True
        if not found:
            break
    dialect = dialect_name(session)
    if dialect in ("sqlite", "postgresql"):
        from sqlalchemy import text

        session.execute(text(f"DELETE FROM {TABLE}"))
        ids = list(session.scalars(select(t.meetings.c.id).order_by(t.meetings.c.id)))
        refresh(session, ids)
        report.indexed = len(ids)
    return report
