"""Reading JSON and JSONL in the shape `list --format json` prints: an Item per meeting."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from meetings.errors import InvalidInput
from meetings.fields import (
    DAY_COLUMNS,
    MAX_ID,
    MEETING_FIELDS,
    Kind,
    MeetingRecord,
    is_id,
)
from meetings.services.readers.items import REJECT_COLUMN, Item, Note

_JSON_FIELDS = {f.json for f in MEETING_FIELDS if f.json}


_JSON_IGNORED = {*DAY_COLUMNS, REJECT_COLUMN}


_JSON_LISTS = (Kind.ATTENDEES, Kind.TOPICS, Kind.SOURCES)


_JSON_INTEGERS = (Kind.ID, Kind.MEETING)


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    keys = [k for k, _ in pairs]
    repeated = next((k for k in keys if keys.count(k) > 1), None)
    if repeated is not None:
        raise ValueError(f"the key {repeated!r} appears twice in one object")
    return dict(pairs)


def _no_constants(value: str) -> Any:
    raise ValueError(f"{value} is not a JSON value meetings accepts")


def _loads(text: str) -> Any:
    try:
        return json.loads(text, object_pairs_hook=_no_duplicate_keys, parse_constant=_no_constants)
    except RecursionError:
        raise ValueError("it is nested too deeply (a meeting is a few levels deep)") from None
    except ValueError as exc:
        if "limit" in str(exc) and "digits" in str(exc):  # Python refuses to read such a number
            raise ValueError("a number in it has more than 4300 digits; no field takes one") from None
        raise


def _json_meeting(item: Any) -> tuple[MeetingRecord, int | None]:
    from meetings.mappings import meeting_from_mapping

    if not isinstance(item, dict):
        raise InvalidInput("record", "expected an object with date, attendees, ...")
    for f in MEETING_FIELDS:
        if not f.json:
            continue
        value = item.get(f.json)
        if value is None:
            continue
        if f.kind in _JSON_INTEGERS:
            if not isinstance(value, int) or isinstance(value, bool) or not is_id(value):
                raise InvalidInput(f.json, f"expected a meeting id (a whole number from 1 to {MAX_ID}), got {value!r}")
        elif f.kind in _JSON_LISTS:
            if not isinstance(value, list):
                raise InvalidInput(f.json, f"expected a list, got {type(value).__name__}")
        elif not isinstance(value, str):
            raise InvalidInput(f.json, f"expected a string or null, got {type(value).__name__} {value!r}")
    for index, attendee in enumerate(item.get("attendees") or []):
        if not isinstance(attendee, dict):
            raise InvalidInput(f"attendees[{index}]", "expected an object with name, country, role")
        for key in ("name", "country", "role", "rank", "kind"):
            if attendee.get(key) is not None and not isinstance(attendee[key], str):
                raise InvalidInput(f"attendees[{index}].{key}", f"expected a string or null, got {attendee[key]!r}")
    for index, topic in enumerate(item.get("topics") or []):
        if not isinstance(topic, str):
            raise InvalidInput(f"topics[{index}]", f"expected a string, got {topic!r}")
    body = {k: v for k, v in item.items() if k != "id" and k not in _JSON_IGNORED}
    unknown = set(body) - _JSON_FIELDS
    if unknown:
        raise InvalidInput(sorted(unknown)[0], f"is not a field; accepted: {', '.join(sorted(_JSON_FIELDS))}")
    return meeting_from_mapping(body, "record"), item.get("id")


def read_json(text: str, *, name: str) -> Iterator[Item | Note]:
    if not text.strip():
        raise InvalidInput(name, "is empty; nothing to import")
    try:
        document = _loads(text)
    except ValueError as exc:
        raise InvalidInput(name, f"is not valid JSON: {exc}") from None
    if isinstance(document, dict) and "meetings" in document:
        document = document["meetings"]
    if not isinstance(document, list):
        raise InvalidInput(name, "expected a JSON list of meetings (as `meetings list --format json` prints)")
    if not document:
        raise InvalidInput(name, "holds no meetings; nothing to import")
    for index, item in enumerate(document):
        yield _json_item(item, f"{name}: item {index + 1}", item)


def read_jsonl(lines: Iterable[str], *, name: str, progress: Callable[[int], None] | None = None) -> Iterator[Item | Note]:
    count = 0
    for number, line in enumerate(lines, start=1):
        if progress:
            progress(len(line))
        if not line.strip():
            continue
        count += 1
        location = f"{name}:{number}"
        try:
            item = _loads(line)
        except ValueError as exc:
            yield Item(location=location, data=None, error=f"not valid JSON: {exc}", raw=line.rstrip("\n"),
                       line=number)
            continue
        found = _json_item(item, location, line.rstrip("\n"))
        found.line = number
        yield found
    if count == 0:
        raise InvalidInput(name, "is empty; nothing to import")


def _json_item(item: Any, location: str, raw: Any) -> Item:
    try:
        data, key = _json_meeting(item)
    except InvalidInput as exc:
        return Item(location=location, data=None, error=str(exc), raw=raw)
    parent, data.sideline_of = data.sideline_of, None
    return Item(location=location, data=data, raw=raw, key=key, parent=parent)
