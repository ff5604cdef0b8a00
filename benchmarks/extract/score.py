"""Quality of `meetings extract` on report texts written for it, each with the records a careful
reader would make of it (``NAME.txt`` and ``NAME.expected.yaml``, in ``texts/`` and ``heldout/``).

    python benchmarks/extract/score.py             # the development texts
    python benchmarks/extract/score.py --heldout   # and, once per round, the held-out texts

Prints, per text and overall, attendee-level precision and recall (a match is the same person,
by normalized name, and the same country) and meeting-level recall (an expected meeting counts
as found when one extracted meeting holds all of its attendees).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from meetings.countries import resolve_country  # noqa: E402
from meetings.extract import _person_key, extract  # noqa: E402


def people(meeting: dict) -> Counter:
    return Counter((_person_key(a["name"]), resolve_country(a["country"]).code)
                   for a in meeting.get("attendees") or [] if a.get("name") and a.get("country"))


def score(text_path: Path) -> dict[str, float]:
    expected = yaml.safe_load(text_path.with_name(text_path.stem + ".expected.yaml").read_text(encoding="utf-8"))
    draft = extract(text_path.read_text(encoding="utf-8")).as_fixture()
    got_meetings = [people(m) for m in draft["meetings"]]
    want_meetings = [people(m) for m in expected["meetings"]]
    got = sum(got_meetings, Counter())
    want = sum(want_meetings, Counter())
    matched = sum((got & want).values())
    found = sum(1 for w in want_meetings if any(not (w - g) for g in got_meetings))
    return {"extracted": sum(got.values()), "expected": sum(want.values()), "matched": matched,
            "meetings_expected": len(want_meetings), "meetings_found": found}


def report(folder: str) -> None:
    rows = [(path.stem, score(path)) for path in sorted((HERE / folder).glob("*.txt"))]
    total = {k: sum(r[k] for _, r in rows) for k in rows[0][1]}
    print(f"{folder + '/':<20} {'precision':>9} {'recall':>7} {'meetings found':>15}")
    for name, r in [*rows, ("overall", total)]:
        precision = r["matched"] / r["extracted"] if r["extracted"] else 0.0
        recall = r["matched"] / r["expected"] if r["expected"] else 0.0
        print(f"{name:<20} {precision:>9.0%} {recall:>7.0%} {r['meetings_found']:>8}/{r['meetings_expected']}")


def main() -> None:
    # texts/: the reports the rules were developed on. heldout/: written afterwards and measured
    # without changing the rules for them, the honest estimate for reports never seen; it is
    # scored only when asked (--heldout), so that working on the rules does not peek at it.
    folders = ["texts", "heldout"] if "--heldout" in sys.argv[1:] else ["texts"]
    for folder in folders:
        report(folder)
        print()


if __name__ == "__main__":
    main()
