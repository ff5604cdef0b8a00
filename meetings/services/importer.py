"""`meetings import` (and every other bulk write: the seed, `extract --save`, `db copy --merge`):
items read from any number of inputs are validated, classified against what is recorded,
deduplicated, written and linked a chunk at a time, inside the caller's transaction.

A record that shares a recorded meeting's date and attendees (meetings.signature) is an exact
duplicate when every field a user sees is the same: it is skipped (or updates, or refuses, by
--on-duplicate) and listed with its file and line. Otherwise it is a probable duplicate: written,
and queued for review with the first meeting it resembles (`meetings duplicates`).

The Importer's state is explicit: what it has written (signatures in a Bloom filter, ids by the
inputs' keys), the sideline links still to make, and whether the import is refused already (then
it goes on counting, and writes nothing more). Whether anything is kept is the caller's: it
commits its unit of work, or not.
"""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from meetings.errors import InvalidInput
from meetings.fields import PERSON, AttendeeRecord
from meetings.models import Meeting
from meetings.policy import OnDuplicate
from meetings.services.batches import record_origins
from meetings.services.duplicates import existing_signatures, recorded_content
from meetings.services.normal import NormalMeeting, normalize
from meetings.services.readers import Item, Note
from meetings.services.review import queue_pairs
from meetings.services.same_person import NameVariants
from meetings.services.writer import MeetingWriter
from meetings.text import match_key

ERROR_CAP = 20
CHUNK = 2000
# Once an import has added this many meetings, and at least as many as the database held before
# it, the indexes only queries read are built after its rows (MeetingWriter.defer_indexes).
DEFER_INDEXES_AFTER = 10_000
WRITTEN_CAPACITY = 10_000_000  # meetings an import can hold before its Bloom filter fills (12 MB)
LOOKUP = 500


