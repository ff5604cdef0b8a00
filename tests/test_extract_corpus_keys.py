"""The extraction corpus's hand-written keys are read the way the scorer reads them: a key that
YAML reads differently from what its writer meant (an unquoted comma in a title makes a stray
field) would score against the wrong truth without anyone noticing."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

CORPUS = Path(__file__).resolve().parent.parent / "benchmarks" / "extract" / "corpus"
KEYS = sorted(CORPUS.glob("*.expected.yaml"))
ATTENDEE_FIELDS = {"name", "title", "country"}


def test_the_corpus_has_its_keys() -> None:
    reports = sorted(CORPUS.glob("*.txt"))
    assert len(KEYS) >= 60
    assert {p.name.removesuffix(".txt") for p in reports} == {k.name.removesuffix(".expected.yaml") for k in KEYS}


@pytest.mark.parametrize("key", KEYS, ids=lambda p: p.name.removesuffix(".expected.yaml"))
def test_key_is_read_as_written(key: Path) -> None:
    expected = yaml.safe_load(key.read_text(encoding="utf-8"))
    report = key.with_name(key.name.removesuffix(".expected.yaml") + ".txt")
    assert report.read_text(encoding="utf-8").splitlines()[0].strip() == expected["url"]
    for meeting in expected.get("meetings") or []:
        for attendee in meeting.get("attendees") or []:
            assert set(attendee) <= ATTENDEE_FIELDS, f"{attendee} has fields beyond {sorted(ATTENDEE_FIELDS)}"
            assert isinstance(attendee["name"], str) and attendee["name"].strip()
            assert all(isinstance(attendee.get(f), (str, type(None))) for f in ("title", "country"))
