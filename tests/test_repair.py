"""`meetings db repair`: a file edited by another tool (rows deleted in sqlite3, which does not
enforce foreign keys) is backed up, its orphan rows listed and removed, its search index rebuilt."""

import json
import sqlite3

import pytest

from tests.conftest import query


def damage(path) -> None:
    """What a user does in sqlite3: delete a meeting and a topic, add a meeting by hand."""
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("DELETE FROM meetings WHERE id = 2")  # the summit meeting 3 is a sideline of
        connection.execute("DELETE FROM countries WHERE code = 'UZ'")  # attended meeting 1
        topic = connection.execute("SELECT topic_id FROM meeting_topics WHERE meeting_id = 3 LIMIT 1").fetchone()[0]
        connection.execute("DELETE FROM topics WHERE id = ?", (topic,))
        connection.execute(
            "INSERT INTO meetings (id, title, start_date, start_precision, last_day, kind, created_at, updated_at) "
            "VALUES (9, 'Zanzibar fisheries talks', '2020-05-01', 'day', '2020-05-01', 'other', '2020-05-01', '2020-05-01')")
    connection.close()


def listed(invoke, *args):
    return {m["id"]: m for m in json.loads(invoke("list", "--format", "json", *args).stdout)}


@pytest.mark.sqlite_only
def test_check_names_the_damage_and_repair_fixes_it(invoke_seeded, tmp_path):
    path = invoke_seeded.path
    before = listed(invoke_seeded)
    damage(path)
    orphan_attendances = query(path, "SELECT count(*) FROM attendances WHERE meeting_id = 2")[0][0]
    assert orphan_attendances > 0

    check = invoke_seeded("db", "check", ok=False)
    assert check.exit_code == 4
    assert "FAIL  foreign keys" in check.stdout and "FAIL  search index" in check.stdout
    assert check.stderr.strip() == ("meetings: check failed: foreign keys, search index; "
                                    "meetings db repair backs the database up and fixes them")

    dry = invoke_seeded("db", "repair", "--dry-run")
    assert "would fix attendances" in dry.stdout
    assert query(path, "SELECT count(*) FROM attendances WHERE meeting_id = 2")[0][0] == orphan_attendances

    result = invoke_seeded("db", "repair")
    fixed = result.stdout.splitlines()
    assert sum(line.startswith("fixed attendances") for line in fixed) == orphan_attendances
    assert any(line.startswith("fixed meetings (id 3): parent_id 2") and line.endswith("emptied") for line in fixed)
    assert any("restored country UZ (Uzbekistan)" in line for line in fixed)
    assert any(line.startswith("fixed meeting_topics (meeting_id 3") for line in fixed)
    assert fixed[-1].startswith(f"Fixed {len(fixed) - 1} rows; search index rebuilt for 3 meetings")

    [backup] = list(path.parent.glob(f"{path.name}.backup-repair-*"))
    assert query(backup, "SELECT count(*) FROM attendances WHERE meeting_id = 2")[0][0] == orphan_attendances
    assert query(path, "SELECT count(*) FROM attendances WHERE meeting_id = 2")[0][0] == 0

    assert invoke_seeded("db", "check").exit_code == 0
    after = listed(invoke_seeded)
    assert sorted(after) == [1, 3, 9]
    assert after[1] == before[1]  # Uzbekistan's attendance kept, its country restored
    assert after[3]["sideline_of"] is None and len(after[3]["topics"]) == len(before[3]["topics"]) - 1
    assert list(listed(invoke_seeded, "--search", "zanzibar")) == [9]  # added by hand, now found
    assert invoke_seeded("db", "repair").stdout.startswith("Fixed 0 rows")


def test_repair_of_a_healthy_database_changes_no_record(invoke_seeded):
    before = invoke_seeded("export").stdout
    result = invoke_seeded("db", "repair")
    assert "Fixed 0 rows; search index rebuilt for 3 meetings." in result.stdout
    assert invoke_seeded("export").stdout == before
    assert list(listed(invoke_seeded, "--search", "shoigu")) == [3, 2]
    assert invoke_seeded("db", "check").exit_code == 0
