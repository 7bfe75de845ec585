"""The Typer app: its global options, and every command of kzcn/cli/registry.py joined to it with what it takes."""

from collections.abc import Callable
from typing import Annotated, Any, Optional

import typer

from kzcn import __version__
from kzcn.cli import commands, declarations
from kzcn.cli.completion import completer
from kzcn.cli.declarations import FactsOption, NoColorOption, NoPagerOption, handles_errors, with_filters, with_output
from kzcn.cli.options import global_options_given
from kzcn.cli.registry import ENTRIES, OUTPUT, Group, Registered
from kzcn.cli.status import EXIT_STATUS_HELP

app = typer.Typer(
    name="kzcn",
    help="Explore the claims of one article on Kazakhstan-China economic cooperation: facts, sources and derived "
    "totals, each traceable to a verbatim quote.\n\nExample: kzcn facts --kind forecast",
    epilog=EXIT_STATUS_HELP,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kzcn {__version__}")
        raise typer.Exit(0)


@app.callback()
@handles_errors
def main_options(
    ctx: typer.Context,
    facts: FactsOption = None,
    no_color: NoColorOption = False,
    no_pager: NoPagerOption = False,
    version: Annotated[
        bool, typer.Option("--version", "-V", callback=_version, is_eager=True, help="Print kzcn's version and exit.")
    ] = False,
) -> None:
    # Kept for the command that follows, which reads it through options.global_options.
    ctx.obj = global_options_given(facts, no_color=no_color, no_pager=no_pager)


_NAMES: dict[str, Any] = {"typer": typer, "Annotated": Annotated, "Optional": Optional, "completer": completer}
"""What a command's annotations may name besides its own module's globals: Typer and the declarations."""


def _with_annotations(function: Callable[..., None]) -> Callable[..., None]:
    """The command with its annotations evaluated, as Typer reads them. Command modules postpone them (they never
    import Typer, so the fast path need not either): they are text until the app is built, here. `output` and
    `filters` stay text: the decorators below replace those parameters."""
    names = {**vars(declarations), **_NAMES, **function.__globals__}
    function.__annotations__ = {
        name: eval(annotation, names) if isinstance(annotation, str) and name not in (OUTPUT, "filters") else annotation
        for name, annotation in function.__annotations__.items()
    }
    return function


def _typer_command(entry: Registered) -> Callable[..., Any]:
    """The command as Typer runs it: its filters and output options given, its errors become exit statuses."""
    function = _with_annotations(entry.function)
    if entry.filters:
        function = with_filters(*entry.filters)(function)
    if entry.output:
        function = with_output(function)
    return handles_errors(function)


TYPER_COMMANDS: dict[str, Callable[..., Any]] = {}
"""kzcn's own commands (not a group's) as Typer runs them, by name: kzcn/cli/fast_spec.py reads their parameters."""


def _join_commands() -> None:
    """Joins every recorded command and group to the app, in the order their modules declare them."""
    groups: dict[str, typer.Typer] = {}
    for entry in ENTRIES:
        if isinstance(entry, Group):
            groups[entry.name] = typer.Typer(
                name=entry.name, help=entry.help, no_args_is_help=True, rich_markup_mode=None
            )
            app.add_typer(groups[entry.name], short_help=entry.short_help)
            continue
        parent = app if entry.group is None else groups[entry.group]
        built = _typer_command(entry)
        parent.command(entry.name, short_help=entry.short_help, help=entry.help)(built)
        if entry.group is None:
            TYPER_COMMANDS[entry.name] = built


assert commands.__all__  # importing the package recorded the commands
_join_commands()

__all__ = ["TYPER_COMMANDS", "app"]
