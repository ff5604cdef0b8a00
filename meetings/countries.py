"""Countries: every spelling a user types resolved to one ISO 3166 code, in one place.

ISO 3166-1 (current countries, by alpha-2 code) and ISO 3166-3 (former countries, by
their four-letter code) come from pycountry; the names registers and reports write
("St. Lucia", "Bosnia", "Congo, Democratic Republic of", in many languages) come from the
name table of ``countrynames``. Our own decisions, which win over both, are data in
``data/countries.json``: common names ISO lacks, the former names (a renamed state goes to
its current code, a dissolved or merged one keeps its ISO 3166-3 code), the ambiguous ones.
Names a user teaches (``meetings countries alias``) are consulted for what none of these
knows. A name that could be two countries ("Congo", "Korea") is refused with the
candidates; an unknown one is refused with the closest names suggested. Nothing is guessed.

Building the lookup costs far more than loading it, on every command that names a
country; so the built index ships as ``data/country_index.json`` (regenerate it with
``python -m meetings.countries``; a test proves it matches the installed pycountry and
countrynames).
"""

from __future__ import annotations

import contextlib
import functools
import json
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from meetings.errors import InvalidInput
from meetings.text import match_key

ACCEPTED = "a country name or ISO 3166 code (for example Russia, RU or RUS)"


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str


@dataclass(frozen=True)
class _Index:
    by_key: dict[str, str]
    names: dict[str, str]
    ambiguous: dict[str, list[str]]


INDEX_FILE = "country_index.json"
# countrynames' codes that are not ours: East Germany and the Netherlands Antilles by their
# ISO 3166-3 codes; Zaire is the same state as the DR Congo (renamed, not dissolved).
_COUNTRYNAMES_CODES = {"DD": "DDDE", "AN": "ANHH", "ZR": "CD"}


@functools.cache
def _index() -> _Index:
    shipped = json.loads(resources.files("meetings.data").joinpath(INDEX_FILE).read_text("utf-8"))
    return _Index(by_key=shipped["by_key"], names=shipped["names"], ambiguous=shipped["ambiguous"])


def build_index() -> _Index:
    """The lookup, built from pycountry and data/countries.json."""
    import pycountry

    data = json.loads(resources.files("meetings.data").joinpath("countries.json").read_text("utf-8"))
    by_key: dict[str, str] = {}
    names: dict[str, str] = {}

    for country in pycountry.historic_countries:
        code = country.alpha_4
        names[code] = country.name.split(",")[0]
        by_key.setdefault(match_key(country.name), code)
        by_key.setdefault(match_key(code), code)
    for country in pycountry.countries:
        code = country.alpha_2
        names[code] = getattr(country, "common_name", None) or country.name
        for spelling in (country.alpha_2, country.alpha_3, country.name,
                         getattr(country, "common_name", None), getattr(country, "official_name", None)):
            if spelling:
                by_key[match_key(spelling)] = code
    names.update(data["extra"])
    names.update(data["short_names"])
    for code, name in data["extra"].items():
        by_key[match_key(code)] = code
        by_key[match_key(name)] = code
    by_key.update(data["aliases"])
    for code, name in names.items():
        by_key.setdefault(match_key(name), code)
    for key, code in _countrynames(names, dict(by_key)).items():
        by_key.setdefault(key, code)
    ambiguous = data["ambiguous"]
    for key in ambiguous:
        by_key.pop(key, None)
    return _Index(by_key=by_key, names=names, ambiguous=ambiguous)


def _countrynames(known: Mapping[str, str], ours: Mapping[str, str]) -> dict[str, str]:
    """countrynames' table of names, by our folded key, for the codes we know.

    Only a name that shares a distinctive word with one of the country's own names is taken
    ("St. Lucia", "Bosnia", "Yemen Arab Republic"): the table also holds names in other
    languages and words that are first names in running text ("Ruslan"), which `extract`
    would take for countries. Sub-national and disputed entries (codes with a hyphen), very
    short keys (codes, which pycountry already gives), names in scripts other than Latin, and
    names the table gives to two countries are left out too.
    """
    from countrynames.data import DATA

    codes_of: dict[str, set[str]] = {}
    for key, code in ours.items():
        for word in key.split():
            codes_of.setdefault(word, set()).add(code)

    def distinctive(key: str, code: str) -> bool:
        return any(len(w) >= 4 and code in codes_of.get(w, ()) and len(codes_of[w]) <= 3 for w in key.split())

    found: dict[str, set[str]] = {}
    for source_code, spellings in DATA.items():
        code = _COUNTRYNAMES_CODES.get(source_code, source_code)
        if code not in known:
            continue
        for spelling in spellings:
            key = match_key(spelling)
            if len(key) > 3 and key.isascii() and distinctive(key, code):
                found.setdefault(key, set()).add(code)
    return {key: codes.pop() for key, codes in found.items() if len(codes) == 1}


