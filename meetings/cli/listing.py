"""Commands that read meetings out: list, show, export."""

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from meetings.cli.options import MeetingId, with_filters, with_output
from meetings.cli.state import state_of

# How many meetings a table shows unless --limit says otherwise; the machine formats show every match.
TABLE_PAGE = 50


@with_output
@with_filters
def list_meetings(
    ctx: typer.Context,
    filters: Any,
    output: Any,
    limit: Annotated[int | None, typer.Option(
        "--limit", "-n", show_default=False,
        help=f"At most this many meetings; 0 for all. Default: {TABLE_PAGE} in a table or markdown "
             "(with a note when there are more), every match in csv, tsv, json and jsonl.")] = None,
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

    paged = output.format.value in ("table", "markdown")
    if paged and limit is None:
        import dataclasses

        filters = dataclasses.replace(filters, limit=TABLE_PAGE)
    with read_scope(state_of(ctx).engine()) as session:
        rows = ({**wide_row(r), "_record": r} for r in iter_meetings(session=session, filters=filters))
        count = emit(rows, output=output, available=(*WIDE_COLUMNS, "place"), table_columns=LIST_COLUMNS,
                     machine_columns=WIDE_COLUMNS, objects=lambda row: meeting_object(row["_record"]),
                     empty="No meetings match.")
    if paged and filters.limit is not None and count == filters.limit:
        typer.echo(f"(first {count} shown; --limit 0 shows all)", err=True)


def show(
    ctx: typer.Context,
    meeting_id: MeetingId,
    output_format: Annotated[Literal["table", "csv", "json", "markdown"], typer.Option(
        "--format", "-f", help="table (a readable page) or json.")] = "table",
) -> None:
    """Everything about one meeting: attendees, topics, sources, and the meetings it is linked to.

    Example: meetings show 2
    """
    import json

    from meetings.db import session_scope
    from meetings.errors import NotFound
    from meetings.output import meeting_object
    from meetings.services.batches import origin_of
    from meetings.services.queries import load_records, related_ids

    with session_scope(state_of(ctx).engine()) as session:
        found = load_records(session=session, meeting_ids=[meeting_id])
        if not found:
            raise NotFound(f"there is no meeting {meeting_id}")
        record = found[0]
        parent_id, sideline_ids = related_ids(session=session, meeting_id=meeting_id)
        related = {r.id: r for r in load_records(session=session, meeting_ids=[i for i in [parent_id, *sideline_ids] if i])}
        origin = origin_of(session, meeting_id)
    if output_format == "json":
        typer.echo(json.dumps(meeting_object(record), ensure_ascii=False, indent=2))
        return
    typer.echo(_page(record, related.get(parent_id) if parent_id else None, [related[i] for i in sideline_ids],
                     tablefmt="github" if output_format == "markdown" else "simple", origin=origin))


def _page(record: Any, parent: Any, sidelines: list[Any], *, tablefmt: str, origin: Any = None) -> str:
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
    if origin is not None:
        lines.append(line("Imported", str(origin)))
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
        "--output", "-o", help="File to write; standard output when absent or - (CSV only).", dir_okay=False)] = None,
    export_format: Annotated[Literal["csv", "xlsx"], typer.Option(
        "--format", "-f", help="csv, or xlsx: a workbook with a sheet per meeting and a sheet per attendance, "
                               "dates as date cells (needs meetings[xlsx]).")] = "csv",
    long: Annotated[bool, typer.Option("--long", help="One row per attendance, for pivot tables.")] = False,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")] = False,
    raw: Annotated[bool, typer.Option("--raw", help="Leave cells that start with = + - @ as they are (by default "
                                                    "they get a leading ' so spreadsheets do not run them).")] = False,
    bom: Annotated[bool, typer.Option("--bom", help="Start the CSV with a byte-order mark, so that Excel "
                                                    "opens it as UTF-8.")] = False,
) -> None:
    """Export meetings as CSV (UTF-8, RFC 4180 quoting, ISO dates), one row per meeting, or as an
    XLSX workbook.

    Attendees ("NAME, COUNTRY, ROLE"), countries, topics and sources are each joined with "; "
    in one cell; a backslash escapes a literal ";" (and "," inside a name or country). Beside
    date and end_date as recorded, first_day and last_day are the ISO days they stand for.

    Examples:

        meetings export --output report.csv --country Russia

        meetings export --long --from 2023 > attendances.csv

        meetings export --format xlsx --output russia.xlsx --country Russia
    """
    from meetings.db import read_scope
    from meetings.errors import InvalidInput
    from meetings.fields import LONG_COLUMNS, WIDE_COLUMNS
    from meetings.output import long_rows, write_csv_cells
    from meetings.services.export import iter_wide_cells
    from meetings.services.queries import iter_meetings

    state = state_of(ctx)
    xlsx = export_format == "xlsx"
    if xlsx:
        from meetings.spreadsheet import require_xlsxwriter

        if output is None or str(output) == "-":
            raise InvalidInput("--output", "an XLSX workbook is a file; name it with --output FILE.xlsx")
        for flag, given in (("--long", long), ("--bom", bom), ("--raw", raw)):
            if given:
                raise InvalidInput(flag, "is for CSV; a workbook has a sheet per meeting and one per attendance, "
                                         "and its text cells never run as formulas")
        require_xlsxwriter()
    engine = state.engine()
    with read_scope(engine) as session:

        def attendance_rows() -> Any:
            return ([row[c] for c in LONG_COLUMNS] for r in iter_meetings(session=session, filters=filters)
                    for row in long_rows(r))

        columns = LONG_COLUMNS if long else WIDE_COLUMNS
        # The one-row-per-meeting cells are joined and escaped in SQL.
        rows: Iterator[list[Any]] = attendance_rows() if long else iter_wide_cells(session=session, filters=filters)
        from meetings.files import atomic_output

        if xlsx:
            from meetings.spreadsheet import SHEET_NAMES, write_workbook

            assert output is not None
            with atomic_output(output, force=force, database_url=state.url, binary=True) as binary:
                meetings_count, attendances_count = write_workbook(binary, [
                    (SHEET_NAMES[0], WIDE_COLUMNS, rows), (SHEET_NAMES[1], LONG_COLUMNS, attendance_rows())])
            typer.echo(f"Wrote {meetings_count} meetings and {attendances_count} attendances to {output}", err=True)
            return
        if output is None or str(output) == "-":
            if bom:
                sys.stdout.write("\ufeff")
            write_csv_cells(rows, columns, sys.stdout, raw=raw)
            return
        with atomic_output(output, force=force, database_url=state.url) as stream:
            if bom:
                stream.write("\ufeff")
            count = write_csv_cells(rows, columns, stream, raw=raw)
    typer.echo(f"Wrote {count} {'attendance' if long else 'meeting'} rows to {output}", err=True)
