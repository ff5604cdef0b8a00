"""Option declarations shared by every listing command, and the filter they build.

`@with_filters` adds the filter options to a command and hands it one MeetingFilter,
so a new filter is one change here and every listing command has it.
"""

import functools
import inspect
from collections.abc import Callable
from typing import Annotated, Any

import typer

FILTERS_PANEL = "Filters"

_FILTER_PARAMETERS = [
    inspect.Parameter(
        "country", inspect.Parameter.KEYWORD_ONLY, default=None,
        annotation=Annotated[list[str] | None, typer.Option(
            "--country", "-c", metavar="COUNTRY", rich_help_panel=FILTERS_PANEL,
            help="Only meetings where this country is represented by an attendee (the venue alone does not "
                 "count). Repeat for meetings where every named country is represented.",
        )],
    ),
    inspect.Parameter(
        "person", inspect.Parameter.KEYWORD_ONLY, default=None,
        annotation=Annotated[str | None, typer.Option(
            "--person", "-p", metavar="NAME", rich_help_panel=FILTERS_PANEL,
            help="Only meetings an attendee whose name contains this attended (case and accents ignored).",
        )],
    ),
    inspect.Parameter(
        "date_from", inspect.Parameter.KEYWORD_ONLY, default=None,
        annotation=Annotated[str | None, typer.Option(
            "--from", metavar="DATE", rich_help_panel=FILTERS_PANEL,
            help="Only meetings that may have run on or after this date (YYYY, YYYY-MM or YYYY-MM-DD).",
        )],
    ),
    inspect.Parameter(
        "date_to", inspect.Parameter.KEYWORD_ONLY, default=None,
        annotation=Annotated[str | None, typer.Option(
            "--to", metavar="DATE", rich_help_panel=FILTERS_PANEL,
            help="Only meetings that may have run on or before this date (YYYY, YYYY-MM or YYYY-MM-DD).",
        )],
    ),
    inspect.Parameter(
        "topic", inspect.Parameter.KEYWORD_ONLY, default=None,
        annotation=Annotated[str | None, typer.Option(
            "--topic", "-t", metavar="TEXT", rich_help_panel=FILTERS_PANEL,
            help="Only meetings with a topic containing this text.",
        )],
    ),
    inspect.Parameter(
        "org", inspect.Parameter.KEYWORD_ONLY, default=None,
        annotation=Annotated[str | None, typer.Option(
            "--org", metavar="ACRONYM", rich_help_panel=FILTERS_PANEL,
            help="Only meetings in this organization's framework (e.g. SCO), or on the sidelines of one.",
        )],
    ),
    inspect.Parameter(
        "kind", inspect.Parameter.KEYWORD_ONLY, default=None,
        annotation=Annotated[str | None, typer.Option(
            "--kind", metavar="KIND", rich_help_panel=FILTERS_PANEL,
            help="Only meetings of this kind: bilateral, multilateral, summit, visit, call or other.",
        )],
    ),
]
_FILTER_NAMES = [p.name for p in _FILTER_PARAMETERS]


def build_filter(*, country: list[str] | None, person: str | None, date_from: str | None, date_to: str | None,
                 topic: str | None, org: str | None, kind: str | None, limit: int | None = None) -> Any:
    """Validate the filter options and resolve them into a MeetingFilter."""
    from meetings.countries import resolve_country
    from meetings.dates import PartialDate
    from meetings.errors import InvalidInput
    from meetings.filters import MeetingFilter
    from meetings.models import MeetingKind
    from meetings.text import match_key

    start = PartialDate.parse(date_from, field="--from") if date_from else None
    end = PartialDate.parse(date_to, field="--to") if date_to else None
    if start and end and end.last_day < start.first_day:
        raise InvalidInput("--to", f"{end} is before --from {start}; no meeting can match")
    if kind is not None and kind.strip().lower() not in {k.value for k in MeetingKind}:
        raise InvalidInput("--kind", f"{kind!r} is not a kind; use one of {', '.join(k.value for k in MeetingKind)}")
    if limit is not None and limit < 0:
        raise InvalidInput("--limit", f"{limit} is negative; use a number of rows, or 0 for all")

    def fragment(value: str | None, field: str) -> str | None:
        if value is None:
            return None
        key = match_key(value)
        if not key:
            raise InvalidInput(field, "must contain a letter or digit")
        return key

    return MeetingFilter(
        countries=tuple(dict.fromkeys(resolve_country(c, field="--country").code for c in country or ())),
        person=fragment(person, "--person"),
        date_from=start,
        date_to=end,
        topic=fragment(topic, "--topic"),
        organization=fragment(org, "--org"),
        kind=kind.strip().lower() if kind else None,
        limit=limit or None,
    )


def with_filters(command: Callable[..., Any]) -> Callable[..., Any]:
    """Give a command the shared filter options; it receives them as `filters` (a MeetingFilter).

    A `limit` parameter of the command, if it has one, is folded into the filter too.
    """
    signature = inspect.signature(command)
    own = [p for p in signature.parameters.values() if p.name != "filters"]

    @functools.wraps(command)
    def wrapper(**kwargs: Any) -> Any:
        values = {name: kwargs.pop(name) for name in _FILTER_NAMES}
        if "limit" in kwargs:
            values["limit"] = kwargs["limit"]
        kwargs["filters"] = build_filter(**values)
        return command(**kwargs)

    wrapper.__signature__ = signature.replace(parameters=own + _FILTER_PARAMETERS)  # type: ignore[attr-defined]
    return wrapper
