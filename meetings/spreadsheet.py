"""`meetings export --format xlsx`: a workbook spreadsheets open as it was meant.

The day columns are real date cells; every other text is a text cell, so no formula can run
and no protective quote is needed; numbers are numbers. Each sheet has a frozen header, filters
and fixed, readable widths. The first sheet has a row per meeting, the second a row per
attendance. Written row by row (XlsxWriter's constant-memory mode), so memory stays flat.
XlsxWriter is the optional extra `meetings[xlsx]`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import IO, Any

EXTRA = "xlsx"
NUMBERS = frozenset({"id", "meeting_id", "sideline_of"})
DAYS = frozenset({"first_day", "last_day"})
# Column widths in characters; anything not named is this wide.
WIDTHS = {"id": 7, "meeting_id": 11, "date": 11, "end_date": 11, "first_day": 11, "last_day": 11, "title": 45,
          "kind": 12, "venue": 18, "venue_country": 16, "organization": 13, "sideline_of": 11, "countries": 30,
          "attendees": 60, "attendee": 24, "country": 16, "role": 28, "rank": 14, "host": 6, "chair": 7,
          "topics": 30, "sources": 40, "summary": 60}
DEFAULT_WIDTH = 16
SHEET_NAMES = ("meetings", "attendances")


def require_xlsxwriter() -> Any:
    from meetings.errors import MissingExtra

    try:
        import xlsxwriter
    except ImportError:
        raise MissingExtra("export --format xlsx", EXTRA) from None
    return xlsxwriter


def write_workbook(stream: IO[bytes], sheets: Iterable[tuple[str, tuple[str, ...], Iterable[list[Any]]]]) -> list[int]:
    """Write each (name, columns, rows) as a sheet; returns the number of rows of each."""
    xlsxwriter = require_xlsxwriter()
    workbook = xlsxwriter.Workbook(stream, {"constant_memory": True, "strings_to_formulas": False,
                                            "strings_to_urls": False, "strings_to_numbers": False})
    header = workbook.add_format({"bold": True, "bottom": 1, "bg_color": "#E8EEF4", "text_wrap": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    counts = []
    for name, columns, rows in sheets:
        sheet = workbook.add_worksheet(name)
        for index, column in enumerate(columns):
            sheet.set_column(index, index, WIDTHS.get(column, DEFAULT_WIDTH))
        sheet.freeze_panes(1, 0)
        for index, column in enumerate(columns):
            sheet.write_string(0, index, column, header)
        count = 0
        for count, cells in enumerate(rows, start=1):
            for index, (column, value) in enumerate(zip(columns, cells, strict=True)):
                if value is None or value == "":
                    continue
                if column in DAYS:
                    sheet.write_datetime(count, index, dt.datetime.fromisoformat(str(value)), day)
                elif column in NUMBERS:
                    sheet.write_number(count, index, int(value))
                else:
                    sheet.write_string(count, index, str(value))
        sheet.autofilter(0, 0, max(count, 1), len(columns) - 1)
        counts.append(count)
    workbook.close()
    return counts
