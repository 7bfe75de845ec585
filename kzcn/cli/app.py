"""The Typer app: its global options, and `command`, the one way a command joins it."""

from collections.abc import Callable
from typing import Annotated

import typer

from kzcn import __version__
from kzcn.cli.options import FactsOption, GlobalOptions, NoColorOption, NoPagerOption, handles_errors, with_output
from kzcn.cli.status import EXIT_STATUS_HELP
from kzcn.kb.load import resolve_facts_path

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


def command(*, short_help: str, help: str) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Registers a command that takes the output options and whose errors become messages and exit statuses."""

    def register(function: Callable[..., None]) -> Callable[..., None]:
        app.command(short_help=short_help, help=help)(handles_errors(with_output(function)))
        return function

    return register


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
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Print kzcn's version and exit.")
    ] = False,
) -> None:
    # Kept for the command that follows, which reads it through options.global_options.
    ctx.obj = GlobalOptions(facts_path=resolve_facts_path(facts), no_color=no_color, no_pager=no_pager)


__all__ = ["app", "command"]
