"""The fixture format: sources, organizations and meetings as one YAML (or JSON) document.

Loading is idempotent: an organization membership or a meeting already recorded
(same date, venue country and attendees) is skipped, so loading twice adds nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from meetings.errors import FileProblem, InvalidInput
from meetings.fields import SourceRecord
from meetings.mappings import SOURCE_FIELDS, checked, load_yaml, meeting_from_mapping, text_or_none
from meetings.models import MembershipStatus, OrganizationMember
from meetings.services import shared
from meetings.services.importer import Importer
from meetings.services.readers import Item


@dataclass
class LoadReport:
    meetings_added: int = 0
    meetings_skipped: int = 0
    memberships_added: int = 0


def read_fixture(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise FileProblem(f"{path}: cannot read the fixture: {exc}") from None
    return parse_fixture(text, where=str(path))


def parse_fixture(text: str, *, where: str) -> dict[str, Any]:
    """A fixture's YAML: safe types only, nested no deeper than a fixture is, a mapping."""
    import yaml

    try:
        data = load_yaml(text)
    except yaml.YAMLError as exc:
        raise InvalidInput(where, f"not valid YAML: {str(exc).splitlines()[0]}") from None
    except RecursionError:
        raise InvalidInput(where, "is nested too deeply to be a fixture (lists in lists in lists...)") from None
    if not isinstance(data, dict):
        raise InvalidInput(where, "a fixture is a mapping with sources, organizations and meetings")
    return data


def load_fixture(*, session: Session, data: dict[str, Any], importer: Importer | None = None,
                 label: str = "", source: str = "") -> LoadReport:
    """Organizations and their members are recorded here; meetings go through the importer
    (the caller's, when it gives one: then it finishes it and judges its errors). `label`
    prefixes the places errors name (a file's name and ": ")."""
    report = LoadReport()
    # "evidence" (from `meetings extract --evidence`) says where each value came from; it is not stored.
    checked(data, "fixture", {"sources", "organizations", "meetings", "evidence"})

    sources: dict[str, SourceRecord] = {}
    for index, item in enumerate(data.get("sources") or []):
        item = checked(item, f"sources[{index}]", SOURCE_FIELDS | {"key"})
        if not item.get("reference"):
            raise InvalidInput(f"sources[{index}].reference", "a URL or citation is required")
        where = f"sources[{index}]"
        reference = text_or_none(item["reference"], f"{where}.reference") or ""
        sources[str(item.get("key") or reference)] = SourceRecord(
            reference=reference, publisher=text_or_none(item.get("publisher"), f"{where}.publisher"),
            published=text_or_none(item.get("published"), f"{where}.published"),
        )

    for index, item in enumerate(data.get("organizations") or []):
        item = checked(item, f"organizations[{index}]", {"acronym", "name", "members"})
        organization = shared.organization(session, str(item.get("acronym") or ""), name=text_or_none(item.get("name"), f"organizations[{index}].name"),
                                            field=f"organizations[{index}].acronym")
        session.flush()
        for member_index, member in enumerate(item.get("members") or []):
            where = f"organizations[{index}].members[{member_index}]"
            member = checked(member, where, {"country", "status", "since", "until"})
            status = str(member.get("status") or "member")
            if status not in {s.value for s in MembershipStatus}:
                raise InvalidInput(f"{where}.status", f"{status!r}; use one of {', '.join(s.value for s in MembershipStatus)}")
            country = shared.country(session, str(member.get("country") or ""), field=f"{where}.country")
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

    own = importer is None
    importer = importer or Importer(session)
    before = (importer.report.added, importer.report.skipped)
    importer.feed(fixture_items(data.get("meetings") or [], sources, label=label, source=source))
    if own:
        importer.finish()
        if importer.report.error_count:
            where, _, detail = importer.report.errors[0].partition(": ")
            raise InvalidInput(where, detail)
    report.meetings_added = importer.report.added - before[0]
    report.meetings_skipped = importer.report.skipped - before[1]
    return report


def fixture_items(meetings: list[Any], sources: dict[str, SourceRecord], *, label: str = "",
                  source: str = "") -> Iterator[Item]:
    """The meetings of a fixture as import items: `key` is the item's key, and a sideline_of that
    is one of the file's keys is its parent there (any other is a recorded meeting's id)."""
    if not isinstance(meetings, list):
        raise InvalidInput(f"{label}meetings", "expected a list of meetings")
    keys = {str(m["key"]) for m in meetings if isinstance(m, dict) and m.get("key") is not None}
    for index, item in enumerate(meetings):
        where = f"{label}meetings[{index}]"
        parent = item.get("sideline_of") if isinstance(item, dict) else None
        in_file = parent is not None and str(parent) in keys
        try:
            data = meeting_from_mapping({**item, "sideline_of": None} if in_file else item, where, sources=sources)
        except InvalidInput as exc:
            yield Item(location=where, data=None, error=exc.message.removeprefix(where).lstrip(".: "), raw=item,
                       source=source)
            continue
        parent, data.sideline_of = (str(parent) if in_file else data.sideline_of), None
        key = item.get("key")
        yield Item(location=where, data=data, raw=item, key=None if key is None else str(key), parent=parent,
                   source=source)


