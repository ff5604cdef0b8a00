"""Import batches (what each import added, from which file and line) and the queue of probable
duplicates. New tables only: every recorded row is kept as it is.

Revision ID: 0007
Revises: 0006
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("files", sa.Text(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("updated", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("rejected", sa.Integer(), nullable=False),
        sa.Column("undone_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    op.create_table(
        "meeting_origins",
        sa.Column("meeting_id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("file", sa.String(length=1000), nullable=False),
        sa.Column("line", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["batch_id"], ["import_batches.id"], name=op.f("fk_meeting_origins_batch_id_import_batches"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name=op.f("fk_meeting_origins_meeting_id_meetings"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_meeting_origins")),
    )
    op.create_index(op.f("ix_meeting_origins_batch_id"), "meeting_origins", ["batch_id"])
    op.create_table(
        "duplicate_pairs",
        sa.Column("first_id", sa.Integer(), nullable=False),
        sa.Column("second_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.CheckConstraint("first_id < second_id", name=op.f("ck_duplicate_pairs_ordered")),
        sa.CheckConstraint("status IN ('queued', 'distinct')", name=op.f("ck_duplicate_pairs_status")),
        sa.ForeignKeyConstraint(["first_id"], ["meetings.id"], name=op.f("fk_duplicate_pairs_first_id_meetings"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["second_id"], ["meetings.id"], name=op.f("fk_duplicate_pairs_second_id_meetings"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("first_id", "second_id", name=op.f("pk_duplicate_pairs")),
    )
    op.create_index(op.f("ix_duplicate_pairs_second_id"), "duplicate_pairs", ["second_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_duplicate_pairs_second_id"), table_name="duplicate_pairs")
    op.drop_table("duplicate_pairs")
    op.drop_index(op.f("ix_meeting_origins_batch_id"), table_name="meeting_origins")
    op.drop_table("meeting_origins")
    op.drop_table("import_batches")
