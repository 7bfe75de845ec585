"""The fast path: a well-formed command line run without importing Typer, from the table read off the Typer app.

Importing Typer costs about 4.5 times Python's own start-up, on every run (benchmarks/README.md). Most command
lines are plain (`kzcn revenue --year 2020 --json`), and for those this module does what Typer and Click would:
it reads the options with the table in kzcn/cli/fast_table.json (written from the Typer app by
kzcn/cli/fast_spec.py, and compared with it by tests/cli/test_fast.py), then calls the same command with the same
arguments. It only ever accepts what it is sure Click accepts the same way; anything else (--help, a typo, an
option it cannot read, a group such as `export`) is declined, and the Typer app runs as before: so every message
and status still comes from one place.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import Any, NamedTuple
else:
    from kzcn.records_light import NamedTuple


def _table() -> dict[str, Any]:
    """The table; an empty one (every command line goes to Typer) where it cannot be read, as from a zip file."""
    try:
        with open(os.path.join(os.path.dirname(__file__), "fast_table.json"), encoding="utf-8") as file:
            table: dict[str, Any] = json.load(file)
    except (OSError, ValueError):
        return {"ROOT": {"options": {}, "params": {}, "defaults": {}, "complete": {}}, "SHARED": {}, "COMMANDS": {}}
    return table


_TABLE = _table()
ROOT: dict[str, Any] = _TABLE["ROOT"]
"""The global options (--facts, --no-color, --no-pager): their words, kinds and defaults."""
SHARED: dict[str, Any] = _TABLE["SHARED"]
"""The options several commands share, declared once: the output options and the filters, each by name."""
COMMANDS: dict[str, Any] = _TABLE["COMMANDS"]
"""Each command the fast path reads, by name: its own parameters, the shared ones it takes, and where it is."""


class Call(NamedTuple):
    """A command line read: the command, the global options before it and the command's own arguments."""

    command: str
    """The command's name."""
    root: dict[str, Any]
    """The global options (facts, no_color, no_pager), as the app's callback receives them."""
    arguments: dict[str, Any]
    """The command's parameters by name, as Typer would hand them to the command."""


class _Declined(Exception):
    """Not a command line the fast path reads: the Typer app takes it."""


def read(argv: list[str]) -> Call | None:
    """The command line read as Click would read it, or None where the fast path is not sure it would."""
    try:
        root, rest = _read_options(ROOT, argv, stop_at_argument=True)
        if not rest or rest[0] not in COMMANDS:
            return None
        name = rest[0]
        spec = _spec(name)
        arguments, positional = _read_options(spec, rest[1:], stop_at_argument=False)
        _place_arguments(spec, positional, arguments)
    except _Declined:
        return None
    return Call(name, root, arguments)


_PARTS = ("options", "params", "defaults", "complete")
"""What a command's table has of each parameter: its option words, kind, default and completion."""


def _spec(name: str) -> dict[str, Any]:
    """A command's options, kinds and defaults: its own, and those it shares (the output options, the filters)."""
    own = COMMANDS[name]
    spec = {key: dict(own[key]) for key in _PARTS} | {"argument": own["argument"]}
    for shared in own["shared"]:
        for key in _PARTS:
            spec[key] |= SHARED[shared][key]
    return spec


def _read_options(spec: dict[str, Any], argv: list[str], *, stop_at_argument: bool) -> tuple[dict[str, Any], list[str]]:
    """The options of `spec` in `argv` and the positional words; at the top, the words from the command on."""
    values = dict(spec["defaults"])
    given: dict[str, list[Any]] = {}
    positional: list[str] = []
    index = 0
    while index < len(argv):
        word = argv[index]
        index += 1
        if not word.startswith("-") or word == "-":
            if word == "-":
                raise _Declined
            if stop_at_argument:
                return _finished(spec, values, given), argv[index - 1 :]
            positional.append(word)
            continue
        name, inline = _option(spec, word)
        kind = spec["params"][name]
        if kind[0] == "flag":
            if inline is not None:
                raise _Declined  # --flag=value: Click's error
            given.setdefault(name, []).append(True)
            continue
        if inline is None:
            if index == len(argv) or argv[index].startswith("-"):
                raise _Declined  # no value, or one Click might read otherwise
            inline = argv[index]
            index += 1
        given.setdefault(name, []).append(_converted(kind, inline))
    return _finished(spec, values, given), positional


def _option(spec: dict[str, Any], word: str) -> tuple[str, str | None]:
    """The parameter an option word names, and the value written into the word itself (--year=2020, -y2020)."""
    options = spec["options"]
    if word.startswith("--"):
        option, equals, value = word.partition("=")
        if option not in options:
            raise _Declined
        return options[option], value if equals else None
    if "=" in word or word[:2] not in options:
        raise _Declined
    name = options[word[:2]]
    if len(word) == 2:
        return name, None
    if spec["params"][name][0] == "flag":
        raise _Declined  # a cluster of short flags (-vk): Click reads it, but this path need not
    return name, word[2:]


def _converted(kind: tuple[Any, ...], text: str) -> Any:
    """An option's value as Click converts it: text, a whole number within its bounds, or one of its choices."""
    if kind[0] == "text":
        return text
    if kind[0] == "int":
        try:
            number = int(text)  # as Click's INT converts text
        except ValueError:
            raise _Declined from None
        low, high = kind[2], kind[3]
        if (low is not None and number < low) or (high is not None and number > high):
            raise _Declined
        return number
    if kind[0] == "choice":
        if text not in kind[2]:
            raise _Declined
        return _enum(kind[3])(text) if kind[3] else text
    raise _Declined


