"""The full-text index over title, summary, topics, people (with their aliases) and venue.

SQLite: an FTS5 table whose rowid is the meeting id. PostgreSQL: a table of tsvectors with a
GIN index, accents folded by unaccent. Every service that writes a meeting calls refresh() in
the same transaction, so the index never drifts. The same query language works on both:
words, "exact phrases", prefix*, AND, OR, NOT and parentheses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, select, text
from sqlalchemy.exc import DBAPIError

from meetings.db import dialect_name
from meetings.errors import InvalidInput

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

TABLE = "meetings_search"
SEARCH_HINT = 'use words, "exact phrases", prefix*, AND, OR, NOT and parentheses'

_SQLITE_DELETE = text(f"DELETE FROM {TABLE} WHERE rowid IN :ids").bindparams(bindparam("ids", expanding=True))
_SQLITE_INSERT = text(f"""
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
_POSTGRES_DELETE = text(f"DELETE FROM {TABLE} WHERE meeting_id IN :ids").bindparams(bindparam("ids", expanding=True))
_POSTGRES_INSERT = text(f"""
    INSERT INTO {TABLE} (meeting_id, document)
    SELECT m.id, to_tsvector('simple', unaccent(concat_ws(' ', m.title, m.summary, m.venue,
           (SELECT string_agg(t.name, ' ') FROM meeting_topics mt JOIN topics t ON t.id = mt.topic_id
             WHERE mt.meeting_id = m.id),
           (SELECT string_agg(concat_ws(' ', a.role,
                   (SELECT string_agg(n.name, ' ') FROM person_names n WHERE n.person_id = a.person_id)), ' ')
              FROM attendances a WHERE a.meeting_id = m.id))))
    FROM meetings m WHERE m.id IN :ids
""").bindparams(bindparam("ids", expanding=True))


def refresh(session: Session, meeting_ids: Iterable[int]) -> None:
    """Re-index these meetings (those that no longer exist are dropped from the index)."""
    ids = list(dict.fromkeys(meeting_ids))
    dialect = dialect_name(session)
    if not ids or dialect not in ("sqlite", "postgresql"):
        return
    delete, insert = (_SQLITE_DELETE, _SQLITE_INSERT) if dialect == "sqlite" else (_POSTGRES_DELETE, _POSTGRES_INSERT)
    session.flush()
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        session.execute(delete, {"ids": chunk})
        session.execute(insert, {"ids": chunk})


def meetings_of_person(session: Session, person_id: int) -> list[int]:
    from meetings.models import Attendance

    return list(session.scalars(select(Attendance.meeting_id).where(Attendance.person_id == person_id).distinct()))


_TOKEN = re.compile(r'\s*(?:(")|(\()|(\))|([^\s"()]+))')


def to_tsquery(query: str) -> str:
    """Our search language as a PostgreSQL tsquery: words and phrases are ANDed, OR and NOT
    (or a leading -) combine them, prefix* matches the start of words."""
    parts: list[str] = []
    position, depth, expect_operand = 0, 0, True
    text_query = query.strip()
    while position < len(text_query):
        match = _TOKEN.match(text_query, position)
        if not match:
            break
        position = match.end()
        quote, opening, closing, word = match.groups()
        if quote:
            end = text_query.find('"', position)
            if end < 0:
                raise ValueError("unterminated string")
            words = re.findall(r"\w+\*?", text_query[position:end])
            position = end + 1
            if not words:
                continue
            operand: str | None = "(" + " <-> ".join(_term(w) for w in words) + ")"
        elif opening:
            if not expect_operand:
                parts.append("&")
            parts.append("(")
            depth += 1
            continue
        elif closing:
            depth -= 1
            if depth < 0 or expect_operand:
                raise ValueError('syntax error near ")"')
            parts.append(")")
            continue
        elif word in ("AND", "OR"):
            if expect_operand:
                raise ValueError(f'syntax error near "{word}"')
            parts.append("&" if word == "AND" else "|")
            expect_operand = True
            continue
        elif word in ("NOT",) or (word.startswith("-") and len(word) > 1):
            if word == "NOT":
                if expect_operand:
                    raise ValueError('syntax error near "NOT"')
                parts.append("& !")
                expect_operand = True
                continue
            negated = _phrase(word[1:])
            operand = None if negated is None else "!" + negated
        else:
            operand = _phrase(word)
        if operand is None:
            continue
        if not expect_operand:
            parts.append("&")
        parts.append(operand)
        expect_operand = False
    if depth != 0:
        raise ValueError("unbalanced parentheses")
    if expect_operand:
        raise ValueError("a search cannot end with an operator" if parts else "nothing to search for")
    return " ".join(parts)


def _term(word: str) -> str:
    prefix = word.endswith("*")
    word = word.rstrip("*").replace("'", "''")
    return f"'{word}'" + (":*" if prefix else "")


def _phrase(word: str) -> str | None:
    words = re.findall(r"\w+\*?", word)
    if not words:
        return None
    if len(words) == 1:
        return _term(words[0])
    return "(" + " <-> ".join(_term(w) for w in words) + ")"


def matching_ids(session: Session | Connection, query: str):  # type: ignore[no-untyped-def]
    """A SELECT of the ids of meetings matching a search, for use in an IN (...)."""
    from sqlalchemy import Integer

    if dialect_name(session) == "postgresql":
        return text(f"SELECT meeting_id FROM {TABLE} WHERE document @@ to_tsquery('simple', unaccent(:tsquery))"
                    ).bindparams(tsquery=to_tsquery(query)).columns(meeting_id=Integer)
    return text(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :search").bindparams(search=query).columns(rowid=Integer)


def walk_in_date_order(session: Session | Connection, filters: Any) -> bool:
    """Whether a search under a small limit, newest or oldest first, matches so many meetings
    that walking them in date order until the limit is cheaper than sorting every match
    (SQLite; the crossing point is about sqrt(50 x meetings) matches)."""
    if (dialect_name(session) != "sqlite" or filters.limit is None or filters.limit > 1000
            or filters.sort not in ("date", "-date")):
        return False
    meetings = session.execute(text("SELECT max(rowid) FROM meetings")).scalar() or 0
    threshold = max(1000, int((50 * meetings) ** 0.5))
    try:
        found = session.execute(text(f"SELECT count(*) FROM (SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :search "
                                     f"LIMIT :enough)"), {"search": filters.search, "enough": threshold}).scalar()
    except DBAPIError:
        return False  # not a valid search: check_query says so
    return bool(found and found >= threshold)


def check_query(session: Session | Connection, query: str) -> None:
    """Refuse a search the index cannot parse, before any output is written."""
    if not query.strip():
        raise InvalidInput("--search", f"must not be empty; {SEARCH_HINT}")
    dialect = dialect_name(session)
    try:
        if dialect == "postgresql":
            to_tsquery(query)
        elif dialect == "sqlite":
            with session.begin_nested():
                session.execute(select(matching_ids(session, query).subquery()).limit(1)).all()
    except (ValueError, DBAPIError) as exc:
        detail = str(getattr(exc, "orig", exc)).removeprefix("fts5: ")
        raise InvalidInput("--search", f"{query!r} is not a valid search ({detail}); {SEARCH_HINT}") from None
