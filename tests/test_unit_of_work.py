"""Every command opens one unit of work at the edge; it rolls back unless the command commits."""

import pytest

from meetings.db import open_database, unit_of_work
from meetings.fields import AttendeeRecord, MeetingRecord
from meetings.services.editing import add_meeting
from tests.conftest import query

MEETING = MeetingRecord(date="2023-04-28", attendees=[AttendeeRecord(name="A B", country="India")])


@pytest.fixture
def engine(db_path):
    engine = open_database(str(db_path))
    yield engine
    engine.dispose()


def count(db_path):
    return query(db_path, "SELECT count(*) FROM meetings")[0][0]


def test_rolls_back_uncommitted_work_by_default(engine, db_path):
    with unit_of_work(engine, write=True) as unit:
        add_meeting(session=unit.session, data=MEETING)
    assert count(db_path) == 0


def test_keeps_committed_work(engine, db_path):
    with unit_of_work(engine, write=True) as unit:
        add_meeting(session=unit.session, data=MEETING)
        unit.commit()
    assert count(db_path) == 1


def test_rolls_back_when_the_command_fails(engine, db_path):
    with pytest.raises(RuntimeError), unit_of_work(engine, write=True) as unit:
        add_meeting(session=unit.session, data=MEETING)
        raise RuntimeError("the command failed before committing")
    assert count(db_path) == 0
