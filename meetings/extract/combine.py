"""Many reports, one draft: each report's meetings under its own source, and a meeting two
reports tell (both ministries' readouts of one call) made one meeting with both sources. Only a
certain match is merged (the same people on the same date); one that is only likely (the same
people, another or no date) is kept twice and listed, for the reader to decide."""

from __future__ import annotations

from dataclasses import dataclass, field

from meetings.extract.draft import Draft
from meetings.extract.passes import fold, same_meeting, same_people


@dataclass
class Combined:
    draft: Draft
    merged: list[tuple[str, str]] = field(default_factory=list)  # (kept meeting's key, folded meeting's key)
    doubtful: list[tuple[str, str]] = field(default_factory=list)  # pairs kept apart that may be one meeting


def combine(drafts: list[Draft]) -> Combined:
    """One draft of several reports' drafts, in order; meeting and source keys made unique per report."""
    if len(drafts) == 1:
        return Combined(draft=drafts[0])
    combined = Combined(draft=Draft(source=None, published=None, meetings=[]))
    origin: dict[int, int] = {}  # id(meeting) -> the report it came from
    for number, draft in enumerate(drafts, start=1):
        renamed = {key: f"{key}-{number}" for key in draft.references}
        keys = {meeting.key: f"r{number}-{meeting.key}" for meeting in draft.meetings}
        combined.draft.references.update({renamed[key]: value for key, value in draft.references.items()})
        combined.draft.people += draft.people
        combined.draft.skipped += draft.skipped
        for meeting in draft.meetings:
            meeting.key = keys[meeting.key]
            meeting.sideline_of = keys.get(meeting.sideline_of or "")
            meeting.sources = [renamed[key] for key in meeting.sources]
            into = next((kept for kept in combined.draft.meetings
                         if origin[id(kept)] != number and same_meeting(kept, meeting)), None)
            if into is not None:
                fold(into, meeting)
                combined.merged.append((into.key, meeting.key))
                continue
            combined.doubtful += [(kept.key, meeting.key) for kept in combined.draft.meetings
                                  if origin[id(kept)] != number and same_people(kept, meeting)]
            origin[id(meeting)] = number
            combined.draft.meetings.append(meeting)
    folded = {key: into for into, key in combined.merged}
    for meeting in combined.draft.meetings:
        meeting.sideline_of = folded.get(meeting.sideline_of or "", meeting.sideline_of)
    return combined

