import json
import stat
import sys
import textwrap

import pytest


def meeting(invoke, meeting_id):
    return json.loads(invoke("show", str(meeting_id), "--format", "json").stdout)


def search_ids(invoke, query):
    return [m["id"] for m in json.loads(invoke("list", "--format", "json", "--search", query).stdout)]


def test_edit_scalar_fields(invoke_seeded):
    invoke_seeded("edit", "3", "--title", "Singh–Shoigu talks", "--date", "2023-04", "--venue", "Delhi",
                  "--kind", "visit", "--summary", "Rewritten.", "--org", "SCO")
    edited = meeting(invoke_seeded, 3)
    assert (edited["title"], edited["date"], edited["venue"], edited["kind"], edited["summary"], edited["organization"]) == (
        "Singh–Shoigu talks", "2023-04", "Delhi", "visit", "Rewritten.", "SCO")
    assert edited["sideline_of"] == 2  # untouched fields stay


def test_empty_values_clear_optional_fields_and_zero_detaches(invoke_seeded):
    invoke_seeded("edit", "3", "--venue", "", "--venue-country", "", "--summary", "", "--sideline-of", "0")
    edited = meeting(invoke_seeded, 3)
    assert (edited["venue"], edited["venue_country"], edited["summary"], edited["sideline_of"]) == (None, None, None, None)


def test_add_and_remove_attendees_topics_and_sources(invoke_seeded):
    invoke_seeded("edit", "3", "--add-attendee", "Vinay Kwatra, India, Foreign Secretary",
                  "--remove-attendee", "SERGEI SHOIGU", "--add-topic", "arms exports",
                  "--remove-topic", "Military-to-military ties", "--add-source", "https://example.org/pr")
    edited = meeting(invoke_seeded, 3)
    assert [a["name"] for a in edited["attendees"]] == ["Rajnath Singh", "Vinay Kwatra"]
    assert "arms exports" in edited["topics"] and "military-to-military ties" not in edited["topics"]
    assert [s["reference"] for s in edited["sources"]][-1] == "https://example.org/pr"
    assert search_ids(invoke_seeded, "kwatra") == [3]
    assert search_ids(invoke_seeded, '"arms exports"') == [3]
    assert 3 not in search_ids(invoke_seeded, "shoigu")


def test_replace_lists(invoke_seeded):
    invoke_seeded("edit", "1", "--attendee", "Jiang Zemin, China, President", "--attendee", "Vladimir Putin, Russia, President",
                  "--topic", "founding")
    edited = meeting(invoke_seeded, 1)
    assert [(a["name"], a["country"]) for a in edited["attendees"]] == [("Jiang Zemin", "China"), ("Vladimir Putin", "Russia")]
    assert edited["topics"] == ["founding"]


def test_remove_the_unnamed_attendees_of_a_country(invoke_seeded):
    invoke_seeded("edit", "1", "--remove-attendee", "Uzbekistan")
    assert "Uzbekistan" not in [a["country"] for a in meeting(invoke_seeded, 1)["attendees"]]


@pytest.mark.parametrize(
    ("args", "field", "code"),
    [
        (["3", "--date", "2023-02-30"], "--date", 2),
        (["3", "--date", ""], "--date", 2),
        (["3", "--remove-attendee", "Nobody Known"], "--remove-attendee", 2),
        (["3", "--remove-topic", "not a topic"], "--remove-topic", 2),
        (["3", "--remove-attendee", "Rajnath Singh", "--remove-attendee", "Sergei Shoigu"], "--attendee", 2),
        (["3", "--add-attendee", "Rajnath Singh, India"], "--attendee", 2),
        (["3", "--add-attendee", "A B, Atlantis"], "--attendee country", 2),
        (["3", "--sideline-of", "3"], "--sideline-of", 2),
        (["2", "--sideline-of", "3"], "--sideline-of", 2),
        (["3", "--sideline-of", "77"], "--sideline-of", 2),
        (["3", "--kind", "banquet"], "--kind", 2),
        (["3", "--end-date", "2020"], "--end-date", 2),
    ],
)
def test_invalid_edits_change_nothing(invoke_seeded, snapshot, args, field, code):
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("edit", *args, ok=False)
    assert result.exit_code == code, result.stderr
    assert result.stderr.startswith(f"meetings: {field}:"), result.stderr
    assert snapshot(invoke_seeded.path) == before


def test_edit_unknown_meeting_is_not_found(invoke_seeded):
    result = invoke_seeded("edit", "99", "--title", "x", ok=False)
    assert result.exit_code == 1


