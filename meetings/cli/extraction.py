"""`meetings extract`: draft records from a news report, reviewed, then saved through import."""

import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from meetings.cli.state import state_of


class DraftFormat(str, Enum):
    yaml = "yaml"
    json = "json"


def extract(
    ctx: typer.Context,
    files: Annotated[list[str], typer.Argument(metavar="FILE...", help="Reports as plain text (at most 4 MB each); - reads standard input. A first line that is a URL is taken as the source.")],
    draft_format: Annotated[DraftFormat, typer.Option("--format", "-f", help="yaml (for reading) or json.")] = DraftFormat.yaml,
    published: Annotated[str | None, typer.Option("--published", metavar="DATE", help="The report's date, for 'today', 'yesterday' and 'on April 28' (default: its dateline).")] = None,
    evidence: Annotated[bool, typer.Option("--evidence", help="Add, for each meeting, the sentence each value came from and the rule that produced it.")] = False,
    save: Annotated[bool, typer.Option("--save", help="Show the draft, ask, and import it (duplicates of recorded meetings are skipped).")] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="With --save: do not ask.")] = False,
    edit: Annotated[bool, typer.Option("--edit", help="With --save: open the draft in $VISUAL or $EDITOR first.")] = False,
    lookup: Annotated[bool, typer.Option("--lookup/--no-lookup", help="Give attendees the report names without a country the country they are recorded for in the database (if it exists).")] = True,
) -> None:
    """Read news reports and print the meetings they describe as one draft in the fixture format:
    kind, date, venue, framework, sideline links, attendees with country, role and rank, topics.

    Fields the text does not support are left empty. Offline and deterministic. Given several
    reports, a meeting two of them tell (the same people on the same date, as in both sides'
    readouts of one call) is one meeting with both sources; a pair that may be one meeting but
    is not certain (the same people, another or no date) is kept twice and listed on stderr.

    Examples:

        meetings extract readout.txt

        meetings extract readout.txt --save --edit

        meetings extract ministry_a.txt ministry_b.txt --save --yes

        pbpaste | meetings extract - --published 2024-07-09
    """
    import json

    import yaml

    from meetings.dates import PartialDate
    from meetings.errors import InvalidInput
    from meetings.extract import extract as extract_meetings
    from meetings.extract.combine import combine
    from meetings.mappings import dump_yaml, load_yaml

    if files.count("-") > 1:
        raise InvalidInput("FILE", "standard input (-) can be read once")
    day = None
    if published:
        partial = PartialDate.parse(published, field="--published")
        day = partial.first_day if partial.precision.value == "day" else None
        if day is None:
            raise InvalidInput("--published", "give the full date, YYYY-MM-DD")
    recorded = _recorded(ctx) if lookup else None
    drafts = [extract_meetings(text, published=day, recorded=recorded, label=label)
              for label, text in (_report(file) for file in files)]
    combined = combine(drafts)
    draft = combined.draft
    for into, folded in combined.merged:
        typer.echo(f"meetings: {folded} is the meeting {into} told by another report; one meeting with both sources.",
                   err=True)
    for kept, other in combined.doubtful:
        typer.echo(f"meetings: {kept} and {other} may be one meeting (the same people, another or no date); "
                   "both are kept: remove one with --edit if they are.", err=True)
    document = draft.as_fixture(evidence=evidence)
    if draft_format is DraftFormat.json:
        rendered = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    else:
        rendered = dump_yaml(document, width=100)
    if not draft.meetings:
        typer.echo(rendered, nl=False)
        typer.echo("meetings: no meetings found in the report; nothing to save.", err=True)
        return
    if not save:
        typer.echo(rendered, nl=False)
        return
    if edit:
        rendered = _edited(rendered, draft_format)
        try:
            document = load_yaml(rendered)
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or exc
            raise InvalidInput("--edit", f"the edited draft is not valid YAML or JSON ({problem}); nothing was saved") from None
        if not isinstance(document, dict):
            raise InvalidInput("--edit", "the edited draft must be a mapping with a 'meetings' list; nothing was saved")
    else:
        typer.echo(rendered, nl=False)
    if not yes:
        if not sys.stdin.isatty() or "-" in files:
            raise InvalidInput("--yes", "confirm saving with --yes when there is no terminal to ask in")
        if not typer.confirm(f"Save {len(document.get('meetings') or [])} meeting(s)?", default=False):
            typer.echo("Nothing saved.", err=True)
            raise typer.Exit(1)
    _check_complete(document)
    from meetings.db import run_write
    from meetings.services.fixtures import load_fixture

    report = run_write(state_of(ctx).engine(), lambda session: load_fixture(session=session, data=document))
    typer.echo(f"Saved: {report.meetings_added} added, {report.meetings_skipped} already recorded.", err=True)


