"""Import presets: the options of one `meetings import` command, stored as data, with the rules of
the source they were written for.

A preset is a YAML file: `source` (what it reads, in a sentence), `options` (the import options it
sets, by their long names without the dashes: `map`, `set`, `fill-down`, `date-format`, `encoding`,
...; a repeatable option takes a list) and, as rules, `columns` (the columns a file must have, each
with the other names the source gives it; a file is renamed to the first name before it is
mapped) and `record` (for XML, the element that is one record). Presets shipped with the program
live in `meetings/data/presets/`; a user's own, saved with `import --save-preset NAME`, in the
`presets` folder of the user config folder (e.g. ~/.config/meetings/presets/).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from meetings.errors import FileProblem, InvalidInput

SHIPPED = Path(__file__).resolve().parent / "data" / "presets"
SUFFIX = ".yaml"
NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,62}")
KEYS = ("source", "options", "columns", "record", "countries")


@dataclass(frozen=True)
class Preset:
    name: str
    source: str
    options: dict[str, Any]  # long option name (no dashes) -> a value, or a list of values for a repeatable one
    columns: dict[str, tuple[str, ...]] = field(default_factory=dict)  # column -> the other names it goes by
    record: str | None = None  # the XML element that is one record
    countries: dict[str, str] = field(default_factory=dict)  # a name as the source uses it -> country code
    path: Path | None = None
    shipped: bool = False

    def document(self) -> dict[str, Any]:
        """The preset as its file holds it."""
        found: dict[str, Any] = {"source": self.source, "options": self.options}
        if self.columns:
            found["columns"] = {column: list(others) for column, others in self.columns.items()}
        if self.record:
            found["record"] = self.record
        if self.countries:
            found["countries"] = dict(self.countries)
        return found


def user_folder() -> Path:
    from platformdirs import user_config_path

    return user_config_path("meetings", appauthor=False) / "presets"


def _check_name(name: str, what: str) -> None:
    if not NAME.fullmatch(name):
        raise InvalidInput(what, f"{name!r} is not a preset name; use lower-case letters, digits and dashes "
                                 "(for example my-register)")


def parse_preset(text: str, *, name: str, path: Path | None = None, shipped: bool = False) -> Preset:
    """A preset from the text of its file; a file that is not one is refused naming it."""
    import yaml

    where = f"preset {name} ({path})" if path else f"preset {name}"
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}" if mark is not None else ""
        raise InvalidInput(where, f"is not valid YAML{at}; a preset is a mapping of {', '.join(KEYS)}") from None
    except RecursionError:
        raise InvalidInput(where, "is nested too deeply to be a preset") from None
    if not isinstance(document, dict):
        raise InvalidInput(where, f"is not a mapping; a preset is a mapping of {', '.join(KEYS)}")
    unknown = [str(key) for key in document if key not in KEYS]
    if unknown:
        raise InvalidInput(where, f"{unknown[0]!r} is not a preset key; use {', '.join(KEYS)}")
    source = document.get("source")
    if not isinstance(source, str) or not source.strip():
        raise InvalidInput(where, "needs a source: a sentence saying what it reads")
    options = document.get("options") or {}
    if not isinstance(options, dict):
        raise InvalidInput(where, "options: expected a mapping of import options (map, set, fill-down, ...)")
    for key, value in options.items():
        values = value if isinstance(value, list) else [value]
        if not isinstance(key, str) or not all(isinstance(v, str | int | bool) for v in values):
            raise InvalidInput(where, f"options: {key!r} must be text, a number, true/false or a list of them")
    columns = document.get("columns") or {}
    if not isinstance(columns, dict):
        raise InvalidInput(where, "columns: expected a mapping of each column to the other names it goes by")
    rules: dict[str, tuple[str, ...]] = {}
    for column, others in columns.items():
        others = [] if others is None else others if isinstance(others, list) else [others]
        if not isinstance(column, str) or not all(isinstance(o, str) for o in others):
            raise InvalidInput(where, f"columns: {column!r} must be a column name with a list of other names")
        rules[column] = tuple(others)
    record = document.get("record")
    if record is not None and (not isinstance(record, str) or not record.strip()):
        raise InvalidInput(where, "record: expected the name of the XML element that is one record")
    countries = document.get("countries") or {}
    if not isinstance(countries, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in countries.items()):
        raise InvalidInput(where, "countries: expected a mapping of each name to a country code (Korea: KR)")
    return Preset(name=name, source=" ".join(source.split()), options=dict(options), columns=rules, record=record,
                  countries=dict(countries), path=path, shipped=shipped)


def _read(path: Path, *, shipped: bool) -> Preset:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise InvalidInput(f"preset {path.stem} ({path})", "is not UTF-8 text") from None
    except OSError as exc:
        raise FileProblem(f"preset {path.stem}: cannot read {path}: {exc.strerror}") from None
    return parse_preset(text, name=path.stem, path=path, shipped=shipped)


def _files(folder: Path) -> list[Path]:
    try:
        return sorted(p for p in folder.glob(f"*{SUFFIX}") if NAME.fullmatch(p.stem))
    except OSError:
        return []


def preset_names() -> list[str]:
    """Every preset's name: the shipped ones, then the user's own."""
    shipped = [p.stem for p in _files(SHIPPED)]
    return shipped + [p.stem for p in _files(user_folder()) if p.stem not in shipped]


def all_presets() -> list[Preset]:
    shipped = [_read(p, shipped=True) for p in _files(SHIPPED)]
    names = {p.name for p in shipped}
    return shipped + [_read(p, shipped=False) for p in _files(user_folder()) if p.stem not in names]


def find_preset(name: str) -> Preset:
    """The preset of this name, shipped or the user's; an unknown name is refused listing the known ones."""
    for folder, shipped in ((SHIPPED, True), (user_folder(), False)):
        path = folder / f"{name}{SUFFIX}"
        if NAME.fullmatch(name) and path.is_file():
            return _read(path, shipped=shipped)
    raise InvalidInput("--preset", f"there is no preset {name!r}; known presets: {', '.join(preset_names())} "
                                   "(meetings import --list-presets shows them)")


def save_preset(preset: Preset) -> Path:
    """Write a user preset; a shipped name, or a user preset that exists, is refused."""
    from meetings.mappings import dump_yaml

    _check_name(preset.name, "--save-preset")
    if (SHIPPED / f"{preset.name}{SUFFIX}").exists():
        raise InvalidInput("--save-preset", f"{preset.name!r} is a preset shipped with meetings; choose another name")
    folder = user_folder()
    path = folder / f"{preset.name}{SUFFIX}"
    text = dump_yaml(preset.document())
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as stream:
            stream.write(text)
    except FileExistsError:
        raise InvalidInput("--save-preset", f"a preset {preset.name!r} exists ({path}); remove that file first or "
                                            "choose another name") from None
    except OSError as exc:
        raise FileProblem(f"--save-preset: cannot write {path}: {exc.strerror}") from None
    return path
