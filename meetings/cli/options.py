"""Option declarations shared by the listing commands, and what they build.

`@with_filters` adds the filter options to a command and hands it one MeetingFilter;
`@with_output` adds --format, --tablefmt and --columns and hands it one OutputOptions.
A new filter or output option is one change here, and every listing command has it.
"""

import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated, Any, Literal, TypeVar, overload

import typer

from meetings.output import Format

if TYPE_CHECKING:
    from meetings.errors import MeetingsError

FILTERS_PANEL = "Filters"
OUTPUT_PANEL = "Output"
KINDS = "bilateral, multilateral, summit, visit, call or other"
SORT_HELP = "date, -date (newest first, the default), title, -title, id, -id, venue, -venue"
T = TypeVar("T")

# The values of choice options several commands share (a test ties them to the services').
Period = Literal["month", "quarter", "year", "decade"]
Series = Literal["country", "pair", "person"]
Nodes = Literal["country", "person"]

# The id arguments several commands take.
MeetingId = Annotated[int, typer.Argument(metavar="ID", help="The meeting's id.")]
PersonId = Annotated[int, typer.Argument(metavar="ID", help="The person's id (see meetings people).")]


def _option(name: str, annotation: Any, *flags: str, metavar: str | None = None, help: str,
            panel: str = FILTERS_PANEL, default: Any = None) -> inspect.Parameter:
    return inspect.Parameter(
        name, inspect.Parameter.KEYWORD_ONLY, default=default,
        annotation=Annotated[annotation, typer.Option(*flags, metavar=metavar, help=help, rich_help_panel=panel)],
    )


_ANY = " Repeat for meetings matching any of them."
_ONCE = " Give it once."

_FILTER_PARAMETERS = [
    _option("country", list[str] | None, "--country", "-c", metavar="COUNTRY",
            help="Only meetings where this country is represented by an attendee (the venue alone does not "
                 "count). Repeat for meetings where every named country is represented."),
    _option("any_country", list[str] | None, "--any-country", metavar="COUNTRY",
            help="Only meetings where at least one of these countries is represented. Repeatable."),
    _option("person", list[str] | None, "--person", "-p", metavar="NAME",
            help="Only meetings attended by this person, by any of their names or aliases: each word a whole "
                 "word of the name ('Abe' is not Abel; 'Abe*' starts a word), case, accents, initials, word "
                 "order and common transliterations aside ('sergei lavrov' finds Sergey Lavrov)." + _ANY),
    _option("role", list[str] | None, "--role", metavar="TEXT",
            help="Only meetings with an attendee whose role contains this text; with --person, that person's "
                 "role, else with --country or --any-country, the role of an attendee of one of those "
                 "countries." + _ANY),
    _option("date_from", list[str] | None, "--from", metavar="DATE",
            help="Only meetings that may have run on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)." + _ONCE),
    _option("date_to", list[str] | None, "--to", metavar="DATE",
            help="Only meetings that may have run on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)." + _ONCE),
    _option("topic", list[str] | None, "--topic", "-t", metavar="TEXT",
            help="Only meetings with a topic containing this text." + _ANY),
    _option("org", list[str] | None, "--org", metavar="ACRONYM",
            help="Only meetings in this organization's framework (e.g. SCO), or on the sidelines of one." + _ANY),
    _option("kind", list[str] | None, "--kind", metavar="KIND", help=f"Only meetings of this kind: {KINDS}." + _ANY),
    _option("venue", list[str] | None, "--venue", metavar="TEXT",
            help="Only meetings whose venue contains this text." + _ANY),
    _option("venue_country", list[str] | None, "--venue-country", metavar="COUNTRY",
            help="Only meetings held in this country." + _ANY),
    _option("sideline_of", list[int] | None, "--sideline-of", metavar="ID",
            help="Only meetings held on the sidelines of meeting ID." + _ONCE),
    _option("search", list[str] | None, "--search", "-s", metavar="QUERY",
            help='Full-text search over title, summary, topics, people and venue: words, "exact phrases", '
                 "prefix*, AND, OR, NOT; a word with a hyphen, dot or apostrophe (G-20, U.S.-ROK, O'Brien) is "
                 "searched as the phrase it is." + _ONCE),
    _option("sort", list[str] | None, "--sort", metavar="ORDER", help=f"Order: {SORT_HELP}." + _ONCE),
    _option("offset", list[int] | None, "--offset", metavar="N", help="Skip the first N meetings." + _ONCE),
]


# The option each field is given by: services name fields (`venue_country`), and the command line
# speaks of its options (`--venue-country`). Errors are reworded once, where they leave the program.
OPTION_OF = {
    "date": "--date", "end_date": "--end-date", "title": "--title", "venue": "--venue",
    "venue_country": "--venue-country", "kind": "--kind", "organization": "--org", "sideline_of": "--sideline-of",
    "summary": "--summary", "attendees": "--attendee", "attendee.name": "--attendee name",
    "attendee.country": "--attendee country", "attendee.role": "--attendee role",
    "attendee.rank": "--attendee rank", "topics": "--topic", "sources": "--source",
    "source.publisher": "source publisher", "source.published": "source published",
    "remove_topics": "--remove-topic", "remove_attendees": "--remove-attendee",
    # Not fields of a meeting: what the listing, statistics, import and copy services are given.
    "search": "--search", "grouping": "--by", "fill_down": "--fill-down", "mapping": "--map", "target": "--to",
    "attendee_column": "--attendee-column", "organisation_column": "--organisation-column", "added_attendee": "--add-attendee", "constants": "--set",
}


