"""Counts over a filtered set of meetings, computed in SQL: by country, pair, person, topic,
organization, kind and period; the last contact with each country; and the entity listings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import String, and_, cast, distinct, func, literal_column, select
from sqlalchemy.orm import Session, aliased

from meetings.dates import PartialDate
from meetings.filters import MeetingFilter
from meetings.models import (
    Attendance,
    Country,
    Meeting,
    Organization,
    Person,
    Topic,
    meeting_topics,
)
from meetings.services.queries import check_filters, filter_conditions

GROUPINGS = ("country", "venue-country", "counterpart", "pair", "person", "topic", "org", "kind",
             "month", "quarter", "year", "decade")
PERIODS = ("month", "quarter", "year", "decade")
# A date and its precision in one sortable string ("2023-04-01month"): min and max keep both.
DATED = cast(Meeting.start_date, String) + Meeting.start_precision


@dataclass
class Group:
    key: str
    meetings: int
    first: str | None
    last: str | None


def matching(filters: MeetingFilter, session: Session):  # type: ignore[no-untyped-def]
    """The ids of the filtered meetings, as a subquery (sort, limit and offset do not apply)."""
    return select(Meeting.id).where(*filter_conditions(filters, session)).scalar_subquery()


def group_counts(*, session: Session, filters: MeetingFilter, by: str) -> list[Group]:
    check_filters(session=session, filters=filters)
    ids = matching(filters, session)
    count = func.count(distinct(Meeting.id))
    aggregates = (count, func.min(DATED), func.max(DATED))
    if by == "country":
        query = (select(Country.name, *aggregates).select_from(Attendance)
                 .join(Meeting, Meeting.id == Attendance.meeting_id)
                 .join(Country, Country.code == Attendance.country_code).group_by(Country.name))
    elif by == "venue-country":
        query = (select(Country.name, *aggregates).select_from(Meeting)
                 .join(Country, Country.code == Meeting.venue_country_code).group_by(Country.name))
    elif by == "counterpart":
        return _by_counterpart(session, filters)
    elif by == "pair":
        first, second = aliased(Attendance), aliased(Attendance)
        one, other = aliased(Country), aliased(Country)
        label = one.name + " – " + other.name
        query = (select(label, *aggregates).select_from(first)
                 .join(second, and_(second.meeting_id == first.meeting_id, first.country_code < second.country_code))
                 .join(Meeting, Meeting.id == first.meeting_id)
                 .join(one, one.code == first.country_code).join(other, other.code == second.country_code)
                 .group_by(one.name, other.name))
    elif by == "person":
        query = (select(Person.name, *aggregates).select_from(Attendance)
                 .join(Meeting, Meeting.id == Attendance.meeting_id)
                 .join(Person, Person.id == Attendance.person_id).group_by(Person.id, Person.name))
    elif by == "topic":
        query = (select(Topic.name, *aggregates).select_from(meeting_topics)
                 .join(Meeting, Meeting.id == meeting_topics.c.meeting_id)
                 .join(Topic, Topic.id == meeting_topics.c.topic_id).group_by(Topic.id, Topic.name))
    elif by == "org":
        query = (select(Organization.acronym, *aggregates).select_from(Meeting)
                 .join(Organization, Organization.id == Meeting.organization_id)
                 .group_by(Organization.id, Organization.acronym))
    elif by == "kind":
        query = select(Meeting.kind, *aggregates).group_by(Meeting.kind)
    elif by in PERIODS:
        return _by_period(session, ids, by, filters)
    else:
        from meetings.errors import InvalidInput

        raise InvalidInput("grouping", f"{by!r} is not a grouping; use one of {', '.join(GROUPINGS)}")
    query = query.where(Meeting.id.in_(ids)).order_by(count.desc(), query.selected_columns[0])
    return [Group(str(key), n, PartialDate.from_sortable(first), PartialDate.from_sortable(last)) for key, n, first, last in session.execute(query)]


def _by_counterpart(session: Session, filters: MeetingFilter) -> list[Group]:
    """Whom the principal (the people of --person, else the countries of --country and
    --any-country) met, by country: in each meeting, the countries of the other attendees, not
    the principal's own. A meeting where only the principal's side is recorded (a visit abroad)
    counts under the country it was held in, unless that is the principal's own."""
    from meetings.errors import InvalidInput
    from meetings.services.queries import principal_attendance

    principal = principal_attendance(filters)
    if principal is None:
        raise InvalidInput("grouping", "counterpart needs the principal: name them with --person or --country "
                                   "(e.g. stats --by counterpart --person Blinken)")
    rows = session.execute(
        select(Meeting.id, Meeting.start_date, Meeting.start_precision, Meeting.venue_country_code,
               Attendance.country_code, principal.label("principal"))
        .select_from(Meeting).join(Attendance, Attendance.meeting_id == Meeting.id)
        .where(Meeting.id.in_(matching(filters, session)))
        .order_by(Meeting.id)
    )
    found: dict[str, Group] = {}

    def count(meeting: list[Any]) -> None:
        _, start, precision, venue_country = meeting[0][:4]
        own = {row.country_code for row in meeting if row.principal}
        met = {row.country_code for row in meeting if row.country_code and not row.principal} - own
        if not met and venue_country and venue_country not in own:
            met = {venue_country}
        date = PartialDate.stored(start, precision).isoformat()
        for code in met:
            group = found.setdefault(code, Group(code, 0, date, date))
            group.meetings += 1
            group.first, group.last = min(group.first or date, date), max(group.last or date, date)

    meeting: list[Any] = []
    for row in rows:
        if meeting and meeting[0].id != row.id:
            count(meeting)
            meeting = []
        meeting.append(row)
    if meeting:
        count(meeting)
    names = dict(session.execute(select(Country.code, Country.name).where(Country.code.in_(list(found)))).all())
    groups = [Group(names.get(g.key, g.key), g.meetings, g.first, g.last) for g in found.values()]
    return sorted(groups, key=lambda g: (-g.meetings, g.key))


