"""A meeting as a mapping: the shape of the fixture format, of the editor (`edit --editor`) and of
a JSON record. Reading one checks every key and type and names the place of what it refuses."""

from __future__ import annotations

import functools
from typing import Any

from meetings.errors import InvalidInput
from meetings.fields import (
    ATTENDEE_KEYS,
    MEETING_FIELDS,
    SOURCE_KEYS,
    AttendeeRecord,
    Kind,
    MeetingRecord,
    SourceRecord,
)

# A meeting's fixture keys, and "key": the name other meetings of the file give it in sideline_of.
MEETING_KEYS = {f.fixture for f in MEETING_FIELDS if f.fixture} | {"key"}
ATTENDEE_FIELDS = set(ATTENDEE_KEYS)
SOURCE_FIELDS = set(SOURCE_KEYS)


def checked(value: Any, where: str, allowed: set[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise InvalidInput(where, "expected a mapping")
    unknown = set(value) - allowed
    if unknown:
        raise InvalidInput(where, f"unknown field {sorted(unknown)[0]!r}; accepted: {', '.join(sorted(allowed))}")
    return value


def text_or_none(value: Any, where: str = "value") -> str | None:
    """A value written as text. Only what JSON import accepts is accepted, whatever the format:
    a number, a true/false or a list where text belongs is refused (`title: 5` is not the title
    "5", and `date: 2024` is not the year until it is quoted, as in JSON)."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list | dict):
        kind = "a list" if isinstance(value, list) else "a mapping"
        raise InvalidInput(where, f"expected text, got {kind} ({str(value)[:60]})")
    kind = {bool: "true/false", int: "a number", float: "a number"}.get(type(value), type(value).__name__)
    raise InvalidInput(where, f"expected text, got {kind} ({str(value)[:60]}); in YAML, put it in quotes")


def load_yaml(text: str) -> Any:
    """YAML as every format reads it: safe types only, and a date stays the text it was written
    as (`date: 2023-04-28` reads as JSON's "2023-04-28", never as a date object)."""
    import yaml

    return yaml.load(text, Loader=_text_dates_loader())  # a SafeLoader subclass: safe types only


def dump_yaml(document: Any, *, width: int = 80) -> str:
    """YAML as every command writes it (safe types, Unicode as written, keys in their order), through
    libyaml's emitter where PyYAML has it: the same text as the pure-Python one, about 4.7 times
    faster (compared on every corpus draft, with and without evidence)."""
    import yaml

    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return str(yaml.dump(document, Dumper=dumper, allow_unicode=True, sort_keys=False, width=width))


@functools.cache
def _text_dates_loader() -> Any:
    import yaml

    class TextDates(yaml.SafeLoader):
        pass

    TextDates.yaml_implicit_resolvers = {
        first: [(tag, pattern) for tag, pattern in resolvers if tag != "tag:yaml.org,2002:timestamp"]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    return TextDates


def meeting_from_mapping(item: Any, where: str, *, sources: dict[str, SourceRecord] | None = None,
                         ids_by_key: dict[str, int] | None = None) -> MeetingRecord:
    """A meeting written as a mapping (fixture, editor, JSON) as the input that records it.

    Sources are mappings ({reference, publisher, published}), plain references, or keys of
    `sources`; `sideline_of` is a meeting id, or a key of `ids_by_key`.
    """
    item = checked(item, where, MEETING_KEYS)
    attendees = []
    for i, attendee in enumerate(item.get("attendees") or []):
        attendee = checked(attendee, f"{where}.attendees[{i}]", ATTENDEE_FIELDS)
        for flag in ("host", "chair"):
            if not isinstance(attendee.get(flag, False), bool):
                raise InvalidInput(f"{where}.attendees[{i}].{flag}", "use true or false")
        values: dict[str, Any] = {k: (v if k in {"host", "chair"} else text_or_none(v, f"{where}.attendees[{i}].{k}"))
                                  for k, v in attendee.items()}
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
            source = checked(source, f"{where}.sources[{i}]", SOURCE_FIELDS)
            place = f"{where}.sources[{i}]"
            source_inputs.append(SourceRecord(reference=text_or_none(source.get("reference"), place) or "",
                                             publisher=text_or_none(source.get("publisher"), place),
                                             published=text_or_none(source.get("published"), place)))
        elif sources is not None and str(source) in sources:
            source_inputs.append(sources[str(source)])
        elif sources is not None:
            raise InvalidInput(f"{where}.sources", f"{source!r} is not the key of a source in this file")
        else:
            source_inputs.append(SourceRecord(reference=text_or_none(source, f"{where}.sources[{i}]") or ""))
    topics = item.get("topics") or []
    if not isinstance(topics, list):
        raise InvalidInput(f"{where}.topics", "expected a list of topics")
    for i, topic in enumerate(topics):
        if text_or_none(topic, f"{where}.topics[{i}]") is None:
            raise InvalidInput(f"{where}.topics[{i}]", "expected text, got null")
    text: dict[str, Any] = {f.name: text_or_none(item.get(f.fixture), f"{where}.{f.fixture}")
                            for f in MEETING_FIELDS
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
