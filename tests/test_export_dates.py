"""Exports carry, beside each date as recorded, the ISO days it stands for, so that every
spreadsheet and dataframe reads them as dates; import leaves them aside."""

import datetime as dt
import io
import json

import pandas
import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetings.dates import PartialDate

PARTIAL = [
    ["--date", "2024-02", "--title", "Month only", "--attendee", "A, India", "--attendee", "B, France"],
    ["--date", "2019-12-30", "--end-date", "2020-01", "--title", "Over new year",
     "--attendee", "C, India", "--attendee", "D, Japan"],
]
# title -> (date as recorded, first day, last day)
EXPECTED = {
    "Month only": ("2024-02", "2024-02-01", "2024-02-29"),
    "Over new year": ("2019-12-30", "2019-12-30", "2020-01-31"),
    "SCO founding summit": ("2001", "2001-01-01", "2001-12-31"),
    "SCO Defence Ministers' Meeting": ("2023-04-28", "2023-04-28", "2023-04-28"),
}


@pytest.fixture
def archive(invoke_seeded):
    for args in PARTIAL:
        invoke_seeded("add", *args)
    return invoke_seeded


def _days(frame: pandas.DataFrame) -> dict[str, tuple[str, str, str]]:
    return {row.title: (str(row.date), row.first_day.date().isoformat(), row.last_day.date().isoformat())
            for row in frame.itertuples() if row.title in EXPECTED}


@pytest.mark.parametrize("args", [("export",), ("export", "--long"), ("list", "--format", "csv")])
def test_pandas_reads_the_day_columns_of_every_csv_as_dates(archive, args):
    frame = pandas.read_csv(io.StringIO(archive(*args).stdout), parse_dates=["first_day", "last_day"],
                            dtype={"date": str})
    assert str(frame["first_day"].dtype).startswith("datetime64")
    assert str(frame["last_day"].dtype).startswith("datetime64")
    assert _days(frame) == EXPECTED


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_pandas_reads_the_day_keys_of_json_as_dates(archive, fmt):
    text = archive("list", "--format", fmt).stdout
    frame = pandas.read_json(io.StringIO(text), lines=fmt == "jsonl", dtype=False)
    for column in ("first_day", "last_day"):
        frame[column] = pandas.to_datetime(frame[column], format="ISO8601")
    assert _days(frame) == EXPECTED


def test_show_json_has_the_days_too(archive):
    meeting = json.loads(archive("show", "1", "--format", "json").stdout)
    assert (meeting["date"], meeting["first_day"], meeting["last_day"]) == EXPECTED["SCO founding summit"]


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_import_accepts_and_ignores_the_day_columns(archive, tmp_path, fmt, snapshot):
    exported = archive("list", "--format", fmt, "--limit", "0").stdout
    path = tmp_path / f"again.{fmt}"
    path.write_text(exported, encoding="utf-8")
    before = snapshot(archive.path)
    result = archive("import", str(path))
    assert "0 added" in result.stderr and "ignored" not in result.stderr
    assert snapshot(archive.path) == before


@given(st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)), st.sampled_from(["day", "month", "year"]))
def test_the_days_of_a_partial_date_bound_it(day, precision):
    date = PartialDate.parse({"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4]}[precision])
    assert date.first_day <= day <= date.last_day
    assert PartialDate.parse(date.first_day.isoformat()).isoformat().startswith(date.isoformat())
    assert PartialDate.parse(date.last_day.isoformat()).isoformat().startswith(date.isoformat())
