"""Property: any valid set of meetings goes export -> import -> export byte for byte, and no
exported cell can be run as a spreadsheet formula unless --raw."""

import csv
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from meetings.cells import FORMULA_TRIGGERS
from meetings.db import open_database, run_write
from meetings.fields import AttendeeRecord, MeetingRecord, SourceRecord
from meetings.services.editing import add_meeting
from meetings.text import match_key
from tests.conftest import Invoker

SCRIPTS = st.sampled_from([
    "abcdefghijklmnopqrstuvwxyz ABCXYZ",
    "абвгдежзийклмнопрстуфхцчшщыэюя ЛАВРОВ",
    "अआइईउऊएऐओऔकखगघचछजझटठडढतथदधनपफबभमयरलवशसह्ािीुूेैोौ",
    "ابتثجحخدذرزسشصضطظعغفقكلمنهوي",
    "äöüßéèêçñøåœ",
])
PUNCTUATION = ",;\"'\\=+-@/()."
WHITESPACE = "\n\t"


@st.composite
def texts(draw, min_size=1, max_size=24, name=False):
    alphabet = draw(SCRIPTS) + PUNCTUATION + ("" if name else WHITESPACE)
    text = draw(st.text(alphabet=alphabet, min_size=min_size, max_size=max_size))
    letters = draw(st.text(alphabet="".join(c for c in draw(SCRIPTS) if c.isalpha()), min_size=1, max_size=6))
    return letters + text  # starts with a letter so that every name has a key


COUNTRIES = ["Russia", "India", "Côte d'Ivoire", "Türkiye", "USSR", "Kosovo", "Congo (CG)", "DR Congo", "Iran"]
DATES = st.sampled_from(["2001", "2023-04", "2023-04-28", "1999-12-31", "2024-02"])


@st.composite
def meetings(draw):
    count = draw(st.integers(min_value=1, max_value=4))
    result = []
    for index in range(count):
        names = draw(st.lists(texts(name=True), min_size=1, max_size=3, unique_by=match_key))  # one person is listed once
        attendees = [AttendeeRecord(name=name, country=draw(st.sampled_from(COUNTRIES)),
                                   role=draw(st.one_of(st.none(), texts())), rank=draw(st.one_of(st.none(), texts())),
                                   host=draw(st.booleans()))
                     for name in names]
        result.append(MeetingRecord(
            date=draw(DATES) if index else "2000",  # the first one differs, so no two are the same meeting
            end_date=None,
            attendees=[*attendees, AttendeeRecord(name=f"Unique {index}", country="Peru")],
            title=draw(st.one_of(st.none(), texts(max_size=40))),
            venue=draw(st.one_of(st.none(), texts())),
            venue_country=draw(st.one_of(st.none(), st.sampled_from(COUNTRIES))),
            kind=draw(st.sampled_from([None, "bilateral", "summit", "call"])),
            organization=draw(st.one_of(st.none(), st.sampled_from(["SCO", "ASEAN", "G20"]))),
            topics=draw(st.lists(texts(), max_size=3)),
            sources=[SourceRecord(reference=r) for r in draw(st.lists(texts(max_size=60), max_size=2, unique=True))],
            summary=draw(st.one_of(st.none(), texts(max_size=80))),
        ))
    return result


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(batch=meetings(), long=st.booleans())
def test_export_import_export_is_byte_identical(backend, batch, long):
    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        source = backend.new(folder)
        engine = open_database(str(source))
        run_write(engine, lambda session: [add_meeting(session=session, data=data) for data in batch])
        engine.dispose()
        shape = ["export", "--long"] if long else ["export"]
        first = Invoker(source)(*shape).stdout_bytes
        exported = folder / "first.csv"
        exported.write_bytes(first)
        target = Invoker(backend.new(folder))
        target("import", str(exported))
        assert target(*shape).stdout_bytes == first

        safe_rows = list(csv.reader(io.StringIO(first.decode("utf-8"), newline="")))
        for row in safe_rows:
            for cell in row:
                assert not cell.startswith(FORMULA_TRIGGERS), cell
        raw = Invoker(source)(*shape, "--raw").stdout_bytes.decode("utf-8")
        raw_rows = list(csv.reader(io.StringIO(raw, newline="")))
        assert len(raw_rows) == len(safe_rows)
        for safe_row, raw_row in zip(safe_rows, raw_rows, strict=True):
            for safe, unsafe in zip(safe_row, raw_row, strict=True):
                # --raw gives each cell as stored; the safe export differs only by the leading quote.
                assert safe == unsafe or safe == "'" + unsafe


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(batch=meetings())
def test_the_sql_built_export_rows_equal_the_records_rows(backend, batch):
    """`export` joins and escapes its list cells in SQL; they must be what the records give."""
    from meetings.db import read_scope
    from meetings.fields import WIDE_COLUMNS
    from meetings.filters import MeetingFilter
    from meetings.output import wide_row
    from meetings.services.export import iter_wide_cells
    from meetings.services.queries import iter_meetings

    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(str(backend.new(Path(folder))))
        run_write(engine, lambda session: [add_meeting(session=session, data=data) for data in batch])
        with read_scope(engine) as connection:
            fast = list(iter_wide_cells(session=connection, filters=MeetingFilter(sort="id")))
            records = [[wide_row(r)[c] for c in WIDE_COLUMNS]
                       for r in iter_meetings(session=connection, filters=MeetingFilter(sort="id"))]
        engine.dispose()
    assert fast == records
