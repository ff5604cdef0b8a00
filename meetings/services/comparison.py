"""Two periods side by side: which contacts (or countries, people, topics...) are new, dropped,
up or down from one period to the other."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from meetings.dates import PartialDate
from meetings.filters import MeetingFilter
from meetings.services.stats import group_counts

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

Period = tuple[PartialDate, PartialDate]  # first and last, both included
# The order rows are listed in: what changed most visibly first.
STATUSES = ("new", "up", "down", "dropped", "same")


@dataclass
class Change:
    key: str
    before: int
    after: int
    change: int
    status: str


def period_label(period: Period) -> str:
    start, end = period
    return str(start) if start == end else f"{start}..{end}"


def compare_periods(*, session: Session, filters: MeetingFilter, by: str, before: Period, after: Period) -> list[Change]:
    """Counts of the filtered meetings by `by` in each period, and how each group moved."""

    def counts(period: Period) -> dict[str, int]:
        within = dataclasses.replace(filters, date_from=period[0], date_to=period[1])
        return {g.key: g.meetings for g in group_counts(session=session, filters=within, by=by)}

    earlier, later = counts(before), counts(after)
    changes = []
    for key in earlier.keys() | later.keys():
        old, new = earlier.get(key, 0), later.get(key, 0)
        status = ("new" if not old else "dropped" if not new else "up" if new > old else "down" if new < old
                  else "same")
        changes.append(Change(key, old, new, new - old, status))
    return sorted(changes, key=lambda c: (STATUSES.index(c.status), -abs(c.change), -c.after, c.key))
