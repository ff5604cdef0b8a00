"""`export --format xlsx` read back with openpyxl, and `--bom` CSV for Excel."""

import datetime as dt
import io

import openpyxl
import pandas
import pytest

from tests.conftest import without_module

HOSTILE_TITLE = "=HYPERLINK(\"http://example.org\",\"click\")"


@pytest.fixture
def archive(invoke_seeded):
    invoke_seeded("add", "--date", "2024-02", "--title", HOSTILE_TITLE, "--attendee", "Сергей Лавров, Russia, Министр",
                  "--attendee", "सुब्रह्मण्यम जयशंकर, India", "--topic", "+trade", "--summary", "@everyone -1")
    return invoke_seeded


def workbook(invoke, tmp_path, *args):
    path = tmp_path / "meetings.xlsx"
    result = invoke("export", "--format", "xlsx", "--output", str(path), *args)
    return openpyxl.load_workbook(path), result


def test_workbook_has_both_shapes_with_typed_cells(archive, tmp_path):
    book, result = workbook(archive, tmp_path)
    assert book.sheetnames == ["meetings", "attendances"]
    assert "Wrote 4 meetings and 16 attendances" in result.stderr
    meetings, attendances = book["meetings"], book["attendances"]
    header = [c.value for c in meetings[1]]
    assert header[:6] == ["id", "date", "end_date", "first_day", "last_day", "title"]
    rows = {row[0]: dict(zip(header, row, strict=True)) for row in meetings.iter_rows(min_row=2, values_only=True)}
    assert rows[1]["date"] == "2001" and rows[1]["first_day"] == dt.datetime(2001, 1, 1)
    assert rows[1]["last_day"] == dt.datetime(2001, 12, 31)
    assert isinstance(rows[3]["sideline_of"], int) and rows[3]["sideline_of"] == 2
    for row in meetings.iter_rows(min_row=2):
        cells = dict(zip(header, row, strict=True))
        assert cells["first_day"].is_date and cells["last_day"].is_date
        assert cells["date"].data_type == "s"
    assert attendances.max_row == 1 + 16
    assert [c.value for c in attendances[1]][:3] == ["meeting_id", "date", "end_date"]


def test_typed_text_is_text_never_a_formula_and_needs_no_quote(archive, tmp_path):
    book, _ = workbook(archive, tmp_path, "--country", "Russia", "--from", "2024")
    sheet = book["meetings"]
    header = [c.value for c in sheet[1]]
    [row] = list(sheet.iter_rows(min_row=2))
    cells = dict(zip(header, row, strict=True))
    assert cells["title"].value == HOSTILE_TITLE and cells["title"].data_type == "s"
    assert cells["topics"].value == "+trade" and cells["summary"].value == "@everyone -1"
    assert cells["attendees"].value == "Сергей Лавров, Russia, Министр; सुब्रह्मण्यम जयशंकर, India"
    assert not any(c.data_type == "f" for line in book["attendances"].iter_rows() for c in line)


def test_sheets_have_a_frozen_header_filters_and_widths(archive, tmp_path):
    book, _ = workbook(archive, tmp_path)
    for sheet in book:
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:")
        assert sheet.auto_filter.ref.endswith(str(sheet.max_row))
    widths = book["meetings"].column_dimensions
    assert widths["F"].width > widths["A"].width  # title wider than id


def test_pandas_reads_the_workbook_with_dates(archive, tmp_path):
    path = tmp_path / "meetings.xlsx"
    archive("export", "--format", "xlsx", "--output", str(path))
    frame = pandas.read_excel(path, sheet_name="meetings", dtype={"date": str})
    assert str(frame["first_day"].dtype).startswith("datetime64")
    assert len(frame) == 4


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xlsx"], "meetings: --output: an XLSX workbook is a file; name it with --output FILE.xlsx"),
        (["--format", "xlsx", "--output", "{tmp}/a.xlsx", "--long"], "meetings: --long: is for CSV"),
        (["--format", "xlsx", "--output", "{tmp}/a.xlsx", "--bom"], "meetings: --bom: is for CSV"),
        (["--format", "xls", "--output", "{tmp}/a.xlsx"], "Invalid value for '--format'"),
    ],
)
def test_refusals(archive, tmp_path, snapshot, args, message):
    before = snapshot(archive.path)
    result = archive("export", *[a.format(tmp=tmp_path) for a in args], ok=False)
    assert result.exit_code == 2
    assert message in result.stderr
    assert not (tmp_path / "a.xlsx").exists()
    assert snapshot(archive.path) == before


def test_xlsx_without_the_extra_names_it(archive, tmp_path, monkeypatch):
    without_module(monkeypatch, "xlsxwriter")
    result = archive("export", "--format", "xlsx", "--output", str(tmp_path / "a.xlsx"), ok=False)
    assert result.exit_code == 6
    assert result.stderr == ('meetings: export --format xlsx needs the optional part "xlsx": '
                             'pip install "meetings[xlsx]"\n')


def test_bom_csv_opens_as_utf8_and_imports_back(archive, tmp_path, snapshot):
    path = tmp_path / "excel.csv"
    archive("export", "--bom", "--output", str(path))
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfid,date,")
    assert archive("export", "--bom").stdout_bytes.startswith(b"\xef\xbb\xbfid,")
    frame = pandas.read_csv(io.BytesIO(data), encoding="utf-8-sig")
    assert list(frame.columns)[:2] == ["id", "date"]
    assert "Сергей Лавров" in frame.loc[frame["id"] == 4, "attendees"].iloc[0]
    before = snapshot(archive.path)
    assert "0 added" in archive("import", str(path)).stderr
    assert snapshot(archive.path) == before
