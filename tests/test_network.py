"""The contact network read back by the tools people open it with: networkx (GraphML, GEXF with
time spells, node-link JSON) and Graphviz."""

import datetime as dt
import shutil
import subprocess
import xml.etree.ElementTree as ET

import networkx as nx
import pydot
import pytest

from meetings.services.network import edge_width, merged_spells

MEETINGS = [
    ["--date", "2022-03-01", "--attendee", "Ann Lee, France", "--attendee", "Bo Chan, India"],
    ["--date", "2022-03-02", "--attendee", "Ann Lee, France", "--attendee", "Bo Chan, India"],
    ["--date", "2023", "--attendee", "Ann Lee, France", "--attendee", "Bo Chan, India", "--attendee", "Cy Dao, Japan"],
    ["--date", "2024-06-10", "--end-date", "2024-06-12", "--attendee", "Cy Dao, Japan", "--attendee", "Di Eng, India"],
]


@pytest.fixture
def network(invoke):
    for args in MEETINGS:
        invoke("add", *args)
    return invoke


def test_gexf_carries_time_spells_from_the_meeting_dates(network, tmp_path):
    path = tmp_path / "contacts.gexf"
    network("graph", "--format", "gexf", "--output", str(path))
    graph = nx.read_gexf(path)
    assert graph.graph["mode"] == "dynamic"
    # France–India met on two touching days and during 2023: two spells, the touching days merged.
    assert graph.edges["FR", "IN"]["spells"] == [("2022-03-01", "2022-03-02"), ("2023-01-01", "2023-12-31")]
    assert graph.edges["IN", "JP"]["spells"] == [("2023-01-01", "2023-12-31"), ("2024-06-10", "2024-06-12")]
    assert graph.nodes["JP"]["spells"] == [("2023-01-01", "2023-12-31"), ("2024-06-10", "2024-06-12")]
    spells = ET.parse(path).getroot().find(".//{*}graph")
    assert spells.get("timeformat") == "date"


def test_person_nodes_carry_their_country_in_every_format(network, tmp_path):
    for fmt, read in (("graphml", nx.read_graphml), ("gexf", nx.read_gexf)):
        path = tmp_path / f"people.{fmt}"
        network("graph", "--nodes", "person", "--format", fmt, "--output", str(path))
        graph = read(path)
        countries = {data["label"]: data["country"] for _, data in graph.nodes(data=True)}
        assert countries == {"Ann Lee": "France", "Bo Chan": "India", "Cy Dao": "Japan", "Di Eng": "India"}


def test_dot_edges_are_as_wide_as_their_weight_and_labelled(network):
    [graph] = pydot.graph_from_dot_data(network("graph", "--format", "dot").stdout)
    edges = {frozenset((e.get_source().strip('"'), e.get_destination().strip('"'))): e for e in graph.get_edges()}
    heavy, light = edges[frozenset(("FR", "IN"))], edges[frozenset(("FR", "JP"))]
    assert heavy.get("label").strip('"') == "3" and light.get("label").strip('"') == "1"
    assert float(heavy.get("penwidth")) > float(light.get("penwidth"))
    assert graph.get("layout") == "neato" and graph.get("overlap") == "prism"


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed (CI installs it)")
def test_graphviz_draws_the_dot_output(network, tmp_path):
    text = network("graph", "--format", "dot", "--nodes", "person").stdout
    svg = subprocess.run(["dot", "-Tsvg"], input=text, capture_output=True, text=True, check=True)
    assert svg.returncode == 0 and "Warning" not in svg.stderr
    root = ET.fromstring(svg.stdout)
    assert root.tag.endswith("svg")
    labels = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    assert {"Ann Lee", "Bo Chan", "Cy Dao", "Di Eng", "3"} <= labels


def test_edge_width_grows_with_weight_and_one_heavy_edge_does_not_flatten_the_rest():
    assert edge_width(1, 1) == edge_width(1, 100) == 1.0
    assert edge_width(10, 100) > edge_width(2, 100) > 1.0
    assert edge_width(100, 100) == 6.0
    assert edge_width(10, 100) >= 3.0  # log scale: a tenth of the heaviest is still half as wide


def test_merged_spells():
    day = dt.date
    assert merged_spells([(day(2020, 1, 5), day(2020, 1, 6)), (day(2020, 1, 1), day(2020, 1, 4)),
                          (day(2020, 2, 1), day(2020, 2, 1))]) == [(day(2020, 1, 1), day(2020, 1, 6)),
                                                                   (day(2020, 2, 1), day(2020, 2, 1))]
