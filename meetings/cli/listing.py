"""Commands that read meetings out: list, show, export."""

import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from meetings.cli.options import with_filters, with_output
from meetings.cli.state import state_of


class ListFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


@with_output
@with_filters
def list_meetings(
    ctx: typer.Context,
    filters: Any,
    output: Any,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many meetings; 0 for all.")] = 50,
) -> None:
    """List meetings, newest first. Every meeting is a row, sideline meetings too.

    Columns: id, date, end_date, title, kind, venue, venue_country, place, organization,
    sideline_of, countries, attendees, topics, sources, summary.

    Examples:

        meetings list --country Russia

        meetings list --country India --country Russia --from 2022 --format csv

        meetings list --search "make in india" --columns id,date,title,attendees
    """
    from meetings.db import read_scope
    from meetings.fields import WIDE_COLUMNS
    from meetings.output import LIST_COLUMNS, emit, meeting_object, wide_row
    from meetings.services.queries import iter_meetings

    with read_scope(state_of(ctx).engine()) as session:
        rows = ({**wide_row(r), "_record": r} for r in iter_meetings(session=session, filters=filters))
        count = emit(rows, output=output, available=(*WIDE_COLUMNS, "place"), table_columns=LIST_COLUMNS,
                     machine_columns=WIDE_COLUMNS, objects=lambda row: meeting_object(row["_record"]))
    if output.format.value in ("table", "markdown"):
        if count == 0:
            typer.echo("No meetings match.", err=True)
        elif filters.limit is not None and count == filters.limit:
            typer.echo(f"(first {count} shown; --limit 0 shows all)", err=True)


def show(
    ctx: typer.Context,
    meeting_id: Annotated[int, typer.Argument(metavar="ID", help="The meeting's id.")],
    output_format: Annotated[ListFormat, typer.Option("--format", "-f", help="table (a readable page) or json.")] = ListFormat.table,
) -> None:
    """Everything about one meeting: attendees, topics, sources, and the meetings it is linked to.

    Example: meetings show 2
    """
    import json

    from meetings.db import session_scope
    from meetings.errors import NotFound
    from meetings.output import meeting_object
    from meetings.services.queries import load_records, related_ids

    with session_scope(state_of(ctx).engine()) as session:
        found = load_records(session=session, meeting_ids=[meeting_id])
        if not found:
            raise NotFound(f"there is no meeting {meeting_id}")
        record = found[0]
        parent_id, sideline_ids = related_ids(session=session, meeting_id=meeting_id)
        related = {r.id: r for r in load_records(session=session, meeting_ids=[i for i in [parent_id, *sideline_ids] if i])}
    if output_format is ListFormat.json:
        typer.echo(json.dumps(meeting_object(record), ensure_ascii=False, indent=2))
        return
    typer.echo(_page(record, related.get(parent_id) if parent_id else None, [related[i] for i in sideline_ids],
                     tablefmt="github" if output_format is ListFormat.markdown else "simple"))


def _page(record: Any, parent: Any, sidelines: list[Any], *, tablefmt: str) -> str:
    from meetings.output import render_table

    def line(label: str, value: Any) -> str:
        return f"{label + ':':<14}{value}"

    date = record.date + (f" to {record.end_date}" if record.end_date else "")
    venue = ", ".join(p for p in (record.venue, record.venue_country) if p)
    lines = [f"Meeting {record.id}: {record.title}", line("Date", date), line("Kind", record.kind)]
    if venue:
        lines.append(line("Venue", venue))
    if record.organization:
        lines.append(line("Organization", record.organization))
    if parent is not None:
        lines.append(line("Sideline of", f"{parent.id}  {parent.title} ({parent.date})"))
    lines += ["", "Attendees:"]
    attendee_rows = [
        {"name": a.name or "(unnamed)", "country": a.country or "", "role": a.role or "", "rank": a.rank or "",
         "notes": ", ".join(n for n, on in (("host", a.host), ("chair", a.chair)) if on)}
        for a in record.attendees
    ]
    lines.append(render_table(attendee_rows, ("name", "country", "role", "rank", "notes"), tablefmt=tablefmt))
    if record.topics:
        lines += ["", "Topics:"] + [f"  - {t}" for t in record.topics]
    if record.sources:
        lines += ["", "Sources:"]
        for s in record.sources:
            extra = ", ".join(p for p in (s.publisher, s.published) if p)
            lines.append(f"  - {s.reference}" + (f" ({extra})" if extra else ""))
    if sidelines:
        lines += ["", "Sideline meetings:"] + [f"  {m.id}  {m.date}  {m.title}" for m in sidelines]
    if record.summary:
        lines += ["", "Summary:", record.summary]
    return "\n".join(lines)


@with_filters
def export(
    ctx: typer.Context,
    filters: Any,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write; standard output when absent or -.", dir_okay=False)] = None,
    long: Annotated[bool, typer.Option("--long", help="One row per attendance, for pivot tables.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")] = False,
    raw: Annotated[bool, typer.Option("--raw", help="Leave cells that start with = + - @ as they are (by default "
                                                    "they get a leading ' so spreadsheets do not run them).")] = False,
) -> None:
    """Export meetings as CSV (UTF-8, RFC 4180 quoting, ISO dates), one row per meeting.

    Attendees ("NAME, COUNTRY, ROLE"), countries, topics and sources are each joined with "; "
    in one cell; a backslash escapes a literal ";" (and "," inside a name or country).

    Examples:

        meetings export --output report.csv --country Russia

        meetings export --long --from 2023 > attendances.csv
    """
    from meetings.db import read_scope
    from meetings.fields import LONG_COLUMNS, WIDE_COLUMNS
    from meetings.output import long_rows, write_csv_cells
    from meetings.services.export import iter_wide_cells
    from meetings.services.queries import iter_meetings

    state = state_of(ctx)
    engine = state.engine()
    with read_scope(engine) as session:
        columns = LONG_COLUMNS if long else WIDE_COLUMNS
        rows: Iterator[list[Any]]
        if long:
            records = iter_meetings(session=session, filters=filters)
            rows = ([row[c] for c in columns] for r in records for row in long_rows(r))
        else:
            rows = iter_wide_cells(session=session, filters=filters)  # joined and escaped in SQL
        if output is None or str(output) == "-":
            write_csv_cells(rows, columns, sys.stdout, raw=raw)
            return
        from meetings.files import atomic_text_output

        with atomic_text_output(output, force=force, database_url=state.url) as stream:
            count = write_csv_cells(rows, columns, stream, raw=raw)
    typer.echo(f"Wrote {count} {'attendance' if long else 'meeting'} rows to {output}", err=True)
