"""The review queue of probable duplicates: two meetings on the same date with the same attendees
that differ elsewhere. An import queues them (it keeps both); `meetings duplicates` shows them
side by side, `merge` makes them one, `dismiss` marks them distinct for good."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import and_, insert, or_, select, update
from sqlalchemy.orm import Session

from meetings import tables as t
from meetings.errors import InvalidInput
from meetings.fields import AttendeeRecord, MeetingRecord, SourceRecord
from meetings.services.editing import delete_meeting, get_meeting, meeting_input, replace_meeting
from meetings.services.queries import load_records
from meetings.tables import PairStatus
from meetings.text import match_key


def _ordered(a: int, b: int) -> tuple[int, int]:
    return (a, b) if a < b else (b, a)


def queue_pairs(session: Session, pairs: Iterable[tuple[int, int]]) -> int:
    """Queue pairs of meetings for review, unless reviewed or queued already; returns how many are new."""
    wanted = list(dict.fromkeys(_ordered(a, b) for a, b in pairs if a != b))
    if not wanted:
        return 0
    table = t.duplicate_pairs
    known: set[tuple[int, int]] = set()
    for start in range(0, len(wanted), 200):
        chunk = wanted[start:start + 200]
        known.update((row.first_id, row.second_id) for row in session.execute(
            select(table.c.first_id, table.c.second_id).where(
                or_(*(and_(table.c.first_id == a, table.c.second_id == b) for a, b in chunk)))))
    new = [pair for pair in wanted if pair not in known]
    if new:
        session.execute(insert(table), [{"first_id": a, "second_id": b, "status": PairStatus.QUEUED.value}
                                        for a, b in new])
    return len(new)


@dataclass(frozen=True)
class Pair:
    first: int
    second: int
    rows: list[tuple[str, str, str]]  # (field, first's value, second's value), every field shown
    differing: list[str]  # the fields whose values differ


def _shown(record: MeetingRecord) -> dict[str, str]:
    def attendee(a: AttendeeRecord) -> str:
        return ", ".join([a.name or "", a.country or ""] + ([a.role] if a.role else []))

    return {
        "date": record.date + (f" to {record.end_date}" if record.end_date else ""),
        "title": record.title or "",
        "kind": record.kind or "",
        "venue": record.venue or "",
        "venue_country": record.venue_country or "",
        "organization": record.organization or "",
        "attendees": "; ".join(attendee(a) for a in record.attendees),
        "topics": "; ".join(record.topics),
        "sources": "; ".join(s.reference for s in record.sources),
        "summary": record.summary or "",
    }


def queued_pairs(session: Session) -> list[Pair]:
    """The pairs waiting for review, oldest first, each with its meetings side by side."""
    table = t.duplicate_pairs
    pairs = []
    for first, second in session.execute(select(table.c.first_id, table.c.second_id).where(
            table.c.status == PairStatus.QUEUED.value).order_by(table.c.first_id, table.c.second_id)).all():
        left, right = (_shown(record) for record in load_records(session=session, meeting_ids=[first, second]))
        pairs.append(Pair(first=first, second=second, rows=[(name, left[name], right[name]) for name in left],
                          differing=[name for name in left if left[name] != right[name]]))
    return pairs


def dismiss(*, session: Session, first: int, second: int) -> None:
    """Mark two meetings distinct: they are never queued again."""
    for meeting_id in (first, second):
        get_meeting(session=session, meeting_id=meeting_id)
    if first == second:
        raise InvalidInput("B", "give two different meetings")
    a, b = _ordered(first, second)
    table = t.duplicate_pairs
    found = session.execute(select(table.c.status).where(table.c.first_id == a, table.c.second_id == b)).scalar()
    if found is None:
        session.execute(insert(table).values(first_id=a, second_id=b, status=PairStatus.DISTINCT.value))
    else:
        session.execute(update(table).where(table.c.first_id == a, table.c.second_id == b).values(
            status=PairStatus.DISTINCT.value))


def merge(*, session: Session, keep: int, drop: int) -> None:
    """Make two meetings one: `keep` gains every attendee, topic and source of `drop`, and each of
    its fields that is empty takes drop's value; drop's sideline meetings move to keep; drop goes."""
    if keep == drop:
        raise InvalidInput("DROP", "give two different meetings")
    kept = meeting_input(session=session, meeting_id=keep)
    dropped = meeting_input(session=session, meeting_id=drop)
    merged = _merged(kept, dropped)
    meetings = t.meetings
    # drop's sidelines (other than keep) move to keep; keep on drop's sidelines is detached from it.
    session.execute(update(meetings).where(meetings.c.parent_id == drop, meetings.c.id != keep).values(parent_id=keep))
    if merged.sideline_of == drop:
        merged.sideline_of = dropped.sideline_of if dropped.sideline_of != keep else None
    delete_meeting(session=session, meeting_id=drop)
    replace_meeting(session=session, meeting_id=keep, data=merged)


def _merged(kept: MeetingRecord, dropped: MeetingRecord) -> MeetingRecord:
    def person(a: AttendeeRecord) -> tuple[str, str]:
        return (match_key(a.name), "") if a.name else (match_key(a.country or ""), match_key(a.role or ""))

    present = {person(a) for a in kept.attendees}
    attendees = list(kept.attendees) + [a for a in dropped.attendees if person(a) not in present]
    topics = list(kept.topics) + [x for x in dropped.topics if match_key(x) not in {match_key(k) for k in kept.topics}]
    references = {s.reference for s in kept.sources}
    sources: list[SourceRecord] = list(kept.sources) + [s for s in dropped.sources if s.reference not in references]
    values = {name: getattr(kept, name) or getattr(dropped, name)
              for name in ("title", "venue", "venue_country", "organization", "summary", "end_date", "sideline_of")}
    return MeetingRecord(id=kept.id, date=kept.date, kind=kept.kind, attendees=attendees, topics=topics,
                         sources=sources, **values)
