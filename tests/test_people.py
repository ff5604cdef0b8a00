import json

import pytest

from tests.conftest import query


def people(invoke, *args):
    return json.loads(invoke("people", "--format", "json", *args).stdout)


def person_id(invoke, name):
    [found] = [p["id"] for p in people(invoke) if p["name"] == name]
    return found


def search_ids(invoke, query):
    return [m["id"] for m in json.loads(invoke("list", "--format", "json", "--search", query).stdout)]


def test_people_lists_countries_counts_and_dates(invoke_seeded):
    listed = {p["name"]: p for p in people(invoke_seeded)}
    assert listed["Sergei Shoigu"]["meetings"] == 2
    assert listed["Sergei Shoigu"]["countries"] == ["Russia"]
    assert listed["Rajnath Singh"]["first"] == "2023-04-28"
    assert [p["name"] for p in people(invoke_seeded, "--country", "Iran")] == ["Mohammad Reza Gharaei Ashtiyani"]
    assert [p["name"] for p in people(invoke_seeded, "--search", "shoigu")] == ["Sergei Shoigu"]


def test_people_show_gives_every_meeting_and_role(invoke_seeded):
    shown = invoke_seeded("people", "show", str(person_id(invoke_seeded, "Sergei Shoigu"))).stdout
    assert shown.startswith("Person 3: Sergei Shoigu\nMeetings: 2")
    assert shown.count("Minister of Defence") == 2
    assert "Army General" in shown


def test_alias_makes_the_person_findable_and_known_to_add(invoke_seeded):
    shoigu = person_id(invoke_seeded, "Sergei Shoigu")
    result = invoke_seeded("people", "alias", str(shoigu), "Sergei K Shoigu")
    assert "also known as Sergei K Shoigu" in result.stdout
    assert search_ids(invoke_seeded, '"Sergei K Shoigu"') == [3, 2]
    # A new record using the alias is the same person, not a new one.
    invoke_seeded("add", "--date", "2024-05", "--attendee", "Sergei K. Shoigu, Russia")
    assert len([p for p in people(invoke_seeded) if "Shoigu" in p["name"]]) == 1
    assert people(invoke_seeded, "--search", "shoigu")[0]["meetings"] == 3
    again = invoke_seeded("people", "alias", str(shoigu), "sergei k shoigu")
    assert "already goes by" in again.stdout


def test_alias_that_names_another_person_is_refused(invoke_seeded, snapshot):
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("people", "alias", "3", "Rajnath Singh", ok=False)
    assert result.exit_code == 2
    assert "is already a name of Rajnath Singh" in result.stderr
    assert "meetings people merge" in result.stderr
    assert snapshot(invoke_seeded.path) == before


def test_merge_moves_attendances_and_keeps_the_name_as_alias(invoke_seeded):
    invoke_seeded("add", "--date", "2024-02", "--attendee", "Sergey Shoygu, Russia", "--attendee", "Li Shangfu, China")
    invoke_seeded("add", "--date", "2023-04-28", "--attendee", "Sergey Shoygu, Russia", "--attendee", "X Y, India")
    drop = person_id(invoke_seeded, "Sergey Shoygu")
    keep = person_id(invoke_seeded, "Sergei Shoigu")
    result = invoke_seeded("people", "merge", str(keep), str(drop))
    assert "2 attendances moved" in result.stdout
    [merged] = people(invoke_seeded, "--search", "shoigu")
    assert merged["aliases"] == ["Sergey Shoygu"]
    assert merged["meetings"] == 4
    assert search_ids(invoke_seeded, "shoygu") == [4, 5, 3, 2]
    assert query(invoke_seeded.path, "SELECT count(*) FROM people WHERE id = ?", drop) == [(0,)]


def test_merge_where_both_attended_one_meeting_keeps_one_attendance(invoke_seeded):
    invoke_seeded("edit", "3", "--add-attendee", "S. Shoigu, Russia, Defence Minister")
    duplicate = person_id(invoke_seeded, "S. Shoigu")
    invoke_seeded("people", "merge", "3", str(duplicate))
    meeting = json.loads(invoke_seeded("show", "3", "--format", "json").stdout)
    assert [a["name"] for a in meeting["attendees"]] == ["Rajnath Singh", "Sergei Shoigu"]


@pytest.mark.parametrize(
    ("args", "exit_code"),
    [(["merge", "3", "3"], 2), (["merge", "3", "99"], 1), (["merge", "99", "3"], 1), (["alias", "99", "X"], 1),
     (["alias", "3", "  "], 2), (["show", "99"], 1)],
)
def test_people_refusals(invoke_seeded, snapshot, args, exit_code):
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("people", *args, ok=False)
    assert result.exit_code == exit_code
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(invoke_seeded.path) == before


def test_add_notes_a_name_close_to_a_known_person_of_that_country(invoke_seeded):
    result = invoke_seeded("add", "--date", "2024", "--attendee", "Sergey Shoigu, Russia")
    assert "close to Sergei Shoigu (person 3)" in result.stderr
    assert "meetings people merge 3 7" in result.stderr
    quiet = invoke_seeded("add", "--date", "2024", "--attendee", "Sergey Shoigu, China")
    assert quiet.stderr == ""


def test_add_offers_the_known_person_in_a_terminal(invoke_seeded, monkeypatch):
    import meetings.cli.editing as meeting_commands

    monkeypatch.setattr(meeting_commands, "_interactive", lambda: True)
    invoke_seeded("add", "--date", "2024", "--attendee", "Sergey Shoigu, Russia", input="y\n")
    assert [p["name"] for p in people(invoke_seeded, "--country", "Russia")] == ["Sergei Shoigu"]
