"""The cells of a CSV: lists joined in one cell with escapes, and formulas made inert.

One cell holds a list joined by "; " (attendees, countries, topics, sources); a backslash
escapes a literal ";" (and a "," inside an attendee's name or country), so that a joined cell
splits back exactly. Export writes cells with these functions and import reads them back with
the same ones.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from meetings.errors import InvalidInput
from meetings.fields import ORGANISATION, PERSON, AttendeeRecord

LIST_SEPARATOR = "; "
ATTENDEE_FORMAT = '"NAME, COUNTRY[, ROLE]" (for example "Sergei Shoigu, Russia, Minister of Defence")'

# A spreadsheet runs a cell that starts with one of these as a formula (OWASP: CSV injection),
# and reads the full-width and small forms of = + - @ as the characters themselves.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\ufe66", "\uff0b", "\ufe62", "\uff0d", "\ufe63",
                    "\uff20", "\ufe6b")
_FIRST_CHARACTERS = frozenset("".join(FORMULA_TRIGGERS) + "'")


def neutralize(value: Any) -> Any:
    """Make a cell inert for spreadsheets by prefixing a quote; reversed by unneutralize.

    A value that already starts with a quote before a trigger gets one more, so that
    import gives back exactly what was exported.
    """
    if (isinstance(value, str) and value and value[0] in _FIRST_CHARACTERS
            and value.lstrip("'").startswith(FORMULA_TRIGGERS)):
        return "'" + value
    return value


def neutralized(cells: Iterable[Any]) -> list[Any]:
    """A row's cells, each as neutralize gives it (the first character, which rules out almost
    every cell, checked here rather than in a call per cell)."""
    return [neutralize(c) if isinstance(c, str) and c[:1] in _FIRST_CHARACTERS else c for c in cells]


def unneutralize(value: str) -> str:
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def escape_separators(value: str, characters: str) -> str:
    """A backslash before each backslash and each of `characters` (";" or ",;")."""
    if "\\" not in value and ";" not in value and ("," not in value or characters == ";"):
        return value  # the usual case: nothing to escape
    value = value.replace("\\", "\\\\")
    for character in characters:
        value = value.replace(character, "\\" + character)
    return value


def unescape(text: str) -> str:
    """The text with each escaping backslash removed (the inverse of escape_separators)."""
    if "\\" not in text:
        return text
    out, escaped = [], False
    for character in text:
        if escaped or character != "\\":
            out.append(character)
            escaped = False
        else:
            escaped = True
    return "".join(out)


def split_unescaped(text: str, separator: str, maxsplit: int = -1) -> list[str]:
    """Split at separators that no backslash escapes; the escapes stay in the parts."""
    if "\\" not in text:
        return text.split(separator, maxsplit)  # nothing escaped: the usual case
    parts: list[str] = []
    start, escaped = 0, False
    for index, character in enumerate(text):
        if escaped:
            escaped = False
        elif character == "\\":
            escaped = True
        elif character == separator and (maxsplit < 0 or len(parts) < maxsplit):
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return parts


def join_cell(values: Iterable[str]) -> str:
    """Items joined in one cell, each escaped."""
    return LIST_SEPARATOR.join(escape_separators(value, ";") for value in values)


def split_cell(cell: str) -> list[str]:
    """The items of a joined cell ("a; b; c"), escapes still in place."""
    return [item.strip() for item in split_unescaped(cell, ";") if item.strip()]


# An organisation attendee's cell starts with this ("organisation: BAE Systems, United Kingdom");
# a person's name that starts with it is written after a backslash.
ORGANISATION_MARK = "organisation:"


def format_attendee(attendee: AttendeeRecord) -> str:
    """An attendee as "NAME, COUNTRY, ROLE", the form `meetings add --attendee` takes; an
    organisation as "organisation: NAME, COUNTRY".

    Backslashes escape a comma inside the name or country, and any semicolon, so that a
    joined cell can be split back exactly.
    """
    name = escape_separators(attendee.name or "", ",;")
    if attendee.kind == ORGANISATION:
        name = f"{ORGANISATION_MARK} {name}"
    elif name.startswith(ORGANISATION_MARK):
        name = "\\" + name
    parts = [name, escape_separators(attendee.country or "", ",;")]
    if attendee.role:
        parts.append(escape_separators(attendee.role, ";"))
    return ", ".join(parts)


def parse_attendee(text: str, *, field: str) -> AttendeeRecord:
    """Read "NAME, COUNTRY[, ROLE]" (escapes in place, as format_attendee writes it): everything
    after the second comma is the role. The name may be left empty when a role is given
    (", Russia, President"); "organisation: NAME, COUNTRY" is an organisation (its country may
    be left empty)."""
    kind = PERSON
    if text.lstrip().startswith(ORGANISATION_MARK):
        kind, text = ORGANISATION, text.lstrip()[len(ORGANISATION_MARK):]
    parts = split_unescaped(text, ",", maxsplit=2)
    if len(parts) < 2 and kind == ORGANISATION:
        parts.append("")
    if len(parts) < 2:
        raise InvalidInput(field, f"{text!r} is not {ATTENDEE_FORMAT}")
    if "\\" in text:
        parts = [unescape(part) for part in parts]
    name, country = parts[0].strip(), parts[1].strip()
    role = parts[2].strip() if len(parts) > 2 else ""
    return AttendeeRecord(name=name or None, country=country or None, role=role or None, kind=kind)
