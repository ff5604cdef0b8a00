"""`meetings import`: bring records in from CSV, JSON, JSONL, a fixture file or a preset's XML."""

import re
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, Any

import typer

from meetings.cli.presets import PRESET, print_presets, record_element, save_options_as_preset, use_preset, with_preset
from meetings.cli.rejects import (
    SHOWN_SKIPS,
    check_rejects_targets,
    default_skipped_path,
    inputs_label,
    skipped_file,
    staged_rejects,
)
from meetings.cli.state import state_of
from meetings.policy import OnDuplicate


class ImportFormat(str, Enum):
    auto = "auto"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    jsonl = "jsonl"
    fixture = "fixture"
    xml = "xml"


def _pairs(values: list[str] | None, option: str, *, targets: bool) -> dict[str, str]:
    from meetings.errors import InvalidInput
    from meetings.services.readers import FIELDS

    pairs: dict[str, str] = {}
    for value in values or []:
        left, sep, right = value.partition("=")
        if not sep or not left.strip():
            raise InvalidInput(option, f"{value!r} is not NAME=VALUE")
        field = right.strip() if targets else left.strip()
        if targets and not field:
            pairs[left.strip()] = ""  # "COLUMN=" ignores a column that has one of our names
            continue
        if field not in FIELDS:
            raise InvalidInput(option, f"{field!r} is not a field; use one of {', '.join(sorted(FIELDS))}")
        pairs[left.strip()] = right.strip() if targets else right
    return pairs


def _detect(path: str, head: bytes, chosen: ImportFormat) -> ImportFormat:
    if chosen is not ImportFormat.auto:
        return chosen
    suffix = Path(path).suffix.lower()
    by_suffix = {".csv": ImportFormat.csv, ".tsv": ImportFormat.tsv, ".tab": ImportFormat.tsv,
                 ".json": ImportFormat.json, ".jsonl": ImportFormat.jsonl, ".ndjson": ImportFormat.jsonl,
                 ".yaml": ImportFormat.fixture, ".yml": ImportFormat.fixture, ".xml": ImportFormat.xml}
    if suffix in by_suffix:
        return by_suffix[suffix]
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if start.startswith(b"["):
        return ImportFormat.json
    if start.startswith(b"{"):
        return ImportFormat.jsonl
    if start.startswith(b"<"):
        return ImportFormat.xml
    return ImportFormat.csv


def _xml_bytes(stream: Any, label: str, advance: Any) -> bytes:
    data = stream.read()
    if advance:
        advance(len(data))
    if not data.strip():
        from meetings.errors import InvalidInput

        raise InvalidInput(label, "is empty; nothing to import")
    return bytes(data)


def _problem(error: str) -> str:
    """What an import error says with its place and the values it quotes left out, so that one
    problem on many rows (a --date-format no cell matches) reads as one."""
    return re.sub(r"'[^']*'", "", re.sub(r"^.*?(?::\d+|: item \d+): ", "", error, count=1))


def _grouped(notes: list[str]) -> list[str]:
    """Notes that say the same of several whole files ("a.xml: ignored columns: ...") as one line
    naming the first file and how many more; a note about a line keeps its place."""
    groups: dict[str, list[str]] = {}  # what a note says -> the files it says it of (none: it stands alone)
    for note in notes:
        place, _, text = note.partition(": ")
        if not text or re.search(r":\d+$", place):
            groups.setdefault(note, [])
        else:
            groups.setdefault(text, []).append(place)
    return [f"{places[0]}{f' (and {len(places) - 1} more files)' if len(places) > 1 else ''}: {text}" if places
            else text for text, places in groups.items()]


