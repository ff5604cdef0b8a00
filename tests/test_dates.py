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


# Dates as registers publish them ---------------------------------------------------------------

from meetings.dates import AUTO, MONTH_NAMES, DateReading, read_published  # noqa: E402


def _read(text, **reading):
    start, end = read_published(text, DateReading(**reading))
    return str(start), str(end) if end else None


@pytest.mark.parametrize(
    ("text", "reading", "start", "end"),
    [
        ("2023-03-03", {}, "2023-03-03", None),
        ("2023-03", {}, "2023-03", None),
        ("3 March 2023", {}, "2023-03-03", None),
        ("3rd March, 2023", {}, "2023-03-03", None),
        ("March 3, 2023", {}, "2023-03-03", None),
        ("Sept. 9 2001", {}, "2001-09-09", None),
        ("August, 2010", {}, "2010-08", None),
        ("August 2010", {}, "2010-08", None),
        ("  august   2010 ", {}, "2010-08", None),
        ("January", {"year": 2014}, "2014-01", None),
        ("February ", {"year": 2014}, "2014-02", None),
        ("Jan ", {"year": 2014}, "2014-01", None),
        ("Marc", {"year": 2014}, "2014-03", None),
        ("4 July", {"year": 1976}, "1976-07-04", None),
        ("25/04/2012", {"day_first": True}, "2012-04-25", None),
        ("04/25/2012", {"day_first": False}, "2012-04-25", None),
        ("03/04/2012", {"day_first": True}, "2012-04-03", None),
        ("03/04/2012", {"day_first": False}, "2012-03-04", None),
        ("03.04.2012", {"day_first": True}, "2012-04-03", None),
        ("3–5 March 2023", {}, "2023-03-03", "2023-03-05"),
        ("3-5 March 2023", {}, "2023-03-03", "2023-03-05"),
        ("28 February – 2 March 2023", {}, "2023-02-28", "2023-03-02"),
        ("March 3–5, 2023", {}, "2023-03-03", "2023-03-05"),
        ("February 28 to March 2, 2023", {}, "2023-02-28", "2023-03-02"),
        ("March–April 2023", {}, "2023-03", "2023-04"),
        ("2023-03-03/2023-03-05", {}, "2023-03-03", "2023-03-05"),
        ("2023-03-03 to 2023-03-05", {}, "2023-03-03", "2023-03-05"),
        ("3–5 March", {"year": 2023}, "2023-03-03", "2023-03-05"),
        ("Oct-12", {"formats": ("%b-%y",)}, "2012-10", None),
        ("Jan-14", {"formats": ("%b-%y", AUTO)}, "2014-01", None),
        ("January", {"formats": ("%b-%y", AUTO), "year": 2014}, "2014-01", None),
        ("12/10/2012", {"formats": ("%m/%d/%Y",)}, "2012-12-10", None),
        ("2012", {"formats": ("%Y",)}, "2012", None),
        ("October", {"formats": ("%B",), "year": 2012}, "2012-10", None),
        ("12 Oct", {"formats": ("%d %b",), "year": 2012}, "2012-10-12", None),
    ],
)
def test_dates_as_published_are_read(text, reading, start, end):
    assert _read(text, **reading) == (start, end)


@pytest.mark.parametrize(
    ("text", "reading", "message"),
    [
        ("Oct-12", {}, "'Oct-12' is ambiguous (a month and year, or a day?); say which with --date-format"),
        ("03/04/2012", {}, "'03/04/2012' is ambiguous (3 April or March 4?): say whether the day or the month"),
        ("28/04/2012", {}, "'28/04/2012' is ambiguous: say whether the day or the month comes first with --day-first"),
        ("January", {}, "'January' gives no year; give it with --year"),
        ("3 March", {}, "'3 March' gives no year; give it with --year"),
        ("Ma", {"year": 2014}, "'Ma' is not a date; use 2023-03-03, 3 March 2023"),
        ("Ju 2014", {}, "'Ju 2014' is not a date"),
        ("Juli 2014", {}, "'Juli' is not a month"),
        ("31 April 2023", {}, "'31 April 2023' is not a calendar date"),
        ("29 February", {"year": 2023}, "'29 February' is not a calendar date in 2023"),
        ("13/13/2012", {"day_first": True}, "'13/13/2012' is not a calendar date"),
        ("5–3 March 2023", {}, "'5–3 March 2023' ends before it starts"),
        ("", {}, "a date is required"),
        ("Oct-12", {"formats": ("%d/%m/%Y",)}, "'Oct-12' does not match --date-format '%d/%m/%Y'"),
        ("Marc", {"formats": ("%b-%y", "%B")}, "'Marc' matches none of '%b-%y', '%B'"),
        ("June", {"formats": ("%B",)}, "'June' gives no year; give it with --year"),
    ],
)
def test_dates_that_cannot_be_read_say_why(text, reading, message):
    with pytest.raises(InvalidInput) as caught:
        read_published(text, DateReading(**reading), field="column 'Date'")
    assert caught.value.field == "column 'Date'"
    assert message in caught.value.detail