def country_name(code: str) -> str:
    """The common short name a country is shown by ("Russia" for RU)."""
    return _index().names.get(code, code)


def resolve_country(text: str, *, field: str = "country") -> Country:
    """Resolve a name or code to a Country, or raise InvalidInput naming the field.

    The Country's name is its label: the common short name, with the code added where the
    name alone would be ambiguous ("Congo (CG)"), so that a written name always reads back.
    """
    country = _resolved.get(text)
    if country is None:
        if len(_resolved) >= RESOLVED_CAP:
            _resolved.clear()
        country = _resolved[text] = _country(_lookup(text, field))
    return country


# What each spelling resolved to, while the names in use (taught, mapped) stay the same: an
# archive names the same countries again and again. A refusal is not remembered.
RESOLVED_CAP = 4096
_resolved: dict[str, Country] = {}


@functools.cache
def _country(code: str) -> Country:
    return Country(code=code, name=country_label(code))


def find_country(text: str) -> Country | None:
    """The country a name or code is exactly, or None when it is none or could be two: for
    reading running text, where most capitalized words are not countries (no suggestions made)."""
    index = _index()
    code = index.by_key.get(match_key(text or ""))
    return Country(code=code, name=country_label(code)) if code else None


# Names taught to the database (`meetings countries alias`): a loader the command line
# registers, called only when the index does not know a name. And the names of the map
# an import was given (`import --country-map`), which win for the records of that import.
_taught_loader: Callable[[], Mapping[str, str]] | None = None
_taught: dict[str, str] | None = None
_mapped: list[Mapping[str, str]] = []


def use_taught_names(loader: Callable[[], Mapping[str, str]] | None) -> None:
    """Where the names taught to the database come from (their folded key -> code)."""
    global _taught_loader, _taught
    _taught_loader, _taught = loader, None
    _resolved.clear()


def taught_names() -> Mapping[str, str]:
    global _taught
    if _taught is None:
        _taught = dict(_taught_loader()) if _taught_loader else {}
    return _taught


@contextlib.contextmanager
def mapped_names(mapping: Mapping[str, str]) -> Iterator[None]:
    """Within the block, these names (folded key -> code) resolve as the mapping says."""
    _mapped.append(mapping)
    _resolved.clear()
    try:
        yield
    finally:
        _mapped.pop()
        _resolved.clear()


def country_names(pairs: Mapping[str, str], *, name: str) -> dict[str, str]:
    """NAME -> COUNTRY pairs (the country as a code or a name it already knows) as folded key -> code."""
    return {match_key(given): resolve_country(country, field=f"{name}: {given}").code for given, country in pairs.items()}


def read_country_map(lines: Iterator[str] | list[str], *, name: str) -> dict[str, str]:
    """A country map file: CSV rows of NAME,COUNTRY (the country as a code or a name it already
    knows), an optional `name,country` header, and # comments. Returns folded key -> code."""
    import csv

    mapping: dict[str, str] = {}
    rows = csv.reader(line for line in lines if not line.lstrip().startswith("#"))
    for number, row in enumerate(rows, start=1):
        cells = [cell.strip() for cell in row]
        if not any(cells):
            continue
        if number == 1 and [c.casefold() for c in cells] in (["name", "country"], ["name", "code"]):
            continue
        if len(cells) != 2 or not cells[0]:
            raise InvalidInput(f"{name}:{number}", f"{','.join(row)!r} is not NAME,COUNTRY (for example Somoa,WS)")
        key = match_key(cells[0])
        mapping[key] = resolve_country(cells[1], field=f"{name}:{number}").code
    return mapping


@functools.lru_cache(maxsize=1 << 12)
def index_code(text: str) -> str | None:
    """The code the shipped index gives a name (ambiguous and unknown names give None);
    remembered per spelling, since an archive names the same countries again and again."""
    index = _index()
    key = match_key(text or "")
    if not key or key in index.ambiguous:
        return None
    for candidate in _spellings(text, key):
        code = index.by_key.get(candidate)
        if code:
            return code
    return None


