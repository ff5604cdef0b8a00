"""Two versions of meetings side by side, in instructions rather than seconds.

    python benchmarks/compare.py OLD_PYTHON OLD_DB NEW_PYTHON NEW_DB [--calls 10]

Each PYTHON is the interpreter of an environment where one version of meetings is installed
(e.g. a checkout of an older commit with its own virtualenv), each DB an SQLite database that
version imported the same archive into (`run.py --work DIR` keeps its databases). It runs
run.py's in-process figures (the query of a 20% and a 0.5% country, `stats --by country`, the
search) and their references on the driver, under valgrind's callgrind, and prints the
instructions per call of each, and of each side's figure over its reference.

Time on a shared machine drifts by 10-30% between runs, more than the differences worth knowing
about; instruction counts do not drift, so two versions can be compared exactly. They are not
time (cache misses and I/O are not counted): the figures in the README stay the measure of speed.
Needs valgrind on PATH.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIGURES = ("query 20% country", "its reference", "query 0.5% country", "its reference ", "stats --by country",
           "its reference  ", "--search, limit 50")


def measure(database: str, calls: int) -> None:
    """The figures, each phase after a call of os.getppid(), which callgrind is told to dump before."""
    sys.path.insert(0, str(HERE))
    from run import RARE_TERM, REFERENCE_HYDRATE, REFERENCE_QUERY, REFERENCE_STATS

    from meetings.cli.options import build_filter
    from meetings.db import open_database, read_scope, session_scope
    from meetings.services.queries import find_meetings
    from meetings.services.stats import group_counts

    engine = open_database(database)
    connection = sqlite3.connect(database)

    def listing(**given):  # type: ignore[no-untyped-def]
        filters = build_filter(limit=50, **given)

        def ours() -> None:
            with read_scope(engine) as reader:
                find_meetings(session=reader, filters=filters)
        return ours

    def driver(code: str):  # type: ignore[no-untyped-def]
        def floor() -> None:
            ids = [r[0] for r in connection.execute(REFERENCE_QUERY.format(mark="?"), (code,)).fetchall()]
            for sql in REFERENCE_HYDRATE:
                connection.execute(sql.format(ids=",".join("?" * len(ids))), ids).fetchall()
        return floor

    def stats() -> None:
        with session_scope(engine) as session:
            group_counts(session=session, filters=build_filter(), by="country")

    def stats_floor() -> None:
        connection.execute(REFERENCE_STATS).fetchall()

    phases = [(listing(country=["Russia"]), calls), (driver("RU"), calls), (listing(country=["Tuvalu"]), calls),
              (driver("TV"), calls), (stats, 1), (stats_floor, 1), (listing(search=RARE_TERM), calls)]
    for work, _ in phases:
        work()  # warm: imports, caches, pages
    for work, count in phases:
        os.getppid()
        for _ in range(count):
            work()
    os.getppid()


def side(python: str, database: str, calls: int) -> list[float]:
    """Instructions per call of each figure, run by this interpreter on this database."""
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run(["valgrind", "--tool=callgrind", "--dump-before=getppid", f"--callgrind-out-file={folder}/cg",
                        python, __file__, "--measure", database, "--calls", str(calls)],
                       check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": "0"})
        parts = sorted(Path(folder).glob("cg.*"), key=lambda p: int(p.suffix[1:]))
        totals = [int(re.search(r"^summary: (\d+)", p.read_text(), re.M).group(1)) for p in parts]  # type: ignore[union-attr]
    per_phase = totals[1:1 + len(FIGURES)]  # the first part is the start-up and the warming
    counts = [calls, calls, calls, calls, 1, 1, calls]
    return [total / count for total, count in zip(per_phase, counts, strict=True)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sides", nargs="*", metavar="PYTHON DB", help="the old side's interpreter and database, then the new's")
    parser.add_argument("--calls", type=int, default=10, help="calls of each figure (stats: one)")
    parser.add_argument("--measure", metavar="DB", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        measure(args.measure, args.calls)
        return
    if len(args.sides) != 4:
        parser.error("give OLD_PYTHON OLD_DB NEW_PYTHON NEW_DB")
    if shutil.which("valgrind") is None:
        sys.exit("compare.py: valgrind is not on PATH (e.g. apt-get install valgrind)")
    old, new = args.sides[:2], args.sides[2:]
    with ThreadPoolExecutor(2) as pool:
        before, after = pool.map(lambda s: side(s[0], s[1], args.calls), (old, new))
    print(f"{'figure':24} {'old':>14} {'new':>14} {'new/old':>8}")
    for index, name in enumerate(FIGURES):
        print(f"{name:24} {before[index]:14,.0f} {after[index]:14,.0f} {after[index] / before[index]:8.3f}")
    for ours, reference, name in ((0, 1, "query 20%"), (2, 3, "query 0.5%"), (4, 5, "stats")):
        print(f"{name + ' over its reference':34} old {before[ours] / before[reference]:.2f}x"
              f"  new {after[ours] / after[reference]:.2f}x")


if __name__ == "__main__":
    main()
