"""The contact network of a filtered set of meetings: who met whom, how often, and when.

Nodes are countries or people; an edge joins two that attended the same meetings, weighted by
the number of those meetings. The network is a networkx graph, written here in the formats
people open it with: GraphML (Gephi, yEd), GEXF (Gephi, with time spells for its timeline),
DOT (Graphviz) and node-link JSON (networkx).
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, select
from sqlalchemy.orm import aliased

from meetings.dates import PartialDate
from meetings.filters import MeetingFilter
from meetings.models import Attendance, Country, Meeting, Person
from meetings.services.queries import check_filters, filter_conditions

if TYPE_CHECKING:
    import networkx as nx
    from sqlalchemy.orm import Session

GRAPH_FORMATS = ("graphml", "gexf", "dot", "json")
# Graphviz: edges at least this wide, the heaviest this much wider.
THINNEST_EDGE, EDGE_WIDTH_RANGE = 1.0, 5.0

Span = tuple[dt.date, dt.date]


def merged_spells(spans: list[Span]) -> list[Span]:
    """Days intervals joined where they overlap or touch, oldest first (GEXF spells must not overlap)."""
    merged: list[Span] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1] + dt.timedelta(days=1):
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


class ContactNetwork:
    """The network as a networkx graph, with each node's and edge's meeting days beside it."""

    def __init__(self, graph: nx.Graph[str], spells: dict[Any, list[Span]]) -> None:
        self.graph = graph
        self.spells = spells  # node key, or (source, target) edge key -> merged day intervals


def contact_network(*, session: Session, filters: MeetingFilter, nodes: str) -> ContactNetwork:
    """Nodes (countries or people, with their meeting counts; a person with the country they
    attend for most) and the edges between those who attended the same meetings:
    weight = meetings together, with the first and last date."""
    import networkx as nx

    check_filters(session=session, filters=filters)
    ids = select(Meeting.id).where(*filter_conditions(filters, session)).scalar_subquery()
    first, second = aliased(Attendance), aliased(Attendance)
    column = "country_code" if nodes == "country" else "person_id"
    node_key = getattr(Attendance, column)
    countries = dict(session.execute(select(Country.code, Country.name)).all())
    if nodes == "country":
        labels = countries
    else:
        labels = {str(k): v for k, v in session.execute(select(Person.id, Person.name)).all()}

    node_meetings: dict[str, set[int]] = defaultdict(set)
    node_spans: dict[str, list[Span]] = defaultdict(list)
    represented: dict[str, Counter[str]] = defaultdict(Counter)
    for key, country, meeting_id, start, last in session.execute(
        select(node_key, Attendance.country_code, Meeting.id, Meeting.start_date, Meeting.last_day)
        .join(Meeting, Meeting.id == Attendance.meeting_id)
        .where(Meeting.id.in_(ids), node_key.is_not(None))
    ):
        node_meetings[str(key)].add(meeting_id)
        node_spans[str(key)].append((start, last))
        if country:
            represented[str(key)][country] += 1

    a, b = getattr(first, column), getattr(second, column)
    edge_meetings: dict[tuple[str, str], dict[int, tuple[str, Span]]] = defaultdict(dict)
    for x, y, meeting_id, start, precision, last in session.execute(
        select(a, b, Meeting.id, Meeting.start_date, Meeting.start_precision, Meeting.last_day).select_from(first)
        .join(second, and_(second.meeting_id == first.meeting_id, a < b))
        .join(Meeting, Meeting.id == first.meeting_id)
        .where(Meeting.id.in_(ids))
    ):
        edge_meetings[(str(x), str(y))][meeting_id] = (PartialDate.sortable(start, precision), (start, last))

    graph: nx.Graph[str] = nx.Graph()
    spells: dict[Any, list[Span]] = {}
    for key in sorted(node_meetings):
        attributes: dict[str, Any] = {"label": labels.get(key, key), "meetings": len(node_meetings[key])}
        if nodes == "person" and represented[key]:
            code = min(represented[key].items(), key=lambda item: (-item[1], item[0]))[0]
            attributes["country"] = countries.get(code, code)
        graph.add_node(key, **attributes)
        spells[key] = merged_spells(node_spans[key])
    for (x, y), meetings in sorted(edge_meetings.items()):
        dates = sorted(dated for dated, _ in meetings.values())
        graph.add_edge(x, y, weight=len(meetings), first=PartialDate.from_sortable(dates[0]), last=PartialDate.from_sortable(dates[-1]))
        spells[(x, y)] = merged_spells([span for _, span in meetings.values()])
    return ContactNetwork(graph, spells)


def to_text(network: ContactNetwork, graph_format: str) -> str:
    """The network written in one of GRAPH_FORMATS."""
    import networkx as nx

    graph = network.graph
    if graph_format == "json":
        import json

        # The keys networkx's node_link_graph reads by default ("edges", not the older "links").
        return json.dumps(nx.node_link_data(graph, edges="edges"), ensure_ascii=False, indent=1) + "\n"
    if graph_format == "dot":
        return _dot(graph)
    import io

    buffer = io.BytesIO()
    if graph_format == "gexf":
        nx.write_gexf(_xml_safe(_with_spells(network)), buffer)
    else:
        nx.write_graphml(_xml_safe(graph), buffer)
    return buffer.getvalue().decode("utf-8")


def _xml_safe(graph: nx.Graph[str]) -> nx.Graph[str]:
    """A copy whose names and text attributes hold only what XML can (see text.xml_safe)."""
    import networkx as nx

    from meetings.text import xml_safe

    def safe(value: Any) -> Any:
        return xml_safe(value) if isinstance(value, str) else value

    copy: nx.Graph[str] = nx.Graph()
    copy.graph.update(graph.graph)
    for key, attributes in graph.nodes(data=True):
        copy.add_node(safe(key), **{name: safe(value) for name, value in attributes.items()})
    for x, y, attributes in graph.edges(data=True):
        copy.add_edge(safe(x), safe(y), **{name: safe(value) for name, value in attributes.items()})
    return copy


def _with_spells(network: ContactNetwork) -> nx.Graph[str]:
    """A copy whose nodes and edges carry their meeting days as GEXF spells (Gephi's timeline)."""
    graph = network.graph.copy()

    def spells(key: Any) -> list[tuple[str, str]]:
        return [(start.isoformat(), end.isoformat()) for start, end in network.spells.get(key, [])]

    for key, data in graph.nodes(data=True):
        data["spells"] = spells(key)
    for x, y, data in graph.edges(data=True):
        data["spells"] = spells((x, y) if (x, y) in network.spells else (y, x))
    return graph


def edge_width(weight: int, heaviest: int) -> float:
    """A line width growing with the weight (logarithmically, so one heavy edge does not hide the rest)."""
    if heaviest <= 1:
        return THINNEST_EDGE
    return round(THINNEST_EDGE + EDGE_WIDTH_RANGE * math.log(weight) / math.log(heaviest), 2)


def _dot(graph: nx.Graph[str]) -> str:
    """DOT for Graphviz: a force-directed layout whose nodes and labels do not overlap, edges as
    wide as their weight and labelled with it."""
    from networkx.drawing.nx_pydot import to_pydot

    drawn = graph.copy()
    heaviest: int = max((data["weight"] for _, _, data in drawn.edges(data=True)), default=1)
    for _, _, data in drawn.edges(data=True):
        data["penwidth"] = edge_width(data["weight"], heaviest)
        data["label"] = str(data["weight"])
        data["tooltip"] = f"{data['weight']} meetings, {data['first']} to {data['last']}"
    drawn.graph.setdefault("graph", {}).update({
        "layout": "neato",  # `dot -Tsvg` honours this: an undirected network is not a hierarchy
        "overlap": "prism",  # move nodes apart until no two overlap
        "sep": "+12",  # and keep this many points between them
        "splines": "true",  # edges route around nodes
        "outputorder": "edgesfirst",  # labels and nodes are drawn over the edges
    })
    drawn.graph.setdefault("node", {}).update({"shape": "box", "style": "rounded", "fontname": "Helvetica"})
    drawn.graph.setdefault("edge", {}).update({"fontsize": "10", "fontcolor": "gray30", "color": "gray50",
                                               "fontname": "Helvetica"})
    return to_pydot(drawn).to_string()