def _spellings(text: str, key: str) -> Iterator[str]:
    """The keys a written name may be filed under, the name as written first."""
    yield key
    # "Congo, Democratic Republic of" is "Democratic Republic of [the] Congo".
    outer, comma, inner = text.partition(",")
    inner_key = match_key(inner)
    if comma and inner_key.endswith(" of"):
        yield f"{inner_key} {match_key(outer)}"
        yield f"{inner_key} the {match_key(outer)}"
    if key.startswith("st "):
        yield f"saint {key[3:]}"
    if "(" in text:
        # "Siam (Thailand)", "United Kingdom (Wales)": either part may be the country.
        outer, _, inner = text.partition("(")
        yield match_key(inner.rstrip(") "))
        yield match_key(outer)


def _lookup(text: str, field: str) -> str:
    index = _index()
    key = match_key(text or "")
    if not key:
        raise InvalidInput(field, f"must not be empty; use {ACCEPTED}")
    for mapping in reversed(_mapped):
        if key in mapping:
            return mapping[key]
    code = index_code(text)
    if code is None:
        code = taught_names().get(key)
    if code is not None:
        return code
    if key in index.ambiguous:
        choices = ", ".join(f"{index.names[c]} ({c})" for c in index.ambiguous[key])
        raise InvalidInput(field, f"{text.strip()!r} is ambiguous: did you mean {choices}?")
    suggestions = suggest(text)
    hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else f"; use {ACCEPTED}"
    raise InvalidInput(field, f"unknown country {text.strip()!r}{hint}")


@functools.cache
def _words() -> tuple[dict[str, set[str]], set[str]]:
    """Each word of the index's names -> the codes whose names have it; and the shown names' keys."""
    index = _index()
    codes_of: dict[str, set[str]] = {}
    for key, code in index.by_key.items():
        for word in key.split():
            codes_of.setdefault(word, set()).add(code)
    return codes_of, {match_key(name) for name in index.names.values()}


def _inflection(a: str, b: str) -> bool:
    """Whether two words differ only in their last letters ("bosnian", "bosnia")."""
    shorter = min(len(a), len(b))
    if shorter < 5 or abs(len(a) - len(b)) > 2:
        return False
    common = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), shorter)
    return common >= shorter - 1


def suggest(text: str, limit: int = 3) -> list[str]:
    """The countries a name most likely meant, best first.

    Names that share words with it come first, a word weighing more the fewer countries use it
    ("Somali" in "Somali Republic" says Somalia; "Republic" says little), a country's own shown
    name before its other spellings; only then names that are spelled alike (edit distance).
    """
    import difflib

    index = _index()
    codes_of, shown = _words()
    score: dict[str, float] = {}
    for word in set(match_key(text).split()):
        if len(word) < 3:
            continue
        weight: dict[str, float] = {}
        # A word also matches its inflections ("Somali", "Somalie" -> "Somalia"), unless one
        # of them is a common word ("Republik" -> "republic"): then only itself.
        alike = [w for w in codes_of if w == word or _inflection(w, word)]
        if any(len(codes_of[w]) > 5 for w in alike):
            alike = [word] if word in codes_of else []
        for match in alike:
            for code in codes_of[match]:
                weight[code] = max(weight.get(code, 0.0), 1.0 / len(codes_of[match]))
        for code, value in weight.items():
            score[code] = score.get(code, 0.0) + value
    written = match_key(text)
    ranked = sorted(score, key=lambda c: (-score[c], match_key(index.names[c]) not in shown,
                                          -difflib.SequenceMatcher(None, written, match_key(index.names[c])).ratio()))
    top = score[ranked[0]] if ranked else 0.0
    best = [c for c in ranked if score[c] >= max(0.2, 0.75 * top)][:limit]
    if not best:
        close = (difflib.get_close_matches(match_key(text), list(shown), n=limit, cutoff=0.75)
                 or difflib.get_close_matches(match_key(text), list(index.by_key), n=limit, cutoff=0.8))
        best = list(dict.fromkeys(index.by_key[k] for k in close if k in index.by_key))
    return list(dict.fromkeys(index.names[c] for c in best))[:limit]


@functools.cache
def country_label(code: str) -> str:
    """How to write a country so that it reads well and resolves back to the same code."""
    name = country_name(code)
    try:
        if _lookup(name, "country") == code:
            return name
    except InvalidInput:
        pass
    return f"{name} ({code})"


def write_index() -> Path:
    """Regenerate data/country_index.json from the installed pycountry."""
    index = build_index()
    path = Path(__file__).parent / "data" / INDEX_FILE
    path.write_text(json.dumps({"by_key": dict(sorted(index.by_key.items())), "names": dict(sorted(index.names.items())),
                                "ambiguous": index.ambiguous}, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
    return path


if __name__ == "__main__":
    print(f"wrote {write_index()}")
