"""Person names (aliases) and the full-text search index.

Revision ID: 0002
Revises: 0001
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "person_names",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(["person_id"], ["people.id"], name=op.f("fk_person_names_person_id_people"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_person_names")),
        sa.UniqueConstraint("key", name=op.f("uq_person_names_key")),
    )
    with op.batch_alter_table("person_names", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_person_names_person_id"), ["person_id"], unique=False)
    # Every existing person is known by the name they are shown by.
    op.execute("INSERT INTO person_names (person_id, name, key) SELECT id, name, key FROM people")

    dialect = op.get_bind().dialect.name
    if dialect == "postgresql":
        # One tsvector per meeting (accents folded by unaccent, a trusted extension), kept in step
        # by the services in the same transaction as every write.
        op.execute("CREATE EXTENSION IF NOT EXISTS unaccent")
        op.execute(
            "CREATE TABLE meetings_search ("
            "meeting_id INTEGER PRIMARY KEY REFERENCES meetings (id) ON DELETE CASCADE, "
            "document TSVECTOR NOT NULL)"
        )
        op.execute("CREATE INDEX meetings_search_document ON meetings_search USING GIN (document)")
        op.execute(
            """
            INSERT INTO meetings_search (meeting_id, document)
            SELECT m.id, to_tsvector('simple', unaccent(concat_ws(' ', m.title, m.summary, m.venue,
                   (SELECT string_agg(t.name, ' ') FROM meeting_topics mt JOIN topics t ON t.id = mt.topic_id
                     WHERE mt.meeting_id = m.id),
                   (SELECT string_agg(concat_ws(' ', p.name, a.role), ' ') FROM attendances a
                      LEFT JOIN people p ON p.id = a.person_id WHERE a.meeting_id = m.id))))
            FROM meetings m
            """
        )
    if dialect == "sqlite":
        # rowid = meetings.id; kept in step by the services in the same transaction as every write.
        op.execute(
            "CREATE VIRTUAL TABLE meetings_search USING fts5("
            "title, summary, topics, people, venue, tokenize = 'unicode61 remove_diacritics 2')"
        )
        op.execute(
            """
            INSERT INTO meetings_search (rowid, title, summary, topics, people, venue)
            SELECT m.id, m.title, coalesce(m.summary, ''),
                   coalesce((SELECT group_concat(t.name, ' ; ') FROM meeting_topics mt
                             JOIN topics t ON t.id = mt.topic_id WHERE mt.meeting_id = m.id), ''),
                   coalesce((SELECT group_concat(coalesce(p.name, '') || ' ' || coalesce(a.role, ''), ' ; ')
                             FROM attendances a LEFT JOIN people p ON p.id = a.person_id
                             WHERE a.meeting_id = m.id), ''),
                   coalesce(m.venue, '')
            FROM meetings m
            """
        )


def downgrade() -> None:
    if op.get_bind().dialect.name in ("sqlite", "postgresql"):
        op.execute("DROP TABLE meetings_search")
    with op.batch_alter_table("person_names", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_person_names_person_id"))
    op.drop_table("person_names")
