"""Attendees that are organisations: a kind on each record of `people` (person or organisation);
every recorded one is a person, as all were before. The column is added in place (on SQLite,
ALTER TABLE ADD COLUMN with its check), so no table that attendances point at is rebuilt.

Revision ID: 0008
Revises: 0007
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHECK = "kind IN ('person', 'organisation')"


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE people ADD COLUMN kind VARCHAR(12) DEFAULT 'person' NOT NULL "
                   f"CONSTRAINT ck_people_kind CHECK ({CHECK})")
        return
    op.add_column("people", sa.Column("kind", sa.String(length=12), server_default="person", nullable=False))
    op.create_check_constraint(op.f("ck_people_kind"), "people", CHECK)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("ALTER TABLE people DROP COLUMN kind")
        return
    op.drop_constraint(op.f("ck_people_kind"), "people", type_="check")
    op.drop_column("people", "kind")
