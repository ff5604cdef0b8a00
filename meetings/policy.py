"""What an import does with a meeting already recorded (same date, venue country and attendees)."""

from enum import StrEnum


class OnDuplicate(StrEnum):
    SKIP = "skip"  # keep the recorded one, count the record as skipped
    UPDATE = "update"  # give the recorded one every field of the record
    ERROR = "error"  # refuse the record (and so the import, unless invalid records are skipped)
