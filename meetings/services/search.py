"""The full-text index over title, summary, topics, people (with their aliases) and venue.

SQLite: an FTS5 table whose rowid is the meeting id. PostgreSQL: a table of tsvectors with a
GIN index, accents folded by unaccent. Every service that writes a meeting calls refresh() in
the same transaction (a bulk write marks what it writes and calls refresh_marked() once after the
rows), so the index never drifts. The same query language works on both:
words, "exact phrases", prefix*, AND, OR, NOT and parentheses.
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import select, text
from sqlalchemy.exc import DBAPIError

from meetings.db import dialect_name
from meetings.errors import InvalidInput
from meetings.fields import MEETING_FIELDS, Kind

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

TABLE = "meetings_search"
SEARCH_HINT = ('use words, "exact phrases", prefix*, AND, OR, NOT and parentheses, '
               'e.g. --search \'"G-20 summit" OR (Lavrov AND Geneva) NOT Kerry\'')

# What each searched field of the declaration contributes to a meeting's document (in SQL over
# `meetings m`): its own text, or, for the lists, the joined names.
_LISTED = {
    Kind.TOPICS: {"sqlite": "(SELECT group_concat(t.name, ' ; ') FROM meeting_topics mt JOIN topics t "
                            "ON t.id = mt.topic_id WHERE mt.meeting_id = m.id)",
                  # Each topic's name looked up by its id, not joined: PostgreSQL would hash-join
                  # every topic for every meeting (0.45 ms a meeting at 600 topics).
                  "postgresql": "(SELECT string_agg(name, ' ' ORDER BY name) FROM (SELECT (SELECT t.name FROM topics t "
                                "WHERE t.id = mt.topic_id) AS name FROM meeting_topics mt WHERE mt.meeting_id = m.id) "
                                "AS listed)"},
    # Every attendee's role and every name (the aliases too) of the person, from _PERSON_NAMES.
    Kind.ATTENDEES: {"sqlite": "(SELECT group_concat(coalesce(a.role, '') || ' ' || coalesce(pn.names, ''), ' ; ') "
                               "FROM attendances a LEFT JOIN person_text pn ON pn.person_id = a.person_id "
                               "WHERE a.meeting_id = m.id)",
                     "postgresql": "(SELECT string_agg(concat_ws(' ', a.role, (SELECT string_agg(n.name, ' ') FROM "
                                   "person_names n WHERE n.person_id = a.person_id)), ' ') FROM attendances a "
                                   "WHERE a.meeting_id = m.id)"},
}


# The order of the index's columns (and of the text in PostgreSQL's one document).
_COLUMNS = ("title", "summary", "venue", "topics", "people")


def _document(dialect: str) -> dict[str, str]:
    """Each search-index column and the SQL of its text."""
    searched = sorted((f for f in MEETING_FIELDS if f.searched),
                      key=lambda f: _COLUMNS.index(f.searched) if f.searched in _COLUMNS else len(_COLUMNS))
    return {f.searched or "": f"m.{f.column}" if f.text else _LISTED[f.kind][dialect] for f in searched}


# The meetings to re-index, gathered in a temporary table of the transaction's connection: a
# bulk write (an import) marks every meeting it writes, chunk after chunk, and the index is then
# filled in one set-based statement after the rows, in id order (FTS5 writes a run of ascending
# rowids without flushing, and PostgreSQL fills the GIN index in one pass).
PENDING = "meetings_search_pending"
# On PostgreSQL the ids are COPied in, a meeting marked twice is there twice (the statements
# read them with IN).
_CREATE_PENDING = {"sqlite": text(f"CREATE TEMPORARY TABLE IF NOT EXISTS {PENDING} (id INTEGER PRIMARY KEY)"),
                   "postgresql": text(f"CREATE TEMPORARY TABLE IF NOT EXISTS {PENDING} (id integer NOT NULL)")}


# The names of each person attending a marked meeting, gathered once per person before the
# documents (not once per attendance: 3.6 -> 1.7 s of CPU per 100k meetings of four attendees).
_PERSON_NAMES = {"sqlite": f"""WITH person_text (person_id, names) AS MATERIALIZED (
        SELECT p.id, (SELECT group_concat(n.name, ' ; ') FROM person_names n WHERE n.person_id = p.id)
        FROM people p WHERE p.id IN (SELECT a.person_id FROM attendances a
                                     WHERE a.meeting_id IN (SELECT id FROM {PENDING})))"""}


def _sqlite_insert() -> Any:
    columns = _document("sqlite")
    return text(f"""INSERT INTO {TABLE} (rowid, {', '.join(columns)})
        {_PERSON_NAMES["sqlite"]}
        SELECT m.id, {', '.join(f"coalesce({sql}, '')" for sql in columns.values())}
        FROM meetings m WHERE m.id IN (SELECT id FROM {PENDING}) ORDER BY m.id""")


def _postgres_insert(meetings: str) -> str:
    """The INSERT of the index rows of the meetings `meetings` (SQL over `m.id`) selects."""
    return f"""INSERT INTO {TABLE} (meeting_id, document)
        SELECT m.id, to_tsvector('simple', regexp_replace(unaccent(concat_ws(' ', {', '.join(_document("postgresql").values())})),
                                 '[[:punct:]]+', ' ', 'g'))
        FROM meetings m WHERE {meetings} ORDER BY m.id"""


_DELETE = {"sqlite": text(f"DELETE FROM {TABLE} WHERE rowid IN (SELECT id FROM {PENDING})"),
           "postgresql": text(f"DELETE FROM {TABLE} WHERE meeting_id IN (SELECT id FROM {PENDING})")}
# Punctuation becomes space before PostgreSQL's parser reads the text, so that "G-20",
# "U.S.-ROK" and "O'Brien" are split into words exactly as SQLite's unicode61 tokenizer splits them.
_INSERT = {"sqlite": _sqlite_insert(), "postgresql": text(_postgres_insert(f"m.id IN (SELECT id FROM {PENDING})"))}
# The index rows of meetings just added, given as an array (psycopg's placeholder).
_INSERT_NEW = _postgres_insert("m.id = ANY(%s)")


def mark(session: Session, meeting_ids: Iterable[int]) -> None:
    """Note meetings whose index rows are to be rewritten by the next refresh_marked (same transaction)."""
    rows = [(i,) for i in meeting_ids]
    dialect = dialect_name(session)
    if not rows or dialect not in _CREATE_PENDING:
        return
    session.flush()
    session.execute(_CREATE_PENDING[dialect])
    connection = session.connection()
    if dialect == "postgresql":
        settle(connection)
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        with cursor.copy(f"COPY {PENDING} (id) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        connection.exec_driver_sql(f"INSERT OR IGNORE INTO {PENDING} (id) VALUES (?)", rows)


def refresh_marked(session: Session) -> None:
    """Re-index every marked meeting (those that no longer exist are dropped from the index), in
    two statements whatever their number."""
    dialect = dialect_name(session)
    if dialect not in _INSERT:
        return
    session.flush()
    session.execute(_CREATE_PENDING[dialect])
    session.execute(_DELETE[dialect])
    if dialect == "postgresql":
        # A bulk refresh is costed high enough for PostgreSQL to compile it (JIT), which takes
        # longer than the work it speeds up (about a second): off for this one statement.
        previous = session.execute(text("SELECT current_setting('jit')")).scalar()
        session.execute(text("SELECT set_config('jit', 'off', true)"))
        session.execute(_INSERT[dialect])
        session.execute(text("SELECT set_config('jit', :previous, true)"), {"previous": previous})
    else:
        session.execute(_INSERT[dialect])
    session.execute(text(f"DROP TABLE {PENDING}"))


# A bulk write's new meetings are indexed on PostgreSQL a chunk at a time by a statement run from
# a background thread, while the writer's caller reads and checks the next chunk: the server
# builds those documents (to_tsvector, about 70 us a meeting) while Python parses records,
# instead of after it. psycopg runs one statement at a time on a connection, so those of the
# foreground wait for it; a COPY does not (its rows are sent outside psycopg's lock), so every
# COPY waits for it first (settle), as does every write that could change what it reads.
_BACKGROUND: dict[int, Future[None]] = {}  # id of the driver's connection -> its statement


@functools.cache
def _worker() -> ThreadPoolExecutor:
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="meetings-search-index")


def index_new(session: Session, meeting_ids: Sequence[int]) -> None:
    """Begin writing the index rows of meetings just added, which have none yet (PostgreSQL): in
    the background, until settle() waits for it and raises what it raised."""
    if not meeting_ids:
        return
    session.flush()
    connection = session.connection()
    settle(connection)
    driver = connection.connection.driver_connection
    _BACKGROUND[id(driver)] = _worker().submit(_insert_new, driver, [int(i) for i in meeting_ids])


def _insert_new(driver: Any, meeting_ids: list[int]) -> None:
    with driver.cursor() as cursor:
        # Not compiled (JIT): see refresh_marked.
        previous = cursor.execute("SELECT current_setting('jit'), set_config('jit', 'off', true)").fetchone()[0]
        cursor.execute(_INSERT_NEW, [meeting_ids])
        cursor.execute("SELECT set_config('jit', %s, true)", [previous])


def settle(connection: Session | Connection) -> None:
    """Wait for the index rows being written in the background on this session's or connection's
    driver connection, if any; raise what their statement raised."""
    if not _BACKGROUND:
        return
    from sqlalchemy.orm import Session

    if isinstance(connection, Session):
        connection = connection.connection()
    running = _BACKGROUND.pop(id(connection.connection.driver_connection), None)
    if running is not None:
        running.result()


def refresh(session: Session, meeting_ids: Iterable[int]) -> None:
    """Re-index these meetings (those that no longer exist are dropped from the index)."""
    ids = list(meeting_ids)
    if ids:
        mark(session, ids)
        refresh_marked(session)


def meetings_of_person(session: Session, person_id: int) -> list[int]:
    from meetings.models import Attendance

    return list(session.scalars(select(Attendance.meeting_id).where(Attendance.person_id == person_id).distinct()))


_TOKEN = re.compile(r'\s*(?:(")|(\()|(\))|([^\s"()]+))')
# Alternative spellings of a term (transliterations) are searched too, up to this many.
MOST_SPELLINGS = 16


@dataclass(frozen=True)
class Term:
    """Words to find one after another (a word, or the phrase a quoted or punctuated term spells);
    with `prefix`, the last word only starts a word."""

    words: tuple[str, ...]
    prefix: bool = False

    def spellings(self) -> list[tuple[str, ...]]:
        from meetings.transliteration import spellings

        fixed = self.words[:-1] if self.prefix else self.words
        choices = list(itertools.islice(itertools.product(*(spellings(w) for w in fixed)), MOST_SPELLINGS + 1))
        if len(choices) > MOST_SPELLINGS:
            choices = [fixed]
        return [choice + self.words[len(fixed):] for choice in choices]


def _term(text: str, prefix: bool = False) -> Term | None:
    """The words of a term as the index splits text (at anything but letters and digits), so
    "G-20", "U.S.-ROK" and "O'Brien" are the phrases g 20, u s rok and o brien on both backends."""
    from meetings.text import match_key

    prefix = prefix or text.endswith("*")
    words = tuple(match_key(text).split())
    return Term(words, prefix) if words else None


def parse(query: str) -> list[Term | str]:
    """Our search language as a list of terms and the operators "AND", "OR", "NOT" (binary: and
    not), "(" and ")", with every AND written out. Raises ValueError with the reason when the
    query cannot be read."""
    parts: list[Term | str] = []
    position, depth, expect_operand = 0, 0, True
    text_query = query.strip()

    def operator(name: str) -> None:
        nonlocal expect_operand
        if expect_operand:
            if parts and parts[-1] != "(":
                raise ValueError(f"{name} needs a word before it")
            where = "a parenthesis" if parts else "a search"
            raise ValueError(f"{where} cannot start with {name}" + (" (or -); put what to find first" if name == "NOT" else ""))
        parts.append(name)
        expect_operand = True

    while position < len(text_query):
        match = _TOKEN.match(text_query, position)
        if not match:
            break
        position = match.end()
        quote, opening, closing, word = match.groups()
        negated = False
        if quote:
            end = text_query.find('"', position)
            if end < 0:
                raise ValueError("a quote is not closed")
            phrase, position = text_query[position:end], end + 1
            starred = text_query.startswith("*", position)
            position += starred
            operand = _term(phrase, starred)
        elif opening:
            if not expect_operand:
                parts.append("AND")
            parts.append("(")
            depth += 1
            expect_operand = True
            continue
        elif closing:
            depth -= 1
            if depth < 0:
                raise ValueError("a parenthesis is closed that was not opened")
            if expect_operand:
                raise ValueError("a parenthesis is closed before a word")
            parts.append(")")
            continue
        elif word in ("AND", "OR", "NOT"):
            operator(word)
            continue
        elif word.startswith("-") and len(word) > 1:
            negated = True
            operand = _term(word[1:])
        else:
            operand = _term(word)
        if operand is None:
            continue  # only punctuation: nothing to find
        if negated:
            operator("NOT")
        elif not expect_operand:
            parts.append("AND")
        parts.append(operand)
        expect_operand = False
    if depth > 0:
        raise ValueError("a parenthesis is not closed")
    if not parts:
        raise ValueError("it has no word to look for")
    if expect_operand:
        raise ValueError(f"it ends with {parts[-1]}" if parts[-1] != "(" else "a parenthesis is empty")
    return parts


@functools.lru_cache(maxsize=256)
def to_fts5(query: str) -> str:
    """Our search language as an SQLite FTS5 query: every term a quoted phrase (remembered: a
    search is checked, costed and run with the same query)."""

    def phrase(words: tuple[str, ...], prefix: bool) -> str:
        return '"' + " ".join(words) + '"' + ("*" if prefix else "")

    return _render(query, phrase, {"AND": "AND", "OR": "OR", "NOT": "NOT"}, " OR ")


@functools.lru_cache(maxsize=256)
def to_tsquery(query: str) -> str:
    """Our search language as a PostgreSQL tsquery: phrases with <->, and & | & ! for the operators
    (remembered, as to_fts5)."""

    def phrase(words: tuple[str, ...], prefix: bool) -> str:
        quoted = [f"'{w}'" for w in words]
        if prefix:
            quoted[-1] += ":*"
        return " <-> ".join(quoted)

    return _render(query, phrase, {"AND": "&", "OR": "|", "NOT": "& !"}, " | ")


def _render(query: str, phrase: Any, operators: dict[str, str], alternative: str) -> str:
    rendered = []
    for part in parse(query):
        if isinstance(part, Term):
            choices = [phrase(words, part.prefix) for words in part.spellings()]
            rendered.append(choices[0] if len(choices) == 1 else "(" + alternative.join(f"({c})" for c in choices) + ")")
        else:
            rendered.append(operators.get(part, part))
    return " ".join(rendered)


def matching_ids(session: Session | Connection, query: str):  # type: ignore[no-untyped-def]
    """A SELECT of the ids of meetings matching a search, for use in an IN (...)."""
    from sqlalchemy import Integer

    if dialect_name(session) == "postgresql":
        return text(f"SELECT meeting_id FROM {TABLE} WHERE document @@ to_tsquery('simple', unaccent(:tsquery))"
                    ).bindparams(tsquery=to_tsquery(query)).columns(meeting_id=Integer)
    return text(f"SELECT rowid FROM {TABLE} WHERE {TABLE} MATCH :search").bindparams(
        search=to_fts5(query)).columns(rowid=Integer)


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
                                     f"LIMIT :enough)"), {"search": to_fts5(filters.search), "enough": threshold}).scalar()
    except (ValueError, DBAPIError):
        return False  # not a valid search: check_query says so
    return bool(found and found >= threshold)


def check_query(session: Session | Connection, query: str) -> None:
    """Refuse, in our words and before any output is written, a search that cannot be read."""
    if not query.strip():
        raise InvalidInput("search", f"must not be empty; {SEARCH_HINT}")
    try:
        parse(query)
        if dialect_name(session) == "sqlite":
            with session.begin_nested():
                session.execute(select(matching_ids(session, query).subquery()).limit(1)).all()
    except (ValueError, DBAPIError) as exc:
        reason = str(exc) if isinstance(exc, ValueError) else "the index cannot read it"
        raise InvalidInput("search", f"{query!r} cannot be searched: {reason}; {SEARCH_HINT}") from None
