"""The commands kzcn has, recorded without Typer: the Typer app is built from this list (kzcn/cli/typer_app.py), and the
fast path (kzcn/cli/fast.py) runs a command from it without importing Typer at all."""

from __future__ import annotations

from collections.abc import Callable

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)
if TYPE_CHECKING:
    from typing import NamedTuple
else:
    from kzcn.records_light import NamedTuple

OUTPUT = "output"
"""A command that takes the output options (--format, --json, --fields, ...) receives an `Output` under this name."""


class Registered(NamedTuple):
    """One command, as its module declares it. (A NamedTuple: defined on every run, cheaper than a dataclass.)"""

    function: Callable[..., None]
    """The command itself: its parameters are declared for Typer by their (unevaluated) annotations."""
    short_help: str
    """The line `kzcn --help` shows for it."""
    help: str
    """Its own --help text."""
    filters: tuple[str, ...]
    """The filters it takes (kzcn/cli/filters.py), handed to it as one `Filters` value; empty for none."""
    output: bool
    """Whether it takes the output options and receives an `Output`."""
    group: str | None
    """The group it belongs to (`export`), or None for a command of kzcn itself."""

    @property
    def name(self) -> str:
        """The command's name on the command line: its function's name, as Typer makes it."""
        return self.function.__name__.lower().replace("_", "-")


class Group(NamedTuple):
    """A group of commands (`kzcn export ...`)."""

    name: str
    """Its name on the command line."""
    short_help: str
    """The line `kzcn --help` shows for it."""
    help: str
    """Its own --help text."""


ENTRIES: list[Registered | Group] = []
"""Every command and group, in the order the modules declare them: the order of `kzcn --help`."""


def command(
    *,
    short_help: str,
    help: str,
    filters: tuple[str, ...] = (),
    output: bool = True,
    group: str | None = None,
) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Records a command; the function is returned as it is, so its module can be imported without Typer."""

    def record(function: Callable[..., None]) -> Callable[..., None]:
        ENTRIES.append(Registered(function, short_help, help, filters, output, group))
        return function

    return record


def group(name: str, *, short_help: str, help: str) -> None:
    """Records a group of commands; its commands name it with `group=`."""
    ENTRIES.append(Group(name, short_help, help))
