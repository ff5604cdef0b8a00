"""The full-text index over title, summary, topics, people (with their aliases) and venue.

On SQLite it is an FTS5 table whose rowid is the meeting id. Every service that writes a
meeting calls refresh() (or remove()) in the same transaction, so the index never drifts.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import bindparam, text
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from meetings.errors import InvalidInput

TABLE = "meetings_search"
SEARCH_HINT = 'use words, "exact phrases", prefix*, AND, OR, NOT and parentheses'

_DELETE = text(f"DELETE FROM {TABLE} WHERE rowid IN :ids").bindparams(bindparam("ids", expanding=True))
_INSERT = text(f"""
    INSERT INTO {TABLE} (rowid, title, summary, topics, people, venue)
    SELECT m.id, m.title, coalesce(m.summary, ''),
           coalesce((SELECT group_concat(t.name, ' ; ') FROM meeting_topics mt
                     JOIN topics t ON t.id = mt.topic_id WHERE mt.meeting_id = m.id), ''),
           coalesce((SELECT group_concat(coalesce(a.role, '') || ' ' || coalesce(
                         (SELECT group_concat(n.name, ' ; ') FROM person_names n WHERE n.person_id = a.person_id),
                         ''), ' ; ')
                     FROM attendances a WHERE a.meeting_id = m.id), ''),
           coalesce(m.venue, '')
    FROM meetings m WHERE m.id IN :ids
""").bindparams(bindparam("ids", expanding=True))


def _supported(session: Session) -> bool:
    return session.get_bind().dialect.name == "sqlite"


def refresh(session: Session, meeting_ids: Iterable[int]) -> None:
    """Re-index these meetings (those that no longer exist are dropped from the index)."""
    ids = list(dict.fromkeys(meeting_ids))
    if not ids or not _supported(session):
        return
    session.flush()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        session.execute(_DELETE, {"ids": chunk})
        session.execute(_INSERT, {"ids": chunk})


def meetings_of_person(session: Session, person_id: int) -> list[int]:
    from sqlalchemy import select

    from meetings.models import Attendance

    return list(session.scalars(select(Attendance.meeting_id).where(Attendance.person_id == person_id).distinct()))


def matching_ids_sql() -> str:
    return f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :search"


def check_query(session: Session, query: str) -> None:
    """Refuse a search the index cannot parse, before any output is written."""
    if not query.strip():
        raise InvalidInput("--search", f"must not be empty; {SEARCH_HINT}")
    if not _supported(session):
        return
    try:
        session.execute(text(matching_ids_sql() + " LIMIT 1"), {"search": query}).all()
    except OperationalError as exc:
        detail = str(exc.orig).removeprefix("fts5: ")
        raise InvalidInput("--search", f"{query!r} is not a valid search ({detail}); {SEARCH_HINT}") from None
