"""The import contracts in pyproject.toml name every module, so that a new one cannot slip past them."""

import pkgutil
import tomllib
from pathlib import Path

import meetings

ROOT = Path(__file__).resolve().parent.parent


def test_every_module_outside_the_command_line_is_forbidden_to_import_it():
    contracts = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]["contracts"]
    guarded = next(c for c in contracts if c.get("forbidden_modules") == ["meetings.cli"])["source_modules"]
    modules = {f"meetings.{m.name}" for m in pkgutil.iter_modules(meetings.__path__)} - {"meetings.__main__"}
    assert modules - {"meetings.cli", "meetings.data"} == set(guarded)
