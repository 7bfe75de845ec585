"""`kzcn revenue` and `kzcn totals`: the transport-income series and the figures kzcn derives."""

from __future__ import annotations

from kzcn.cli.options import parse_year
from kzcn.cli.registry import command
from kzcn.errors import UsageError

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

if TYPE_CHECKING:
    from typing import Annotated, Optional

    import typer

    from kzcn.cli.completion import completer
    from kzcn.cli.options import Output


@command(
    short_help="Kazakhstan's transport income, or another series: stated, forecast and derived.",
    help="Example: kzcn revenue --year 2020 --json\n\n"
    "The transport sector's income as the article gives it, with derived figures (shares, remainders, growth) "
    "marked as computed by kzcn, and the figures other sources record that the reviews cite. --series NAME shows "
    "another series of the knowledge base (its facts' `series:`) the same way. Without --year: the whole series "
    "and a bar chart. A year with no figure is an error (exit 1) naming the years that have one; --interpolate "
    "estimates years between them, labelled as such. A series the knowledge base lacks is an error (exit 1) "
    "naming those it has.",
)
def revenue(
    ctx: typer.Context,
    year: Annotated[
        Optional[str],  # noqa: UP045 - read as text, so that a wrong value gets kzcn's own plain message
        typer.Option("--year", "-y", metavar="YEAR", help="Only this year.", autocompletion=completer("year")),
    ] = None,
    interpolate: Annotated[
        bool, typer.Option("--interpolate", help="Estimate a year between stated ones (labelled interpolated).")
    ] = False,
    series: Annotated[
        str,
        typer.Option(
            "--series",
            metavar="NAME",
            help="The series to show (default: transport-income).",
            autocompletion=completer("series"),
        ),
    ] = "transport-income",
    *,
    output: Output,
) -> None:
    from kzcn.queries import figures

    if not series.strip():
        raise UsageError("--series needs a series name, such as --series transport-income")
    if interpolate and year is None:
        raise UsageError("--interpolate needs --year: it estimates one year between two that have a figure")
    wanted = None if year is None else parse_year(year)
    output.emit(lambda kb: figures.revenue(kb, series=series, year=wanted, interpolate=interpolate))


@command(
    short_help="Every derived figure with its arithmetic.",
    help="Example: kzcn totals --explain china-share-2017\n\n"
    "The figures kzcn computes from facts (declared under `derived:` in the knowledge base): formula, input "
    "facts with their values, and result. None of them is stated by the source.",
)
def totals(
    ctx: typer.Context,
    explain: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--explain", metavar="ID", help="Only this derived figure, in full.", autocompletion=completer("derived")
        ),
    ] = None,
    *,
    output: Output,
) -> None:
    from kzcn.queries.totals import totals as totals_query

    output.emit(lambda kb: totals_query(kb, explain=explain))
