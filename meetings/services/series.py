"""What the charts draw, as plain data: meetings per period (in total, or one series per
country, pair or person), the top groups of a grouping, and the contact network.

Periods are those of `stats --by month|quarter|year|decade`: every period from the first to the
last meeting (or from --from to --to), at zero where nothing happened.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, select
from sqlalchemy.orm import aliased

from meetings.filters import MeetingFilter
from meetings.models import Attendance, Country, Meeting, Person
from meetings.services.queries import check_filters, filter_conditions
from meetings.services.stats import PERIODS, group_counts, period_key

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

SERIES = ("country", "pair", "person")


@dataclass
class Series:
    name: str
    counts: list[int]


@dataclass
class PeriodCounts:
    period: str  # month, quarter, year or decade
    periods: list[str]  # every period, oldest first
    series: list[Series] = field(default_factory=list)
    unplaced: int = 0  # meetings dated more coarsely than the period (only a year, for months)


def _unplaced(key: str) -> bool:
    return key.endswith("unknown)")


def period_counts(*, session: Session, filters: MeetingFilter, period: str, series: str | None = None,
                  top: int = 5) -> PeriodCounts:
    """Meetings per period: one series in all, or one for each of the `top` countries, pairs or
    people with the most meetings."""
    if period not in PERIODS:
        from meetings.errors import InvalidInput

        raise InvalidInput("--period", f"{period!r} is not a period; use one of {', '.join(PERIODS)}")
    totals = group_counts(session=session, filters=filters, by=period)
    periods = [g.key for g in totals if not _unplaced(g.key)]
    unplaced = sum(g.meetings for g in totals if _unplaced(g.key))
    if series is None:
        total = {g.key: g.meetings for g in totals}
        return PeriodCounts(period, periods, [Series("All meetings", [total[p] for p in periods])], unplaced)
    dated = _series_meetings(session, filters, series)
    ranked = sorted(dated, key=lambda name: (-len(dated[name]), name))[:top]
    result = PeriodCounts(period, periods, unplaced=unplaced)
    index = {p: i for i, p in enumerate(periods)}
    for name in ranked:
        counts = [0] * len(periods)
        for start, precision in dated[name].values():
            key = period_key(period, start.year, start.month)
            if precision == "year" and period in ("month", "quarter"):
                continue  # counted in `unplaced`
            if key not in index:  # outside the totals' span: cannot happen for matching meetings
                continue
            counts[index[key]] += 1
        result.series.append(Series(name, counts))
    return result


def _series_meetings(session: Session, filters: MeetingFilter, series: str) -> dict[str, dict[int, tuple[dt.date, str]]]:
    """For each country, pair or person of the filtered meetings: its meetings' ids and dates."""
    if series not in SERIES:
        from meetings.errors import InvalidInput

        raise InvalidInput("--series", f"{series!r} is not a series; use one of {', '.join(SERIES)}")
    check_filters(session=session, filters=filters)
    ids = select(Meeting.id).where(*filter_conditions(filters, session)).scalar_subquery()
    dates = (Meeting.id, Meeting.start_date, Meeting.start_precision)
    query: Any
    if series == "country":
        query = (select(Country.name, *dates).select_from(Attendance)
                 .join(Country, Country.code == Attendance.country_code))
    elif series == "person":
        query = select(Person.name, *dates).select_from(Attendance).join(Person, Person.id == Attendance.person_id)
    else:
        first, second = aliased(Attendance), aliased(Attendance)
        one, other = aliased(Country), aliased(Country)
        query = (select(one.name + " – " + other.name, *dates).select_from(first)
                 .join(second, and_(second.meeting_id == first.meeting_id, first.country_code < second.country_code))
                 .join(one, one.code == first.country_code).join(other, other.code == second.country_code))
        query = query.join(Meeting, Meeting.id == first.meeting_id).where(Meeting.id.in_(ids))
    if series != "pair":
        query = query.join(Meeting, Meeting.id == Attendance.meeting_id).where(Meeting.id.in_(ids))
    found: dict[str, dict[int, tuple[dt.date, str]]] = defaultdict(dict)
    for name, meeting_id, start, precision in session.execute(query):
        found[name][meeting_id] = (start, precision)
    return found


@dataclass
class Ranked:
    key: str
    meetings: int


def top_groups(*, session: Session, filters: MeetingFilter, by: str, top: int = 15) -> list[Ranked]:
    """The `top` groups of a stats grouping (countries, counterparts, pairs, people...) by meetings."""
    return [Ranked(g.key, g.meetings) for g in group_counts(session=session, filters=filters, by=by)[:top]]


@dataclass
class Totals:
    meetings: int
    countries: int
    people: int
    first: str | None
    last: str | None


def totals(*, session: Session, filters: MeetingFilter) -> Totals:
    """How many meetings match, how many countries and people attended them, and their date span."""
    from sqlalchemy import distinct, func

    from meetings.dates import PartialDate
    from meetings.services.stats import DATED

    check_filters(session=session, filters=filters)
    ids = select(Meeting.id).where(*filter_conditions(filters, session)).scalar_subquery()
    meetings, first, last = session.execute(
        select(func.count(), func.min(DATED), func.max(DATED)).where(Meeting.id.in_(ids))).one()
    countries, people = session.execute(
        select(func.count(distinct(Attendance.country_code)), func.count(distinct(Attendance.person_id)))
        .where(Attendance.meeting_id.in_(ids))).one()
    return Totals(meetings, countries, people, PartialDate.from_sortable(first), PartialDate.from_sortable(last))
