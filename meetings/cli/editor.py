"""The user's editor ($VISUAL, then $EDITOR, then vi) opened on a temporary file: the one
launcher behind `edit --editor` and `extract --save --edit`."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType

from meetings.errors import InvalidInput

# How many times an edit that is refused is shown again with its error before the command gives up.
ROUNDS = 3


def rounds() -> int:
    """How many times the editor may open: without a terminal nobody is there to read the error
    and fix it, so a refused edit is refused at once rather than reopened."""
    return ROUNDS if sys.stdin.isatty() else 1


@contextmanager
def _ended_by_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into an orderly exit while the editor is open, so that the
    temporary folder is removed (SIGKILL cannot be caught; nothing can clean up after it)."""
    def leave(signum: int, _frame: FrameType | None) -> None:
        raise SystemExit(128 + signum)

    try:
        previous = {sig: signal.signal(sig, leave) for sig in (signal.SIGTERM, signal.SIGHUP)}
    except ValueError:  # not the main thread: leave the handlers alone
        yield
        return
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def edit_text(text: str, *, name: str) -> str:
    """Open `text` in the editor as a file called `name`; return what was saved."""
    command = shlex.split(os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi")
    if not command:
        raise InvalidInput("$EDITOR", "names no program; set VISUAL or EDITOR (for example EDITOR=nano)")
    with _ended_by_signals(), tempfile.TemporaryDirectory(prefix="meetings-edit-") as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        try:
            done = subprocess.run([*command, str(path)], check=False)
        except OSError as exc:
            raise InvalidInput("$EDITOR", f"{command[0]!r} cannot be run ({exc.strerror}); set VISUAL or EDITOR "
                                          "to an editor; nothing was written") from None
        if done.returncode != 0:
            raise InvalidInput("$EDITOR", f"{command[0]!r} exited with status {done.returncode}; nothing was written")
        saved = path.read_bytes()
    try:
        return saved.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidInput("$EDITOR", f"the saved file is not valid UTF-8 (byte {exc.start}); nothing was written") from None
