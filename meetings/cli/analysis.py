"""Commands that summarize: stats, graph, timeline, and the countries, topics and organizations."""

import sys
from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from meetings.cli.options import Nodes, with_filters, with_output
from meetings.cli.state import state_of

BAR_WIDTH = 30
# A count more than this many times the next largest is an outlier: the bars are scaled to the
# next largest instead, and the outlier's bar is cut (it ends in CUT) so the others stay readable.
OUTLIER_RATIO = 3
CUT = "▸"


def bar_scale(counts: list[int]) -> int:
    """The count a full bar stands for: the largest, unless it is an outlier (more than
    OUTLIER_RATIO times the next largest), then the next largest."""
    ordered = sorted(counts, reverse=True)
    if len(ordered) > 1 and ordered[1] > 0 and ordered[0] > OUTLIER_RATIO * ordered[1]:
        return ordered[1]
    return ordered[0] if ordered else 0


def bar(count: int, scale: int) -> str:
    """A bar of up to BAR_WIDTH blocks; nothing for zero, at least one block otherwise, and
    cut (ending in CUT) when the count is beyond the scale."""
    if count <= 0 or scale <= 0:
        return ""
    if count > scale:
        return "█" * (BAR_WIDTH - 1) + CUT
    return "█" * max(1, round(count / scale * BAR_WIDTH))


@with_output
@with_filters
def stats(
    ctx: typer.Context,
    filters: Any,
    output: Any,
    by: Annotated[list[str] | None, typer.Option(
        "--by", help="country (of the attendees), venue-country (where held), counterpart (with --person or "
                     "--country: the other countries met, not the principal's own; a visit where only the "
                     "principal's side is recorded counts under the country visited), pair (who met whom), person, "
                     "topic, org, kind, or a period: month, quarter, year or decade (every period between the first "
                     "and last, or --from and --to, listed, at zero where nothing happened). Give it once.")] = None,
    last_contact: Annotated[bool, typer.Option(
        "--last-contact", help="With --country: each other country met, the last meeting and the days since.")] = False,
    compare: Annotated[tuple[str, str] | None, typer.Option(
        "--compare", metavar="PERIOD PERIOD", show_default=False,
        help="Count in two periods side by side (each YYYY, YYYY-MM, YYYY-MM-DD or FROM..TO) and say which "
             "groups are new, up, down or dropped in the second.")] = None,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many rows; 0 for all.")] = 0,
) -> None:
    """Count the filtered meetings by country, venue country, counterpart, pair, person, topic,
    organization, kind or period, with the first and last date of each. In a terminal each row
    has a bar; when one count is more than three times the next, the bars are scaled to the next
    and the outlier's bar is cut (ends in ▸), as a note on standard error says.

    Examples:

        meetings stats --by pair --from 2022

        meetings stats --by counterpart --person Blinken

        meetings stats --by decade --venue-country India

        meetings stats --by country --person "Rajnath Singh" --from 2024-01 --to 2024-03

        meetings stats --last-contact --country India

        meetings stats --by pair --compare 2022 2023..2024
    """
    import dataclasses

    from meetings.cli.options import once
    from meetings.db import session_scope
    from meetings.errors import InvalidInput
    from meetings.output import emit, stdout_is_terminal
    from meetings.services.stats import GROUPINGS, group_counts, last_contacts

    grouping = once(by, "--by") or "country"
    if grouping not in GROUPINGS:
        raise InvalidInput("--by", f"{grouping!r} is not a grouping; use one of {', '.join(GROUPINGS)}")
    limit_rows = filters.limit
    filters = dataclasses.replace(filters, limit=None)
    if compare is not None:
        _compare(ctx, filters, output, grouping, compare, limit_rows)
        return
    with session_scope(state_of(ctx).engine()) as session:
        if last_contact:
            if not filters.countries:
                raise InvalidInput("--last-contact", "name the country it is about with --country")
            rows: list[dict[str, Any]] = [dataclasses.asdict(c) for c in last_contacts(session=session, filters=filters)]
            columns: tuple[str, ...] = ("country", "last", "days_since", "meetings", "meeting_id", "title")
        else:
            rows = [{grouping: g.key, "meetings": g.meetings, "first": g.first, "last": g.last}
                    for g in group_counts(session=session, filters=filters, by=grouping)]
            columns = (grouping, "meetings", "first", "last")
    if limit_rows:
        rows = rows[:limit_rows]
    table_columns = columns
    if not last_contact and output.format.value == "table" and stdout_is_terminal() and rows:
        scale = bar_scale([r["meetings"] for r in rows])
        for row in rows:
            row["bar"] = bar(row["meetings"], scale)
        table_columns = (*columns, "bar")
        if any(r["meetings"] > scale for r in rows):
            typer.echo(f"Bars are scaled to {scale} meetings; a longer bar is cut ({CUT}).", err=True)
    emit(rows, output=output, available=(*columns, "bar"), table_columns=table_columns, machine_columns=columns,
         empty="No meetings match.")


def parse_period(text: str, *, field: str = "--compare") -> Any:
    """A period: one partial date ("2022" is the whole year) or FROM..TO, both included."""
    from meetings.dates import PartialDate
    from meetings.errors import InvalidInput

    start_text, dots, end_text = text.partition("..")
    start = PartialDate.parse(start_text, field=field)
    end = PartialDate.parse(end_text, field=field) if dots else start
    if end.last_day < start.first_day:
        raise InvalidInput(field, f"{text!r} ends before it starts; use FROM..TO with FROM first")
    return start, end