def _report(file: str) -> tuple[str, str]:
    """(label, text) of a report file or standard input, refused above the size limit."""
    import io

    from meetings.errors import FileProblem, InvalidInput
    from meetings.extract.report import MAX_REPORT_BYTES, too_large
    from meetings.files import decoded_lines

    label = "<stdin>" if file == "-" else file
    if file != "-" and not Path(file).is_file():
        raise InvalidInput("FILE", f"{file} is not a file")
    try:
        stream = sys.stdin.buffer if file == "-" else open(file, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise FileProblem(f"{file}: cannot read: {exc.strerror}") from None
    try:
        data = stream.read(MAX_REPORT_BYTES + 1)
    except OSError as exc:
        raise FileProblem(f"{file}: cannot read: {exc.strerror}") from None
    finally:
        if file != "-":
            stream.close()
    if len(data) > MAX_REPORT_BYTES:
        raise too_large(label)
    text = "".join(decoded_lines(io.BytesIO(data), name=label))
    if not text.strip():
        raise InvalidInput(label, "is empty; give the text of a report")
    return label, text


def _check_complete(document: Any) -> None:
    """Every meeting needs a date and every attendee a country to be recorded; the draft leaves
    them empty where the report does not say them, so say which one before anything is saved."""
    from meetings.errors import InvalidInput

    # A draft whose shape is wrong is left to the importer, which says where.
    meetings = document.get("meetings")
    for index, meeting in enumerate(meetings if isinstance(meetings, list) else []):
        if isinstance(meeting, dict) and not meeting.get("date"):
            raise InvalidInput(f"meetings[{index}].date", "the report does not say when this meeting was; give "
                               "--published DATE (the report's date) or add it with --edit; nothing was saved")
        attendees = meeting.get("attendees") if isinstance(meeting, dict) else None
        for position, attendee in enumerate(attendees if isinstance(attendees, list) else []):
            if isinstance(attendee, dict) and not attendee.get("country"):
                who = attendee.get("name") or attendee.get("role") or "an attendee"
                raise InvalidInput(f"meetings[{index}].attendees[{position}].country",
                                   f"the report does not say {who}'s country; add it with --edit (or "
                                   "remove the attendee); nothing was saved")


def _recorded(ctx: typer.Context) -> Any:
    """A lookup of recorded people's countries, if the database exists; none is created for it."""
    from meetings.db import resolve_target, sqlite_file

    path = sqlite_file(resolve_target(state_of(ctx).db))
    if path is not None and not path.is_file():
        return None

    def recorded(names: list[str]) -> dict[str, str]:
        from meetings.db import session_scope
        from meetings.services.people import recorded_countries

        with session_scope(state_of(ctx).engine()) as session:
            return recorded_countries(session=session, names=names)

    return recorded


def _edited(rendered: str, draft_format: "DraftFormat") -> str:
    from meetings.cli.editor import edit_text

    return edit_text(rendered, name="draft.json" if draft_format is DraftFormat.json else "draft.yaml")

