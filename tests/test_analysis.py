"""Stats, graph, timeline and the entity listings, read back as a user's tools would."""

import csv
import io
import json

import networkx as nx
import pydot
import pytest


@pytest.fixture
def archive(invoke_seeded):
    invoke_seeded("add", "--date", "2024-07-09", "--venue", "Moscow", "--venue-country", "Russia",
                  "--attendee", "Narendra Modi, India, Prime Minister", "--attendee", "Vladimir Putin, Russia, President",
                  "--topic", "energy")
    invoke_seeded("add", "--date", "2024-02", "--attendee", "Rajnath Singh, India", "--attendee", "Lloyd Austin, USA",
                  "--kind", "call")
    return invoke_seeded


def stats(invoke, *args):
    return json.loads(invoke("stats", "--format", "json", *args).stdout)


def test_stats_by_country(archive):
    rows = {r["country"]: r for r in stats(archive)}
    assert rows["Russia"] == {"country": "Russia", "meetings": 4, "first": "2001", "last": "2024-07-09"}
    assert rows["United States"]["meetings"] == 1
    assert list(rows)[:3] == ["India", "Russia", "China"]  # most meetings first, ties by name


def test_stats_by_pair_is_who_met_whom(archive):
    rows = {r["pair"]: r["meetings"] for r in stats(archive, "--by", "pair")}
    assert rows["India – Russia"] == 3
    assert rows["India – United States"] == 1
    assert "Russia – India" not in rows


@pytest.mark.parametrize(
    ("by", "expected"),
    [
        ("person", {"Rajnath Singh": 3, "Sergei Shoigu": 2, "Vladimir Putin": 1}),
        ("topic", {"energy": 1, "regional peace and security": 1}),
        ("org", {"SCO": 2}),
        ("kind", {"bilateral": 2, "multilateral": 1, "summit": 1, "call": 1}),
        ("year", {"2001": 1, "2023": 2, "2024": 2}),
        ("month", {"2001 (month unknown)": 1, "2023-04": 2, "2024-02": 1, "2024-07": 1}),
        ("quarter", {"2001 (quarter unknown)": 1, "2023-Q2": 2, "2024-Q1": 1, "2024-Q3": 1}),
    ],
)
def test_stats_groupings(archive, by, expected):
    rows = {r[by]: r["meetings"] for r in stats(archive, "--by", by)}
    for key, count in expected.items():
        assert rows[key] == count


def test_stats_take_the_filters(archive):
    rows = {r["country"]: r["meetings"] for r in stats(archive, "--person", "rajnath", "--from", "2024")}
    assert rows == {"India": 1, "United States": 1}


def test_stats_periods_are_in_date_order_without_holes(archive):
    rows = stats(archive, "--by", "year")
    assert [r["year"] for r in rows] == [str(year) for year in range(2001, 2025)]
    counts = {r["year"]: r["meetings"] for r in rows}
    assert counts["2001"] == 1 and counts["2023"] == 2 and counts["2024"] == 2
    assert {counts[str(year)] for year in range(2002, 2023)} == {0}
    assert all(r["first"] is None for r in rows if r["meetings"] == 0)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--by", "year", "--from", "2022", "--to", "2025"], {"2022": 0, "2023": 2, "2024": 2, "2025": 0}),
        (["--by", "quarter", "--from", "2024"], {"2024-Q1": 1, "2024-Q2": 0, "2024-Q3": 1}),
        (["--by", "decade"], {"2000s": 1, "2010s": 0, "2020s": 4}),
        (["--by", "month", "--from", "2024-01", "--to", "2024-03"], {"2024-01": 0, "2024-02": 1, "2024-03": 0}),
    ],
)
def test_period_stats_list_every_period_of_the_range(archive, args, expected):
    by = args[1]
    assert {r[by]: r["meetings"] for r in stats(archive, *args)} == expected


def test_a_bar_chart_with_an_outlier_is_scaled_to_the_next_and_says_so(archive, monkeypatch):
    import meetings.output
    from meetings.cli.analysis import BAR_WIDTH, CUT

    for _ in range(9):
        archive("add", "--date", "2023-05-01", "--attendee", "Penny Wong, Australia")
    monkeypatch.setattr(meetings.output, "stdout_is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "200")
    result = archive("stats", "--by", "year", "--from", "2022")
    lines = {line.split()[0]: line for line in result.stdout.splitlines()[2:]}
    assert lines["2023"].endswith("█" * (BAR_WIDTH - 1) + CUT)  # 11 meetings: beyond the scale, cut
    assert lines["2024"].endswith(" " + "█" * BAR_WIDTH)  # 2 meetings: the scale
    assert "█" not in lines["2022"]  # none
    assert result.stderr.strip() == f"Bars are scaled to 2 meetings; a longer bar is cut ({CUT})."


def test_last_contact(archive):
    rows = {r["country"]: r for r in stats(archive, "--last-contact", "--country", "India")}
    assert rows["Russia"]["last"] == "2024-07-09"
    assert rows["Russia"]["meetings"] == 3
    assert rows["United States"]["last"] == "2024-02"
    assert rows["China"]["last"] == "2023-04-28"
    assert "India" not in rows
    assert rows["Russia"]["days_since"] >= 0


def test_stats_csv_and_limit(archive):
    out = archive("stats", "--by", "country", "--format", "csv", "--limit", "2").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["country"] for r in rows] == ["India", "Russia"]


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (["--by", "weekday"], "--by"),
        (["--by", "decade", "--by", "month"], "--by"),
        (["--by", "counterpart"], "--by"),
        (["--last-contact"], "--last-contact"),
        (["--role", ""], "--role"),
        (["--search", "--*--"], "--search"),
    ],
)
def test_stats_refusals(archive, args, field, snapshot):
    before = snapshot(archive.path)
    refused = archive("stats", *args, ok=False)
    assert refused.exit_code == 2
    assert refused.stderr.startswith(f"meetings: {field}:")
    assert len(refused.stderr.strip().splitlines()) == 1
    assert refused.stdout == ""
    assert snapshot(archive.path) == before


