"""`meetings chart` and `meetings report`: files that open, pictures of what was asked."""

import re
import struct
import xml.etree.ElementTree as ET

import pytest

from meetings.db import open_database, session_scope
from meetings.filters import MeetingFilter
from tests.conftest import without_module

# Meetings over 2019..2023 with nothing in 2020 and 2022, and one dated only by its year.
MEETINGS = [
    ["--date", "2019-02-10", "--attendee", "Ann Lee, France", "--attendee", "Bo Chan, India", "--source", "https://example.org/a"],
    ["--date", "2019-11", "--attendee", "Ann Lee, France", "--attendee", "Cy Dao, Japan"],
    ["--date", "2021-05-02", "--attendee", "Bo Chan, India", "--attendee", "Cy Dao, Japan"],
    ["--date", "2023", "--attendee", "Ann Lee, France", "--attendee", "Bo Chan, India", "--attendee", "Di Eng, Chile"],
]
EXTERNAL = re.compile(r"""\b(?:src|href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)""", re.IGNORECASE)


@pytest.fixture
def archive(invoke):
    for args in MEETINGS:
        invoke("add", *args)
    return invoke


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("what", [[], ["top", "--by", "pair"], ["network", "--nodes", "person"]])
@pytest.mark.parametrize("suffix", [".png", ".svg", ".html"])
def test_every_chart_in_every_format_is_a_valid_nonempty_file(archive, tmp_path, what, suffix):
    path = tmp_path / f"chart{suffix}"
    result = archive("chart", *what, "--output", str(path))
    assert f"Wrote {path}" in result.stderr
    data = path.read_bytes()
    if suffix == ".png":
        width, height = png_size(data)
        assert width > 500 and height > 300
    elif suffix == ".svg":
        root = ET.fromstring(data)
        assert root.tag == "{http://www.w3.org/2000/svg}svg"
        assert len(list(root.iter())) > 50
    else:
        text = data.decode("utf-8")
        assert text.startswith("<!DOCTYPE html>") and "<svg" in text and text.rstrip().endswith("</html>")
        assert not EXTERNAL.findall(text)


def test_timeline_has_a_point_for_every_period_with_zero_where_nothing_happened(archive):
    from meetings import charts
    from meetings.services.series import period_counts

    engine = open_database(str(archive.path))
    with session_scope(engine) as session:
        data = period_counts(session=session, filters=MeetingFilter(), period="year")
        by_country = period_counts(session=session, filters=MeetingFilter(), period="year", series="country", top=2)
        months = period_counts(session=session, filters=MeetingFilter(), period="month")
    engine.dispose()
    assert data.periods == ["2019", "2020", "2021", "2022", "2023"]
    assert [s.counts for s in data.series] == [[2, 0, 1, 0, 1]]
    assert {s.name: s.counts for s in by_country.series} == {"France": [2, 0, 0, 0, 1], "India": [1, 0, 1, 0, 1]}
    assert months.periods[0] == "2019-02" and len(months.periods) == len(set(months.periods))
    assert months.periods[27] == "2021-05" and sum(months.series[0].counts) == 3
    assert months.unplaced == 1  # the meeting dated only "2023" has no month
    line = charts.timeline_figure(data, title="t").axes[0].lines[0]
    assert list(line.get_xdata()) == list(range(5)) and list(line.get_ydata()) == [2, 0, 1, 0, 1]


def test_timeline_follows_the_filters_and_the_periods_of_stats(archive):
    import json

    from meetings.services.series import period_counts

    stats = json.loads(archive("stats", "--by", "quarter", "--country", "Japan", "--format", "json").stdout)
    engine = open_database(str(archive.path))
    with session_scope(engine) as session:
        data = period_counts(session=session, filters=MeetingFilter(countries=("JP",)), period="quarter")
    engine.dispose()
    assert data.periods == [row["quarter"] for row in stats]
    assert data.series[0].counts == [row["meetings"] for row in stats]