def scripted_editor(tmp_path, body):
    """An $EDITOR that runs a Python body with `path`, `text` and `calls` (how often it ran before)."""
    script = tmp_path / "editor.py"
    counter = tmp_path / "calls"
    script.write_text(textwrap.dedent(f"""\
        import pathlib, sys
        path = pathlib.Path(sys.argv[1])
        counter = pathlib.Path({str(counter)!r})
        calls = int(counter.read_text()) if counter.exists() else 0
        counter.write_text(str(calls + 1))
        text = path.read_text(encoding="utf-8")
        pathlib.Path({str(tmp_path / 'seen')!r} + str(calls)).write_text(text, encoding="utf-8")
    """) + textwrap.dedent(body))
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return f"{sys.executable} {script}"


def test_editor_edit_is_saved(invoke_seeded, tmp_path, monkeypatch):
    monkeypatch.setenv("EDITOR", scripted_editor(tmp_path, """
        text = text.replace("kind: bilateral", "kind: visit").replace("- military-to-military ties\\n", "")
        path.write_text(text, encoding="utf-8")
    """))
    monkeypatch.delenv("VISUAL", raising=False)
    result = invoke_seeded("edit", "3", "--editor")
    assert "Updated meeting 3" in result.stdout
    edited = meeting(invoke_seeded, 3)
    assert edited["kind"] == "visit"
    assert "military-to-military ties" not in edited["topics"]
    assert edited["attendees"][1]["rank"] == "Army General"
    assert "country: Russia" in (tmp_path / "seen0").read_text()


def test_editor_shows_an_invalid_edit_again_with_the_error(invoke_seeded, tmp_path, monkeypatch, snapshot):
    monkeypatch.setattr("meetings.cli.editor.rounds", lambda: 3)  # as on a terminal
    monkeypatch.setenv("EDITOR", scripted_editor(tmp_path, """
        if calls == 0:
            path.write_text(text.replace("date: '2023-04-28'", "date: 28/04/2023"), encoding="utf-8")
        else:
            path.write_text(text.replace("date: 28/04/2023", "date: '2023-04-27'"), encoding="utf-8")
    """))
    result = invoke_seeded("edit", "3", "--editor")
    assert result.exit_code == 0
    second_view = (tmp_path / "seen1").read_text()
    assert second_view.startswith("# ERROR: --date: '28/04/2023' is not a date")
    assert meeting(invoke_seeded, 3)["date"] == "2023-04-27"


def test_editor_saved_unchanged_after_an_error_stops_without_changes(invoke_seeded, tmp_path, monkeypatch, snapshot):
    monkeypatch.setenv("EDITOR", scripted_editor(tmp_path, """
        if calls == 0:
            path.write_text(text.replace("kind: bilateral", "kind: banquet"), encoding="utf-8")
    """))
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("edit", "3", "--editor", ok=False)
    assert result.exit_code == 2
    assert "--kind" in result.stderr
    assert snapshot(invoke_seeded.path) == before


def test_editor_emptied_file_cancels(invoke_seeded, tmp_path, monkeypatch, snapshot):
    monkeypatch.setenv("EDITOR", scripted_editor(tmp_path, """
        path.write_text("# nothing\\n", encoding="utf-8")
    """))
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("edit", "3", "--editor", ok=False)
    assert result.exit_code == 1
    assert "cancelled" in result.stderr
    assert snapshot(invoke_seeded.path) == before


def test_editor_yaml_errors_are_shown_again(invoke_seeded, tmp_path, monkeypatch):
    monkeypatch.setattr("meetings.cli.editor.rounds", lambda: 3)  # as on a terminal
    monkeypatch.setenv("EDITOR", scripted_editor(tmp_path, """
        if calls == 0:
            path.write_text(text + "\\n  bad: [unclosed\\n", encoding="utf-8")
        else:
            lines = [l for l in text.splitlines() if "bad: [unclosed" not in l]
            path.write_text("\\n".join(lines) + "\\n", encoding="utf-8")
    """))
    invoke_seeded("edit", "3", "--editor")
    assert (tmp_path / "seen1").read_text().startswith("# ERROR: YAML:")


def test_without_a_terminal_a_refused_edit_is_not_reopened(invoke_seeded, tmp_path, monkeypatch, snapshot):
    monkeypatch.setenv("EDITOR", scripted_editor(tmp_path, """
        path.write_text(text.replace("kind: bilateral", "kind: banquet"), encoding="utf-8")
    """))
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("edit", "3", "--editor", ok=False)  # the test runner has no terminal
    assert result.exit_code == 2
    assert "--kind" in result.stderr
    assert int((tmp_path / "calls").read_text()) == 1
    assert snapshot(invoke_seeded.path) == before
