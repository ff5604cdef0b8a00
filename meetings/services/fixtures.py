"""The fixture format: sources, organizations and meetings as one YAML (or JSON) document.

Loading is idempotent: an organization membership or a meeting already recorded
(same date, venue country and attendees) is skipped, so loading twice adds nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from meetings.errors import FileProblem, InvalidInput
from meetings.models import MembershipStatus, OrganizationMember
from meetings.services import records
from meetings.services.meetings import AttendeeInput, MeetingInput, SourceInput, add_meeting, find_duplicate

_MEETING_FIELDS = {"key", "title", "date", "end_date", "venue", "venue_country", "kind", "organization",
                   "sideline_of", "summary", "attendees", "topics", "sources"}
_ATTENDEE_FIELDS = {"name", "country", "role", "rank", "host", "chair"}


@dataclass
class LoadReport:
    meetings_added: int = 0
    meetings_skipped: int = 0
    memberships_added: int = 0


def read_fixture(path: Path) -> dict[str, Any]:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FileProblem(f"{path}: cannot read the fixture: {exc}") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise InvalidInput(str(path), f"not valid YAML: {str(exc).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise InvalidInput(str(path), "a fixture is a mapping with sources, organizations and meetings")
    return data


def _mapping(value: Any, where: str, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidInput(where, "expected a mapping")
    unknown = set(value) - allowed
    if unknown:
        raise InvalidInput(where, f"unknown field {sorted(unknown)[0]!r}; accepted: {', '.join(sorted(allowed))}")
    return value


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def load_fixture(*, session: Session, data: dict[str, Any]) -> LoadReport:
    report = LoadReport()
    _mapping(data, "fixture", {"sources", "organizations", "meetings"})

    sources: dict[str, SourceInput] = {}
    for index, item in enumerate(data.get("sources") or []):
        item = _mapping(item, f"sources[{index}]", {"key", "reference", "publisher", "published"})
        if not item.get("reference"):
            raise InvalidInput(f"sources[{index}].reference", "a URL or citation is required")
        sources[str(item.get("key") or item["reference"])] = SourceInput(
            reference=str(item["reference"]), publisher=_text(item.get("publisher")), published=_text(item.get("published"))
        )

    for index, item in enumerate(data.get("organizations") or []):
        item = _mapping(item, f"organizations[{index}]", {"acronym", "name", "members"})
        organization = records.organization(session, str(item.get("acronym") or ""), name=_text(item.get("name")),
                                            field=f"organizations[{index}].acronym")
        session.flush()
        for member_index, member in enumerate(item.get("members") or []):
            where = f"organizations[{index}].members[{member_index}]"
            member = _mapping(member, where, {"country", "status", "since", "until"})
            status = str(member.get("status") or "member")
            if status not in {s.value for s in MembershipStatus}:
                raise InvalidInput(f"{where}.status", f"{status!r}; use one of {', '.join(s.value for s in MembershipStatus)}")
            country = records.country(session, str(member.get("country") or ""), field=f"{where}.country")
            exists = session.scalar(
                select(OrganizationMember.id).where(
                    OrganizationMember.organization_id == organization.id,
                    OrganizationMember.country_code == country.code,
                    OrganizationMember.status == status,
                )
            )
            if exists is None:
                session.add(OrganizationMember(organization=organization, country=country, status=status,
                                               since_year=member.get("since"), until_year=member.get("until")))
                report.memberships_added += 1

    ids_by_key: dict[str, int] = {}
    for index, item in enumerate(data.get("meetings") or []):
        where = f"meetings[{index}]"
        item = _mapping(item, where, _MEETING_FIELDS)
        attendees = [
            AttendeeInput(**{k: (v if k in {"host", "chair"} else _text(v))
                             for k, v in _mapping(a, f"{where}.attendees[{i}]", _ATTENDEE_FIELDS).items()})
            for i, a in enumerate(item.get("attendees") or [])
        ]
        parent_key = item.get("sideline_of")
        if parent_key is not None and str(parent_key) not in ids_by_key:
            raise InvalidInput(f"{where}.sideline_of", f"{parent_key!r} is not the key of an earlier meeting in this file")
        source_keys = [str(key) for key in item.get("sources") or []]
        for key in source_keys:
            if key not in sources:
                raise InvalidInput(f"{where}.sources", f"{key!r} is not the key of a source in this file")
        meeting_input = MeetingInput(
            date=str(item.get("date") or ""),
            end_date=_text(item.get("end_date")),
            title=_text(item.get("title")),
            venue=_text(item.get("venue")),
            venue_country=_text(item.get("venue_country")),
            kind=_text(item.get("kind")),
            organization=_text(item.get("organization")),
            sideline_of=ids_by_key[str(parent_key)] if parent_key is not None else None,
            summary=_text(item.get("summary")),
            attendees=attendees,
            topics=[str(t) for t in item.get("topics") or []],
            sources=[sources[key] for key in source_keys],
        )
        savepoint = session.begin_nested()
        try:
            meeting = add_meeting(session=session, data=meeting_input)
        except InvalidInput as exc:
            raise InvalidInput(where, exc.message) from None
        duplicate = find_duplicate(session=session, meeting=meeting)
        if duplicate is None:
            savepoint.commit()
            report.meetings_added += 1
            meeting_id = meeting.id
        else:
            savepoint.rollback()
            report.meetings_skipped += 1
            meeting_id = duplicate
        if item.get("key"):
            ids_by_key[str(item["key"])] = meeting_id
    return report
