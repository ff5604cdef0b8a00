"""Commands about meetings: init, add, list, show, delete, export."""

import sys
from collections.abc import Iterator
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from meetings.cli.options import with_filters, with_output


class ListFormat(str, Enum):
    table = "table"
    csv = "csv"
    json = "json"
    markdown = "markdown"


def _state(ctx: typer.Context) -> Any:
    return ctx.find_root().obj


def _interactive() -> bool:
    return sys.stdin.isatty()


def init(
    ctx: typer.Context,
    empty: Annotated[bool, typer.Option("--empty", help="Create the database without the seed records.")] = False,
) -> None:
    """Create the database and load the seed records. Running it again adds nothing.

    Example: meetings init
    """
    from meetings.db import masked, run_write
    from meetings.paths import seed_file
    from meetings.services.fixtures import load_fixture, read_fixture

    state = _state(ctx)
    engine = state.engine()
    if empty:
        typer.echo(f"Database ready: {masked(state.url)}")
        return
    data = read_fixture(seed_file())
    report = run_write(engine, lambda session: load_fixture(session=session, data=data))
    typer.echo(
        f"Database ready: {masked(state.url)}\n"
        f"Seed: {report.meetings_added} meetings added, {report.meetings_skipped} already present."
    )


def add(
    ctx: typer.Context,
    date: Annotated[str | None, typer.Option(
        "--date", "-d", help="Start date: YYYY, YYYY-MM or YYYY-MM-DD. Required.", show_default=False)] = None,
    attendee: Annotated[list[str] | None, typer.Option(
        "--attendee", "-a", metavar='"NAME, COUNTRY[, ROLE]"',
        help="Who attended, for which country, in which role (text after the second comma). "
             "Repeatable; at least one is required. Leave the name empty for an unnamed role: ', Russia, President'.",
    )] = None,
    title: Annotated[str | None, typer.Option(help="Title. Default: the countries, e.g. 'India–Russia meeting'.")] = None,
    end_date: Annotated[str | None, typer.Option("--end-date", help="Last day for meetings over several days.")] = None,
    venue: Annotated[str | None, typer.Option(help="Place, e.g. 'New Delhi'.")] = None,
    venue_country: Annotated[str | None, typer.Option("--venue-country", help="Country of the venue.")] = None,
    kind: Annotated[str | None, typer.Option(
        help="bilateral, multilateral, summit, visit, call or other. Default: bilateral for two countries, "
             "multilateral for more.")] = None,
    org: Annotated[str | None, typer.Option("--org", help="Organization or framework, by acronym (e.g. SCO).")] = None,
    sideline_of: Annotated[int | None, typer.Option(
        "--sideline-of", metavar="ID", help="Id of the meeting this one was held on the sidelines of.")] = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", "-t", help="A topic discussed. Repeatable.")] = None,
    source: Annotated[list[str] | None, typer.Option(
        "--source", "-s", help="Where this record comes from: a URL or a citation. Repeatable.")] = None,
    summary: Annotated[str | None, typer.Option(help="A short account of the meeting.")] = None,
) -> None:
    """Record a meeting and print its id.

    Example:

        meetings add --date 2023-04-28 --venue "New Delhi" --venue-country India
        --attendee "Rajnath Singh, India, Minister of Defence"
        --attendee "Sergei Shoigu, Russia, Minister of Defence" --topic "defence cooperation"
    """
    from meetings.cells import ATTENDEE_FORMAT, parse_attendee
    from meetings.db import run_write
    from meetings.errors import InvalidInput
    from meetings.fields import MeetingRecord, SourceRecord
    from meetings.services.meetings import add_meeting

    if date is None:
        if not _interactive():
            raise InvalidInput("--date", "is required: YYYY, YYYY-MM or YYYY-MM-DD")
        date = typer.prompt("Date (YYYY, YYYY-MM or YYYY-MM-DD)")
    attendees_text = list(attendee or [])
    if not attendees_text:
        if not _interactive():
            raise InvalidInput("--attendee", f"at least one is required: {ATTENDEE_FORMAT}")
        while True:
            line = typer.prompt("Attendee (NAME, COUNTRY[, ROLE]; empty line to finish)", default="", show_default=False)
            if not line.strip():
                if attendees_text:
                    break
                continue
            attendees_text.append(line)
    data = MeetingRecord(
        date=date,
        end_date=end_date,
        attendees=[parse_attendee(text, field="--attendee") for text in attendees_text],
        title=title,
        venue=venue,
        venue_country=venue_country,
        kind=kind,
        organization=org,
        sideline_of=sideline_of,
        topics=list(topic or []),
        sources=[SourceRecord(reference=text) for text in source or []],
        summary=summary,
    )
    def work(session: Any) -> tuple[int, list[str]]:
        offered = _offer_known_people(session, data)
        meeting = add_meeting(session=session, data=data)
        return meeting.id, [note.format(new=_person_id(session, name)) for name, note in offered]

    meeting_id, notes = run_write(_state(ctx).engine(), work)
    for note in notes:
        typer.echo(f"meetings: note: {note}", err=True)
    typer.echo(meeting_id)