def test_stats_bars_only_in_a_terminal(archive, monkeypatch):
    assert "█" not in archive("stats").stdout
    import meetings.output

    monkeypatch.setattr(meetings.output, "stdout_is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "200")
    drawn = archive("stats").stdout
    russia = next(line for line in drawn.splitlines() if line.startswith("Russia"))
    china = next(line for line in drawn.splitlines() if line.startswith("China"))
    assert russia.endswith(" " + "█" * 30)
    assert china.endswith(" " + "█" * 15)


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graph_reads_back_in_networkx(archive, tmp_path, fmt):
    path = tmp_path / f"contacts.{fmt}"
    archive("graph", "--format", fmt, "--output", str(path))
    graph = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(path)
    assert graph.has_edge("IN", "RU")
    edge = graph.edges["IN", "RU"]
    assert int(edge["weight"]) == 3
    assert (edge["first"], edge["last"]) == ("2023-04-28", "2024-07-09")
    assert graph.nodes["RU"]["label"] == "Russia"


def test_graph_json_and_people_nodes(archive):
    data = json.loads(archive("graph", "--format", "json", "--nodes", "person").stdout)
    graph = nx.node_link_graph(data)  # networkx's own defaults
    names = nx.get_node_attributes(graph, "label")
    singh = next(k for k, v in names.items() if v == "Rajnath Singh")
    shoigu = next(k for k, v in names.items() if v == "Sergei Shoigu")
    assert graph.edges[singh, shoigu]["weight"] == 2
    assert graph.nodes[singh]["country"] == "India"
    assert graph.nodes[shoigu]["country"] == "Russia"


def test_graph_dot_parses(archive):
    [graph] = pydot.graph_from_dot_data(archive("graph", "--format", "dot", "--country", "USA").stdout)
    assert {n.get_name() for n in graph.get_nodes()} >= {"IN", "US"}


def test_timeline_indents_sideline_meetings(archive):
    lines = archive("timeline").stdout.splitlines()
    assert lines[0].startswith("2001        SCO founding summit")
    summit = lines.index(next(line for line in lines if "SCO Defence Ministers' Meeting" in line))
    assert lines[summit + 1].startswith("2023-04-28      └─ India–Russia bilateral meeting")
    assert lines[-1].startswith("2024-07-09  India–Russia meeting")


def test_timeline_shows_a_sideline_meeting_alone_when_its_parent_is_filtered_out(archive):
    lines = archive("timeline", "--kind", "bilateral").stdout.splitlines()
    assert lines[0].startswith("2023-04-28  India–Russia bilateral meeting")


def test_countries_topics_orgs(archive):
    countries = json.loads(archive("countries", "--format", "json").stdout)
    assert countries[1] == {"code": "RU", "country": "Russia", "meetings": 4, "last": "2024-07-09"}
    topics = {t["topic"]: t for t in json.loads(archive("topics", "--format", "json").stdout)}
    assert topics["energy"]["meetings"] == 1
    [sco] = json.loads(archive("orgs", "--format", "json").stdout)
    assert sco["acronym"] == "SCO" and sco["meetings"] == 2
    assert {"country": "India", "status": "observer", "since": 2005, "until": 2017,
            "label": "India (observer 2005–2017)"} in sco["members"]
    table = archive("orgs").stdout
    assert "India (member 2017)" in table


def test_stats_compare_lists_contacts_new_dropped_up_and_down(archive):
    archive("add", "--date", "2024-03", "--attendee", "Rajnath Singh, India", "--attendee", "Lloyd Austin, USA")
    rows = {r["pair"]: r for r in stats(archive, "--by", "pair", "--compare", "2023", "2024-01..2024-12")}
    assert rows["India – United States"] == {"pair": "India – United States", "before": 0, "after": 2,
                                             "change": 2, "status": "new"}
    assert rows["India – Russia"] == {"pair": "India – Russia", "before": 2, "after": 1, "change": -1, "status": "down"}
    assert rows["China – India"]["status"] == "dropped"
    assert "China – Kyrgyzstan" not in rows  # met only in 2001, outside both periods
    statuses = [r["status"] for r in stats(archive, "--by", "pair", "--compare", "2023", "2024")]
    assert statuses == sorted(statuses, key=["new", "up", "down", "dropped", "same"].index)
    up = {r["country"]: r for r in stats(archive, "--compare", "2023", "2024", "--country", "India")}
    assert up["United States"]["status"] == "new" and (up["India"]["before"], up["India"]["after"], up["India"]["status"]) == (2, 3, "up")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--compare", "2023", "2024", "--from", "2020"], "--compare: sets the dates itself"),
        (["--compare", "2023", "2024", "--by", "month"], "--compare: compares groups between periods"),
        (["--compare", "2023", "last year"], "--compare: 'last year' is not a date"),
        (["--compare", "2024..2023", "2024"], "--compare: '2024..2023' ends before it starts"),
        (["--compare", "2023-13", "2024"], "--compare: '2023-13' is not a calendar date"),
    ],
)
def test_stats_compare_refuses_what_it_cannot_compare(archive, snapshot, args, message):
    before = snapshot(archive.path)
    result = archive("stats", *args, ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"meetings: {message}") and result.stderr.count("\n") == 1
    assert snapshot(archive.path) == before
