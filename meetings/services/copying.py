"""`meetings db copy`: every record from one database to another (SQLite to PostgreSQL for a
team, PostgreSQL to SQLite for a laptop), in one transaction on the target, verified at the end."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from meetings.errors import InvalidInput, MeetingsError
from meetings.filters import MeetingFilter
from meetings.models import Base, Meeting, Organization, OrganizationMember, Person, PersonName

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
    from dataclasses import asdict

    from meetings.services.queries import iter_meetings

    digest = hashlib.sha256()
    count = 0
    for record in iter_meetings(session=session, filters=MeetingFilter(sort="id")):
        digest.update(json.dumps(asdict(record), ensure_ascii=False, sort_keys=True).encode("utf-8") + b"\n")
        count += 1
    return digest.hexdigest(), count


def _is_empty(session: Session) -> bool:
    return all(session.scalar(select(func.count()).select_from(model)) == 0
               for model in (Meeting, Person, Organization))


def _copy_tables(source: Session, target: Session) -> None:
    """Every row of every table, ids kept (the target is empty)."""
    from meetings.services import search
    from meetings.services.writer import advance_sequences

    connection = target.connection()
    parents: list[dict[str, int]] = []
    tables = Base.metadata.sorted_tables
    for table in tables:
        result = source.connection().execution_options(yield_per=CHUNK).execute(select(table))
        for rows in result.mappings().partitions(CHUNK):
            batch = [dict(row) for row in rows]
            if table.name == "meetings":
                parents += [{"child": r["id"], "parent": r["parent_id"]} for r in batch if r["parent_id"]]
                for row in batch:
                    row["parent_id"] = None
            connection.execute(table.insert(), batch)
    if parents:
        from sqlalchemy import bindparam

        meetings = Meeting.__table__
        connection.execute(update(meetings).where(meetings.c.id == bindparam("child"))
                           .values(parent_id=bindparam("parent")), parents)
    advance_sequences(connection, [t for t in tables if "id" in t.c and t.c.id.primary_key])
    ids = list(target.scalars(select(Meeting.id)))
    search.refresh(target, ids)


def _merge(source: Session, target: Session) -> tuple[int, int]:
    """Source meetings into a target that has records: duplicates skipped, people's aliases and
    organizations' members merged by key."""
    from meetings.services import shared
    from meetings.services.importer import Importer
    from meetings.services.queries import iter_meetings
    from meetings.services.readers import Item

    importer = Importer(target)
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
    for name in source.scalars(select(PersonName)):
        person = shared.find_person(target, name.person.name)
        if person is not None and shared.find_person(target, name.name) is None:
            person.names.append(PersonName(name=name.name, key=name.key))
    return report.added, report.skipped


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