def _compare(ctx: typer.Context, filters: Any, output: Any, by: str, periods: tuple[str, str], limit: int | None) -> None:
    import dataclasses

    from meetings.db import session_scope
    from meetings.errors import InvalidInput
    from meetings.output import emit
    from meetings.services.comparison import compare_periods

    if filters.date_from or filters.date_to:
        raise InvalidInput("--compare", "sets the dates itself; leave out --from and --to")
    if by in ("month", "quarter", "year", "decade"):
        raise InvalidInput("--compare", f"compares groups between periods; use it with a --by other than {by}")
    before, after = (parse_period(p) for p in periods)
    with session_scope(state_of(ctx).engine()) as session:
        changes = compare_periods(session=session, filters=filters, by=by, before=before, after=after)
    rows = [{by: c.key, **{k: v for k, v in dataclasses.asdict(c).items() if k != "key"}} for c in changes]
    columns = (by, "before", "after", "change", "status")
    emit(rows[:limit] if limit else rows, output=output, available=columns, table_columns=columns,
         empty="No meetings match.")


@with_filters
def graph(
    ctx: typer.Context,
    filters: Any,
    nodes: Annotated[Nodes, typer.Option("--nodes", help="What the nodes are: country or person.")] = "country",
    graph_format: Annotated[Literal["graphml", "gexf", "dot", "json"], typer.Option("--format", "-f", help="graphml (Gephi, yEd), gexf (Gephi), dot (Graphviz) or json (networkx node-link).")] = "graphml",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write; standard output when absent or -.", dir_okay=False)] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")] = False,
) -> None:
    """Write the co-attendance network of the filtered meetings: who met whom, as a graph.

    Edge weight is the number of meetings together, with the first and last date as attributes.

    Examples:

        meetings graph --from 2022 --output contacts.graphml

        meetings graph --nodes person --country Russia --format dot | dot -Tsvg > russia.svg
    """
    from meetings.db import session_scope
    from meetings.services.network import contact_network, to_text

    state = state_of(ctx)
    with session_scope(state.engine()) as session:
        network = contact_network(session=session, filters=filters, nodes=nodes)
    text = to_text(network, graph_format)
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        return
    from meetings.files import atomic_output

    with atomic_output(output, force=force, database_url=state.url) as stream:
        stream.write(text)
    typer.echo(f"Wrote {network.graph.number_of_nodes()} nodes and {network.graph.number_of_edges()} edges to {output}",
               err=True)


@with_filters
def timeline(
    ctx: typer.Context,
    filters: Any,
    limit: Annotated[int, typer.Option("--limit", "-n", help="At most this many meetings; 0 for all.")] = 0,
) -> None:
    """The filtered meetings in date order, sideline meetings indented under their summit.

    Example: meetings timeline --org SCO
    """
    import dataclasses

    from meetings.db import session_scope
    from meetings.services.queries import iter_meetings

    if filters.sort == "-date":
        filters = dataclasses.replace(filters, sort="date")
    with session_scope(state_of(ctx).engine()) as session:
        records = list(iter_meetings(session=session, filters=filters))
    present = {r.id for r in records}
    children: dict[int, list[Any]] = {}
    for record in records:
        if record.sideline_of is not None and record.sideline_of in present:
            children.setdefault(record.sideline_of, []).append(record)

    def line(record: Any, depth: int) -> list[str]:
        place = ", ".join(p for p in (record.venue, record.venue_country) if p)
        date = record.date + (f" to {record.end_date}" if record.end_date else "")
        indent = "    " * depth + ("└─ " if depth else "")
        text = f"{date:<12}{indent}{record.title}" + (f" — {place}" if place else "") + f"  [{record.id}]"
        return [text] + [t for child in children.get(record.id, []) for t in line(child, depth + 1)]

    lines = [text for record in records if record.sideline_of not in present for text in line(record, 0)]
    if not lines:
        typer.echo("No meetings match.", err=True)
        return
    typer.echo("\n".join(lines))


def _entities(ctx: typer.Context, output: Any, summary: str, columns: tuple[str, ...]) -> None:
    """Print one of the entity summaries of meetings.services.stats."""
    from meetings.db import session_scope
    from meetings.output import emit
    from meetings.services import stats as summaries

    with session_scope(state_of(ctx).engine()) as session:
        rows = getattr(summaries, summary)(session=session)
    emit(rows, output=output, available=columns, table_columns=columns)


@with_output
def topics(ctx: typer.Context, output: Any) -> None:
    """Every topic, with its number of meetings and the last one's date.

    Example: meetings topics
    """
    _entities(ctx, output, "topics_summary", ("topic", "meetings", "last"))


@with_output
def orgs(ctx: typer.Context, output: Any) -> None:
    """Every organization, with its members (status and years) and its number of meetings.

    Example: meetings orgs
    """
    from meetings.db import session_scope
    from meetings.output import emit
    from meetings.services.stats import organizations_summary

    with session_scope(state_of(ctx).engine()) as session:
        found = organizations_summary(session=session)
    rows = [{**o, "members_text": "; ".join(m["label"] for m in o["members"])} for o in found]
    columns = ("acronym", "name", "meetings", "members")
    emit([{**r, "members": r["members_text"]} for r in rows], output=output, available=columns,
         table_columns=columns, objects=lambda row: next(o for o in found if o["acronym"] == row["acronym"]))

