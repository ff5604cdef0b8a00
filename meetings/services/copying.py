"""`meetings db copy`: every record from one database to another (SQLite to PostgreSQL for a
team, PostgreSQL to SQLite for a laptop), in one transaction on the target, verified at the end."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from meetings.errors import InvalidInput, MeetingsError
from meetings.filters import MeetingFilter
from meetings.models import Base, Meeting, Organization, OrganizationMember, Person, PersonName
from meetings.text import match_key

CHUNK = 5000


@dataclass
class CopyReport:
    meetings: int
    added: int
    skipped: int
    checksum: str
    verified: str


def record_checksum(session: Session) -> tuple[str, int]:
    """SHA-256 of every meeting's record (every field, by id) and the number of meetings."""
    import json
    from dataclasses import fields

    from meetings.services.queries import iter_meetings

    def as_object(record: Any) -> dict[str, Any]:
        # What dataclasses.asdict gives, without its deep copy of every value (most of the time).
        return {f.name: getattr(record, f.name) for f in fields(record)}

    digest = hashlib.sha256()
    count = 0
    for record in iter_meetings(session=session, filters=MeetingFilter(sort="id")):
        digest.update(json.dumps(record, default=as_object, ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
        count += 1
    return digest.hexdigest(), count


def _is_empty(session: Session) -> bool:
    return all(session.scalar(select(func.count()).select_from(model)) == 0
               for model in (Meeting, Person, Organization))


def _copy_tables(source: Session, target: Session) -> None:
    """Every record into an empty target, ids and timestamps kept.

    Meetings and their parts (attendances, topic and source links, search rows) are written by
    the one writer, from the records `record_checksum` reads. The rows of the other tables were
    written by other commands (people's aliases, organizations' members, countries' aliases,
    import batches) and are copied as they are: those meetings point at first, so that the writer
    finds each person, topic, source and organization by its key, and those that point at
    meetings (where an import found them, the review queue) after.
    """
    from meetings.services.normal import normalize
    from meetings.services.queries import iter_meetings
    from meetings.services.writer import LOOKUP, MEETING_TABLES, MeetingWriter, advance_sequences

    tables = [table for table in Base.metadata.sorted_tables if table not in MEETING_TABLES]
    after = [table for table in tables if any(key.column.table is Meeting.__table__ for key in table.foreign_keys)]
    _copy_rows(source, target, [table for table in tables if table not in after])
    writer = MeetingWriter(target, index_later=True)
    writer.defer_indexes()  # the target holds no meetings: its query indexes are built after the rows
    parents: list[tuple[int, int]] = []
    meetings = Meeting.__table__
    records = iter_meetings(session=source, filters=MeetingFilter(sort="id"))
    while chunk := list(itertools.islice(records, LOOKUP)):
        ids = [record.id for record in chunk if record.id is not None]
        stamps = {row.id: (row.created_at, row.updated_at) for row in source.execute(
            select(meetings.c.id, meetings.c.created_at, meetings.c.updated_at).where(meetings.c.id.in_(ids)))}
        parents += [(record.id, record.sideline_of) for record in chunk
                    if record.id is not None and record.sideline_of is not None]
        writer.add([normalize(replace(record, sideline_of=None)) for record in chunk], ids, [stamps[i] for i in ids])
        writer.start_index()
    writer.restore_indexes()
    writer.index()
    writer.link_parents(parents)
    _copy_rows(source, target, after)
    advance_sequences(target.connection(), [t for t in tables if "id" in t.c and t.c.id.primary_key])


def _copy_rows(source: Session, target: Session, tables: list[Table]) -> None:
    connection = target.connection()
    for table in tables:
        result = source.connection().execution_options(yield_per=CHUNK).execute(select(table))
        for rows in result.mappings().partitions(CHUNK):
            connection.execute(table.insert(), [dict(row) for row in rows])


def _merge(source: Session, target: Session) -> tuple[int, int]:
    """Source meetings into a target that has records: duplicates skipped, people's aliases and
    organizations' members merged by key."""
    from meetings.services import shared
    from meetings.services.importer import Importer, collector_paused
    from meetings.services.queries import iter_meetings
    from meetings.services.readers import Item

    importer = Importer(target)
    with collector_paused():  # as for `meetings import`: the records make no reference cycles
        for record in iter_meetings(session=source, filters=MeetingFilter(sort="id")):
            parent, record.sideline_of = record.sideline_of, None
            importer.take(Item(location=f"meeting {record.id}", data=record, key=record.id, parent=parent))
        report = importer.finish()
    if report.error_count:
        raise MeetingsError("copy failed: " + "; ".join(report.errors[:3]))
    for organization in source.scalars(select(Organization)):
        copy = shared.organization(target, organization.acronym, name=organization.name)
        target.flush()
        for member in organization.members:
            exists = target.scalar(select(OrganizationMember.id).where(
                OrganizationMember.organization_id == copy.id, OrganizationMember.country_code == member.country_code,
                OrganizationMember.status == member.status))
            if exists is None:
                country = shared.country(target, member.country_code, field="member country")
                target.add(OrganizationMember(organization=copy, country=country, status=member.status,
                                              since_year=member.since_year, until_year=member.until_year))
    _merge_names(source, target)
    return report.added, report.skipped


def _merge_names(source: Session, target: Session) -> None:
    """Each name a source person is known by, added to the target's person of the same shown name
    where the target knows no one by it: the keys of a chunk of names are looked up at once."""
    names = source.execute(select(PersonName.name, PersonName.key, Person.name)
                           .join(Person, Person.id == PersonName.person_id).order_by(PersonName.id))
    for chunk in names.partitions(CHUNK):
        wanted = [(name, key, match_key(name), match_key(shown)) for name, key, shown in chunk]
        keys = {found for *_, own, shown in wanted for found in (own, shown)}
        known = dict(target.execute(select(PersonName.key, PersonName.person_id)
                                    .where(PersonName.key.in_(keys))).tuples().all())
        for name, key, own, shown in wanted:
            person = known.get(shown)
            if person is not None and own not in known:
                target.add(PersonName(person_id=person, name=name, key=key))
                known[own] = person
        target.flush()


def copy_database(*, source: Session, target: Session, merge: bool) -> CopyReport:
    """Every record of `source` into `target` (a write session the caller commits), verified."""
    checksum, count = record_checksum(source)
    empty = _is_empty(target)
    if not empty and not merge:
        raise InvalidInput("target", "the target database already holds records; use --merge to add to them")
    if empty:
        _copy_tables(source, target)
        added, skipped = count, 0
    else:
        added, skipped = _merge(source, target)
    target.flush()
    if empty:
        copied, copied_count = record_checksum(target)
        if (copied, copied_count) != (checksum, count):
            raise MeetingsError("copy failed verification: the target's records differ from the source's; "
                                "nothing was written")
        verified = "counts and record checksum match"
    else:
        if added + skipped != count:
            raise MeetingsError(f"copy failed verification: {added} added and {skipped} skipped, "
                                f"but the source holds {count} meetings; nothing was written")
        verified = f"every source meeting is in the target ({added} added, {skipped} already there)"
    return CopyReport(meetings=count, added=added, skipped=skipped, checksum=checksum, verified=verified)
