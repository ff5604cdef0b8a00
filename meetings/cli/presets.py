"""Presets for `meetings import`: reading a preset into the command's defaults, saving one, listing them."""

from pathlib import Path
from typing import Any

import typer

PRESET = "meetings.preset"


# Options that belong to one run, never to a preset: what to do now, not how a source is read.
_RUN_ONLY = ("files", "preset", "list_presets", "save_preset", "dry_run", "rejects", "skipped_list")


def _import_options(ctx: typer.Context) -> dict[str, Any]:
    """The options of this command by their long names (without the dashes), the second name of an
    on/off pair (--month-first) included: long name -> (parameter, the value it stands for)."""
    from typer.core import TyperOption

    found: dict[str, Any] = {}
    for param in ctx.command.params:
        if isinstance(param, TyperOption) and param.name not in _RUN_ONLY:
            for opt in param.opts:
                if opt.startswith("--"):
                    found[opt[2:]] = (param, None)
            for opt in param.secondary_opts:
                found[opt[2:]] = (param, False)
    return found


def _source(ctx: typer.Context, name: str) -> str:
    """Where an option's value came from: COMMANDLINE, DEFAULT_MAP (the preset), DEFAULT, ..."""
    source = ctx.get_parameter_source(name)
    return source.name if source is not None else "DEFAULT"


def use_preset(ctx: typer.Context, param: typer.CallbackParam, value: str | None) -> str | None:
    """Read --preset before every other option: its options become the defaults of this command,
    so that an option given on the command line replaces the preset's."""
    from meetings.errors import InvalidInput
    from meetings.presets import find_preset

    if value is None or ctx.resilient_parsing:
        return value
    chosen = find_preset(value)
    where = f"preset {chosen.name} ({chosen.path})"
    known = _import_options(ctx)
    defaults: dict[str, Any] = {}
    for key, given in chosen.options.items():
        if key not in known:
            raise InvalidInput(where, f"options: {key!r} is not an option a preset can set; use "
                                      f"{', '.join(sorted(known))}")
        option, meaning = known[key]
        if isinstance(given, list) != bool(option.multiple):
            raise InvalidInput(where, f"options: {key} takes {'a list of values' if option.multiple else 'one value'}")
        if meaning is False:  # --month-first: true means day_first is False
            given = not given
        try:
            option.type_cast_value(ctx, given)
        except typer.BadParameter as exc:
            raise InvalidInput(where, f"options: {key}: {exc.message}") from None
        defaults[option.name] = given
    ctx.default_map = {**(ctx.default_map or {}), **defaults}
    ctx.meta[PRESET] = chosen
    return value


def with_preset(ctx: typer.Context, chosen: Any, name: str, given: list[str] | None) -> list[str] | None:
    """--map and --set on the command line replace the preset's column by column and field by field:
    the preset's pairs come first, and a later pair for the same column or field wins."""
    if _source(ctx, name) != "COMMANDLINE":
        return given
    for key, (option, _) in _import_options(ctx).items():
        if option.name == name and key in chosen.options:
            return [*chosen.options[key], *(given or [])]
    return given


def save_options_as_preset(ctx: typer.Context, name: str, chosen: Any, **merged: Any) -> None:
    """Write the options this command was given (with the preset's, if one was named) as a preset."""
    from enum import Enum

    from typer.models import TyperPath

    from meetings.presets import Preset, save_preset

    options: dict[str, Any] = {}
    for key, (option, meaning) in _import_options(ctx).items():
        if meaning is not None or key in options:
            continue
        if _source(ctx, option.name) not in ("COMMANDLINE", "DEFAULT_MAP"):
            continue
        value = merged.get(option.name, ctx.params[option.name])
        if value is None or value == () or value == []:
            continue
        if isinstance(option.type, TyperPath):  # a file named here is the same file from anywhere
            value = [str(Path(v).resolve()) for v in value] if option.multiple else str(Path(value).resolve())
        plain = [str(v.value if isinstance(v, Enum) else v) for v in value] if option.multiple else (
            value.value if isinstance(value, Enum) else value)
        options[key] = plain
    source = "saved with meetings import --save-preset" + (f", from the preset {chosen.name}: {chosen.source}"
                                                             if chosen else "")
    path = save_preset(Preset(name=name, source=source, options=options, columns=chosen.columns if chosen else {},
                              record=chosen.record if chosen else None))
    typer.echo(f"Saved the preset {name} in {path}; use it with meetings import --preset {name} FILE...", err=True)


def print_presets() -> None:
    from meetings.presets import all_presets

    for number, chosen in enumerate(all_presets()):
        if number:
            typer.echo("")
        typer.echo(f"{chosen.name}{'' if chosen.shipped else f'  (yours: {chosen.path})'}")
        typer.echo(f"  reads: {chosen.source}")
        sets = [_as_option(key, item) for key, value in chosen.options.items()
                for item in (value if isinstance(value, list) else [value])]
        typer.echo(f"  sets:  {' '.join(sets) or 'nothing'}")
        if chosen.columns:
            wanted = [" or ".join(repr(n) for n in (column, *others)) for column, others in chosen.columns.items()]
            typer.echo(f"  needs columns: {'; '.join(wanted)}")
        if chosen.record:
            typer.echo(f"  XML: each <{chosen.record}> element is a record")
        if chosen.countries:
            typer.echo(f"  reads countries: {'; '.join(f'{k!r} as {v}' for k, v in chosen.countries.items())}")


def _as_option(key: str, value: Any) -> str:
    """A preset's option as it would be typed: --skip-invalid, --year 2014, --map 'A B=title'."""
    import shlex

    if value is True:
        return f"--{key}"
    return f"--{key} {'false' if value is False else shlex.quote(str(value))}"


def record_element(label: str, preset: Any) -> str:
    from meetings.errors import InvalidInput
    from meetings.presets import all_presets

    if preset is not None and preset.record:
        return str(preset.record)
    readers = [p.name for p in all_presets() if p.record]
    raise InvalidInput(label, f"is XML; name a preset that says which element is a record: --preset "
                              f"{' or '.join(readers)}")
