"""`meetings db check`: what can be verified about a database without changing it."""

from __future__ import annotations

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from meetings.db import current_revision
from meetings.errors import DatabaseBusy
from meetings.models import Meeting
from meetings.schema import HEAD
from meetings.services.repair import find_orphans, search_index_drift


def run_checks(session: Session) -> list[tuple[str, bool, str]]:
    """(check, passed, detail) for each check that applies to the database's backend."""
    results: list[tuple[str, bool, str]] = []
    connection = session.connection()
    revision = current_revision(connection)
    results.append(("schema revision", revision == HEAD, f"{revision} (latest {HEAD})"))
    if connection.dialect.name == "sqlite":
        integrity = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check")]
        results.append(("integrity", integrity == ["ok"], "; ".join(integrity[:5])))
    orphans = find_orphans(session)
    results.append(("foreign keys", not orphans, "ok" if not orphans else
                    f"{len(orphans)} rows point at nothing, such as {orphans[0]}"))
    missing, extra = search_index_drift(session)
    if missing or extra:
        results.append(("search index", False, f"{missing} meetings not indexed, {extra} entries for meetings "
                                               "that do not exist"))
    elif connection.dialect.name == "sqlite":
        unverified = ""
        try:
            # FTS5's own check is run as an INSERT: it needs the write lock, and a writable file.
            connection.exec_driver_sql("INSERT INTO meetings_search(meetings_search) VALUES ('integrity-check')")
            index_ok, detail = True, "ok"
        except Exception as exc:  # noqa: BLE001 - reported, not raised
            detail = str(getattr(exc, "orig", exc)).splitlines()[0]
            lowered = detail.lower()
            if "locked" in lowered or "busy" in lowered:
                raise DatabaseBusy("the database is busy: another meetings process is writing; try again") from None
            index_ok = "readonly" in lowered or "read-only" in lowered
            unverified = " (its own consistency not verified: the database is read-only)" if index_ok else ""
        indexed = connection.execute(text("SELECT count(*) FROM meetings_search")).scalar()
        meetings = session.scalar(select(func.count()).select_from(Meeting))
        same = indexed == meetings
        results.append(("search index", index_ok and same,
                        detail if not index_ok else f"{indexed} entries for {meetings} meetings{unverified}"))
    return results