MONTHS = st.sampled_from(MONTH_NAMES)


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)), st.booleans())
def test_any_day_written_out_reads_back(day, abbreviated):
    month = MONTH_NAMES[day.month - 1].title()
    month = month[:3] if abbreviated else month
    for text in (f"{day.day} {month} {day.year}", f"{month} {day.day}, {day.year}", day.isoformat()):
        assert _read(text) == (day.isoformat(), None), text
    assert _read(f"{day.day:02d}/{day.month:02d}/{day.year}", day_first=True) == (day.isoformat(), None)
    assert _read(f"{day.month}/{day.day}/{day.year}", day_first=False) == (day.isoformat(), None)
    assert _read(f"{month}, {day.year}") == (day.isoformat()[:7], None)


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)),
       st.sampled_from(["%d %B %Y", "%Y-%m-%d", "%d/%m/%Y", "%m/%d/%Y", "%b-%y", "%B %Y", "%d.%m.%Y", "%Y"]))
def test_any_date_written_by_a_format_reads_back_at_that_formats_precision(day, form):
    if "%y" in form and not 1969 <= day.year <= 2068:
        day = day.replace(year=2000 + day.year % 69)  # what a two-digit year can stand for
    text = day.strftime(form)
    start, end = read_published(text, DateReading(formats=(form,)))
    if "%d" in form:
        expected = PartialDate(day, Precision.DAY)
    elif any(code in form for code in ("%m", "%b", "%B")):
        expected = PartialDate(day.replace(day=1), Precision.MONTH)
    else:
        expected = PartialDate(day.replace(month=1, day=1), Precision.YEAR)
    assert (start, end) == (expected, None)


@given(st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9999, 12, 31)), st.integers(0, 40))
def test_any_range_reads_as_its_start_and_end(first, length):
    # A range ends within its year (and so never past the last day of 9999).
    last = first + dt.timedelta(days=min(length, (dt.date(first.year, 12, 31) - first).days))
    name = lambda d: MONTH_NAMES[d.month - 1].title()  # noqa: E731
    if last.month == first.month:
        text = f"{first.day}–{last.day} {name(first)} {first.year}"
    else:
        text = f"{first.day} {name(first)} – {last.day} {name(last)} {first.year}"
    start, end = read_published(text)
    assert start.first_day == first
    assert (end.first_day if end else first) == last


@given(st.text(max_size=30))
def test_any_text_is_read_or_refused_in_one_line(text):
    try:
        read_published(text, DateReading(year=2020))
    except InvalidInput as exc:
        assert "\n" not in exc.detail.replace(text, "")


@pytest.mark.parametrize("field", ["--date", "--end-date", "--date"])
def test_a_date_refused_before_is_refused_again_under_the_field_asked(field):
    with pytest.raises(InvalidInput) as caught:
        PartialDate.parse("2023-02-30", field=field)
    assert caught.value.field == field


@given(st.dates(min_value=dt.date(1, 1, 1)), st.sampled_from(list(Precision)))
def test_a_sortable_date_reads_back_and_sorts_as_the_dates_do(day, precision):
    """One pair of helpers serves stats, people and the network's edges (three copies before)."""
    stored = PartialDate.stored(day, precision.value)
    assert PartialDate.from_sortable(PartialDate.sortable(day, precision.value)) == stored.isoformat()
    later = day + dt.timedelta(days=1) if day < dt.date.max else day
    assert PartialDate.sortable(day, precision.value) <= PartialDate.sortable(later, precision.value)


def test_the_sql_sortable_date_is_the_python_one(seeded_path):
    """stats.DATED writes in SQL what PartialDate.sortable writes in Python, on either backend."""
    from sqlalchemy import select

    from meetings.db import open_database, read_scope
    from meetings.models import Meeting
    from meetings.services.stats import DATED

    with read_scope(open_database(str(seeded_path))) as reader:
        rows = reader.execute(select(DATED, Meeting.start_date, Meeting.start_precision)).all()
    assert rows and all(dated == PartialDate.sortable(day, precision) for dated, day, precision in rows)
