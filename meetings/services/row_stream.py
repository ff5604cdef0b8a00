"""One read-only statement on a SQLite file, run in a child process that streams its rows back a
page at a time: SQLite runs inside the process that asks, so a large export would otherwise spend
its time in the statement and in making cells one after the other, on one core; with the statement
in a child, the two overlap (the Russia export of the benchmark's 100,000 meetings: the statement
0.42 s and the cells and CSV 0.27 s of CPU). The child is this file run as a script: it imports
nothing of the package, so it starts in a few tens of milliseconds.

The request is one line of JSON on the child's standard input (the database's URI, the statement
with ? placeholders, its parameters, the page size, the busy timeout); each page comes back as its
length in 8 bytes and the page as a JSON array of rows; a length of 0 ends the stream. A failure
is one line on the child's standard error and a non-zero exit.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

_LENGTH = 8


class StreamFailed(Exception):
    """The child could not run the statement; the message is its one line of explanation."""


class NoChild(Exception):
    """No child process could be started (the system refused one); nothing was read."""


def stream_rows(database: str, sql: str, parameters: list[Any], *, page: int,
                busy_timeout_ms: int) -> Iterator[list[list[Any]]]:
    """The statement's rows, a page at a time, from a child process (killed if the caller stops
    early); `database` is the URI of the file, opened only to read."""
    request = {"database": database, "sql": sql, "parameters": parameters, "page": page,
               "busy_timeout_ms": busy_timeout_ms}
    # This file run as a script, isolated (-I): the same code as its caller's, whatever the
    # environment's paths, and nothing but the standard library.
    try:
        child = subprocess.Popen([sys.executable, "-I", __file__], stdin=subprocess.PIPE,
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as exc:
        raise NoChild(exc.strerror or str(exc)) from None
    assert child.stdin is not None and child.stdout is not None and child.stderr is not None
    try:
        try:
            child.stdin.write(json.dumps(request).encode("utf-8") + b"\n")
            child.stdin.close()
        except BrokenPipeError:
            pass  # the child ended at once: what it said is read below
        while True:
            header = child.stdout.read(_LENGTH)
            size = int.from_bytes(header, "little") if len(header) == _LENGTH else -1
            if size == 0:
                break
            payload = child.stdout.read(size) if size > 0 else b""
            if size < 0 or len(payload) < size:
                child.wait()
                problem = child.stderr.read().decode("utf-8", "replace").strip().splitlines()
                raise StreamFailed(problem[-1] if problem else f"the reading process ended with code {child.returncode}")
            yield json.loads(payload)
        child.wait()
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        for stream in (child.stdout, child.stderr):
            stream.close()


def _serve() -> int:
    request = json.loads(sys.stdin.readline())
    out = sys.stdout.buffer
    try:
        connection = sqlite3.connect(request["database"], uri=True)
        connection.execute(f"PRAGMA busy_timeout = {int(request['busy_timeout_ms'])}")
        connection.execute("PRAGMA trusted_schema = OFF")
        cursor = connection.execute(request["sql"], request["parameters"])
        while rows := cursor.fetchmany(request["page"]):
            payload = json.dumps(rows, ensure_ascii=False).encode("utf-8")
            out.write(len(payload).to_bytes(_LENGTH, "little"))
            out.write(payload)
        out.write((0).to_bytes(_LENGTH, "little"))
        out.flush()
    except sqlite3.Error as exc:
        print(f"the database could not be read: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # the caller stopped reading
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_serve())
