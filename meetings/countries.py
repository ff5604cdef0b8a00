"""Countries: every spelling a user types resolved to one ISO 3166 code, in one place.

ISO 3166-1 (current countries, by alpha-2 code) and ISO 3166-3 (former countries, by
their four-letter code) come from pycountry. The names people write that ISO does not
know ("Russia", "Turkey", "USSR", "Kosovo") are data in ``data/countries.json``.
A name that could be two countries ("Congo", "Korea") is refused with the candidates;
an unknown one is refused with the closest names suggested. Nothing is guessed.

Building the lookup from pycountry costs ~70 ms, paid on every command that names a
country; so the built index ships as ``data/country_index.json`` (regenerate it with
``python -m meetings.countries``; a test proves it matches the installed pycountry).
"""

from __future__ import annotations

import difflib
import functools
import json
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
    ambiguous = data["ambiguous"]
    for key in ambiguous:
        by_key.pop(key, None)
    return _Index(by_key=by_key, names=names, ambiguous=ambiguous)


def country_name(code: str) -> str:
    """The common short name a country is shown by ("Russia" for RU)."""
    return _index().names.get(code, code)


def resolve_country(text: str, *, field: str = "country") -> Country:
    """Resolve a name or code to a Country, or raise InvalidInput naming the field.

    The Country's name is its label: the common short name, with the code added where the
    name alone would be ambiguous ("Congo (CG)"), so that a written name always reads back.
    """
    code = _lookup(text, field)
    return Country(code=code, name=country_label(code))


def find_country(text: str) -> Country | None:
    """The country a name or code is exactly, or None when it is none or could be two: for
    reading running text, where most capitalized words are not countries (no suggestions made)."""
    index = _index()
    code = index.by_key.get(match_key(text or ""))
    return Country(code=code, name=country_label(code)) if code else None


def _lookup(text: str, field: str) -> str:
    index = _index()
    key = match_key(text or "")
    if not key:
        raise InvalidInput(field, f"must not be empty; use {ACCEPTED}")
    if key in index.ambiguous:
        choices = ", ".join(f"{index.names[c]} ({c})" for c in index.ambiguous[key])
        raise InvalidInput(field, f"{text.strip()!r} is ambiguous: did you mean {choices}?")
    code = index.by_key.get(key)
    if code is None and "(" in text:
        # "Siam (Thailand)", "United Kingdom (Wales)": either part may be the country.
        outer, _, inner = text.partition("(")
        for part in (inner.rstrip(") "), outer):
            code = index.by_key.get(match_key(part))
            if code:
                break
    if code is None:
        close = difflib.get_close_matches(key, index.by_key.keys(), n=6, cutoff=0.75)
        suggestions = list(dict.fromkeys(index.names[index.by_key[k]] for k in close))[:3]
        hint = f"; did you mean {', '.join(suggestions)}?" if suggestions else f"; use {ACCEPTED}"
        raise InvalidInput(field, f"unknown country {text.strip()!r}{hint}")
    return code


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
