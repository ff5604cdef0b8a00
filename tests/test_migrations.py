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
