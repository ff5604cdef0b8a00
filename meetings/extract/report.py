"""Reading a report: its size limit, characters no draft may hold, its source URL, its date, and
its sentences."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from meetings.errors import InvalidInput
from meetings.extract.dates import published_date, url_date

# A report is a readout, a press release or a transcript: tens of kilobytes. Above this size a
# file is not one report (a dump, a book, a log) and reading it would only take time.
MAX_REPORT_BYTES = 4 * 1024 * 1024
# Control characters (line breaks and tabs aside), bidirectional overrides and invisible format
# characters (zero-width spaces, joiners' look-alikes, byte-order marks, soft hyphens) have no
# place in a draft: they are dropped from the text before anything is read from it.
_UNWANTED = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_LINE_BREAKS = re.compile(r"\r\n?|[\x0c\u2028\u2029\x85]")
_COMMON = {"the", "and", "of", "with", "to", "on", "at", "for", "by", "from", "a", "was", "were", "is", "has",
           "his", "her", "their", "met", "held", "said", "spoke", "talks"}
BULLET = re.compile(r"^\s*(?:[-•*]|\d+[.)])\s+")
# A transcript's speaker label at the start of a line: "MINISTER PAYNE:", "Penny Wong, Foreign Minister:",
# "KOIZUMI SHINJIRO, JAPAN’S MINISTER OF DEFENSE (VIA TRANSLATOR):". Whether it names an official
# is for ``speakers.speaker``.
_LABEL_WORD = r"(?:[A-Z](?:[\w.’'-]|<DOT>)*|\([^()\n]{1,40}\)|of|for|the|and|de|van|von|bin|al)"
_LABEL = rf"{_LABEL_WORD}(?:,? {_LABEL_WORD}){{0,11}}"
SPEAKER_LABEL = re.compile(rf"^(?P<label>{_LABEL}):(?:\s|$)")


# A sentence glued to the one before it ("... Defense Secretary Austin.The two Ministers ..."): a space put back.
_GLUED = re.compile(r"(?<=[a-z]{3})(\.)([A-Z][a-z]+\s)")


@dataclass
class Report:
    source: str | None
    published: dt.date | None
    body: str


def too_large(label: str) -> InvalidInput:
    return InvalidInput(label, f"is larger than {MAX_REPORT_BYTES // (1024 * 1024)} MB; a report is a readout, "
                               "a press release or a transcript: split the file into reports")


def clean(text: str) -> str:
    """The text with line breaks made LF and tabs spaces, and every unwanted character dropped."""
    text = _LINE_BREAKS.sub("\n", text).replace("\t", " ")
    return _UNWANTED.sub("", text)


def read(text: str, *, published: dt.date | None = None, label: str = "FILE") -> Report:
    """A report's parts; refused (``InvalidInput``) if it is too large, binary, or not English."""
    if len(text) > MAX_REPORT_BYTES or len(text.encode("utf-8")) > MAX_REPORT_BYTES:
        raise too_large(label)
    if "\x00" in text:
        raise InvalidInput(label, "is not a text report (it holds NUL bytes)")
    text = _GLUED.sub(r"\1 \2", clean(text))
    lines = text.strip().splitlines()
    source = None
    if lines and re.match(r"^https?://\S+$", lines[0].strip()):
        source = lines[0].strip()
        text = "\n".join(lines[1:])
    words = re.findall(r"[^\W\d_]+", text.lower())
    if words and len({w for w in words if w in _COMMON}) < 2:
        raise InvalidInput(label, "does not read as an English report; meetings extract handles English text")
    return Report(source=source, published=published or published_date(text) or url_date(source), body=text)


_ABBREVIATIONS = re.compile(r"\b(Mr|Mrs|Ms|Mx|Dr|Gen|Lt|Col|Maj|Adm|Capt|Brig|Cmdr|Sgt|St|No|U\.S|U\.K|Sr|Jr|Hon|Rt|Prof|"
                            r"Amb|Eng|Sen|Rep|Gov|Ven|a\.m|p\.m|i\.e|e\.g|approx|vs)\.")
_MONTH_ABBREVIATION = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.(?=\s+\d)")
_BARE_MARK = re.compile(r"^(\s*[-•*](?: \d+)?)[ \t]*\n(?=\s*\S)", re.MULTILINE)
_INITIAL = re.compile(r"\b([A-Z])\.(?=\s+\(?[A-Z])")  # "H.E. Ali", "H.E. (Dr.) Ali"


def sentences(text: str) -> list[str]:
    """Sentences and list items, with abbreviations and initials kept inside."""
    protected = _INITIAL.sub(r"\1<DOT>", _MONTH_ABBREVIATION.sub(r"\1<DOT>", _ABBREVIATIONS.sub(r"\1<DOT>", text)))
    parts: list[str] = []
    # A line break ends a sentence (a headline, a dateline, a caption, page furniture: a web page's
    # lines are its paragraphs), except in text wrapped by hand, whose lines go on in lower case.
    protected = _BARE_MARK.sub(r"\1 ", protected)  # "• 1" alone on its line marks the next one
    lines = [line.strip() for line in protected.splitlines() if line.strip()]
    going_on = sum(1 for line in lines[1:] if line[:1].islower())
    breaks = r"\n\s*\n|\n" if going_on < max(3, len(lines) // 5) else \
        r"\n\s*\n|\n(?=\s*(?:[-•*]|\d+[.)])\s)|\n(?=" + _LABEL + r":\s)"
    for block in re.split(breaks, protected):
        for piece in re.split(r"(?<=[.!?])\s+(?=[“\"'(A-Z0-9])", block.strip()):
            piece = " ".join(piece.replace("<DOT>", ".").split())
            if piece:
                parts.append(piece)
    return parts