def import_meetings(
    ctx: typer.Context,
    files: Annotated[list[str] | None, typer.Argument(metavar="FILE...", help="Files to import; - reads standard input.", show_default=False)] = None,
    preset: Annotated[str | None, typer.Option("--preset", metavar="NAME", is_eager=True, callback=use_preset, help="Read the files as a public source publishes them: the preset's options (each one given here replaces the preset's; --map and --set column by column and field by field) and rules (the columns the file must have; for XML, the element that is a record). --list-presets shows them.")] = None,
    list_presets: Annotated[bool, typer.Option("--list-presets", help="Show every preset (shipped and your own): its name, what source it reads and what it sets; import nothing.")] = False,
    save_preset: Annotated[str | None, typer.Option("--save-preset", metavar="NAME", help="Save the options of this command (with the rules of --preset, if given) as your own preset NAME, in the presets folder of the user config folder (e.g. ~/.config/meetings/presets/); then import the files, if any are named.")] = None,
    import_format: Annotated[ImportFormat, typer.Option("--format", "-f", help="auto (by extension or content), csv, tsv, json, jsonl, fixture or xml (with a preset that names its record element).")] = ImportFormat.auto,
    encoding: Annotated[str | None, typer.Option("--encoding", help="The files' encoding when not UTF-8 (UTF-8 with or without BOM and UTF-16 with BOM are recognised).")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Check everything and report what would be added, updated and skipped; write nothing.")] = False,
    skip_invalid: Annotated[bool, typer.Option("--skip-invalid", help="Import the valid records; write the rejected ones, with their reasons, to a rejects file.")] = False,
    rejects: Annotated[Path | None, typer.Option("--rejects", help="Where --skip-invalid writes rejected records (default: FILE.rejects.csv or .jsonl beside the input).", dir_okay=False)] = None,
    on_duplicate: Annotated[OnDuplicate, typer.Option("--on-duplicate", help="An exact duplicate (a meeting recorded with every field the same): skip it, update it, or refuse the import. A record that only shares a meeting's date and attendees is imported and queued for review (meetings duplicates).")] = OnDuplicate.SKIP,
    skipped_list: Annotated[Path | None, typer.Option("--skipped", help="Where the list of exact duplicates skipped goes, each with its file, line and the meeting it repeats (default: a file named for the time and the batch in the imports folder of the user data folder, e.g. ~/.local/share/meetings/imports/).", dir_okay=False)] = None,
    mapping: Annotated[list[str] | None, typer.Option("--map", metavar='"COLUMN=field"', help="Read a foreign CSV column as one of ours (date, attendee, country, role, venue, ...); \"COLUMN=\" ignores it. Repeatable.")] = None,
    constants: Annotated[list[str] | None, typer.Option("--set", metavar='"field=VALUE"', help="Give a field the same value on every row where the file leaves it empty. Repeatable.")] = None,
    fill_down: Annotated[list[str] | None, typer.Option("--fill-down", metavar="COLUMN", help="Fill blank cells of this column with the value above them. Repeatable.")] = None,
    date_format: Annotated[list[str] | None, typer.Option("--date-format", metavar="FORMAT", help="How the date column is written, in strftime codes (%b-%y reads Oct-12 as October 2012; %d/%m/%Y); repeatable, tried in order; 'auto' stands for the forms that need none (2023-03-03, 3 March 2023, March 3, 2023, August, 2010, 3–5 March 2023).")] = None,
    year: Annotated[int | None, typer.Option("--year", help="The year of dates that give none (a month alone, 'January', or '3 March').")] = None,
    day_first: Annotated[bool | None, typer.Option("--day-first/--month-first", help="Read 03/04/2012 as 3 April (day first) or March 4; without either, such dates are refused.", show_default=False)] = None,
    country_map: Annotated[Path | None, typer.Option("--country-map", metavar="FILE", help="A CSV of NAME,COUNTRY rows: how this import reads country names the program does not know (see also meetings countries alias).", dir_okay=False)] = None,
    attendee_columns: Annotated[list[str] | None, typer.Option("--attendee-column", metavar="COLUMN", help="A column naming attendees, as a register writes them (\"President Andrzej Duda and Prime Minister Donald Tusk\" is two people, each with the role the title gives); with the row's country, role and rank columns. Repeatable, for files with several attendee columns.")] = None,
    added_attendees: Annotated[list[str] | None, typer.Option("--add-attendee", metavar='"NAME, COUNTRY[, ROLE]"', help='An attendee added to every record, such as the host a register leaves implicit; the name may be empty (", United States, President": known by office and country). Repeatable.')] = None,
    organisation_columns: Annotated[list[str] | None, typer.Option("--organisation-column", metavar="COLUMN", help="A column naming organisations met (companies, unions, an international body's secretariat), several to a cell at commas or semicolons (\"BAE Systems, Rolls-Royce\"); each is an attendee of kind organisation, without a country (the row's country is its person's). Repeatable. (Frameworks such as SCO or NATO are a meeting's organization: meetings orgs.)")] = None,
    split_people: Annotated[bool, typer.Option("--split-people/--no-split-people", help="Read a foreign attendee cell (--attendee-column, or a column mapped to attendee) as the people it names, with titles as roles (the default); --no-split-people keeps each cell as one name.")] = True,
) -> None:
    """Import meetings from CSV (both `export` shapes, or a foreign layout with --map), JSON or JSONL
    (as `list --format json` prints them; ids optional), the fixture format, or a public register
    as published with --preset (CSV, or the source's own XML).

    Every record is checked first and the import is one transaction: all or nothing. A file that
    does not decode is refused with the byte offset; nothing is guessed.

    Each import is a batch (meetings imports lists them, meetings imports undo N removes what
    one added); its meetings record the file and line they came from (meetings show prints it).
    Exact duplicates are skipped and listed; a record that shares a meeting's date and attendees
    but differs elsewhere is imported and queued for review (meetings duplicates).

    Examples:

        meetings import last-quarter.csv

        meetings import colleague.json --dry-run

        meetings import travels.csv --map start_date=date --map name=attendee --set "country=United States" --map locale=venue --map country=venue_country --skip-invalid

        meetings import visits.csv --map start_date=date --attendee-column visitor --map from=country --add-attendee ", United States, President"

        meetings import --preset uk-ministers-meetings pm_meetings_jan_mar_2014.csv --year 2014

        meetings import --list-presets
    """
    from meetings.errors import InvalidInput

    chosen = ctx.meta.get(PRESET)
    if list_presets:
        print_presets()
        return
    if chosen is not None:
        mapping = with_preset(ctx, chosen, "mapping", mapping)
        constants = with_preset(ctx, chosen, "constants", constants)
    if save_preset is not None:
        save_options_as_preset(ctx, save_preset, chosen, mapping=mapping, constants=constants)
        if not files:
            return
    if not files:
        raise InvalidInput("FILE", "name one or more files to import (or see meetings import --list-presets)")
    from contextlib import ExitStack

    from meetings.countries import country_names, mapped_names
    from meetings.db import unit_of_work
    from meetings.errors import FileProblem
    from meetings.services.batches import discard_batch, finish_batch, start_batch
    from meetings.services.importer import Importer, ImportOptions, collector_paused
    from meetings.services.readers import CsvLayout

    layout = CsvLayout(mapping=_pairs(mapping, "--map", targets=True), constants=_pairs(constants, "--set", targets=False),
                       fill_down=tuple(fill_down or ()), dates=_date_reading(date_format, year, day_first),
                       columns=chosen.columns if chosen else {}, preset=chosen.name if chosen else None,
                       attendee_columns=tuple(attendee_columns or ()), split_people=split_people,
                       organisation_columns=tuple(organisation_columns or ()))
    options = ImportOptions(on_duplicate=on_duplicate, skip_invalid=skip_invalid,
                            added_attendees=_added_attendees(added_attendees))
    if files.count("-") > 1:
        raise InvalidInput("FILE", "standard input (-) can be read only once")
    for name in files:
        if name != "-" and not Path(name).exists():
            raise FileProblem(f"FILE: {name} does not exist")
        if name != "-" and not Path(name).is_file():
            raise InvalidInput("FILE", f"{name} is not a file (a folder, device or pipe)")
    keep_rejects = skip_invalid  # a dry run writes the rejects file it would write, and nothing else
    if keep_rejects:
        check_rejects_targets(files, rejects)
    if skipped_list is not None and skipped_list.exists():
        raise InvalidInput("--skipped", f"{skipped_list} exists; move it away or name another with --skipped")

    names = country_names(chosen.countries, name=f"preset {chosen.name}: countries") if chosen else {}
    names |= _country_map(country_map) if country_map is not None else {}
    with ExitStack() as stack:
        engine = _engine(ctx, stack, dry_run=dry_run)
        # The rejects files are open (beside where they go) before anything is written, and are put
        # in place only once complete, after the commit; the unit of work, entered last, ends first.
        staged = {name: stack.enter_context(staged_rejects(name, rejects)) for name in files} if keep_rejects else {}
        advance = stack.enter_context(_progress(files))
        stack.enter_context(mapped_names(names))
        stack.enter_context(collector_paused())
        unit = stack.enter_context(unit_of_work(engine, write=True))
        _check_added(added_attendees, options.added_attendees)
        batch = start_batch(unit.session, ["<stdin>" if name == "-" else name for name in files])
        importer = Importer(unit.session, options, batch=batch)
        for name in files:
            _import_file(importer, name, import_format, encoding, layout, advance, chosen)
        report = importer.finish()
        kept = bool(report.added or report.updated)
        if kept:
            finish_batch(unit.session, batch, added=report.added, updated=report.updated, skipped=report.skipped,
                         rejected=report.rejected)
        else:
            discard_batch(unit.session, batch)
        if report.error_count and not skip_invalid:
            lines = report.errors + ([f"... and {report.error_count - len(report.errors)} more"]
                                     if report.error_count > len(report.errors) else [])
            if report.error_count == 1:
                joined = f" {lines[0]}"
            elif len({_problem(error) for error in report.errors}) == 1:  # one problem on every row: one line
                joined = (f" {report.errors[0]} (and {report.error_count - 1} more records the same way; "
                          "--skip-invalid --rejects FILE lists each)")
            else:
                joined = "\n  " + "\n  ".join(lines)
            raise InvalidInput("import", f"{report.error_count} invalid record(s) in {inputs_label(files)}; nothing was "
                                         f"imported:{joined}")
        written = [(name, staged[name].write(report.rejects)) for name in staged]
        skipped_path = None
        if report.skips and (skipped_list is not None or not dry_run):
            skipped_path = stack.enter_context(skipped_file(skipped_list or default_skipped_path(batch if kept else None), report.skips))
        if not dry_run:
            unit.commit()
    for note in _grouped(report.notes):
        typer.echo(f"meetings: note: {note}", err=True)
    if report.error_count:
        for line in report.errors:
            typer.echo(f"meetings: rejected: {line}", err=True)
        if report.error_count > len(report.errors):
            typer.echo(f"meetings: ... and {report.error_count - len(report.errors)} more rejected", err=True)
    for item, duplicate in report.skips[:SHOWN_SKIPS]:
        which = f"meeting {duplicate}" if duplicate is not None else "a record before it"
        typer.echo(f"meetings: skipped: {item.location}: exact duplicate of {which}", err=True)
    if len(report.skips) > SHOWN_SKIPS:
        typer.echo(f"meetings: ... and {len(report.skips) - SHOWN_SKIPS} more skipped", err=True)
    verb = "Would import" if dry_run else f"Imported (batch {batch})" if kept else "Imported (nothing changed, no batch)"
    typer.echo(f"{verb}: {report.added} added, {report.updated} updated, {report.skipped} skipped as exact "
               f"duplicates, {report.rejected} rejected.", err=True)
    if report.probable:
        typer.echo(f"{report.probable} of those added share a recorded meeting's date and attendees but differ "
                   "elsewhere: review them with meetings duplicates.", err=True)
    if skipped_path is not None:
        typer.echo(f"Skipped records, each with its file, line and the meeting it repeats, are listed in {skipped_path}.",
                   err=True)
    for _, path in written:
        if path is not None:
            typer.echo(f"Rejected records, with reasons, are in {path}; fix them and import that file again.",
                       err=True)


def _added_attendees(values: list[str] | None) -> tuple[Any, ...]:
    """The --add-attendee values read ("NAME, COUNTRY[, ROLE]"); checked by _check_added."""
    from meetings.cells import parse_attendee

    return tuple(parse_attendee(value, field="added_attendee") for value in values or ())


def _check_added(values: list[str] | None, attendees: tuple[Any, ...]) -> None:
    """Refuse an --add-attendee that could not be recorded, once, before any record is read
    (countries resolve as this import reads them: taught names and --country-map included)."""
    from meetings.errors import InvalidInput
    from meetings.services.normal import check_attendee

    for value, attendee in zip(values or (), attendees, strict=True):
        try:
            check_attendee(attendee)
        except InvalidInput as exc:
            raise InvalidInput("added_attendee", f"{value!r}: {exc.detail}") from None


def _date_reading(formats: list[str] | None, year: int | None, day_first: bool | None) -> Any:
    from meetings.dates import AUTO, DateReading
    from meetings.errors import InvalidInput

    for form in formats or ():
        if form != AUTO and "%" not in form:
            raise InvalidInput("--date-format", f"{form!r} has no strftime code; use codes such as %d, %b, %B, %m, %y, %Y "
                                                "(for example %b-%y), or auto")
    if year is not None and not 1 <= year <= 9999:
        raise InvalidInput("--year", f"{year} is not a year; use 1 to 9999")
    return DateReading(formats=tuple(formats or (AUTO,)), year=year, day_first=day_first)


def _engine(ctx: typer.Context, stack: Any, *, dry_run: bool) -> Any:
    """The database to import into. A dry run where there is no database yet checks against an
    empty one in a temporary folder, so that it creates nothing."""
    from meetings.db import database_exists, open_database

    state = state_of(ctx)
    if not dry_run or database_exists(state.url):
        return state.engine()
    import tempfile

    folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="meetings-dry-run-"))
    engine = open_database(str(Path(folder) / "dry-run.db"))
    stack.callback(engine.dispose)
    return engine


