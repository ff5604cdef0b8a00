"""The schema revisions this program knows, oldest first.

Kept here so that every command can check a database's revision with one query,
without importing Alembic; a test proves this list matches alembic/versions.
"""

REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008")
HEAD = REVISIONS[-1]
