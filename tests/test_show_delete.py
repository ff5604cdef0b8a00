import json

import meetings.cli.editing as meeting_commands


def test_show_prints_everything_about_a_meeting(invoke_seeded):
    page = invoke_seeded("show", "3").stdout
    assert page.startswith("Meeting 3: India–Russia bilateral meeting of Defence Ministers")
    assert "Sideline of:  2  SCO Defence Ministers' Meeting (2023-04-28)" in page
    assert "Sergei Shoigu" in page and "Army General" in page
    assert "  - Russian defence industry participation in Make in India" in page
    assert "Sources:" in page


def test_show_lists_sideline_meetings_of_a_summit(invoke_seeded):
    page = invoke_seeded("show", "2").stdout
    assert "Sideline meetings:\n  3  2023-04-28  India–Russia bilateral meeting of Defence Ministers" in page


def test_show_json_is_the_list_object(invoke_seeded):
    shown = json.loads(invoke_seeded("show", "1", "--format", "json").stdout)
    [listed] = [m for m in json.loads(invoke_seeded("list", "--format", "json").stdout) if m["id"] == 1]
    assert shown == listed


def test_show_unknown_id_is_not_found(invoke_seeded):
    result = invoke_seeded("show", "99", ok=False)
    assert result.exit_code == 1
    assert result.stderr == "meetings: there is no meeting 99\n"


def test_delete_with_yes_keeps_sideline_meetings(invoke_seeded):
    result = invoke_seeded("delete", "2", "--yes")
    assert "Deleted meeting 2" in result.stdout
    remaining = json.loads(invoke_seeded("list", "--format", "json").stdout)
    assert [m["id"] for m in remaining] == [3, 1]
    assert remaining[0]["sideline_of"] is None


def test_delete_asks_in_a_terminal(invoke_seeded, monkeypatch, snapshot):
    monkeypatch.setattr(meeting_commands, "_interactive", lambda: True)
    before = snapshot(invoke_seeded.path)
    refused = invoke_seeded("delete", "1", input="n\n", ok=False)
    assert refused.exit_code == 1
    assert snapshot(invoke_seeded.path) == before
    invoke_seeded("delete", "1", input="y\n")
    assert 1 not in [m["id"] for m in json.loads(invoke_seeded("list", "--format", "json").stdout)]


def test_delete_without_terminal_needs_yes(invoke_seeded, snapshot):
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("delete", "1", ok=False)
    assert result.exit_code == 2
    assert result.stderr.startswith("meetings: --yes:")
    assert snapshot(invoke_seeded.path) == before


def test_delete_unknown_id_is_not_found(invoke_seeded, snapshot):
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("delete", "42", "--yes", ok=False)
    assert result.exit_code == 1
    assert snapshot(invoke_seeded.path) == before