def _country_map(path: Path) -> dict[str, str]:
    from meetings.countries import read_country_map
    from meetings.errors import FileProblem, InvalidInput
    from meetings.files import decoded_lines

    if not path.is_file():
        raise InvalidInput("--country-map", f"{path} is not a file")
    try:
        with path.open("rb") as stream:
            return read_country_map(list(decoded_lines(stream, name=f"--country-map {path}")), name=f"--country-map {path}")
    except OSError as exc:
        raise FileProblem(f"--country-map: cannot read {path}: {exc.strerror}") from None


def _import_file(importer: Any, name: str, chosen: ImportFormat, encoding: str | None, layout: Any,
                 advance: Any, preset: Any) -> None:
    from meetings.errors import FileProblem
    from meetings.files import decoded_lines
    from meetings.services import readers

    label = "<stdin>" if name == "-" else name
    try:
        stream = sys.stdin.buffer if name == "-" else open(name, "rb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise FileProblem(f"{name}: cannot read: {exc.strerror}") from None
    try:
        head = stream.peek(64)[:64] if hasattr(stream, "peek") else b""
        kind = _detect(name, head, chosen)
        if kind is ImportFormat.fixture:
            _import_fixture(importer, label, stream, encoding, source=name)
            return
        if kind is ImportFormat.xml:
            items = readers.read_xml(_xml_bytes(stream, label, advance), name=label, layout=layout,
                                     record=record_element(label, preset))
        elif kind in (ImportFormat.csv, ImportFormat.tsv):
            delimiter = "," if kind is ImportFormat.csv else "\t"
            items = readers.read_csv(decoded_lines(stream, name=label, encoding=encoding), name=label, layout=layout,
                                     delimiter=delimiter, progress=advance)
        elif kind is ImportFormat.jsonl:
            items = readers.read_jsonl(decoded_lines(stream, name=label, encoding=encoding), name=label,
                                       progress=advance)
        else:
            items = readers.read_json("".join(decoded_lines(stream, name=label, encoding=encoding)), name=label)
        for item in items:
            if isinstance(item, readers.Item):
                item.source = name
            importer.take(item)
    finally:
        if name != "-":
            stream.close()


def _import_fixture(importer: Any, label: str, stream: Any, encoding: str | None, *, source: str) -> None:
    from meetings.errors import InvalidInput
    from meetings.files import decoded_lines
    from meetings.services.fixtures import load_fixture, parse_fixture

    text = "".join(decoded_lines(stream, name=label, encoding=encoding))
    if not text.strip():
        raise InvalidInput(label, "is empty; nothing to import")
    data = parse_fixture(text, where=label)
    try:
        load_fixture(session=importer.session, data=data, importer=importer, label=f"{label}: ", source=source)
    except InvalidInput as exc:
        raise InvalidInput(label, str(exc)) from None


class _progress:
    """A progress bar on stderr for imports that take more than a moment (only in a terminal)."""

    def __init__(self, files: list[str]) -> None:
        self.total = sum(Path(f).stat().st_size for f in files if f != "-")
        self.bar: Any = None

    def __enter__(self):  # type: ignore[no-untyped-def]
        if not sys.stderr.isatty() or self.total < 1_000_000:
            return None
        from rich.progress import BarColumn, Progress, TimeRemainingColumn

        self.bar = Progress("[progress.description]{task.description}", BarColumn(), "{task.percentage:>3.0f}%",
                            TimeRemainingColumn(), transient=True)
        self.bar.start()
        task = self.bar.add_task("importing", total=self.total)
        return lambda n: self.bar.advance(task, n)

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()

