"""`meetings serve`: Datasette on the database, with the metadata that makes it ready to use.

The search box of `meetings` and `meetings_readable` runs the full-text index; foreign keys
show names, not codes; the readable view facets on attending countries; the README's questions
are canned queries. Datasette is the optional extra `meetings[web]`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8001
EXTRA = "web"

SEARCH = {"fts_table": "meetings_search", "fts_pk": "id",
          "searchmode": "raw"}  # words, "phrases", prefix*, AND, OR, NOT, as on the command line

# The questions the README answers with commands, as SQL any user can edit and re-run.
QUERIES: dict[str, dict[str, Any]] = {
    "meetings_between_two_countries": {
        "title": "Every meeting of two countries since a date",
        "description": "Countries by name as recorded (for example India and Russia); since as YYYY-MM-DD.",
        "sql": """select r.* from meetings_readable r
where r.id in (select meeting_id from meeting_countries where country = :first_country)
  and r.id in (select meeting_id from meeting_countries where country = :second_country)
  and r.last_day >= :since
order by r.first_day desc, r.id desc""",
    },
    "who_met_a_person": {
        "title": "Who met a person, in which framework",
        "description": "Any of the person's names or aliases, or part of one (for example Shoigu).",
        "sql": """select r.date, r.title, r.organization, r.countries, r.id from meetings_readable r
where r.id in (select a.meeting_id from attendances a join person_names n on n.person_id = a.person_id
               where n.name like '%' || :name || '%')
order by r.first_day desc, r.id desc""",
    },
    "last_contact_with_each_country": {
        "title": "When did a country last meet each other country",
        "description": "The country asked about by name (for example India).",
        "sql": """select other.country, max(r.last_day) as last_day, count(distinct r.id) as meetings
from meeting_countries own
join meeting_countries other on other.meeting_id = own.meeting_id and other.country_code <> own.country_code
join meetings_readable r on r.id = own.meeting_id
where own.country = :country
group by other.country order by last_day desc""",
    },
    "who_met_whom": {
        "title": "Who met whom: meetings per pair of countries",
        "sql": """select a.country || ' – ' || b.country as pair, count(*) as meetings,
       min(r.first_day) as first_day, max(r.last_day) as last_day
from meeting_countries a join meeting_countries b on b.meeting_id = a.meeting_id and a.country < b.country
join meetings_readable r on r.id = a.meeting_id
group by a.country, b.country order by meetings desc, pair""",
    },
}


def metadata(database: str) -> dict[str, Any]:
    """Datasette metadata for a meetings database that Datasette names `database`."""
    return {
        "title": "Meetings",
        "description": "Who met whom, when, where, in which framework, about what, and on whose report. "
                       "Start from meetings_readable: dates as recorded, countries by name.",
        "databases": {database: {
            "tables": {
                "meetings_readable": {
                    **SEARCH,
                    "description": "A row per meeting: dates as recorded (2001, 2023-04) with the days they "
                                   "stand for, countries and organization by name.",
                    "facets": [{"array": "countries"}, "kind", "organization", "venue_country"],
                    "sort_desc": "first_day",
                },
                "meetings": {**SEARCH, "label_column": "title", "sort_desc": "start_date",
                             "description": "Dates are stored as their first day plus a precision; "
                                          "meetings_readable shows them as recorded."},
                "meeting_countries": {"description": "A row per meeting and attending country.",
                                      "facets": ["country"]},
                "countries": {"label_column": "name"},
                "people": {"label_column": "name"},
                "person_names": {"label_column": "name"},
                "topics": {"label_column": "name"},
                "sources": {"label_column": "reference"},
                "organizations": {"label_column": "acronym"},
                "meetings_search": {"hidden": True},
            },
            "queries": QUERIES,
        }},
    }


def datasette_for(path: Path) -> Any:
    """A Datasette instance on one meetings SQLite file, with our metadata."""
    from meetings.errors import MissingExtra

    try:
        from datasette.app import Datasette
    except ImportError:
        raise MissingExtra("meetings serve", EXTRA) from None
    return Datasette([str(path)], metadata=metadata(path.stem), settings={"sql_time_limit_ms": 5000})


def serve(path: Path, *, host: str, port: int) -> None:
    """Run Datasette on the file until interrupted."""
    datasette = datasette_for(path)
    import uvicorn

    uvicorn.run(datasette.app(), host=host, port=port, log_level="warning")
