"""The fast path's table, read off the Typer app: `python -m kzcn.cli.fast_spec` writes kzcn/cli/fast_table.json,
and tests/cli/test_fast.py fails while the table written differs from the app. JSON, not Python: the json module is
loaded on every run anyway (the parse cache), and reading the table with it costs a tenth of running a module of
dict displays (0.15 against 1.9 ms)."""

import enum
import inspect
import json
import re
import sys
import typing
from pathlib import Path
from typing import Any

import typer
from typer._click import Command
from typer._click.types import BoolParamType, IntParamType, IntRange, StringParamType
from typer._types import TyperChoice
from typer.core import TyperArgument, TyperOption

from kzcn.cli.options import OUTPUT_OPTIONS
from kzcn.cli.registry import ENTRIES, Registered
from kzcn.cli.typer_app import TYPER_COMMANDS, app, main_options

TABLE_PATH = Path(__file__).with_name("fast_table.json")

ROOT_OPTIONS = ("facts", "no_color", "no_pager")
"""The global options the fast path reads; the others (--version, --install-completion, ...) are Typer's to run."""


class Unreadable(Exception):
    """A parameter the fast path does not read (a count, a prompt, an eager callback, ...): its command stays
    on the Typer path."""


def _enum_of(function: Any, name: str) -> str | None:
    """`module:Class` of the enum a parameter's annotation names (Typer converts a choice to it), else None."""
    annotation = inspect.signature(function).parameters[name].annotation
    for part in typing.get_args(typing.get_args(annotation)[0]) or (typing.get_args(annotation)[0],):
        if isinstance(part, type) and issubclass(part, enum.Enum):
            return f"{part.__module__}:{part.__qualname__}"
    return None


def _check_readable(param: TyperOption) -> None:
    """Raises Unreadable for an option whose reading Click does more with than take its words."""
    unread = param.count or param.prompt or param.envvar or param.is_eager or param.callback or param.secondary_opts
    if unread or param.nargs != 1 or not param.expose_value:
        raise Unreadable(param.name)


def _kind(param: TyperOption, function: Any) -> tuple[Any, ...]:
    """How an option's value is read: ("flag",), or (type, multiple, ...) as kzcn/cli/fast.py's _converted reads."""
    _check_readable(param)
    if param.is_flag:
        if not param.is_bool_flag or not isinstance(param.type, BoolParamType) or param.multiple:
            raise Unreadable(param.name)
        return ("flag", False)
    if isinstance(param.type, IntRange):
        if param.type.min_open or param.type.max_open or param.type.clamp:
            raise Unreadable(param.name)
        return ("int", param.multiple, param.type.min, param.type.max)
    if isinstance(param.type, IntParamType):
        return ("int", param.multiple, None, None)
    if isinstance(param.type, TyperChoice):
        if not param.type.case_sensitive:
            raise Unreadable(param.name)
        return ("choice", param.multiple, tuple(param.type.choices), _enum_of(function, str(param.name)))
    if isinstance(param.type, StringParamType):
        return ("text", param.multiple)
    raise Unreadable(param.name)


def _completion_of(annotation: Any) -> tuple[str, str] | None:
    """What completes a parameter: ("facet", its name) for the knowledge base's values (kzcn.cli.completion's
    `completer`), ("choices", a function of kzcn.cli.completion) for a fixed list, else None."""
    for info in typing.get_args(annotation)[1:]:
        complete = getattr(info, "autocompletion", None)
        if complete is None:
            continue
        if hasattr(complete, "facet"):
            return ("facet", complete.facet)
        assert complete.__module__ == "kzcn.cli.completion", complete
        return ("choices", complete.__name__)
    return None


def _read(command: Command, function: Any, names: tuple[str, ...] | None = None) -> dict[str, Any]:
    """Options, their kinds, defaults and completions, and the one argument, of a Click command (or of the app:
    `names`)."""
    options: dict[str, str] = {}
    params: dict[str, tuple[Any, ...]] = {}
    defaults: dict[str, Any] = {}
    complete: dict[str, tuple[str, str]] = {}
    argument = None
    signature = inspect.signature(function)
    for param in command.params:
        name = str(param.name)
        if names is not None and name not in names:
            continue
        if isinstance(param, TyperArgument):
            if argument is not None or param.nargs not in (1, -1):
                raise Unreadable(name)
            argument = (name, param.nargs, param.required)
        else:
            assert isinstance(param, TyperOption)
            params[name] = _kind(param, function)
            options |= dict.fromkeys(param.opts, name)
        default = signature.parameters[name].default
        if default is not inspect.Parameter.empty:
            defaults[name] = default
        completion = _completion_of(signature.parameters[name].annotation)
        if completion is not None:
            complete[name] = completion
    return {"options": options, "params": params, "defaults": defaults, "complete": complete, "argument": argument}


def _part(read: dict[str, Any], names: tuple[str, ...]) -> dict[str, Any]:
    """The options, kinds and defaults of the parameters `names`, out of a command's."""
    return {
        "options": {option: name for option, name in read["options"].items() if name in names},
        "params": {name: kind for name, kind in read["params"].items() if name in names},
        "defaults": {name: default for name, default in read["defaults"].items() if name in names},
        "complete": {name: completion for name, completion in read["complete"].items() if name in names},
    }


def table() -> dict[str, Any]:
    """The app's global options, the output options and filters commands share, and each command the fast path
    can read with its own parameters; as fast_table.json holds them."""
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    shared: dict[str, dict[str, Any]] = {}
    commands: dict[str, Any] = {}
    for entry in ENTRIES:
        if not isinstance(entry, Registered) or entry.group is not None:
            continue  # a group's commands stay on the Typer path
        try:
            read = _read(group.commands[entry.name], TYPER_COMMANDS[entry.name])
        except Unreadable:
            continue
        common = (OUTPUT_OPTIONS if entry.output else ()) + tuple(name for name in entry.filters if name != "text")
        for name in common:  # declared once (kzcn/cli/declarations.py), so read alike for every command
            part = _part(read, (name,))
            assert shared.setdefault(name, part) == part, name
        first = next(iter(inspect.signature(entry.function).parameters), None)
        argument = () if read["argument"] is None else (read["argument"][0],)
        own = tuple(name for name in (*read["params"], *read["defaults"], *argument) if name not in common)
        commands[entry.name] = _part(read, own) | {
            "shared": common,
            "argument": read["argument"],
            "module": entry.function.__module__,
            "function": entry.function.__name__,
            "context": first == "ctx",
            "output": entry.output,
            "filters": entry.filters,
        }
    return {"ROOT": _read(group, main_options, ROOT_OPTIONS), "SHARED": shared, "COMMANDS": commands}


def source() -> str:
    """The text of fast_table.json: one key a line, each list on one line."""
    text = json.dumps(table(), indent=1)
    return re.sub(r"\[\s+([^\[\]{}]*?)\s+\]", lambda m: "[" + re.sub(r",\s+", ", ", m.group(1)) + "]", text) + "\n"


if __name__ == "__main__":
    TABLE_PATH.write_text(source(), encoding="utf-8")
    sys.stdout.write(f"wrote {TABLE_PATH}\n")