def _person_id(session: Any, name: str) -> int | None:
    from meetings.services.records import find_person

    person = find_person(session, name)
    return person.id if person else None


def _offer_known_people(session: Any, data: Any) -> list[tuple[str, str]]:
    """For each attendee who would be a new person but is close to a known one of the same
    country: in a terminal, offer the known person; otherwise return a note to print."""
    from meetings.countries import resolve_country
    from meetings.services.people import similar_people
    from meetings.services.records import find_person

    notes = []
    for attendee in data.attendees:
        if not attendee.name or not attendee.country or find_person(session, attendee.name):
            continue
        country = resolve_country(attendee.country, field="--attendee country")
        close = similar_people(session=session, name=attendee.name, country_code=country.code)
        if not close:
            continue
        known = close[0]
        if _interactive():
            if typer.confirm(f"{attendee.name} ({country.name}) is not recorded yet; is this {known.name} "
                             f"(person {known.id})?", default=False):
                attendee.name = known.name
            continue
        others = ", ".join(f"{p.name} (person {p.id})" for p in close)
        notes.append((attendee.name, f"{attendee.name!r} ({country.name}) was recorded as a new person, close to "
                                     f"{others}; if they are the same: meetings people merge {known.id} {{new}}"))
    return notes


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

    with read_scope(_state(ctx).engine()) as session:
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

    with session_scope(_state(ctx).engine()) as session:
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


