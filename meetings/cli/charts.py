"""`meetings chart` and `meetings report`: pictures and a one-page brief of the filtered meetings."""

from pathlib import Path
from typing import Annotated, Any, Literal

import typer

from meetings.cli.options import Nodes, Period, Series, with_filters
from meetings.cli.state import state_of


def _checked_output(output: Path, suffixes: tuple[str, ...], force: bool, url: str) -> None:
    """Refuse, before any work, a file name whose format is not drawn, and what no output may replace."""
    from meetings.errors import InvalidInput
    from meetings.files import checked_target

    if output.suffix.lower() not in suffixes:
        accepted = f"{', '.join(suffixes[:-1])} or {suffixes[-1]}" if len(suffixes) > 1 else suffixes[0]
        raise InvalidInput("--output", f"{output.name!r}: the file name says the format; end it in {accepted}")
    checked_target(output, force=force, database_url=url, field="--output")


def _write(output: Path, data: bytes, *, force: bool, url: str) -> None:
    from meetings.files import atomic_output

    with atomic_output(output, force=force, database_url=url, binary=True) as stream:
        stream.write(data)


@with_filters
def chart(
    ctx: typer.Context,
    filters: Any,
    what: Annotated[Literal["timeline", "top", "network"], typer.Argument(
        metavar="CHART", help="timeline (meetings per period), top (the groups with most meetings) or network (who met whom).")] = "timeline",
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", dir_okay=False, show_default=False,
        help="The file to draw: .png, .svg, or .html (a self-contained page).")] = None,
    period: Annotated[Period, typer.Option("--period", help="For timeline: month, quarter, year or decade.")] = "year",
    series: Annotated[Series | None, typer.Option(
        "--series", show_default=False,
        help="For timeline: one line per country, pair or person (the --top with most meetings).")] = None,
    by: Annotated[str, typer.Option(
        "--by", help="For top: any grouping of stats but the periods (country, counterpart, pair, person, "
                     "topic, org, kind, venue-country).")] = "country",
    nodes: Annotated[Nodes, typer.Option("--nodes", help="For network: countries or people.")] = "country",
    top: Annotated[int | None, typer.Option(
        "--top", min=1, show_default=False,
        help="How many lines (timeline --series, default 5), bars (top, default 15) or nodes (network, default 30).")] = None,
    title: Annotated[str | None, typer.Option("--title", help="The chart's title (default: what it shows).")] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")] = False,
) -> None:
    """Draw the filtered meetings: a timeline per period, the top groups, or the contact network,
    to a PNG, an SVG or a self-contained HTML page (the optional extra: pip install "meetings[charts]").

    Periods are those of stats --by: every one from the first meeting to the last, at zero where
    nothing happened.

    Examples:

        meetings chart timeline --country India --period quarter --series country --output india.svg

        meetings chart top --by counterpart --person Blinken --output blinken.png

        meetings chart network --nodes person --country Russia --from 2022 --output russia.html
    """
    from meetings import charts
    from meetings.brief import question
    from meetings.db import session_scope
    from meetings.errors import InvalidInput
    from meetings.services.stats import GROUPINGS, PERIODS

    state = state_of(ctx)
    if output is None:
        raise InvalidInput("--output", "name the file to draw, ending in .png, .svg or .html")
    _checked_output(output, charts.FORMATS, force, state.url)
    if what == "top" and (by not in GROUPINGS or by in PERIODS):
        kept = ", ".join(g for g in GROUPINGS if g not in PERIODS)
        raise InvalidInput("--by", f"{by!r} is not a grouping a top chart draws; use one of {kept} "
                                   "(for periods, draw a timeline)")
    charts.require_matplotlib()
    asked = question(filters)
    with session_scope(state.engine()) as session:
        if what == "timeline":
            from meetings.services.series import period_counts

            data = period_counts(session=session, filters=filters, period=period,
                                 series=series, top=top or 5)
            label = title or f"{asked}: per {period}"
            figure = charts.timeline_figure(data, title=label)
        elif what == "top":
            from meetings.services.series import top_groups

            groups = top_groups(session=session, filters=filters, by=by, top=top or 15)
            label = title or f"{asked}: top {by}"
            figure = charts.bars_figure(groups, title=label, label=by)
        else:
            from meetings.services.network import contact_network, edge_width

            network = contact_network(session=session, filters=filters, nodes=nodes)
            label = title or f"{asked}: who met whom"
            figure = charts.network_figure(network.graph, title=label, edge_width=edge_width, most_nodes=top or 30)
    _write(output, charts.save(figure, output, title=label), force=force, url=state.url)
    typer.echo(f"Wrote {output}", err=True)


@with_filters
def report(
    ctx: typer.Context,
    filters: Any,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", dir_okay=False, show_default=False, help="The brief to write: FILE.html.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="The brief's title (default: the question).")] = None,
    period: Annotated[Period, typer.Option("--period", help="The timeline's period.")] = "year",
    nodes: Annotated[Nodes, typer.Option("--nodes", help="The network's nodes: countries or people.")] = "country",
    rows: Annotated[int, typer.Option("--rows", min=1, help="At most this many meetings in the table, "
                                                            "most recent first.")] = 200,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --output if it exists.")] = False,
) -> None:
    """Write a one-page brief of the filtered meetings as a self-contained HTML file, ready to
    mail or print: the question as its title, the counts, a timeline, the top counterparts, the
    network picture and the table of meetings with their attendees and sources
    (the optional extra: pip install "meetings[charts]").

    Example: meetings report --country India --country Russia --from 2022 --output brief.html
    """
    import dataclasses

    from meetings import charts
    from meetings.brief import brief_page, question
    from meetings.db import session_scope
    from meetings.errors import InvalidInput
    from meetings.services.network import contact_network, edge_width
    from meetings.services.queries import find_meetings
    from meetings.services.series import period_counts, top_groups, totals

    state = state_of(ctx)
    if output is None:
        raise InvalidInput("--output", "name the brief to write, ending in .html")
    _checked_output(output, (".html",), force, state.url)
    charts.require_matplotlib("meetings report")
    asked = question(filters)
    counterparts = "counterpart" if filters.people or filters.countries else "country"
    with session_scope(state.engine()) as session:
        counted = totals(session=session, filters=filters)
        timeline = period_counts(session=session, filters=filters, period=period)
        ranked = top_groups(session=session, filters=filters, by=counterparts, top=10)
        network = contact_network(session=session, filters=filters, nodes=nodes)
        records = find_meetings(session=session, filters=dataclasses.replace(filters, sort="-date", limit=rows))
    heading = title or asked
    page = brief_page(
        title=heading, asked=asked if title else "", totals=counted, period=period,
        timeline_svg=charts.svg_text(charts.timeline_figure(timeline, title="", height=3.2)),
        counterparts=ranked, counterparts_label=f"{counterparts}s" if counterparts == "counterpart" else "countries",
        network_svg=charts.svg_text(charts.network_figure(network.graph, title="", edge_width=edge_width, height=6.0)),
        records=records)
    _write(output, page.encode("utf-8"), force=force, url=state.url)
    typer.echo(f"Wrote {output}", err=True)
