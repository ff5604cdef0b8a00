"""Country names users teach (`meetings countries alias`).

Revision ID: 0005
Revises: 0004
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "country_aliases",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("code", sa.String(length=4), nullable=False),
        sa.ForeignKeyConstraint(["code"], ["countries.code"], name=op.f("fk_country_aliases_code_countries")),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_country_aliases")),
    )


def downgrade() -> None:
    op.drop_table("country_aliases")
