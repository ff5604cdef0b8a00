"""Writing many validated meetings at once with SQLAlchemy Core: executemany inserts, with the
shared records (countries, people, topics, organizations, sources) looked up in memory."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from meetings.models import (
    Country,
    Meeting,
    Organization,
    Person,
    PersonName,
    Source,
    Topic,
)
from meetings.services import search
from meetings.services.meetings import NormalMeeting


class BulkWriter:
    """Inserts meetings in the session's transaction. Build one per import."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.connection = session.connection()
        execute = self.connection.execute
        self.countries = set(execute(select(Country.code)).scalars())
        self.people = dict(execute(select(PersonName.key, PersonName.person_id)).all())
        self.topics = dict(execute(select(Topic.key, Topic.id)).all())
        self.organizations = dict(execute(select(Organization.key, Organization.id)).all())
        self.sources = dict(execute(select(Source.reference, Source.id)).all())
        # Every name of the people who have aliases, for the search index (usually few).
        self.aliases: dict[int | None, list[str]] = {}  # looked up by a person id that may be missing
        if self.connection.dialect.name == "sqlite":
            for person_id, name in execute(
                select(PersonName.person_id, PersonName.name).where(PersonName.person_id.in_(
                    select(PersonName.person_id).group_by(PersonName.person_id).having(func.count() > 1)))):
                self.aliases.setdefault(person_id, []).append(name)
        self.indexes_itself = self.connection.dialect.name == "sqlite"

    def _insert_returning(self, table, key_column: str, rows: list[dict]) -> dict:  # type: ignore[no-untyped-def,type-arg]
        """Insert rows and return {key: id}. On SQLite the ids are given here (the write lock is
        held for the whole transaction), so a plain executemany does the work; elsewhere the
        database's RETURNING gives them."""
        if not rows:
            return {}
        if self.connection.dialect.name == "sqlite":
            first = (self.connection.execute(select(func.max(table.c.id))).scalar() or 0) + 1
            for offset, row in enumerate(rows):
                row["id"] = first + offset
            self.connection.execute(insert(table), rows)
            return {row[key_column]: row["id"] for row in rows}
        # On a server another import may add the same record meanwhile: skip it, then read its id.
        from sqlalchemy.dialects.postgresql import insert as upsert

        key = table.c[key_column]
        self.connection.execute(upsert(table).on_conflict_do_nothing(index_elements=[key_column]), rows)
        keys = [row[key_column] for row in rows]
        found: dict = {}  # type: ignore[type-arg]
        for start in range(0, len(keys), 1000):
            found.update({k: i for i, k in self.connection.execute(
                select(table.c.id, key).where(key.in_(keys[start:start + 1000])))})
        return found

    def _insert_new(self, table, key_column: str):  # type: ignore[no-untyped-def]
        """INSERT that leaves a row another process added meanwhile alone (on a server)."""
        if self.connection.dialect.name == "postgresql":
            from sqlalchemy.dialects.postgresql import insert as upsert

            return upsert(table).on_conflict_do_nothing(index_elements=[key_column])
        return insert(table)

    def _prepare_shared(self, meetings: Sequence[NormalMeeting]) -> None:
        from meetings.text import match_key

        new_countries: dict[str, str] = {}
        new_people: dict[str, str] = {}
        new_topics: dict[str, str] = {}
        new_organizations: dict[str, str] = {}
        new_sources: dict[str, dict] = {}  # type: ignore[type-arg]
        for meeting in meetings:
            countries = [a.country for a in meeting.attendees]
            if meeting.venue_country:
                countries.append(meeting.venue_country)
            for country in countries:
                if country.code not in self.countries:
                    new_countries.setdefault(country.code, country.name)
            for attendee in meeting.attendees:
                if attendee.key and attendee.key not in self.people:
                    new_people.setdefault(attendee.key, attendee.name or "")
            for name, key in meeting.topics:
                if key not in self.topics:
                    new_topics.setdefault(key, name)
            if meeting.organization:
                key = match_key(meeting.organization)
                if key not in self.organizations:
                    new_organizations.setdefault(key, meeting.organization)
            for reference, publisher, published in meeting.sources:
                if reference not in self.sources:
                    new_sources.setdefault(reference, {"reference": reference, "publisher": publisher,
                                                       "published_on": published})
        execute = self.connection.execute
        if new_countries:
            execute(self._insert_new(Country.__table__, "code"),
                    [{"code": c, "name": n} for c, n in new_countries.items()])
            self.countries.update(new_countries)
        people = self._insert_returning(Person.__table__, "key",
                                        [{"name": n, "key": k} for k, n in new_people.items()])
        if people:
            execute(self._insert_new(PersonName.__table__, "key"),
                    [{"person_id": pid, "name": new_people[key], "key": key} for key, pid in people.items()])
            self.people.update(people)
        self.topics.update(self._insert_returning(Topic.__table__, "key",
                                                  [{"name": n, "key": k} for k, n in new_topics.items()]))
        self.organizations.update(self._insert_returning(
            Organization.__table__, "key", [{"acronym": a, "key": k, "name": None} for k, a in new_organizations.items()]))
        self.sources.update(self._insert_returning(Source.__table__, "reference", list(new_sources.values())))

    def add(self, meetings: Sequence[NormalMeeting], wanted_ids: Sequence[int | None]) -> list[int]:
        """Insert meetings (parents are linked later, by link_parents); returns their ids.

        A wanted id is kept when no meeting has it yet, so that an export imported into an
        empty database keeps its ids; otherwise the database gives a new one.
        """
        from meetings.text import match_key

        self._prepare_shared(meetings)
        taken: set[int] = set()
        asked = [i for i in wanted_ids if i is not None]
        for start in range(0, len(asked), 500):
            taken.update(self.connection.execute(
                select(Meeting.id).where(Meeting.id.in_(asked[start:start + 500]))).scalars())
        now = dt.datetime.now(dt.UTC)
        rows: list[dict[str, Any]] = []
        for meeting, wanted in zip(meetings, wanted_ids, strict=True):
            row = {
                **meeting.columns(),
                "organization_id": self.organizations[match_key(meeting.organization)] if meeting.organization else None,
                "parent_id": None, "created_at": now, "updated_at": now,
            }
            if wanted is not None and wanted not in taken:
                row["id"] = wanted
                taken.add(wanted)
            rows.append(row)
        table = Meeting.__table__
        if self.connection.dialect.name == "sqlite":
            # The write lock is held: ids after the largest one are free.
            first = max(taken | {self.connection.execute(select(func.max(table.c.id))).scalar() or 0}) + 1
            for row in rows:
                if "id" not in row:
                    row["id"] = first
                    first += 1
        ids: list[int | None] = [row.get("id") for row in rows]
        for with_id in (True, False):
            positions = [i for i, row in enumerate(rows) if ("id" in row) == with_id]
            if not positions:
                continue
            statement = insert(table)
            if not with_id:
                statement = statement.returning(table.c.id, sort_by_parameter_order=True)
                result = self.connection.execute(statement, [rows[i] for i in positions])
                for position, (new_id,) in zip(positions, result, strict=True):
                    ids[position] = new_id
            else:
                self.connection.execute(statement, [rows[i] for i in positions])
                advance_sequences(self.connection, [table])

        attendances, topics, sources = [], [], []
        for meeting_id, meeting in zip(ids, meetings, strict=True):
            for position, attendee in enumerate(meeting.attendees):
                attendances.append((meeting_id, self.people[attendee.key] if attendee.key else None,
                                    attendee.country.code, attendee.role, attendee.rank, attendee.host,
                                    attendee.chair, position))
            topics += [(meeting_id, self.topics[key]) for _, key in meeting.topics]
            sources += [(meeting_id, self.sources[reference]) for reference, _, _ in meeting.sources]
        if self.indexes_itself:
            # The search index rows, from the text in hand (what search.refresh would read back).
            self._insert_rows(search.TABLE, ("rowid", "title", "summary", "topics", "people", "venue"), [
                (meeting_id, meeting.title, meeting.text["summary"] or "", " ; ".join(name for name, _ in meeting.topics),
                 " ; ".join(f"{a.role or ''} {' ; '.join(self.aliases.get(self.people.get(a.key or ''), [a.name or '']))}"
                            for a in meeting.attendees),
                 meeting.text["venue"] or "")
                for meeting_id, meeting in zip(ids, meetings, strict=True)])
        self._insert_rows("attendances", ("meeting_id", "person_id", "country_code", "role", "rank", "is_host",
                                          "is_chair", "position"), attendances)
        self._insert_rows("meeting_topics", ("meeting_id", "topic_id"), topics)
        self._insert_rows("meeting_sources", ("meeting_id", "source_id"), sources)
        return [i for i in ids if i is not None]

    def _insert_rows(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        """Plain rows (integers, text, booleans) in one executemany, straight to the driver: these
        columns need no conversion, and a large import spends less time per row."""
        if rows:
            marks = ", ".join("?" if self.connection.dialect.paramstyle == "qmark" else "%s" for _ in columns)
            self.connection.exec_driver_sql(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)

    def link_parents(self, links: Sequence[tuple[int, int]]) -> None:
        """Set parent_id for (meeting id, parent id) pairs."""
        if links:
            table = Meeting.__table__
            from sqlalchemy import bindparam

            self.connection.execute(
                update(table).where(table.c.id == bindparam("child")).values(parent_id=bindparam("parent")),
                [{"child": child, "parent": parent} for child, parent in links],
            )


def advance_sequences(connection, tables) -> None:  # type: ignore[no-untyped-def]
    """After rows were inserted with explicit ids, move PostgreSQL's id sequences past them."""
    if connection.dialect.name != "postgresql":
        return
    from sqlalchemy import text

    for table in tables:
        connection.execute(text(
            f"SELECT setval(pg_get_serial_sequence('{table.name}', 'id'), "
            f"GREATEST((SELECT max(id) FROM {table.name}), 1))"))
