"""Text rules shared by every record: clean input, and the keys names are matched by."""

from __future__ import annotations

import functools
import re
import unicodedata

from meetings.errors import InvalidInput

# Characters that have no place in a name: C0/C1 controls, the bidirectional overrides and
# isolates that can make text display differently from what it is, and what XML cannot hold
# (lone surrogates, U+FFFE, U+FFFF and the other noncharacters), which would break a GraphML export.
_NONCHARACTERS = "\ud800-\udfff\ufdd0-\ufdef" + "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(17))
_FORBIDDEN = re.compile(f"[\\x00-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069{_NONCHARACTERS}]")
# In multi-line text (a summary) newlines and tabs are fine; the rest is still refused.
_FORBIDDEN_IN_BLOCK = re.compile(f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u202a-\\u202e\\u2066-\\u2069{_NONCHARACTERS}]")
# Invisible format characters (soft hyphen, zero-width space, word joiner, LRM/RLM/ALM, BOM) are
# dropped: "Lav\u00adrov" is "Lavrov". Zero-width (non-)joiners stay: they change Persian and Indic words.
_INVISIBLE = re.compile("[\u00ad\u061c\u180e\u200b\u200e\u200f\u2060-\u2064\ufeff]")
# What XML 1.0 cannot hold at all: C0 controls other than tab and newlines, lone surrogates and
# the noncharacters. Input refuses them, but a file edited by another tool may still hold them.
_NOT_XML = re.compile(f"[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f{_NONCHARACTERS}]")
_SPACES = re.compile(r"\s+")
# Nukta and virama (Indic scripts) change the letter, so they are kept; accents are folded.
_KEPT_MARKS = {7, 9}
_ASCII_SEPARATORS = {code: " " for code in range(128) if not chr(code).isalnum()}


def clean(value: str | None, *, field: str, max_length: int, required: bool = False,
          name: bool = False) -> str | None:
    """NFC-normalize, trim and collapse spaces; refuse control characters and overlong text.

    In a name every control character is refused; elsewhere tabs and line breaks are
    folded into single spaces like other runs of white space.
    """
    if value is None:
        if required:
            raise InvalidInput(field, "a value is required")
        return None
    if value.isascii() and value.isprintable():
        # The usual case, and the same result: no control, invisible or non-characters, nothing
        # to compose, and the only white space is the space.
        text = value.strip()
        if "  " in text:
            text = " ".join(text.split())
    else:
        if (_FORBIDDEN if name else _FORBIDDEN_IN_BLOCK).search(value.replace("\r", " ")):
            raise InvalidInput(field, "control, bidirectional-override or non-characters are not accepted")
        text = _SPACES.sub(" ", unicodedata.normalize("NFC", _INVISIBLE.sub("", value))).strip()
    if not text:
        if required:
            raise InvalidInput(field, "must not be empty")
        return None
    if len(text) > max_length:
        raise InvalidInput(field, f"at most {max_length} characters are accepted (got {len(text)})")
    return text


def clean_block(value: str | None, *, field: str, max_length: int) -> str | None:
    """Like clean() for multi-line text such as a summary: keeps newlines, drops other controls."""
    if value is None:
        return None
    if value.isascii() and value.isprintable():
        text = value.strip()  # one line of plain text (the usual case): nothing to change inside
    else:
        value = value.replace("\r\n", "\n").replace("\r", "\n")
        if _FORBIDDEN_IN_BLOCK.search(value):
            raise InvalidInput(field, "control, bidirectional-override or non-characters are not accepted")
        text = unicodedata.normalize("NFC", _INVISIBLE.sub("", value)).strip()
    if not text:
        return None
    if len(text) > max_length:
        raise InvalidInput(field, f"at most {max_length} characters are accepted (got {len(text)})")
    return text


@functools.lru_cache(maxsize=1 << 16)
def match_key(value: str) -> str:
    """The key two spellings of one name share: case, accents, punctuation and spacing folded.

    "Sergei K. Shoigu", "sergei k shoigu" and "SERGEI K SHOIGU" share one key, as do
    composed and decomposed "Zoë" and "Zoe".
    """
    if value.isascii():
        # No accents to fold: letters and digits stay (lower-cased), everything else separates words.
        return " ".join(value.translate(_ASCII_SEPARATORS).lower().split())
    decomposed = unicodedata.normalize("NFKD", value).casefold()
    kept = []
    for ch in decomposed:
        if unicodedata.combining(ch) and unicodedata.combining(ch) not in _KEPT_MARKS:
            continue  # an accent
        # Punctuation, symbols, separators and controls separate words; letters, digits and marks stay.
        kept.append(" " if unicodedata.category(ch)[0] in "PSZC" else ch)
    return _SPACES.sub(" ", "".join(kept)).strip()


def xml_safe(value: str) -> str:
    """`value` with every character XML cannot hold replaced by U+FFFD, so an export stays well-formed."""
    return _NOT_XML.sub("\ufffd", value)
