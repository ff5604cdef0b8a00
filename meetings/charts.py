"""`meetings chart`: pictures of the answers, drawn with matplotlib (its Agg renderer: no display,
no browser) as PNG, SVG, or a self-contained HTML page holding the SVG (no external files or
URLs, so it works offline and can be mailed). matplotlib is the optional extra `meetings[charts]`;
it is imported only here, only when a chart is drawn.
"""

from __future__ import annotations

import html
import io
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

# What is drawn arrives as plain data (meetings.services.series builds it): a PeriodCounts has
# `period`, `periods`, `series` (each with `name` and `counts`) and `unplaced`; a ranked group has
# `key` and `meetings`.
PeriodCounts = Any
Ranked = Any

EXTRA = "charts"
FORMATS = (".png", ".svg", ".html")
MOST_TICKS = 16
WIDTH, HEIGHT = 10.0, 4.8  # inches
PALETTE = ("#1f5f99", "#d1495b", "#2e933c", "#edae49", "#6c4f9e", "#00798c", "#8d6a4f", "#e07a5f",
           "#3d405b", "#81b29a")


def require_matplotlib(command: str = "meetings chart") -> Any:
    """matplotlib, set up for files (the Agg renderer); MissingExtra names the extra when it is absent."""
    from meetings.errors import MissingExtra

    try:
        import matplotlib
    except ImportError:
        raise MissingExtra(command, EXTRA) from None
    matplotlib.use("Agg")
    return matplotlib


def _figure(width: float = WIDTH, height: float = HEIGHT) -> Figure:
    matplotlib = require_matplotlib()
    matplotlib.rcParams.update({
        "svg.fonttype": "none",  # text stays text in SVG: searchable, and small
        "svg.hashsalt": "meetings",  # the same chart gives the same file
        "font.family": "DejaVu Sans",
        "axes.spines.top": False,
        "axes.spines.right": False,
    })
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def timeline_figure(data: PeriodCounts, *, title: str, height: float = HEIGHT) -> Figure:
    """Meetings per period: a line per series, a point for every period (zero where nothing happened)."""
    from matplotlib.ticker import MaxNLocator

    figure = _figure(WIDTH, height)
    axes = figure.add_subplot()
    positions = list(range(len(data.periods)))
    for number, series in enumerate(data.series):
        axes.plot(positions, series.counts, label=series.name, color=PALETTE[number % len(PALETTE)],
                  marker="o" if len(positions) <= 60 else None, markersize=4, linewidth=1.8)
    step = max(1, math.ceil(len(positions) / MOST_TICKS))
    slanted = data.period in ("month", "quarter")
    axes.set_xticks(positions[::step], data.periods[::step], rotation=45 if slanted else 0,
                    ha="right" if slanted else "center")
    axes.yaxis.set_major_locator(MaxNLocator(integer=True))
    axes.set_ylim(bottom=0)
    axes.set_ylabel("meetings")
    axes.set_xlabel(data.period)
    axes.grid(axis="y", alpha=0.3)
    if title:
        axes.set_title(title, loc="left", fontsize=12)
    if len(data.series) > 1:
        axes.legend(frameon=False, fontsize=9, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if data.unplaced:
        figure.text(0.01, 0.005, f"{data.unplaced} meetings dated only by their year are not placed in a "
                                 f"{data.period}.", fontsize=8, color="#555555")
    return figure


def bars_figure(groups: list[Ranked], *, title: str, label: str) -> Figure:
    """The top groups as horizontal bars, largest on top, each with its count."""
    figure = _figure(WIDTH, max(2.5, 0.32 * len(groups) + 1.2))
    axes = figure.add_subplot()
    names = [g.key for g in reversed(groups)]
    counts = [g.meetings for g in reversed(groups)]
    bars = axes.barh(names, counts, color=PALETTE[0])
    axes.bar_label(bars, padding=3, fontsize=9)
    axes.set_xlabel("meetings")
    axes.set_title(title, loc="left", fontsize=12)
    axes.spines["left"].set_visible(False)
    axes.tick_params(axis="y", length=0)
    axes.set_ylabel(label)
    return figure


def network_figure(graph: Any, *, title: str, edge_width: Callable[[int, int], float], most_nodes: int = 30,
                   height: float = 7.0) -> Figure:
    """The contact network: the `most_nodes` nodes with most meetings, sized by their meetings,
    edges as wide as `edge_width(weight, heaviest)` and labelled with their weight when there are few."""
    import networkx as nx

    figure = _figure(WIDTH, height)
    axes = figure.add_subplot()
    axes.set_axis_off()
    if title:
        axes.set_title(title, loc="left", fontsize=12)
    kept = sorted(graph.nodes, key=lambda n: (-graph.nodes[n].get("meetings", 0), str(n)))[:most_nodes]
    shown = graph.subgraph(kept)
    if not shown.number_of_nodes():
        axes.text(0.5, 0.5, "No contacts", ha="center", va="center")
        return figure
    layout = _packed_layout(shown)
    heaviest = max((d["weight"] for _, _, d in shown.edges(data=True)), default=1)
    widths = [edge_width(d["weight"], heaviest) for _, _, d in shown.edges(data=True)]
    nx.draw_networkx_edges(shown, layout, ax=axes, width=widths, edge_color="#9aa5b1", alpha=0.8)
    largest = max(d.get("meetings", 1) for _, d in shown.nodes(data=True))
    sizes = [80 + 600 * math.sqrt(d.get("meetings", 1) / largest) for _, d in shown.nodes(data=True)]
    nx.draw_networkx_nodes(shown, layout, ax=axes, node_size=sizes, node_color=PALETTE[0], alpha=0.85)
    labels = {n: d.get("label", n) for n, d in shown.nodes(data=True)}
    nx.draw_networkx_labels(shown, layout, labels=labels, ax=axes, font_size=9,
                            bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.85})
    if shown.number_of_edges() <= 40:
        nx.draw_networkx_edge_labels(shown, layout, ax=axes, font_size=7, font_color="#444444",
                                     edge_labels={(a, b): d["weight"] for a, b, d in shown.edges(data=True)})
    if graph.number_of_nodes() > len(kept):
        figure.text(0.01, 0.005, f"The {len(kept)} of {graph.number_of_nodes()} nodes with most meetings.",
                    fontsize=8, color="#555555")
    return figure


