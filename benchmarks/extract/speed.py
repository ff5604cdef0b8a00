"""How long `meetings extract` takes on a large report, against the bar of 5 s for 1 MB.

    python benchmarks/extract/speed.py            # a 1 MB report
    python benchmarks/extract/speed.py --mb 3.9   # near the size limit (4 MB: 4 exactly is over it in UTF-8)

The report is the corpus's development reports joined end to end (real prose, many names,
meetings and dates) until it reaches the size; it is timed through the installed command, as a
user runs it, with the time to start the command measured apart.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def report(size: int) -> str:
    sys.path.insert(0, str(HERE))
    from score import part

    texts = [text for url, text in (p.read_text(encoding="utf-8").split("\n", 1)
                                    for p in sorted((HERE / "corpus").glob("*.txt")))
             if part(url) == "development"]
    parts, total = [], 0
    while total < size:
        for text in texts:
            parts.append(text)
            total += len(text.encode("utf-8")) + 2
            if total >= size:
                break
    return "\n\n".join(parts)[:size]


def timed(command: list[str]) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """(wall-clock seconds, CPU seconds of the command, its result): on a busy machine the CPU time
    says what the command costs, the wall clock what a user waits."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1.0, help="report size in MB (default 1)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    meetings = shutil.which("meetings", path=str(Path(sys.executable).parent)) or "meetings"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.txt"
        path.write_text(report(int(args.mb * 1024 * 1024)), encoding="utf-8")
        database = str(Path(folder) / "absent.db")  # not created: extract only reads
        startup, _, _ = timed([meetings, "--db", database, "extract", "--help"])
        runs = []
        for _ in range(args.runs):
            wall, cpu, result = timed([meetings, "--db", database, "extract", str(path), "--format", "json"])
            if result.returncode != 0:
                sys.exit(f"extract failed: {result.stderr.strip()}")
            runs.append((wall, cpu))
        size = path.stat().st_size
    wall, cpu = min(runs)
    print(f"report: {size / 1e6:.2f} MB ({size} bytes); runs (wall s / CPU s): "
          f"{', '.join(f'{w:.2f}/{c:.2f}' for w, c in runs)}; load average {os.getloadavg()[0]:.1f}")
    limit = 5 * size / (1024 * 1024)
    print(f"best {wall:.2f} s wall, {cpu:.2f} s CPU ({size / wall / 1e3:.0f} KB/s), starting the command "
          f"{startup:.2f} s; bar 5 s per MB: {'met' if wall <= limit else 'NOT met'} on the wall clock, "
          f"{'met' if cpu <= limit else 'NOT met'} in CPU time")

if __name__ == "__main__":
    main()
