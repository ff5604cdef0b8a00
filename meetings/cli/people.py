"""`meetings people`: who attended, under which names, and merging duplicates."""

from typing import Annotated, Any

import typer

from meetings.cli.options import PersonId, with_output
from meetings.cli.state import state_of

Keep = Annotated[int, typer.Argument(metavar="KEEP", help="The person to keep.")]
Drop = Annotated[int, typer.Argument(metavar="DROP", help="The duplicate: its meetings move to KEEP, its names become aliases.")]
Alias = Annotated[str, typer.Argument(metavar="ALIAS", help="Another name they go by.")]

app = typer.Typer(invoke_without_command=True, rich_markup_mode=None, add_completion=False)

PEOPLE_COLUMNS = ("id", "name", "kind", "aliases", "countries", "meetings", "first", "last")


@app.callback()
@with_output
def people(
    ctx: typer.Context,
    output: Any,
    country: Annotated[str | None, typer.Option("--country", "-c", help="Only people who attended for this country.")] = None,
    search: Annotated[str | None, typer.Option("--search", "-s", help="Only people with a name (or alias) matching this.")] = None,
    kind: Annotated[str | None, typer.Option("--kind", metavar="person|organisation", help="Only people, or only organisations met as attendees (companies, unions, a body's secretariat; frameworks such as SCO are meetings orgs).")] = None,
) -> None:
    """List people (and organisations met as attendees) with their kind, aliases, countries,
    number of meetings and first and last meeting; show one, record another name for one, or make
    two records one.

    Examples:

        meetings people --country Russia

        meetings people --kind organisation

        meetings people show 3
    """
    if ctx.invoked_subcommand is not None:
        return
    from meetings.cli.options import name_words
    from meetings.countries import resolve_country
    from meetings.db import session_scope
    from meetings.output import emit
    from meetings.services.normal import attendee_kind
    from meetings.services.people import list_people

    code = resolve_country(country, field="--country").code if country else None
    words = name_words(search, "--search")
    chosen = attendee_kind(kind, field="--kind") if kind is not None else None
    with session_scope(state_of(ctx).engine()) as session:
        found = list_people(session=session, country_code=code, words=words, kind=chosen)
    rows = [{"id": p.id, "name": p.name, "kind": p.kind, "aliases": "; ".join(p.aliases),
             "countries": "; ".join(p.countries), "meetings": p.meetings, "first": p.first, "last": p.last,
             "_person": p} for p in found]
    emit(rows, output=output, available=PEOPLE_COLUMNS, table_columns=PEOPLE_COLUMNS, empty="No people match.",
         objects=lambda row: {**{k: row[k] for k in ("id", "name", "kind", "meetings", "first", "last")},
                              "aliases": row["_person"].aliases, "countries": row["_person"].countries})


@app.command()
def show(
    ctx: typer.Context,
    person_id: PersonId,
) -> None:
    """Everything about one person: their names and every meeting, with the role they held.

    Example: meetings people show 3
    """
    from meetings.db import session_scope
    from meetings.output import render_table
    from meetings.services.people import appearances, get_person

    with session_scope(state_of(ctx).engine()) as session:
        person = get_person(session, person_id)
        aliases = [n.name for n in person.names if n.key != person.key]
        rows = appearances(session=session, person_id=person_id)
        name = person.name
    lines = [f"Person {person_id}: {name}"]
    if aliases:
        lines.append(f"Also known as: {'; '.join(aliases)}")
    lines.append(f"Meetings: {len(rows)}")
    if rows:
        table = [{"id": r.meeting_id, "date": r.date, "title": r.title, "country": r.country, "role": r.role,
                  "rank": r.rank} for r in rows]
        lines += ["", render_table(table, ("id", "date", "title", "country", "role", "rank"))]
    typer.echo("\n".join(lines))


@app.command()
def alias(ctx: typer.Context, person_id: PersonId, name: Alias) -> None:
    """Record another name for a person, so that searches and new records find them by it.

    Example: meetings people alias 3 "Sergei K Shoigu"
    """
    from meetings.db import run_write
    from meetings.services.people import add_alias

    added = run_write(state_of(ctx).engine(), lambda session: add_alias(session=session, person_id=person_id, alias=name))
    typer.echo(f"Person {person_id} is now also known as {name.strip()}." if added
               else f"Person {person_id} already goes by {name.strip()}.")


@app.command()
def merge(ctx: typer.Context, keep: Keep, drop: Drop) -> None:
    """Make two records one person: every attendance of DROP moves to KEEP, and DROP's names become KEEP's aliases.

    Example: meetings people merge 3 17
    """
    from meetings.db import run_write
    from meetings.services.people import get_person, merge_people

    def work(session: Any) -> tuple[str, str, int]:
        dropped = get_person(session, drop).name
        kept, moved = merge_people(session=session, keep_id=keep, drop_id=drop)
        return dropped, kept.name, moved

    dropped, kept_name, moved = run_write(state_of(ctx).engine(), work)
    typer.echo(f"Merged {dropped} (person {drop}) into {kept_name} (person {keep}): {moved} attendances moved.")


SUGGESTION_COLUMNS = ("keep", "keep_name", "drop", "drop_name", "country", "similarity", "keep_meetings",
                      "drop_meetings", "keep_first", "keep_last", "drop_first", "drop_last", "command")


@app.command("suggest-merges")
@with_output
def suggest_merges(ctx: typer.Context, output: Any) -> None:
    """List pairs of people who are likely one person, for `meetings people merge`: the same
    country, names close once case, accents and common transliterations are folded (Sergey and
    Sergei Lavrov; a title written into the name set aside) or the same but for a middle name
    (Antony Blinken, Antony John Blinken), and meetings within two years of each other. People who attended one meeting
    together are never offered. Nothing is changed; each row gives the merge command to run.

    Example: meetings people suggest-merges --columns keep_name,drop_name,country,command
    """
    from meetings.db import session_scope
    from meetings.output import emit
    from meetings.services.same_person import suggest_merges as suggestions

    with session_scope(state_of(ctx).engine()) as session:
        found = suggestions(session=session)
    rows = [{"keep": s.keep.id, "keep_name": s.keep.name, "drop": s.drop.id, "drop_name": s.drop.name,
             "country": s.country, "similarity": s.similarity, "keep_meetings": s.keep.meetings,
             "drop_meetings": s.drop.meetings, "keep_first": s.keep.first, "keep_last": s.keep.last,
             "drop_first": s.drop.first, "drop_last": s.drop.last,
             "command": f"meetings people merge {s.keep.id} {s.drop.id}"} for s in found]
    shown = ("keep", "keep_name", "drop", "drop_name", "country", "similarity", "command")
    emit(rows, output=output, available=SUGGESTION_COLUMNS, table_columns=shown, empty="No likely duplicates.")