def period_key(by: str, year: int, month: int) -> str:
    """The label of the period (a PERIODS grouping) that holds the given month: 1990s, 2023, 2023-Q2, 2023-04."""
    if by == "decade":
        return f"{year // 10 * 10}s"
    if by == "year":
        return f"{year:04d}"
    if by == "month":
        return f"{year:04d}-{month:02d}"
    return f"{year:04d}-Q{(month - 1) // 3 + 1}"


def _periods(by: str, first: dt.date, last: dt.date) -> list[str]:
    """Every period from the one holding `first` to the one holding `last`, in order."""
    step = {"month": 1, "quarter": 3, "year": 12, "decade": 120}[by]
    start_month = {"month": first.month, "quarter": (first.month - 1) // 3 * 3 + 1}.get(by, 1)
    start_year = first.year // 10 * 10 if by == "decade" else first.year
    index, end = start_year * 12 + start_month - 1, last.year * 12 + last.month - 1
    keys = []
    while index <= end:
        keys.append(period_key(by, index // 12, index % 12 + 1))
        index += step
    return keys


def _by_period(session: Session, ids: Any, by: str, filters: MeetingFilter) -> list[Group]:
    """Counts per month, quarter, year or decade, oldest first, with every period between the
    first and the last (or --from and --to) listed, at zero where nothing happened. A meeting
    dated only by its year is counted under "YYYY (month unknown)" rather than under January."""
    month = func.substr(cast(Meeting.start_date, String), literal_column("1"), literal_column("7")).label("month")
    rows = session.execute(
        select(month, Meeting.start_precision, func.count(), func.min(DATED), func.max(DATED))
        .where(Meeting.id.in_(ids)).group_by(month, Meeting.start_precision)
    ).all()
    groups: dict[str, Group] = {}
    months = []
    for month, precision, n, first, last in rows:
        year, number = int(month[:4]), int(month[5:7])
        months.append(dt.date(year, number, 1))
        if precision == "year" and by in ("month", "quarter"):
            key = f"{year:04d} ({'month' if by == 'month' else 'quarter'} unknown)"
        else:
            key = period_key(by, year, number)
        group = groups.get(key)
        if group is None:
            groups[key] = Group(key, n, PartialDate.from_sortable(first), PartialDate.from_sortable(last))
        else:
            group.meetings += n
            group.first = min(group.first or "", PartialDate.from_sortable(first) or "") or None
            group.last = max(group.last or "", PartialDate.from_sortable(last) or "") or None
    lows = [d for d in (min(months, default=None), filters.date_from.first_day if filters.date_from else None) if d]
    highs = [d for d in (max(months, default=None), filters.date_to.last_day if filters.date_to else None) if d]
    if lows and highs:
        for key in _periods(by, min(lows), max(highs)):
            groups.setdefault(key, Group(key, 0, None, None))
    return [groups[k] for k in sorted(groups)]


@dataclass
class Contact:
    country: str
    meetings: int
    last: str
    days_since: int
    meeting_id: int
    title: str


def last_contacts(*, session: Session, filters: MeetingFilter, today: dt.date | None = None) -> list[Contact]:
    """For the filtered meetings (those of the country asked about), each other country met:
    how often, and when last, most recent first."""
    check_filters(session=session, filters=filters)
    own = set(filters.countries)
    rows = session.execute(
        select(Country.code, Country.name, Meeting.id, Meeting.title, Meeting.start_date, Meeting.start_precision)
        .select_from(Attendance)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .join(Country, Country.code == Attendance.country_code)
        .where(Meeting.id.in_(matching(filters, session)))
        .distinct()
        .order_by(Meeting.start_date.desc(), Meeting.id.desc())
    )
    today = today or dt.date.today()
    contacts: dict[str, Contact] = {}
    for code, name, meeting_id, title, start, precision in rows:
        if code in own:
            continue
        if code in contacts:
            contacts[code].meetings += 1
            continue
        date = PartialDate.stored(start, precision)
        contacts[code] = Contact(name, 1, date.isoformat(), (today - date.last_day).days, meeting_id, title)
    return list(contacts.values())


def countries_summary(*, session: Session) -> list[dict[str, Any]]:
    count = func.count(distinct(Attendance.meeting_id))
    rows = session.execute(
        select(Country.code, Country.name, count, func.max(DATED)).select_from(Attendance)
        .join(Country, Country.code == Attendance.country_code)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .group_by(Country.code, Country.name).order_by(count.desc(), Country.name)
    )
    return [{"code": code, "country": name, "meetings": n, "last": PartialDate.from_sortable(last)} for code, name, n, last in rows]


def topics_summary(*, session: Session) -> list[dict[str, Any]]:
    count = func.count(distinct(meeting_topics.c.meeting_id))
    rows = session.execute(
        select(Topic.name, count, func.max(DATED)).select_from(meeting_topics)
        .join(Topic, Topic.id == meeting_topics.c.topic_id)
        .join(Meeting, Meeting.id == meeting_topics.c.meeting_id)
        .group_by(Topic.id, Topic.name).order_by(count.desc(), Topic.key)
    )
    return [{"topic": name, "meetings": n, "last": PartialDate.from_sortable(last)} for name, n, last in rows]


def organizations_summary(*, session: Session) -> list[dict[str, Any]]:
    organizations = session.scalars(select(Organization).order_by(Organization.key)).all()
    counts = dict(session.execute(
        select(Meeting.organization_id, func.count()).where(Meeting.organization_id.is_not(None))
        .group_by(Meeting.organization_id)
    ).all())
    result = []
    for organization in organizations:
        members = []
        for m in sorted(organization.members, key=lambda m: (m.country.name, m.since_year or 0)):
            span = (f" {m.since_year}" if m.since_year else "") + (f"–{m.until_year}" if m.until_year else "")
            members.append({"country": m.country.name, "status": m.status, "since": m.since_year,
                            "until": m.until_year, "label": f"{m.country.name} ({m.status}{span})"})
        result.append({"acronym": organization.acronym, "name": organization.name,
                       "meetings": counts.get(organization.id, 0), "members": members})
    return result