def _enum(path: str) -> Any:
    """The enum class a choice converts to, by its module and name (`kzcn.render.options:Format`)."""
    import sys

    module, _, name = path.partition(":")
    __import__(module)
    return getattr(sys.modules[module], name)


def _finished(spec: dict[str, Any], values: dict[str, Any], given: dict[str, list[Any]]) -> dict[str, Any]:
    """The values given over the defaults: a repeated option keeps all its values, a single one its last."""
    for name, found in given.items():
        values[name] = found if spec["params"][name][1] else found[-1]
    return values


def _place_arguments(spec: dict[str, Any], positional: list[str], arguments: dict[str, Any]) -> None:
    """The positional words given to the command's one argument, as Click assigns them."""
    argument = spec["argument"]
    if argument is None:
        if positional:
            raise _Declined  # Click: "Got unexpected extra argument"
        return
    name, nargs, required = argument
    if nargs == -1:
        arguments[name] = positional or None
    elif len(positional) == 1:
        arguments[name] = positional[0]
    elif positional or required:
        raise _Declined


class _Context(NamedTuple):
    """What a command reads of Typer's context: `obj`, the global options the app's callback keeps."""

    obj: Any
    """The GlobalOptions."""


def run(call: Call) -> int:
    """Runs the command read, as the Typer app would; its exit status (kzcn/cli/status.py maps what it raises)."""
    from kzcn.cli.status import report

    try:
        _invoke(call)
    except BaseException as error:
        status = report(error)
        if status is None:
            raise
        return status
    return 0


def _invoke(call: Call) -> None:
    """The app's callback, then the command's decorators (kzcn/cli/declarations.py), then the command: in that
    order, so that the first wrong option is the one reported, as on the Typer path."""
    import sys

    from kzcn.cli.options import OUTPUT_OPTIONS, global_options_given, make_output

    spec = COMMANDS[call.command]
    root = call.root
    before = global_options_given(root["facts"], no_color=root["no_color"], no_pager=root["no_pager"])
    arguments = dict(call.arguments)
    if spec["output"]:
        arguments["output"] = make_output(before, **{name: arguments.pop(name) for name in OUTPUT_OPTIONS})
    if spec["filters"]:
        from kzcn.cli.filters import given_filters

        arguments["filters"] = given_filters(**{name: arguments.pop(name) for name in spec["filters"]})
    __import__(spec["module"])
    command = getattr(sys.modules[spec["module"]], spec["function"])
    if spec["context"]:
        command(_Context(before), **arguments)
    else:
        command(**arguments)


def complete(environ: Mapping[str, str]) -> str | None:
    """Bash's completion of a value kzcn offers (a fact id, a topic, a kind, ...), as Typer's completion would
    answer it; None for anything else (another shell, an option's name, a command's name): Typer answers that."""
    if environ.get("_KZCN_COMPLETE") != "complete_bash":
        return None
    words = _bash_words(environ.get("COMP_WORDS", ""))
    try:
        cword = int(environ["COMP_CWORD"])
    except (KeyError, ValueError):
        return None
    if words is None or cword < 1:
        return None
    args, incomplete = words[1:cword], words[cword] if cword < len(words) else ""
    if incomplete.startswith("-") or "--" in args:
        return None
    try:
        root, rest = _read_options(ROOT, args, stop_at_argument=True)
        if not rest or rest[0] not in COMMANDS:
            return None  # the command's name itself, or a group's command
        target = _completed(_spec(rest[0]), rest[1:])
    except _Declined:
        return None
    if target is None:
        return None
    from kzcn.cli import completion

    source, name = target
    values = (
        completion.facet_completions(root["facts"], name, incomplete)
        if source == "facet"
        else (getattr(completion, name)(incomplete))
    )
    # Typer keeps only the values that start with what was typed, case and all: so does this path.
    return "\n".join(completion.bash_word(value) for value in values if value.startswith(incomplete))


def _completed(spec: dict[str, Any], words: list[str]) -> tuple[str, str] | None:
    """What completes the next word after the command's `words`: the option just written, else the command's
    argument while it still takes words; None where no completion of kzcn's own applies."""
    if words and words[-1] in spec["options"]:
        name = spec["options"][words[-1]]
        if spec["params"][name][0] != "flag":
            _read_options(spec, words[:-1], stop_at_argument=False)  # the words before must read cleanly
            return _completion(spec, name)
    _, positional = _read_options(spec, words, stop_at_argument=False)
    argument = spec["argument"]
    if argument is None or (argument[1] == 1 and positional):
        return None
    return _completion(spec, argument[0])


def _completion(spec: dict[str, Any], name: str) -> tuple[str, str] | None:
    """What completes the parameter `name`: ("facet", a facet) or ("choices", a function), else None."""
    found: tuple[str, str] | None = spec["complete"].get(name)
    return found


def _bash_words(line: str) -> list[str] | None:
    """COMP_WORDS split as Click splits it (shlex), for a line without quotes, escapes or unusual spaces; else None."""
    if any(character in "'\"\\" or (character.isspace() and character not in " \t\r\n") for character in line):
        return None
    return line.split()  # the only spaces left are shlex's own: space, tab, carriage return, newline
