"""`kzcn report`: a fact sheet of the whole knowledge base, for a colleague who will never run a command line."""

from __future__ import annotations

from kzcn.cli.filters import FROM_OPTIONS, RULE
from kzcn.cli.registry import command

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

if TYPE_CHECKING:
    import typer

    from kzcn.cli.options import Output
    from kzcn.queries.filters import Filters

REPORT_FILTERS = ("topic", "kind", "modality", "entity", "year", "source", "verdict")
"""The filters of the fact sheet: those of `kzcn facts` but the search."""


@command(
    short_help="A fact-check to publish: Markdown or one self-contained HTML page.",
    help="Example: kzcn report --format html -o factsheet.html\n\n"
    "The knowledge base's title and lead; the verdicts counted and the findings that matter most; a card per claim "
    "a record can bear on (its words, who says it, the verdict, what the record shows, the evidence with links); "
    "the other claims listed; the source and what is unknown of it; the claims counted; the key figures; the "
    "transport-income chart; the caveats; the annotated article; the sources. --format markdown renders on GitHub "
    "and GitLab; --format html is one file with no script and nothing fetched; json and ndjson give every section, "
    "as one object; csv and tsv give the key figures.\n\n"
    "The options make a sheet of the claims that pass them, its title saying so: their figures, chart, reviews, "
    "caveats and marks, the evidence their reviews cite, and a derived figure only when every fact it is computed "
    f"from is kept; the source and the sources stay whole. {RULE}",
    filters=REPORT_FILTERS,
)
def report(ctx: typer.Context, filters: Filters = FROM_OPTIONS, *, output: Output) -> None:
    from kzcn.errors import UsageError
    from kzcn.queries.report import report as build_report
    from kzcn.render import Format

    if output.fields is not None and output.format in (Format.json, Format.ndjson):
        # The JSON contract: report's JSON is one document whatever the options, never a table cut from it.
        raise UsageError(
            f"report --format {output.format.value} is the whole fact sheet, one object of sections; --fields picks "
            "the key figures' columns in --format csv or tsv"
        )
    output.emit(lambda kb: build_report(kb, filters))
