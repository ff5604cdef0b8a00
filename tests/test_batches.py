"""Import batches (meetings imports, imports undo, where a meeting came from) and the review
queue of probable duplicates (meetings duplicates, merge, dismiss)."""

import csv
import json

import pytest

from meetings.fields import MAX_ID

HEADER = "date,title,venue,attendees,topics,sources,summary\n"
TALKS = '2024-03-05,Talks in Paris,Paris,"Jean Roux, France; Ravi Rao, India",trade,https://example.org/a,First round\n'
# The same date and attendees, elsewhere and about something else: a probable duplicate.
OTHER = '2024-03-05,Talks in Lyon,Lyon,"Jean Roux, France; Ravi Rao, India",energy,https://example.org/b,\n'
LATER = '2024-04-01,Later talks,,"Jean Roux, France",,,\n'


def write(path, *rows):
    path.write_text(HEADER + "".join(rows), encoding="utf-8")
    return path


def listed(invoke, *args):
    return json.loads(invoke("list", "--format", "json", "--limit", "0", *args).stdout)


def batches(invoke):
    return json.loads(invoke("imports", "--format", "json").stdout)


def test_an_import_is_a_batch_its_meetings_remember(invoke, tmp_path):
    path = write(tmp_path / "first.csv", TALKS, LATER)
    result = invoke("import", str(path))
    assert "Imported (batch 1): 2 added, 0 updated, 0 skipped as exact duplicates, 0 rejected." in result.stderr
    [batch] = batches(invoke)
    assert (batch["batch"], batch["files"], batch["added"], batch["skipped"]) == (1, str(path), 2, 0)
    assert not batch["undone"]
    later = next(m for m in listed(invoke) if m["title"] == "Later talks")
    page = invoke("show", str(later["id"])).stdout
    assert "Imported:     batch 1 (" in page and f"{path}, line 3" in page
    # A meeting recorded by hand has no import to show.
    added = invoke("add", "--date", "2024-05-01", "--attendee", "Ana Lima, Brazil").stdout.strip().split()[-1]
    assert "Imported:" not in invoke("show", added).stdout


def test_exact_duplicates_are_skipped_and_listed_with_file_and_line(invoke, tmp_path):
    invoke("import", str(write(tmp_path / "first.csv", TALKS, LATER)))
    again = write(tmp_path / "again.csv", LATER, TALKS)
    listing = tmp_path / "skipped.csv"
    result = invoke("import", str(again), "--skipped", str(listing))
    assert "0 added, 0 updated, 2 skipped as exact duplicates" in result.stderr
    assert f"skipped: {again}:2: exact duplicate of meeting 2" in result.stderr
    assert f"skipped: {again}:3: exact duplicate of meeting 1" in result.stderr
    assert f"listed in {listing}" in result.stderr
    with listing.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert [(r["file"], r["line"], r["duplicate_of"]) for r in rows] == [(str(again), "2", "2"), (str(again), "3", "1")]
    # An import that changed nothing leaves no batch behind.
    assert "Imported (nothing changed, no batch): 0 added" in result.stderr
    assert [b["batch"] for b in batches(invoke)] == [1]


def test_the_skipped_list_goes_to_the_user_data_folder_by_default(invoke, tmp_path, monkeypatch):
    # A user data folder of this test's own: the session's is shared by every test of a worker,
    # whose imports leave their own batch-1 lists there.
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    path = write(tmp_path / "twice.csv", TALKS, TALKS)
    result = invoke("import", str(path))
    assert "1 added, 0 updated, 1 skipped" in result.stderr
    [listing] = (tmp_path / "data" / "meetings" / "imports").glob("*-batch-1.skipped.csv")
    assert f"listed in {listing}" in result.stderr
    assert f"skipped: {path}:3: exact duplicate of meeting 1" in result.stderr
    assert listing.read_text(encoding="utf-8").splitlines()[1].startswith(f"{path},3,")


def test_a_probable_duplicate_is_imported_and_queued(invoke, tmp_path):
    invoke("import", str(write(tmp_path / "first.csv", TALKS)))
    result = invoke("import", str(write(tmp_path / "second.csv", OTHER)))
    assert "1 added, 0 updated, 0 skipped" in result.stderr
    assert "1 of those added share a recorded meeting's date and attendees" in result.stderr
    assert len(listed(invoke)) == 2
    queue = invoke("duplicates").stdout
    assert "Meetings 1 and 2 differ in title, venue, topics, sources, summary:" in queue
    assert "Talks in Paris" in queue and "Talks in Lyon" in queue
    rows = {line.split()[0]: line.split()[-1] for line in queue.splitlines()[3:13]}
    assert (rows["venue"], rows["summary"], rows["attendees"]) == ("*", "*", "India")
    assert "meetings duplicates merge 1 2" in queue


