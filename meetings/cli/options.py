"""Option declarations shared by the listing commands, and what they build.

`@with_filters` adds the filter options to a command and hands it one MeetingFilter;
`@with_output` adds --format, --tablefmt and --columns and hands it one OutputOptions.
A new filter or output option is one change here, and every listing command has it.
"""

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from enum import Enum
from typing import Annotated, Any

import typer

FILTERS_PANEL = "Filters"
OUTPUT_PANEL = "Output"
KINDS = "bilateral, multilateral, summit, visit, call or other"
SORT_HELP = "date, -date (newest first, the default), title, -title, id, -id, venue, -venue"


def _option(name: str, annotation: Any, *flags: str, metavar: str | None = None, help: str,
            panel: str = FILTERS_PANEL, default: Any = None) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=default,
        annotation=Annotated[annotation, typer.Option(*flags, metavar=metavar, help=help, rich_help_panel=panel)],
    )


_FILTER_PARAMETERS = [
    _option("country", list[str] | None, "--country", "-c", metavar="COUNTRY",
            help="Only meetings where this country is represented by an attendee (the venue alone does not "
                 "count). Repeat for meetings where every named country is represented."),
    _option("any_country", list[str] | None, "--any-country", metavar="COUNTRY",
            help="Only meetings where at least one of these countries is represented. Repeatable."),
    _option("person", str | None, "--person", "-p", metavar="NAME",
            help="Only meetings attended by this person, by any of their names or aliases; case, accents, "
                 "initials and word order aside ('shoigu' finds Sergei K. Shoigu)."),
    _option("date_from", str | None, "--from", metavar="DATE",
            help="Only meetings that may have run on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    _option("date_to", str | None, "--to", metavar="DATE",
            help="Only meetings that may have run on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    _option("topic", str | None, "--topic", "-t", metavar="TEXT", help="Only meetings with a topic containing this text."),
    _option("org", str | None, "--org", metavar="ACRONYM",
            help="Only meetings in this organization's framework (e.g. SCO), or on the sidelines of one."),
    _option("kind", str | None, "--kind", metavar="KIND", help=f"Only meetings of this kind: {KINDS}."),
    _option("venue", str | None, "--venue", metavar="TEXT", help="Only meetings whose venue contains this text."),
    _option("venue_country", str | None, "--venue-country", metavar="COUNTRY",
            help="Only meetings held in this country."),
    _option("sideline_of", int | None, "--sideline-of", metavar="ID",
            help="Only meetings held on the sidelines of meeting ID."),
    _option("search", str | None, "--search", "-s", metavar="QUERY",
            help='Full-text search over title, summary, topics, people and venue: words, "exact phrases", '
                 "prefix*, AND, OR, NOT."),
    _option("sort", str, "--sort", metavar="ORDER", default="-date", help=f"Order: {SORT_HELP}."),
    _option("offset", int, "--offset", metavar="N", default=0, help="Skip the first N meetings."),
]


class Format(str, Enum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    markdown = "markdown"


@dataclass(frozen=True)
class OutputOptions:
    format: Format
    tablefmt: str | None
    columns: tuple[str, ...] | None
    raw: bool = False


_OUTPUT_PARAMETERS = [
    _option("output_format", Format, "--format", "-f", default=Format.table, panel=OUTPUT_PANEL,
            help="table (fitted to the terminal), csv, tsv, json, jsonl or markdown."),
    _option("tablefmt", str | None, "--tablefmt", metavar="NAME", panel=OUTPUT_PANEL,
            help="Any tabulate table format for --format table (plain, grid, github, latex, html, ...)."),
    _option("columns", str | None, "--columns", metavar="A,B,...", panel=OUTPUT_PANEL,
            help="The columns to print, in this order (comma-separated)."),
    _option("raw", bool, "--raw", default=False, panel=OUTPUT_PANEL,
            help="In CSV and TSV, leave cells that start with = + - @ as they are (by default they get a "
                 "leading ' so that spreadsheets do not run them as formulas)."),
]


def _words(value: str | None, field: str) -> tuple[str, ...]:
    from meetings.errors import InvalidInput
    from meetings.text import match_key

    if value is None:
        return ()
    words = match_key(value).split()
    if not words:
        raise InvalidInput(field, "must contain a letter or digit")
    # Initials ("K." in "Sergei K. Shoigu") are often left out; match on the longer words.
    return tuple(w for w in words if len(w) > 1) or tuple(words)


def build_filter(*, country: list[str] | None = None, any_country: list[str] | None = None,
                 person: str | None = None, date_from: str | None = None, date_to: str | None = None,
                 topic: str | None = None, org: str | None = None, kind: str | None = None,
                 venue: str | None = None, venue_country: str | None = None, sideline_of: int | None = None,
                 search: str | None = None, sort: str = "-date", offset: int = 0,
                 limit: int | None = None) -> Any:
    """Validate the filter options and resolve them into a MeetingFilter."""
    from meetings.countries import resolve_country
    from meetings.dates import PartialDate
    from meetings.errors import InvalidInput
    from meetings.filters import SORTS, MeetingFilter
    from meetings.tables import MeetingKind
    from meetings.text import match_key

    start = PartialDate.parse(date_from, field="--from") if date_from else None
    end = PartialDate.parse(date_to, field="--to") if date_to else None
    if start and end and end.last_day < start.first_day:
        raise InvalidInput("--to", f"{end} is before --from {start}; no meeting can match")
    if kind is not None and kind.strip().lower() not in {k.value for k in MeetingKind}:
        raise InvalidInput("--kind", f"{kind!r} is not a kind; use one of {KINDS}")
    if limit is not None and limit < 0:
        raise InvalidInput("--limit", f"{limit} is negative; use a number of rows, or 0 for all")
    if offset < 0:
        raise InvalidInput("--offset", f"{offset} is negative; use a number of meetings to skip")
    if sort not in SORTS:
        raise InvalidInput("--sort", f"{sort!r} is not an order; use one of {SORT_HELP}")

    def fragment(value: str | None, field: str) -> str | None:
        if value is None:
            return None
        key = match_key(value)
        if not key:
            raise InvalidInput(field, "must contain a letter or digit")
        return key

    def codes(values: list[str] | None, field: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(resolve_country(c, field=field).code for c in values or ()))

    return MeetingFilter(
        countries=codes(country, "--country"),
        any_countries=codes(any_country, "--any-country"),
        person_words=_words(person, "--person"),
        date_from=start,
        date_to=end,
        topic=fragment(topic, "--topic"),
        organization=fragment(org, "--org"),
        kind=kind.strip().lower() if kind else None,
        venue=venue.strip().casefold() or None if venue is not None else None,
        venue_country=resolve_country(venue_country, field="--venue-country").code if venue_country else None,
        sideline_of=sideline_of,
        search=search,
        sort=sort,
        limit=limit or None,
        offset=offset,
    )


def build_output(*, output_format: Format, tablefmt: str | None, columns: str | None, raw: bool = False) -> OutputOptions:
    from meetings.errors import InvalidInput

    if tablefmt is not None:
        from tabulate import tabulate_formats

        if output_format is not Format.table:
            raise InvalidInput("--tablefmt", "goes with --format table")
        if tablefmt not in tabulate_formats:
            raise InvalidInput("--tablefmt", f"{tablefmt!r} is not a table format; use one of {', '.join(tabulate_formats)}")
    chosen = None
    if columns is not None:
        chosen = tuple(c.strip() for c in columns.split(",") if c.strip())
        if not chosen:
            raise InvalidInput("--columns", "name at least one column")
    return OutputOptions(format=output_format, tablefmt=tablefmt, columns=chosen, raw=raw)


def _extend(command: Callable[..., Any], parameters: list[inspect.Parameter], target: str,
            build: Callable[..., Any], extra: tuple[str, ...] = ()) -> Callable[..., Any]:
    signature = inspect.signature(command)
    own = [p for p in signature.parameters.values() if p.name != target]
    names = [p.name for p in parameters]

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in names}
        values.update({name: kwargs[name] for name in extra if name in kwargs})
        kwargs[target] = build(**values)
        return command(**kwargs)

    wrapper.__signature__ = signature.replace(parameters=own + parameters)  # type: ignore[attr-defined]
    return wrapper


def with_filters(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command the shared filter options; it receives them as `filters` (a MeetingFilter).
    A `limit` parameter of the command, if it has one, is folded into the filter too."""
    return _extend(command, _FILTER_PARAMETERS, "filters", build_filter, extra=("limit",))


def with_output(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command --format, --tablefmt and --columns; it receives them as `output`."""
    return _extend(command, _OUTPUT_PARAMETERS, "output", build_output)