def in_option_terms(error: "MeetingsError") -> "MeetingsError":
    """An error about a field, reworded to name the option that gives it."""
    from meetings.errors import InvalidInput

    if isinstance(error, InvalidInput) and error.field in OPTION_OF:
        return InvalidInput(OPTION_OF[error.field], error.detail)
    return error


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


@overload
def once(value: list[T] | None, field: str) -> T | None: ...
@overload
def once(value: list[T] | T | None, field: str) -> T | None: ...
def once(value: Any, field: str) -> Any:
    """The one value of an option that takes one (None if absent); given twice, it is refused
    rather than the last one taken silently."""
    from meetings.errors import InvalidInput

    if not isinstance(value, list | tuple):
        return value
    if len(value) > 1:
        raise InvalidInput(field, f"was given {len(value)} times ({', '.join(map(str, value))}); give it once")
    return value[0] if value else None


def name_words(value: str | None, field: str) -> tuple[str, ...]:
    """A name as the folded words it is matched by; a word that ends in "*" keeps it (a prefix)."""
    from meetings.errors import InvalidInput
    from meetings.text import match_key

    if value is None:
        return ()
    words: list[str] = []
    for token in value.split():
        folded = match_key(token).split()
        if folded and token.endswith("*"):
            folded[-1] += "*"
        words += folded
    if not words:
        raise InvalidInput(field, "must contain a letter or digit (e.g. 'Lavrov', or 'Lav*' for a prefix)")
    # Initials ("K." in "Sergei K. Shoigu") are often left out; match on the longer words.
    return tuple(w for w in words if len(w.rstrip("*")) > 1) or tuple(words)


def build_filter(*, country: list[str] | None = None, any_country: list[str] | None = None,
                 person: list[str] | str | None = None, role: list[str] | str | None = None,
                 date_from: list[str] | str | None = None, date_to: list[str] | str | None = None,
                 topic: list[str] | str | None = None, org: list[str] | str | None = None,
                 kind: list[str] | str | None = None, venue: list[str] | str | None = None,
                 venue_country: list[str] | str | None = None, sideline_of: list[int] | int | None = None,
                 search: list[str] | str | None = None, sort: list[str] | str | None = None,
                 offset: list[int] | int | None = None, limit: int | None = None) -> Any:
    """Validate the filter options and resolve them into a MeetingFilter."""
    from meetings.countries import resolve_country
    from meetings.dates import PartialDate
    from meetings.errors import InvalidInput
    from meetings.filters import SORTS, MeetingFilter
    from meetings.tables import MeetingKind
    from meetings.text import match_key

    date_from, date_to = once(date_from, "--from"), once(date_to, "--to")
    sort, offset = once(sort, "--sort") or "-date", once(offset, "--offset") or 0
    search, sideline_of = once(search, "--search"), once(sideline_of, "--sideline-of")
    start = PartialDate.parse(date_from, field="--from") if date_from else None
    end = PartialDate.parse(date_to, field="--to") if date_to else None
    if start and end and end.last_day < start.first_day:
        raise InvalidInput("--to", f"{end} is before --from {start}; no meeting can match")
    from meetings.fields import MAX_ID, is_id

    if limit is not None and not 0 <= limit <= MAX_ID:
        raise InvalidInput("--limit", f"{limit} is out of range; use a number of rows up to {MAX_ID}, or 0 for all")
    if not 0 <= offset <= MAX_ID:
        raise InvalidInput("--offset", f"{offset} is out of range; use a number of meetings to skip, up to {MAX_ID}")
    if sideline_of is not None and not is_id(sideline_of):
        raise InvalidInput("--sideline-of", f"{sideline_of} is not a meeting id (1 to {MAX_ID})")
    if sort not in SORTS:
        raise InvalidInput("--sort", f"{sort!r} is not an order; use one of {SORT_HELP}")

    def values(given: list[Any] | Any | None) -> list[Any]:
        return [] if given is None else list(given) if isinstance(given, list | tuple) else [given]

    def each(given: list[Any] | Any | None, make: Callable[[Any], Any]) -> tuple[Any, ...]:
        return tuple(dict.fromkeys(make(value) for value in values(given)))

    def fragment(field: str) -> Callable[[str], str]:
        def make(value: str) -> str:
            key = match_key(value)
            if not key:
                raise InvalidInput(field, "must contain a letter or digit")
            return key
        return make

    def casefolded(field: str, example: str) -> Callable[[str], str]:
        def make(value: str) -> str:
            text = " ".join(value.split()).casefold()
            if not text:
                raise InvalidInput(field, f"must not be empty; give the text to look for (e.g. {example})")
            return text
        return make

    def known_kind(value: str) -> str:
        if value.strip().lower() not in {k.value for k in MeetingKind}:
            raise InvalidInput("--kind", f"{value!r} is not a kind; use one of {KINDS}")
        return value.strip().lower()

    def codes(field: str) -> Callable[[str], str]:
        return lambda value: resolve_country(value, field=field).code

    return MeetingFilter(
        countries=each(country, codes("--country")),
        any_countries=each(any_country, codes("--any-country")),
        people=each(person, lambda value: name_words(value, "--person")),
        roles=each(role, casefolded("--role", "--role 'Foreign Minister'")),
        date_from=start,
        date_to=end,
        topics=each(topic, fragment("--topic")),
        organizations=each(org, fragment("--org")),
        kinds=each(kind, known_kind),
        venues=each(venue, casefolded("--venue", "--venue Geneva")),
        venue_countries=each(venue_country, codes("--venue-country")),
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