@dataclass(frozen=True)
class ImportOptions:
    on_duplicate: OnDuplicate = OnDuplicate.SKIP
    skip_invalid: bool = False  # write the valid records; the refused ones are kept for a rejects file
    # Attendees added to every record (`--add-attendee`: the side of a meeting a register leaves
    # implicit, such as the host of a visit), unless the record names them already.
    added_attendees: tuple[AttendeeRecord, ...] = ()


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    skipped: int = 0
    rejected: int = 0
    errors: list[str] = field(default_factory=list)  # the first ERROR_CAP
    error_count: int = 0
    notes: list[str] = field(default_factory=list)
    rejects: list[Item] = field(default_factory=list)
    skips: list[tuple[Item, int | None]] = field(default_factory=list)  # exact duplicates: (item, meeting it repeats)
    probable: int = 0  # records written although they resemble a recorded meeting, queued for review

    def error(self, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < ERROR_CAP:
            self.errors.append(message)


class Importer:
    """Feed it items (from one input or several), then finish(). One per command."""

    def __init__(self, session: Session, options: ImportOptions | None = None, *, batch: int | None = None) -> None:
        from rbloom import Bloom

        self.session = session
        self.options = options or ImportOptions()
        self.batch = batch  # the import batch its added meetings record (meetings.services.batches)
        self.writer = MeetingWriter(session, index_later=True)
        self.report = ImportReport()
        # Meetings recorded before this import: only these can be duplicates from the database
        # (duplicates within the inputs are caught by `written` and the chunk's own signatures).
        self.last_before: int | None
        self.last_before, self.held_before = session.execute(select(func.max(Meeting.id), func.count(Meeting.id))).one()
        self.taken_below: set[int] = set()  # ids this import gave that are below last_before (kept file ids)
        # Signatures written, in a Bloom filter: memory stays flat however large the input. A hit
        # is confirmed against the database, so a false positive costs one query.
        self.written = Bloom(WRITTEN_CAPACITY, 0.01)
        self.ids: dict[tuple[str, Any], int] = {}  # (input, the input's key) -> meeting id
        self.links: list[tuple[int, str, Any, str]] = []  # (meeting id, input, its parent, location)
        self.refused = False
        self.chunk: list[tuple[Item, NormalMeeting]] = []
        self.pairs: list[tuple[int, int]] = []  # probable duplicates to queue: (new meeting, the one it resembles)
        self.variants = NameVariants(session)  # one person's names as a register writes them

    # Feeding ------------------------------------------------------------------------------

    def feed(self, items: Iterable[Item | Note]) -> None:
        for item in items:
            self.take(item)

    def take(self, item: Item | Note) -> None:
        if isinstance(item, Note):
            self.report.notes.append(f"{item.location}: {item.text}")
            return
        if item.error is not None or item.data is None:
            self._reject(item, item.error or "unreadable")
            return
        if self.options.added_attendees:
            item.data.attendees = with_added(item.data.attendees, self.options.added_attendees)
        try:
            normal = normalize(item.data)
        except InvalidInput as exc:
            self._reject(item, item.refusal(exc))
            return
        if item.as_published:
            normal = self._one_person_each(normal)
        self.chunk.append((item, normal))
        if len(self.chunk) >= CHUNK:
            self._flush()

    def recorded(self, item: Item, meeting_id: int) -> None:
        """Called for every item that is now a recorded meeting (added, updated, or found
        already recorded): the place to keep an item's provenance (item.location, self.batch)."""
        if item.key is not None:
            self.ids[(item.source, item.key)] = meeting_id

    def _reject(self, item: Item, message: str) -> None:
        self.report.error(f"{item.location}: {message}")
        self.report.rejected += 1
        item.error = message
        self.report.rejects.append(item)
        if not self.options.skip_invalid:
            self.refused = True

    def _one_person_each(self, normal: NormalMeeting) -> NormalMeeting:
        """The meeting with each attendee whose name is a variant of a person's (recorded, or read
        before in this import) named as that person."""
        span = (normal.start.first_day, (normal.end or normal.start).last_day)
        attendees = list(normal.attendees)
        for index, attendee in enumerate(attendees):
            if attendee.key is None or attendee.name is None or attendee.country is None or attendee.kind != PERSON:
                continue
            taken = {a.key for a in attendees if a.key and a is not attendee}
            found = self.variants.resolve(name=attendee.name, key=attendee.key, country=attendee.country.code,
                                          span=span, taken=taken)
            if found is not None:
                attendees[index] = attendee._replace(name=found[0], key=found[1])
        return dataclasses.replace(normal, attendees=tuple(attendees))

    # Classifying and writing a chunk ------------------------------------------------------

    def _flush(self) -> None:
        chunk, self.chunk = self.chunk, []
        if not chunk:
            return
        self.writer.settle()  # the last chunk's search index is written (an error in it is raised here)
        session = self.session
        existing = {} if self.last_before is None else existing_signatures(
            session, {n.start.first_day for _, n in chunk}, up_to_id=self.last_before, skip_ids=self.taken_below)
        hits = {n.start.first_day for _, n in chunk if n.signature in self.written}
        confirmed = existing_signatures(session, hits) if hits and not self.refused else {}
        contents: dict[int, Any] = {}  # recorded meetings' visible fields, read when first needed
        new: dict[Any, list[tuple[Item, NormalMeeting]]] = {}  # this chunk's new meetings, by signature
        to_add: list[tuple[Item, NormalMeeting]] = []
        again: list[tuple[Item, NormalMeeting]] = []  # exact duplicates of a new meeting of this chunk
        resembling: list[tuple[NormalMeeting, int | None]] = []  # probable duplicates (first recorded one)
        for item, normal in chunk:
            signature = normal.signature
            recorded = list(dict.fromkeys(existing.get(signature, []) + confirmed.get(signature, [])))
            same = next((mid for mid in recorded if self._content(contents, mid) == normal.content), None)
            if same is None and self.options.on_duplicate is OnDuplicate.UPDATE and item.key in recorded:
                same = item.key  # the file names the meeting it records again: the update it asks for
            if same is not None or (self.refused and normal.content in self.written):
                self._duplicate(item, same)
                continue
            siblings = new.get(signature, [])
            if any(other.content == normal.content for _, other in siblings):
                again.append((item, normal))
                continue
            if recorded or siblings or (self.refused and signature in self.written):
                resembling.append((normal, recorded[0] if recorded else None))
            to_add.append((item, normal))
            new.setdefault(signature, []).append((item, normal))
        given = self._add(to_add)
        for item, normal in again:
            self._duplicate(item, given.get(normal.content))
        for normal, first in resembling:
            self.report.probable += 1
            if first is None:  # it resembles one this chunk adds: the first of them
                first = given.get(new[normal.signature][0][1].content)
            mine = given.get(normal.content)
            if first is not None and mine is not None and first != mine:
                self.pairs.append((mine, first))

    def _content(self, contents: dict[int, Any], meeting_id: int) -> Any:
        if meeting_id not in contents:
            try:
                contents[meeting_id] = recorded_content(self.session, meeting_id)
            except InvalidInput:  # a recorded meeting today's rules would refuse is no record's twin
                contents[meeting_id] = None
        return contents[meeting_id]

    def _duplicate(self, item: Item, duplicate: int | None) -> None:
        """An item recorded already (`duplicate`: its id; None when it is a duplicate of one this
        import holds back, being refused)."""
        policy = self.options.on_duplicate
        if policy is OnDuplicate.ERROR:
            which = f"meeting {duplicate}" if duplicate is not None else "another record of this import"
            self._reject(item, f"duplicate of {which} (every field the same)")
            return
        if policy is OnDuplicate.UPDATE and duplicate is not None and not self.refused:
            from meetings.services.editing import replace_meeting

            assert item.data is not None
            replace_meeting(session=self.session, meeting_id=duplicate, data=item.data, writer=self.writer)
            self.report.updated += 1
            self._recorded(item, duplicate, written=True)
            return
        self.report.skipped += 1
        self.report.skips.append((item, duplicate))
        if duplicate is not None:
            self._recorded(item, duplicate, written=False)

    def _recorded(self, item: Item, meeting_id: int, *, written: bool) -> None:
        self.recorded(item, meeting_id)
        if written and item.parent is not None:  # a meeting skipped as recorded keeps its parent
            self.links.append((meeting_id, item.source, item.parent, item.location))

    def _add(self, to_add: list[tuple[Item, NormalMeeting]]) -> dict[Any, int]:
        """Write new meetings; returns their ids by content (none when the import is refused)."""
        for _, normal in to_add:
            self.written.add(normal.signature)
            self.written.add(normal.content)
        if self.refused:
            self.report.added += len(to_add)  # counted, not written: the import is refused anyway
            return {}
        ids = self.writer.add([n for _, n in to_add],
                              [item.key if isinstance(item.key, int) else None for item, _ in to_add])
        for (item, _), meeting_id in zip(to_add, ids, strict=True):
            self._recorded(item, meeting_id, written=True)
        self.taken_below.update(i for i in ids if i <= (self.last_before or 0))
        self.report.added += len(ids)
        if self.batch is not None:
            record_origins(self.session, self.batch, [
                (meeting_id, "<stdin>" if item.source == "-" else item.source or item.location, item.line)
                for (item, _), meeting_id in zip(to_add, ids, strict=True)])
        self.writer.start_index()  # written while the next chunk is read
        if self.report.added >= max(DEFER_INDEXES_AFTER, self.held_before):
            self.writer.defer_indexes()
        return {normal.content: meeting_id for (_, normal), meeting_id in zip(to_add, ids, strict=True)}

    # Finishing ----------------------------------------------------------------------------

    def finish(self) -> ImportReport:
        """Write what is left and link sideline meetings to their parents; the report says what
        was done (or, when refused, what would have been)."""
        self._flush()
        self.writer.restore_indexes()
        for person, alias in self.variants.aliases.values():
            self.report.notes.append(f"read {alias!r} as {person.name!r}, the same person (by name, country and "
                                     "time); the spelling is kept as an alias")
        if not self.refused and self.variants.aliases:
            self.writer.add_names([(person.key, alias) for person, alias in self.variants.aliases.values()])
        if not self.refused:
            self.writer.index()  # the search index of every meeting written, after the rows
        if not self.refused and self.links:
            self._link()
        if not self.refused and self.pairs:
            queue_pairs(self.session, self.pairs)
        return self.report

    def _link(self) -> None:
        outside = list({parent for _, source, parent, _ in self.links
                        if (source, parent) not in self.ids and isinstance(parent, int)})
        present: set[int] = set()
        for start in range(0, len(outside), LOOKUP):
            present.update(self.session.execute(
                select(Meeting.id).where(Meeting.id.in_(outside[start:start + LOOKUP]))).scalars())
        links = []
        for child, source, parent, location in self.links:
            target = self.ids.get((source, parent), parent if parent in present else None)
            if target is None or target == child:
                self.report.error(f"{location}: column 'sideline_of': there is no meeting {parent} in the file or "
                                  "the database")
                self.refused = True
                continue
            links.append((child, target))
        cycle = _cycle(links)
        if cycle is not None:
            self.report.error(f"column 'sideline_of': meetings {cycle} would each be on the sidelines of the other")
            self.refused = True
        if not self.refused:
            self.writer.link_parents(links)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for the span of an import. Records, their
    attendees and rows make no reference cycles (reference counting frees each chunk), but every
    chunk moves enough objects into the oldest generation to set off a full pass over everything
    alive (the remembered names and keys, the chunk): about a fifth of an import's CPU time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def with_added(attendees: list[AttendeeRecord], added: Iterable[AttendeeRecord]) -> list[AttendeeRecord]:
    """A record's attendees with the added ones after them, each a copy; one the record names
    already (by name, or without a name by country and role) is not added again."""
    named = {match_key(a.name) for a in attendees if a.name}
    offices = {(match_key(a.country or ""), match_key(a.role or "")) for a in attendees if not a.name}
    result = list(attendees)
    for attendee in added:
        if (match_key(attendee.name) in named if attendee.name else
                (match_key(attendee.country or ""), match_key(attendee.role or "")) in offices):
            continue
        result.append(dataclasses.replace(attendee))
    return result


def _cycle(links: list[tuple[int, int]]) -> str | None:
    parent_of = dict(links)
    for start in parent_of:
        node, path = start, [start]
        while node in parent_of:
            node = parent_of[node]
            if node == start:
                return " and ".join(str(n) for n in path)
            if node in path or len(path) > len(parent_of):
                break
            path.append(node)
    return None