def delete(
    ctx: typer.Context,
    meeting_id: Annotated[int, typer.Argument(metavar="ID", help="The meeting's id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a meeting. Its sideline meetings are kept, detached from it.

    Example: meetings delete 7 --yes
    """
    from meetings.db import run_write
    from meetings.errors import InvalidInput
    from meetings.services.meetings import delete_meeting, get_meeting

    def work(session: Any) -> str:
        meeting = get_meeting(session=session, meeting_id=meeting_id)
        label = f"meeting {meeting.id} ({meeting.title})"
        if not yes:
            if not _interactive():
                raise InvalidInput("--yes", f"confirm deleting {label} with --yes when there is no terminal")
            if not typer.confirm(f"Delete {label}?", default=False):
                typer.echo("Nothing deleted.", err=True)
                raise typer.Exit(1)
        delete_meeting(session=session, meeting_id=meeting_id)
        return label

    typer.echo(f"Deleted {run_write(_state(ctx).engine(), work)}.")


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
    from meetings.services.queries import iter_meetings, iter_wide_cells

    state = _state(ctx)
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


def edit(
    ctx: typer.Context,
    meeting_id: Annotated[int, typer.Argument(metavar="ID", help="The meeting's id.")],
    date: Annotated[str | None, typer.Option("--date", "-d", help="New start date.")] = None,
    end_date: Annotated[str | None, typer.Option("--end-date", help="New end date ('' to remove it).")] = None,
    title: Annotated[str | None, typer.Option(help="New title.")] = None,
    venue: Annotated[str | None, typer.Option(help="New venue ('' to remove it).")] = None,
    venue_country: Annotated[str | None, typer.Option("--venue-country", help="New venue country ('' to remove it).")] = None,
    kind: Annotated[str | None, typer.Option(help="New kind.")] = None,
    org: Annotated[str | None, typer.Option("--org", help="New organization ('' to remove it).")] = None,
    sideline_of: Annotated[int | None, typer.Option("--sideline-of", metavar="ID", help="New parent meeting (0 to detach).")] = None,
    summary: Annotated[str | None, typer.Option(help="New summary ('' to remove it).")] = None,
    attendee: Annotated[list[str] | None, typer.Option("--attendee", "-a", metavar='"NAME, COUNTRY[, ROLE]"', help="Replace every attendee with these. Repeatable.")] = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", "-t", help="Replace every topic with these. Repeatable.")] = None,
    source: Annotated[list[str] | None, typer.Option("--source", "-s", help="Replace every source with these. Repeatable.")] = None,
    add_attendee: Annotated[list[str] | None, typer.Option("--add-attendee", metavar='"NAME, COUNTRY[, ROLE]"', help="Add an attendee. Repeatable.")] = None,
    remove_attendee: Annotated[list[str] | None, typer.Option("--remove-attendee", metavar="NAME", help="Remove an attendee by name (or the unnamed ones of a country). Repeatable.")] = None,
    add_topic: Annotated[list[str] | None, typer.Option("--add-topic", help="Add a topic. Repeatable.")] = None,
    remove_topic: Annotated[list[str] | None, typer.Option("--remove-topic", help="Remove a topic. Repeatable.")] = None,
    add_source: Annotated[list[str] | None, typer.Option("--add-source", help="Add a source. Repeatable.")] = None,
    editor: Annotated[bool, typer.Option("--editor", "-e", help="Edit the whole record as YAML in $VISUAL or $EDITOR.")] = False,
) -> None:
    """Change a recorded meeting. The result is checked like a new meeting; nothing is half-applied.

    Examples:

        meetings edit 3 --add-topic "arms exports" --remove-attendee "Rajnath Singh"

        meetings edit 3 --editor
    """
    from meetings.cells import parse_attendee
    from meetings.db import run_write
    from meetings.fields import SourceRecord
    from meetings.services.meetings import MeetingChanges, edit_meeting

    engine = _state(ctx).engine()
    if editor:
        _edit_in_editor(engine, meeting_id)
        return

    def attendees(values: list[str] | None) -> list[Any] | None:
        return None if values is None else [parse_attendee(v, field="--attendee") for v in values]

    changes = MeetingChanges(
        date=date, end_date=end_date, title=title, venue=venue, venue_country=venue_country, kind=kind,
        organization=org, sideline_of=sideline_of, summary=summary,
        attendees=attendees(attendee), topics=topic,
        sources=None if source is None else [SourceRecord(reference=s) for s in source],
        add_attendees=[parse_attendee(v, field="--add-attendee") for v in add_attendee or []],
        remove_attendees=list(remove_attendee or []), add_topics=list(add_topic or []),
        remove_topics=list(remove_topic or []), add_sources=[SourceRecord(reference=s) for s in add_source or []],
    )
    run_write(engine, lambda session: edit_meeting(session=session, meeting_id=meeting_id, changes=changes))
    typer.echo(f"Updated meeting {meeting_id}.")


EDITOR_HEADER = (
    "# Edit meeting {id} and save. Lines starting with # are ignored; an empty file cancels.\n"
    "# Dates: YYYY, YYYY-MM or YYYY-MM-DD. Kinds: bilateral, multilateral, summit, visit, call, other.\n"
)


def _edit_in_editor(engine: Any, meeting_id: int) -> None:
    """Open the meeting as YAML in the user's editor until it is valid (a bounded number of
    times), then save it at once; saved unchanged, nothing is written."""
    import yaml

    from meetings.cli.editor import ROUNDS, edit_text
    from meetings.cli.options import in_option_terms
    from meetings.db import run_write, session_scope
    from meetings.errors import InvalidInput
    from meetings.services.fixtures import meeting_from_mapping, meeting_to_mapping
    from meetings.services.meetings import meeting_input, replace_meeting

    with session_scope(engine) as session:
        current = meeting_input(session=session, meeting_id=meeting_id)
    original = meeting_to_mapping(current)
    body = yaml.safe_dump(original, allow_unicode=True, sort_keys=False, width=100)
    header = EDITOR_HEADER.format(id=meeting_id)
    text, previous = header + body, None
    for round_number in range(1, ROUNDS + 1):
        edited = edit_text(text, name=f"meeting-{meeting_id}.yaml")
        content = "\n".join(line for line in edited.splitlines() if not line.lstrip().startswith("#")).strip()
        if not content:
            typer.echo("Edit cancelled; nothing was changed.", err=True)
            raise typer.Exit(1)
        try:
            try:
                document = yaml.safe_load(content)
            except yaml.YAMLError as exc:
                raise InvalidInput("YAML", str(exc).replace("\n", " ")) from None
            if document == original:
                typer.echo(f"Meeting {meeting_id} saved unchanged; nothing was written.", err=True)
                return
            data = meeting_from_mapping(document, "meeting")
            run_write(engine, lambda session: replace_meeting(session=session, meeting_id=meeting_id, data=data))  # noqa: B023 - called at once
            break
        except InvalidInput as exc:
            if content == previous or round_number == ROUNDS:
                raise  # saved again unchanged, or refused too often: stop rather than loop
            previous = content
            text = f"# ERROR: {in_option_terms(exc)}\n{header}{content}\n"
    typer.echo(f"Updated meeting {meeting_id}.")

