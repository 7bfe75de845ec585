"""`kzcn facts`, `kzcn show` and `kzcn sources`: the article's claims and where they come from."""

from __future__ import annotations

from kzcn.cli.filters import FROM_OPTIONS, RULE
from kzcn.cli.registry import command

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

if TYPE_CHECKING:
    from typing import Annotated, Optional

    import typer

    from kzcn.cli.completion import completer
    from kzcn.cli.options import Output
    from kzcn.queries.filters import Filters


@command(
    short_help="List the facts, filtered and searched.",
    help="Example: kzcn facts --topic transport --year 2017\n\n"
    "List the article's claims as a table: id, kind, who says it, statement, quantity, time, verdict, source and "
    "paragraph. --modality keeps claims the article asserts, reports, predicts, makes on a condition or hedges. "
    f"{RULE} TEXT is a search, not an option: words that must all appear in a fact's statement or "
    'quotes, in any order, ignoring case; a quoted phrase ("grain to Vietnam") must appear as it stands. '
    "--year Y matches facts in Y (a point), since Y or earlier (a start), and by Y (a target). "
    "No match is not an error: kzcn says so and exits 0.",
    filters=("text", "topic", "kind", "modality", "entity", "year", "source", "verdict"),
)
def facts(
    ctx: typer.Context,
    filters: Filters = FROM_OPTIONS,
    evidence: Annotated[
        bool, typer.Option("--evidence", help="The facts of the other sources (evidence) instead of the article's.")
    ] = False,
    sort: Annotated[
        str, typer.Option("--sort", help="Order: source (the article's order), id, kind or year.")
    ] = "source",
    limit: Annotated[Optional[int], typer.Option("--limit", "-n", min=0, help="At most this many facts.")] = None,  # noqa: UP045
    *,
    output: Output,
) -> None:
    from kzcn.queries.facts import SORT_KEYS, list_facts
    from kzcn.queries.filters import choice

    sort = choice("--sort", sort, SORT_KEYS)  # before loading, as the filters' own choices: a typo fails fast
    output.emit(lambda kb: list_facts(kb, filters, evidence=evidence, sort=sort, limit=limit))


@command(
    short_help="One fact in full, with its quote in context.",
    help="Example: kzcn show transport-income-2017\n\n"
    "Every field of one fact, its quote highlighted inside its paragraph of the source, and the derived figures "
    "that use it. An unknown id is an error (exit 1) that suggests the closest ids.",
)
def show(
    ctx: typer.Context,
    fact_id: Annotated[str, typer.Argument(metavar="ID", help="The fact's id.", autocompletion=completer("id"))],
    *,
    output: Output,
) -> None:
    from kzcn.queries.facts import show_fact

    output.emit(lambda kb: show_fact(kb, fact_id))


@command(
    short_help="The sources and what is known of them.",
    help="Example: kzcn sources\n\n"
    "Each source with its kind, title, publisher, language, view count and fingerprint (or unknown where the "
    "source does not say), and how many facts cite it.",
)
def sources(ctx: typer.Context, *, output: Output) -> None:
    from kzcn.queries.overview import list_sources

    output.emit(list_sources)
