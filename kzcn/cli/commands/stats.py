"""`kzcn stats`: counts of facts by kind, topic, entity, source and year."""

from __future__ import annotations

from kzcn.cli.registry import command

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

if TYPE_CHECKING:
    import typer

    from kzcn.cli.options import Output


@command(
    short_help="Counts of facts by kind, topic, entity, source and year.",
    help="Example: kzcn stats --format csv\n\nHow many facts there are of each kind, topic, entity, source and year.",
)
def stats(ctx: typer.Context, *, output: Output) -> None:
    from kzcn.queries.overview import stats as stats_query

    output.emit(stats_query)
