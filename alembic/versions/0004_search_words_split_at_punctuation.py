"""PostgreSQL's search index splits words at punctuation, as SQLite's does: "G-20", "U.S.-ROK"
and "O'Brien" were indexed by PostgreSQL's parser as "g" "-20", "u.s" "rok" and so on, so the
same search found different meetings on the two backends. The index is rebuilt from the
records it is derived from; SQLite's is unchanged.

Revision ID: 0004
Revises: 0003
"""
from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The text each meeting is indexed by, as the services build it at this revision. It is copied
# here on purpose, not imported: a migration must do the same thing however the code changes later.
TEXT = """concat_ws(' ', m.title, m.summary, m.venue,
       (SELECT string_agg(t.name, ' ') FROM meeting_topics mt JOIN topics t ON t.id = mt.topic_id
         WHERE mt.meeting_id = m.id),
       (SELECT string_agg(concat_ws(' ', a.role,
               (SELECT string_agg(n.name, ' ') FROM person_names n WHERE n.person_id = a.person_id)), ' ')
          FROM attendances a WHERE a.meeting_id = m.id))"""
SPLIT_AT_PUNCTUATION = f"to_tsvector('simple', regexp_replace(unaccent({TEXT}), '[[:punct:]]+', ' ', 'g'))"
PARSER_ALONE = f"to_tsvector('simple', unaccent({TEXT}))"


def _rebuild(document: str) -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(f"UPDATE meetings_search s SET document = {document} FROM meetings m WHERE m.id = s.meeting_id")


def upgrade() -> None:
    _rebuild(SPLIT_AT_PUNCTUATION)


def downgrade() -> None:
    _rebuild(PARSER_ALONE)
