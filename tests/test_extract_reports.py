"""meetings extract with several reports, and the reports it refuses: size, bytes, characters."""

import json
import re

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.errors import InvalidInput

LONDON = ("https://www.gov.uk/government/news/pm-call-with-prime-minister-of-canada\n\n"
          "London, 12 May 2025\n\nPrime Minister Keir Starmer of the United Kingdom spoke with Prime Minister "
          "Mark Carney of Canada by phone today. They discussed trade and Ukraine.\n")
OTTAWA = ("https://pm.gc.ca/en/news/readouts/2025/05/12/carney-speaks-starmer\n\n"
          "Ottawa, 12 May 2025\n\nToday, Prime Minister Mark Carney of Canada spoke with the Prime Minister of the "
          "United Kingdom, Keir Starmer. The leaders discussed trade and defence.\n")


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_two_readouts_of_one_call_are_one_meeting_with_both_sources(invoke, tmp_path):
    files = [write(tmp_path, "london.txt", LONDON), write(tmp_path, "ottawa.txt", OTTAWA)]
    result = invoke("extract", *files)
    document = yaml.safe_load(result.stdout)
    [call] = document["meetings"]
    assert {a["name"] for a in call["attendees"]} == {"Keir Starmer", "Mark Carney"}
    assert sorted(call["sources"]) == ["report-1", "report-2"]
    assert {s["reference"] for s in document["sources"]} == {LONDON.splitlines()[0], OTTAWA.splitlines()[0]}
    assert {"trade and Ukraine", "trade and defence"} <= set(call["topics"])
    assert "one meeting with both sources" in result.stderr
    saved = invoke("extract", *files, "--save", "--yes")
    assert "1 added" in saved.stderr
    [meeting] = json.loads(invoke("list", "--format", "json").stdout)
    assert meeting["date"] == "2025-05-12"


def test_two_readouts_that_may_be_one_meeting_are_both_kept_and_listed(invoke, tmp_path):
    undated = OTTAWA.replace("Ottawa, 12 May 2025\n\n", "").replace("/2025/05/12/", "/")
    files = [write(tmp_path, "london.txt", LONDON), write(tmp_path, "ottawa.txt", undated)]
    result = invoke("extract", *files)
    document = yaml.safe_load(result.stdout)
    assert [m.get("date") for m in document["meetings"]] == ["2025-05-12", None]
    assert len({m["key"] for m in document["meetings"]}) == 2
    assert "may be one meeting" in result.stderr and "both are kept" in result.stderr


def test_a_report_without_a_dateline_takes_the_date_in_its_address(invoke, tmp_path):
    undated = OTTAWA.replace("Ottawa, 12 May 2025\n\n", "")
    document = yaml.safe_load(invoke("extract", write(tmp_path, "ottawa.txt", undated)).stdout)
    assert [m["date"] for m in document["meetings"]] == ["2025-05-12"]
    assert document["sources"][0]["published"] == "2025-05-12"


def test_one_report_of_several_refused_saves_nothing(invoke, tmp_path, snapshot):
    files = [write(tmp_path, "london.txt", LONDON), write(tmp_path, "bad.txt", "\x00\x01")]
    before = snapshot(invoke.path)
    result = invoke("extract", *files, "--save", "--yes", ok=False)
    assert result.exit_code == 2
    assert "bad.txt" in result.stderr
    assert snapshot(invoke.path) == before


LIMIT = 4 * 1024 * 1024


@pytest.mark.parametrize(("content", "stdin", "message"), [
    (b"Foreign Minister A B met the press. " * (LIMIT // 36 + 1), False, "is larger than 4 MB"),
    (b"Foreign Minister A B met the press. " * (LIMIT // 36 + 1), True, "<stdin>: is larger than 4 MB"),
    (b"Minister\x00met", False, "NUL byte"),
    (b"\xc3\x28 not utf-8", False, "is not valid utf-8 at byte 0 (0xc3)"),
    (b"\xff\xfe\xfd not utf16", False, "(the file ends inside a character)"),
    (b"   \n\n ", False, "is empty"),
    (b"\xd0\x9c\xd0\xb8\xd0\xbd\xd0\xb8\xd1\x81\xd1\x82\xd1\x80 \xd0\xb2\xd1\x81\xd1\x82\xd1\x80\xd0\xb5\xd1\x82\xd0"
     b"\xb8\xd0\xbb\xd1\x81\xd1\x8f", False, "does not read as an English report"),
])
def test_a_report_that_cannot_be_read_is_refused_in_one_line(invoke, tmp_path, snapshot, content, stdin, message):
    before = snapshot(invoke.path)
    if stdin:
        result = invoke("extract", "-", "--save", "--yes", input=content.decode("utf-8"), ok=False)
    else:
        path = tmp_path / "report.txt"
        path.write_bytes(content)
        result = invoke("extract", str(path), "--save", "--yes", ok=False)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert snapshot(invoke.path) == before


def test_standard_input_is_read_once(invoke):
    result = invoke("extract", "-", "-", input="x", ok=False)
    assert result.exit_code == 2
    assert "standard input (-) can be read once" in result.stderr


def test_a_control_character_at_the_end_of_a_report_does_not_reach_the_topics(invoke, tmp_path):
    path = write(tmp_path, "call.txt", "PIB, 20 August 2024\n\nPrime Minister Narendra Modi of India spoke with "
                                       "President Volodymyr Zelensky of Ukraine by phone today. They discussed "
                                       "trade, energy and security. \x1b")
    document = yaml.safe_load(invoke("extract", path).stdout)
    [call] = document["meetings"]
    assert call["topics"] == ["trade", "energy and security"]
    assert invoke("extract", path, "--save", "--yes").exit_code == 0


UNWANTED = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
JUNK = st.sampled_from(["\x1b", "\x07", "\x0b", "\x0c", "\x1c", "\x85", "\x9b", "\u200b", "\u200e", "\u202e",
                        "\u2066", "\ufeff", "\u00ad", "\r", "\t", "\u2028"])


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(junk=st.lists(st.tuples(st.integers(min_value=0, max_value=200), JUNK), max_size=12))
def test_no_control_or_invisible_character_reaches_a_draft(junk):
    from meetings.extract import extract

    text = ("Russian Defence Minister Sergei Shoigu met Indian Defence Minister Rajnath Singh in New Delhi on "
            "28 April 2023. They discussed trade, energy and security.")
    for where, character in sorted(junk, reverse=True):
        text = text[:where] + character + text[where:]
    try:
        document = extract(text).as_fixture(evidence=True)
    except InvalidInput as refusal:  # junk inside words can leave too few English words: a clear refusal
        assert "does not read as an English report" in str(refusal)
        return
    assert not UNWANTED.search(json.dumps(document, ensure_ascii=False))
