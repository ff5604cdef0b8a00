"""Every output format parses back (csv, tsv, json, jsonl) or matches a golden file (table, markdown)."""

import csv
import io
import json
from pathlib import Path

import pytest

GOLDEN = Path(__file__).parent / "golden"


def test_csv_tsv_json_jsonl_agree(invoke_seeded):
    as_json = json.loads(invoke_seeded("list", "--format", "json").stdout)
    as_jsonl = [json.loads(line) for line in invoke_seeded("list", "--format", "jsonl").stdout.splitlines()]
    as_csv = list(csv.DictReader(io.StringIO(invoke_seeded("list", "--format", "csv").stdout)))
    as_tsv = list(csv.DictReader(io.StringIO(invoke_seeded("list", "--format", "tsv").stdout), delimiter="\t"))
    assert as_jsonl == as_json
    assert as_csv == as_tsv
    assert [int(r["id"]) for r in as_csv] == [m["id"] for m in as_json]
    assert [r["title"] for r in as_csv] == [m["title"] for m in as_json]
    assert [r["date"] for r in as_csv] == [m["date"] for m in as_json]


def test_columns_choose_and_order_everywhere(invoke_seeded):
    rows = [json.loads(line) for line in
            invoke_seeded("list", "--format", "jsonl", "--columns", "title,id").stdout.splitlines()]
    assert list(rows[0]) == ["title", "id"]
    out = invoke_seeded("list", "--format", "csv", "--columns", "date,countries").stdout
    assert out.splitlines()[0] == "date,countries"
    table = invoke_seeded("list", "--columns", "id,place").stdout.splitlines()
    assert table[0].split() == ["id", "place"]
    people = invoke_seeded("people", "--format", "csv", "--columns", "name,meetings").stdout.splitlines()
    assert people[0] == "name,meetings"


def test_tablefmt_takes_any_tabulate_format(invoke_seeded):
    grid = invoke_seeded("list", "--tablefmt", "grid").stdout
    assert grid.startswith("+--")
    html = invoke_seeded("stats", "--tablefmt", "html").stdout
    assert html.startswith("<table>")


@pytest.mark.parametrize(("args", "golden"), [(["list"], "list_table.txt"),
                                               (["list", "--format", "markdown"], "list_markdown.md"),
                                               (["stats", "--by", "pair", "--format", "markdown"], "stats_pair.md")])
def test_golden_tables(invoke_seeded, args, golden):
    assert invoke_seeded(*args).stdout == (GOLDEN / golden).read_text(encoding="utf-8")


def test_tables_fit_the_terminal_with_an_ellipsis(invoke_seeded, monkeypatch):
    import meetings.output

    monkeypatch.setattr(meetings.output, "stdout_is_terminal", lambda: True)
    monkeypatch.setenv("COLUMNS", "70")
    lines = invoke_seeded("list").stdout.splitlines()
    assert all(len(line) <= 70 for line in lines), lines
    assert any("…" in line for line in lines)
    machine = invoke_seeded("list", "--format", "csv").stdout
    assert "…" not in machine


def test_fit_widths_shrinks_the_widest_first():
    from meetings.output import fit_widths

    widths = fit_widths([["1", "a" * 50, "b" * 10]], ["id", "title", "venue"], width=40)
    assert sum(widths) + 2 * 2 <= 40
    assert widths[0] == 4 and widths[2] == 10


@pytest.mark.parametrize(("command", "notice"), [
    (["list"], "No meetings match."),
    (["stats", "--by", "country"], "No meetings match."),
    (["stats", "--by", "country", "--compare", "2020", "2021"], "No meetings match."),
    (["people"], "No people match."),
    (["people", "suggest-merges"], "No likely duplicates."),
    (["imports"], "No imports yet."),
    (["countries", "aliases"], "No country names are taught; add one with meetings countries alias NAME CODE."),
])
def test_every_empty_listing_says_so_to_a_reader_and_stays_a_document_for_a_machine(invoke, command, notice):
    """One place (output.emit) says a table is empty: on stderr, for table and markdown only."""
    for shape in (["--format", "table"], ["--format", "markdown"]):
        result = invoke(*command, *shape)
        assert (result.stdout, result.stderr) == ("", notice + "\n")
    for shape, document in ((["--format", "json"], "[]\n"), (["--format", "jsonl"], "")):
        result = invoke(*command, *shape)
        assert (result.stdout, result.stderr) == (document, "")
    assert invoke(*command, "--format", "csv").stderr == ""