def test_merge_keeps_every_attendee_topic_and_source_of_both(invoke, tmp_path):
    invoke("import", str(write(tmp_path / "first.csv", TALKS)))
    invoke("import", str(write(tmp_path / "second.csv",
                                OTHER.replace('India"', 'India; Li Wei, China"'))))
    assert invoke("duplicates", "merge", "2", "1").stdout.strip() == "Merged meeting 1 into meeting 2."
    [merged] = listed(invoke)
    assert merged["id"] == 2 and merged["title"] == "Talks in Lyon"
    assert sorted(a["name"] for a in merged["attendees"]) == ["Jean Roux", "Li Wei", "Ravi Rao"]
    assert sorted(merged["topics"]) == ["energy", "trade"]
    assert sorted(s["reference"] for s in merged["sources"]) == ["https://example.org/a", "https://example.org/b"]
    assert merged["summary"] == "First round"  # its own was empty
    assert "No probable duplicates" in invoke("duplicates").stderr


def test_dismissed_pairs_are_never_queued_again(invoke, tmp_path):
    invoke("import", str(write(tmp_path / "first.csv", TALKS)))
    second = write(tmp_path / "second.csv", OTHER)
    invoke("import", str(second))
    assert invoke("duplicates", "dismiss", "2", "1").stdout.strip() == "Meetings 2 and 1 are marked distinct."
    assert "No probable duplicates" in invoke("duplicates").stderr
    invoke("import", str(second))  # an exact duplicate of 2 now: skipped, nothing queued
    assert "No probable duplicates" in invoke("duplicates").stderr


def test_undo_removes_what_the_batch_added_and_only_that(invoke, tmp_path, snapshot):
    invoke("import", str(write(tmp_path / "first.csv", TALKS)))
    invoke("import", str(write(tmp_path / "second.csv", OTHER, LATER)))
    assert invoke("imports", "undo", "2").stdout.strip() == "Undid import batch 2: 2 meeting(s) removed."
    assert [m["title"] for m in listed(invoke)] == ["Talks in Paris"]
    assert "No probable duplicates" in invoke("duplicates").stderr
    assert batches(invoke)[0]["undone"]
    assert listed(invoke, "--search", "Lyon") == []
    before = snapshot(invoke.path)
    again = invoke("imports", "undo", "2", ok=False)
    assert again.exit_code == 2
    assert again.stderr.startswith("meetings: BATCH: batch 2 was undone already, on ")
    assert len(again.stderr.strip().splitlines()) == 1
    assert snapshot(invoke.path) == before


def test_undo_refuses_a_batch_edited_since_unless_forced(invoke, tmp_path, snapshot):
    invoke("import", str(write(tmp_path / "first.csv", TALKS, LATER)))
    invoke("edit", "2", "--title", "Later talks, renamed")
    before = snapshot(invoke.path)
    refused = invoke("imports", "undo", "1", ok=False)
    assert refused.exit_code == 2
    assert refused.stderr == ("meetings: BATCH: batch 1 not undone: meeting 2 was edited since; nothing was changed "
                              "(--force removes its meetings all the same)\n")
    assert snapshot(invoke.path) == before
    forced = invoke("imports", "undo", "1", "--force")
    assert "2 meeting(s) removed" in forced.stdout and "Removed although edited since: 2." in forced.stderr
    assert listed(invoke) == []


@pytest.mark.parametrize(("batch", "message"), [
    ("7", "meetings: BATCH: there is no import batch 7; `meetings imports` lists them\n"),
    ("0", f"meetings: BATCH: 0 is not a batch id (1 to {MAX_ID}); `meetings imports` lists them\n"),
])
def test_undo_of_a_batch_that_does_not_exist(invoke_seeded, batch, message, snapshot):
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("imports", "undo", batch, ok=False)
    assert (result.exit_code, result.stderr) == (2, message)
    assert snapshot(invoke_seeded.path) == before


@pytest.mark.parametrize(("args", "message"), [
    (["merge", "1", "1"], "meetings: DROP: give two different meetings\n"),
    (["merge", "1", "99"], "meetings: there is no meeting 99\n"),
    (["dismiss", "1", "99"], "meetings: there is no meeting 99\n"),
    (["dismiss", "2", "2"], "meetings: B: give two different meetings\n"),
])
def test_merge_and_dismiss_refuse_what_is_not_a_pair(invoke_seeded, args, message, snapshot):
    before = snapshot(invoke_seeded.path)
    result = invoke_seeded("duplicates", *args, ok=False)
    assert result.stderr == message
    assert result.exit_code in (1, 2)
    assert snapshot(invoke_seeded.path) == before


def test_a_refused_import_records_no_batch(invoke, tmp_path):
    bad = write(tmp_path / "bad.csv", TALKS, TALKS.replace("2024-03-05", "2024-02-30"))
    assert invoke("import", str(bad), ok=False).exit_code == 2
    assert "No imports yet." in invoke("imports").stderr
