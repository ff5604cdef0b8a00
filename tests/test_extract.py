"""meetings extract: from a report's text to draft records, reviewed, then saved through import."""

import json
from pathlib import Path

import pytest
import yaml

from tests.conftest import Invoker

ARTICLE = Path(__file__).parent / "data" / "seed_report.txt"
MINISTERS = {("Rajnath Singh", "India"), ("Li Shangfu", "China"), ("Sergei Shoigu", "Russia"),
             ("Sherali Mirzo", "Tajikistan"), ("Mohammad Reza Gharaei Ashtiyani", "Iran"),
             ("Ruslan Zhaksylykov", "Kazakhstan")}


def draft(invoke, *args):
    return yaml.safe_load(invoke("extract", str(ARTICLE), *args).stdout)


def by_kind(document, kind):
    return [m for m in document["meetings"] if m["kind"] == kind]


def names(meeting):
    from meetings.extract import _person_key

    return {(_person_key(a["name"]), a["country"]) for a in meeting["attendees"] if a.get("name")}


def keyed(pairs):
    from meetings.extract import _person_key

    return {(_person_key(n), c) for n, c in pairs}


def test_the_seed_report_yields_the_ministers_meeting_and_the_bilateral(invoke):
    document = draft(invoke)
    [ministers] = by_kind(document, "multilateral")
    [bilateral] = by_kind(document, "bilateral")
    assert names(ministers) == keyed(MINISTERS)
    assert (ministers["organization"], ministers["date"], ministers["venue_country"]) == ("SCO", "2023-04-28", "India")
    assert [a["name"] for a in ministers["attendees"] if a.get("chair")] == ["Rajnath Singh"]
    assert names(bilateral) == keyed({("Rajnath Singh", "India"), ("Sergei Shoigu", "Russia")})
    assert bilateral["sideline_of"] == ministers["key"]
    assert bilateral["date"] == "2023-04-28"
    shoigu = next(a for a in bilateral["attendees"] if "Shoigu" in a["name"])
    assert (shoigu["role"], shoigu["rank"]) == ("Minister of Defence", "Army General")
    assert "military-to-military ties" in bilateral["topics"]
    [founding] = by_kind(document, "summit")
    assert founding["date"] == "2001"
    assert {a["country"] for a in founding["attendees"]} == {"Russia", "China", "Kyrgyzstan", "Kazakhstan",
                                                             "Tajikistan", "Uzbekistan"}


def test_saved_it_answers_like_the_seed_fixture(invoke, tmp_path, backend):
    result = invoke("extract", str(ARTICLE), "--save", "--yes")
    assert "3 added" in result.stderr
    extracted = json.loads(invoke("list", "--country", "Russia", "--format", "json").stdout)
    seeded = Invoker(backend.new(tmp_path, "seeded"))
    fixture = json.loads(seeded("list", "--country", "Russia", "--format", "json").stdout)

    def shape(meetings):
        return sorted((m["date"], m["kind"], tuple(sorted({a["country"] for a in m["attendees"]}))) for m in meetings)

    assert shape(extracted) == shape(fixture)
    again = invoke("extract", str(ARTICLE), "--save", "--yes")
    assert "0 added, 3 already recorded" in again.stderr


def test_json_format_and_evidence(invoke):
    document = json.loads(invoke("extract", str(ARTICLE), "--format", "json", "--evidence").stdout)
    [bilateral] = by_kind(document, "bilateral")
    assert "sidelines" in document["evidence"][bilateral["key"]]["attendees"]


def test_a_url_first_line_is_the_source_and_relative_dates_resolve(invoke, tmp_path):
    report = tmp_path / "call.txt"
    report.write_text("https://example.org/readout/42\n\nPrime Minister Narendra Modi spoke with President "
                      "Volodymyr Zelensky of Ukraine on the phone yesterday.\n")
    document = yaml.safe_load(invoke("extract", str(report), "--published", "2024-08-20").stdout)
    [call] = document["meetings"]
    assert call["kind"] == "call"
    assert call["date"] == "2024-08-19"
    assert document["sources"][0]["reference"] == "https://example.org/readout/42"


def test_separate_meetings_and_bullets_make_one_meeting_each(invoke, tmp_path):
    report = tmp_path / "day.txt"
    report.write_text("Vientiane, July 27, 2024\n\nSecretary of State Antony Blinken's meetings today:\n\n"
                      "- Met with Chinese Foreign Minister Wang Yi.\n- Met with Japanese Foreign Minister Yoko Kamikawa.\n\n"
                      "Secretary Blinken also held separate meetings with Indonesian Foreign Minister Retno Marsudi "
                      "and Thai Foreign Minister Maris Sangiampongsa.\n")
    meetings = yaml.safe_load(invoke("extract", str(report)).stdout)["meetings"]
    assert len(meetings) == 4
    assert all(m["attendees"][0]["name"] == "Antony Blinken" for m in meetings)
    assert all(m["attendees"][0]["country"] == "United States" for m in meetings)


def test_quoted_people_and_future_meetings_are_not_attendees(invoke, tmp_path):
    report = tmp_path / "future.txt"
    report.write_text("New Delhi, March 12, 2024\n\nForeign Minister Vivian Balakrishnan of Singapore will meet "
                      "Prime Minister Narendra Modi next week. \"We value the partnership,\" spokesperson Randhir "
                      "Jaiswal said.\n")
    result = invoke("extract", str(report))
    assert yaml.safe_load(result.stdout)["meetings"] == []
    assert "no meetings found" in result.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "is empty"), (b"   \n\n", "is empty"), (b"\x00\x01\x02binary", "NUL byte"),
     ("Der Verteidigungsminister traf seinen Amtskollegen in Berlin.".encode(), "English"),
     (b"The minister met caf\xe9 \x92 officials", "is not valid utf-8")],
)
def test_bad_reports_are_refused_and_nothing_is_saved(invoke, tmp_path, snapshot, content, message):
    report = tmp_path / "report.txt"
    report.write_bytes(content)
    before = snapshot(invoke.path)
    result = invoke("extract", str(report), "--save", "--yes", ok=False)
    assert result.exit_code == 2
    assert message in result.stderr
    assert snapshot(invoke.path) == before


def test_save_without_a_terminal_needs_yes(invoke, snapshot):
    before = snapshot(invoke.path)
    result = invoke("extract", str(ARTICLE), "--save", ok=False)
    assert result.exit_code == 2
    assert "--yes" in result.stderr
    assert snapshot(invoke.path) == before


def test_the_development_texts_score_as_measured():
    """A regression guard on the texts the rules were developed on (see benchmarks/extract)."""
    import importlib.util

    path = Path(__file__).parents[1] / "benchmarks" / "extract" / "score.py"
    spec = importlib.util.spec_from_file_location("extract_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    totals = {"matched": 0, "extracted": 0, "expected": 0}
    for text in sorted((path.parent / "texts").glob("*.txt")):
        for key, value in module.score(text).items():
            if key in totals:
                totals[key] += value
    assert totals["matched"] / totals["extracted"] >= 0.95
    assert totals["matched"] / totals["expected"] >= 0.9
