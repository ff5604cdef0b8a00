"""Import batches: every `meetings import` is one, its meetings remember it (and the file and line
they came from), `meetings imports` lists them and `meetings imports undo N` removes what one added.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from meetings import tables as t
from meetings.errors import InvalidInput
from meetings.fields import MAX_ID, ORIGIN_LENGTH, is_id
from meetings.services.writer import MeetingWriter, write_rows

LOOKUP = 500


def start_batch(session: Session, files: Sequence[str]) -> int:
    """A new batch for an import of these files; its counts are set by finish_batch."""
    table = t.import_batches
    now = dt.datetime.now(dt.UTC)
    return int(session.execute(insert(table).values(
        started_at=now, finished_at=now, files="\n".join(files)[:100_000],
        added=0, updated=0, skipped=0, rejected=0).returning(table.c.id)).scalar_one())


def finish_batch(session: Session, batch_id: int, *, added: int, updated: int, skipped: int, rejected: int) -> None:
    table = t.import_batches
    session.execute(update(table).where(table.c.id == batch_id).values(
        added=added, updated=updated, skipped=skipped, rejected=rejected, finished_at=dt.datetime.now(dt.UTC)))


def discard_batch(session: Session, batch_id: int) -> None:
    """Forget a batch that added and updated nothing: an import that changed nothing leaves no trace."""
    session.execute(delete(t.import_batches).where(t.import_batches.c.id == batch_id))


def record_origins(session: Session, batch_id: int, origins: Sequence[tuple[int, str, int | None]]) -> None:
    """Remember where meetings this batch added came from: (meeting id, file, line)."""
    write_rows(session.connection(), t.meeting_origins, ("meeting_id", "batch_id", "file", "line"),
               [(meeting_id, batch_id, file[:ORIGIN_LENGTH], line) for meeting_id, file, line in origins])


@dataclass(frozen=True)
class Origin:
    batch_id: int
    file: str
    line: int | None
    imported_at: dt.datetime

    def __str__(self) -> str:
        where = f"{self.file}, line {self.line}" if self.line is not None else self.file
        return f"batch {self.batch_id} ({self.imported_at:%Y-%m-%d %H:%M} UTC), {where}"


def origin_of(session: Session, meeting_id: int) -> Origin | None:
    """Which import added a meeting, from which file and line (None when it was not imported)."""
    row = session.execute(
        select(t.meeting_origins.c.batch_id, t.meeting_origins.c.file, t.meeting_origins.c.line,
               t.import_batches.c.started_at)
        .join(t.import_batches, t.import_batches.c.id == t.meeting_origins.c.batch_id)
        .where(t.meeting_origins.c.meeting_id == meeting_id)).first()
    if row is None:
        return None
    imported_at = row.started_at if row.started_at.tzinfo else row.started_at.replace(tzinfo=dt.UTC)
    return Origin(batch_id=row.batch_id, file=row.file, line=row.line, imported_at=imported_at.astimezone(dt.UTC))


def list_batches(session: Session) -> list[dict[str, Any]]:
    """Every batch, newest first: id, time, files, its counts, and whether it was undone."""
    table = t.import_batches
    rows = []
    for row in session.execute(select(table).order_by(table.c.id.desc())).mappings():
        rows.append({
            "batch": row["id"],
            "imported": _utc(row["started_at"]).strftime("%Y-%m-%d %H:%M"),
            "files": ", ".join(row["files"].splitlines()),
            "added": row["added"],
            "updated": row["updated"],
            "skipped": row["skipped"],
            "rejected": row["rejected"],
            "undone": _utc(row["undone_at"]).strftime("%Y-%m-%d %H:%M") if row["undone_at"] else "",
        })
    return rows


def _utc(moment: dt.datetime) -> dt.datetime:
    return (moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)).astimezone(dt.UTC)


@dataclass
class Undone:
    batch_id: int
    removed: int = 0
    edited: list[int] = field(default_factory=list)  # removed although edited since (with force)
    detached: list[int] = field(default_factory=list)  # meetings of other imports no longer on their sidelines


def undo_batch(*, session: Session, batch_id: int, force: bool = False) -> Undone:
    """Remove the meetings a batch added, in the caller's transaction.

    Refused when the batch does not exist or was undone, and, unless `force`, when one of its
    meetings was edited since (or another meeting is on its sidelines, and would be detached).
    """
    table = t.import_batches
    if not is_id(batch_id):
        raise InvalidInput("BATCH", f"{batch_id} is not a batch id (1 to {MAX_ID}); `meetings imports` lists them")
    row = session.execute(select(table.c.id, table.c.undone_at, table.c.finished_at).where(table.c.id == batch_id)).first()
    if row is None:
        raise InvalidInput("BATCH", f"there is no import batch {batch_id}; `meetings imports` lists them")
    if row.undone_at is not None:
        raise InvalidInput("BATCH", f"batch {batch_id} was undone already, on {_utc(row.undone_at):%Y-%m-%d %H:%M} UTC")
    origins = t.meeting_origins
    meetings = t.meetings
    ids = list(session.execute(select(origins.c.meeting_id).where(origins.c.batch_id == batch_id)
                               .order_by(origins.c.meeting_id)).scalars())
    result = Undone(batch_id=batch_id, removed=len(ids))
    chosen = set(ids)
    for start in range(0, len(ids), LOOKUP):
        chunk = ids[start:start + LOOKUP]
        result.edited += session.execute(select(meetings.c.id).where(
            meetings.c.id.in_(chunk), meetings.c.updated_at > row.finished_at)).scalars()
        result.detached += [child for child in session.execute(select(meetings.c.id).where(
            meetings.c.parent_id.in_(chunk))).scalars() if child not in chosen]
    if (result.edited or result.detached) and not force:
        reasons = []
        if result.edited:
            reasons.append(f"{_some(result.edited)} {'was' if len(result.edited) == 1 else 'were'} edited since")
        if result.detached:
            reasons.append(f"{_some(result.detached)} of other imports or records "
                           f"{'is' if len(result.detached) == 1 else 'are'} on the sidelines of its meetings")
        raise InvalidInput("BATCH", f"batch {batch_id} not undone: meeting {' and meeting '.join(reasons)}; "
                                    "nothing was changed (--force removes its meetings all the same)")
    MeetingWriter(session).remove(ids)
    session.execute(update(table).where(table.c.id == batch_id).values(undone_at=dt.datetime.now(dt.UTC)))
    return result


def _some(ids: list[int]) -> str:
    shown = ", ".join(str(i) for i in ids[:10])
    return shown + (f" and {len(ids) - 10} more" if len(ids) > 10 else "")
