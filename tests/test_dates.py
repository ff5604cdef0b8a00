import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from meetings.dates import PartialDate, Precision
from meetings.errors import InvalidInput


@pytest.mark.parametrize(
    ("text", "first", "last", "precision"),
    [
        ("2001", dt.date(2001, 1, 1), dt.date(2001, 12, 31), Precision.YEAR),
        ("2023-04", dt.date(2023, 4, 1), dt.date(2023, 4, 30), Precision.MONTH),
        ("2024-02", dt.date(2024, 2, 1), dt.date(2024, 2, 29), Precision.MONTH),
        ("2023-04-28", dt.date(2023, 4, 28), dt.date(2023, 4, 28), Precision.DAY),
        (" 2023-04-28 ", dt.date(2023, 4, 28), dt.date(2023, 4, 28), Precision.DAY),
    ],
)
def test_partial_dates_are_intervals(text, first, last, precision):
    date = PartialDate.parse(text)
    assert (date.first_day, date.last_day, date.precision) == (first, last, precision)
    assert date.isoformat() == text.strip()


@pytest.mark.parametrize(
    "text", ["2023-02-30", "28/04/2023", "04/28/2023", "2023-13", "2023-4-28", "23", "", "2023-04-28T10:00",
             "0000", "April 2023", "2023-00", "２０２３"],
)
def test_bad_dates_name_the_field_and_the_accepted_forms(text):
    with pytest.raises(InvalidInput) as caught:
        PartialDate.parse(text, field="--date")
    assert caught.value.field == "--date"
    assert "YYYY, YYYY-MM or YYYY-MM-DD" in str(caught.value)


@given(st.dates(min_value=dt.date(1, 1, 1)), st.sampled_from(list(Precision)))
def test_any_date_round_trips_at_its_precision(day, precision):
    text = {Precision.YEAR: f"{day.year:04d}", Precision.MONTH: f"{day.year:04d}-{day.month:02d}",
            Precision.DAY: day.isoformat()}[precision]
    parsed = PartialDate.parse(text)
    assert parsed.isoformat() == text
    assert parsed.precision is precision
    assert parsed.first_day <= day or precision is Precision.DAY
    assert PartialDate.stored(parsed.first_day, parsed.precision.value) == parsed
    assert parsed.first_day <= parsed.last_day


@given(st.text(max_size=12))
def test_the_parser_accepts_or_refuses_but_never_crashes(text):
    try:
        parsed = PartialDate.parse(text)
    except InvalidInput:
        return
    assert parsed.isoformat() == text.strip()
