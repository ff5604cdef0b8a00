"""The errors the core raises, each with the exit code the CLI gives it (the README's table of
exit codes lists them): 0 is success, and each class below says what its code means. Anything
else is exit code 70, an unexpected internal error (run again with --debug for the traceback).
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
    """Exit code 1: the record a command is about (a meeting, a person, a batch) does not exist."""

    exit_code = 1


class InvalidInput(MeetingsError):
    """Exit code 2, bad input: an option's value, a file's contents or a missing required value is
    not acceptable; the message names the field and what is accepted."""

    exit_code = 2

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.detail = message


class DatabaseBusy(MeetingsError):
    """Exit code 3: another process holds the database's write lock for longer than the wait allows."""

    exit_code = 3


class DatabaseUnusable(MeetingsError):
    """Exit code 4: the database cannot be used (not a database, read-only, or its schema is newer
    than this program's, which is refused rather than touched)."""

    exit_code = 4


class FileProblem(MeetingsError):
    """Exit code 5, input/output: a file cannot be read or written."""

    exit_code = 5


class MissingExtra(MeetingsError):
    """Exit code 6: an optional part of meetings is not installed; the message names the extra to
    install (pip install "meetings[web]")."""

    exit_code = 6

    def __init__(self, what: str, extra: str) -> None:
        super().__init__(f'{what} needs the optional part "{extra}": pip install "meetings[{extra}]"')