def _packed_layout(graph: Any) -> dict[Any, tuple[float, float]]:
    """A force-directed layout of each group of connected nodes, the groups set side by side in a
    grid (largest first), so that neither one group's crowd nor the gaps between groups hide the rest."""
    import networkx as nx

    groups = sorted(nx.connected_components(graph), key=lambda g: (-len(g), sorted(map(str, g))))
    columns = math.ceil(math.sqrt(len(groups)))
    largest = len(groups[0])
    positions: dict[Any, tuple[float, float]] = {}
    for index, group in enumerate(groups):
        members = graph.subgraph(group)
        layout: dict[Any, Any] = {next(iter(group)): (0.0, 0.0)}
        if len(group) > 1:
            layout = nx.spring_layout(members, seed=7, weight="weight", k=2.5 / math.sqrt(len(group)), iterations=200)
        scale = math.sqrt(len(group) / largest)
        left, top = (index % columns) * 2.6, -(index // columns) * 2.6
        for node, (x, y) in layout.items():
            positions[node] = (left + x * scale, top + y * scale)
    return positions


def svg_text(figure: Figure) -> str:
    """The figure as an SVG element, without the XML prologue, ready to sit inside HTML."""
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def page(title: str, body: str, *, style: str = "") -> str:
    """A complete HTML page that needs nothing else: styles inline, pictures as inline SVG."""
    return (f'<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>\n{PAGE_STYLE}{style}</style>\n</head>\n<body>\n"
            f"{body}\n</body>\n</html>\n")


PAGE_STYLE = """body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; color: #1d2733;
       max-width: 1000px; margin: 2em auto; padding: 0 1em; line-height: 1.4; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
svg { max-width: 100%; height: auto; }
"""


def save(figure: Figure, path: Any, *, title: str) -> bytes:
    """The figure in the format its file name asks for (.png, .svg or .html), as bytes."""
    suffix = str(path).lower().rsplit(".", 1)[-1]
    if suffix == "png":
        buffer = io.BytesIO()
        figure.savefig(buffer, format="png", dpi=150, metadata={"Software": None})
        return buffer.getvalue()
    if suffix == "svg":
        buffer = io.BytesIO()
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None, "Format": None, "Type": None})
        return buffer.getvalue()
    return page(title, f"<h1>{html.escape(title)}</h1>\n{svg_text(figure)}").encode("utf-8")
