"""The four pytest-alembic built-in tests, plus the revision list the code checks without Alembic."""

import pytest
from pytest_alembic.tests import (  # noqa: F401 - collected as tests here
    test_model_definitions_match_ddl,
    test_single_head_revision,
    test_up_down_consistency,
    test_upgrade,
)

from meetings.db import create_engine_for
from meetings.migrations import alembic_config as meetings_alembic_config
from meetings.migrations import history
from meetings.schema import HEAD, REVISIONS


@pytest.fixture
def alembic_config():
    return meetings_alembic_config()


@pytest.fixture
def alembic_engine(tmp_path, backend):
    target = backend.new(tmp_path, "blank")
    engine = create_engine_for(str(target) if "://" in str(target) else f"sqlite:///{target}")
    yield engine
    engine.dispose()


def test_known_revisions_match_the_migration_files():
    assert [revision for revision, _, _ in reversed(history())] == list(REVISIONS)
    assert history()[0][0] == HEAD


def test_batches_and_pairs_migration_keeps_every_recorded_row(alembic_runner, alembic_engine):
    import datetime as dt

    from sqlalchemy import text

    alembic_runner.migrate_up_to("0006")
    now = dt.datetime(2024, 3, 5, 10, 0, tzinfo=dt.UTC)
    alembic_runner.insert_into("countries", {"code": "FR", "name": "France"})
    alembic_runner.insert_into("meetings", {
        "id": 7, "title": "Talks", "start_date": dt.date(2024, 3, 5), "start_precision": "day",
        "last_day": dt.date(2024, 3, 5), "venue_country_code": "FR", "kind": "other",
        "created_at": now, "updated_at": now})
    alembic_runner.migrate_up_one()
    with alembic_engine.connect() as connection:
        assert connection.execute(text("SELECT id, title FROM meetings")).all() == [(7, "Talks")]
        assert connection.execute(text("SELECT count(*) FROM import_batches")).scalar() == 0
    alembic_runner.migrate_down_one()
    with alembic_engine.connect() as connection:
        assert connection.execute(text("SELECT id, title FROM meetings")).all() == [(7, "Talks")]


def test_attendee_kinds_migration_makes_every_recorded_person_a_person_and_keeps_them(alembic_runner, alembic_engine):
    from sqlalchemy import text

    alembic_runner.migrate_up_to("0007")
    alembic_runner.insert_into("people", {"id": 3, "name": "Sergei Shoigu", "key": "sergei shoigu"})
    alembic_runner.insert_into("person_names", {"id": 4, "person_id": 3, "name": "Sergei Shoigu", "key": "sergei shoigu"})
    alembic_runner.migrate_up_one()
    with alembic_engine.connect() as connection:
        assert connection.execute(text("SELECT id, name, kind FROM people")).all() == [(3, "Sergei Shoigu", "person")]
    with alembic_engine.begin() as connection:
        connection.execute(text("INSERT INTO people (id, name, key, kind) VALUES (5, 'ICRC', 'icrc', 'organisation')"))
    with pytest.raises(Exception, match=r"(?i)check"), alembic_engine.begin() as connection:
        connection.execute(text("INSERT INTO people (id, name, key, kind) VALUES (6, 'X', 'x', 'framework')"))
    alembic_runner.migrate_down_one()
    with alembic_engine.connect() as connection:
        assert connection.execute(text("SELECT id, name FROM people ORDER BY id")).all() == [
            (3, "Sergei Shoigu"), (5, "ICRC")]
        assert connection.execute(text("SELECT count(*) FROM person_names")).scalar() == 1
