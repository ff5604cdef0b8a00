import json

import pytest

import meetings.cli.editing as meeting_commands

BILATERAL = ["--date", "2024-07-09", "--venue", "Moscow", "--venue-country", "Russia",
             "--attendee", "Narendra Modi, India, Prime Minister",
             "--attendee", "Vladimir Putin, Russia, President"]


def meetings(invoke):
    return json.loads(invoke("list", "--format", "json", "--limit", "0").stdout)


def test_add_prints_the_new_id_and_the_meeting_is_listed(invoke):
    result = invoke("add", *BILATERAL, "--topic", "energy", "--topic", "trade",
                    "--source", "https://example.org/readout", "--summary", "Annual summit.")
    new_id = int(result.stdout.strip())
    [meeting] = meetings(invoke)
    assert meeting["id"] == new_id
    assert meeting["title"] == "India–Russia meeting"
    assert meeting["kind"] == "bilateral"
    assert (meeting["venue"], meeting["venue_country"]) == ("Moscow", "Russia")
    assert meeting["attendees"][0] == {"name": "Narendra Modi", "country": "India", "role": "Prime Minister",
                                       "rank": None, "host": False, "chair": False, "kind": "person"}
    assert meeting["topics"] == ["energy", "trade"]
    assert meeting["sources"] == [{"reference": "https://example.org/readout", "publisher": None, "published": None}]
    assert meeting["summary"] == "Annual summit."


def test_role_is_everything_after_the_second_comma(invoke):
    invoke("add", "--date", "2023", "--attendee", "Antony Blinken, USA, Secretary of State, United States")
    [meeting] = meetings(invoke)
    assert meeting["attendees"][0]["role"] == "Secretary of State, United States"
    assert meeting["attendees"][0]["country"] == "United States"
    assert meeting["kind"] == "other"


def test_unnamed_attendee_with_a_role(invoke):
    invoke("add", "--date", "2001", "--attendee", ", Russia, President", "--attendee", ", China, President",
           "--attendee", ", Uzbekistan, President")
    [meeting] = meetings(invoke)
    assert [a["name"] for a in meeting["attendees"]] == [None, None, None]
    assert meeting["kind"] == "multilateral"
    assert meeting["date"] == "2001"


def test_one_person_is_one_row_across_meetings(invoke):
    invoke("add", "--date", "2023-01", "--attendee", "Sergei Shoigu, Russia")
    invoke("add", "--date", "2023-02", "--attendee", "sergei  SHOIGU, Russia")
    from tests.conftest import query

    assert query(invoke.path, "SELECT name FROM people") == [("Sergei Shoigu",)]


def test_sideline_of_links_to_the_parent(invoke_seeded):
    new_id = int(invoke_seeded("add", "--date", "2023-04-28", "--sideline-of", "2",
                               "--attendee", "Rajnath Singh, India", "--attendee", "Li Shangfu, China").stdout)
    shown = invoke_seeded("show", str(new_id), "--format", "json").stdout
    assert json.loads(shown)["sideline_of"] == 2
    assert f"  {new_id}  2023-04-28" in invoke_seeded("show", "2").stdout


def test_end_date_and_explicit_kind_title_org(invoke):
    invoke("add", "--date", "2023-09-09", "--end-date", "2023-09-10", "--kind", "Summit", "--title", "G20 Summit",
           "--org", "G20", "--attendee", "Narendra Modi, India, Prime Minister")
    [meeting] = meetings(invoke)
    assert (meeting["date"], meeting["end_date"], meeting["kind"], meeting["title"], meeting["organization"]) == (
        "2023-09-09", "2023-09-10", "summit", "G20 Summit", "G20")


def test_missing_values_are_prompted_for_in_a_terminal(invoke, monkeypatch):
    monkeypatch.setattr(meeting_commands, "_interactive", lambda: True)
    result = invoke("add", input="2023-05-01\nSubrahmanyam Jaishankar, India, Minister of External Affairs\n\n")
    assert int(result.stdout.strip().splitlines()[-1]) >= 1
    [meeting] = meetings(invoke)
    assert meeting["date"] == "2023-05-01"
    assert meeting["attendees"][0]["name"] == "Subrahmanyam Jaishankar"


@pytest.mark.parametrize(
    ("args", "field", "exit_code"),
    [
        (["--date", "2023-02-30", "--attendee", "A B, India"], "--date", 2),
        (["--date", "28/04/2023", "--attendee", "A B, India"], "--date", 2),
        (["--date", "2023-04-28", "--attendee", "A B, Narnia"], "--attendee country", 2),
        (["--date", "2023-04-28", "--attendee", "A B, Congo"], "--attendee country", 2),
        (["--date", "2023-04-28", "--attendee", ", India"], "--attendee name", 2),
        (["--date", "2023-04-28", "--attendee", "..., India"], "--attendee name", 2),
        (["--date", "2023-04-28", "--attendee", "A B"], "--attendee", 2),
        (["--date", "2023-04-28", "--attendee", "A B, "], "--attendee country", 2),
        (["--date", "2023-04-28", "--attendee", "A B, India", "--attendee", "a b, India"], "--attendee", 2),
        (["--date", "2023-04-28", "--attendee", "A\u202eB, India"], "--attendee name", 2),
        (["--date", "2023-04-28", "--attendee", "A B, India", "--sideline-of", "999"], "--sideline-of", 2),
        (["--date", "2023-04-28", "--attendee", "A B, India", "--kind", "party"], "--kind", 2),
        (["--date", "2023-04-28", "--attendee", "A B, India", "--end-date", "2023-04-01"], "--end-date", 2),
        (["--date", "2023-04-28", "--attendee", "A B, India", "--venue-country", "Atlantis"], "--venue-country", 2),
        (["--date", "2023-04-28", "--attendee", "A B, India", "--title", "x" * 301], "--title", 2),
        (["--attendee", "A B, India"], "--date", 2),
        (["--date", "2023"], "--attendee", 2),
    ],
)
def test_bad_input_is_refused_with_one_line_and_nothing_written(invoke_seeded, snapshot, args, field, exit_code):
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("add", *args, ok=False)
    assert result.exit_code == exit_code
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"meetings: {field}:")
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
    assert snapshot(invoke_seeded.path) == before


def test_a_non_numeric_sideline_id_is_a_usage_error(invoke):
    result = invoke("add", "--date", "2023", "--attendee", "A B, India", "--sideline-of", "x", ok=False)
    assert result.exit_code == 2
    assert "--sideline-of" in result.stderr
