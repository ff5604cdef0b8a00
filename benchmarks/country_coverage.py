"""How many of the country names a register writes resolve, and whether any two countries merge.

Each input is FILE:NAME_COLUMN[:ID_COLUMN]. With an id column (the publisher's own identifier
for the country, as the Office of the Historian files give it), the names are also checked
against it: the names of one id should resolve to one code ("variants alike"), and one code
should not be reached from two ids ("no two countries merged"). Departures are printed, so
that each can be judged: a former state kept apart from its successor is a decision, not a merge.

    python benchmarks/country_coverage.py travels.csv:country:country_id visits.csv:from:from_id
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections import defaultdict
from dataclasses import dataclass, field

from meetings.countries import resolve_country
from meetings.errors import InvalidInput


@dataclass
class Coverage:
    names: dict[str, str | None] = field(default_factory=dict)  # name as written -> code, or None
    ids: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))  # publisher id -> names

    @property
    def resolved(self) -> int:
        return sum(code is not None for code in self.names.values())

    def unresolved(self) -> list[str]:
        return sorted(name for name, code in self.names.items() if code is None)

    def split(self) -> dict[str, dict[str, str]]:
        """Publisher ids whose names resolve to more than one code: id -> {name: code}."""
        out = {}
        for ident, names in self.ids.items():
            codes = {name: self.names[name] for name in names if self.names[name]}
            if len(set(codes.values())) > 1:
                out[ident] = codes
        return out

    def merged(self) -> dict[str, set[str]]:
        """Codes reached from names of more than one publisher id: code -> ids."""
        reached: dict[str, set[str]] = defaultdict(set)
        for ident, names in self.ids.items():
            for name in names:
                if self.names[name]:
                    reached[self.names[name]].add(ident)
        return {code: ids for code, ids in reached.items() if len(ids) > 1}


def measure(inputs: list[tuple[str, str, str | None]]) -> Coverage:
    coverage = Coverage()
    for path, column, id_column in inputs:
        with open(path, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                name = row[column]
                if name not in coverage.names:
                    try:
                        coverage.names[name] = resolve_country(name).code
                    except InvalidInput:
                        coverage.names[name] = None
                if id_column:
                    coverage.ids[row[id_column]].add(name)
    return coverage


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="+", metavar="FILE:COLUMN[:ID_COLUMN]")
    args = parser.parse_args(argv)
    inputs = []
    for text in args.inputs:
        path, column, *rest = text.split(":")
        inputs.append((path, column, rest[0] if rest else None))
    coverage = measure(inputs)
    total = len(coverage.names)
    print(f"{coverage.resolved} of {total} distinct names resolve ({coverage.resolved / total:.1%})")
    for name in coverage.unresolved():
        print(f"  unresolved: {name!r}")
    for ident, names in sorted(coverage.split().items()):
        print(f"  one id, several codes: {ident}: " + ", ".join(f"{n!r} -> {c}" for n, c in sorted(names.items())))
    for code, ids in sorted(coverage.merged().items()):
        print(f"  one code, several ids: {code}: {', '.join(sorted(ids))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
