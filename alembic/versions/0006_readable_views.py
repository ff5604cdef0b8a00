"""Plain views for any SQL client: meeting_countries (a row per meeting and attending country,
by code and name) and meetings_readable (a row per meeting, dates as recorded at their precision
with the days they stand for, countries and organization by name).

Revision ID: 0006
Revises: 0005
"""
from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MEETING_COUNTRIES = """
    CREATE VIEW meeting_countries AS
    SELECT DISTINCT a.meeting_id AS meeting_id, a.country_code AS country_code, c.name AS country
    FROM attendances a JOIN countries c ON c.code = a.country_code
"""

# A date as recorded: its first day cut to its precision ("2001", "2023-04", "2023-04-28").
_AS_RECORDED = {
    "sqlite": "CASE {p} WHEN 'year' THEN substr({d}, 1, 4) WHEN 'month' THEN substr({d}, 1, 7) ELSE {d} END",
    "postgresql": "CASE {p} WHEN 'year' THEN to_char({d}, 'YYYY') WHEN 'month' THEN to_char({d}, 'YYYY-MM') "
                  "ELSE to_char({d}, 'YYYY-MM-DD') END",
}
# The attending countries' names as a JSON array, in name order (Datasette facets on it).
_COUNTRIES = {
    "sqlite": "(SELECT json_group_array(country) FROM (SELECT country FROM meeting_countries mc "
              "WHERE mc.meeting_id = m.id ORDER BY country))",
    "postgresql": "(SELECT coalesce(json_agg(country ORDER BY country), '[]'::json)::text FROM meeting_countries mc "
                  "WHERE mc.meeting_id = m.id)",
}
_LAST_DAY = {"sqlite": "m.last_day", "postgresql": "to_char(m.last_day, 'YYYY-MM-DD')"}
_FIRST_DAY = {"sqlite": "m.start_date", "postgresql": "to_char(m.start_date, 'YYYY-MM-DD')"}

MEETINGS_READABLE = """
    CREATE VIEW meetings_readable AS
    SELECT m.id AS id,
           {date} AS date,
           {end_date} AS end_date,
           {first_day} AS first_day,
           {last_day} AS last_day,
           m.title AS title,
           m.kind AS kind,
           m.venue AS venue,
           vc.name AS venue_country,
           o.acronym AS organization,
           m.parent_id AS sideline_of,
           {countries} AS countries,
           m.summary AS summary
    FROM meetings m
    LEFT JOIN countries vc ON vc.code = m.venue_country_code
    LEFT JOIN organizations o ON o.id = m.organization_id
"""


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect not in _AS_RECORDED:
        return
    op.execute(MEETING_COUNTRIES)
    op.execute(MEETINGS_READABLE.format(
        date=_AS_RECORDED[dialect].format(p="m.start_precision", d="m.start_date"),
        end_date=_AS_RECORDED[dialect].format(p="m.end_precision", d="m.end_date"),
        first_day=_FIRST_DAY[dialect], last_day=_LAST_DAY[dialect], countries=_COUNTRIES[dialect]))


def downgrade() -> None:
    if op.get_bind().dialect.name not in _AS_RECORDED:
        return
    op.execute("DROP VIEW meetings_readable")
    op.execute("DROP VIEW meeting_countries")
