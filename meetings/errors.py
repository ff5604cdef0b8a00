"""The errors the core raises, each with the exit code the CLI gives it.

Exit codes (documented in the README):

    0  success
    1  the record a command is about does not exist
    2  bad input: an option value, a file's contents, a missing required value
    3  the database is busy (another process holds the write lock)
    4  the database cannot be used: not a database, or a schema newer than this program
    5  input/output failure: a file that cannot be read or written
    6  an optional part is not installed (the message names the extra: pip install "meetings[web]")
   70  an unexpected internal error (run again with --debug for the traceback)
"""

from __future__ import annotations


class MeetingsError(Exception):
    """Base class: a message for the user and the exit code that goes with it."""

    exit_code = 70

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class NotFound(MeetingsError):
    exit_code = 1


class InvalidInput(MeetingsError):
    """A value the user gave is not acceptable; names the field and what is accepted."""

    exit_code = 2

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.detail = message


class DatabaseBusy(MeetingsError):
    exit_code = 3


class DatabaseUnusable(MeetingsError):
    exit_code = 4


class FileProblem(MeetingsError):
    exit_code = 5


class MissingExtra(MeetingsError):
    """An optional part of meetings is not installed; the message names the extra to install."""

    exit_code = 6

    def __init__(self, what: str, extra: str) -> None:
        super().__init__(f'{what} needs the optional part "{extra}": pip install "meetings[{extra}]"')
