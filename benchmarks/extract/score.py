"""Quality of `meetings extract` on real reports nobody here wrote (``corpus/``), each with a key
written by hand (``NAME.txt``, its URL as line 1, and ``NAME.expected.yaml``).

    python benchmarks/extract/score.py             # the development part
    python benchmarks/extract/score.py --heldout   # the held-out part, once per round
    python benchmarks/extract/score.py --folder tests/data/extract   # any folder of reports and keys

Which part a report is in is decided by its URL alone, before any result is seen: the first hex
digit of the SHA-256 of the URL, 0-a development (about two thirds), b-f held out.

Prints, per report and overall, attendee-level precision and recall and meeting-level recall:
an attendee matches when the name (folded, in any order, initials and suffixes aside) and the
country are the same; an attendee of an organization (the key gives it instead of a country) matches
one drafted without a country; a surname drafted alone ("Johnson", where the report says only "Prime
Minister Johnson") matches the key's one person of that surname and country, and a key's surname
alone the draft's one full name of that surname and country; an expected meeting is found when one drafted meeting holds all of
its attendees. Attendees without a name are left out on both sides. Then, for each missed and each
false attendee, what the extractor did with that person, and by which rule, where it can tell.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from meetings.countries import resolve_country  # noqa: E402
from meetings.errors import InvalidInput  # noqa: E402
from meetings.extract import extract, person_key  # noqa: E402

DEVELOPMENT_DIGITS = "0123456789a"
# Held-out reports used to change the rules after their measurement: development from then on.
MOVED: frozenset[str] = frozenset()


def part(url: str) -> str:
    """'development' or 'heldout', from the report's URL alone."""
    url = url.strip()
    digit = hashlib.sha256(url.encode("utf-8")).hexdigest()[0]
    return "development" if digit in DEVELOPMENT_DIGITS or url in MOVED else "heldout"


def reports(folder: Path, wanted: str | None) -> list[Path]:
    paths = sorted(folder.glob("*.txt"))
    if wanted is None:
        return paths
    return [p for p in paths if part(p.read_text(encoding="utf-8").splitlines()[0]) == wanted]


def country_key(country: str | None) -> str | None:
    """A country's ISO code; None for no country or an organization (NATO, the EU's institutions)."""
    if not country:
        return None
    try:
        return resolve_country(country).code
    except InvalidInput:
        return None


def name_key(name: str) -> str:
    return " ".join(sorted(person_key(name).split()))


def people(meeting: dict) -> Counter:
    return Counter((name_key(a["name"]), country_key(a.get("country")))
                   for a in meeting.get("attendees") or [] if a.get("name"))


def surnames_as_keyed(got: Counter, want: Counter) -> Counter:
    """A drafted surname alone ("Johnson", where the report writes only "Prime Minister Johnson")
    is the key's person of that surname and country, when the key has exactly one."""
    out: Counter = Counter()
    for (name, country), count in got.items():
        if len(name.split()) == 1:
            same = {n for n, c in want if c == country and name in n.split() and len(n.split()) > 1}
            if len(same) == 1:
                name = same.pop()
        out[(name, country)] += count
    return out


def surnames_as_drafted(want: Counter, got: Counter) -> Counter:
    """The key's surname alone ("Marles", where the text writes "Deputy Prime Minister Marles") is
    the drafted person of that surname and country, when the draft has exactly one (the full name
    the report gives elsewhere, "The Hon Richard Marles MP")."""
    out: Counter = Counter()
    for (name, country), count in want.items():
        if len(name.split()) == 1:
            same = {n for n, c in got if c == country and name in n.split() and len(n.split()) > 1}
            if len(same) == 1:
                name = same.pop()
        out[(name, country)] += count
    return out


def score(text_path: Path) -> tuple[dict[str, int], list[str]]:
    expected = yaml.safe_load(text_path.with_name(text_path.stem + ".expected.yaml").read_text(encoding="utf-8"))
    draft = extract(text_path.read_text(encoding="utf-8"))
    document = draft.as_fixture()
    got_meetings = [people(m) for m in document["meetings"]]
    want_meetings = [people(m) for m in expected.get("meetings") or []]
    want = sum(want_meetings, Counter())
    got_meetings = [surnames_as_keyed(g, want) for g in got_meetings]
    got = sum(got_meetings, Counter())
    want_meetings = [surnames_as_drafted(w, got) for w in want_meetings]
    want = sum(want_meetings, Counter())
    matched = got & want
    found = sum(1 for w in want_meetings if any(not (w - g) for g in got_meetings))
    notes = [f"missed {name} ({country or 'no country'}): {draft.explain(name)}"
             for (name, country) in sorted((want - matched).elements(), key=str)]
    notes += [f"false  {name} ({country or 'no country'}): {draft.explain(name)}"
              for (name, country) in sorted((got - matched).elements(), key=str)]
    return ({"extracted": sum(got.values()), "expected": sum(want.values()), "matched": sum(matched.values()),
             "meetings_expected": len(want_meetings), "meetings_found": found}, notes)


def figures(r: dict[str, int]) -> str:
    precision = r["matched"] / r["extracted"] if r["extracted"] else 0.0
    recall = r["matched"] / r["expected"] if r["expected"] else 0.0
    return f"{precision:>9.0%} {recall:>7.0%} {r['meetings_found']:>8}/{r['meetings_expected']}"


def report(paths: list[Path], label: str, *, why: bool) -> dict[str, int]:
    rows = [(path.stem, *score(path)) for path in paths]
    total = {k: sum(r[k] for _, r, _ in rows) for k in rows[0][1]} if rows else {}
    width = max([len(label), *(len(name) for name, _, _ in rows)]) + 1
    print(f"{label:<{width}} {'precision':>9} {'recall':>7} {'meetings found':>15}")
    for name, r, notes in rows:
        print(f"{name:<{width}} {figures(r)}")
        for note in notes if why else []:
            print(f"{'':<4}{note}")
    if total:
        print(f"{'overall (' + str(len(rows)) + ' reports)':<{width}} {figures(total)}")
    return total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--heldout", action="store_true", help="score the held-out part (once per round)")
    parser.add_argument("--folder", type=Path, help="score every report of this folder instead of the corpus")
    parser.add_argument("--quiet", action="store_true", help="figures only, without the misses and false attendees")
    args = parser.parse_args()
    if args.folder:
        report(reports(args.folder, None), f"{args.folder.name}/", why=not args.quiet)
    else:
        wanted = "heldout" if args.heldout else "development"
        report(reports(HERE / "corpus", wanted), f"corpus/ ({wanted})", why=not args.quiet)


if __name__ == "__main__":
    main()
