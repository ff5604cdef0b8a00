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
from meetings.fields import (
    ATTENDEE_KEYS,
    MEETING_FIELDS,
    SOURCE_KEYS,
    AttendeeRecord,
    Kind,
    MeetingRecord,
    SourceRecord,
)
from meetings.models import MembershipStatus, OrganizationMember
from meetings.services import records
from meetings.services.meetings import add_meeting, find_duplicate

# A meeting's fixture keys, and "key": the name other meetings of the file give it in sideline_of.
_MEETING_FIELDS = {f.fixture for f in MEETING_FIELDS if f.fixture} | {"key"}
_ATTENDEE_FIELDS = set(ATTENDEE_KEYS)
_SOURCE_FIELDS = set(SOURCE_KEYS)


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
    # "evidence" (from `meetings extract --evidence`) says where each value came from; it is not stored.
    _mapping(data, "fixture", {"sources", "organizations", "meetings", "evidence"})

    sources: dict[str, SourceRecord] = {}
    for index, item in enumerate(data.get("sources") or []):
        item = _mapping(item, f"sources[{index}]", _SOURCE_FIELDS | {"key"})
        if not item.get("reference"):
            raise InvalidInput(f"sources[{index}].reference", "a URL or citation is required")
        sources[str(item.get("key") or item["reference"])] = SourceRecord(
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
        meeting_input = meeting_from_mapping(item, where, sources=sources, ids_by_key=ids_by_key)
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


def meeting_from_mapping(item: Any, where: str, *, sources: dict[str, SourceRecord] | None = None,
                         ids_by_key: dict[str, int] | None = None) -> MeetingRecord:
    """A meeting written as a mapping (fixture, editor, JSON) as the input that records it.

    Sources are mappings ({reference, publisher, published}), plain references, or keys of
    `sources`; `sideline_of` is a meeting id, or a key of `ids_by_key`.
    """
    item = _mapping(item, where, _MEETING_FIELDS)
    attendees = []
    for i, attendee in enumerate(item.get("attendees") or []):
        attendee = _mapping(attendee, f"{where}.attendees[{i}]", _ATTENDEE_FIELDS)
        for flag in ("host", "chair"):
            if not isinstance(attendee.get(flag, False), bool):
                raise InvalidInput(f"{where}.attendees[{i}].{flag}", "use true or false")
        values: dict[str, Any] = {k: (v if k in {"host", "chair"} else _text(v)) for k, v in attendee.items()}
        attendees.append(AttendeeRecord(**values))
    parent = item.get("sideline_of")
    sideline_of: int | None = None
    if parent is not None:
        if ids_by_key is not None and str(parent) in ids_by_key:
            sideline_of = ids_by_key[str(parent)]
        elif isinstance(parent, int) and not isinstance(parent, bool):
            sideline_of = parent
        else:
            raise InvalidInput(f"{where}.sideline_of", f"{parent!r} is not the id (or key) of a recorded meeting")
    source_inputs = []
    for i, source in enumerate(item.get("sources") or []):
        if isinstance(source, dict):
            source = _mapping(source, f"{where}.sources[{i}]", _SOURCE_FIELDS)
            source_inputs.append(SourceRecord(reference=str(source.get("reference") or ""),
                                             publisher=_text(source.get("publisher")),
                                             published=_text(source.get("published"))))
        elif sources is not None and str(source) in sources:
            source_inputs.append(sources[str(source)])
        elif sources is not None:
            raise InvalidInput(f"{where}.sources", f"{source!r} is not the key of a source in this file")
        else:
            source_inputs.append(SourceRecord(reference=str(source)))
    topics = item.get("topics") or []
    if not isinstance(topics, list):
        raise InvalidInput(f"{where}.topics", "expected a list of topics")
    text: dict[str, Any] = {f.name: _text(item.get(f.fixture)) for f in MEETING_FIELDS
            if f.fixture and f.kind not in (Kind.MEETING, Kind.ATTENDEES, Kind.TOPICS, Kind.SOURCES)}
    text["date"] = text.get("date") or ""
    return MeetingRecord(
        **text,
        sideline_of=sideline_of,
        attendees=attendees,
        topics=[str(t) for t in topics],
        sources=source_inputs,
    )


def meeting_to_mapping(data: MeetingRecord) -> dict[str, Any]:
    """The mapping meeting_from_mapping reads back: what the editor shows."""
    from dataclasses import asdict

    from meetings.countries import country_label, resolve_country

    def country(text: str | None) -> str | None:
        return country_label(resolve_country(text).code) if text else None

    mapping = {f.fixture: getattr(data, f.name) for f in MEETING_FIELDS if f.fixture}
    mapping["venue_country"] = country(data.venue_country)
    mapping["attendees"] = [{**asdict(a), "country": country(a.country)} for a in data.attendees]
    mapping["topics"] = list(data.topics)
    mapping["sources"] = [asdict(s) for s in data.sources]
    return mapping
