"""Initial schema: meetings, people, attendances, countries, organizations, topics and sources.

Revision ID: 0001
Revises: 
Create Date: 2026-11-24 21:38:02.516671
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('countries',
    sa.Column('code', sa.String(length=4), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_countries'))
    )
    op.create_table('organizations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('acronym', sa.String(length=30), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=True),
    sa.Column('key', sa.String(length=30), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organizations')),
    sa.UniqueConstraint('key', name=op.f('uq_organizations_key'))
    )
    op.create_table('people',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('key', name=op.f('uq_people_key'))
    )
    op.create_table('sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('reference', sa.String(length=1000), nullable=False),
    sa.Column('publisher', sa.String(length=200), nullable=True),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sources')),
    sa.UniqueConstraint('reference', name=op.f('uq_sources_reference'))
    )
    op.create_table('topics',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_topics')),
    sa.UniqueConstraint('key', name=op.f('uq_topics_key'))
    )
    op.create_table('meetings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('start_precision', sa.String(length=5), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('end_precision', sa.String(length=5), nullable=True),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.Column('venue', sa.String(length=200), nullable=True),
    sa.Column('venue_country_code', sa.String(length=4), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=True),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.CheckConstraint("end_precision IN ('day', 'month', 'year')", name=op.f('ck_meetings_end_precision')),
    sa.CheckConstraint("kind IN ('bilateral', 'multilateral', 'summit', 'visit', 'call', 'other')", name=op.f('ck_meetings_kind')),
    sa.CheckConstraint("start_precision IN ('day', 'month', 'year')", name=op.f('ck_meetings_start_precision')),
    sa.CheckConstraint('(end_date IS NULL) = (end_precision IS NULL)', name=op.f('ck_meetings_end_complete')),
    sa.CheckConstraint('last_day >= start_date', name=op.f('ck_meetings_period_order')),
    sa.CheckConstraint('parent_id IS NULL OR parent_id <> id', name=op.f('ck_meetings_not_own_parent')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_meetings_organization_id_organizations')),
    sa.ForeignKeyConstraint(['parent_id'], ['meetings.id'], name=op.f('fk_meetings_parent_id_meetings'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['venue_country_code'], ['countries.code'], name=op.f('fk_meetings_venue_country_code_countries')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_meetings'))
    )
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meetings_kind'), ['kind'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_last_day'), ['last_day'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_organization_id'), ['organization_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index('ix_meetings_start_date_id', ['start_date', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_meetings_venue_country_code'), ['venue_country_code'], unique=False)

    op.create_table('organization_members',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organization_id', sa.Integer(), nullable=False),
    sa.Column('country_code', sa.String(length=4), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('since_year', sa.Integer(), nullable=True),
    sa.Column('until_year', sa.Integer(), nullable=True),
    sa.CheckConstraint("status IN ('member', 'observer', 'dialogue partner', 'guest')", name=op.f('ck_organization_members_status')),
    sa.ForeignKeyConstraint(['country_code'], ['countries.code'], name=op.f('fk_organization_members_country_code_countries')),
    sa.ForeignKeyConstraint(['organization_id'], ['organizations.id'], name=op.f('fk_organization_members_organization_id_organizations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organization_members')),
    sa.UniqueConstraint('organization_id', 'country_code', 'status', name=op.f('uq_organization_members_organization_id_country_code_status'))
    )
    with op.batch_alter_table('organization_members', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_organization_members_country_code'), ['country_code'], unique=False)

    op.create_table('attendances',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('country_code', sa.String(length=4), nullable=True),
    sa.Column('role', sa.String(length=200), nullable=True),
    sa.Column('rank', sa.String(length=100), nullable=True),
    sa.Column('is_host', sa.Boolean(), nullable=False),
    sa.Column('is_chair', sa.Boolean(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint('person_id IS NOT NULL OR role IS NOT NULL', name=op.f('ck_attendances_named_or_role')),
    sa.ForeignKeyConstraint(['country_code'], ['countries.code'], name=op.f('fk_attendances_country_code_countries')),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_attendances_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_attendances_person_id_people')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attendances')),
    sa.UniqueConstraint('meeting_id', 'person_id', name=op.f('uq_attendances_meeting_id_person_id'))
    )
    with op.batch_alter_table('attendances', schema=None) as batch_op:
        batch_op.create_index('ix_attendances_country_code_meeting_id', ['country_code', 'meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendances_meeting_id'), ['meeting_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attendances_person_id'), ['person_id'], unique=False)

    op.create_table('meeting_sources',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_sources_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['sources.id'], name=op.f('fk_meeting_sources_source_id_sources')),
    sa.PrimaryKeyConstraint('meeting_id', 'source_id', name=op.f('pk_meeting_sources'))
    )
    with op.batch_alter_table('meeting_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_sources_source_id'), ['source_id'], unique=False)

    op.create_table('meeting_topics',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('topic_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_meeting_topics_meeting_id_meetings'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['topic_id'], ['topics.id'], name=op.f('fk_meeting_topics_topic_id_topics')),
    sa.PrimaryKeyConstraint('meeting_id', 'topic_id', name=op.f('pk_meeting_topics'))
    )
    with op.batch_alter_table('meeting_topics', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_topics_topic_id'), ['topic_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('meeting_topics', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_topics_topic_id'))

    op.drop_table('meeting_topics')
    with op.batch_alter_table('meeting_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_sources_source_id'))

    op.drop_table('meeting_sources')
    with op.batch_alter_table('attendances', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attendances_person_id'))
        batch_op.drop_index(batch_op.f('ix_attendances_meeting_id'))
        batch_op.drop_index('ix_attendances_country_code_meeting_id')

    op.drop_table('attendances')
    with op.batch_alter_table('organization_members', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_organization_members_country_code'))

    op.drop_table('organization_members')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meetings_venue_country_code'))
        batch_op.drop_index('ix_meetings_start_date_id')
        batch_op.drop_index(batch_op.f('ix_meetings_parent_id'))
        batch_op.drop_index(batch_op.f('ix_meetings_organization_id'))
        batch_op.drop_index(batch_op.f('ix_meetings_last_day'))
        batch_op.drop_index(batch_op.f('ix_meetings_kind'))

    op.drop_table('meetings')
    op.drop_table('topics')
    op.drop_table('sources')
    op.drop_table('people')
    op.drop_table('organizations')
    op.drop_table('countries')
