import csv
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.cells import format_attendee, parse_attendee
from meetings.fields import AttendeeRecord


def read_csv(text):
    return list(csv.DictReader(io.StringIO(text, newline="")))


def test_export_to_stdout_one_row_per_meeting(invoke_seeded):
    result = invoke_seeded("export")
    rows = read_csv(result.stdout)
    assert [r["id"] for r in rows] == ["3", "2", "1"]
    assert rows[0]["attendees"] == "Rajnath Singh, India, Minister of Defence; Sergei Shoigu, Russia, Minister of Defence"
    assert rows[0]["countries"] == "India; Russia"
    assert rows[0]["sideline_of"] == "2"
    assert rows[2]["date"] == "2001"
    assert rows[2]["attendees"].startswith(", Russia, President; , China, President")
    raw = result.stdout_bytes
    assert raw.count(b"\r\n") == 4 and raw.count(b"\n") == 4  # RFC 4180 line ends, header + 3 rows


def test_export_long_is_one_row_per_attendance(invoke_seeded):
    rows = read_csv(invoke_seeded("export", "--long").stdout)
    assert len(rows) == 2 + 6 + 6
    shoigu = [r for r in rows if r["attendee"] == "Sergei Shoigu"]
    assert {r["meeting_id"] for r in shoigu} == {"2", "3"}
    assert all(r["rank"] == "Army General" and r["country"] == "Russia" for r in shoigu)
    singh = [r for r in rows if r["attendee"] == "Rajnath Singh" and r["meeting_id"] == "2"]
    assert singh[0]["chair"] == "yes"


def test_export_takes_the_list_filters(invoke_seeded):
    rows = read_csv(invoke_seeded("export", "--country", "India", "--country", "Russia").stdout)
    assert [r["id"] for r in rows] == ["3", "2"]


def test_export_to_a_file(invoke_seeded, tmp_path):
    target = tmp_path / "report.csv"
    result = invoke_seeded("export", "--output", str(target))
    assert "Wrote 3 meeting rows" in result.stderr
    data = target.read_bytes()
    assert data.decode("utf-8").startswith("id,date,end_date,first_day,last_day,title")
    assert "India–Russia".encode() in data


def test_export_refuses_to_overwrite_without_force(invoke_seeded, tmp_path):
    target = tmp_path / "report.csv"
    target.write_text("keep me")
    result = invoke_seeded("export", "--output", str(target), ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith("meetings: --output:")
    assert target.read_text() == "keep me"
    invoke_seeded("export", "--output", str(target), "--force")
    assert target.read_text().startswith("id,")
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


@pytest.mark.sqlite_only
def test_export_never_writes_onto_the_database(invoke_seeded, snapshot):
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("export", "--output", str(invoke_seeded.path), "--force", ok=False)
    assert result.exit_code == 2
    assert "is the database" in result.stderr
    assert snapshot(invoke_seeded.path) == before


def test_add_list_export_end_to_end(invoke):
    invoke("add", "--date", "2024-10-22", "--venue", "Kazan", "--venue-country", "Russia",
           "--attendee", "Narendra Modi, India, Prime Minister", "--attendee", "Xi Jinping, China, President",
           "--kind", "bilateral", "--topic", "border")
    listed = invoke("list", "--country", "China").stdout
    assert "India–China meeting" in listed
    [row] = read_csv(invoke("export", "--country", "India").stdout)
    assert (row["venue"], row["venue_country"], row["topics"]) == ("Kazan", "Russia", "border")


names = st.text(alphabet=st.characters(categories=["L", "Zs", "P"], exclude_characters="\x85\u2028\u2029"),
                min_size=1, max_size=30).filter(lambda s: s.strip())


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=200)
@given(name=names, role=st.one_of(st.none(), names))
def test_the_attendee_cell_reads_back_as_the_add_syntax(name, role):
    record = AttendeeRecord(name=name, country="Russia", role=role, rank=None, host=False, chair=False)
    cell = format_attendee(record)
    # An attendee cell is exactly what `add --attendee` reads, escapes and all.
    parsed = parse_attendee(cell, field="--attendee")
    assert parsed.name == (name.strip() or None)
    assert parsed.country == "Russia"
    assert parsed.role == ((role or "").strip() or None)


@pytest.mark.parametrize("value", ['He said "hi", twice', "line one\nline two", "semi; colon", "ok ='x'"])
def test_awkward_text_survives_csv_quoting(invoke, value):
    invoke("add", "--date", "2023", "--attendee", "A B, India", "--summary", value, "--topic", "x")
    [row] = read_csv(invoke("export").stdout)
    assert row["summary"] == value


@pytest.mark.parametrize("value", ["=HYPERLINK(\"http://x\")", "+1", "-2+3", "@SUM(A1)", "'=already quoted"])
def test_formula_cells_are_neutralized_unless_raw(invoke, value):
    invoke("add", "--date", "2023", "--attendee", "A B, India", "--title", value)
    [row] = read_csv(invoke("export").stdout)
    assert row["title"] == "'" + value
    [listed] = read_csv(invoke("list", "--format", "csv").stdout)
    assert listed["title"] == "'" + value
    [raw] = read_csv(invoke("export", "--raw").stdout)
    assert raw["title"] == value
    assert json.loads(invoke("list", "--format", "json").stdout)[0]["title"] == value
