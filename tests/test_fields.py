"""A meeting's fields are declared once (meetings.fields); every format reads and writes them
from that declaration."""

import csv
import io
import json

import pytest
import yaml

from meetings.cli.options import OPTION_OF
from meetings.fields import DAY_COLUMNS, DERIVED_EXPORT, LONG_COLUMNS, MEETING_FIELDS, WIDE_COLUMNS


def test_json_keys_follow_the_declaration(invoke_seeded):
    shown = json.loads(invoke_seeded("show", "3", "--format", "json").stdout)
    listed = json.loads(invoke_seeded("list", "--format", "json", "--limit", "1").stdout)[0]
    declared = [f.json for f in MEETING_FIELDS if f.json]
    after_end = declared.index("end_date") + 1
    assert list(shown) == list(listed) == [*declared[:after_end], *DAY_COLUMNS, *declared[after_end:]]


def test_export_columns_follow_the_declaration(invoke_seeded):
    wide = next(csv.reader(io.StringIO(invoke_seeded("export").stdout)))
    long = next(csv.reader(io.StringIO(invoke_seeded("export", "--long").stdout)))
    assert wide == list(WIDE_COLUMNS)
    assert long == list(LONG_COLUMNS)
    by_position = sorted((f.export, f.csv) for f in MEETING_FIELDS if f.export is not None)
    assert [column for _, column in by_position] == [c for c in wide if c not in DERIVED_EXPORT]
    assert [wide.index(c) for c in DERIVED_EXPORT] == list(DERIVED_EXPORT.values())


def test_every_fixture_key_reads_back_through_the_editor_mapping(invoke_seeded, tmp_path):
    """What the editor shows (a fixture mapping) imports as the same meeting: the fixture keys
    are the declared ones, both ways."""
    from meetings.db import open_database, session_scope
    from meetings.mappings import meeting_from_mapping, meeting_to_mapping
    from meetings.services.editing import meeting_input

    engine = open_database(str(invoke_seeded.path))
    with session_scope(engine) as session:
        record = meeting_input(session=session, meeting_id=3)
    engine.dispose()
    mapping = meeting_to_mapping(record)
    assert list(mapping) == [f.fixture for f in MEETING_FIELDS if f.fixture]
    again = meeting_from_mapping(yaml.safe_load(yaml.safe_dump(mapping, allow_unicode=True)), "meeting")
    assert meeting_to_mapping(again) == mapping


@pytest.mark.parametrize("field", [f.name for f in MEETING_FIELDS if f.name in OPTION_OF])
def test_every_field_the_command_line_names_is_an_option_of_add(field):
    """Errors about a field are worded with the option that gives it: that option must exist."""
    from meetings.cli import load_command

    option = OPTION_OF[field].split()[0]
    names = {opt for param in load_command("add").params for opt in param.opts}
    assert option in names