def test_report_is_a_self_contained_brief(archive, tmp_path):
    path = tmp_path / "brief.html"
    archive("report", "--country", "India", "--output", str(path))
    text = path.read_text(encoding="utf-8")
    assert "<title>Meetings of India</title>" in text and "<h1>Meetings of India</h1>" in text
    assert text.count("<svg") == 2  # the timeline and the network
    assert not EXTERNAL.findall(text)
    assert "https://example.org/a" in text  # the source, as text
    for name in ("Ann Lee", "Bo Chan", "Cy Dao", "Di Eng"):
        assert name in text
    table = text[text.index("<h2>The meetings</h2>"):]
    assert table.count("<tr>") == 1 + 3  # header and India's three meetings
    counts = re.findall(r"<strong>([^<]+)</strong>(\w+)", text)
    assert {label: value for value, label in counts}["meetings"] == "3"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["chart"], "meetings: --output: name the file to draw, ending in .png, .svg or .html"),
        (["chart", "--output", "{tmp}/c.pdf"], "meetings: --output: 'c.pdf': the file name says the format; end it in .png, .svg or .html"),
        (["chart", "top", "--by", "month", "--output", "{tmp}/c.png"], "meetings: --by: 'month' is not a grouping a top chart draws"),
        (["chart", "--period", "week", "--output", "{tmp}/c.png"], "Invalid value for '--period'"),
        (["chart", "--series", "topic", "--output", "{tmp}/c.png"], "Invalid value for '--series'"),
        (["chart", "--top", "0", "--output", "{tmp}/c.png"], "Invalid value for '--top'"),
        (["report", "--output", "{tmp}/c.png"], "meetings: --output: 'c.png': the file name says the format; end it in .html"),
        (["report"], "meetings: --output: name the brief to write, ending in .html"),
        (["chart", "--from", "2023", "--to", "2022", "--output", "{tmp}/c.png"], "meetings: --to: 2022 is before --from 2023"),
    ],
)
def test_refusals(archive, tmp_path, snapshot, args, message):
    before = snapshot(archive.path)
    result = archive(*[a.format(tmp=tmp_path) for a in args], ok=False)
    assert result.exit_code == 2
    assert message in result.stderr
    assert list(tmp_path.glob("c.*")) == []
    assert snapshot(archive.path) == before


def test_existing_file_is_kept_without_force(archive, tmp_path):
    path = tmp_path / "c.png"
    path.write_bytes(b"keep")
    result = archive("chart", "--output", str(path), ok=False)
    assert result.exit_code == 2 and "exists; use --force" in result.stderr
    assert path.read_bytes() == b"keep"
    archive("chart", "--output", str(path), "--force")
    assert png_size(path.read_bytes())[0] > 0


@pytest.mark.parametrize("command", [["chart", "--output", "{tmp}/c.png"], ["report", "--output", "{tmp}/c.html"]])
def test_without_matplotlib_the_extra_is_named(archive, tmp_path, monkeypatch, command):
    without_module(monkeypatch, "matplotlib")
    result = archive(*[a.format(tmp=tmp_path) for a in command], ok=False)
    assert result.exit_code == 6
    assert result.stderr == (f'meetings: meetings {command[0]} needs the optional part "charts": '
                             'pip install "meetings[charts]"\n')


def test_the_chart_options_offer_exactly_the_periods_and_series_the_services_draw():
    from typing import get_args

    from meetings.cli import options
    from meetings.services.series import SERIES
    from meetings.services.stats import PERIODS

    assert get_args(options.Period) == PERIODS
    assert get_args(options.Series) == SERIES


@pytest.mark.parametrize(("command", "option", "refusal"), [
    (["graph"], "--nodes", "'place' is not one of 'country', 'person'"),
    (["chart", "network", "--output", "{tmp}/a.png"], "--nodes", "'place' is not one of 'country', 'person'"),
    (["report", "--output", "{tmp}/a.html"], "--nodes", "'place' is not one of 'country', 'person'"),
    (["chart", "--output", "{tmp}/a.png"], "--period", "'place' is not one of 'month', 'quarter', 'year', 'decade'"),
    (["report", "--output", "{tmp}/a.html"], "--period", "'place' is not one of 'month', 'quarter', 'year', 'decade'"),
])
def test_the_commands_that_share_a_choice_offer_the_same_values(invoke, tmp_path, command, option, refusal):
    """One declaration of --nodes and --period serves graph, chart and report alike."""
    result = invoke(*[a.format(tmp=tmp_path) for a in command], option, "place", ok=False)
    assert result.exit_code == 2
    assert f"Invalid value for '{option}': {refusal}." in result.stderr
