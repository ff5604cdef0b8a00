"""Where the program's own files are: inside the package when installed from a wheel,
beside it in a source checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(packaged_name: str, checkout_name: str) -> Path:
    packaged = _PACKAGE / packaged_name
    return packaged if packaged.is_dir() else _PACKAGE.parent / checkout_name


def alembic_dir() -> Path:
    return _bundled("_alembic", "alembic")


def fixtures_dir() -> Path:
    return _bundled("_fixtures", "fixtures")


def seed_file() -> Path:
    return fixtures_dir() / "seed.yaml"


def imports_folder() -> Path:
    """Where an import's lists (the exact duplicates it skipped) go unless the user names a file."""
    from platformdirs import user_data_path

    return user_data_path("meetings", appauthor=False) / "imports"
