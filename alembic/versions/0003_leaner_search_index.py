"""A leaner full-text index on SQLite: no per-column sizes (nothing ranks by them) and fewer,
larger segment merges while writing. The index is rebuilt from the records it is derived from.

Revision ID: 0003
Revises: 0002
"""
from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = "title, summary, topics, people, venue, tokenize = 'unicode61 remove_diacritics 2'"
# The document each meeting is indexed as, as the services write it at this revision. It is copied
# here on purpose, not imported: a migration must do the same thing however the code changes later.
FILL = """
    INSERT INTO meetings_search (rowid, title, summary, topics, people, venue)
    SELECT m.id, m.title, coalesce(m.summary, ''),
           coalesce((SELECT group_concat(t.name, ' ; ') FROM meeting_topics mt
                     JOIN topics t ON t.id = mt.topic_id WHERE mt.meeting_id = m.id), ''),
           coalesce((SELECT group_concat(coalesce(a.role, '') || ' ' || coalesce(
                         (SELECT group_concat(n.name, ' ; ') FROM person_names n WHERE n.person_id = a.person_id),
                         ''), ' ; ')
                     FROM attendances a WHERE a.meeting_id = m.id), ''),
           coalesce(m.venue, '')
    FROM meetings m
"""


def _rebuild(options: str, automerge: int | None) -> None:
    op.execute("DROP TABLE meetings_search")
    op.execute(f"CREATE VIRTUAL TABLE meetings_search USING fts5({COLUMNS}{options})")
    if automerge is not None:
        op.execute(f"INSERT INTO meetings_search (meetings_search, rank) VALUES ('automerge', {automerge})")
    op.execute(FILL)


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild(", columnsize = 0", automerge=16)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        _rebuild("", automerge=None)
