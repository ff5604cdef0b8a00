"""Commands that change meetings: init, add, edit, delete."""

import sys
from typing import Annotated, Any

import typer

from meetings.cli.options import MeetingId
from meetings.cli.state import state_of


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

    state = state_of(ctx)
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
    from meetings.services.editing import add_meeting

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
        meeting_id = add_meeting(session=session, data=data)
        return meeting_id, [note.format(new=_person_id(session, name)) for name, note in offered]

    meeting_id, notes = run_write(state_of(ctx).engine(), work)
    for note in notes:
        typer.echo(f"meetings: note: {note}", err=True)
    typer.echo(meeting_id)


def _person_id(session: Any, name: str) -> int | None:
    from meetings.services.shared import find_person

    person = find_person(session, name)
    return person.id if person else None


def _offer_known_people(session: Any, data: Any) -> list[tuple[str, str]]:
    """For each attendee who would be a new person but is close to a known one of the same
    country: in a terminal, offer the known person; otherwise return a note to print."""
    from meetings.countries import resolve_country
    from meetings.services.people import similar_people
    from meetings.services.shared import find_person

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


def delete(
    ctx: typer.Context,
    meeting_id: MeetingId,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Delete a meeting. Its sideline meetings are kept, detached from it.

    Example: meetings delete 7 --yes
    """
    from meetings.db import run_write
    from meetings.errors import InvalidInput
    from meetings.services.editing import delete_meeting, get_meeting

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

    typer.echo(f"Deleted {run_write(state_of(ctx).engine(), work)}.")


def edit(
    ctx: typer.Context,
    meeting_id: MeetingId,
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
    from meetings.services.editing import MeetingChanges, edit_meeting

    engine = state_of(ctx).engine()
    if editor:
        _edit_in_editor(engine, meeting_id)
        return

    def attendees(values: list[str] | None) -> list[Any] | None:
        return None if values is None else [parse_attendee(v, field="--attendee") for v in values]

    changes = MeetingChanges(
        values={name: value for name, value in (
            ("date", date), ("end_date", end_date), ("title", title), ("venue", venue),
            ("venue_country", venue_country), ("kind", kind), ("organization", org), ("summary", summary),
        ) if value is not None},
        sideline_of=sideline_of,
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

    from meetings.cli.editor import edit_text, rounds
    from meetings.cli.options import in_option_terms
    from meetings.db import run_write, session_scope
    from meetings.errors import InvalidInput
    from meetings.mappings import dump_yaml, load_yaml, meeting_from_mapping, meeting_to_mapping
    from meetings.services.editing import meeting_input, replace_meeting

    with session_scope(engine) as session:
        current = meeting_input(session=session, meeting_id=meeting_id)
    original = meeting_to_mapping(current)
    body = dump_yaml(original, width=100)
    header = EDITOR_HEADER.format(id=meeting_id)
    text, previous = header + body, None
    last_round = rounds()
    for round_number in range(1, last_round + 1):
        edited = edit_text(text, name=f"meeting-{meeting_id}.yaml")
        content = "\n".join(line for line in edited.splitlines() if not line.lstrip().startswith("#")).strip()
        if not content:
            typer.echo("Edit cancelled; nothing was changed.", err=True)
            raise typer.Exit(1)
        try:
            try:
                document = load_yaml(content)
            except yaml.YAMLError as exc:
                raise InvalidInput("YAML", str(exc).replace("\n", " ")) from None
            if document == original:
                typer.echo(f"Meeting {meeting_id} saved unchanged; nothing was written.", err=True)
                return
            data = meeting_from_mapping(document, "meeting")
            run_write(engine, lambda session: replace_meeting(session=session, meeting_id=meeting_id, data=data))  # noqa: B023 - called at once
            break
        except InvalidInput as exc:
            if content == previous or round_number == last_round:
                raise  # saved again unchanged, or refused too often: stop rather than loop
            previous = content
            text = f"# ERROR: {in_option_terms(exc)}\n{header}{content}\n"
    typer.echo(f"Updated meeting {meeting_id}.")
